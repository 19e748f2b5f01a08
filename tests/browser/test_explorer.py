"""The explorers of chapters 3, 5, 6 and 8 (docs/javascripts/explorer.js), driven in headless Chromium.

Each test moves the sliders as a reader would (or drags with a mouse or a finger, or presses arrow
keys) and compares what the page then shows with figures_src.sparsity, computed here in Python. The
JavaScript math itself is compared with the Python at thousands of points in tests/math/test_explorer_math.py.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlsplit

import numpy as np
import pytest
from matplotlib.colors import to_hex

from figures_src import style
from figures_src.figures import (
    diabetes_paths,
    geometry_contours,
    one_coefficient_solutions,
    threshold_diagram,
)
from figures_src.sparsity import (
    constrained_minimum,
    lasso_1d_from_moments,
    ridge_1d_from_moments,
    zero_is_optimal,
)
from tests.browser.browsing import DESKTOP, open_page, watch_console
from tests.helpers import ROOT

CENTER = geometry_contours.CENTER
HESSIAN = geometry_contours.HESSIAN
CHAPTERS = {
    "geometry": "geometry.md",
    "one-coefficient": "one-coefficient.md",
    "threshold": "derivative-threshold.md",
    "paths": "beyond.md",
}


def explorer_attributes(kind: str) -> dict[str, str]:
    """The data attributes of the explorer container in its chapter's Markdown."""
    source = (ROOT / "docs" / CHAPTERS[kind]).read_text(encoding="utf-8")
    tag = re.search(rf'<div class="explorer"([^>]*\bdata-explorer="{kind}"[^>]*)>', source)
    assert tag, f"{CHAPTERS[kind]} has no {kind} explorer"
    assert re.search(r"\bhidden\b", tag[1]), "without JavaScript the explorer stays hidden"
    return dict(re.findall(r'data-([a-z]+)="([^"]*)"', tag[1]))


@pytest.mark.checks(
    "geometry.md#where-the-ellipse-touches",
    "one-coefficient.md#the-dead-zone",
    "derivative-threshold.md#l1-a-corner-absorbs-a-whole-interval-of-slopes",
)
def test_each_explorer_starts_from_its_chapters_static_figure():
    geometry = explorer_attributes("geometry")
    assert np.array(geometry["center"].split(), float).tolist() == CENTER.tolist()
    assert np.array(geometry["hessian"].split(), float).reshape(2, 2).tolist() == HESSIAN.tolist()
    assert float(geometry["t"]) == geometry_contours.T
    one = explorer_attributes("one-coefficient")
    assert (
        float(one["sxx"]) == one_coefficient_solutions.SXX
        and float(one["lambda"]) == one_coefficient_solutions.LAM
    )
    threshold = explorer_attributes("threshold")
    assert float(threshold["lambda"]) == threshold_diagram.LAM
    assert float(threshold["curvature"]) == threshold_diagram.CURVATURE
    assert float(threshold["g"]) in threshold_diagram.SLOPES


@pytest.mark.checks("geometry.md#where-the-ellipse-touches")
def test_what_the_geometry_explorer_says_about_its_default_loss():
    """The text beside the sliders: the L1 optimum holds the corner (t, 0) up to t ≈ 1.45, both balls
    stop binding at ||c||₁ = 2.6 and ||c||₂ ≈ 1.89, and the L2 optimum is never on an axis."""
    ts = np.round(np.arange(0.01, 3.0, 0.01), 2)
    on_corner = [t for t in ts if constrained_minimum(CENTER, HESSIAN, 1, t).tolist() == [t, 0.0]]
    assert on_corner == [t for t in ts if t <= on_corner[-1]] and 1.44 <= on_corner[-1] < 1.46
    assert np.abs(CENTER).sum() == pytest.approx(2.6) and np.hypot(*CENTER) == pytest.approx(1.89, abs=0.005)
    for t in ts:
        l2 = constrained_minimum(CENTER, HESSIAN, 2, t)
        assert np.all(l2 != 0.0), t
        assert (l2.tolist() == CENTER.tolist()) == (t >= np.hypot(*CENTER))
        assert (constrained_minimum(CENTER, HESSIAN, 1, t).tolist() == CENTER.tolist()) == (t >= 2.6 - 1e-12)


# --- in the browser ------------------------------------------------------------------------------

PAGES = {
    "geometry": "geometry/",
    "one-coefficient": "one-coefficient/",
    "threshold": "derivative-threshold/",
    "paths": "beyond/",
}

SET = """
([name, value]) => {
  const input = document.querySelector(`.explorer input[data-control="${name}"]`);
  input.value = String(value);
  input.dispatchEvent(new Event("input", { bubbles: true }));
  return Number(input.value);
}
"""

# What the reader sees: the readout's numbers as text, whether each is marked as an exact zero, and
# the full-precision value behind it (data-value, which the page computed).
SHOWN = """
() => {
  const out = document.querySelector(".explorer__readout");
  const solutions = {};
  for (const part of out.querySelectorAll("[data-solution]")) {
    solutions[part.dataset.solution] = [...part.querySelectorAll(".explorer__value")].map((v) => ({
      text: v.firstChild.textContent, value: Number(v.dataset.value),
      marked: v.classList.contains("explorer__zero"),
    }));
  }
  return { state: JSON.parse(out.dataset.state), solutions, text: out.textContent,
           live: out.getAttribute("aria-live") };
}
"""


def number(text: str) -> float:
    """A readout number as a reader would type it back in (the page writes − and e−5)."""
    return float(text.replace("\u2212", "-"))


def assert_shown(shown: list[dict], expected) -> None:
    """What is shown equals the Python values: an exact zero as a marked "0", any other number
    rounded as printed (so a small nonzero number never reads as 0), and the value behind it exact."""
    assert len(shown) == len(np.atleast_1d(expected))
    for item, want in zip(shown, np.atleast_1d(expected), strict=True):
        assert item["value"] == pytest.approx(want, rel=1e-12, abs=1e-15)
        if want == 0.0:
            assert item["text"] == "0" and item["marked"] and item["value"] == 0.0, item
        else:
            assert not item["marked"] and item["text"] != "0"
            assert abs(number(item["text"]) - want) <= max(5e-4, abs(want) * 0.05) * 1.0001, (item, want)


@pytest.fixture
def explorer(browser, server):
    """Open an explorer's page; the console is watched, and any error fails the test."""
    opened = []

    def open_explorer(kind, scheme="light", address=None, **options):
        """``address``: the page's path with a query and fragment (a link to a setting)."""
        errors: list[str] = []  # from the first request on: building the explorer counts too
        context, tab = open_page(
            browser,
            server,
            address or PAGES[kind],
            scheme,
            watch=lambda tab: watch_console(tab, errors),
            **options,
        )
        opened.append((context, errors))
        if options.get("java_script_enabled", True):
            tab.wait_for_selector(f".explorer[data-explorer='{kind}'][data-ready]")
        return tab

    yield open_explorer
    for context, errors in opened:
        context.close()
        assert not errors, f"console errors: {errors}"


in_browser = pytest.mark.browser  # grouped on one pytest-xdist worker with the other browser tests


@pytest.mark.checks("geometry.md#where-the-ellipse-touches")
@in_browser
def test_a_small_t_puts_the_l1_optimum_exactly_on_an_axis_and_the_l2_optimum_off_both(explorer):
    tab = explorer("geometry")
    for t in (0.05, 0.3, 0.8, 1.2):
        assert tab.evaluate(SET, ["t", t]) == t
        shown = tab.evaluate(SHOWN)
        l1 = constrained_minimum(CENTER, HESSIAN, 1, t)
        l2 = constrained_minimum(CENTER, HESSIAN, 2, t)
        assert l1[1] == 0.0 and np.all(l2 != 0.0), "the default loss does what the chapter says"
        assert_shown(shown["solutions"]["l1"], l1)
        assert_shown(shown["solutions"]["l2"], l2)
        assert "w\u2082 is exactly zero" in shown["text"] and "off both axes" in shown["text"], t
        assert shown["live"] == "polite", "a screen reader hears the new values"


@pytest.mark.checks("geometry.md#where-the-ellipse-touches")
@in_browser
def test_a_t_beyond_the_unconstrained_optimums_norm_gives_that_optimum(explorer):
    tab = explorer("geometry")
    for t in (1.89, 2.6, 5.0):  # past ||c||₂ only, then past ||c||₁ too
        tab.evaluate(SET, ["t", t])
        shown = tab.evaluate(SHOWN)
        for norm in (1, 2):
            slack = np.linalg.norm(CENTER, ord=norm) <= t
            assert (shown["state"][f"l{norm}"] == CENTER.tolist()) == slack, (norm, t, shown["state"])
            assert_shown(shown["solutions"][f"l{norm}"], constrained_minimum(CENTER, HESSIAN, norm, t))


@in_browser
def test_moving_the_unconstrained_optimum_moves_both_optima_as_the_solver_says(explorer):
    tab = explorer("geometry")
    rng = np.random.default_rng(3)
    for _ in range(12):
        c = np.round(rng.uniform(-2.5, 2.5, 2) / 0.05) * 0.05
        t = float(np.round(rng.uniform(0, 3), 2))
        set_to = [
            tab.evaluate(SET, ["c1", c[0]]),
            tab.evaluate(SET, ["c2", c[1]]),
            tab.evaluate(SET, ["t", t]),
        ]
        assert set_to == pytest.approx([c[0], c[1], t])
        shown = tab.evaluate(SHOWN)
        center = np.array(shown["state"]["center"])
        for norm in (1, 2):
            assert_shown(shown["solutions"][f"l{norm}"], constrained_minimum(center, HESSIAN, norm, t))


DRAG_TARGET = """
([wx, wy]) => {  // where the data point (wx, wy) is on the screen
  const plot = document.querySelector(".explorer__plot");
  const disc = plot.querySelector("[data-shape=disc]");
  const t = JSON.parse(document.querySelector(".explorer__readout").dataset.state).t;
  const scale = Number(disc.getAttribute("r")) / t;  // the disc of radius t is centred on the origin
  const [x0, y0] = [Number(disc.getAttribute("cx")), Number(disc.getAttribute("cy"))];
  const point = new DOMPoint(x0 + wx * scale, y0 - wy * scale).matrixTransform(plot.getScreenCTM());
  const handle = plot.querySelector(".explorer__handle").getBoundingClientRect();
  return { x: point.x, y: point.y, hx: handle.x + handle.width / 2, hy: handle.y + handle.height / 2 };
}
"""


@in_browser
def test_the_unconstrained_optimum_can_be_dragged_with_a_mouse(explorer):
    tab = explorer("geometry")
    tab.locator(".explorer__plot").scroll_into_view_if_needed()
    spot = tab.evaluate(DRAG_TARGET, [-1.0, 2.0])
    tab.mouse.move(spot["hx"], spot["hy"])
    tab.mouse.down()
    tab.mouse.move(spot["x"], spot["y"], steps=8)
    tab.mouse.up()
    shown = tab.evaluate(SHOWN)
    assert shown["state"]["center"] == pytest.approx([-1.0, 2.0], abs=1e-9)
    for norm in (1, 2):
        assert_shown(shown["solutions"][f"l{norm}"], constrained_minimum([-1.0, 2.0], HESSIAN, norm, 1.0))


@in_browser
def test_the_unconstrained_optimum_can_be_dragged_with_a_finger(explorer):
    tab = explorer("geometry", viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    tab.locator(".explorer__plot").scroll_into_view_if_needed()
    spot = tab.evaluate(DRAG_TARGET, [0.5, -1.5])
    touch = tab.context.new_cdp_session(tab)
    path = [
        (spot["hx"] + (spot["x"] - spot["hx"]) * k / 8, spot["hy"] + (spot["y"] - spot["hy"]) * k / 8)
        for k in range(9)
    ]
    touch.send(
        "Input.dispatchTouchEvent",
        {"type": "touchStart", "touchPoints": [{"x": path[0][0], "y": path[0][1]}]},
    )
    for x, y in path[1:]:
        touch.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [{"x": x, "y": y}]})
    touch.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    shown = tab.evaluate(SHOWN)
    assert shown["state"]["center"] == pytest.approx([0.5, -1.5], abs=1e-9)
    assert_shown(shown["solutions"]["l1"], constrained_minimum([0.5, -1.5], HESSIAN, 1, 1.0))


@in_browser
def test_the_arrow_keys_move_a_slider_and_the_readout_follows(explorer):
    tab = explorer("geometry")
    tab.focus(".explorer input[data-control=t]")
    for _ in range(10):
        tab.keyboard.press("ArrowLeft")
    shown = tab.evaluate(SHOWN)
    assert shown["state"]["t"] == pytest.approx(0.9)
    assert_shown(shown["solutions"]["l1"], constrained_minimum(CENTER, HESSIAN, 1, shown["state"]["t"]))
    spoken = tab.get_attribute(".explorer input[data-control=t]", "aria-valuetext")
    assert spoken == "t 0.900"
    tab.click(".explorer__reset")
    assert tab.evaluate(SHOWN)["state"]["t"] == geometry_contours.T


@pytest.mark.checks("one-coefficient.md#the-dead-zone")
@in_browser
@pytest.mark.claim(
    "one-coefficient.md#the-dead-zone",
    "and the ridge coefficient is zero only where $\\sum_i x_i y_i$ is",
    searched=(
        "the explorer in Chromium at λ from 0 to 6 and Σxy from −2.5 to 2.05, 0 included, against the "
        "library's closed forms"
    ),
)
def test_the_dead_zone_widens_with_lambda_and_the_coefficients_match_python(explorer):
    tab = explorer("one-coefficient")
    for lam in (0.0, 0.5, 2.0, 4.1, 6.0):
        tab.evaluate(SET, ["lambda", lam])
        band, ticks = tab.evaluate(
            """() => [Number(document.querySelector(".explorer__band").getAttribute("width")),
                      Object.fromEntries([...document.querySelectorAll(".explorer__axes text")]
                        .map((t) => [t.textContent, Number(t.getAttribute("x"))]))]"""
        )
        units_per_sxy = (ticks["3"] - ticks["\u22123"]) / 6  # SVG units per unit of Σxy, from the axis ticks
        assert band == pytest.approx(min(lam, 6.0) * units_per_sxy, rel=1e-6), "the band is |Σxy| ≤ λ/2"
        for sxy in (-2.5, -1.0, -0.4, 0.0, 0.3, 1.0, 2.05):
            tab.evaluate(SET, ["sxy", sxy])
            shown = tab.evaluate(SHOWN)
            lasso = lasso_1d_from_moments(sxy, one_coefficient_solutions.SXX, lam)
            assert_shown(shown["solutions"]["l1"], lasso)
            assert_shown(
                shown["solutions"]["l2"], ridge_1d_from_moments(sxy, one_coefficient_solutions.SXX, lam)
            )
            assert ("inside it" in shown["text"]) == (lasso == 0.0)


@pytest.mark.checks("derivative-threshold.md#l1-a-corner-absorbs-a-whole-interval-of-slopes")
@in_browser
def test_the_l1_minimizer_stays_at_zero_until_the_slope_passes_lambda(explorer):
    tab = explorer("threshold")
    for lam in (0.0, 1.0, 2.25):
        tab.evaluate(SET, ["lambda", lam])
        pinned = []
        for g in np.round(np.arange(-3.0, 3.01, 0.25), 2):
            tab.evaluate(SET, ["g", g])
            shown = tab.evaluate(SHOWN)
            sxy = -g / 2  # L(w) = g·w + w², as in the figure (threshold_diagram.py)
            l1 = lasso_1d_from_moments(sxy, threshold_diagram.CURVATURE, lam)
            assert_shown(shown["solutions"]["l1"], l1)
            assert_shown(
                shown["solutions"]["l2"], ridge_1d_from_moments(sxy, threshold_diagram.CURVATURE, lam)
            )
            assert (l1 == 0.0) == zero_is_optimal(g, lam) == ("absorbs" in shown["text"])
            pinned.append(bool(l1 == 0.0))
        assert sum(pinned) == sum(abs(g) <= lam for g in np.round(np.arange(-3.0, 3.01, 0.25), 2))


# Chapter 8's table: each feature's lasso and ridge cells as the reader sees them.
TABLE = """
() => [...document.querySelectorAll(".explorer__table tbody tr")].map((row) => ({
  feature: row.dataset.feature,
  ...Object.fromEntries([...row.querySelectorAll("[data-solution]")].map((cell) => {
    const v = cell.querySelector(".explorer__value");
    return [cell.dataset.solution, { text: v.firstChild.textContent, value: Number(v.dataset.value),
                                      marked: v.classList.contains("explorer__zero") }];
  })),
}))
"""


@pytest.mark.checks("beyond.md#zero-on-an-interval-of-or-at-a-single-point")
@in_browser
def test_the_paths_explorer_shows_the_librarys_coefficients_and_marks_only_exact_zeros(explorer):
    """At each tried step, the table is the library's lasso and ridge (an exact zero a marked "0", no
    ridge value marked), the ring count is the number of lasso zeros, and the λ shown is the step's."""
    numbers = diabetes_paths.explorer_data()
    start = float(explorer_attributes("paths")["decades"])
    tab = explorer("paths")
    assert tab.evaluate(SHOWN)["state"]["decades"] == start
    for k in (0, 1, 20, 60, 100, 106, 110, 114, 115, 120):
        decades = tab.evaluate(SET, ["decades", round(k * 0.025, 3)])
        state, text = (tab.evaluate(SHOWN)[key] for key in ("state", "text"))
        assert state["index"] == k and decades == pytest.approx(numbers["decades"][k])
        assert state["lambda"] == pytest.approx(numbers["lambdas"][k], rel=1e-5)
        rows = tab.evaluate(TABLE)
        assert [r["feature"] for r in rows] == numbers["features"]
        assert_paths_shown([r["l1"] for r in rows], numbers["lasso"][k])
        assert_paths_shown([r["l2"] for r in rows], numbers["ridge"][k])
        zeros = int(np.sum(numbers["lasso"][k] == 0.0))
        assert f"Lasso: {zeros} of 10 coefficients exactly zero" in text
        assert tab.locator(".explorer__marker--zero").count() == zeros
        assert "Ridge: none exactly zero" in text
        assert "sex at \u03bb\u00a0\u2248\u00a011.99, s2 at \u03bb\u00a0\u2248\u00a02.191" in text
    assert tab.locator(".explorer__crossing").count() == 2


def assert_paths_shown(shown: list[dict], expected) -> None:
    """As assert_shown, for numbers written to 6 significant digits into the page."""
    for item, want in zip(shown, expected, strict=True):
        assert item["value"] == pytest.approx(want, rel=1e-5, abs=0.0)
        assert item["marked"] == (want == 0.0) == (item["text"] == "0"), (item, want)
        if want != 0.0:
            assert abs(number(item["text"]) - want) <= max(5e-4, abs(want) * 0.05) * 1.0001, (item, want)


@in_browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_explorers_draw_in_the_figures_palette(explorer, scheme):
    tab = explorer("geometry", scheme)
    colours = tab.evaluate(
        """() => Object.fromEntries(["diamond", "disc"].map((shape) => [shape,
             getComputedStyle(document.querySelector(`[data-shape=${shape}]`)).stroke]))"""
    )
    theme = style.THEMES[scheme]

    def hex_of(css: str) -> str:
        return to_hex([int(v) / 255 for v in re.findall(r"\d+", css)[:3]])

    assert hex_of(colours["diamond"]) == to_hex(theme.l1) and hex_of(colours["disc"]) == to_hex(theme.l2)


@in_browser
def test_without_javascript_the_static_figure_stands_alone(explorer):
    for kind in PAGES:
        tab = explorer(kind, java_script_enabled=False)
        shown = tab.evaluate(
            """() => ({ explorer: document.querySelector(".explorer").checkVisibility(),
                        figures: [...document.querySelectorAll("article figure img")]
                          .filter((i) => i.checkVisibility()).length })"""
        )
        assert not shown["explorer"] and shown["figures"] >= 1, (kind, shown)


@in_browser
def test_an_explorer_reached_by_instant_navigation_is_built_once(explorer):
    """Material swaps pages without a reload (navigation.instant): the explorer is built on arrival,
    and once, however often the reader comes back. (Material's instant navigation takes links for
    internal by the published address, so here it is started the way its link handler does.)"""
    tab = explorer("one-coefficient")
    tab.evaluate("window.sameDocument = true")  # gone if the page is reloaded instead of swapped
    for _ in range(2):
        for kind in ("geometry", "one-coefficient"):
            tab.evaluate("(path) => location$.next(new URL(path, location.href))", f"../{PAGES[kind]}")
            tab.wait_for_selector(f".explorer[data-explorer='{kind}'][data-ready]")
    assert tab.evaluate("window.sameDocument === true"), "the pages were swapped, not reloaded"
    assert tab.locator(".explorer__body").count() == 1
    tab.evaluate(SET, ["lambda", 3.0])
    shown = tab.evaluate(SHOWN)
    assert_shown(shown["solutions"]["l1"], lasso_1d_from_moments(shown["state"]["sxy"], 1.0, 3.0))


# --- links to a setting --------------------------------------------------------------------------

SETTINGS = {  # a setting of each explorer away from its start, and its container's id
    "geometry": ({"t": 0.35, "c1": -1.2, "c2": 2.05}, "explore-geometry"),
    "one-coefficient": ({"lambda": 3.45, "sxy": -1.1}, "explore-one-coefficient"),
    "threshold": ({"g": -1.35, "lambda": 1.6}, "explore-threshold"),
    "paths": ({"decades": 2.725}, "explore-diabetes"),
}

SHARED = """
() => ({ href: document.querySelector(".explorer__share").href,
         status: document.querySelector(".explorer__status").textContent,
         top: document.querySelector(".explorer").getBoundingClientRect().top,
         plotTop: document.querySelector(".explorer__body").getBoundingClientRect().top })
"""


@in_browser
@pytest.mark.parametrize("kind", list(PAGES))
def test_a_link_to_a_setting_reopens_the_explorer_in_that_setting(explorer, server, kind):
    values, anchor = SETTINGS[kind]
    tab = explorer(kind)
    for name, v in values.items():
        assert tab.evaluate(SET, [name, v]) == pytest.approx(v)
    before = tab.evaluate(SHOWN)
    link = urlsplit(tab.evaluate(SHARED)["href"])
    assert f"{link.scheme}://{link.netloc}" == server and link.path == "/" + PAGES[kind]
    assert link.fragment == anchor and {k: float(v) for k, v in parse_qsl(link.query)} == values
    address = f"{PAGES[kind]}?{link.query}#{link.fragment}"
    again = explorer(kind, address=address)
    after = again.evaluate(SHOWN)
    assert after["state"] == before["state"] and after["solutions"] == before["solutions"]
    shared = again.evaluate(SHARED)
    assert shared["href"] == f"{server}/{address}", "the reopened explorer links to the same setting"
    header = again.evaluate("document.querySelector('.md-header').getBoundingClientRect().bottom")
    assert header <= shared["top"] and shared["plotTop"] < DESKTOP["height"], "scrolled to the explorer"


@in_browser
def test_clicking_the_link_puts_it_in_the_address_bar_and_on_the_clipboard(explorer, server):
    tab = explorer("threshold", permissions=["clipboard-read", "clipboard-write"])
    tab.evaluate("window.sameDocument = true")
    tab.evaluate(SET, ["g", 2.5])
    setting = tab.evaluate(SHOWN)["state"]
    href = tab.evaluate(SHARED)["href"]
    tab.click(".explorer__share")
    tab.wait_for_function("document.querySelector('.explorer__status').textContent !== ''")
    assert tab.evaluate("navigator.clipboard.readText()") == href
    assert "Copied" in tab.evaluate(SHARED)["status"]
    assert tab.evaluate("window.sameDocument === true"), "the page stayed; only the address changed"
    # The address bar holds the setting. Its fragment may already name the section scrolled to
    # (Material's navigation.tracking rewrites it), so the setting lives in the query alone.
    address = urlsplit(tab.evaluate("location.href"))
    assert address.query == urlsplit(href).query
    reopened = explorer("threshold", address=f"{PAGES['threshold']}?{address.query}#{address.fragment}")
    assert reopened.evaluate(SHOWN)["state"] == setting
    tab.evaluate(SET, ["g", 0.0])
    moved = tab.evaluate(SHARED)
    assert moved["status"] == "" and "g=0" in moved["href"] and moved["href"] != href


@pytest.mark.checks("cite.md#citing-a-setting-of-an-explorer")
@in_browser
def test_the_cite_pages_example_setting_is_what_it_says(explorer):
    """The Cite page's example address shows the diamond shrunk to t = 0.5, the optimum on the corner."""
    source = (ROOT / "docs" / "cite.md").read_text(encoding="utf-8")
    # shown as the address it is, and a link to that same address
    example = re.search(
        r"\[`(geometry/\?([^`#]*)#explore-geometry)`\]\(geometry\.md\?\2#explore-geometry\)", source
    )[1]
    shown = explorer("geometry", address=example).evaluate(SHOWN)
    assert shown["state"]["t"] == 0.5 and shown["state"]["center"] == CENTER.tolist()
    corner = constrained_minimum(CENTER, HESSIAN, 1, 0.5)
    assert corner.tolist() == [0.5, 0.0]
    assert_shown(shown["solutions"]["l1"], corner)


@in_browser
def test_an_address_sets_an_explorer_only_to_values_its_sliders_allow(explorer):
    # not a number: ignored; beyond the range: the slider's end; between steps: the nearest step;
    # a name that is none of its sliders': ignored
    tab = explorer("geometry", address="geometry/?t=abc&c1=99&c2=-0.333&zoom=2#explore-geometry")
    state = tab.evaluate(SHOWN)["state"]
    assert state["t"] == geometry_contours.T and state["center"] == pytest.approx([2.5, -0.35], abs=1e-12)
    tab.click(".explorer__reset")
    assert tab.evaluate(SHOWN)["state"]["center"] == CENTER.tolist(), "Reset: the chapter's figure"
    # whatever the fragment (here another explorer's id, badly percent-encoded), the query sets the
    # sliders it names, and the other explorers' names do nothing here
    address = "geometry/?t=0.5&lambda=3&g=1#explore-threshold%E0%A4%A"
    state = explorer("geometry", address=address).evaluate(SHOWN)["state"]
    assert state["t"] == 0.5 and state["center"] == CENTER.tolist(), address
    # chapter 6's penalty strength was called beta in links made before it took the symbol λ
    state = explorer("threshold", address="derivative-threshold/?g=1&beta=1.6").evaluate(SHOWN)["state"]
    assert state["lambda"] == 1.6 and state["g"] == 1.0
