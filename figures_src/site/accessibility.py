"""Mend what the theme's markup gets wrong for assistive technology, on every built page.

Material for MkDocs 9.8's search box needs two mends, found by axe-core and the keyboard test:

- it is marked ``role="dialog"`` without a name, so a screen reader announces an unnamed dialog;
- its results panel is a tab stop, but Tab out of the search field closes the search first, so the
  focus lands on a panel that has collapsed to nothing. Results stay reachable the way Material
  intends, with the arrow keys from the search field.

Each mend is a string edit of the built page; if the theme's markup changes, the build stops
instead of silently shipping the old fault.
"""

from __future__ import annotations

MENDS = (
    (
        '<div class="md-search" data-md-component="search" role="dialog">',
        '<div class="md-search" data-md-component="search" role="dialog" aria-label="Search this site">',
    ),
    (
        '<div class="md-search__scrollwrap" tabindex="0" data-md-scrollfix>',
        '<div class="md-search__scrollwrap" tabindex="-1" data-md-scrollfix>',
    ),
)


class MarkupChanged(Exception):
    """The theme's markup is not what these mends expect (say, after a Material upgrade)."""


def mend(html: str) -> str:
    """Apply every mend to a built page; raise MarkupChanged if one of them finds nothing to mend."""
    for before, after in MENDS:
        if before not in html:
            raise MarkupChanged(f"the theme markup {before!r} was not found: check the mends")
        html = html.replace(before, after, 1)
    return html
