"""Numbered equations and figures with stable anchors, and the links that cite them.

Authoring conventions (Markdown, before MkDocs renders it):

- A display equation that is referred to carries ``\\label{eq:NAME}`` inside its ``$$ … $$`` block.
  It becomes ``<div class="equation" id="eq-NAME">`` with ``\\tag{C.k}``, where C is the page's
  ``chapter`` (front matter) and k counts the labelled equations of that page.
- A figure is ``<figure id="fig-NAME" markdown>`` holding ``![alt text](figures/FILE.svg)`` and a
  ``<figcaption markdown>``. The image becomes the light/dark pair Material shows by palette
  (``#only-light``/``#only-dark``) and the caption starts with "Figure C.k".
- ``[](#eq-NAME)`` and ``[](#fig-NAME)``, also ``[](other.md#fig-NAME)``, get the link text
  "Eq. (C.k)" or "Figure C.k".

Anchors are names, not numbers, so links stay valid when equations are added elsewhere. Labels are
unique across the site; an unknown label, figure file or a labelled item on an unnumbered page
raises ``CrossrefError`` naming the page.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from figures_src.figure_files import FOLDER, NAME, NARROW_MEDIA, FigureFile

DISPLAY_MATH = re.compile(r"^(?P<indent>[ \t]*)\$\$[ \t]*\n(?P<body>.*?)\n[ \t]*\$\$[ \t]*$", re.M | re.S)
EQ_LABEL = re.compile(r"\\label\{eq:(?P<name>[a-z0-9-]+)\}")
FIGURE_OPEN = re.compile(r'<figure id="fig-(?P<name>[a-z0-9-]+)"[^>]*>')
FIGCAPTION_OPEN = re.compile(r"<figcaption( markdown)?>")
# a figure's image as a page writes it, ![alt](figures/NAME.svg), and as transform leaves it
FIGURE_IMAGE = re.compile(rf"!\[(?P<alt>[^\]]*)\]\({FOLDER}/(?P<file>{NAME})\.svg\)")
FIGURE_FILE = re.compile(rf"\]\({FOLDER}/(?P<file>{NAME})\.svg#only-light\)")
EMPTY_REF = re.compile(r"\[\]\((?P<page>[^)#\s]*)#(?P<anchor>(?:eq|fig)-[a-z0-9-]+)\)")


class CrossrefError(ValueError):
    """A label, reference or figure on a page cannot be resolved."""


@dataclass(frozen=True)
class Target:
    """Something a link can cite: an equation or a figure, with its number and page."""

    anchor: str  # "eq-NAME" or "fig-NAME"
    number: str  # "3.1"
    page: str  # source path of the page, e.g. "one-coefficient.md"
    tex: str = ""  # an equation's LaTeX without its label (empty for figures)

    @property
    def text(self) -> str:
        return f"Eq. ({self.number})" if self.anchor.startswith("eq-") else f"Figure {self.number}"


def collect_targets(page: str, markdown: str, chapter: object) -> list[Target]:
    """The numbered equations and figures of one page, in order of appearance."""
    equations = [
        (f"eq-{m['name']}", EQ_LABEL.sub("", block["body"]).strip())
        for block in DISPLAY_MATH.finditer(markdown)
        for m in EQ_LABEL.finditer(block["body"])
    ]
    figures = [(f"fig-{m['name']}", "") for m in FIGURE_OPEN.finditer(markdown)]
    if (equations or figures) and chapter is None:
        raise CrossrefError(
            f"{page}: has numbered equations or figures but no `chapter:` in its front matter"
        )
    return [
        Target(anchor, f"{chapter}.{k}", page, tex)
        for items in (equations, figures)
        for k, (anchor, tex) in enumerate(items, 1)
    ]


def build_index(pages: Iterable[tuple[str, str, object]]) -> dict[str, Target]:
    """All targets of the site by anchor; the same anchor on two pages is an error."""
    index: dict[str, Target] = {}
    for page, markdown, chapter in pages:
        for target in collect_targets(page, markdown, chapter):
            if target.anchor in index:
                other = index[target.anchor].page
                raise CrossrefError(f"{page}: label '{target.anchor}' is already used on {other}")
            index[target.anchor] = target
    return index


def transform(
    page: str,
    markdown: str,
    index: Mapping[str, Target],
    figure_files: Iterable[str],
    figure_footer: Callable[[Target, str], str] | None = None,
) -> str:
    """Number this page's equations and figures, expand figure images, and fill in reference texts.

    ``figure_footer(target, figure_name)``, if given, returns Markdown put under each figure's
    caption, inside the figure (download links and a citation).
    """
    known_files = set(figure_files)

    def equation(block: re.Match[str]) -> str:
        labels = list(EQ_LABEL.finditer(block["body"]))
        if not labels:
            return block[0]
        if len(labels) > 1:
            raise CrossrefError(f"{page}: one display equation has {len(labels)} labels; use one per block")
        anchor = f"eq-{labels[0]['name']}"
        body = EQ_LABEL.sub(lambda _: f"\\tag{{{index[anchor].number}}}", block["body"])
        indent = block["indent"]
        return (
            f'{indent}<div class="equation" id="{anchor}" markdown>\n\n'
            f"{indent}$$\n{body}\n{indent}$$\n\n{indent}</div>"
        )

    def figure_image(match: re.Match[str]) -> str:
        name, alt = match["file"], match["alt"]
        if name not in known_files:
            raise CrossrefError(
                f"{page}: refers to figures/{name}.svg, but figures_src/figures/ has no module '{name}.py' "
                f"(known: {', '.join(sorted(known_files))})"
            )
        if not alt.strip():
            raise CrossrefError(
                f"{page}: the image figures/{name}.svg needs alt text that says what it shows"
            )
        light = FigureFile(name)
        return f"![{alt}]({light.url}#only-light)![{alt}]({light.but(variant='dark').url}#only-dark)"

    def reference(match: re.Match[str]) -> str:
        anchor = match["anchor"]
        if anchor not in index:
            raise CrossrefError(f"{page}: the link [](…#{anchor}) points to no numbered equation or figure")
        return f"[{index[anchor].text}]({match['page']}#{anchor})"

    markdown = DISPLAY_MATH.sub(equation, markdown)
    markdown = FIGURE_IMAGE.sub(figure_image, markdown)
    markdown = _number_figures(page, markdown, index, figure_footer)
    return EMPTY_REF.sub(reference, markdown)


def _number_figures(
    page: str,
    markdown: str,
    index: Mapping[str, Target],
    footer: Callable[[Target, str], str] | None,
) -> str:
    out, position = [], 0
    for match in FIGURE_OPEN.finditer(markdown):
        caption = FIGCAPTION_OPEN.search(markdown, match.end())
        closing = markdown.find("</figure>", match.end())
        if caption is None or closing == -1 or caption.start() > closing:
            raise CrossrefError(
                f"{page}: figure 'fig-{match['name']}' needs a <figcaption markdown> before </figure>"
            )
        target = index[f"fig-{match['name']}"]
        out.append(markdown[position : caption.end()])
        out.append(f'<span class="figure-number">{target.text}.</span> ')
        position = caption.end()
        if footer is not None:
            image = FIGURE_FILE.search(markdown, match.end(), closing)
            caption_end = markdown.find("</figcaption>", position, closing)
            if image is None or caption_end == -1:
                raise CrossrefError(f"{page}: figure '{target.anchor}' needs an image and a closed caption")
            caption_end += len("</figcaption>")
            out.append(markdown[position:caption_end])
            out.append("\n" + footer(target, image["file"]) + "\n")
            position = caption_end
    out.append(markdown[position:])
    return "".join(out)


_FIGURE_IMG = re.compile(
    rf'<img [^>]*?src="(?P<dir>[^"]*{FOLDER}/)(?P<file>{NAME}(?:\.dark)?\.svg)#only-(?:light|dark)"[^>]*>'
)
_SVG_SIZE = re.compile(rb'<svg [^>]*?width="(?P<w>[\d.]+)pt" height="(?P<h>[\d.]+)pt"')


def svg_size(path: Path) -> tuple[int, int]:
    """The CSS pixel size (1 pt = 4/3 px) matplotlib wrote on an SVG file's root element."""
    found = _SVG_SIZE.search(Path(path).read_bytes()[:2000])
    if found is None:
        raise CrossrefError(f"{path}: no width and height in points on its <svg> element")
    return round(float(found["w"]) * 4 / 3), round(float(found["h"]) * 4 / 3)


def responsive_pictures(
    html: str, sizes: dict[str, tuple[int, int]], narrow_media: str = NARROW_MEDIA
) -> str:
    """Give each figure image of a built page its phone layout: the ``<img>`` of a wide figure file
    goes into a ``<picture>`` whose source is the same file in the narrow layout, which the browser
    takes where ``narrow_media`` holds. The ``<img>`` keeps its address, so the palette switch
    (``#only-light``/``#only-dark``) and the alt text work as before.

    Both the image and its source carry their file's size (``sizes``: file name -> CSS pixels), so
    the browser keeps the figure's place before the file arrives and nothing below it jumps. Every
    figure after a page's first loads only when it nears the screen (``loading="lazy"``; the palette
    that is not shown is then never fetched); the first may be the largest thing painted, and waits
    for nothing."""
    first = [None]

    def size(file: str) -> str:
        if file not in sizes:
            raise CrossrefError(f"the figure file {file} is on a page but was not drawn")
        width, height = sizes[file]
        return f'width="{width}" height="{height}"'

    def wrap(match: re.Match[str]) -> str:
        figure = FigureFile.parse(match["file"])
        narrow = str(figure.but(layout="narrow"))
        if first[0] is None:
            first[0] = figure.name
        lazy = "" if figure.name == first[0] else 'loading="lazy" '
        image = match[0].replace("<img ", f'<img {size(match["file"])} {lazy}decoding="async" ', 1)
        source = f'<source media="{narrow_media}" srcset="{match["dir"]}{narrow}" {size(narrow)} />'
        return f"<picture>{source}{image}</picture>"

    return _FIGURE_IMG.sub(wrap, html)
