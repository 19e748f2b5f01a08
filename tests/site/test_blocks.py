"""Top-level tables wrapped in a block the browser can skip off screen (figures_src/site/blocks.py)."""

from __future__ import annotations

import re

from figures_src.site.blocks import WRAPPER, wrap_tables, wrapper


def unwrapped(html: str) -> str:
    return re.sub(re.escape(WRAPPER) + "[^>]*>", "", html).replace("</table></div>", "</table>")


def test_each_top_level_table_is_wrapped_and_nothing_else_changes():
    html = (
        "<p>Before</p>\n<table>\n<thead><tr><th>a</th></tr></thead>\n"
        "<tr><td><table><tr><td>inner</td></tr></table></td></tr>\n</table>\n"
        '<details><summary>s</summary><table><tr><td>1</td></tr></table></details><br>\n<TABLE class="x">'
        "<tr><td>2</td></tr></TABLE>\n<p>After <img src=a.svg></p>"
    )
    wrapped = wrap_tables(html)
    assert wrapped.count(WRAPPER) == 2, "the two top-level tables, not the nested one nor the one in a fold"
    assert wrapped.startswith("<p>Before</p>\n" + wrapper(3) + "<table>\n<thead>"), (
        "every row, inner ones too"
    )
    assert wrapper(1) + '<TABLE class="x">' in wrapped and "</TABLE></div>\n<p>After" in wrapped
    assert "<details><summary>s</summary><table>" in wrapped
    assert unwrapped(wrapped.replace("</TABLE></div>", "</TABLE>")) == html


def test_a_page_without_tables_is_unchanged():
    html = '<p>x</p><div class="table-like"><p>|a|b|</p></div><pre><code>&lt;table&gt;</code></pre>'
    assert wrap_tables(html) == html


def test_the_word_table_in_a_comment_an_attribute_or_a_script_is_not_a_table():
    for html in (
        "<!-- <table><tr><td>1</td></tr></table> --><p>x</p>",
        '<p title="<table>">x</p>',
        "<script>var t = '<table></table>';</script>",
    ):
        assert wrap_tables(html) == html, html


def test_line_breaks_the_parser_does_not_count_and_elements_left_open_inside_do_not_misplace_it():
    """The offsets survive a U+2028 or lone CR before the table (str.splitlines breaks there, the
    parser does not), an unclosed <li>, a <param> and SVG's self-closed elements; a table inside an
    element left open is not top-level, so it stays as it is."""
    table = "<table><tr><td>1</td></tr></table>"
    for before in (
        "<p>a\u2028b</p>\n",
        "<p>a\rb</p>",
        "<ul><li>x<li>y</ul>",
        "<object><param name=a></object>",
        '<svg><path d="M0"/><g/></svg>',
        "<svg/>",
    ):
        assert wrap_tables(before + table) == before + wrapper(1) + table + "</div>", repr(before)
    assert wrap_tables("<div/>" + table + "</div>") == "<div/>" + table + "</div>"


def test_a_tables_block_keeps_a_place_as_tall_as_its_rows_until_it_is_shown():
    """10rem a row (the verification page's tables measure 3.3 to 12.9rem a row on a phone)."""
    rows = "".join(f"<tr><td>{i}</td></tr>" for i in range(25))
    wrapped = wrap_tables(f"<table><thead><tr><th>h</th></tr></thead>{rows}</table>")
    assert wrapped.startswith('<div class="table-block" style="contain-intrinsic-height: auto 260rem">')
    odd = "<table><!-- <tr> --><tr><td><script>'<tr>'</script><track></td></tr></table>"
    assert wrap_tables(odd).startswith(wrapper(1)), "a row is a <tr> the browser sees as one"
    assert wrap_tables("<table></table>").startswith(wrapper(1)), "a place of one row at least"
