"""Line breaks a typesetter would not allow, prevented in a page's HTML.

A browser may break a line after the en dash of a range ("pages 407–" / "499"), between the
groups of a long number ("400" / "000") and between a word and the number it names ("chapter" /
"8"). ``tie`` wraps each in ``<span class="tied">``, which the stylesheet keeps on one line; the
text itself is unchanged, so what a reader copies is what they see. Code, preformatted text,
scripts, styles, SVG and typeset math are left alone.
"""

from __future__ import annotations

import re

# the elements whose text is not prose, skipped whole; and the tags between text runs
_SKIPPED = re.compile(r"<(pre|code|script|style|svg|math|kbd|samp)\b.*?</\1\s*>", re.S | re.I)
_TAG = re.compile(r"<[^>]*>")
_NUMBER = r"\(?\d+(?:\.\d+)*(?:–\d+(?:\.\d+)*)?\)?"  # 8, 3.11, (5.1), 3–5
_TIED = re.compile(
    r"\d+–\d+"  # a range of numbers
    r"|\b\d{1,3}(?:[ \u2009\u202f]\d{3})+\b"  # a number in groups of three (400 000)
    r"|\b(?:[Cc]hapters?|[Ff]igures?|[Tt]ables?|[Ss]ections?|Eqs?\.|pp?\.) " + _NUMBER  # a named number
)


def _tie_text(text: str) -> str:
    return _TIED.sub(lambda m: f'<span class="tied">{m[0]}</span>', text)


def _between(pattern: re.Pattern[str], html: str, change) -> str:
    """``html`` with ``change`` applied to the text between the matches of ``pattern``, which stay."""
    out, position = [], 0
    for match in pattern.finditer(html):
        out += [change(html[position : match.start()]), match[0]]
        position = match.end()
    out.append(change(html[position:]))
    return "".join(out)


def tie(html: str) -> str:
    """``html`` with number ranges and named numbers kept on one line (see the module's docstring)."""
    return _between(_SKIPPED, html, lambda prose: _between(_TAG, prose, _tie_text))
