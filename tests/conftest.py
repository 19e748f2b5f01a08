"""Shared fixtures: scratch copies of the project, a warm figure cache, and mkdocs builds."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from figures_src import notebooks, render

ROOT = Path(__file__).resolve().parents[1]
IGNORE = shutil.ignore_patterns("__pycache__", "*.pyc")


def page_address(source: str) -> str:
    """The URL path below the site root at which MkDocs publishes a docs/ file (directory URLs)."""
    return "/" if source == "index.md" else "/" + re.sub(r"\.(md|ipynb)$", "/", source)


def mkdocs_yml() -> dict:
    """mkdocs.yml as data, without loading MkDocs: ``!ENV [NAME, default]`` gives the default."""
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node)[-1])
    Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)


def copy_project(dest: Path, cache: Path | None = None, notebook_cache: Path | None = None) -> Path:
    """A buildable copy of the project at ``dest`` (node_modules linked, caches copied if given)."""
    dest.mkdir(parents=True)
    for name in ("mkdocs.yml", "pyproject.toml", "CITATION.cff"):
        shutil.copy2(ROOT / name, dest / name)
    for name in ("docs", "figures_src", "tests"):  # tests/: the verification page is read from them
        shutil.copytree(ROOT / name, dest / name, ignore=IGNORE)
    (dest / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    if cache is not None:
        shutil.copytree(cache, dest / ".cache" / "figures")
    if notebook_cache is not None:
        shutil.copytree(notebook_cache, dest / ".cache" / "notebooks")
    return dest


def mkdocs(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run ``mkdocs build --strict`` in ``project`` and return the finished process."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", *args],
        cwd=project,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )


@pytest.fixture(scope="session")
def warm_cache(tmp_path_factory) -> Path:
    """A figure cache holding every figure of the repository as a build makes it, drawn once per session."""
    cache = tmp_path_factory.mktemp("warm") / "figures"
    render.render(cache_dir=cache, light_only=render.DOWNLOAD_FORMATS)
    return cache


NOTEBOOKS = sorted((ROOT / "docs" / "notebooks").glob("*.ipynb"))


@pytest.fixture(scope="session")
def executed_notebooks(tmp_path_factory) -> tuple[Path, dict[str, Path]]:
    """Every notebook of docs/notebooks/ executed afresh, once per test session: (cache, executed copies)."""
    cache = tmp_path_factory.mktemp("warm") / "notebooks"
    return cache, {nb.name: notebooks.execute(nb, cache, force=True).path for nb in NOTEBOOKS}


@pytest.fixture
def project(tmp_path, warm_cache, executed_notebooks) -> Path:
    """A scratch copy of the project whose figure and notebook caches are already warm."""
    return copy_project(tmp_path / "project", cache=warm_cache, notebook_cache=executed_notebooks[0])
