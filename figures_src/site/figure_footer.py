"""The quiet line under every figure's caption: SVG · PNG · PDF · source · cite.

The downloads are Markdown links (the engine makes them relative to the page); "cite" opens a
popover card with the figure's citation to copy and the command that redraws it; "source" links the
module that draws it in the repository, at the branch the site is built from.
"""

from __future__ import annotations

import re

from figures_src.figure_files import DOWNLOAD_FORMATS, PNG_DPI, FigureFile
from figures_src.project import Project
from figures_src.site import citation
from figures_src.site.crossref import Target

# (format, link text, what the download's title says it is): the SVG, then the light downloads
DOWNLOADS = tuple(
    (fmt, fmt.upper(), f"{fmt.upper()}, {PNG_DPI} dpi" if fmt == "png" else fmt.upper())
    for fmt in ("svg", *DOWNLOAD_FORMATS)
)


class SourceLinkError(ValueError):
    """The repository's address cannot be derived from the site's configuration."""


def source_base(repo_url: str | None, edit_uri: str | None) -> str:
    """The repository's address for reading a file of the branch the site is built from, derived
    from ``repo_url`` and ``edit_uri`` (``edit/BRANCH/docs/``), which the edit buttons already use."""
    match = re.fullmatch(r"edit/(?P<branch>[^/]+)/docs/", edit_uri or "")
    if not repo_url or match is None:
        raise SourceLinkError(
            f"mkdocs.yml: figure source links need repo_url and an edit_uri of the form edit/BRANCH/docs/ "
            f"(got {repo_url!r}, {edit_uri!r})"
        )
    return f"{repo_url.rstrip('/')}/blob/{match['branch']}/"


def footer(target: Target, name: str, page_url: str, source_base: str, project: Project) -> str:
    """Markdown for under the caption of figure ``target`` drawn by module ``name``, on the page at
    the full address ``page_url``."""
    links = " · ".join(
        f"[{label}]({FigureFile(name, fmt=fmt).url}){{ download title='Download {target.text} as {title}' }}"
        for fmt, label, title in DOWNLOADS
    )
    cite = citation.figure(project, target.text, f"{page_url}#{target.anchor}")
    script = f"figures_src/figures/{name}.py"
    card = f"cite-{target.anchor}"
    source = f"[source]({source_base}{script}){{ title='{script}, the script that draws {target.text}' }}"
    button = (
        f'<button type="button" class="figure-cite-button" popovertarget="{card}" '
        f'aria-label="Cite {target.text}">cite</button>'
    )
    return (
        f'<div class="figure-tools" markdown>\n\n{links} · {source} · {button}\n\n</div>\n'
        f'<div class="figure-cite" id="{card}" popover="auto" markdown>\n\n'
        f"**Cite {target.text}**\n\n```text\n{cite}\n```\n\n"
        f"Drawn by [`{name}.py`]({source_base}{script}){{ title='{script} in the repository' }}; "
        # "python -m" kept on one line: a phone would otherwise break the line after the hyphen
        f'<code><span class="nobreak">python -m</span> figures_src {name}</code> redraws it.\n\n</div>'
    )
