"""The whole explainer on one page for printing, and as one PDF printed from it by Chromium.

``print_page`` runs after a build (``steps.finish``): it takes the finished HTML of every
page in nav order, so the math is already typeset by KaTeX and the figures and equations keep their
numbers and anchors, and writes ``print/index.html`` with a title page (``title_page``) that carries
the citation. Links between pages become links inside the document; links to files are re-pointed
from ``print/``.

``python -m figures_src.site.printing SITE_DIR`` prints that page to ``SITE_DIR/<name>.pdf`` with
headless Chromium (Playwright driving Debian's ``chromium``); ``make pdf`` builds the site first.
Independent of MkDocs.
"""

from __future__ import annotations

import html
import os
import posixpath
import re
import sys
from pathlib import Path

from figures_src.project import Project
from figures_src.site import citation

PDF_NAME = "why-l1-gives-exact-zeros.pdf"
PRINT_DIR = "print/"
_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(?P<body>.*?)</article>', re.S)
_STYLESHEET = re.compile(r'<link rel="stylesheet" href="(?P<href>[^"]+)"\s*/?>')
_URL_ATTR = re.compile(r'\b(?P<attr>src|srcset|href)="(?P<url>[^"]*)"')  # srcset: one address
_FAVICON = re.compile(r'<link rel="icon" href="(?P<href>[^"]+)"')
_SCROLL_REGIONS = re.compile(r'<script src="(?P<src>[^"]*javascripts/scroll-regions\.js[^"]*)"')
_H1 = re.compile(r"<h1[^>]*>")
# the folds whose text belongs on paper: the exercises' answers, the verification page's claims
# (a test listing stays closed: its code is the repository's, a link away)
_FOLD = re.compile(r'<details class="(?P<kind>answer|info)"(?![^>]*\bopen\b)')
_EDIT_BUTTON = re.compile(r'<a [^>]*class="md-content__button md-icon"[^>]*>.*?</a>', re.S)


class PrintError(RuntimeError):
    """A page of the nav is missing from the built site, or has no article to print."""


def _section_id(url: str) -> str:
    return "print-" + (url.strip("/").replace("/", "-") or "home")


def _rewrite(fragment: str, page_url: str, printed: set[str]) -> str:
    """Point the relative links of a page published at ``page_url`` to where they lead from ``print/``."""

    def one(match: re.Match[str]) -> str:
        url = match["url"]
        if not url or url.startswith(("#", "/", "data:", "mailto:")) or re.match(r"^[a-z]+://", url):
            return match[0]
        path, _, anchor = url.partition("#")
        target = posixpath.normpath(posixpath.join(page_url or ".", path)) if path else page_url
        target = "" if target == "." else target
        page = target.removesuffix("index.html")
        page = page + "/" if page and not page.endswith("/") and "." not in posixpath.basename(page) else page
        if page in printed:  # another chapter: a link inside this document
            return f'{match["attr"]}="#{anchor or _section_id(page)}"'
        relative = posixpath.relpath(target or ".", PRINT_DIR.rstrip("/"))
        if page.endswith("/") or not page:  # a page that is not printed: keep its directory address
            relative += "/"
        return f'{match["attr"]}="{relative}{"#" + anchor if anchor else ""}"'

    return _URL_ATTR.sub(one, fragment)


def title_page(project: Project, site_url: str) -> str:
    """The print page's first page: the title, the version, where the site lives, how to cite it."""
    return (
        f"<h1>{html.escape(project.title)}</h1>\n"
        f"<p>Version {html.escape(project.version)}, released {project.released.isoformat()}. "
        "The whole explainer for offline reading; online at "
        f'<a href="{html.escape(site_url)}">{html.escape(site_url)}</a>.</p>\n'
        f"<h2>How to cite it</h2>\n<p>{html.escape(citation.apa(project))}</p>\n"
        f"<pre><code>{html.escape(citation.bibtex(project))}</code></pre>\n"
        f"<p>Text and figures: {html.escape(project.licence)} ({html.escape(project.licence_url)}). "
        f"Code: {html.escape(project.code_licence)}.</p>"
    )


def print_page(site_dir: Path, pages: list[tuple[str, str]], title_page: str, site_name: str) -> Path:
    """Write ``print/index.html``: ``title_page`` (HTML), then the article of each (title, url) page."""
    site_dir = Path(site_dir)
    pages = [(title, "" if url in (".", "./") else url) for title, url in pages]  # the home page is "./"
    printed = {url for _, url in pages}
    home = (site_dir / "index.html").read_text(encoding="utf-8")
    styles = "\n".join(
        f'<link rel="stylesheet" href="{posixpath.relpath(m["href"], PRINT_DIR.rstrip("/"))}">'
        for m in _STYLESHEET.finditer(home)
    )
    icon = _FAVICON.search(home)
    if icon is None:
        raise PrintError('the home page names no favicon (<link rel="icon">) for the print page to use')
    favicon = icon["href"]
    regions = _SCROLL_REGIONS.search(home)  # a tab stop for each box that scrolls sideways
    if regions is None:
        raise PrintError("the home page loads no javascripts/scroll-regions.js for the print page to use")
    scroll_script = posixpath.relpath(regions["src"], PRINT_DIR.rstrip("/"))
    sections = []
    for title, url in pages:
        source = site_dir / url / "index.html"
        if not source.exists():
            raise PrintError(f"the page '{title}' ({url or 'home'}) is not in the built site")
        article = _ARTICLE.search(source.read_text(encoding="utf-8"))
        if article is None:
            raise PrintError(f"the page '{title}' ({url or 'home'}) has no article to print")
        body = _rewrite(_EDIT_BUTTON.sub("", article["body"]), url, printed)
        body = _FOLD.sub(lambda m: f'<details class="{m["kind"]}" open', body)  # on paper, shown
        number, dot, _ = title.partition(" · ")
        if dot and number.isdigit():  # a chapter's heading carries its number, as in the nav
            opening = _H1.search(body)
            if opening:
                body = f"{body[: opening.end()]}{number} · {body[opening.end() :]}"
        sections.append(f'<section class="print-chapter" id="{_section_id(url)}">\n{body}\n</section>')
    document = f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex">
<link rel="icon" href="{posixpath.relpath(favicon, PRINT_DIR.rstrip("/"))}">
<title>{html.escape(site_name)} (the whole explainer, for print)</title>
{styles}
<script src="{scroll_script}" defer></script>
</head>
<body class="print-site" dir="ltr" data-md-color-scheme="default" data-md-color-primary="indigo"
  data-md-color-accent="deep-orange">
<div class="md-content"><article class="md-content__inner md-typeset">
<section class="print-title" id="{_section_id(PRINT_DIR)}">
{title_page}
</section>
{chr(10).join(sections)}
</article></div>
</body>
</html>
"""
    # a page made to be printed loads every figure at once: printing does not wait for a lazy image
    document = document.replace(' loading="lazy"', "")
    target = site_dir / PRINT_DIR / "index.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(document, encoding="utf-8")
    return target


def print_pdf(site_dir: Path, out: Path | None = None, chromium: str | None = None, browser=None) -> Path:
    """Print ``print/index.html`` of a built site to PDF with headless Chromium; return the PDF's path.

    Chromium is ``chromium`` (or ``$CHROMIUM``) on the PATH, or a running Playwright ``browser``.
    """
    import functools
    import http.server
    import shutil
    import threading

    site_dir = Path(site_dir)
    if not (site_dir / PRINT_DIR / "index.html").exists():
        raise PrintError(f"{site_dir} has no {PRINT_DIR}index.html: build the site first")
    executable = (
        chromium or os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    )
    if executable is None and browser is None:
        raise PrintError("Chromium is needed to print the PDF (apt-get install chromium)")
    out = Path(out) if out else site_dir / PDF_NAME

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Quiet, directory=str(site_dir))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()

    from playwright.sync_api import sync_playwright

    def print_with(chrome) -> None:
        tab = chrome.new_page()
        tab.emulate_media(media="print", color_scheme="light")
        tab.goto(f"http://127.0.0.1:{server.server_port}/{PRINT_DIR}", wait_until="networkidle")
        tab.evaluate("document.fonts.ready")
        tab.pdf(
            path=str(out),
            format="A4",
            print_background=True,
            margin={"top": "18mm", "bottom": "18mm", "left": "16mm", "right": "16mm"},
        )
        tab.close()

    try:
        if browser is not None:
            print_with(browser)
        else:
            with sync_playwright() as playwright:
                chrome = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox"])
                print_with(chrome)
                chrome.close()
    finally:
        server.shutdown()
    return out


if __name__ == "__main__":
    site = Path(sys.argv[1] if len(sys.argv) > 1 else "site")
    try:
        print(print_pdf(site))
    except PrintError as error:
        raise SystemExit(f"error: {error}") from None
