"""The one place that names a figure's files and their addresses on the site.

A figure NAME is drawn in two palettes (light, dark), two layouts (wide; narrow, for phones) and up
to three formats. Its files are ``NAME[.narrow][.dark].FORMAT``; on the site they are published at
``figures/FILE``. A figure whose module also defines ``explorer_data()`` has one more file,
``NAME.json``: the numbers an explorer on its page reads. Everything that writes, publishes, links
or checks these files builds and reads their names with ``FigureFile`` (``str`` gives the file
name, ``parse`` the reverse), so no other code spells the pattern or counts dots.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

FOLDER = "figures"  # below the site's root
FORMATS = ("svg", "png", "pdf")
DATA = "json"  # the numbers of an explorer (a figure module's explorer_data()): NAME.json, one file
VARIANTS = ("light", "dark")
LAYOUTS = ("wide", "narrow")  # style.LAYOUTS; the narrow one (phones) is drawn as SVG only
DOWNLOAD_FORMATS = ("png", "pdf")  # offered under each figure besides its SVG, light variant only
SVG_HASHSALT = "l1-sparsity-explainer"  # fixed SVG ids in every figure, on the pages and in the notebook
PNG_DPI = 300  # print resolution of the downloadable PNG
NARROW_MEDIA = "(max-width: 539.98px)"  # where a page shows the narrow layout (a <picture> source)

NAME = r"[A-Za-z0-9_]+"  # a figure's name: its module's name
_FILE = re.compile(rf"(?P<name>{NAME})(?P<narrow>\.narrow)?(?P<dark>\.dark)?\.(?P<fmt>svg|png|pdf|json)")


@dataclass(frozen=True)
class FigureFile:
    name: str
    variant: str = "light"
    fmt: str = "svg"
    layout: str = "wide"

    def __post_init__(self) -> None:
        if self.variant not in VARIANTS or self.fmt not in (*FORMATS, DATA) or self.layout not in LAYOUTS:
            raise ValueError(
                f"unknown variant {self.variant!r}, format {self.fmt!r} or layout {self.layout!r}"
            )
        if self.fmt == DATA and (self.variant, self.layout) != ("light", "wide"):
            raise ValueError("an explorer's data is one file, NAME.json, for both palettes and layouts")
        if not re.fullmatch(NAME, self.name):
            raise ValueError(f"{self.name!r} is not a figure name (letters, digits, underscores)")

    def __str__(self) -> str:
        narrow = ".narrow" if self.layout == "narrow" else ""
        dark = ".dark" if self.variant == "dark" else ""
        return f"{self.name}{narrow}{dark}.{self.fmt}"

    @property
    def url(self) -> str:
        """The file's address below the site's root."""
        return f"{FOLDER}/{self}"

    def but(self, **changes: str) -> FigureFile:
        """The same figure's file in another variant, format or layout."""
        return FigureFile(**{**self.__dict__, **changes})

    @classmethod
    def parse(cls, file_name: str) -> FigureFile:
        """The file a name such as ``unit_balls.narrow.dark.svg`` is; ValueError for anything else."""
        match = _FILE.fullmatch(file_name)
        if match is None:
            raise ValueError(f"{file_name!r} is not the name of a figure file")
        return cls(
            match["name"],
            "dark" if match["dark"] else "light",
            match["fmt"],
            "narrow" if match["narrow"] else "wide",
        )
