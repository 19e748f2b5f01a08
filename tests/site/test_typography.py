"""Line breaks kept out of number ranges and named numbers (figures_src/site/typography.py), and long
equations set on one line or in lines by the screen's width (figures_src/site/typeset.py)."""

from __future__ import annotations

import re

import pytest

from figures_src.site.typeset import MathError, breakable_versions, typeset_html
from figures_src.site.typography import tie


def text_of(html: str) -> str:
    return re.sub(r"<[^>]*>", "", html)


def test_ranges_and_named_numbers_are_kept_on_one_line_and_the_text_is_unchanged():
    html = (
        '<p>SIAM 2(1), 183–202. See <a href="../geometry/">chapter 5</a>, Figure 3.11, Table 3.4, '
        "Section 3.4 and Eq. (5.1); chapters 3–5.</p>"
    )
    tied = tie(html)
    assert re.findall(r'<span class="tied">(.*?)</span>', tied) == [
        "183–202",
        "chapter 5",
        "Figure 3.11",
        "Table 3.4",
        "Section 3.4",
        "Eq. (5.1)",
        "chapters 3–5",
    ]
    assert text_of(tied) == text_of(html), "a reader copies what they read"


def test_code_scripts_math_svg_and_attributes_are_left_alone():
    untouched = [
        "<pre><code>pages 1–2, chapter 3</code></pre>",
        "<code>Figure 1.1</code>",
        "<script>var a = 'chapter 2';</script>",
        '<svg><text x="1">Table 1</text></svg>',
        "<math><mn>1</mn><mo>–</mo><mn>2</mn></math>",
        '<a title="chapter 3" href="#pages-1–2">here</a>',
    ]
    for html in untouched:
        assert tie(html) == html, html


def test_a_number_in_groups_of_three_stays_whole():
    assert tie("<p>about 400 000 draws, 20 000 problems and 5 000</p>") == (
        '<p>about <span class="tied">400 000</span> draws, <span class="tied">20 000</span> problems and '
        '<span class="tied">5 000</span></p>'
    )


def test_a_headings_quotes_are_made_single_and_open_where_they_open():
    from figures_src.site.verification import single_quoted

    assert (
        single_quoted('"More mass near zero" is not the reason') == "‘More mass near zero’ is not the reason"
    )
    assert single_quoted("the “corner” (a “kink”)") == "the ‘corner’ (a ‘kink’)"


def test_a_breakable_equation_is_one_line_on_wide_screens_and_aligned_lines_on_a_phone():
    tex = r"a = \begin{breakable} b + {} &c\\ &+ d \end{breakable} \tag{2.4}"
    assert breakable_versions(tex) == (
        r"a = b + {} c + d \tag{2.4}",
        r"a = \begin{aligned} b + {} &c\\ &+ d \end{aligned} \tag{2.4}",
    )
    assert breakable_versions(r"\begin{aligned} a &= b \end{aligned}") is None
    with pytest.raises(MathError, match="no environment inside"):
        breakable_versions(r"\begin{breakable} \begin{pmatrix} 1 & 2 \end{pmatrix} \end{breakable}")


class _Echo:
    """A stand-in for KaTeX: the formula in a marked box."""

    def typeset(self, tex: str, display: bool) -> str:
        return f"<k>{tex}</k>"


def test_brackets_and_punctuation_next_to_an_inline_formula_stay_on_its_line():
    page = (
        'fits (<span class="arithmatex">\\(x = 1\\)</span>, '
        '<span class="arithmatex">\\(y\\)</span>). Then <span class="arithmatex">\\(z\\)</span> alone'
    )
    assert typeset_html(page, _Echo()) == (
        'fits <span class="math-nowrap">(<k>x = 1</k>,</span> '
        '<span class="math-nowrap"><k>y</k>).</span> Then <k>z</k> alone'
    )
