"""Top-level tables of a page wrapped in a plain block, so the browser can skip them off screen.

The stylesheet lets the browser style and lay out only the top-level blocks of a chapter that are
near the screen (``content-visibility`` in docs/stylesheets/extra.css). That property has no effect
on a table box, and the theme wraps tables in its scrolling box only once its script runs, after
the whole page has been parsed; until then a long table is styled and laid out with everything
else, each time the theme's start-up code reads a size (the verification page's tables were about
2,800 elements of that work). ``wrap_tables`` puts each table that is a child of the page's content
in ``<div class="table-block">`` when the page is built; the theme then wraps the table inside it,
as on any page, and the table itself is unchanged.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

WRAPPER = '<div class="table-block"'  # then its placeholder height (``wrapper``) and ">"
# Until a skipped block is first shown, the browser gives it a placeholder height; the stylesheet's
# 12rem is far too little for a table (the verification page's are 27 to 238rem tall on a phone:
# 3.3 to 12.9rem a row, 9.5 in the longest table, about 5.5 on a desktop, where the placeholder is
# then too tall). A table's block asks for 10rem a row instead, so that on a phone the page is
# about as long before its tables are shown as after: the scroll bar and a jump to an anchor land
# near where they will end. On today's pages nothing in a skipped table then lies over the footer
# (the phone test checks every page); Lighthouse's contrast check had taken the verification
# page's text there to be on the footer's dark background, and scored its accessibility 96.
ROW_REM = 10


def wrapper(rows: int) -> str:
    """The start tag of the block around a table of ``rows`` rows (a nested table's counted too;
    at least one): its placeholder height, the width left to the stylesheet."""
    return f'{WRAPPER} style="contain-intrinsic-height: auto {max(rows, 1) * ROW_REM}rem">'


_VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "param",
    "source",
    "track",
    "wbr",
}


class _TopLevelTables(HTMLParser):
    """The (start, end) offsets in the text of each table that no other element contains, and its
    number of rows (``<tr>`` start tags, as the parser sees them: not in a comment or a script)."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=False)
        # where each line starts, as the parser counts lines: at "\n" only (not at the other
        # characters str.splitlines breaks at, such as U+2028 or a lone "\r")
        self.html = html
        self.lines = [0, *(m.end() for m in re.finditer("\n", html))]
        self.open: list[str] = []  # the elements open where the parser is, outermost first
        self.start, self.rows, self.found = -1, 0, []  # found: (start, end, rows) of each
        self.feed(html)
        self.close()

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.lines[line - 1] + column

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _VOID:
            return
        if tag == "table" and not self.open:
            self.start, self.rows = self._offset(), 0
        elif tag == "tr" and self.start >= 0:
            self.rows += 1
        self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs) -> None:
        self.handle_starttag(tag, attrs)  # "<div/>" opens a div, as a browser reads it
        if self.open[-1:] == [tag] and any(name in {"svg", "math"} for name in self.open):
            self.open.pop()  # in SVG or MathML (or "<svg/>" itself), "/>" closes the element

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.open:
            return  # a stray end tag closes nothing
        while self.open.pop() != tag:  # an end tag closes what was left open inside it (<p>, <li>)
            pass
        if tag == "table" and not self.open and self.start >= 0:
            end = self.html.index(">", self._offset()) + 1
            self.found.append((self.start, end, self.rows))
            self.start = -1


def wrap_tables(html: str) -> str:
    """``html`` (a page's content) with each top-level ``<table>…</table>`` inside a block
    (``wrapper``) whose placeholder height is its rows'."""
    if "<table" not in html.lower():
        return html  # most pages: no need to parse
    out, position = [], 0
    for start, end, rows in _TopLevelTables(html).found:
        out += [html[position:start], wrapper(rows), html[start:end], "</div>"]
        position = end
    out.append(html[position:])
    return "".join(out)
