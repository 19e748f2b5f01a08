"""The numbers of an explorer, put into its page at build time.

An explorer container names the figure whose numbers it shows, ``data-from="NAME"``; the figure's
module computed them with the library when it was drawn (``explorer_data()``, written as
``NAME.json`` by ``render``). This step writes that JSON into the container as its ``data-values``
attribute, so the explorer needs no request and no second implementation of the math. A name that
no figure writes data for stops the build.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

_NAMED = re.compile(r'(<div\b[^>]*?\sdata-from="([^"]*)")')


class ExplorerDataError(ValueError):
    """An explorer names data that no figure writes."""


def embed(page_html: str, data_files: dict[str, Path]) -> str:
    """``page_html`` with each ``<div … data-from="NAME"`` given ``data-values`` (NAME's JSON)."""

    def fill(match: re.Match) -> str:
        name = match[2]
        if name not in data_files:
            known = ", ".join(sorted(data_files)) or "none"
            raise ExplorerDataError(
                f'an explorer reads data-from="{name}", but no figure of that name defines '
                f"explorer_data() (figures that do: {known})"
            )
        text = data_files[name].read_text(encoding="utf-8")
        return f'{match[1]} data-values="{html.escape(text, quote=True)}"'

    return _NAMED.sub(fill, page_html)
