"""Every reader can use the built site: screen readers, phones, the keyboard, print, slow networks.

Each test drives headless Chromium over every page of the nav (light and dark palettes where the
palette matters). Screenshots of every page (desktop light and dark from test_site.py, phone light
and dark from here) go to ``test-artifacts/screenshots/``; page weights and typesetting times to
``test-artifacts/page-weight.json``. Chromium is Debian's; see tests/conftest.py.
"""

from __future__ import annotations

import json
import re
import warnings
import xml.etree.ElementTree as ET

import pytest
from matplotlib.colors import to_rgb

from figures_src import render, style
from figures_src.cache import write_atomic
from figures_src.site import notebooks
from tests.browser.browsing import (
    DESKTOP,
    all_images,
    lay_out_whole,
    load_axe,
    measured,
    open_page,
    pixel_difference,
    printed_again,
    visit,
)
from tests.helpers import ROOT, SCHEMES, SCREENSHOTS, WEIGHT_REPORT, published_pages, shot_name, site_pages

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}
# the smallest figure text a reader meets, by screen width: a phone, the narrowest screen that gets
# the wide layout, the narrowest column that sets equations on one line (where the table of contents
# appears, 60em; figures_src/site/typeset.py's breakable), and a desktop. The equation check runs at each.
MIN_FIGURE_TEXT_PX = {390: 11.0, 540: 11.0, 960: 12.0, 1280: 12.0}
MIN_PHONE_FONT_PX = MIN_FIGURE_TEXT_PX[390]
WEIGHT_BUDGET = 1_000_000  # bytes transferred on a cold load, every request of the page
TYPESET_BUDGET_MS = 1000.0


# --- screen readers ------------------------------------------------------------------------------


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("page", site_pages())
def test_axe_finds_no_serious_or_critical_violation(browser, server, page, scheme):
    result = visit(browser, server, page, scheme)["axe"]
    assert result["testEngine"]["version"] == "4.14.1"
    serious = serious_violations(result)
    assert not serious, f"{page or 'index'} ({scheme}):\n" + "\n".join(serious)


def serious_violations(result) -> list[str]:
    """axe-core's serious and critical violations in a result, one line each."""
    return [
        f"{v['impact']} {v['id']}: {v['help']} ({len(v['nodes'])}x, first at {v['nodes'][0]['target']}"
        f"{': ' + v['nodes'][0]['failureSummary'].splitlines()[-1].strip() if v['nodes'] else ''})"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def test_axe_catches_a_fault_of_the_kind_it_guards_against(browser, server):
    """The check bites: the same run flags an unnamed image and low-contrast text once they exist."""
    context, tab = open_page(browser, server, "")
    load_axe(tab)
    tab.evaluate(
        """() => {
          const img = document.querySelector("article img"); img.removeAttribute("alt");
          const p = document.querySelector("article p"); p.style.color = "#bbbbbb";
        }"""
    )
    found = {v["id"] for v in tab.evaluate("axe.run(document, {resultTypes: ['violations']})")["violations"]}
    context.close()
    assert {"image-alt", "color-contrast"} <= found


@pytest.mark.parametrize("page", site_pages())
def test_math_is_exposed_to_screen_readers_and_every_image_is_described(browser, server, page):
    report = visit(browser, server, page, "light")["access"]
    for item in report["math"]:  # MathML for assistive technology, KaTeX's HTML hidden from it
        assert item["mathml"] and item["exposed"] and item["visualHidden"] and item["tex"], (page, item)
    generic = re.compile(r"^(image|figure|picture|plot|graph|chart|screenshot|no description)\b", re.I)
    for image in report["images"]:
        alt = image["alt"]
        assert len(alt.split()) >= 20, f"{page}: {image['src']}: alt text too short to say what it shows"
        assert not generic.match(alt) and alt.strip() != image["caption"], (page, alt)


def test_every_figure_has_its_own_alt_text():
    """Across the site each figure's description is its own. Both palette variants and the
    notebook's redraws take theirs from the page (crossref.py, notebooks.describe_images)."""
    pages = {p.name: p.read_text(encoding="utf-8") for p in (ROOT / "docs").glob("*.md")}
    alt_texts = notebooks.figure_alt_texts(pages)
    assert set(alt_texts) == set(render.discover()), "every figure of the site was found"
    figures_by_alt: dict[str, set[str]] = {}
    for name, alt in alt_texts.items():
        figures_by_alt.setdefault(alt, set()).add(name)
    shared = {alt[:60]: names for alt, names in figures_by_alt.items() if len(names) > 1}
    assert not shared, f"one alt text for several figures: {shared}"


@pytest.mark.xdist_group("page:home")  # with the home page's other checks, which share its visit
@pytest.mark.parametrize("scheme", SCHEMES)
def test_figures_are_drawn_for_the_background_the_page_really_has(browser, server, scheme):
    """style.py's background (which the contrast tests use) is the one Material paints."""
    background = visit(browser, server, "", scheme)["access"]["background"]
    rgb = tuple(int(v) for v in re.findall(r"\d+", background)[:3])
    expected = tuple(round(c * 255) for c in to_rgb(style.THEMES[scheme].background))
    assert max(abs(a - b) for a, b in zip(rgb, expected, strict=True)) <= 1, (background, expected)


# --- phones --------------------------------------------------------------------------------------

# Every figure shown (its palette's) shows the file its <picture>'s media query asks for at the
# window's width now.
PICTURES_CHOSEN = """() => [...document.querySelectorAll("article picture")].every((picture) => {
  const source = picture.querySelector("source"), img = picture.querySelector("img");
  if (img.getBoundingClientRect().width === 0) return true;  // the other palette's, not shown
  const path = (address) => new URL(address, document.baseURI).pathname;
  const wanted = matchMedia(source.media).matches ? source.getAttribute("srcset") : img.getAttribute("src");
  return !!img.currentSrc && path(img.currentSrc) === path(wanted);
})"""

# The site's figures the page shows, each in the file it shows (currentSrc) and at its width.
SHOWN_FIGURES = """() => [...document.querySelectorAll("article img")]
  .filter((img) => img.getBoundingClientRect().width > 0 && /figures\\//.test(img.src))
  .map((img) => ({
    path: new URL(img.currentSrc || img.src).pathname, width: img.getBoundingClientRect().width,
  }))
"""

OVERFLOW = (
    """
() => {
  const width = document.documentElement.clientWidth;
  // the box that keeps an element from widening the page: one that scrolls sideways, or inside a
  // formula, one of KaTeX's own clipping boxes (stretchy accents are wide SVGs, clipped on purpose),
  // or an inline SVG, which clips its drawing to its own box (an explorer's ellipses run off its plot)
  const fits = (r) => r.right <= width + 0.5 && r.left >= -0.5;
  const contained = (el) => {
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      const overflow = getComputedStyle(a).overflowX;
      const holds = ["auto", "scroll"].includes(overflow)
        || (["hidden", "clip"].includes(overflow) && (a.closest(".katex") || a.localName === "svg"));
      if (holds && fits(a.getBoundingClientRect())) return true;
    }
    return false;
  };
  const escaped = [];
  for (const el of document.querySelectorAll(".md-content *")) {
    if (el.closest(".katex-mathml")) continue;  // MathML for screen readers, clipped to nothing
    const r = el.getBoundingClientRect();
    if (r.width === 0 || fits(r)) continue;
    if (!contained(el)) {
      const name = el.tagName.toLowerCase() + "." + [...el.classList].join(".");
      escaped.push(name + " right=" + Math.round(r.right));
    }
  }
  const figures = ("""
    + SHOWN_FIGURES
    + """)();
  // text drawn in the page's own SVG (the explorers' plots): its size as the reader sees it
  const drawnText = [...document.querySelectorAll("article svg[viewBox] text")]
    .filter((t) => t.getBoundingClientRect().width > 0)
    .map((t) => {
      const plot = t.ownerSVGElement;
      const scale = plot.getBoundingClientRect().width / plot.viewBox.baseVal.width;
      return { text: t.textContent, px: parseFloat(getComputedStyle(t).fontSize) * scale };
    });
  // the links and buttons of the line under each figure, too small for a finger (WCAG 2.5.8: 24 px)
  const smallTargets = [...document.querySelectorAll("article .figure-tools :is(a, button)")]
    .map((a) => [a.textContent.trim(), a.getBoundingClientRect()])
    .filter(([, r]) => r.width > 0 && (r.height < 24 || r.width < 24))
    .map(([name, r]) => name + " " + Math.round(r.width) + "x" + Math.round(r.height));
  return {
    documentScroll: document.documentElement.scrollWidth - width,
    bodyScroll: document.body.scrollWidth - document.body.clientWidth,
    escaped: escaped.slice(0, 10),
    figures,
    drawnText,
    smallTargets: smallTargets.slice(0, 5),
  };
}
"""
)


# What a block the browser has not yet shown (content-visibility) holds, placed by the block's
# placeholder height over the page's footer: where a tool that checks contrast (Lighthouse's axe)
# finds it on the footer's dark background, and where a reader's jump to it would first land.
OVER_FOOTER = """
() => {
  const footer = document.querySelector(".md-footer");
  if (!footer) return [];
  const top = footer.getBoundingClientRect().top;
  return [...document.querySelectorAll(".md-content__inner *")]
    .filter((el) => { const r = el.getBoundingClientRect(); return r.height > 0 && r.bottom > top + 1; })
    .slice(0, 5)
    .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join(".")} ${el.textContent.slice(0, 40)}`);
}
"""


# Punctuation right after an inline formula that the browser moved to the next line ("$x$" then
# "." alone at the start of a line): the formula's annotation and the mark, for each one found.
STRANDED = """
() => {
  const found = [];
  for (const formula of document.querySelectorAll("article .katex")) {
    const next = formula.nextSibling;
    if (!next || next.nodeType !== Node.TEXT_NODE || !/^[.,;:!?)]/.test(next.textContent)) continue;
    const range = document.createRange();
    range.setStart(next, 0);
    range.setEnd(next, 1);
    const mark = range.getClientRects()[0];
    const pieces = formula.querySelectorAll(":scope > .katex-html > .katex-base");
    const last = pieces[pieces.length - 1].getBoundingClientRect();
    if (mark && mark.top >= last.bottom - 2) {
      found.push(formula.querySelector("annotation").textContent + next.textContent[0]);
    }
  }
  return found;
}
"""


def smallest_font(svg_file) -> float:
    """The smallest font size of any text in a matplotlib SVG, in the SVG's own units (pt).

    Text is drawn as glyph outlines: each label is a ``text_N`` group whose styled ``<g>`` carries
    ``scale(s -s)``, where ``s`` is the font size over matplotlib's glyph scale of 100. (Sub- and
    superscripts inside a label are 70% of its size, as in any typeset formula.)
    """
    root = ET.parse(svg_file).getroot()
    sizes = []
    for group in root.iter("{http://www.w3.org/2000/svg}g"):
        if group.get("id", "").startswith("text_"):
            for inner in group.iter("{http://www.w3.org/2000/svg}g"):
                scale = re.search(r"scale\(([0-9.]+) -\1\)", inner.get("transform", ""))
                if scale:
                    sizes.append(float(scale[1]) * 100)
    assert sizes, f"{svg_file.name}: no text found"
    return min(sizes)


def viewbox_width(svg_file) -> float:
    return float(ET.parse(svg_file).getroot().get("viewBox").split()[2])


@pytest.mark.parametrize("page", published_pages())
def test_a_phone_shows_the_page_without_sideways_scrolling_and_legible_figures(browser, server, site, page):
    """In both palettes: one load, then the palette switched as the phone's setting would (Material
    follows prefers-color-scheme), which also shows the page survives that switch."""
    context, tab = open_page(
        browser, server, page, viewport=PHONE, is_mobile=True, has_touch=True, still=True, whole=False
    )
    over_footer = tab.evaluate(OVER_FOOTER)  # before the blocks far down are shown
    lay_out_whole(tab)
    measured(tab)
    reports = {}
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    all_images(tab)
    for scheme in SCHEMES if page != "print/" else ("light",):  # the print page has one palette
        tab.emulate_media(color_scheme=scheme)
        tab.wait_for_function(
            "(dark) => (document.body.dataset.mdColorScheme === 'slate') === dark", arg=scheme == "dark"
        )
        reports[scheme] = tab.evaluate(OVERFLOW)
        if page != "print/":  # a picture 100,000 px tall, of pages each pictured on its own
            tab.screenshot(path=SCREENSHOTS / shot_name(page, f"phone-{scheme}"), full_page=True)
    measured(tab)  # the screenshots resized the page
    stranded = tab.evaluate(STRANDED)  # at 390 px; the negative check below covers other widths
    load_axe(tab)  # on the print page too: no other test runs axe on it
    axe = tab.evaluate("axe.run(document, {resultTypes: ['violations']})")  # in the dark palette
    context.close()
    serious = serious_violations(axe)
    assert not serious, f"{page or 'index'} at 390 px: axe finds:\n" + "\n".join(serious)
    assert not over_footer, f"{page}: placed over the footer while its block is not yet shown: {over_footer}"
    assert not stranded, f"{page}: punctuation starts a line after a formula: {stranded[:5]}"
    for scheme, report in reports.items():
        assert report["documentScroll"] <= 0 and report["bodyScroll"] <= 0, (scheme, report)
        assert not report["escaped"], (
            f"{page} ({scheme}): wider than the screen outside a scrolling box: {report['escaped']}"
        )
        px, name = smallest_figure_text(site, report["figures"])
        assert px >= MIN_PHONE_FONT_PX, f"{name} ({scheme}): text {px:.1f} CSS px on a 390 px phone"
        small = [t for t in report["drawnText"] if t["px"] < MIN_PHONE_FONT_PX]
        assert not small, f"{page}: text drawn in the page below {MIN_PHONE_FONT_PX} CSS px: {small[:3]}"
        assert not report["smallTargets"], f"{page}: figure links a finger can miss: {report['smallTargets']}"


# Each numbered or unnumbered display equation whose box would have to scroll sideways (its content
# wider than the column) or whose number lies outside the column: its LaTeX and by how much.
WIDE_EQUATIONS = """
() => [...document.querySelectorAll(".md-content .math-display")].map((box) => {
  const column = box.getBoundingClientRect();
  const tag = box.querySelector(".katex-tag");
  const tagRight = tag ? tag.getBoundingClientRect().right - column.right : -1;
  return {
    tex: (box.querySelector("annotation") || box).textContent.trim().slice(0, 70),
    scrolls: box.scrollWidth - box.clientWidth,
    tagOut: tagRight,
  };
}).filter((e) => e.scrolls > 0 || e.tagOut > 0.5)
"""


def smallest_figure_text(site, figures) -> tuple[float, str]:
    """The smallest text of the shown figures in CSS px, and the figure it is in."""
    sizes = []
    for figure in figures:
        svg = site / figure["path"].lstrip("/")
        sizes.append((smallest_font(svg) * figure["width"] / viewbox_width(svg), svg.name))
    return min(sizes, default=(float("inf"), ""))


@pytest.mark.parametrize("page", published_pages())
def test_equations_fit_the_column_and_figure_text_is_legible_at_phone_and_desktop_width(
    browser, server, site, page
):
    """A formula that scrolls hides its right-hand side and its number on the screen it is read on;
    long equations are broken into lines instead, and on a phone the number sits under them. The
    figure shown at each width (the phone layout below 540 px) has no text under the minimum. One
    load, the window then set to each width, as a reader turning a tablet or resizing would."""
    context, tab = open_page(browser, server, page, viewport={**PHONE, "width": min(MIN_FIGURE_TEXT_PX)})
    found = {}
    for width in MIN_FIGURE_TEXT_PX:
        tab.set_viewport_size({**PHONE, "width": width})
        measured(tab)  # two frames on, and the scrolling boxes measured again
        all_images(tab)  # each figure in the file it shows at this width (currentSrc), far down too
        tab.wait_for_function(PICTURES_CHOSEN)  # the browser picks a <picture>'s file asynchronously
        all_images(tab)
        found[width] = (
            tab.evaluate(WIDE_EQUATIONS),
            tab.evaluate("document.querySelectorAll('.md-content .math-display').length"),
            tab.evaluate(SHOWN_FIGURES),  # the figures shown, at the width shown
        )
    context.close()
    for width, (wide, count, figures) in found.items():
        assert not wide, f"{page or 'index'} at {width} px: equations wider than the column: {wide}"
        if page == "geometry/":
            assert count >= 1, "the equation check found no display equation to measure"
            assert figures and all((".narrow." in f["path"]) == (width < 540) for f in figures), (
                width,
                figures,
            )
        px, name = smallest_figure_text(site, figures)
        assert px >= MIN_FIGURE_TEXT_PX[width], f"{name}: text {px:.1f} CSS px at a {width} px wide screen"


def test_a_breakable_equation_is_set_in_lines_only_below_the_phone_breakpoint(browser, server):
    """One written as a breakable environment is on one line from 720 px, in lines below (whether
    the one line fits is the check above, at 960 px)."""
    shown = """() => [...document.querySelectorAll('#eq-elastic-net .math-display')]
                  .filter((box) => box.offsetParent).map((box) => box.getBoundingClientRect().height)"""
    context, tab = open_page(browser, server, "overfitting/", viewport={**PHONE, "width": 720})
    (one_line,) = tab.evaluate(shown)
    tab.set_viewport_size({**PHONE, "width": 719})
    (in_lines,) = tab.evaluate(shown)
    context.close()
    assert in_lines > 1.6 * one_line, f"Eq. (2.4): {one_line:.0f} px high at 720 px, {in_lines:.0f} px at 719"


def test_the_equation_check_catches_an_equation_wider_than_a_phone(browser, server):
    context, tab = open_page(browser, server, "geometry/", viewport=PHONE)
    tab.evaluate(
        """() => { const b = document.querySelector(".md-content .math-display .katex-html");
                   b.style.minWidth = "600px"; }"""
    )
    wide = tab.evaluate(WIDE_EQUATIONS)
    context.close()
    assert wide and wide[0]["scrolls"] > 200


def test_the_font_measure_reads_matplotlib_text_sizes(tmp_path):
    """An oracle for smallest_font: a figure with labels of known sizes."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(4, 3))
    ax = fig.add_subplot()
    ax.set_xlabel("big", fontsize=15)
    ax.text(0.5, 0.5, r"$\beta_i$ small", fontsize=7.5)
    ax.tick_params(labelsize=11)
    with style_rc():
        fig.savefig(tmp_path / "f.svg")
    assert smallest_font(tmp_path / "f.svg") == pytest.approx(7.5)
    assert viewbox_width(tmp_path / "f.svg") == pytest.approx(4 * 72)


def style_rc():
    import matplotlib

    return matplotlib.rc_context({**style.LIGHT.rc})


# --- the keyboard --------------------------------------------------------------------------------

# Everything a pointer can use: marked with data-kb and its resting style recorded, before any key.
MARK_INTERACTIVE = """
() => {
  const selector = 'a[href], button, input:not([type="hidden"]), select, textarea, summary, '
    + '[tabindex]:not([tabindex="-1"]), [contenteditable="true"]';
  const look = (el) => {
    const s = getComputedStyle(el);
    return [s.outlineStyle, s.outlineColor, s.outlineWidth, s.boxShadow, s.backgroundColor,
            s.borderColor, s.color, s.textDecorationLine].join("|");
  };
  window.__kb = { look, rest: [] };
  const found = [];
  const mark = (el, list) => {
    if (el.dataset.kb !== undefined) return;
    if (el.disabled || el.closest("[inert], [hidden]") || el.tabIndex < 0) return;
    if (!el.checkVisibility({ visibilityProperty: true, opacityProperty: false })) return;
    const shown = el.getBoundingClientRect().width > 0 ? el : el.nextElementSibling;  // Material's
    if (!shown || shown.getBoundingClientRect().width === 0) return;  // hidden radios show a label
    el.dataset.kb = String(window.__kb.rest.length);
    window.__kb.rest.push(look(shown));
    list.push(el.outerHTML.slice(0, 90));
  };
  document.querySelectorAll(selector).forEach((el) => mark(el, found));
  // The theme sets a code block up (its copy button, the tab stop of a box that scrolls) when the
  // block comes into view (content.lazy), which Tab's scrolling brings about: a control that appears
  // later is marked as it appears, its look at rest taken then, before focus can reach it.
  window.__kb.later = [];
  new MutationObserver((changes) => {
    for (const change of changes) {
      const added = change.type === "attributes" ? [change.target] : [...change.addedNodes];
      for (const node of added) {
        if (!(node instanceof Element)) continue;
        if (node.matches(selector)) mark(node, window.__kb.later);
        node.querySelectorAll(selector).forEach((el) => mark(el, window.__kb.later));
      }
    }
  }).observe(document.body, { subtree: true, childList: true, attributeFilter: ["tabindex"] });
  return found;
}
"""

FOCUSED = """
async () => {
  // a frame for what focus sets off (Material opens or closes its search); transitions are off,
  // and a look that takes longer to settle is waited for below
  await new Promise((done) => requestAnimationFrame(done));
  const el = document.activeElement;
  if (!el || el === document.body || el.dataset.kb === undefined) {
    return { id: null, what: el ? el.outerHTML.slice(0, 90) : "nothing" };
  }
  const shown = el.getBoundingClientRect().width > 0 ? el : el.nextElementSibling;
  const box = shown.getClientRects()[0] || shown.getBoundingClientRect();
  const x = Math.min(Math.max(box.left + box.width / 2, 0), innerWidth - 1);
  const y = Math.min(Math.max(box.top + box.height / 2, 0), innerHeight - 1);
  const seen = (e) => {  // not faded out: an invisible tooltip over the spot hides nothing
    for (let a = e; a; a = a.parentElement) if (getComputedStyle(a).opacity === "0") return false;
    return true;
  };
  const uncovered = () => {
    const top = document.elementsFromPoint(x, y).find(seen);
    return !!top && (shown.contains(top) || top.contains(shown) || el.contains(top));
  };
  // The previous control's footnote tooltip may linger a moment (Material hides it after a delay),
  // and a control that Material's own script restyles on focus (the search field opens the search)
  // may take a few frames under load: up to 30 frames for the focused look to settle.
  const changed = () => window.__kb.look(shown) !== window.__kb.rest[Number(el.dataset.kb)];
  let onTop = uncovered();
  let looks = changed();
  for (let frame = 0; !(onTop && looks) && frame < 30; frame++) {
    await new Promise((done) => requestAnimationFrame(done));
    onTop = uncovered();
    looks = changed();
  }
  return {
    id: Number(el.dataset.kb),
    what: el.outerHTML.slice(0, 90),
    changed: looks,
    inView: box.bottom > 0 && box.top < innerHeight && box.right > 0 && box.left < innerWidth,
    onTop,
  };
}
"""


@pytest.mark.parametrize("page", site_pages())
def test_the_keyboard_reaches_every_control_and_shows_where_it_is(browser, server, page):
    context, tab = open_page(browser, server, page, still=True)  # each control in its focused look
    controls = tab.evaluate(MARK_INTERACTIVE)
    reached: dict[int, dict] = {}
    stop = "nothing"
    for _ in range(len(controls) + 40):  # a full round through the page comes back to the start
        tab.keyboard.press("Tab")
        focused = tab.evaluate(FOCUSED)
        stop = focused["what"]
        if focused["id"] is None:
            if reached:
                break
            continue
        if focused["id"] in reached:
            break
        reached[focused["id"]] = focused
    context.close()
    missing = [controls[i] for i in range(len(controls)) if i not in reached]
    assert not missing, f"{page}: not reachable with Tab: {missing[:5]} (the round stopped at {stop})"
    unseen = [f["what"] for f in reached.values() if not (f["changed"] and f["inView"] and f["onTop"])]
    assert not unseen, f"{page}: focus is not visible on: {unseen[:5]}"


def test_search_results_are_reached_with_the_arrow_keys(browser, server):
    """The results panel is no tab stop (accessibility.py); the arrow keys lead into the results."""
    context, tab = open_page(browser, server, "")
    tab.focus(".md-search__input")
    tab.keyboard.type("soft threshold")
    tab.wait_for_selector(".md-search-result__link", state="visible")
    # the list is drawn again for each letter typed: wait until the last query's list stays put (on
    # a loaded machine an early list was replaced after the arrow key had moved into it)
    tab.wait_for_function(
        """() => new Promise((done) => {
             const list = () => document.querySelector(".md-search-result__list").innerHTML;
             const before = list();
             setTimeout(() => done(list() === before), 300);
           })""",
        polling=100,
    )
    tab.keyboard.press("ArrowDown")
    focused = tab.evaluate(
        "() => ({ result: document.activeElement.matches('.md-search-result__link'),"
        " width: document.activeElement.getBoundingClientRect().width })"
    )
    context.close()
    assert focused["result"] and focused["width"] > 0, focused


def test_the_phone_and_keyboard_checks_catch_what_they_look_for(browser, server):
    context, tab = open_page(browser, server, "beyond/", viewport=PHONE, whole=False)
    assert not tab.evaluate(OVER_FOOTER)
    tab.evaluate(  # the last block the browser skips gets content far taller than its placeholder
        """() => {
          const blocks = [...document.querySelectorAll(".md-content__inner > *")]
            .filter((b) => getComputedStyle(b).contentVisibility === "auto");
          const tall = document.createElement("p"); tall.style.height = "5000px"; tall.textContent = "tall";
          blocks.at(-1).append(tall);
        }"""
    )
    assert any("tall" in found for found in tab.evaluate(OVER_FOOTER)), "content over the footer is caught"
    context.close()
    context, tab = open_page(browser, server, "", viewport=PHONE)
    tab.evaluate(
        """() => {
          const wide = document.createElement("div"); wide.style.width = "700px"; wide.textContent = "wide";
          document.querySelector("article").append(wide);
          const plot = document.createElementNS("http://www.w3.org/2000/svg", "svg");
          plot.setAttribute("viewBox", "0 0 1000 100"); plot.style.width = "300px";
          plot.innerHTML = '<text x="10" y="50" style="font-size: 12px">tiny</text>';
          document.querySelector("article").append(plot);
          const link = document.querySelector("article .figure-tools a");
          link.style.cssText = "display: inline; padding: 0; font-size: 9px";
        }"""
    )
    report = tab.evaluate(OVERFLOW)
    assert report["escaped"], "a block wider than the phone is caught"
    assert report["smallTargets"] and report["smallTargets"][0].startswith("SVG"), report["smallTargets"]
    # a formula and its full stop in a paragraph narrowed past the point where the stop still fits
    stranded = tab.evaluate(
        """(check) => {
          const formula = document.querySelector("article .math-nowrap .katex");
          const width = formula.getBoundingClientRect().width;
          const counts = [];
          for (const wrapped of [true, false]) {
            let count = 0;
            for (let extra = -1; extra <= 8; extra += 0.5) {
              const p = document.createElement("p");
              p.style.width = `${width + extra}px`;
              const line = wrapped ? document.createElement("span") : p;
              if (wrapped) { line.className = "math-nowrap"; p.append(line); }
              line.append(formula.cloneNode(true), ".");
              document.querySelector("article").append(p);
              count += eval(check)().length;  // STRANDED, over the page and the paragraph added
              p.remove();
            }
            counts.push(count);
          }
          return counts;
        }""",
        f"({STRANDED})",
    )
    assert stranded[0] == 0 < stranded[1], f"kept together / not: {stranded}"
    assert [t["px"] for t in report["drawnText"] if t["text"] == "tiny"] == [pytest.approx(3.6)], report
    context.close()
    context, tab = open_page(browser, server, "")
    tab.evaluate(
        """() => {
          const box = document.createElement("span"); box.tabIndex = 0; box.textContent = "no ring";
          box.id = "no-ring"; box.style.cssText = "outline: none !important";
          document.querySelector("article").prepend(box);
        }"""
    )
    tab.evaluate(MARK_INTERACTIVE)
    tab.focus("#no-ring")
    assert tab.evaluate(FOCUSED)["changed"] is False, "a control that looks the same when focused is caught"
    context.close()


# --- print ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("page", site_pages())
def test_a_printed_page_has_the_light_figures_and_no_navigation_whatever_the_palette(browser, server, page):
    printed = {}
    for scheme in SCHEMES:
        record = visit(browser, server, page, scheme)
        printed[scheme] = record["printed"], record["printed_png"]
    (light, light_png), (dark, dark_png) = printed["light"], printed["dark"]
    assert not light["chrome"] and not dark["chrome"], f"{page}: on paper: {light['chrome'] + dark['chrome']}"
    assert dark["figures"] == light["figures"] and all(not f.endswith(".dark.svg") for f in dark["figures"])
    assert dark["text"] == light["text"], "dark text on paper, whatever the screen's palette"
    difference = pixel_difference(light_png, dark_png)
    if difference is not None:  # perhaps a shot taken too soon: settled pictures from new loads
        light_png, dark_png = (printed_again(browser, server, page, scheme) for scheme in SCHEMES)
        difference = pixel_difference(light_png, dark_png)
    if difference is not None:  # keep both pictures for whoever reads the failure
        for scheme, png in (("light", light_png), ("dark", dark_png)):
            (SCREENSHOTS / f"printed-{shot_name(page, scheme)}").write_bytes(png)
    assert difference is None, (
        f"{page}: printing from the dark palette differs from the light one at {difference}; "
        f"both printed pictures are in {SCREENSHOTS}"
    )


# --- weight and speed ----------------------------------------------------------------------------

# Recorded by the page itself from the start of navigation. The math is typeset at build time (KaTeX
# HTML in the page); in the browser it is finished once KaTeX's stylesheet and the fonts that the
# formulas use have arrived, which is what document.fonts.ready waits for after a first layout.
TYPESET_CLOCK = """
window.__typeset = new Promise((resolve) => {
  window.addEventListener("load", async () => {
    document.body.getBoundingClientRect();
    await document.fonts.ready;
    const faces = [...document.fonts].filter((f) => f.family.replace(/"/g, "").startsWith("KaTeX"));
    resolve({
      typeset: performance.now(),
      load: performance.getEntriesByType("navigation")[0].loadEventStart,
      katexFontsLoaded: faces.filter((f) => f.status === "loaded").length,
      katexFontsLoading: faces.filter((f) => f.status === "loading").length,
    });
  });
});
"""

WEIGHED = """
async () => {
  const clock = await window.__typeset;
  const entries = ["navigation", "resource"].flatMap((type) => performance.getEntriesByType(type));
  return {
    ...clock,
    requests: entries.length,
    transferred: entries.reduce((sum, e) => sum + e.transferSize, 0),
    decoded: entries.reduce((sum, e) => sum + e.decodedBodySize, 0),
    scripts: entries.filter((e) => /\\.js(\\?|$)/.test(e.name)).map((e) => e.name),
    formulas: document.querySelectorAll(".katex").length,
    // formulas on show; those in closed folds need no font until a reader opens them
    shownFormulas: [...document.querySelectorAll(".katex")].filter((k) => k.checkVisibility()).length,
    untypeset: document.querySelectorAll(".arithmatex, .katex-error").length,
  };
}
"""


def weigh(browser, server, page) -> dict:
    """One cold load (a fresh context: empty cache) of ``page``, weighed and timed by the page."""
    context = browser.new_context(viewport=DESKTOP)
    tab = context.new_page()
    tab.add_init_script(TYPESET_CLOCK)
    tab.goto(f"{server}/{page}", wait_until="networkidle")
    report = tab.evaluate(WEIGHED)
    context.close()
    return report


def record_weight(page: str, entry: dict) -> None:
    """Add one page's numbers to the report (each page's entry is rewritten on every run)."""
    import fcntl

    WEIGHT_REPORT.parent.mkdir(parents=True, exist_ok=True)
    # both workers add pages: one reads, adds and writes while the other waits
    with open(WEIGHT_REPORT.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        report = json.loads(WEIGHT_REPORT.read_text(encoding="utf-8")) if WEIGHT_REPORT.exists() else {}
        report[page] = entry
        # whole or not at all: a reader never sees half a file
        write_atomic(WEIGHT_REPORT, json.dumps(dict(sorted(report.items())), indent=2) + "\n")


@pytest.mark.parametrize("page", site_pages())
def test_every_page_is_within_its_weight_budget_and_typeset_before_it_arrives(browser, server, site, page):
    first = weigh(browser, server, page)  # one cold load; `make bench` repeats them for medians
    after_load = first["typeset"] - first["load"]
    record_weight(
        page or "/",
        {
            "requests": first["requests"],
            "transferred_bytes": first["transferred"],
            "decoded_bytes": first["decoded"],
            "formulas": first["formulas"],
            "load_event_ms": round(first["load"], 1),
            "math_done_ms": round(first["typeset"], 1),
            "math_done_after_load_ms": round(after_load, 1),
        },
    )
    assert first["transferred"] <= WEIGHT_BUDGET, f"{page}: {first['transferred']} bytes on a cold load"
    # no typesetting left for the browser: every formula arrives as KaTeX HTML, no math script runs
    served = (site / page / "index.html").read_text(encoding="utf-8")
    assert first["formulas"] == served.count('<span class="katex">') and first["untypeset"] == 0
    assert not [s for s in first["scripts"] if re.search(r"katex|mathjax", s, re.I)], first["scripts"]
    assert first["katexFontsLoading"] == 0 and (first["shownFormulas"] == 0 or first["katexFontsLoaded"] > 0)
    if after_load > TYPESET_BUDGET_MS:  # timings are reported (page-weight.json), never pass/fail
        message = (
            f"{page}: math done {after_load:.0f} ms after the load event (budget {TYPESET_BUDGET_MS:.0f})"
        )
        warnings.warn(message, stacklevel=1)


def test_a_code_box_that_scrolls_keeps_its_tab_stop_on_a_touch_screen(browser, server):
    """On a screen without hover the theme takes a code box's tab stop away when it sets the box up
    (as the box comes into view, content.lazy) or the box changes size; scroll-regions.js gives a
    box that still scrolls sideways its tab stop back. The citation page's BibTeX box on a phone."""
    context, tab = open_page(browser, server, "cite/", viewport=PHONE, is_mobile=True, has_touch=True)
    box = "h2#bibtex + div.highlight pre > code"
    state = (
        f"(() => {{ const b = document.querySelector({box!r}); return [b.scrollWidth > b.clientWidth,"
        " b.getAttribute('tabindex'), b.hasAttribute('data-scroll-region'), matchMedia('(hover)').matches];"
        " })()"
    )
    assert tab.evaluate(state) == [True, "0", True, False], "a phone: the box scrolls and has its stop"
    tab.evaluate(f"document.querySelector({box!r}).removeAttribute('tabindex')")  # as the theme does
    tab.wait_for_function(f"{state}[1] === '0'", timeout=5_000)
    context.close()
