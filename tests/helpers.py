"""What the tests share: the project's folders, its pages and nav, scratch copies and builds.

Plain functions and constants, imported by the tests of every layer (fixtures are in conftest.py).
The nav and front matter are read with the site's own ``figures_src.site.nav``, so the tests walk
the pages exactly as the build does.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np

from figures_src.site import crossref, nav

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
IGNORE = shutil.ignore_patterns("__pycache__", "*.pyc")
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"  # every page, light, dark and phone, for a reviewer
WEIGHT_REPORT = ROOT / "test-artifacts" / "page-weight.json"  # every page's bytes and timings
SCHEMES = ("light", "dark")  # the palettes every page is checked in
STYLESHEET = ROOT / "docs" / "stylesheets" / "extra.css"


def stand_in_faces() -> list[str]:
    """The ``@font-face`` rules of extra.css whose family is a stand-in ("Source Sans 3 fallback"…)."""
    import re

    return re.findall(r'@font-face\s*\{[^}]*font-family:\s*"[^"]+ fallback"[^}]*\}', STYLESHEET.read_text())


NOTEBOOKS = sorted((DOCS / "notebooks").glob("*.ipynb"))
# What CITATION.cff says, written out by hand: the code that writes them is under test. A release
# changes the version and the date here too, on purpose.
BIBTEX = """@misc{l1_sparsity_explainer_2026,
  title = {Why L1 gives exact zeros and L2 does not},
  author = {{The L1 sparsity explainer contributors}},
  year = {2026},
  version = {0.1.0},
  note = {Version 0.1.0, released 2026-11-23},
  url = {https://l1-sparsity.github.io/explainer/}
}"""
APA = (
    "The L1 sparsity explainer contributors. (2026). Why L1 gives exact zeros and L2 does not "
    "(Version 0.1.0) [Web site]. https://l1-sparsity.github.io/explainer/"
)

BROKEN_FIGURE = '''"""A figure that fails."""


def draw(theme, layout):
    raise ValueError("boom: this figure is broken on purpose")
'''  # a figure module that raises, to see the pipeline and the build fail loudly

TIGHT = {"fit_intercept": False, "tol": 1e-14, "max_iter": 1_000_000}  # scikit-learn, solved to the end


def sklearn_elastic_net(X: np.ndarray, y: np.ndarray, lam: float, alpha: float) -> np.ndarray:
    """scikit-learn's ElasticNet weights for this site's λ and α (α = 1: the lasso). scikit-learn
    scales the squared error by 1/(2n): alpha = λ(2 − α)/(2n), l1_ratio = α/(2 − α), as the pages state."""
    from sklearn.linear_model import ElasticNet

    n = len(y)
    return (
        ElasticNet(alpha=lam * (2 - alpha) / (2 * n), l1_ratio=alpha / (2 - alpha), **TIGHT).fit(X, y).coef_
    )


def page(name: str) -> str:
    """The Markdown source of a page of docs/."""
    return (DOCS / name).read_text(encoding="utf-8")


def without_page_breaks(name: str) -> str:
    """A page's text with its line breaks made spaces, so a quote may span lines."""
    return " ".join(page(name).split())


def site_index() -> dict[str, crossref.Target]:
    """Every numbered equation and figure of the site, numbered as the build numbers them."""
    pages = [
        (path.name, text, nav.front_matter(text).get("chapter"))
        for path in sorted(DOCS.glob("*.md"))
        for text in [path.read_text(encoding="utf-8")]
    ]
    return crossref.build_index(pages)


def centred_diabetes() -> tuple[np.ndarray, np.ndarray]:
    """scikit-learn's diabetes data with the response centred: the site's models have no intercept."""
    from sklearn.datasets import load_diabetes

    X, y = load_diabetes(return_X_y=True)
    return X, y - y.mean()


def shot_name(page: str, suffix: str) -> str:
    """The screenshot file of a page ("" for the home page): ``notebooks-reproduce-phone-dark.png``."""
    return f"{page.strip('/').replace('/', '-') or 'index'}-{suffix}.png"


def page_address(source: str) -> str:
    """The URL path below the site's root at which a docs/ file is published, with a leading slash."""
    return "/" + nav.address(source)


def mkdocs_yml() -> dict:
    """mkdocs.yml as data, without loading MkDocs: ``!ENV [NAME, default]`` gives the default."""
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node)[-1])
    Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)


def nav_pages() -> list[tuple[str, str]]:
    """(title, source) of every page of the nav, in order."""
    return nav.pages(mkdocs_yml()["nav"])


def site_pages() -> list[str]:
    """Every page of the nav, as a path below the site root ("" for the home page)."""
    return [nav.address(source) for _, source in nav_pages()]


def published_pages() -> list[str]:
    """The nav's pages and the pages published beside it: the whole explainer on one page (print/)."""
    return [*site_pages(), "print/"]


def copy_project(dest: Path, cache: Path | None = None, notebook_cache: Path | None = None) -> Path:
    """A buildable copy of the project at ``dest`` (node_modules linked, caches copied if given)."""
    dest.mkdir(parents=True)
    for name in ("mkdocs.yml", "pyproject.toml", "CITATION.cff"):
        shutil.copy2(ROOT / name, dest / name)
    for name in (
        "docs",
        "figures_src",
        "overrides",
        "tests",
    ):  # tests/: the verification page is read from them
        shutil.copytree(ROOT / name, dest / name, ignore=IGNORE)
    (dest / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    if cache is not None:
        shutil.copytree(cache, dest / ".cache" / "figures")
    if notebook_cache is not None:
        shutil.copytree(notebook_cache, dest / ".cache" / "notebooks")
    return dest


def copy_package(dest: Path) -> Path:
    """A scratch copy of figures_src with the files it reads beside it (CITATION.cff, pyproject.toml);
    returns the copy's package folder."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in ("pyproject.toml", "CITATION.cff"):
        shutil.copy2(ROOT / name, dest / name)
    shutil.copytree(ROOT / "figures_src", dest / "figures_src", ignore=IGNORE)
    return dest / "figures_src"


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


def chromium_path() -> str | None:
    for candidate in (os.environ.get("CHROMIUM"), "chromium", "chromium-browser"):
        if candidate and (found := shutil.which(candidate)):
            return found
    return None
