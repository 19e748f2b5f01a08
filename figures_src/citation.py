"""How to cite the site, rendered from the one source of citation truth: CITATION.cff."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml


def load(path: Path) -> dict:
    """The citation metadata of CITATION.cff."""
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _authors(meta: dict, bibtex: bool = False) -> list[str]:
    """Persons as "Family, Given"; an entity by its name (braced for BibTeX, so it is not split)."""
    names = []
    for author in meta["authors"]:
        if "name" in author:
            names.append("{" + author["name"] + "}" if bibtex else author["name"])
        else:
            names.append(f"{author['family-names']}, {author['given-names']}")
    return names


def bibtex(meta: dict, url: str | None = None) -> str:
    """A BibTeX @misc entry with title, authors, version, year and (if known) URL."""
    released = dt.date.fromisoformat(str(meta["date-released"]))
    fields = {
        "title": meta["title"],
        "author": " and ".join(_authors(meta, bibtex=True)),
        "year": str(released.year),
        "version": meta["version"],
        "note": f"Version {meta['version']}, released {released.isoformat()}",
    }
    if url or meta.get("url"):
        fields["url"] = url or meta["url"]
    body = ",\n".join(f"  {key} = {{{value}}}" for key, value in fields.items())
    return f"@misc{{l1_sparsity_explainer_{released.year},\n{body}\n}}"


def apa(meta: dict, url: str | None = None, italic: str = "") -> str:
    """An APA-style reference: Authors (Year). Title (Version x) [Web site]. URL.

    ``italic`` wraps the title, for example "*" for Markdown; plain text by default.
    """
    released = dt.date.fromisoformat(str(meta["date-released"]))
    authors = ", ".join(_authors(meta))
    link = url or meta.get("url")
    title = f"{italic}{meta['title']}{italic}"
    reference = f"{authors}. ({released.year}). {title} (Version {meta['version']}) [Web site]."
    return f"{reference} {link}" if link else reference


def figure(meta: dict, label: str, url: str) -> str:
    """How to cite one figure: its number, the site's reference, the figure's own address, the licence."""
    released = dt.date.fromisoformat(str(meta["date-released"]))
    authors = ", ".join(_authors(meta))
    return (
        f"{label}, in {authors} ({released.year}). {meta['title']} (Version {meta['version']}). "
        f"{url}. Licence: CC BY 4.0."
    )
