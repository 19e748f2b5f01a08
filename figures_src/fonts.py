"""One text font for the pages and the figures: Source Sans 3, from npm (``@fontsource/source-sans-3``).

The pages load the package's WOFF2 files through its own ``@font-face`` CSS, which the site's build
publishes under ``assets/fonts/`` (``page_files``). Matplotlib reads TrueType, so ``figure_fonts``
turns the same package's Latin, Latin Extended and Greek WOFF2 files of each style into one TTF with
fontTools (the files are subsets of one font, merged back together), named plainly "Source Sans 3"
(the package's static files carry an instance name of the variable font they were cut from), and
keeps it in ``.cache/fonts`` (``cache.py``). ``register`` makes matplotlib find it. Figure math is set in
matplotlib's Computer Modern (``style.py``), the face of KaTeX's math on the pages.

Symbols that the package's subsets lack (√ ≤ ≠ ∞) fall back to DejaVu Sans in the figures, as on
the page they fall back to a system font; tests/figures/test_figure_layout.py fails on any character that
neither font has. No matplotlib import here: the build's cache check imports this module.
"""

from __future__ import annotations

import os
from pathlib import Path

from figures_src import cache

FAMILY = "Source Sans 3"
PACKAGE = "@fontsource/source-sans-3"
SUBSETS = ("latin", "latin-ext", "greek")  # what the figures' text needs; the page loads any subset
# (weight, style, the TTF's subfamily name): the styles the pages use, and the figures' regular
STYLES = (
    ("400", "normal", "Regular"),
    ("400", "italic", "Italic"),
    ("700", "normal", "Bold"),
    ("700", "italic", "Bold Italic"),
)
FALLBACK = "DejaVu Sans"
UNIX_EPOCH_SINCE_1904 = 0x7C259DC0  # a font's timestamps count seconds from 1904-01-01


class FontError(RuntimeError):
    """The font package is not installed."""


def package_dir(root: Path) -> Path:
    """The installed package under ``root/node_modules``, or under the working directory's (a scratch
    copy of figures_src keeps the project's packages)."""
    for base in (Path(root), Path.cwd()):
        found = base / "node_modules" / PACKAGE
        if (found / "package.json").exists():
            return found
    raise FontError(f"{PACKAGE} is not installed under {Path(root) / 'node_modules'}: run `npm ci`")


def sources(root: Path) -> list[Path]:
    """The WOFF2 files the figures' fonts are made from, in a fixed order."""
    files = package_dir(root) / "files"
    name = PACKAGE.rpartition("/")[2]
    return [files / f"{name}-{sub}-{weight}-{style}.woff2" for weight, style, _ in STYLES for sub in SUBSETS]


def page_files(root: Path) -> list[tuple[str, Path]]:
    """(address under the site, file) of the CSS and font files the pages load."""
    folder = package_dir(root)
    out = []
    for weight, style, _ in STYLES:
        css = f"{weight}.css" if style == "normal" else f"{weight}-{style}.css"
        out.append((f"assets/fonts/{css}", folder / css))
    name = PACKAGE.rpartition("/")[2]
    for weight, style, _ in STYLES:
        for font in sorted((folder / "files").glob(f"{name}-*-{weight}-{style}.woff*")):
            out.append((f"assets/fonts/files/{font.name}", font))
    return out


def figure_fonts(root: Path) -> list[Path]:
    """One TTF per style, made once from the package's WOFF2 subsets and kept in ``.cache/fonts``."""
    inputs = sources(root)
    key = cache.digest([*inputs, Path(__file__)])  # the files, this recipe, the library versions
    fonts = cache.Entries(Path(root) / ".cache" / "fonts")
    folder = fonts.entry("source-sans-3", key)
    made = []
    for weight, style, subfamily in STYLES:
        target = folder / f"SourceSans3-{subfamily.replace(' ', '')}.ttf"
        if not target.exists():
            parts = [p for p in inputs if p.name.endswith(f"-{weight}-{style}.woff2")]
            _merge(parts, target, subfamily)
        made.append(target)
    fonts.prune("source-sans-3", key)
    return made


def _merge(parts: list[Path], target: Path, subfamily: str) -> None:
    from fontTools.merge import Merger
    from fontTools.ttLib import TTFont

    target.parent.mkdir(parents=True, exist_ok=True)
    plain = []
    for part in parts:  # the merger reads TrueType files: unpack each WOFF2 first
        font = TTFont(part)
        font.flavor = None
        unpacked = target.with_name(f"{part.stem}.{os.getpid()}.ttf")
        font.save(unpacked)
        plain.append(unpacked)
    merged = Merger().merge([str(p) for p in plain])
    for path in plain:
        path.unlink()
    names = merged["name"]
    for record in list(names.names):
        if record.nameID in (1, 2, 3, 4, 6, 16, 17):
            names.removeNames(nameID=record.nameID)
    postscript = f"SourceSans3-{subfamily.replace(' ', '')}"
    for name_id, value in (
        (1, FAMILY),
        (2, subfamily),
        (3, postscript),
        (4, f"{FAMILY} {subfamily}"),
        (6, postscript),
    ):
        names.setName(value, name_id, 3, 1, 0x409)
        names.setName(value, name_id, 1, 0, 0)
    # the same inputs give the same bytes: a fixed date, 1970-01-01 (in the format's seconds since
    # 1904; a smaller number makes fontTools warn on every read of the font)
    merged["head"].created = merged["head"].modified = UNIX_EPOCH_SINCE_1904
    merged.recalcTimestamp = False  # no "modified" of today on saving, which the PDFs would embed
    cache.write_atomic(target, merged.save)  # two drawing processes may make it at once


_REGISTERED: set[Path] = set()  # the roots whose fonts this process has registered


def register(root: Path) -> None:
    """Make this process's matplotlib find the figures' fonts: once per process, not once per figure
    drawn (``figure_fonts`` reads and hashes the package's files)."""
    root = Path(root).resolve()
    if root in _REGISTERED:
        return
    from matplotlib import font_manager

    for path in figure_fonts(root):
        font_manager.fontManager.addfont(str(path))
    _REGISTERED.add(root)
