"""Numbered equations and figures: numbers, anchors, link texts, and the errors authors get."""

from __future__ import annotations

import re

import pytest

from figures_src.site import crossref
from figures_src.site.nav import front_matter
from tests.helpers import ROOT

PAGE = """---
chapter: 4
---
Intro citing [](#eq-second) and [](#fig-picture).

$$
a = b
\\label{eq:first}
$$

$$
c = d
$$

    $$
    e = f \\label{eq:second}
    $$

<figure id="fig-picture" markdown>
![A line that goes up](figures/known.svg)
<figcaption markdown>A caption.</figcaption>
</figure>
"""


def transformed(page: str = PAGE, figures=("known",)) -> str:
    index = crossref.build_index([("p.md", page, 4)])
    return crossref.transform("p.md", page, index, figures)


def test_equations_and_figures_are_numbered_by_chapter_in_page_order():
    index = crossref.build_index([("p.md", PAGE, 4)])
    assert {a: t.number for a, t in index.items()} == {
        "eq-first": "4.1",
        "eq-second": "4.2",
        "fig-picture": "4.1",
    }


def test_labels_become_tags_inside_an_anchored_wrapper():
    out = transformed()
    assert '<div class="equation" id="eq-first" markdown>' in out
    assert "\\tag{4.1}" in out and "\\tag{4.2}" in out and "\\label" not in out
    assert '    <div class="equation" id="eq-second" markdown>' in out, "indentation is kept"
    assert out.count('class="equation"') == 2, "an unlabelled equation stays unnumbered"


def test_references_get_their_text_and_keep_their_anchor():
    out = transformed()
    assert "[Eq. (4.2)](#eq-second)" in out and "[Figure 4.1](#fig-picture)" in out


def test_cross_page_references_resolve_through_the_site_index():
    other = "Compare [](p.md#eq-first)."
    index = crossref.build_index([("p.md", PAGE, 4), ("q.md", other, 5)])
    assert crossref.transform("q.md", other, index, []) == "Compare [Eq. (4.1)](p.md#eq-first)."


def test_figures_get_both_palette_variants_and_a_numbered_caption():
    out = transformed()
    assert "![A line that goes up](figures/known.svg#only-light)" in out
    assert "![A line that goes up](figures/known.dark.svg#only-dark)" in out
    assert '<figcaption markdown><span class="figure-number">Figure 4.1.</span> A caption.' in out


@pytest.mark.parametrize(
    ("page", "figures", "message"),
    [
        (PAGE.replace("figures/known.svg", "figures/unknown.svg"), ("known",), "unknown"),
        (PAGE.replace("A line that goes up", " "), ("known",), "alt text"),
        (PAGE + "\nSee [](#eq-nowhere).", ("known",), "eq-nowhere"),
        (PAGE.replace("<figcaption markdown>A caption.</figcaption>", ""), ("known",), "figcaption"),
        (PAGE.replace("c = d", "c = d \\label{eq:x} \\label{eq:y}"), ("known",), "labels"),
    ],
)
def test_authoring_mistakes_raise_naming_the_page(page, figures, message):
    with pytest.raises(crossref.CrossrefError, match=message) as raised:
        transformed(page, figures)
    assert str(raised.value).startswith("p.md")


def test_the_same_label_on_two_pages_is_an_error():
    with pytest.raises(crossref.CrossrefError, match="already used"):
        crossref.build_index([("p.md", PAGE, 4), ("q.md", PAGE, 5)])


def test_a_numbered_item_needs_a_chapter():
    with pytest.raises(crossref.CrossrefError, match="chapter"):
        crossref.build_index([("p.md", PAGE, None)])


def test_every_page_with_numbered_items_declares_a_distinct_chapter():
    chapters = {}
    for page in sorted((ROOT / "docs").rglob("*.md")):
        text = page.read_text(encoding="utf-8")
        chapter = front_matter(text).get("chapter")
        if chapter is not None:
            assert chapter not in chapters, f"{page.name} and {chapters[chapter]} share chapter {chapter}"
            chapters[chapter] = page.name
        elif crossref.EQ_LABEL.search(text) or crossref.FIGURE_OPEN.search(text):
            pytest.fail(f"{page.name} numbers equations or figures without a chapter")


def test_pages_never_hand_write_a_figure_or_equation_number_in_a_link():
    """Link texts such as [Figure 4.1](…) would go stale when figures are added; use [](…#fig-…)."""
    for page in sorted((ROOT / "docs").rglob("*.md")):
        stale = re.findall(r"\[(?:Figure \d+\.\d+|Eq\. \(\d+\.\d+\))\]\(", page.read_text(encoding="utf-8"))
        assert not stale, f"{page.name}: {stale}"
