"""MkDocs hook: the thin adapter between MkDocs' build events and figures_src.

- on_config: the version (from pyproject.toml) goes into the footer.
- on_files: draws stale figures (``render.py``) and adds every figure, light and dark, as a generated
  file at ``figures/NAME.svg`` / ``figures/NAME.dark.svg``; adds KaTeX's stylesheet and fonts from
  ``node_modules`` at ``assets/katex/``; indexes every page's numbered equations and figures.
- on_page_markdown: numbers equations and figures and fills in cross-reference texts (``crossref.py``).
- on_post_page: typesets the math with KaTeX (``typeset.py``), after search has indexed the page.
- on_serve: ``mkdocs serve`` also watches ``figures_src/``, so saving a figure module redraws it.

Every failure stops the build with a message that names the figure module or the page.
"""

from __future__ import annotations

import logging
import tomllib
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.utils.meta import get_data

from figures_src import crossref, render, typeset

log = logging.getLogger("mkdocs.hooks.figures_src")

_state: dict = {}


def _root(config) -> Path:
    return Path(config.config_file_path).resolve().parent


def on_config(config):
    root = _root(config)
    version = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    config.extra["version"] = version
    config.copyright = (config.copyright or "").replace("{version}", version)
    return config


def on_files(files: Files, config) -> Files:
    root = _root(config)
    package_dir = root / "figures_src"
    cache = root / ".cache"
    try:
        results = render.render(package_dir=package_dir, cache_dir=cache / "figures")
    except render.FigureError as error:
        raise PluginError(f"A figure failed to draw, so the build stops.\n{error}") from None
    drawn = [r for r in results if r.status == "drawn"]
    log.info(
        "figures: %d drawn (%s), %d cached",
        len(drawn),
        ", ".join(f"{r.name} {r.seconds:.1f}s" for r in drawn) or "none",
        len(results) - len(drawn),
    )
    for result in results:
        for file_name, path in result.files.items():
            files.append(File.generated(config, f"figures/{file_name}", abs_src_path=str(path)))

    try:
        dist = typeset.katex_dir(root)
    except typeset.MathError as error:
        raise PluginError(str(error)) from None
    files.append(
        File.generated(config, "assets/katex/katex.min.css", abs_src_path=str(dist / "katex.min.css"))
    )
    for font in sorted((dist / "fonts").glob("*.woff2")):
        files.append(File.generated(config, f"assets/katex/fonts/{font.name}", abs_src_path=str(font)))

    pages = []
    for file in files.documentation_pages():
        _, meta = get_data(file.content_string)
        pages.append((file.src_uri, file.content_string, meta.get("chapter")))
    try:
        _state["index"] = crossref.build_index(pages)
    except crossref.CrossrefError as error:
        raise PluginError(str(error)) from None
    _state["figure_files"] = [r.name for r in results]
    _state["typesetter"] = typeset.Typesetter(root, cache / "math")
    return files


def on_page_markdown(markdown: str, page, config, files) -> str:
    try:
        return crossref.transform(page.file.src_uri, markdown, _state["index"], _state["figure_files"])
    except crossref.CrossrefError as error:
        raise PluginError(str(error)) from None


def on_post_page(output: str, page, config) -> str:
    # After Material's search plugin has indexed the page (on_page_context), so the index holds
    # the readable TeX source instead of KaTeX's triple HTML/MathML/annotation text.
    try:
        return typeset.typeset_html(output, _state["typesetter"])
    except typeset.MathError as error:
        raise PluginError(f"{page.file.src_uri}: the math does not typeset.\n{error}") from None


def on_post_build(config) -> None:
    typesetter = _state.pop("typesetter", None)
    if typesetter is not None:
        typesetter.close()


def on_build_error(error) -> None:
    on_post_build(None)


def on_serve(server, config, builder):
    server.watch(str(_root(config) / "figures_src"))
    return server
