"""The site's pages: the nav's order, a page's front matter, and the addresses pages link by.

Read by the build steps and by the tests alike, so both walk the nav and parse front matter the
same way. Plain data in, plain data out: no MkDocs import.
"""

from __future__ import annotations

import re

import yaml

_FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.S)  # as MkDocs reads it


def pages(nav: list | None) -> list[tuple[str, str]]:
    """(title, source path) of every page in a MkDocs-style nav, in order; sections are walked into."""
    found = []
    for item in nav or []:
        title, value = next(iter(item.items())) if isinstance(item, dict) else (item, item)
        found += pages(value) if isinstance(value, list) else [(title, value)]
    return found


class FrontMatterError(ValueError):
    """A page's front matter is not a YAML mapping."""


def front_matter(markdown: str) -> dict:
    """The YAML front matter of a page ({} if it has none)."""
    match = _FRONT_MATTER.match(markdown)
    if match is None:
        return {}
    try:
        meta = yaml.safe_load(match[1])
    except yaml.YAMLError as error:
        raise FrontMatterError(f"the front matter is not valid YAML: {error}") from None
    if meta is None:
        return {}
    if not isinstance(meta, dict):
        raise FrontMatterError(f"the front matter is not a mapping of keys to values: {meta!r}")
    return meta


def without_front_matter(markdown: str) -> str:
    """A page's Markdown after its front matter."""
    match = _FRONT_MATTER.match(markdown)
    return markdown[match.end() :] if match else markdown


def address(source: str) -> str:
    """Where a page of ``docs/`` is published below the site's root, with directory URLs: ``index.md``
    -> "", ``geometry.md`` -> "geometry/", ``notebooks/reproduce.ipynb`` -> "notebooks/reproduce/"."""
    return "" if source == "index.md" else re.sub(r"(/index)?\.(md|ipynb)$", "/", source)


def relative_url(url: str, from_url: str) -> str:
    """``url`` (below the site's root) as a link from the page or file at ``from_url``; a last part
    with a dot is a file, else a folder (as MkDocs' ``get_relative_url``)."""
    url = url or "./"  # the home page
    folder, _, last = from_url.rpartition("/")
    base = [p for p in (folder if "." in last else from_url).split("/") if p not in ("", ".")]
    target = [p for p in url.split("/") if p not in ("", ".")]
    common = 0
    for a, b in zip(base, target, strict=False):
        if a != b:
            break
        common += 1
    relative = "/".join([".."] * (len(base) - common) + target[common:]) or "."
    return relative + "/" if url.endswith("/") else relative
