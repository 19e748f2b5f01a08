"""The Content-Security-Policy of every page (figures_src/site/security.py) in headless Chromium:
nothing the site does is blocked, in either palette, through instant navigation and the search;
what an attacker would inject is blocked; and the explorers' address input never becomes markup."""

from __future__ import annotations

import re

import pytest

from tests.browser.browsing import all_images, open_page, watch_console
from tests.helpers import published_pages

pytestmark = pytest.mark.browser  # grouped on one pytest-xdist worker with the other browser tests

# Registered before the page's first script: every violation the page reports, with what and where.
LISTEN = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => window.__violations.push([
  e.violatedDirective, e.blockedURI, (e.sourceFile || "") + ":" + e.lineNumber,
  (e.sample || "").slice(0, 80)]));
"""

POLICY = """
() => {
  const metas = [...document.querySelectorAll('meta[http-equiv="Content-Security-Policy"]')];
  const head = [...document.head.children];
  return { count: metas.length, policy: metas.length ? metas[0].content : "",
           // everything in <head> before the policy: at most the character set
           before: head.slice(0, head.indexOf(metas[0])).map((el) => el.outerHTML.slice(0, 40)) };
}
"""


def directives(policy: str) -> dict[str, list[str]]:
    out = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            out[words[0]] = words[1:]
    return out


def listening(problems: list[str]):
    def watch(tab) -> None:
        tab.add_init_script(LISTEN)
        watch_console(tab, problems)

    return watch


@pytest.mark.parametrize(
    "page", published_pages()
)  # 404.html: its addresses are absolute (/explainer/), which this server does not serve
def test_every_page_carries_the_policy_and_the_policy_blocks_nothing_it_shows(browser, server, page):
    problems: list[str] = []
    context, tab = open_page(browser, server, page, "dark", watch=listening(problems))
    found = tab.evaluate(POLICY)
    assert found["count"] == 1, f"{page}: {found['count']} policies"
    assert all(h.startswith("<meta charset") for h in found["before"]), found["before"]
    rules = directives(found["policy"])
    assert rules["default-src"] == ["'self'"] and rules["object-src"] == ["'none'"]
    assert rules["base-uri"] == ["'self'"]
    scripts = rules["script-src"]
    assert scripts[0] == "'self'" and all(
        re.fullmatch(r"'sha256-[A-Za-z0-9+/]{43}='", s) for s in scripts[1:]
    )
    assert "'unsafe-eval'" not in found["policy"]
    # every figure, far down the page too, and what the reader can open: the search (its worker
    # and index) and the palette switch, through all three palettes (dark, system, light)
    all_images(tab)
    if page != "print/":  # the whole explainer on one page, for printing, has no header
        tab.keyboard.press("/")  # Material's shortcut to the search
        tab.keyboard.type("lasso")
        tab.wait_for_selector(".md-search-result__item", timeout=15_000)
        tab.keyboard.press("Escape")
        for _ in range(3):
            tab.click("label.md-header__button[for^='__palette']:visible")
            tab.wait_for_timeout(100)
    violations = tab.evaluate("window.__violations")
    context.close()
    assert not violations, f"{page}: {violations}"
    assert not problems, problems


def test_instant_navigation_runs_the_next_pages_own_scripts_under_the_policy(browser, server):
    """Material swaps in the next page without a reload, so the first page's policy must allow the
    inline scripts of every page: the notebook page's own define its copy button's element."""
    problems: list[str] = []
    context, tab = open_page(browser, server, "", watch=listening(problems))
    tab.evaluate("window.__mark = 1")  # gone if a page is reloaded instead of swapped
    for target, title in [
        ("notebooks/reproduce/", "Reproduce"),
        ("beyond/", "Beyond"),
        ("verification/", "How"),
    ]:
        # as Material's link handler does (it takes links for internal by the published address)
        tab.evaluate("(path) => location$.next(new URL('/' + path, location.origin))", target)
        tab.wait_for_function(
            "(t) => document.querySelector('article h1')?.textContent.includes(t)", arg=title
        )
        if target.startswith("notebooks"):
            assert tab.evaluate("!!customElements.get('clipboard-copy')"), "the notebook's script did not run"
    assert tab.evaluate("window.__mark") == 1, "a page was reloaded, not swapped"
    violations = tab.evaluate("window.__violations")
    context.close()
    assert not violations and not problems, (violations, problems)


INJECT = """
async () => {
  window.__ran = [];
  const script = document.createElement("script");
  script.textContent = "window.__ran.push('inline script')";
  document.body.append(script);
  const image = document.createElement("img");
  image.setAttribute("onerror", "window.__ran.push('event handler')");
  image.src = "data:,not-an-image";
  document.body.append(image);
  const link = document.createElement("a");
  link.href = "javascript:window.__ran.push('javascript: link')";
  document.body.append(link);
  link.click();
  const remote = document.createElement("script");
  remote.src = "https://example.com/evil.js";
  document.body.append(remote);
  await new Promise((done) => setTimeout(done, 300));
  return window.__ran;
}
"""


def test_an_injected_script_handler_link_or_foreign_script_is_blocked_and_reported(browser, server):
    context, tab = open_page(browser, server, "geometry/", watch=lambda t: t.add_init_script(LISTEN))
    ran = tab.evaluate(INJECT)
    violations = tab.evaluate("window.__violations")
    context.close()
    assert ran == [], f"ran despite the policy: {ran}"
    blocked = {v[0] for v in violations}
    assert {"script-src-elem", "script-src-attr"} <= blocked, violations
    assert any("example.com" in v[1] for v in violations), violations


def test_without_the_policy_the_same_injection_runs(browser, server, site, tmp_path):
    """The check above can fail: on a copy of the page without its policy, all three run."""
    page = (site / "geometry" / "index.html").read_text(encoding="utf-8")
    bare = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", page)
    assert bare != page
    (site / "geometry" / "no-policy.html").write_text(bare, encoding="utf-8")
    try:
        context, tab = open_page(browser, server, "geometry/no-policy.html")
        ran = tab.evaluate(INJECT)
        context.close()
    finally:
        (site / "geometry" / "no-policy.html").unlink()
    assert sorted(ran) == ["event handler", "inline script", "javascript: link"], ran


# --- the explorers' address input ------------------------------------------------------------------

SLIDERS = {  # page: the names of its explorer's sliders (docs/javascripts/explorer.js)
    "geometry": ("geometry/", ["t", "c1", "c2"]),
    "one-coefficient": ("one-coefficient/", ["lambda", "sxy"]),
    "threshold": ("derivative-threshold/", ["g", "lambda", "beta"]),
    "paths": ("beyond/", ["decades"]),
}
MARKUP = "<img src=x onerror=window.__pwned=1><script>window.__pwned=2</script>"
HOSTILE = [  # none of these is a number: each must leave the explorer at the chapter's setting
    MARKUP,
    '"><svg onload=window.__pwned=3>',
    "javascript:window.__pwned=4",
    "%3Cscript%3Ewindow.__pwned%3D5%3C%2Fscript%3E",  # encoded twice over: arrives still encoded
    "1" * 5000 + "x",  # long
    "9" * 400,  # a number too large for a double: Infinity, not finite
    "1e309",
    "-Infinity",
    "NaN",
    "",
    "   ",
    "1,5",
    "0.5.5",
    "\u0661",  # an Arabic-Indic one: not a number to JavaScript
    "\u00a0",
    "{}",
    "[1]",
    "null",
    "true",
]
NUMERIC_EDGES = ["1e-400", "0x1f", " 0.25 ", "-1e3"]

READ = """
(kind) => {
  const out = document.querySelector(".explorer__readout");
  const sliders = [...document.querySelectorAll(".explorer input[type=range]")].map((s) => ({
    name: s.dataset.control, value: Number(s.value), min: Number(s.min), max: Number(s.max) }));
  const explorer = document.querySelector(`.explorer[data-explorer='${kind}']`);
  return {
    state: out.dataset.state, sliders, pwned: window.__pwned === undefined ? null : window.__pwned,
    // the explorer's markup, each link's address aside (its links carry the page's own address)
    markup: explorer.innerHTML.replace(/ href="[^"]*"/g, ' href=""'),
    links: [...explorer.querySelectorAll("[href]")].map((a) => a.getAttribute("href")),
    foreign: document.querySelectorAll("[onerror], [onload], svg[onload]").length,
    violations: window.__violations,
  };
}
"""


def open_with(browser, server, kind: str, query: str, problems: list[str]):
    page, _ = SLIDERS[kind]
    # the explorer and its readout only: the rest of the page need not be laid out (0.3 s a load)
    context, tab = open_page(browser, server, f"{page}?{query}", watch=listening(problems), whole=False)
    tab.wait_for_selector(f".explorer[data-explorer='{kind}'][data-ready]")
    return context, tab.evaluate(READ, kind)


def query(pairs: list[tuple[str, str]]) -> str:
    from urllib.parse import quote

    return "&".join(f"{quote(name, safe='')}={quote(value, safe='')}" for name, value in pairs)


@pytest.mark.parametrize("kind", sorted(SLIDERS))
def test_hostile_address_values_leave_the_explorer_at_its_setting_and_never_become_markup(
    browser, server, kind
):
    problems: list[str] = []
    names = SLIDERS[kind][1]
    context, clean = open_with(browser, server, kind, "", problems)
    context.close()
    # every hostile value for every slider name (repeated names: each value is read in turn), and
    # as the names themselves
    pairs = [(name, value) for value in HOSTILE for name in names] + [(MARKUP, "1"), ("__proto__", "1")]
    context, hostile = open_with(browser, server, kind, query(pairs), problems)
    context.close()
    assert hostile["state"] == clean["state"], "a value that is not a number changed the setting"
    assert hostile["sliders"] == clean["sliders"]
    assert hostile["markup"] == clean["markup"], "the address changed the explorer's markup"
    assert hostile["pwned"] is None and hostile["foreign"] == clean["foreign"] == 0
    for link in hostile["links"]:  # where the address is repeated, it is percent-encoded
        assert not re.search(r"[<>\"' ]", link), link[:200]
    assert not hostile["violations"], hostile["violations"]  # nothing even tried to run
    # numbers written oddly, each slider its own: each stays in its range, at a finite value
    for start in range(0, len(NUMERIC_EDGES), len(names)):
        pairs = [(n, NUMERIC_EDGES[(start + k) % len(NUMERIC_EDGES)]) for k, n in enumerate(names)]
        context, shown = open_with(browser, server, kind, query(pairs), problems)
        context.close()
        for s in shown["sliders"]:
            assert s["min"] <= s["value"] <= s["max"], (pairs, s)
        assert shown["pwned"] is None and not shown["violations"]
    assert not problems, problems
