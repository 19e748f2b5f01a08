"""Execute the site's notebooks at build time, only when they or the code they call changed.

mkdocs-jupyter renders a notebook page; it can execute notebooks too, but its cache is keyed on the
notebook file alone, so an edit to ``figures_src`` would leave stale outputs on the page. Here a
notebook is executed with nbclient into ``CACHE/STEM/KEY/STEM.ipynb`` (``figures_src/cache.py``),
where KEY hashes the notebook, the ``figures_src`` code it calls (``notebook_sources``) and the
library versions; mkdocs-jupyter then renders that executed copy without executing it again.

A cell that raises stops everything: ``execute`` raises ``NotebookError`` showing the cell's source
and the traceback. Independent of MkDocs: the site's steps and the tests call it.
"""

from __future__ import annotations

import html
import os
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from figures_src import cache, render
from figures_src.figure_files import SVG_HASHSALT, FigureFile
from figures_src.site import crossref

PACKAGE_DIR = Path(__file__).resolve().parents[1]  # figures_src
KERNEL = "python3"
TIMEOUT_S = 600  # per cell
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


class NotebookError(RuntimeError):
    """A notebook cell raised (or the kernel failed) while executing."""


@dataclass
class Executed:
    """The outcome for one notebook: the executed copy, and whether it was run now or reused."""

    source: Path
    path: Path
    status: str  # "executed" or "cached"
    seconds: float


def notebook_sources(notebook: Path, package_dir: Path = PACKAGE_DIR) -> list[Path]:
    """The code a notebook can call: what every figure depends on (``render.shared_sources``: the
    math, the style, the drawing pipeline), the package's ``__init__.py``, and the figure modules
    whose names appear in its code cells (``render.draw("unit_balls")``).

    The site's build steps (``figures_src/site/``) and the other figure modules are left out, so
    editing them does not run the notebook again.
    """
    import nbformat

    code = "\n".join(
        cell.source for cell in nbformat.read(notebook, as_version=4).cells if cell.cell_type == "code"
    )
    figures = sorted((package_dir / "figures").glob("*.py"))
    named = [f for f in figures if not f.stem.startswith("_") and re.search(rf"\b{f.stem}\b", code)]
    return [package_dir / "__init__.py", *render.shared_sources(package_dir), *named]


# The kernel's inline figures are SVG; matplotlib gives each drawing random ids and the time it was
# drawn unless the hash salt and SOURCE_DATE_EPOCH are fixed. With the site's salt and the release
# date (CITATION.cff) every run of the notebook writes the same bytes, so two builds publish one page.
_KERNEL_SETUP = f'import matplotlib; matplotlib.rcParams["svg.hashsalt"] = {SVG_HASHSALT!r}'


# How the client records outputs (in the cache key, since it shapes the executed file):
# - no timestamps, so the same inputs give the same file;
# - a cell's printed lines reach the notebook in as many pieces as the kernel's flushes cut them into,
#   which depends on how fast the machine is; merged, each cell has one block of output.
_OUTPUT = {"record_timing": False, "coalesce_streams": True}


def _release_epoch(package_dir: Path) -> int:
    from figures_src import project

    return project.load(package_dir.parent).released_epoch


def cache_key(notebook: Path, package_dir: Path = PACKAGE_DIR) -> str:
    """Hash of what the executed notebook depends on: itself, the code it calls, the library versions,
    and how its kernel is set up (the figures' hash salt and date)."""
    sources = [Path(notebook), *notebook_sources(notebook, package_dir)]
    setup = [_KERNEL_SETUP, f"SOURCE_DATE_EPOCH={_release_epoch(package_dir)}", repr(sorted(_OUTPUT.items()))]
    return cache.digest(sources, setup, relative_to=package_dir)


def execute(
    notebook: Path, cache_dir: Path, *, package_dir: Path = PACKAGE_DIR, force: bool = False
) -> Executed:
    """The executed copy of ``notebook``, run now only if no copy exists under its current key.

    The kernel starts in the project folder (the parent of ``package_dir``), so ``import figures_src``
    finds this checkout's package.
    """
    notebook = Path(notebook)
    entries, key = cache.Entries(cache_dir), cache_key(notebook, package_dir)
    target = entries.entry(notebook.stem, key) / notebook.name
    if target.exists() and not force:
        return Executed(notebook, target, "cached", 0.0)

    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, DeadKernelError

    start = time.perf_counter()
    nb = nbformat.read(notebook, as_version=4)
    client = NotebookClient(
        nb,
        kernel_name=KERNEL,
        timeout=TIMEOUT_S,
        allow_errors=False,
        **_OUTPUT,
        # the kernel's own log (a warning about local TCP on every start) stays out of the build log;
        # errors in cells arrive through the notebook protocol and are unaffected
        extra_arguments=["--IPKernelApp.log_level=ERROR", f"--IPKernelApp.exec_lines={_KERNEL_SETUP}"],
        resources={"metadata": {"path": str(package_dir.parent)}},
    )
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(_release_epoch(package_dir))}
    try:
        client.execute(env=env)
    except CellExecutionError as error:
        message = _ANSI.sub("", str(error))
        raise NotebookError(f"{notebook}: a cell raised, so the notebook stops.\n{message}") from None
    except (DeadKernelError, TimeoutError, RuntimeError) as error:
        raise NotebookError(f"{notebook}: the kernel failed: {error}") from None
    cache.write_atomic(target, lambda partial: nbformat.write(nb, str(partial)))
    entries.prune(notebook.stem, key)
    return Executed(notebook, target, "executed", time.perf_counter() - start)


def unclean_cells(nb: dict) -> list[int]:
    """Indices of the code cells that carry outputs or an execution count (committed notebooks must not)."""
    return [
        i
        for i, cell in enumerate(nb["cells"])
        if cell["cell_type"] == "code" and (cell.get("outputs") or cell.get("execution_count") is not None)
    ]


# -- the rendered page --------------------------------------------------------------------------------

# nbconvert's templates put the MathJax loader and a Mermaid loader in the page, both pointing at a CDN.
_THIRD_PARTY_SCRIPTS = re.compile(
    r"<!-- Load mathjax -->.*?<!-- End of mathjax configuration -->"
    r"|<script type=\"module\">\s*document\.addEventListener\(\"DOMContentLoaded\", async \(\) => \{\s*"
    r"const diagrams = document\.querySelectorAll\(\"\.jp-Mermaid.*?</script>",
    re.S,
)
_MARKDOWN_CELL = re.compile(
    r'(<div class="jp-RenderedHTMLCommon jp-RenderedMarkdown jp-MarkdownOutput[^"]*"[^>]*>)(.*?)(</div>)',
    re.S,
)
_DISPLAY_MATH = re.compile(r"\$\$(.+?)\$\$", re.S)
_INLINE_MATH = re.compile(r"(?<![\\$])\$(?!\$)(.+?)(?<![\\$])\$")


_STYLE_BLOCK = re.compile(r"<style[^>]*>.*?</style>", re.DOTALL)
_DARK_RULE = re.compile(r"\[data-md-color-scheme=[\"']?slate[\"']?\][^{}]*\{[^{}]*\}")


def clean_html(body: str) -> str:
    """mkdocs-jupyter's HTML made fit for this site.

    - Drops the MathJax and Mermaid loaders (they fetch scripts from a CDN); raises if any
      ``<script src>`` pointing off-site is left.
    - Turns ``$…$`` and ``$$…$$`` in markdown cells into the ``arithmatex`` spans and divs the
      rest of the site produces, so the site's KaTeX step typesets them at build time.
    - Keeps the inlined stylesheet's dark-palette rules to the screen, so a page printed from the
      dark palette comes out in the light one, like every other page (see extra.css, print).
    """
    body = _THIRD_PARTY_SCRIPTS.sub("", body)
    body = _STYLE_BLOCK.sub(lambda m: _DARK_RULE.sub(r"@media screen{\g<0>}", m[0]), body)
    remote = re.findall(r"<script[^>]*\bsrc=\"(?:https?:)?//[^\"]*\"", body)
    if remote:
        raise NotebookError(f"the notebook page would load a third-party script: {remote[0]}")

    def cell(match: re.Match[str]) -> str:
        text = _DISPLAY_MATH.sub(lambda m: _math(m[1], display=True), match[2])
        text = _INLINE_MATH.sub(lambda m: _math(m[1], display=False), text)
        return match[1] + text + match[3]

    return _MARKDOWN_CELL.sub(cell, body)


def _math(escaped_tex: str, display: bool) -> str:
    # arithmatex output holds the TeX HTML-escaped, as nbconvert's does; keep it that way
    tex = html.escape(html.unescape(escaped_tex), quote=False)
    if display:
        return f'<div class="arithmatex">\\[{tex}\\]</div>'
    return f'<span class="arithmatex">\\({tex}\\)</span>'


NO_ALT = 'alt="No description has been provided for this image"'  # what nbconvert puts on every image
_DRAW_CALL = re.compile(r"""render\.draw\(["'](\w+)["']""")


def figure_alt_texts(pages: dict[str, str]) -> dict[str, str]:
    """The alt text each figure has on the site's pages, by figure name."""
    return {
        m["file"]: m["alt"] for markdown in pages.values() for m in crossref.FIGURE_IMAGE.finditer(markdown)
    }


def _image_cells(executed: Path) -> list[tuple[str, int, list[str]]]:
    """Each code cell of the executed notebook that shows images: its source, how many images,
    and the figure names of the ``render.draw(NAME)`` calls in it."""
    import nbformat

    cells = []
    for cell in nbformat.read(executed, as_version=4).cells:
        if cell.cell_type != "code":
            continue
        images = sum(
            1 for out in cell.get("outputs", []) if any(k.startswith("image/") for k in out.get("data", {}))
        )
        drawn = _DRAW_CALL.findall(cell.source)
        if drawn and not images:  # e.g. without the inline backend a Figure prints as "<Figure size …>"
            raise NotebookError(
                f"{executed.name}: a cell draws {', '.join(drawn)} but shows no image "
                "(is the inline backend on?)"
            )
        if images:
            cells.append((cell.source, images, drawn))
    return cells


def describe_images(body: str, executed: Path, alt_texts: dict[str, str]) -> str:
    """Give each image of the rendered notebook the alt text its figure has on the site.

    Every image output must come from a cell that calls ``render.draw("NAME")`` of a figure the
    pages describe; anything else raises, so no image reaches the page without a description.
    """
    names = []
    for source, images, drawn in _image_cells(executed):
        if len(drawn) != images or any(name not in alt_texts for name in drawn):
            raise NotebookError(
                f"{executed.name}: an image has no alt text; draw it with render.draw(NAME) of a figure "
                f"that a page shows (cell: {source.strip()[:80]!r})"
            )
        names += drawn
    if body.count(NO_ALT) != len(names):
        raise NotebookError(
            f"{executed.name}: found {body.count(NO_ALT)} undescribed images, expected {len(names)}"
        )
    for name in names:
        body = body.replace(NO_ALT, f'alt="{html.escape(alt_texts[name])}"', 1)
    return body


_OUTPUT_IMAGE = re.compile(r'<img (?P<alt>alt="[^"]*") src="data:image/[^"]+"\s*/?>')


def show_site_figures(
    body: str,
    executed: Path,
    address: Callable[[FigureFile], str],
    figure_link: Callable[[str], tuple[str, str]],
) -> str:
    """Show each image output as the figure the site publishes from the same ``render.draw(NAME)``:
    the light and the dark SVG (``address(FigureFile)`` gives a file's URL from the page), so the
    figure follows the reader's palette like every figure of the site, and the phone layout below
    540 px (``crossref.responsive_pictures`` adds it). The kernel drew the light one; the page would
    otherwise show that white picture in the dark palette too. Under each, a caption names the
    chapter's figure it is (``figure_link(NAME)``: its text, such as "Figure 3.2", and its URL).
    Run after ``describe_images``."""
    names = [name for _, _, drawn in _image_cells(executed) for name in drawn]
    found = _OUTPUT_IMAGE.findall(body)
    if len(found) != len(names):
        raise NotebookError(f"{executed.name}: {len(found)} image outputs on the page, {len(names)} drawn")
    queue = iter(names)

    def replace(match: re.Match[str]) -> str:
        name = next(queue)
        light, dark = address(FigureFile(name)), address(FigureFile(name, "dark"))
        text, url = figure_link(name)
        return (
            f'<img {match["alt"]} src="{light}#only-light" /><img {match["alt"]} src="{dark}#only-dark" />'
            f'<p class="notebook-caption">The site\'s <a href="{html.escape(url)}">{html.escape(text)}</a>, '
            f"drawn by this cell with the function the build calls.</p>"
        )

    return _OUTPUT_IMAGE.sub(replace, body)


# a figure block as crossref reads it: its opening tag, then its image
_FIGURE_BLOCK = re.compile(crossref.FIGURE_OPEN.pattern + r"\s*" + crossref.FIGURE_IMAGE.pattern)


def figure_anchors(pages: dict[str, str]) -> dict[str, str]:
    """The anchor of the figure block that shows each figure file on the site's pages, by figure name."""
    return {
        m["file"]: f"fig-{m['name']}" for markdown in pages.values() for m in _FIGURE_BLOCK.finditer(markdown)
    }


RUN_COMMAND = "make notebook"


def add_download_box(body: str, download_url: str, source: Path) -> str:
    """Put a box with the download link and the command that runs the notebook under the page's title."""
    size_kb = max(1, round(source.stat().st_size / 1024))
    box = (
        '<div class="admonition tip notebook-run">'
        '<p class="admonition-title">Run it yourself</p>'
        f'<p><a class="md-button" href="{html.escape(download_url)}" download>'
        f"Download {html.escape(source.name)}</a> "
        f'<span class="tied">({size_kb} KB, without outputs)</span></p>'
        f"<p>In a clone of the repository, <code>{RUN_COMMAND}</code> installs the site's pinned packages "
        "and JupyterLab into <code>.venv</code> and opens this notebook.</p>"
        "</div>"
    )
    heading_end = body.find("</h1>")
    if heading_end < 0:
        raise NotebookError(f"{source.name} has no level-1 heading to put the download box under")
    cut = heading_end + len("</h1>")
    return body[:cut] + box + body[cut:]
