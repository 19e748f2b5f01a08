"""Shared fixtures: scratch copies of the project, a warm figure cache, and mkdocs builds."""

from __future__ import annotations

import functools
import gzip
import http.server
import os
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from typing import ClassVar

import pytest

from figures_src import notebooks, render

ROOT = Path(__file__).resolve().parents[1]
IGNORE = shutil.ignore_patterns("__pycache__", "*.pyc")
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"  # every page, light, dark and phone, for a reviewer
WEIGHT_REPORT = ROOT / "test-artifacts" / "page-weight.json"  # every page's bytes and timings
SCHEMES = ("light", "dark")  # the palettes every page is checked in


def shot_name(page: str, suffix: str) -> str:
    """The screenshot file of a page ("" for the home page): ``notebooks-reproduce-phone-dark.png``."""
    return f"{page.strip('/').replace('/', '-') or 'index'}-{suffix}.png"


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


# --- the built site in headless Chromium (test_site.py, test_access.py) ---------------------------


def chromium_path() -> str | None:
    for candidate in (os.environ.get("CHROMIUM"), "chromium", "chromium-browser"):
        if candidate and (found := shutil.which(candidate)):
            return found
    return None


@pytest.fixture(scope="session")
def browser():
    executable = chromium_path()
    if executable is None:
        message = "Chromium not found (apt-get install chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{message}: browser tests must run in CI")
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The real project built once, in a scratch copy with its own caches (seeded from the project's,
    when it has them), so that tests on the other worker never write to the same cache entries."""
    caches = ROOT / ".cache"
    copy = copy_project(
        tmp_path_factory.mktemp("built") / "project",
        cache=caches / "figures" if (caches / "figures").is_dir() else None,
        notebook_cache=caches / "notebooks" if (caches / "notebooks").is_dir() else None,
    )
    result = mkdocs(copy, "--site-dir", str(copy / "site"))
    assert result.returncode == 0, result.stderr
    return copy / "site"


# What the host (GitHub Pages) compresses; the page-weight budget counts bytes as a reader receives them.
COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml")


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the built site like the host does: gzip for text types when the browser accepts it."""

    compressed: ClassVar[dict[str, bytes]] = {}  # file path -> gzip bytes, shared by the session's requests

    def log_message(self, *args):
        pass

    def do_GET(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path) and self.path.split("?")[0].endswith("/"):
            path = os.path.join(path, "index.html")
        content_type = self.guess_type(path)
        if (
            "gzip" not in self.headers.get("Accept-Encoding", "")
            or not os.path.isfile(path)
            or not content_type.startswith(COMPRESSED_TYPES)
        ):
            return super().do_GET()
        if path not in self.compressed:
            with open(path, "rb") as file:
                self.compressed[path] = gzip.compress(file.read(), compresslevel=6, mtime=0)
        body = self.compressed[path]
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="session")
def server(site):
    """The built site on a local port, compressed as the host serves it."""
    handler = functools.partial(SiteHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()


def site_pages() -> list[str]:
    """Every page of the nav, as a path below the site root ("" for the home page)."""
    config = mkdocs_yml()

    def walk(items):
        for item in items:
            value = next(iter(item.values())) if isinstance(item, dict) else item
            if isinstance(value, list):
                yield from walk(value)
            else:
                yield page_address(value).removeprefix("/")

    return list(walk(config["nav"]))


def published_pages() -> list[str]:
    """The nav's pages and the pages published beside it: the whole explainer on one page (print/)."""
    return [*site_pages(), "print/"]


def pytest_collection_modifyitems(items):
    """`make test` runs on two workers (pytest-xdist, --dist loadgroup): the browser tests share one
    worker, so the site is built and Chromium started once, while the other worker runs the rest.
    (Two browser groups, one per worker, measured no faster: the suite is CPU-bound on 2 cores.)"""
    for item in items:
        if item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.xdist_group("browser"))


# --- where to look after a run --------------------------------------------------------------------

_STARTED: list[float] = []


def pytest_sessionstart(session):
    import time

    _STARTED.append(time.time())


def pytest_terminal_summary(terminalreporter):
    """Name the folder of screenshots and the page-weight report that this run wrote."""
    if not _STARTED:
        return
    new = (
        [p for p in SCREENSHOTS.glob("*.png") if p.stat().st_mtime >= _STARTED[0]]
        if SCREENSHOTS.exists()
        else []
    )
    if new:
        terminalreporter.write_line(
            f"screenshots of every page (desktop and phone, light and dark): {SCREENSHOTS} ({len(new)} files)"
        )
    if WEIGHT_REPORT.exists() and WEIGHT_REPORT.stat().st_mtime >= _STARTED[0]:
        terminalreporter.write_line(f"page weights and typesetting times: {WEIGHT_REPORT}")
