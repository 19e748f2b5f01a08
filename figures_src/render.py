"""Find, cache and draw the figures. Independent of MkDocs: the hook and the command line call it.

- Discovery: every module ``figures/NAME.py`` (not starting with ``_``) is the figure NAME; it defines
  ``draw(theme, layout=style.WIDE) -> matplotlib.figure.Figure``.
- Each figure is drawn in the light and the dark theme of ``style.py``: ``NAME.svg`` and
  ``NAME.dark.svg`` (likewise ``.png`` and ``.pdf`` when asked for), and in the narrow layout for
  phones as SVG: ``NAME.narrow.svg`` and ``NAME.narrow.dark.svg``.
- Cache: files live in ``CACHE/NAME/KEY/``, where KEY hashes the figure's source, the sources of
  ``sparsity/``, ``style.py``, any ``figures/_*.py`` helper and this file, and the versions of
  matplotlib, NumPy, SciPy and scikit-learn. A figure whose files exist under its current key is not
  drawn again, and checking that imports no matplotlib.
- Drawing happens in fresh processes (a pool, one worker per core), so an edited math module is
  always re-imported and a long-lived ``mkdocs serve`` never draws with stale code.
- Determinism: fixed SVG hash salt and no dates in the metadata, so the same inputs give the same bytes.
- Failure is loud: a figure that raises makes ``render`` raise ``FigureError`` with its traceback.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.util
import os
import shutil
import time
import traceback
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
FORMATS = ("svg", "png", "pdf")
VARIANTS = ("light", "dark")
LAYOUTS = ("wide", "narrow")  # style.LAYOUTS; the narrow one (phones) is drawn as SVG only
NARROW_MEDIA = "(max-width: 539.98px)"  # where a page shows the narrow layout (crossref.responsive_pictures)
PNG_DPI = 300  # print resolution for the downloadable PNG
DOWNLOAD_FORMATS = ("png", "pdf")  # offered under each figure besides its SVG, light variant only
_VERSIONED = (
    "matplotlib",
    "numpy",
    "scipy",
    "scikit-learn",
    "fonttools",
    "brotli",
)  # fonts: the TTF  # scikit-learn ships the diabetes data


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


@dataclass
class Rendered:
    """The outcome for one figure: where its files are, and whether they were drawn or reused."""

    name: str
    status: str  # "drawn" or "cached"
    seconds: float
    files: dict[str, Path] = field(default_factory=dict)  # output file name -> file in the cache


def output_name(name: str, variant: str, fmt: str, layout: str = "wide") -> str:
    """File name of one variant in one format and layout: ``NAME.svg`` (light, wide),
    ``NAME.dark.svg`` (dark), ``NAME.narrow.svg`` and ``NAME.narrow.dark.svg`` (the phone layout)."""
    if variant not in VARIANTS or fmt not in FORMATS or layout not in LAYOUTS:
        raise ValueError(f"unknown variant {variant!r}, format {fmt!r} or layout {layout!r}")
    parts = [name] + (["narrow"] if layout == "narrow" else []) + (["dark"] if variant == "dark" else [])
    return ".".join([*parts, fmt])


def variant_of(file_name: str) -> str:
    """The palette of an output file, from its name."""
    return "dark" if ".dark." in file_name else "light"


def discover(package_dir: Path = PACKAGE_DIR) -> dict[str, FigureSpec]:
    """Every figure module under ``package_dir/figures``, by name, in alphabetical order."""
    figures_dir = package_dir / "figures"
    return {
        path.stem: FigureSpec(path.stem, path)
        for path in sorted(figures_dir.glob("*.py"))
        if not path.name.startswith("_")
    }


def _shared_sources(package_dir: Path) -> list[Path]:
    from figures_src import fonts

    sources = sorted((package_dir / "sparsity").rglob("*.py"))
    sources += sorted((package_dir / "figures").glob("_*.py"))
    sources += [package_dir / "style.py", package_dir / "fonts.py", Path(__file__).resolve()]
    return sources + fonts.sources(package_dir.parent)  # the figures' text font


def cache_key(spec: FigureSpec, package_dir: Path = PACKAGE_DIR, shared: str | None = None) -> str:
    """Hash of everything the figure's bytes depend on (sources and library versions).

    ``shared`` is ``shared_digest(package_dir)``, computed once when keying many figures.
    """
    digest = hashlib.sha256((shared or shared_digest(package_dir)).encode())
    digest.update(spec.path.read_bytes())
    return digest.hexdigest()[:20]


def shared_digest(package_dir: Path = PACKAGE_DIR) -> str:
    """Hash of what every figure depends on: the math, the style, this file, the library versions."""
    digest = hashlib.sha256()
    for path in _shared_sources(package_dir):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    for dist in _VERSIONED:
        digest.update(f"{dist}=={importlib.metadata.version(dist)}".encode())
    return digest.hexdigest()


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
    cache_dir = Path(cache_dir) if cache_dir else default_cache_dir(package_dir)

    results: dict[str, Rendered] = {}
    entries: dict[str, Path] = {}  # the cache folder of each figure's current key
    jobs: list[tuple[str, str, str, tuple[tuple[str, str, str], ...]]] = []
    shared = shared_digest(package_dir)
    for name in wanted:
        spec = specs[name]
        entry = entries[name] = cache_dir / name / cache_key(spec, package_dir, shared)
        files = {output_name(name, v, f, lay): entry / output_name(name, v, f, lay) for lay, v, f in outputs}
        missing = tuple(
            (lay, v, f) for lay, v, f in outputs if force or not files[output_name(name, v, f, lay)].exists()
        )
        results[name] = Rendered(name, "drawn" if missing else "cached", 0.0, files)
        if missing:
            jobs.append((str(spec.path), name, str(entry), missing))

    failures: dict[str, tuple[Path, str]] = {}
    for name, seconds, error in _run(jobs, workers):
        results[name].seconds = seconds
        if error:
            failures[name] = (specs[name].path, error)
        else:
            for stale in entries[name].parent.iterdir():
                if stale != entries[name]:
                    shutil.rmtree(stale, ignore_errors=True)
    if failures:
        raise FigureError(failures)
    return [results[n] for n in wanted]


def _run(
    jobs: list[tuple[str, str, str, tuple[tuple[str, str, str], ...]]], workers: int | None
) -> list[tuple[str, float, str | None]]:
    if not jobs:
        return []
    workers = max(1, min(len(jobs), workers or os.cpu_count() or 1))
    # "spawn": every worker starts a fresh interpreter, so it imports the current sources and
    # is safe to start from the threads of `mkdocs serve`.
    with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn")) as pool:
        return list(pool.map(_draw_job, *zip(*jobs, strict=True)))


def _draw_job(
    path: str, name: str, entry: str, outputs: tuple[tuple[str, str, str], ...]
) -> tuple[str, float, str | None]:
    """Worker: import the figure module from its file, draw the layouts and variants asked for, save
    each format."""
    start = time.perf_counter()
    try:
        import matplotlib

        matplotlib.use("Agg")
        from figures_src import style

        spec = importlib.util.spec_from_file_location(f"figures_src_figure_{name}", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        out = Path(entry)
        out.mkdir(parents=True, exist_ok=True)
        for layout in LAYOUTS:
            for variant in VARIANTS:
                formats = [f for lay, v, f in outputs if (lay, v) == (layout, variant)]
                if not formats:
                    continue
                theme = style.THEMES[variant]
                with matplotlib.rc_context(theme.rc):
                    figure = _checked_draw(module, theme, style.LAYOUTS[layout])
                    for fmt in formats:
                        _save(figure, out / output_name(name, variant, fmt, layout), fmt, theme, module)
        return name, time.perf_counter() - start, None
    except BaseException:
        return name, time.perf_counter() - start, traceback.format_exc()


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


SITE_TITLE = "Why L1 gives exact zeros and L2 does not"
AUTHORS = "The L1 sparsity explainer contributors"
LICENCE = "CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)"


def metadata(title: str, fmt: str) -> dict[str, str | None]:
    """What a downloaded file says about itself: what it shows, where it is from, its licence."""
    rights = f'{LICENCE}. From "{SITE_TITLE}", {AUTHORS}.'
    return {
        "svg": {"Title": title, "Creator": AUTHORS, "Rights": rights, "Date": None},
        "pdf": {"Title": title, "Author": AUTHORS, "Subject": rights, "CreationDate": None, "ModDate": None},
        "png": {"Title": title, "Author": AUTHORS, "Copyright": rights},
    }[fmt]


def _save(figure, target: Path, fmt: str, theme, module) -> None:
    title = (module.__doc__ or target.stem).strip().splitlines()[0]
    options = {"format": fmt, "metadata": metadata(title, fmt), "bbox_inches": "tight", "pad_inches": 0.05}
    if fmt == "svg":
        options["transparent"] = True  # sits on the page background of either palette
    else:
        options.update(transparent=False, facecolor=theme.background)  # slides and reports
        if fmt == "png":
            options["dpi"] = PNG_DPI
    partial = target.with_name(f"{target.name}.{os.getpid()}.partial")  # two builds may draw at once
    if fmt == "pdf":
        _embed_pdf_fonts_in_order_of_use()
    figure.savefig(partial, **options)
    os.replace(partial, target)  # atomic: a crash never leaves a half-written figure behind


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
            if variant_of(file_name) in variants:
                shutil.copyfile(path, out_dir / file_name)
                written.append(out_dir / file_name)
    return written
