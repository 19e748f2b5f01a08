"""Find, cache and draw the figures. Independent of MkDocs: the site's steps and the command line call it.

- Discovery: every module ``figures/NAME.py`` (not starting with ``_``) is the figure NAME; it defines
  ``draw(theme, layout=style.WIDE) -> matplotlib.figure.Figure``.
- Each figure is drawn in the light and the dark theme of ``style.py`` and in the wide and the
  narrow (phone) layout; ``figure_files.py`` names the files.
- Cache (``cache.py``): files live in ``CACHE/NAME/KEY/``, where KEY hashes the figure's source, the
  sources every figure depends on (``shared_sources``), the credit line its files carry (from
  CITATION.cff, ``project.py``) and the library versions. A figure whose files exist under its
  current key is not drawn again, and checking that imports no matplotlib.
- Drawing happens in fresh processes (a pool, one worker per core), so an edited math module is
  always re-imported and a long-lived ``mkdocs serve`` never draws with stale code.
- Explorer data: a module that also defines ``explorer_data() -> dict`` gets ``NAME.json``, written
  by the same worker and cached under the same key, so an explorer reads the library's numbers for
  its figure, never a second implementation. Floats are written to 6 significant digits (a nonzero
  number never becomes 0, so an exact zero stays the only 0); NaN and infinity are refused.
- Determinism: fixed SVG hash salt and no dates in the metadata, so the same inputs give the same bytes.
- Failure is loud: a figure that raises makes ``render`` raise ``FigureError`` with its traceback.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import time
import traceback
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path

from figures_src import cache, project
from figures_src.figure_files import DATA, DOWNLOAD_FORMATS, FORMATS, LAYOUTS, PNG_DPI, VARIANTS, FigureFile

PACKAGE_DIR = Path(__file__).resolve().parent
# (the names of figure files are figure_files'; render re-exports them for the command line)
__all__ = [
    "DOWNLOAD_FORMATS",
    "FORMATS",
    "LAYOUTS",
    "VARIANTS",
    "FigureError",
    "FigureSpec",
    "Rendered",
    "cache_key",
    "default_cache_dir",
    "discover",
    "draw",
    "export",
    "metadata",
    "render",
    "shared_digest",
    "shared_sources",
]


class FigureError(RuntimeError):
    """One or more figure modules raised while drawing; the message holds each traceback."""

    def __init__(self, failures: dict[str, tuple[Path, str]]) -> None:
        self.failures = failures
        parts = [
            f"figure '{name}' ({path}) raised an error:\n{tb.rstrip()}"
            for name, (path, tb) in failures.items()
        ]
        super().__init__("\n\n".join(parts))


@dataclass(frozen=True)
class FigureSpec:
    """A figure module found on disk."""

    name: str
    path: Path

    @property
    def summary(self) -> str:
        """The first line of the module docstring, read without importing the module."""
        import ast

        doc = ast.get_docstring(ast.parse(self.path.read_text(encoding="utf-8"))) or ""
        return doc.strip().splitlines()[0] if doc.strip() else ""

    @property
    def has_data(self) -> bool:
        """Whether the module defines ``explorer_data()`` (read without importing the module)."""
        import ast

        tree = ast.parse(self.path.read_text(encoding="utf-8"))
        return any(isinstance(node, ast.FunctionDef) and node.name == "explorer_data" for node in tree.body)


@dataclass
class Rendered:
    """The outcome for one figure: where its files are, and whether they were drawn or reused."""

    name: str
    status: str  # "drawn" or "cached"
    seconds: float
    files: dict[str, Path] = field(default_factory=dict)  # output file name -> file in the cache


def discover(package_dir: Path = PACKAGE_DIR) -> dict[str, FigureSpec]:
    """Every figure module under ``package_dir/figures``, by name, in alphabetical order."""
    figures_dir = package_dir / "figures"
    return {
        path.stem: FigureSpec(path.stem, path)
        for path in sorted(figures_dir.glob("*.py"))
        if not path.name.startswith("_")
    }


def shared_sources(package_dir: Path = PACKAGE_DIR) -> list[Path]:
    """What every figure's bytes depend on besides its own module: the math, shared figure helpers,
    the style and fonts, and the pipeline that draws and names the files."""
    from figures_src import fonts

    sources = sorted((package_dir / "sparsity").rglob("*.py"))
    sources += sorted((package_dir / "figures").glob("_*.py"))
    pipeline = ("style.py", "fonts.py", "figure_files.py", "cache.py", "project.py", "render.py")
    sources += [package_dir / name for name in pipeline]
    return sources + fonts.sources(package_dir.parent)  # the figures' text font


def shared_digest(package_dir: Path = PACKAGE_DIR) -> str:
    """Hash of what every figure depends on: ``shared_sources``, the credit its files carry
    (CITATION.cff), the library versions. Computed once when keying many figures."""
    credit = project.load(package_dir.parent)
    texts = [credit.title, credit.author_line, credit.rights]
    return cache.digest(shared_sources(package_dir), texts, relative_to=package_dir, length=64)


def cache_key(spec: FigureSpec, package_dir: Path = PACKAGE_DIR, shared: str | None = None) -> str:
    """Hash of everything the figure's bytes depend on: its module and ``shared_digest``."""
    return cache.digest([spec.path], [shared or shared_digest(package_dir)], versions=False)


def default_cache_dir(package_dir: Path = PACKAGE_DIR) -> Path:
    return package_dir.parent / ".cache" / "figures"


def render(
    names: Iterable[str] | None = None,
    *,
    package_dir: Path = PACKAGE_DIR,
    cache_dir: Path | None = None,
    formats: Sequence[str] = ("svg",),
    light_only: Sequence[str] = (),
    force: bool = False,
    workers: int | None = None,
) -> list[Rendered]:
    """Make sure every asked-for figure exists in the cache; draw only what is stale.

    ``formats`` are made in both variants, ``light_only`` formats (the downloads for print and
    slides) in the light variant alone. Raises ``KeyError`` for an unknown figure name and
    ``FigureError`` if a figure module raises.
    """
    specs = discover(package_dir)
    wanted = list(specs) if names is None else list(names)
    unknown = [n for n in wanted if n not in specs]
    if unknown:
        raise KeyError(f"unknown figure(s): {', '.join(unknown)}; known figures: {', '.join(specs)}")
    bad = [f for f in (*formats, *light_only) if f not in FORMATS]
    if bad:
        raise ValueError(f"unknown format(s) {bad}; choose from {', '.join(FORMATS)}")
    outputs = [("wide", v, f) for v in VARIANTS for f in formats]
    outputs += [("wide", "light", f) for f in light_only if f not in formats]
    outputs += [("narrow", v, "svg") for v in VARIANTS]
    store = cache.Entries(Path(cache_dir) if cache_dir else default_cache_dir(package_dir))

    results: dict[str, Rendered] = {}
    keys: dict[str, str] = {}  # each figure's current key
    jobs: list[_Job] = []
    shared = shared_digest(package_dir)
    credit = project.load(package_dir.parent)  # the line every file carries, read once for all jobs
    for name in wanted:
        spec = specs[name]
        keys[name] = cache_key(spec, package_dir, shared)
        entry = store.entry(name, keys[name])
        mine = outputs + [("wide", "light", DATA)] * spec.has_data
        named = {(lay, v, f): str(FigureFile(name, v, f, lay)) for lay, v, f in mine}
        files = {file_name: entry / file_name for file_name in named.values()}
        missing = tuple(out for out in mine if force or not files[named[out]].exists())
        results[name] = Rendered(name, "drawn" if missing else "cached", 0.0, files)
        if missing:
            jobs.append((str(spec.path), name, str(entry), missing, credit))

    failures: dict[str, tuple[Path, str]] = {}
    for name, seconds, error in _run(jobs, workers):
        results[name].seconds = seconds
        if error:
            failures[name] = (specs[name].path, error)
        else:
            store.prune(name, keys[name])
    if failures:
        raise FigureError(failures)
    return [results[n] for n in wanted]


_Job = tuple[str, str, str, tuple[tuple[str, str, str], ...], project.Project]  # _draw_job's arguments


def _run(jobs: list[_Job], workers: int | None) -> list[tuple[str, float, str | None]]:
    if not jobs:
        return []
    workers = max(1, min(len(jobs), workers or os.cpu_count() or 1))
    # "spawn": every worker starts a fresh interpreter, so it imports the current sources and
    # is safe to start from the threads of `mkdocs serve`.
    with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn")) as pool:
        return list(pool.map(_draw_job, *zip(*jobs, strict=True)))


def _draw_job(
    path: str, name: str, entry: str, outputs: tuple[tuple[str, str, str], ...], credit: project.Project
) -> tuple[str, float, str | None]:
    """Worker: import the figure module from its file, draw the layouts and variants asked for, save
    each format with ``credit`` (CITATION.cff, read once by ``render``) in its metadata."""
    start = time.perf_counter()
    try:
        import logging

        import matplotlib

        matplotlib.use("Agg")
        from figures_src import style

        # fonts bundled with matplotlib carry zero timestamps, which fontTools reports at every PDF
        # subset: a warning about files outside the project, 26 lines of noise in a cold build's log
        logging.getLogger("fontTools.ttLib.tables._h_e_a_d").setLevel(logging.ERROR)

        spec = importlib.util.spec_from_file_location(f"figures_src_figure_{name}", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        out = Path(entry)
        out.mkdir(parents=True, exist_ok=True)
        for layout in LAYOUTS:
            for variant in VARIANTS:
                formats = [f for lay, v, f in outputs if (lay, v) == (layout, variant) and f != DATA]
                if not formats:
                    continue
                theme = style.THEMES[variant]
                with matplotlib.rc_context(theme.rc):
                    figure = _checked_draw(module, theme, style.LAYOUTS[layout])
                    for fmt in formats:
                        target = out / str(FigureFile(name, variant, fmt, layout))
                        _save(figure, target, fmt, theme, module, credit)
        if ("wide", "light", DATA) in outputs:
            target = out / str(FigureFile(name, fmt=DATA))
            text = json.dumps(_plain(module.explorer_data()), separators=(",", ":"), allow_nan=False)
            cache.write_atomic(target, text)
        return name, time.perf_counter() - start, None
    except BaseException:
        return name, time.perf_counter() - start, traceback.format_exc()


def _plain(value):
    """``explorer_data()``'s value as JSON can hold it: arrays as lists, floats to 6 significant
    digits (``%.6g`` keeps a nonzero number nonzero), ``-0.0`` as 0."""
    import numpy as np

    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple | np.ndarray):
        return [_plain(item) for item in value]
    if isinstance(value, bool | str) or value is None:
        return value
    if isinstance(value, int | np.integer):
        return int(value)
    return float(f"{float(value):.6g}") + 0.0


def _checked_draw(module, theme, layout):
    from matplotlib.figure import Figure

    from figures_src import fonts

    fonts.register(Path(module.__file__).resolve().parents[2])  # figures_src/figures/NAME.py

    figure = module.draw(theme, layout)
    if not isinstance(figure, Figure):
        raise TypeError(f"draw() must return a matplotlib Figure, got {type(figure).__name__}")
    return figure


def draw(name: str, variant: str = "light", package_dir: Path = PACKAGE_DIR, layout: str = "wide"):
    """One figure drawn in one variant, in this process, exactly as the site draws it (for the notebook).

    The figure gets an opaque background in its theme's colour, as in the PNG and PDF downloads.
    """
    import matplotlib

    from figures_src import style

    specs = discover(package_dir)
    if name not in specs:
        raise KeyError(f"unknown figure {name!r}; known figures: {', '.join(specs)}")
    if variant not in VARIANTS or layout not in LAYOUTS:
        raise ValueError(f"unknown variant {variant!r} or layout {layout!r}")
    module = importlib.import_module(f"figures_src.figures.{name}")
    theme = style.THEMES[variant]
    with matplotlib.rc_context(theme.rc):
        figure = _checked_draw(module, theme, style.LAYOUTS[layout])
    figure.set_facecolor(theme.background)
    return figure


def metadata(title: str, fmt: str, credit: project.Project) -> dict[str, str | None]:
    """What a downloaded file says about itself: what it shows, where it is from, its licence."""
    authors, rights = credit.author_line, credit.rights
    return {
        "svg": {"Title": title, "Creator": authors, "Rights": rights, "Date": None},
        "pdf": {"Title": title, "Author": authors, "Subject": rights, "CreationDate": None, "ModDate": None},
        "png": {"Title": title, "Author": authors, "Copyright": rights},
    }[fmt]


def _save(figure, target: Path, fmt: str, theme, module, credit: project.Project) -> None:
    title = (module.__doc__ or target.stem).strip().splitlines()[0]
    options = {
        "format": fmt,
        "metadata": metadata(title, fmt, credit),
        "bbox_inches": "tight",
        "pad_inches": 0.05,
    }
    if fmt == "svg":
        options["transparent"] = True  # sits on the page background of either palette
    else:
        options.update(transparent=False, facecolor=theme.background)  # slides and reports
        if fmt == "png":
            options["dpi"] = PNG_DPI
    if fmt == "pdf":
        _embed_pdf_fonts_in_order_of_use()
    cache.write_atomic(target, lambda partial: figure.savefig(partial, **options))


class _InOrderOfUse(tuple):
    """A key of matplotlib's PDF font table, ``(font file, subset)``, that sorts by when the figure
    first used the font instead of by the file's path."""

    def __new__(cls, key: tuple, rank: int):
        made = super().__new__(cls, key)
        made.rank = rank
        return made

    def __lt__(self, other):
        return self.rank < other.rank


def _embed_pdf_fonts_in_order_of_use() -> None:
    """Make matplotlib's PDF writer embed the fonts in the order the figure first used them.

    It writes them sorted by their files' paths (``PdfFile.writeFonts``), and the figures' fonts live
    in the project (``.cache/fonts``) while the fallback and math fonts live in matplotlib's install:
    the same figure gave other bytes when a copy of the project sat in a folder that sorts on the
    other side of the Python environment (it did so in CI). The font names F1, F2 … are given in
    order of use, so that order is the same wherever the files are.
    """
    from matplotlib.backends import backend_pdf

    write_fonts = backend_pdf.PdfFile.writeFonts
    if getattr(write_fonts, "in_order_of_use", False):
        return

    def in_order_of_use(self):
        table = self._fontNames  # insertion order = order of first use
        self._fontNames = {_InOrderOfUse(key, rank): fx for rank, (key, fx) in enumerate(table.items())}
        try:
            write_fonts(self)
        finally:
            self._fontNames = table

    in_order_of_use.in_order_of_use = True
    backend_pdf.PdfFile.writeFonts = in_order_of_use


def export(results: Iterable[Rendered], out_dir: Path, variants: Sequence[str] = VARIANTS) -> list[Path]:
    """Copy rendered files of the given variants from the cache to ``out_dir``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for result in results:
        for file_name, path in result.files.items():
            if FigureFile.parse(file_name).variant in variants:
                shutil.copyfile(path, out_dir / file_name)
                written.append(out_dir / file_name)
    return written
