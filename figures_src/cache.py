"""The one cache helper behind every build cache: figures, notebooks, KaTeX, test listings, fonts.

Every cache lives under ``.cache/KIND/`` of the project and is keyed by a digest of what its
contents depend on, so a stale entry is never read: it is simply not found, made again, and the
old one pruned.

- ``digest(...)``: SHA-256 of files (by name and bytes), strings and the versions of ``VERSIONED``.
- ``Entries``: a folder per name and key, ``ROOT/NAME/KEY/``; ``prune`` removes the other keys of a
  name once its new entry is complete.
- ``write_atomic``: a file appears whole or not at all, also when two builds write it at once.
- ``JsonStore``: a dictionary of strings in one JSON file, saved atomically, keeping only what this
  build used.

No third-party import: checking a cache must stay cheap (a no-op build imports no matplotlib).
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
import shutil
from collections.abc import Callable, Iterable
from pathlib import Path

# Every library whose version can change a cached output: the figures' pixels and fonts (matplotlib,
# NumPy, SciPy, scikit-learn's data, fontTools and Brotli for the font files), the notebook's outputs
# (its kernel and client) and the highlighted test listings (Pygments). One list for every cache: a
# library upgrade is rare, and redrawing a little more then is cheaper than keeping lists apart.
VERSIONED = (
    "matplotlib",
    "numpy",
    "scipy",
    "scikit-learn",
    "fonttools",
    "brotli",
    "ipykernel",
    "nbclient",
    "nbformat",
    "pygments",
)


def library_versions(names: Iterable[str] = VERSIONED) -> str:
    """``name==version`` of each installed library, one per line."""
    return "\n".join(f"{name}=={importlib.metadata.version(name)}" for name in names)


def digest(
    files: Iterable[Path] = (),
    texts: Iterable[str] = (),
    *,
    relative_to: Path | None = None,
    versions: bool = True,
    length: int = 20,
) -> str:
    """Hex digest of ``files`` (each by its bytes and its path below ``relative_to``, or its name if
    it lies elsewhere), of ``texts`` and, unless ``versions`` is false, of the library versions."""
    hashed = hashlib.sha256()
    for path in files:
        path = Path(path)
        below = relative_to is not None and path.is_relative_to(relative_to)
        name = path.relative_to(relative_to).as_posix() if below else path.name
        hashed.update(name.encode() + b"\0" + Path(path).read_bytes() + b"\0")
    for text in texts:
        hashed.update(text.encode() + b"\0")
    if versions:
        hashed.update(library_versions().encode())
    return hashed.hexdigest()[:length]


class Entries:
    """Cache entries ``ROOT/NAME/KEY/``: one current folder of files per name."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def entry(self, name: str, key: str) -> Path:
        """The folder of ``name`` under ``key`` (not created)."""
        return self.root / name / key

    def prune(self, name: str, key: str) -> None:
        """Remove every entry of ``name`` but the one under ``key``."""
        folder = self.root / name
        if folder.is_dir():
            for stale in folder.iterdir():
                if stale.name != key:
                    shutil.rmtree(stale, ignore_errors=True)


def write_atomic(target: Path, content: bytes | str | Callable[[Path], None]) -> Path:
    """Write ``content`` (bytes, text, or a function that writes the file at the path it is given) so
    that ``target`` appears complete or not at all: a crash never leaves half a file, and two
    processes writing the same file at once each write their own partial file first."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f"{target.name}.{os.getpid()}.partial")
    try:
        if isinstance(content, bytes):
            partial.write_bytes(content)
        elif isinstance(content, str):
            partial.write_text(content, encoding="utf-8")
        else:
            content(partial)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)  # after a failed write; gone already after a good one
    return target


class JsonStore:
    """Strings by key, kept in one JSON file between builds (KaTeX's HTML, highlighted listings).

    ``save`` writes the file only if it changed; with ``prune`` it keeps only the keys this build
    asked for, so removed formulas and tests do not accumulate.
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.values: dict[str, str] = {}
        if self.path.exists():
            self.values = json.loads(self.path.read_text(encoding="utf-8"))
        self.loaded = set(self.values)  # the keys of the file as read
        self.used: set[str] = set()

    def get(self, key: str, make: Callable[[], str]) -> str:
        """The value of ``key``, made by ``make()`` (and kept) if the store does not have it yet."""
        self.used.add(key)
        if key not in self.values:
            self.values[key] = make()
        return self.values[key]

    def __getitem__(self, key: str) -> str:
        return self.values[key]

    def save(self, prune: bool = True) -> None:
        kept = {k: v for k, v in self.values.items() if k in self.used} if prune else self.values
        if kept.keys() == self.loaded and self.path.exists():
            return  # what was read, no key added or dropped (a value never changes under its key)
        on_disk = json.loads(self.path.read_text(encoding="utf-8")) if self.path.exists() else None
        if on_disk != kept:
            write_atomic(self.path, json.dumps(kept, sort_keys=True))
