"""Shared fixtures: a warm figure cache, executed notebooks, scratch projects, the built site in Chromium.

(Shared plain functions are in ``tests/helpers.py``.)"""

from __future__ import annotations

import functools
import gzip
import http.server
import os
import shutil
import threading
from pathlib import Path
from typing import ClassVar

import pytest

from figures_src import render
from figures_src.figure_files import DOWNLOAD_FORMATS
from figures_src.site import notebooks
from tests.helpers import NOTEBOOKS, SCREENSHOTS, WEIGHT_REPORT, chromium_path, copy_project, mkdocs


def made_once(tmp_path_factory, name: str, make) -> Path:
    """A folder made once per test run and shared by the pytest-xdist workers: the first worker to
    ask makes it (``make(folder)``) while holding a lock, the others wait and reuse it."""
    import fcntl

    base = tmp_path_factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base  # the run's own folder
    folder = shared / name
    with open(shared / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (shared / f"{name}.done").exists():
            shutil.rmtree(folder, ignore_errors=True)
            make(folder)
            (shared / f"{name}.done").touch()
    return folder


@pytest.fixture(scope="session")
def warm_cache(tmp_path_factory) -> Path:
    """A figure cache holding every figure of the repository as a build makes it, drawn once per run."""
    return made_once(
        tmp_path_factory,
        "warm-figures",
        lambda cache: render.render(cache_dir=cache, light_only=DOWNLOAD_FORMATS),
    )


@pytest.fixture(scope="session")
def executed_notebooks(tmp_path_factory) -> tuple[Path, dict[str, Path]]:
    """Every notebook of docs/notebooks/ executed afresh, once per test run: (cache, executed copies)."""
    cache = made_once(
        tmp_path_factory,
        "warm-notebooks",
        lambda cache: [notebooks.execute(nb, cache, force=True) for nb in NOTEBOOKS],
    )
    return cache, {nb.name: notebooks.execute(nb, cache).path for nb in NOTEBOOKS}  # found, not run


@pytest.fixture
def project(tmp_path, warm_cache, executed_notebooks) -> Path:
    """A scratch copy of the project whose figure and notebook caches are already warm."""
    return copy_project(tmp_path / "project", cache=warm_cache, notebook_cache=executed_notebooks[0])


# --- the built site in headless Chromium (tests/browser/) ---------------------------


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
def site(tmp_path_factory, warm_cache, executed_notebooks) -> Path:
    """The real project built once per run and shared by the pytest-xdist workers (the first to ask
    builds it; the other waits for it), in a scratch copy with its own copy of the run's warm figure
    and notebook caches, so the build draws nothing again and never writes to the entries other
    tests read. Tests read it (one adds a page of its own and removes it). That a cold build gives
    the same files is tests/site/test_build.py's business."""

    def build(folder: Path) -> None:
        copy = copy_project(folder / "project", cache=warm_cache, notebook_cache=executed_notebooks[0])
        result = mkdocs(copy, "--site-dir", str(copy / "site"))
        assert result.returncode == 0, result.stderr

    return made_once(tmp_path_factory, "built-site", build) / "project" / "site"


# What the host (GitHub Pages) compresses; the page-weight budget counts bytes as a reader receives them.
COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml")


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the built site like the host does: gzip for text types when the browser accepts it."""

    compressed: ClassVar[dict[str, bytes]] = {}  # file path -> gzip bytes, shared by the session's requests

    def log_message(self, *args):
        pass

    def handle(self):
        # a test that closes its page mid-transfer hangs up on us: the reader is gone, nothing failed
        try:
            super().handle()
        except (BrokenPipeError, ConnectionResetError):
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


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the groups (it does in this hook)
def pytest_collection_modifyitems(items):
    """`make test` runs on two workers (pytest-xdist, --dist loadgroup). A browser test of one page
    goes to the worker that tests that page's other checks, so its desktop load in each palette
    (browsing.visit, kept for the worker's session) is made once, not once per worker; the other
    tests are shared out as they come. Each worker starts its own Chromium; the site is built once."""
    for item in items:
        params = getattr(item, "callspec", None)
        if item.get_closest_marker("browser") and params is not None and "page" in params.params:
            item.add_marker(pytest.mark.xdist_group(f"page:{params.params['page'] or 'home'}"))


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
