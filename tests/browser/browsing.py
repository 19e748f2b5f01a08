"""One visit per page and palette: the built site loaded once in Chromium at desktop size, and
everything the checks of test_site.py and test_access.py read from that load.

Loading a page costs more than looking at it, so the console, the page's own self-check, axe-core,
the screen-reader view, a screenshot and the printed look are all taken from a single load and
kept for the worker's session (the browser tests of one page run on one pytest-xdist worker, so they
share its loads).
"""

from __future__ import annotations

import io
from urllib.parse import urlparse

from tests.helpers import ROOT, SCREENSHOTS, shot_name

DESKTOP = {"width": 1280, "height": 900}
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
STILL = "*, *::before, *::after { transition: none !important; animation: none !important }"


# The whole page laid out at once. On screen, extra.css lets the browser skip laying out the blocks
# far from the screen (content-visibility); a test that measures what a reader sees there when they
# get there (a figure's width, an equation's, the tab order) lays them all out first.
WHOLE = (
    ".md-content__inner > *, .jupyter-wrapper .jp-Notebook > .jp-Cell"
    " { content-visibility: visible !important; }"
)


def open_page(
    browser, server, page, scheme="light", viewport=DESKTOP, still=False, watch=None, whole=True, **options
):
    """A page loaded in a fresh context; ``still`` turns transitions off, so that a change of state
    (focus, print media) shows its end result at once instead of part-way through a fade; ``watch``
    is called with the tab before it navigates (to listen from the first request on); ``whole``
    lays out the whole page (WHOLE; not without JavaScript, where a test cannot add a style). The
    page counts as loaded at its load event once the fonts its text uses have arrived and the boxes
    that scroll sideways have been measured."""
    context = browser.new_context(color_scheme=scheme, viewport=viewport, **options)
    tab = context.new_page()
    if watch is not None:
        watch(tab)
    tab.goto(f"{server}/{page}", wait_until="load")
    tab.evaluate("document.fonts.ready.then(() => null)")
    if options.get("java_script_enabled", True):
        if whole:
            lay_out_whole(tab)
        measured(tab)
    if still:
        tab.add_style_tag(content=STILL)
    return context, tab


def lay_out_whole(tab) -> None:
    """Lay out the whole page (WHOLE), as if the reader had scrolled through it."""
    tab.add_style_tag(content=WHOLE)
    tab.evaluate("window.dispatchEvent(new Event('resize'))")  # scroll-regions.js measures again


def measured(tab) -> None:
    """Wait until every box that scrolls sideways has its tab stop: scroll-regions.js measures the
    boxes while the browser is idle, after a load and after each resize (which a full-page
    screenshot makes), taking the mark off at once and putting it back when done."""
    tab.evaluate("new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")
    tab.wait_for_selector("html[data-scroll-regions=measured]", state="attached")


def all_images(tab) -> None:
    """Fetch and decode every image now, the lazily loaded ones far down the page too (for a
    screenshot of the whole page)."""
    tab.evaluate(
        "Promise.all([...document.images].map((img) => { img.loading = 'eager';"
        " return img.decode().catch(() => null); }))"
    )


def load_axe(tab) -> None:
    """axe-core into the page. Not as a <script> tag: the page's Content-Security-Policy blocks an
    inline script, as it should; a script the test runs through the browser's protocol is not one."""
    tab.evaluate(AXE.read_text(encoding="utf-8") + "\n;undefined")
    assert tab.evaluate("typeof axe.run") == "function"


def watch_console(tab, problems: list[str]) -> None:
    """Collect the tab's console errors and uncaught exceptions into ``problems``."""
    tab.on("console", lambda m: m.type == "error" and problems.append(f"console error: {m.text}"))
    tab.on("pageerror", lambda e: problems.append(f"page error: {e}"))


CHECK_PAGE = """
async () => {
  const problems = [];
  for (const img of document.querySelectorAll("article img")) {
    img.loading = "eager";  // a figure far down the page loads only near the screen: fetch it now
    try { await img.decode(); } catch (e) { problems.push("image does not decode: " + img.src); }
    if (img.naturalWidth === 0) problems.push("image has no size: " + img.src);
  }
  for (const el of document.querySelectorAll(".arithmatex, .katex-error")) {
    problems.push("untypeset math: " + el.outerHTML.slice(0, 120));
  }
  const walker = document.createTreeWalker(document.querySelector("article"), NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (node.parentElement.closest(".katex, pre, code, script, style")) continue;
    if (/\\\\\\(|\\\\\\[|\\$\\$|\\\\(frac|sum|lambda|beta)\\b/.test(node.textContent)) {
      problems.push("raw LaTeX in the text: " + node.textContent.trim().slice(0, 80));
    }
  }
  for (const link of document.querySelectorAll('article a[href^="#eq-"], article a[href^="#fig-"]')) {
    if (!document.getElementById(link.getAttribute("href").slice(1))) problems.push("dangling " + link.href);
  }
  const visible = [...document.querySelectorAll("article figure img")]
    .filter((img) => img.getBoundingClientRect().width > 0)
    .map((img) => img.getAttribute("src"));
  const figures = document.querySelectorAll("article figure[id^='fig-']").length;
  return { problems, visible, figures, katex: document.querySelectorAll(".katex").length };
}
"""

MATH_AND_IMAGES = """
() => {
  const math = [...document.querySelectorAll(".katex")].map((k) => {
    const mathml = k.querySelector(":scope > .katex-mathml > math");
    const visual = k.querySelector(":scope > .katex-html");
    const tex = mathml && mathml.querySelector('annotation[encoding="application/x-tex"]');
    return {
      mathml: !!mathml && mathml.querySelectorAll("mi, mn, mo, mtext").length > 0,
      exposed: !!mathml && getComputedStyle(mathml.parentElement).display !== "none"
        && getComputedStyle(mathml.parentElement).visibility !== "hidden",
      visualHidden: !!visual && visual.getAttribute("aria-hidden") === "true",
      tex: tex ? tex.textContent.trim() : "",
    };
  });
  const images = [...document.querySelectorAll("article img")].map((img) => ({
    src: img.getAttribute("src"),
    alt: img.getAttribute("alt") || "",
    caption: (img.closest("figure")?.querySelector("figcaption")?.textContent || "").trim(),
  }));
  return { math, images, background: getComputedStyle(document.body).backgroundColor };
}
"""

PRINTED = """
() => {
  const shown = (sel) => [...document.querySelectorAll(sel)].filter((e) => e.checkVisibility());
  return {
    chrome: shown(".md-header, .md-tabs, .md-sidebar, .md-footer, .md-top, .md-content__button, "
      + ".figure-tools, .md-search, .md-code__nav, .md-clipboard, .explorer").map((e) => e.className),
    figures: shown("article img[src*='figures/']").map((i) => i.getAttribute("src").split("/").pop()),
    text: getComputedStyle(document.querySelector("article p") || document.body).color,
  };
}
"""

# Two paints of the same page may differ by a unit or two in the anti-aliased edge of a rounded
# border (seen in CI and locally: (56, 201, 222) against (57, 200, 221) at a fold's corner); a
# palette's colour differs from the other's by tens of units at least.
ANTIALIAS_NOISE = 8


def pixel_difference(one: bytes, two: bytes):
    """None if two screenshots are the same picture (up to anti-aliasing noise), else the box (or
    the sizes) where they differ."""
    from PIL import Image, ImageChops

    if one == two:  # the same encoder writes the same picture to the same bytes
        return None
    first, second = (Image.open(io.BytesIO(png)).convert("RGB") for png in (one, two))
    if first.size != second.size:
        return f"sizes {first.size} and {second.size}"
    red, green, blue = ImageChops.difference(first, second).split()
    largest = ImageChops.lighter(ImageChops.lighter(red, green), blue)  # each pixel's largest channel
    return largest.point(lambda v: 255 if v > ANTIALIAS_NOISE else 0).getbbox()


SETTLE = (
    "(wait) => document.fonts.ready.then(() => new Promise((done) => setTimeout(() =>"
    " requestAnimationFrame(() => requestAnimationFrame(done)), wait)))"
)


def first_screenshot(tab) -> bytes:
    """A full-page screenshot once every image is in, the fonts too, and two frames have passed:
    quick, but a busy machine may not have finished repainting (``settled_screenshot``)."""
    all_images(tab)
    tab.evaluate(SETTLE, 0)
    return tab.screenshot(full_page=True)


def printed_again(browser, server, page: str, scheme: str) -> bytes:
    """A settled picture of ``page`` printed from ``scheme``, from a new load: for a check whose
    first, quicker shot (``visit``) may have been taken before the page had settled."""
    context, tab = open_page(browser, server, page, scheme, still=True)
    tab.emulate_media(media="print")
    try:
        return settled_screenshot(tab, shot_name(page, f"{scheme}-printed"))
    finally:
        context.close()


def settled_screenshot(tab, name: str, tries: int = 8) -> bytes:
    """A full-page screenshot once the picture has stopped changing (``name``: the file name its
    last two shots are kept under if it does not): after a change of media the
    page may take a few frames to repaint, and a face the new layout asks for (a fold opened for
    print shows new glyphs) arrives later still on a busy machine. So shots are taken after the
    fonts are in and two frames have passed, a little longer apart each time, until two in a row
    show the same picture (up to anti-aliasing noise: two paints of one page are not always the
    same bytes, seen on the home page in CI)."""
    shot = first_screenshot(tab)
    for attempt in range(tries):
        tab.evaluate(SETTLE, 50 * attempt)
        again = tab.screenshot(full_page=True)
        difference = pixel_difference(shot, again)
        if difference is None:
            return again
        shot, last = again, shot
    kept = SCREENSHOTS.parent / "unsettled"  # beside the page screenshots, not counted with them
    kept.mkdir(parents=True, exist_ok=True)
    for when, png in (("before", last), ("after", shot)):
        (kept / f"{when}-{name}").write_bytes(png)
    raise AssertionError(
        f"{name}: the picture did not settle: the last two shots differ at {difference} (both in {kept})"
    )


def aborted_preload(request) -> bool:
    """A phone-layout figure that Chromium's preload scanner began to fetch for a <picture> and then
    cancelled on seeing that its media query does not hold (seen now and then at desktop width):
    not a request the page needed."""
    return request.failure == "net::ERR_ABORTED" and ".narrow." in request.url


_VISITS: dict[tuple[str, str, str], dict] = {}


def visit(browser, server, page: str, scheme: str) -> dict:
    """The record of one desktop load of ``page`` in ``scheme``, made on first use:

    problems: console and page errors, failed, broken or third-party requests;
    check: CHECK_PAGE (images, math, cross-references, the figure variant shown);
    access: MATH_AND_IMAGES; axe: axe-core's violations;
    printed: PRINTED with print media emulated, and ``printed_png``, the printed page's screenshot
    (one shot, which may be taken before the page has settled: ``printed_again`` takes a settled one).
    The screen screenshot is saved to test-artifacts/screenshots/.
    """
    key = (server, page, scheme)
    if key in _VISITS:
        return _VISITS[key]
    host = urlparse(server).netloc
    problems: list[str] = []

    def watch(tab):
        watch_console(tab, problems)
        tab.on(
            "requestfailed",
            lambda r: aborted_preload(r) or problems.append(f"failed request: {r.url} ({r.failure})"),
        )
        tab.on("response", lambda r: r.status >= 400 and problems.append(f"HTTP {r.status}: {r.url}"))
        tab.on(
            "request",
            lambda r: (
                urlparse(r.url).netloc != host
                and r.url.startswith("http")
                and problems.append(f"third-party request: {r.url}")
            ),
        )

    context, tab = open_page(browser, server, page, scheme, watch=watch)
    record = {"check": tab.evaluate(CHECK_PAGE), "access": tab.evaluate(MATH_AND_IMAGES)}
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=SCREENSHOTS / shot_name(page, scheme), full_page=True)
    measured(tab)  # the screenshot resized the page
    load_axe(tab)
    record["axe"] = tab.evaluate("axe.run(document, {resultTypes: ['violations']})")
    tab.add_style_tag(content=STILL)
    tab.emulate_media(media="print")
    record["printed"] = tab.evaluate(PRINTED)
    record["printed_png"] = first_screenshot(tab)  # printed_again() takes a settled one
    context.close()
    record["problems"] = problems
    _VISITS[key] = record
    return record
