"""Who made the explainer and under which licence: read from CITATION.cff, the one place they are spelled.

The site's title, author line and description (the hook puts them into MkDocs' config), its
footer, the citations of the Cite page, of every figure and of the print page, and the metadata
inside every downloadable figure file all come from ``load``. The version is CITATION.cff's too;
``pyproject.toml`` repeats it for packaging and a test keeps the two equal. The code's licence is
the package's (``pyproject.toml``), since CITATION.cff's ``license`` is the text's and figures'.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass
from pathlib import Path

# The licences this site may be published under: SPDX identifier -> (short name, address)
LICENCES = {
    "CC-BY-4.0": ("CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/"),
    "CC-BY-SA-4.0": ("CC BY-SA 4.0", "https://creativecommons.org/licenses/by-sa/4.0/"),
    "CC0-1.0": ("CC0 1.0", "https://creativecommons.org/publicdomain/zero/1.0/"),
}


class ProjectError(ValueError):
    """CITATION.cff lacks something the site prints, or names a licence this module does not know."""


@dataclass(frozen=True)
class Author:
    """A person (family and given names) or an entity (a name)."""

    name: str = ""
    family: str = ""
    given: str = ""

    def cited(self, bibtex: bool = False) -> str:
        """ "Family, Given" for a person; an entity by its name, braced for BibTeX so it is not split."""
        if self.name:
            return "{" + self.name + "}" if bibtex else self.name
        return f"{self.family}, {self.given}"

    @property
    def display(self) -> str:
        return self.name or f"{self.given} {self.family}"


@dataclass(frozen=True)
class Project:
    title: str
    abstract: str
    authors: tuple[Author, ...]
    version: str
    released: dt.date
    licence: str  # the short name of the text's and figures' licence, "CC BY 4.0"
    licence_url: str
    code_licence: str  # "MIT"
    url: str | None = None

    @property
    def author_line(self) -> str:
        """Every author, as the site's footer and a file's metadata name them."""
        return ", ".join(author.display for author in self.authors)

    @property
    def released_epoch(self) -> int:
        """The release date as Unix time, midnight UTC: what a build outside git, and the notebook's
        figures, are dated by (SOURCE_DATE_EPOCH)."""
        import calendar

        return calendar.timegm(self.released.timetuple())

    @property
    def rights(self) -> str:
        """What a downloaded figure file says about its licence and origin."""
        return f'{self.licence} ({self.licence_url}). From "{self.title}", {self.author_line}.'


def load(root: Path) -> Project:
    """The project at ``root``: its CITATION.cff, and the code licence of its pyproject.toml."""
    import yaml

    path = Path(root) / "CITATION.cff"
    meta = yaml.safe_load(path.read_text(encoding="utf-8"))
    missing = [
        key
        for key in ("title", "abstract", "authors", "version", "date-released", "license")
        if key not in meta
    ]
    if missing:
        raise ProjectError(f"{path}: the site needs {', '.join(missing)}")
    if meta["license"] not in LICENCES:
        raise ProjectError(f"{path}: licence {meta['license']!r} is not one of {', '.join(LICENCES)}")
    short, address = LICENCES[meta["license"]]
    authors = tuple(
        Author(name=a.get("name", ""), family=a.get("family-names", ""), given=a.get("given-names", ""))
        for a in meta["authors"]
    )
    code = tomllib.loads((Path(root) / "pyproject.toml").read_text(encoding="utf-8"))["project"]["license"]
    return Project(
        title=meta["title"],
        abstract=" ".join(str(meta["abstract"]).split()),
        authors=authors,
        version=str(meta["version"]),
        released=dt.date.fromisoformat(str(meta["date-released"])),
        licence=short,
        licence_url=address,
        code_licence=code,
        url=meta.get("url"),
    )
