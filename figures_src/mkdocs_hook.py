"""MkDocs hook: the thin adapter between MkDocs' build events and figures_src.

- on_config: the version (from pyproject.toml) goes into the footer.
- on_files: draws stale figures (``render.py``) and adds every figure, light and dark, as a
  generated file at ``figures/NAME.svg`` / ``figures/NAME.dark.svg``, with the light one's PNG and
  PDF downloads; adds KaTeX's stylesheet and fonts from ``node_modules`` at ``assets/katex/``;
  executes stale notebooks (``notebooks.py``) and points mkdocs-jupyter at the executed copies, with
  the committed, output-free notebook as the download; indexes every page's numbered equations and
  figures, and generates the "How we checked the math" page from the tests (``verification.py``). It
  runs after mkdocs-jupyter's on_files, which has by then turned each ``.ipynb`` into a page.
- on_page_markdown: renders the citations from CITATION.cff (``citation.py``), numbers equations and
  figures, fills in cross-reference texts (``crossref.py``) and puts one line under each figure's
  caption: its downloads, a link to the script that draws it (on_config derives the repository
  address) and a "cite" button that opens its citation card. (on_files also gives the link-preview tags of
  ``theme/main.html`` the headline figure's alt text.)
- on_page_content: gives each figure its phone layout (a ``<picture>`` source); puts the cached,
  highlighted test listings into the verification page; on a
  notebook page, removes nbconvert's CDN script loaders, marks the math for KaTeX and adds the
  download box.
- on_post_page: mends the theme's search box for screen readers and keyboards (``accessibility.py``),
  then typesets the math with KaTeX (``typeset.py``), after search has indexed the page.
- on_serve: ``mkdocs serve`` also watches ``figures_src/`` and ``tests/``, so saving a figure module
  redraws it and editing a test updates the verification page.

Every failure stops the build with a message that names the figure module or the page.
"""

from __future__ import annotations

import logging
import re
import tomllib
from concurrent.futures import ThreadPoolExecutor
from html import escape
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.utils.meta import get_data

from figures_src import (
    accessibility,
    citation,
    crossref,
    fonts,
    notebooks,
    printing,
    render,
    typeset,
    typography,
    verification,
)

log = logging.getLogger("mkdocs.hooks.figures_src")

_state: dict = {}
PREVIEW_FIGURE = "headline_subgradients"  # keep in step with og:image in figures_src/theme/main.html


def _root(config) -> Path:
    return Path(config.config_file_path).resolve().parent


def on_config(config):
    root = _root(config)
    version = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    config.extra["version"] = version
    config.copyright = (config.copyright or "").replace("{version}", version)
    _state["source_base"] = _source_base(config)
    return config


def _source_base(config) -> str:
    """The repository's address for reading a file of the branch the site is built from, derived
    from ``repo_url`` and ``edit_uri`` (``edit/BRANCH/docs/``), which the edit buttons already use."""
    match = re.fullmatch(r"edit/(?P<branch>[^/]+)/docs/", config.edit_uri or "")
    if not config.repo_url or match is None:
        raise PluginError(
            f"mkdocs.yml: figure source links need repo_url and an edit_uri of the form edit/BRANCH/docs/ "
            f"(got {config.repo_url!r}, {config.edit_uri!r})"
        )
    return f"{config.repo_url.rstrip('/')}/blob/{match['branch']}/"


def on_files(files: Files, config) -> Files:
    root = _root(config)
    package_dir = root / "figures_src"
    cache = root / ".cache"
    notebook_pages = [f for f in files.documentation_pages() if _is_notebook(f)]
    # Stale notebooks run in their kernels while the figure processes draw: both mostly wait on
    # separate processes, so a cold build takes about the longer of the two, not their sum.
    with ThreadPoolExecutor(max_workers=1) as pool:
        executing = pool.submit(_execute_notebooks, notebook_pages, root)
        try:
            results = render.render(
                package_dir=package_dir, cache_dir=cache / "figures", light_only=render.DOWNLOAD_FORMATS
            )
        except render.FigureError as error:
            raise PluginError(f"A figure failed to draw, so the build stops.\n{error}") from None
        executed = executing.result()
    drawn = [r for r in results if r.status == "drawn"]
    log.info(
        "figures: %d drawn (%s), %d cached",
        len(drawn),
        ", ".join(f"{r.name} {r.seconds:.1f}s" for r in drawn) or "none",
        len(results) - len(drawn),
    )
    for result in results:
        for file_name, path in result.files.items():
            files.append(File.generated(config, f"figures/{file_name}", abs_src_path=str(path)))

    try:
        dist = typeset.katex_dir(root)
    except typeset.MathError as error:
        raise PluginError(str(error)) from None
    files.append(
        File.generated(config, "assets/katex/katex.min.css", abs_src_path=str(dist / "katex.min.css"))
    )
    for font in sorted((dist / "fonts").glob("*.woff2")):
        files.append(File.generated(config, f"assets/katex/fonts/{font.name}", abs_src_path=str(font)))
    try:  # the text font of the pages and the figures (fonts.py)
        for address, path in fonts.page_files(root):
            files.append(File.generated(config, address, abs_src_path=str(path)))
    except fonts.FontError as error:
        raise PluginError(str(error)) from None

    _state["downloads"] = _publish_notebooks(executed, files, config)

    pages = []
    for file in files.documentation_pages():
        if _is_notebook(file):
            continue
        _, meta = get_data(file.content_string)
        pages.append((file.src_uri, file.content_string, meta.get("chapter")))
    try:
        _state["index"] = crossref.build_index(pages)
    except crossref.CrossrefError as error:
        raise PluginError(str(error)) from None
    _state["figure_files"] = [r.name for r in results]
    sources = {path: markdown for path, markdown, _ in pages}
    _state["alt_texts"] = notebooks.figure_alt_texts(sources)
    _state["figure_anchors"] = notebooks.figure_anchors(sources)
    # the link-preview image (figures_src/theme/main.html) is the headline figure, described as on its page
    config.extra["og_image_alt"] = _state["alt_texts"].get(PREVIEW_FIGURE, "")
    files.append(File.generated(config, "verification.md", content=_verification_page(config, pages)))
    _state["typesetter"] = typeset.Typesetter(root, cache / "math")
    _state["files"] = files
    _state["citation"] = citation.load(root / "CITATION.cff")  # for every page and the print page
    return files


def _is_notebook(file) -> bool:
    return file.src_uri.endswith(".ipynb")


def _execute_notebooks(pages: list[File], root: Path) -> list[tuple[File, notebooks.Executed]]:
    """Each notebook page with its executed copy (run now if stale); a raising cell stops the build."""
    executed = []
    for file in pages:
        try:
            result = notebooks.execute(
                Path(file.abs_src_path), root / ".cache" / "notebooks", package_dir=root / "figures_src"
            )
        except notebooks.NotebookError as error:
            raise PluginError(f"The notebook {file.src_uri} failed, so the build stops.\n{error}") from None
        seconds = f" ({result.seconds:.1f}s)" if result.status == "executed" else ""
        log.info("notebook %s: %s%s", file.src_uri, result.status, seconds)
        executed.append((file, result))
    return executed


def _publish_notebooks(
    executed: list[tuple[File, notebooks.Executed]], files: Files, config
) -> dict[str, File]:
    """mkdocs-jupyter renders each executed copy; the committed, output-free notebook is the download.

    Returns the download file of each notebook page, by the page's ``src_uri``.
    """
    downloads = {}
    for file, result in executed:
        file.abs_src_path = str(result.path)  # what mkdocs-jupyter renders
        # the page already owns the src_uri "x.ipynb"; the download is published at that address
        download = File.generated(config, f"{file.src_uri}.download", abs_src_path=str(result.source))
        download.dest_uri = file.src_uri
        files.append(download)
        downloads[file.src_uri] = download
    return downloads


def _verification_page(config, pages: list[tuple[str, str, object]]) -> str:
    """The "How we checked the math" page, from the tests' ``checks`` marks (see verification.py)."""
    sources = {path: markdown for path, markdown, _ in pages}
    numbered: dict[str, list[tuple[str, str, str]]] = {}
    for target in _state["index"].values():
        numbered.setdefault(target.page, []).append((target.anchor, target.text, target.tex))
    anchors = {
        path: set(verification.headings(md)) | {anchor for anchor, _, _ in numbered.get(path, [])}
        for path, md in sources.items()
    }
    tests = verification.collect(_root(config) / "tests")
    unknown = verification.unknown_targets(tests, anchors)
    if unknown:
        raise PluginError("Tests declare checks of anchors that do not exist:\n  " + "\n  ".join(unknown))
    ordered = [(path, title, sources[path]) for title, path in _nav_pages(config.nav) if path in sources]
    _state["listings"] = verification.Listings(_root(config) / ".cache" / "listings.json")
    return verification.page_markdown(ordered, numbered, tests, _state["listings"])


def _nav_pages(nav) -> list[tuple[str, str]]:
    """(title, path) of every page in the nav, in order."""
    pages = []
    for item in nav or []:
        title, value = next(iter(item.items())) if isinstance(item, dict) else (item, item)
        pages += _nav_pages(value) if isinstance(value, list) else [(title, value)]
    return pages


def on_page_markdown(markdown: str, page, config, files) -> str:
    if _is_notebook(page.file):
        return markdown  # the notebook's JSON: mkdocs-jupyter renders it
    meta = _state["citation"]
    for match in re.finditer(r"<!-- citation:figure (?P<page>[\w./-]+)#(?P<anchor>fig-[\w-]+) -->", markdown):
        target = _state["index"].get(match["anchor"])
        if target is None or target.page != match["page"]:
            raise PluginError(f"{page.file.src_uri}: {match[0]} names no figure")
        url = f"{config.site_url or ''}{files.get_file_from_path(target.page).url}#{target.anchor}"
        markdown = markdown.replace(match[0], f"```text\n{citation.figure(meta, target.text, url)}\n```")
    markdown = markdown.replace("<!-- citation:bibtex -->", f"```bibtex\n{citation.bibtex(meta)}\n```")
    url = meta.get("url")  # in the prose, a link kept whole on its line (an address breaks at its hyphens)
    apa = f"{citation.apa(meta, url=f'[{url}]({url}){{ .url }}' if url else None, italic='*')}"
    apa += f"\n\n```text\n{citation.apa(meta)}\n```"
    markdown = markdown.replace("<!-- citation:apa -->", apa)
    page_url = (config.site_url or "") + page.url

    def figure_footer(target: crossref.Target, name: str) -> str:
        """One quiet line under the figure: SVG · PNG · PDF · source · cite. The downloads are
        Markdown links (MkDocs makes them relative to the page); "cite" opens a popover card with
        the figure's citation to copy and the command that redraws it."""
        links = " · ".join(
            f"[{label}](figures/{name}.{fmt}){{ download title='Download {target.text} as {title}' }}"
            for fmt, label, title in (
                ("svg", "SVG", "SVG"),
                ("png", "PNG", "PNG, 300 dpi"),
                ("pdf", "PDF", "PDF"),
            )
        )
        cite = citation.figure(meta, target.text, f"{page_url}#{target.anchor}")
        script = f"figures_src/figures/{name}.py"
        card = f"cite-{target.anchor}"
        source = (
            f"[source]({_state['source_base']}{script}){{ title='{script}, the script that draws "
            f"{target.text}' }}"
        )
        button = (
            f'<button type="button" class="figure-cite-button" popovertarget="{card}" '
            f'aria-label="Cite {target.text}">cite</button>'
        )
        return (
            f'<div class="figure-tools" markdown>\n\n{links} · {source} · {button}\n\n</div>\n'
            f'<div class="figure-cite" id="{card}" popover="auto" markdown>\n\n'
            f"**Cite {target.text}**\n\n```text\n{cite}\n```\n\n"
            f"Drawn by [`{name}.py`]({_state['source_base']}{script})"
            f"{{ title='{script} in the repository' }}; "
            # "python -m" kept on one line: a phone would otherwise break the line after the hyphen
            f'<code><span class="nobreak">python -m</span> figures_src {name}</code> redraws it.\n\n</div>'
        )

    try:
        return crossref.transform(
            page.file.src_uri, markdown, _state["index"], _state["figure_files"], figure_footer
        )
    except crossref.CrossrefError as error:
        raise PluginError(str(error)) from None


def on_page_content(html: str, page, config, files) -> str:
    html = typography.tie(html)  # no line break inside "407–499" or "chapter 8"
    if page.file.src_uri == "verification.md" and "listings" in _state:
        return _state["listings"].fill(html)
    if _is_notebook(page.file):
        download = _state["downloads"][page.file.src_uri]
        try:
            html = notebooks.clean_html(html)
            html = notebooks.describe_images(html, Path(page.file.abs_src_path), _state["alt_texts"])

            def address(name: str, file_name: str) -> str:
                return files.get_file_from_path(f"figures/{file_name}").url_relative_to(page.file)

            def figure_link(name: str) -> tuple[str, str]:
                anchor = _state["figure_anchors"].get(name)
                if anchor is None:
                    raise notebooks.NotebookError(
                        f"the notebook draws {name}, which no page shows as a figure"
                    )
                target = _state["index"][anchor]
                url = files.get_file_from_path(target.page).url_relative_to(page.file)
                return target.text, f"{url}#{anchor}"

            html = notebooks.show_site_figures(html, Path(page.file.abs_src_path), address, figure_link)
            html = notebooks.add_download_box(
                html, download.url_relative_to(page.file), Path(download.abs_src_path)
            )
            return crossref.responsive_pictures(html, render.NARROW_MEDIA)
        except notebooks.NotebookError as error:
            raise PluginError(f"{page.file.src_uri}: {error}") from None
    return crossref.responsive_pictures(html, render.NARROW_MEDIA)


def on_post_page(output: str, page, config) -> str:
    # After Material's search plugin has indexed the page (on_page_context), so the index holds
    # the readable TeX source instead of KaTeX's triple HTML/MathML/annotation text.
    try:
        output = accessibility.mend(output)
    except accessibility.MarkupChanged as error:
        raise PluginError(f"{page.file.src_uri}: {error}") from None
    try:
        return typeset.typeset_html(output, _state["typesetter"])
    except typeset.MathError as error:
        raise PluginError(f"{page.file.src_uri}: the math does not typeset.\n{error}") from None


def on_post_build(config) -> None:
    _release()
    files = _state.get("files")
    if files is None:
        return
    meta = _state["citation"]
    pages = [(title, files.get_file_from_path(path).url) for title, path in _nav_pages(config.nav)]
    title_page = (
        f"<h1>{escape(meta['title'])}</h1>\n"
        f"<p>Version {escape(str(meta['version']))}, released {meta['date-released']}. "
        "The whole explainer for offline reading; online at "
        f'<a href="{config.site_url}">{config.site_url}</a>.</p>\n'
        f"<h2>How to cite it</h2>\n<p>{escape(citation.apa(meta))}</p>\n"
        f"<pre><code>{escape(citation.bibtex(meta))}</code></pre>\n"
        "<p>Text and figures: CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/). Code: MIT.</p>"
    )
    try:
        printing.print_page(Path(config.site_dir), pages, title_page, config.site_name)
    except printing.PrintError as error:
        raise PluginError(f"The print page could not be made: {error}") from None


def _release() -> None:
    typesetter = _state.pop("typesetter", None)
    if typesetter is not None:
        typesetter.close()
    listings = _state.pop("listings", None)
    if listings is not None:
        listings.save()


def on_build_error(error) -> None:
    _release()


def on_serve(server, config, builder):
    server.watch(str(_root(config) / "figures_src"))
    server.watch(str(_root(config) / "tests"))  # the verification page is made from the tests
    # (docs/, and so the notebooks, are watched by MkDocs; figures_src/ above re-executes them)
    return server
