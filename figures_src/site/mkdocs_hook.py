"""MkDocs hook: the adapter between MkDocs' build events and the site's steps (``steps.py``).

Each event hands plain values (paths, Markdown, HTML) to one step and puts what it returns back
into MkDocs; the build's state is one ``SiteBuild``. Only this file imports MkDocs: another engine
would need another adapter, not other steps. A step's ``BuildError`` stops the build as a
``PluginError`` with the step's message, which names the figure, notebook or page.

This hook runs after the plugins of mkdocs.yml: by on_files, mkdocs-jupyter has made each
``.ipynb`` a page, and by on_post_page, search has indexed the page's readable TeX.

``mkdocs serve`` loads this file again for every rebuild; the modules of ``figures_src`` that the
steps run in this process are then reloaded with it (``_reload``), so an edited step takes effect
without a restart, as an edited figure does (figures are drawn in fresh processes).
"""

from __future__ import annotations

import functools
import importlib
import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

# What the steps run in this process, lowest layer first, so that each is reloaded after what it uses.
_STEP_MODULES = (
    "figures_src.cache",
    "figures_src.project",
    "figures_src.figure_files",
    "figures_src.fonts",
    "figures_src.render",
    "figures_src.site.nav",
    "figures_src.site.accessibility",
    "figures_src.site.typography",
    "figures_src.site.blocks",
    "figures_src.site.crossref",
    "figures_src.site.explorer_data",
    "figures_src.site.citation",
    "figures_src.site.figure_footer",
    "figures_src.site.typeset",
    "figures_src.site.verification",
    "figures_src.site.notebooks",
    "figures_src.site.printing",
    "figures_src.site.security",
    "figures_src.site.steps",
)


def _reload() -> None:
    for name in _STEP_MODULES:
        if name in sys.modules:  # on the first load there is nothing to reload
            importlib.reload(sys.modules[name])


_reload()

from figures_src.figure_files import FigureFile  # noqa: E402  (after the reload)
from figures_src.site import citation, nav, steps  # noqa: E402

log = logging.getLogger("mkdocs.hooks.figures_src")
_build: steps.SiteBuild | None = None
Event = TypeVar("Event", bound=Callable)


def _loud(event: Event) -> Event:
    """A step's BuildError becomes MkDocs' PluginError, which stops the build with its message."""

    @functools.wraps(event)
    def run(*args, **kwargs):
        try:
            return event(*args, **kwargs)
        except steps.BuildError as error:
            raise PluginError(str(error)) from None

    return run


def _state() -> steps.SiteBuild:
    assert _build is not None, "on_config starts every build"
    return _build


# Set once per process by on_startup: `mkdocs serve` reloads this file, and so resets its globals.
_SERVING = "L1_EXPLAINER_SERVING"


def on_startup(command: str, dirty: bool) -> None:
    # `mkdocs serve --clean` reports itself as a build, yet its server injects the live-reload script
    serving = command == "serve" or sys.argv[1:2] == ["serve"]
    os.environ[_SERVING] = "1" if serving else ""
    # The build's date (the sitemap's lastmod and its gzip header) is the last commit's, or outside
    # a git checkout the release date of CITATION.cff, so two builds of one version are
    # byte-identical on any day; a date already given (SOURCE_DATE_EPOCH) is kept.
    if "SOURCE_DATE_EPOCH" not in os.environ:
        os.environ["SOURCE_DATE_EPOCH"] = str(steps.build_epoch(Path(__file__).resolve().parents[2]))


@_loud
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _build
    root = Path(config.config_file_path).resolve().parent
    _build = steps.start(root, config.site_url, config.repo_url, config.edit_uri)
    identity = _build.project  # the site's title, author, description and footer: CITATION.cff
    config.site_name, config.site_author = identity.title, identity.author_line
    config.site_description = identity.abstract
    config.copyright = citation.footer_html(identity)
    config.extra["og_image"] = FigureFile(steps.PREVIEW_FIGURE, fmt="png").url
    return config


@_loud
def on_files(files: Files, config: MkDocsConfig) -> Files:
    build = _state()
    notebooks = {f.src_uri: Path(f.abs_src_path) for f in files.documentation_pages() if _is_notebook(f)}
    results, executed = steps.draw_and_execute(build, notebooks)
    drawn = [r for r in results if r.status == "drawn"]
    log.info(
        "figures: %d drawn (%s), %d cached",
        len(drawn),
        ", ".join(f"{r.name} {r.seconds:.1f}s" for r in drawn) or "none",
        len(results) - len(drawn),
    )
    for source, result in executed.items():
        seconds = f" ({result.seconds:.1f}s)" if result.status == "executed" else ""
        log.info("notebook %s: %s%s", source, result.status, seconds)
        page = files.get_file_from_path(source)
        page.abs_src_path = str(result.path)  # mkdocs-jupyter renders the executed copy
        # the committed, output-free notebook is the download, at the address the page's source would have
        download = File.generated(config, f"{source}.download", abs_src_path=str(result.source))
        download.dest_uri = source
        files.append(download)
        build.downloads[source] = download.url
    for address, path in steps.assets(build, results):
        files.append(File.generated(config, address, abs_src_path=str(path)))

    pages = {f.src_uri: f.content_string for f in files.documentation_pages() if not _is_notebook(f)}
    verification = File.generated(config, steps.VERIFICATION_PAGE, content="")  # its address first
    files.append(verification)
    urls = {f.src_uri: _address(f) for f in files.documentation_pages()}
    verification.content_string = steps.read_pages(build, pages, urls, nav.pages(config.nav))
    config.extra["og_image_alt"] = build.preview_alt
    return files


def _address(file: File) -> str:
    """A page's address below the site's root, as the steps take it: "" for the home page (MkDocs' "./")."""
    return "" if file.url in (".", "./") else file.url


def _is_notebook(file: File) -> bool:
    return file.src_uri.endswith(".ipynb")


@_loud
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if _is_notebook(page.file):
        return markdown  # the notebook's JSON: mkdocs-jupyter renders it
    return steps.page_markdown(_state(), page.file.src_uri, markdown)


@_loud
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return steps.page_html(_state(), page.file.src_uri, html)


@_loud
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return steps.finished_page(_state(), page.file.src_uri, output)


@_loud
def on_post_build(config: MkDocsConfig) -> None:
    # no Content-Security-Policy while serving: MkDocs' live-reload script is inline and new each time
    serving = os.environ.get(_SERVING) == "1"
    steps.finish(_state(), Path(config.site_dir), nav.pages(config.nav), config.site_name, secure=not serving)


def on_build_error(error: Exception) -> None:
    if _build is not None:
        steps.abandon(_build)


def on_serve(server: LiveReloadServer, config: MkDocsConfig, builder: Callable) -> LiveReloadServer:
    root = Path(config.config_file_path).resolve().parent
    server.watch(str(root / "figures_src"))  # an edited figure is redrawn, an edited step reloaded
    server.watch(str(root / "tests"))  # the verification page is made from the tests
    server.watch(str(root / "CITATION.cff"))  # the title, authors and licence
    # (docs/, and so the notebooks, are watched by MkDocs; figures_src/ above re-executes them)
    return server
