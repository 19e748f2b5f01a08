"""How to cite the site and its figures, written from CITATION.cff (read by ``figures_src.project``).

``fill`` replaces a page's citation placeholders: ``<!-- citation:bibtex -->``,
``<!-- citation:apa -->`` and ``<!-- citation:figure PAGE.md#fig-NAME -->``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape

from figures_src.project import Project

FIGURE_PLACEHOLDER = re.compile(r"<!-- citation:figure (?P<page>[\w./-]+)#(?P<anchor>fig-[\w-]+) -->")


class CitationError(ValueError):
    """A placeholder names no figure."""


def bibtex(project: Project, url: str | None = None) -> str:
    """A BibTeX @misc entry with title, authors, version, year and (if known) URL."""
    fields = {
        "title": project.title,
        "author": " and ".join(author.cited(bibtex=True) for author in project.authors),
        "year": str(project.released.year),
        "version": project.version,
        "note": f"Version {project.version}, released {project.released.isoformat()}",
    }
    if url or project.url:
        fields["url"] = url or project.url
    body = ",\n".join(f"  {key} = {{{value}}}" for key, value in fields.items())
    return f"@misc{{l1_sparsity_explainer_{project.released.year},\n{body}\n}}"


def _cited_authors(project: Project) -> str:
    return ", ".join(author.cited() for author in project.authors)


def apa(project: Project, url: str | None = None, italic: str = "") -> str:
    """An APA-style reference: Authors (Year). Title (Version x) [Web site]. URL.

    ``italic`` wraps the title, for example "*" for Markdown; plain text by default.
    """
    link = url or project.url
    title = f"{italic}{project.title}{italic}"
    year, version = project.released.year, project.version
    reference = f"{_cited_authors(project)}. ({year}). {title} (Version {version}) [Web site]."
    return f"{reference} {link}" if link else reference


def figure(project: Project, label: str, url: str) -> str:
    """How to cite one figure: its number, the site's reference, the figure's own address, the licence."""
    return (
        f"{label}, in {_cited_authors(project)} ({project.released.year}). {project.title} "
        f"(Version {project.version}). {url}. Licence: {project.licence}."
    )


def fill(markdown: str, project: Project, figure_link: Callable[[str, str], tuple[str, str] | None]) -> str:
    """A page's Markdown with its citation placeholders written out. ``figure_link(page, anchor)``
    gives the figure's text ("Figure 3.2") and full address, or None if the page has no such figure."""
    for match in FIGURE_PLACEHOLDER.finditer(markdown):
        found = figure_link(match["page"], match["anchor"])
        if found is None:
            raise CitationError(f"{match[0]} names no figure")
        markdown = markdown.replace(match[0], f"```text\n{figure(project, *found)}\n```")
    markdown = markdown.replace("<!-- citation:bibtex -->", f"```bibtex\n{bibtex(project)}\n```")
    url = project.url  # in the prose, a link kept whole on its line (an address breaks at its hyphens)
    prose = apa(project, url=f"[{url}]({url}){{ .url }}" if url else None, italic="*")
    return markdown.replace("<!-- citation:apa -->", f"{prose}\n\n```text\n{apa(project)}\n```")


def footer_html(project: Project) -> str:
    """The licences and version line of every page's footer."""
    return (
        f'Text and figures <a href="{escape(project.licence_url)}">{escape(project.licence)}</a>, '
        f"code {escape(project.code_licence)} · version {escape(project.version)}"
    )
