"""The "How we checked the math" page, generated at build time from the tests themselves.

A test declares what it checks with ``@pytest.mark.checks("page.md#anchor", ...)``, where the anchor
is a numbered equation (``eq-…``), a figure (``fig-…``) or a section heading of that page. A test of
a universal claim ("never", "only if", "for every λ") also carries
``@pytest.mark.claim("page.md#anchor", "words quoted from the page", searched="where we looked for
a counterexample")``; the page opens with the table of these claims. This module reads every
``test_*.py`` under ``tests/`` with ``ast`` (nothing is imported or run), and writes a Markdown
page listing, for each page of the site, its numbered equations, figures and checked sections,
each with the name and the source code of the tests that check it. It cannot drift from the tests.
"""

from __future__ import annotations

import ast
import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from markdown.extensions.toc import slugify

from figures_src import cache
from figures_src.site.crossref import Target


@dataclass(frozen=True)
class CheckingTest:
    """One test function and the anchors it declares it checks."""

    file: str  # e.g. "tests/math/test_one_coefficient.py"
    name: str
    source: str
    targets: tuple[str, ...]  # "page.md#anchor"
    claims: tuple[tuple[str, str, str], ...] = ()  # (page.md#anchor, quote, where it was searched)


def collect(tests_dir: Path) -> list[CheckingTest]:
    """Every test function of a ``test_*.py`` under ``tests_dir`` with a ``checks`` or ``claim`` mark."""
    found = []
    for path in sorted(tests_dir.rglob("test_*.py")):
        text = path.read_text(encoding="utf-8")
        if ".checks(" not in text and ".claim(" not in text:
            continue
        for node in ast.parse(text).body:  # test functions are top-level
            if not isinstance(node, ast.FunctionDef) or not node.name.startswith("test"):
                continue
            targets = tuple(
                arg.value
                for decorator in node.decorator_list
                if isinstance(decorator, ast.Call) and _is_checks(decorator.func)
                for arg in decorator.args
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str)
            )
            claims = tuple(
                (decorator.args[0].value, decorator.args[1].value, _keyword(decorator, "searched"))
                for decorator in node.decorator_list
                if isinstance(decorator, ast.Call) and _is_mark(decorator.func, "claim")
            )
            targets = tuple(dict.fromkeys(targets + tuple(target for target, _, _ in claims)))
            if targets:
                start = min([d.lineno for d in node.decorator_list] + [node.lineno]) - 1
                source = "\n".join(text.splitlines()[start : node.end_lineno])
                file = f"{tests_dir.name}/{path.relative_to(tests_dir).as_posix()}"
                found.append(CheckingTest(file, node.name, source, targets, claims))
    return found


def _is_checks(func: ast.expr) -> bool:
    return _is_mark(func, "checks")


def _is_mark(func: ast.expr, name: str) -> bool:
    return isinstance(func, ast.Attribute) and func.attr == name


def _keyword(call: ast.Call, name: str) -> str:
    for keyword in call.keywords:
        if keyword.arg == name and isinstance(keyword.value, ast.Constant):
            return str(keyword.value.value)
    raise ValueError(f'a claim mark needs {name}="..." (line {call.lineno})')


def headings(markdown: str) -> dict[str, str]:
    """Section anchors of a page and their titles. The anchors are Python-Markdown's (its toc
    extension's ``slugify``, which MkDocs uses): another engine must make the same ones."""
    result = {}
    in_fence = False
    for line in markdown.splitlines():
        if line.startswith("```"):
            in_fence = not in_fence
        match = None if in_fence else re.match(r"^(#{2,6})\s+(.*?)\s*#*\s*$", line)
        if match:
            result[slugify(match[2], "-")] = match[2]
    return result


class Listings:
    """Test sources highlighted as Python HTML once, then reused between builds (``cache.JsonStore``
    in ``CACHE/tests/KEY/``, KEY from the library versions, Pygments' among them).

    The page's Markdown holds only a placeholder per listing (``placeholder``); ``fill`` puts the
    HTML in after Markdown has run, so the big listings cost Python-Markdown nothing.
    """

    PLACEHOLDER = re.compile(r"<!--listing:([0-9a-f]{24})-->")

    def __init__(self, cache_dir: Path) -> None:
        self.key = cache.digest(versions=True)
        self.entries = cache.Entries(cache_dir)
        self.store = cache.JsonStore(self.entries.entry("tests", self.key) / "listings.json")

    def placeholder(self, source: str) -> str:
        """A marker for the highlighted ``source``, replaced by ``fill``."""
        key = hashlib.sha256(source.encode()).hexdigest()[:24]

        def highlighted() -> str:
            from pygments import highlight
            from pygments.formatters import HtmlFormatter
            from pygments.lexers import PythonLexer

            code = highlight(source, PythonLexer(), HtmlFormatter(wrapcode=True, cssclass="highlight"))
            return code.replace('<div class="highlight">', '<div class="language-python highlight">', 1)

        self.store.get(key, highlighted)
        return f"<!--listing:{key}-->"

    def fill(self, page_html: str) -> str:
        """Replace every placeholder in the rendered page by its highlighted listing, inside a
        ``<template>``: the page holds well over a hundred folded listings of about 200 elements
        each, which a browser would otherwise parse into the document, style and hand to the
        theme's code-block script on every load. ``scroll-regions.js`` puts a listing into the page
        when its fold opens (or the page is printed); without JavaScript the fold says where the
        code is."""
        return self.PLACEHOLDER.sub(
            lambda match: (
                f'<template class="listing">{self.store[match[1]]}</template>'
                "<noscript><p>The listing needs JavaScript; the test is in the file above.</p></noscript>"
            ),
            page_html,
        )

    def save(self, complete: bool = True) -> None:
        """Keep the listings; after a ``complete`` build, only the ones it used."""
        self.store.save(prune=complete)
        self.entries.prune("tests", self.key)


def claim_sections(pages: list[tuple[str, str, str]], tests: list[CheckingTest]) -> list[str]:
    """The universal claims, one folded box per page in nav order, each claim in the order of its page:
    the quote (linked to where it stands), where its test searched, and the test's name."""
    claims = [(claim, test) for test in tests for claim in test.claims]
    if not claims:
        return []
    out = [
        "## Universal claims and where we looked for a counterexample",
        "",
        "A claim that something never happens, or holds for every λ, is tested where it could fail:",
        "on random problems with several correlated features, by root-finding instead of a grid, and",
        "at the boundary case of each inequality, not only on the example that illustrates it.",
        "",
    ]
    for path, title, markdown in pages:
        text = " ".join(markdown.split())
        here = [(c, t) for c, t in claims if c[0].partition("#")[0] == path]
        if not here:
            continue
        here.sort(key=lambda item: text.find(" ".join(item[0][1].split())))
        # "info": Material's "note" and "abstract" folds print one shade apart from the dark palette
        out += [f'??? info "{title}: {len(here)} claim{"s" if len(here) != 1 else ""}"', ""]
        for (target, quote, searched), test in here:
            quote = " ".join(quote.replace("](#", f"]({path}#").split())  # its links point into its page
            out += [
                f"    - “{quote}” ([where]({target}))  ",
                f"      Searched: {' '.join(searched.split())}. Test: `{test.name}`.",
                "",
            ]
    return out


def unknown_targets(tests: Iterable[CheckingTest], anchors: Mapping[str, set[str]]) -> list[str]:
    """``test: page#anchor`` for every declared target that does not exist on the site."""
    problems = []
    for test in tests:
        for target in test.targets:
            page, _, anchor = target.partition("#")
            if anchor not in anchors.get(page, set()):
                problems.append(f"{test.file}::{test.name}: {target}")
    return problems


def page_markdown(
    pages: list[tuple[str, str, str]],
    numbered: Mapping[str, list[tuple[str, str, str]]],
    tests: list[CheckingTest],
    listings: Listings,
) -> str:
    """The page. ``pages``: (path, title, markdown) in nav order; ``numbered``: path -> [(anchor, label,
    tex)] with an equation's LaTeX (shown on the page) or "" for a figure."""
    by_target: dict[str, list[CheckingTest]] = defaultdict(list)
    for test in tests:
        for target in test.targets:
            by_target[target].append(test)
    out = [
        "---",
        "description: Every numbered equation, figure and checked claim, with the tests that check it.",
        "search:",
        "  exclude: true  # test listings would crowd out the chapters in search results",
        "---",
        "",
        "# How we checked the math",
        "",
        "Every numbered equation and figure on this site, and every section whose numbers are checked, is",
        "listed below with the tests that check it against an independent calculation: closed forms,",
        "SciPy's optimizers, brute-force grids, SymPy, scikit-learn or published results. The list and the",
        "code are read from the test suite (`tests/`) when the site is built, so they cannot drift apart.",
        "Run them yourself with `make test` (see the README).",
        "",
        f"In total: {len(tests)} tests check {len(by_target)} equations, figures and sections.",
        "",
    ]
    out += claim_sections(pages, tests)
    for path, title, markdown in pages:
        entries = list(numbered.get(path, []))
        entries += [
            (anchor, f"Section “{single_quoted(heading)}”", "")
            for anchor, heading in headings(markdown).items()  # in the order of the page
            if f"{path}#{anchor}" in by_target
        ]
        if not entries:
            continue
        # one row per equation, figure or section; each test a one-line fold that opens on its code
        out += [
            f"## {title}",
            "",
            '| Checked | Tests <span class="fold-hint">(open one to read it)</span> |',
            "| --- | --- |",
        ]
        for anchor, label, _ in entries:
            checking = by_target.get(f"{path}#{anchor}", [])
            folds = " ".join(
                '<details class="test-listing"><summary>'
                f'<code>{breakable(test.name)}</code> <span class="test-file">{test.file}</span>'
                f"</summary>{listings.placeholder(test.source)}</details>"
                for test in checking
            )
            out += [f"| [{label}]({path}#{anchor}) | {folds or '*no test yet.*'} |"]
        out += [""]
    return "\n".join(out) + "\n"


def breakable(name: str) -> str:
    """A test's name that a narrow screen may break after an underscore, never inside a word."""
    return name.replace("_", "_<wbr>")


def single_quoted(heading: str) -> str:
    """A heading with its own quotation marks made single, to sit inside the page's double ones."""
    heading = heading.replace("“", "‘").replace("”", "’")
    # a straight quote opens at the start of the heading or after a space or bracket, else it closes
    return re.sub(r'(^|(?<=[\s(\[]))"', "‘", heading).replace('"', "’")


class VerificationError(ValueError):
    """A test declares a check of an anchor that no page has."""


def build_page(
    tests_dir: Path,
    pages: Mapping[str, str],
    nav_pages: list[tuple[str, str]],
    index: Mapping[str, Target],
    listings: Listings,
) -> str:
    """The whole page, from the tests under ``tests_dir``, every page's Markdown (by source path),
    the nav's (title, source) in order and the site's numbered equations and figures
    (``crossref.build_index``). A mark may point at any page; the page lists those of the nav."""
    numbered: dict[str, list[tuple[str, str, str]]] = {}
    for target in index.values():
        numbered.setdefault(target.page, []).append((target.anchor, target.text, target.tex))
    anchors = {
        path: set(headings(markdown)) | {anchor for anchor, _, _ in numbered.get(path, [])}
        for path, markdown in pages.items()
    }
    tests = collect(tests_dir)
    unknown = unknown_targets(tests, anchors)
    if unknown:
        raise VerificationError(
            "Tests declare checks of anchors that do not exist:\n  " + "\n  ".join(unknown)
        )
    ordered = [(source, title, pages[source]) for title, source in nav_pages if source in pages]
    return page_markdown(ordered, numbered, tests, listings)
