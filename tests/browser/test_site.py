"""The built site in headless Chromium: every page, light and dark palette.

Fails on a console error, a failed or non-local request, an image that does not decode, math left
untypeset, the wrong figure variant for the palette, or a cross-reference whose anchor is missing.
Screenshots of every page (desktop, both palettes) go to ``test-artifacts/screenshots/``.

Chromium is Debian's (``apt-get install chromium``); without it these tests skip, except in CI
(``CI=true``), where a missing browser is a failure.
"""

from __future__ import annotations

import re

import pytest

from tests.browser.browsing import WHOLE, visit
from tests.helpers import ROOT, SCHEMES, site_pages, stand_in_faces

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("page", site_pages())
def test_page_loads_cleanly_in_chromium(browser, server, page, scheme):
    record = visit(browser, server, page, scheme)  # also screenshots the page (tests/browser/browsing.py)
    problems, report = record["problems"], record["check"]
    issues = problems + report["problems"]
    assert not issues, f"{page or 'index'} ({scheme}):\n" + "\n".join(issues)
    expected_suffix = ".dark.svg#only-dark" if scheme == "dark" else ".svg#only-light"
    assert len(report["visible"]) == report["figures"], "exactly one variant of each figure is shown"
    assert all(src.endswith(expected_suffix) for src in report["visible"]), report["visible"]
    source = ROOT / "docs" / (page.removesuffix("/") + ".md" if page else "index.md")
    if source.exists() and "$" in source.read_text():  # the verification page is generated
        assert report["katex"] > 0, "the page has math, and KaTeX typeset it"


def test_an_equation_link_lands_on_its_equation(browser, server):
    tab = browser.new_page(viewport={"width": 1280, "height": 900})
    tab.goto(f"{server}/one-coefficient/", wait_until="load")
    tab.click("text=Eq. (3.5)")
    tab.wait_for_function("location.hash === '#eq-lasso-1d'")
    equation = tab.locator("#eq-lasso-1d")
    equation.wait_for(state="visible")  # instant navigation may swap the article in after the hash
    tab.wait_for_function("() => new Promise((done) => requestAnimationFrame(() => done(true)))")
    box = equation.bounding_box()
    assert box is not None and 0 <= box["y"] < 900, "the equation is scrolled into view"
    assert "(3.5)" in tab.locator("#eq-lasso-1d").inner_text()
    tab.close()


def test_the_footer_shows_the_version_and_licences(browser, server):
    import tomllib

    version = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    tab = browser.new_page()
    tab.goto(f"{server}/", wait_until="load")
    footer = tab.locator(".md-copyright").inner_text()
    tab.close()
    assert f"version {version}" in footer and "CC BY 4.0" in footer and "MIT" in footer


def test_the_notebook_page_reads_on_a_phone_and_offers_its_download(browser, server):
    from tests.browser.browsing import all_images, open_page

    context, tab = open_page(browser, server, "notebooks/reproduce/", "dark", {"width": 390, "height": 844})
    all_images(tab)  # the figures far down load as the reader nears them; here, at once
    report = tab.evaluate(
        """() => ({
          scroll: document.documentElement.scrollWidth - document.documentElement.clientWidth,
          svgs: [...document.querySelectorAll(".jp-RenderedSVG img")]
            .filter((i) => i.getBoundingClientRect().width > 0)
            .map((i) => [i.getBoundingClientRect().width, new URL(i.currentSrc).pathname]),
          alts: [...document.querySelectorAll(".jupyter-wrapper img")].map((i) => i.alt),
          column: document.querySelector("article").getBoundingClientRect().width,
          table: document.querySelectorAll(".jp-OutputArea-output table tr").length,
          tableScroll: ((box) => box.scrollWidth - box.clientWidth)(
            document.querySelector(".jp-OutputArea-output table").parentElement),
        })"""
    )
    response = tab.request.get(f"{server}/notebooks/reproduce.ipynb")
    download = response.json() if response.ok else None
    context.close()
    assert report["scroll"] <= 0, "the page does not scroll sideways at 390 px"
    # one figure of each redraw is shown: the site's own, in the dark palette and the phone layout
    assert len(report["svgs"]) == 2 and min(w for w, _ in report["svgs"]) >= 0.9 * report["column"], report
    assert all(path.endswith(".narrow.dark.svg") for _, path in report["svgs"]), report["svgs"]
    assert report["table"] == 10, "the summary renders as a table (header and nine rows)"
    assert report["tableScroll"] <= 0, "the summary fits the phone's column, its last column whole"
    assert all(len(alt) > 80 for alt in report["alts"]), report["alts"]
    assert download is not None and download["cells"][0]["cell_type"] == "markdown"


def test_the_pages_text_is_set_in_the_figures_font_served_by_the_site(browser, server):
    """One type system: the body text's font is the family the figures draw with (fonts.FAMILY),
    loaded from this site's own assets/fonts/, not a system font or a third-party server."""
    from figures_src import fonts

    tab = browser.new_page(viewport={"width": 390, "height": 844})
    loaded = []
    tab.on("response", lambda r: "/assets/fonts/" in r.url and r.ok and loaded.append(r.url))
    tab.goto(f"{server}/one-coefficient/", wait_until="load")
    tab.evaluate("document.fonts.ready.then(() => true)")
    family = tab.evaluate("getComputedStyle(document.querySelector('article p')).fontFamily")
    faces = tab.evaluate(
        "(name) => [...document.fonts].filter((f) => f.family.replace(/[\"']/g, '') === name"
        " && f.status === 'loaded').map((f) => f.weight + ' ' + f.style)",
        fonts.FAMILY,
    )
    tab.close()
    assert family.split(",")[0].strip().strip("\"'") == fonts.FAMILY, family
    assert "400 normal" in faces and loaded, (faces, loaded)
    assert all(url.startswith(server) for url in loaded)


@pytest.mark.parametrize("width", [390, 1280])
def test_the_notebook_chapter_starts_where_the_other_chapters_start(browser, server, width):
    """Its title inside a notebook cell sits at the height and left edge of the other chapters'
    titles, with the edit button beside it, not on a row of its own."""
    where = """() => { const title = document.querySelector("article h1");
                       const h1 = title.getBoundingClientRect();
                       const text = document.createRange();
                       text.selectNodeContents(title.firstChild);  // the words, not the block
                       const edit = document.querySelector(".md-content__button").getBoundingClientRect();
                       return [h1.top, h1.left, edit.top, edit.right,
                               Math.max(...[...text.getClientRects()].map((r) => r.right)) <= edit.left]; }"""
    tab = browser.new_page(viewport={"width": width, "height": 844})
    places = {}
    for page in ("one-coefficient/", "notebooks/reproduce/"):
        tab.goto(f"{server}/{page}", wait_until="load")
        places[page] = tab.evaluate(where)
    tab.close()
    chapter, notebook = places.values()
    assert notebook[4], "the title keeps clear of the edit button"
    assert notebook[:4] == pytest.approx(chapter[:4], abs=1.0), places


LAST_FIGURE = """
() => {
  // the palette not shown, in either layout: NAME[.dark].svg or NAME.narrow[.dark].svg
  const hiddenFetched = (img) => {
    const file = img.getAttribute("src").split("#")[0].split("/").pop();
    const narrow = file.replace(/^([^.]+)\\./, "$1.narrow.");
    return performance.getEntriesByType("resource")
      .some((r) => r.name.endsWith("/" + file) || r.name.endsWith("/" + narrow));
  };
  const figure = [...document.querySelectorAll("article figure")].pop();
  const images = [...figure.querySelectorAll("img")];
  const shown = images.find((img) => getComputedStyle(img).display !== "none");
  const hidden = images.find((img) => img !== shown);
  return {
    id: figure.id, laidOut: shown.checkVisibility({ contentVisibilityAuto: true }),
    shownLoaded: shown.complete && shown.naturalWidth > 0,
    hiddenFetched: hiddenFetched(hidden),
    width: shown.getBoundingClientRect().width, src: shown.currentSrc.split("/").pop(),
  };
}
"""


def test_a_figure_far_down_is_laid_out_and_fetched_only_as_the_reader_nears_it(browser, server):
    """Off screen, the browser skips laying out a chapter's blocks and fetching their figures
    (extra.css, content-visibility; loading="lazy"). Scrolled to, chapter 8's last figure is as wide
    as on a page laid out whole, in the phone layout; its other palette's file is never fetched."""
    from tests.browser.browsing import open_page

    phone = {"width": 390, "height": 844}
    context, tab = open_page(browser, server, "beyond/", viewport=phone, whole=False)
    before = tab.evaluate(LAST_FIGURE)
    assert not before["laidOut"] and not before["shownLoaded"] and not before["hiddenFetched"], before
    tab.evaluate("[...document.querySelectorAll('article figure')].pop().scrollIntoView()")
    tab.wait_for_function(f"() => ({LAST_FIGURE})().shownLoaded", timeout=15_000)
    after = tab.evaluate(LAST_FIGURE)
    context.close()
    context, whole = open_page(browser, server, "beyond/", viewport=phone)
    whole.evaluate("[...document.querySelectorAll('article figure')].pop().scrollIntoView()")
    whole.wait_for_function(f"() => ({LAST_FIGURE})().shownLoaded", timeout=15_000)
    reference = whole.evaluate(LAST_FIGURE)
    context.close()
    assert after["laidOut"] and after["id"] == reference["id"]
    assert after["width"] == reference["width"] > 300, (after, reference)
    assert ".narrow." in after["src"] and not after["hiddenFetched"], after


# Prepended to the theme's script: what is rendered (neither skipped off screen nor hidden) at the
# moment the theme starts, whose start-up code reads sizes and so styles whatever is rendered.
PROBE = """window.__atThemeStart = [...document.querySelectorAll(".md-content__inner table")]
  .filter((t) => !t.closest("details, .jupyter-wrapper"))
  .map((t) => [t.closest(".md-content__inner > *").getBoundingClientRect().top / innerHeight,
               t.checkVisibility({ contentVisibilityAuto: true })]);\n"""


def test_the_tables_far_down_a_page_are_skipped_while_the_theme_starts(browser, server):
    """On a phone, the verification page's tables more than three screens down are not styled or laid
    out when the theme's script starts (blocks.wrap_tables puts each in a block that extra.css lets
    the browser skip; a bare table cannot be skipped)."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    tab = context.new_page()

    def probed(route):
        response = route.fetch()
        route.fulfill(response=response, body=PROBE + response.text())

    tab.route("**/assets/javascripts/bundle.*.min.js", probed)
    tab.goto(f"{server}/verification/", wait_until="load")
    tables = tab.evaluate("window.__atThemeStart")
    context.close()
    far = [rendered for screens, rendered in tables if screens > 3]
    assert len(far) >= 5, tables  # (the browser renders what is within about two screens of the view)
    assert not any(far), f"{sum(far)} of {len(far)} tables far down were rendered: {tables}"


def test_a_code_block_gets_its_copy_button_when_it_is_shown(browser, server):
    """The theme sets up a code block (its copy button) when it comes into view (content.lazy in
    mkdocs.yml), not at load, when reading its size would lay out the blocks the browser skips.
    The citation of chapter 8's last figure, scrolled to, has no button while its box is closed,
    and one that copies the citation once the box is opened."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    tab = context.new_page()
    tab.goto(f"{server}/beyond/", wait_until="load")
    figure = tab.locator("article figure:has(.figure-cite-button)").last
    citation = figure.locator(".figure-cite pre")
    figure.scroll_into_view_if_needed()
    tab.wait_for_timeout(300)  # a frame or two: time for the theme to set up what came into view
    assert citation.locator(".md-code__button").count() == 0, "set up before it was shown"
    figure.locator(".figure-cite-button").click()
    citation.locator(".md-code__button").click()
    copied = tab.evaluate("navigator.clipboard.readText()")
    assert copied.strip() == citation.locator("code").inner_text().strip() != ""
    context.close()


def _test_source(file: str, name: str) -> str:
    """The lines of test ``name`` in ``file``, its decorators included, as the repository has them."""
    import ast

    text = (ROOT / file).read_text()
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.FunctionDef) and node.name == name:
            first = min([node.lineno, *(d.lineno for d in node.decorator_list)])
            return "\n".join(text.splitlines()[first - 1 : node.end_lineno])
    raise AssertionError(f"{name} not in {file}")


def test_a_test_listing_opens_on_its_code_which_the_copy_button_copies_and_printing_shows_them_all(
    browser, server
):
    """The verification page's listings arrive folded in templates (scroll-regions.js unfolds them):
    opening one, by click or by keyboard, shows that test's code as the repository has it, with the
    theme's copy button; printing the page puts every listing in."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    tab = context.new_page()
    tab.goto(f"{server}/verification/", wait_until="load")
    folds = tab.locator("details.test-listing")
    total = folds.count()
    assert total > 100 and tab.locator("details.test-listing > template.listing").count() == total
    for index, open_it in ((3, lambda s: s.click()), (total - 1, lambda s: (s.focus(), s.press("Enter")))):
        fold = folds.nth(index)
        name = fold.locator("summary code").text_content()
        file = fold.locator("summary .test-file").text_content()
        open_it(fold.locator("summary"))
        fold.locator("pre > code").wait_for()
        assert fold.locator("template").count() == 0
        assert fold.locator("pre > code").inner_text().strip() == _test_source(file, name).strip()
        fold.locator(".md-code__button").click()
        copied = tab.evaluate("navigator.clipboard.readText()")
        assert copied.strip() == _test_source(file, name).strip(), f"the copy button of {name}"
    tab.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert tab.locator("template.listing").count() == 0
    assert tab.locator("details.test-listing pre > code").count() == total
    context.close()


HEADINGS_Y = """() => [...document.querySelectorAll('.md-content__inner > h2, .md-content__inner > h3')]
  .map((h) => [h.id, h.getBoundingClientRect().top + scrollY])"""
FONTS_USED = """() => [...document.fonts].filter((f) => f.status === 'loaded').map((f) => f.family)"""


def _unscaled_stand_ins() -> str:
    """extra.css's stand-in faces without their scaling: a later face of the same family, style and
    weight is the one the browser takes."""
    faces = stand_in_faces()
    assert len(faces) == 6, faces
    return "\n".join(
        re.sub(r"\s*(size-adjust|ascent-override|descent-override|line-gap-override):[^;]*;", "", f)
        for f in faces
    )


@pytest.mark.parametrize("page", ["priors/", "references/", "beyond/"])
def test_the_stand_in_fonts_set_the_page_where_the_real_ones_do(browser, server, page):
    """While the text and math fonts are on their way the page is set in the stand-ins of extra.css;
    when they arrive the page should hardly move. On a phone, with the fonts withheld, each heading
    lies within 2 % of the page's height of its place with them, and its largest move is at most a
    third of what it is with the stand-ins unscaled (by about 7 % in width: several hundred px)."""
    places = {}
    for fonts in ("served", "withheld", "unscaled"):
        context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
        tab = context.new_page()
        if fonts != "served":
            tab.route(re.compile(r"\.(woff2?|ttf)$"), lambda route: route.abort())
        tab.goto(f"{server}/{page}", wait_until="load")
        tab.add_style_tag(content=WHOLE + (_unscaled_stand_ins() if fonts == "unscaled" else ""))
        tab.evaluate("document.fonts.ready.then(() => null)")
        used = tab.evaluate(FONTS_USED)
        assert ("Source Sans 3" in used) == (fonts == "served"), used
        if fonts == "withheld":  # the stand-ins were found on this machine, so they are what is measured
            assert {"Source Sans 3 fallback", "KaTeX_Main fallback"} <= set(used), used
        places[fonts] = (
            dict(tab.evaluate(HEADINGS_Y)),
            tab.evaluate("document.documentElement.scrollHeight"),
        )
        context.close()
    served, height = places["served"]
    assert places["withheld"][0].keys() == served.keys() and len(served) >= 2
    moved = {
        run: max(abs(places[run][0][name] - y) for name, y in served.items())
        for run in ("withheld", "unscaled")
    }
    assert moved["withheld"] < 0.02 * height, (
        f"{page}: a heading moves by {moved['withheld']:.0f} px of {height}"
    )
    assert moved["withheld"] <= moved["unscaled"] / 3, f"{page}: the scaling hardly helps: {moved}"
