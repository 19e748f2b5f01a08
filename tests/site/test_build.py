"""The site's build through MkDocs: loud failures, what is published, no-op and clean builds, the
adapter's boundary (only it imports MkDocs; the steps run without MkDocs installed)."""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from figures_src import render
from tests.helpers import BROKEN_FIGURE, ROOT, copy_project, mkdocs, mkdocs_yml, page_address


@pytest.mark.build
def test_build_fails_naming_a_raising_figure(project):
    (project / "figures_src" / "figures" / "broken_figure.py").write_text(BROKEN_FIGURE)
    out = mkdocs(project)
    assert out.returncode != 0
    log = out.stdout + out.stderr
    assert "broken_figure" in log and "Traceback" in log and "boom" in log
    assert not (project / "site" / "figures" / "broken_figure.svg").exists()


@pytest.mark.build
def test_build_fails_naming_a_page_that_uses_a_missing_figure(project):
    page = project / "docs" / "one-coefficient.md"
    page.write_text(
        page.read_text().replace("figures/one_coefficient_solutions.svg", "figures/no_such_figure.svg")
    )
    out = mkdocs(project)
    assert out.returncode != 0
    log = out.stdout + out.stderr
    assert "one-coefficient.md" in log and "no_such_figure" in log


@pytest.mark.build
def test_build_fails_naming_a_page_with_broken_latex(project):
    page = project / "docs" / "one-coefficient.md"
    page.write_text(page.read_text() + "\nA broken formula: $\\frac{1}{$.\n")
    out = mkdocs(project)
    assert out.returncode != 0
    log = out.stdout + out.stderr
    assert "one-coefficient.md" in log and "\\frac{1}{" in log


@pytest.mark.build
def test_build_publishes_both_variants_of_every_figure_and_its_downloads(project):
    assert mkdocs(project).returncode == 0
    published = {p.name for p in (project / "site" / "figures").iterdir()}
    names = render.discover()
    pictures = {f"{n}{lay}{v}.svg" for n in names for lay in ("", ".narrow") for v in ("", ".dark")}
    data = {f"{n}.json" for n, spec in names.items() if spec.has_data}
    assert data == {"diabetes_paths.json"}
    assert published == pictures | data | {
        f"{n}.{fmt}" for n in names for fmt in ("png", "pdf")
    }  # spelled out
    assert not (project / "docs" / "figures").exists(), "nothing generated is written into docs/"
    # chapter 8's explorer carries those numbers in its page, the published file's very text
    beyond = (project / "site" / "beyond" / "index.html").read_text(encoding="utf-8")
    values = re.search(r'<div[^>]*\sdata-from="diabetes_paths" data-values="([^"]*)"', beyond)
    assert (
        values
        and html.unescape(values[1]) == (project / "site" / "figures" / "diabetes_paths.json").read_text()
    )


def test_an_explorer_gets_its_figures_numbers_and_an_unknown_name_stops_the_build(tmp_path):
    from types import SimpleNamespace

    from figures_src.site import explorer_data, steps

    numbers = tmp_path / "paths.json"
    numbers.write_text('{"a":[0,1e-07],"b":"<x & \'y\'>"}', encoding="utf-8")
    page = '<p>x</p><div class="explorer" data-explorer="paths" data-from="paths" hidden>\n</div>'
    filled = explorer_data.embed(page, {"paths": numbers})
    attribute = re.search(r'data-values="([^"]*)"', filled)[1]
    assert "<" not in attribute and json.loads(html.unescape(attribute)) == {
        "a": [0, 1e-07],
        "b": "<x & 'y'>",
    }
    assert filled.replace(f' data-values="{attribute}"', "") == page
    assert explorer_data.embed("<div data-values-from=x>", {}) == "<div data-values-from=x>"
    build = SimpleNamespace(explorer_data={"paths": numbers}, listings=None, executed={})
    with pytest.raises(steps.BuildError, match=r'beyond\.md: .*data-from="pathz".*figures that do: paths'):
        steps.page_html(build, "beyond.md", page.replace('"paths" hidden', '"pathz" hidden'))


@pytest.mark.build
def test_under_every_figure_are_its_downloads_and_its_citation(project):
    from tests.helpers import site_index

    assert mkdocs(project).returncode == 0
    config = mkdocs_yml()
    site_url = config["site_url"]
    # scripts are linked on the repository's branch that the edit buttons point to
    branch = re.fullmatch(r"edit/([^/]+)/docs/", config["edit_uri"])[1]
    scripts = {name: spec.path.relative_to(ROOT).as_posix() for name, spec in render.discover().items()}
    figures = [t for t in site_index().values() if t.anchor.startswith("fig-")]
    assert len(figures) == len(scripts)
    for target in figures:
        address = page_address(target.page)
        page_dir = project / "site" / address.removeprefix("/")
        html = (page_dir / "index.html").read_text(encoding="utf-8")
        block = html[
            html.index(f'id="{target.anchor}"') : html.index("</figure>", html.index(f'id="{target.anchor}"'))
        ]
        block = re.sub(r'<span class="tied">(.*?)</span>', r"\1", block)  # "Figure 8.1" kept on a line
        links = re.findall(r'<a download href="([^"]+)"', block)
        assert [Path(link).suffix for link in links] == [".svg", ".png", ".pdf"], target.anchor
        for link in links:
            assert (page_dir / link).resolve().is_file(), link
        page_url = site_url + address.removeprefix("/")
        expected = (  # CITATION.cff's title, authors, version, year and licence, written out
            f"{target.text}, in The L1 sparsity explainer contributors (2026). Why L1 gives exact zeros "
            f"and L2 does not (Version 0.1.0). {page_url}#{target.anchor}. Licence: CC BY 4.0."
        )
        # one line of links; "cite" opens the figure's citation card (a popover)
        card = f"cite-{target.anchor}"
        assert f'popovertarget="{card}" aria-label="Cite {target.text}">cite</button>' in block
        assert f'id="{card}" popover="auto"' in block and f"<strong>Cite {target.text}</strong>" in block
        start = block.index('class="figure-tools">') + len('class="figure-tools">')
        line = block[start : block.index("</div>", start)]
        words = re.sub(r"<[^>]+>", "", line).split()
        assert words == ["SVG", "·", "PNG", "·", "PDF", "·", "source", "·", "cite"], words
        assert expected.replace('"', "&quot;") in block or expected in block, target.anchor
        # the script that draws it and the command that redraws it: the module that the build
        # drew this very figure from
        name = Path(links[0]).stem
        script = scripts[name]
        source = f"{config['repo_url']}/blob/{branch}/{script}"
        assert (
            f'Drawn by <a href="{source}" title="{script} in the repository"><code>{name}.py</code></a>'
            in block
        ), target.anchor
        command = re.search(r"; <code>((?:(?!</code>).)*)</code> redraws it", block)[1]
        assert re.sub(r"<[^>]+>", "", command) == f"python -m figures_src {name}", target.anchor


@pytest.mark.build
def test_a_no_op_build_draws_nothing_runs_nothing_and_starts_no_node(project):
    """Nothing changed since the last build: no figure is drawn, the notebook is not run, matplotlib
    is not imported and Node (KaTeX) is not started: every formula comes from the cache."""
    assert mkdocs(project).returncode == 0
    code = (
        "import runpy, subprocess, sys\n"
        "started = []\n"
        "class Watched(subprocess.Popen):\n"
        "    def __init__(self, args, *rest, **options):\n"
        "        started.append(str(args[0]))\n"
        "        super().__init__(args, *rest, **options)\n"
        "subprocess.Popen = Watched\n"
        "sys.argv = ['mkdocs', 'build', '--strict']\n"
        "try:\n    runpy.run_module('mkdocs', run_name='__main__')\n"
        "except SystemExit as e:\n    assert not e.code, e.code\n"
        "print('MATPLOTLIB', 'matplotlib' in sys.modules)\n"
        "print('NODE', any(p.endswith('node') for p in started))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=project,
        capture_output=True,
        text=True,
        env={**__import__("os").environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert "MATPLOTLIB False" in out.stdout and "NODE False" in out.stdout, out.stdout + out.stderr
    assert "0 drawn" in out.stderr and "reproduce.ipynb: cached" in out.stderr, out.stderr


@pytest.mark.build
def test_two_clean_builds_publish_a_byte_identical_site(tmp_path, warm_cache, executed_notebooks):
    """Every file of the site, not only the figures: a build from nothing (no figure, notebook or
    math cache: every figure drawn, the notebook run, the math typeset) publishes the same bytes as a
    build whose figures and notebook another process drew and ran earlier in this session."""
    sites = []
    for name, cache, notebook_cache in (
        ("from-nothing", None, None),
        ("drawn-before", warm_cache, executed_notebooks[0]),
    ):
        project = copy_project(tmp_path / name, cache=cache, notebook_cache=notebook_cache)
        out = mkdocs(project)
        assert out.returncode == 0, out.stderr
        drawn = int(re.search(r"figures: (\d+) drawn", out.stderr)[1])
        assert drawn == (0 if cache else len(render.discover())), out.stderr  # two independent drawings
        ran = "reproduce.ipynb: executed" in out.stderr
        assert ran == (notebook_cache is None), out.stderr  # and two runs of the notebook
        sites.append(project / "site")
    files = sorted(p.relative_to(sites[0]).as_posix() for p in sites[0].rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(sites[1]).as_posix() for p in sites[1].rglob("*") if p.is_file())
    assert len(files) > 200 and "sitemap.xml.gz" in files and "notebooks/reproduce/index.html" in files
    released = __import__("figures_src.project").project.load(ROOT).released.isoformat()
    assert f"<lastmod>{released}</lastmod>" in (sites[0] / "sitemap.xml").read_text()  # not the day it ran
    differ = [name for name in files if (sites[0] / name).read_bytes() != (sites[1] / name).read_bytes()]
    assert not differ, (
        f"{len(differ)} files differ between two clean builds: {differ[:10]}\n"
        + first_difference(sites[0] / differ[0], sites[1] / differ[0])
    )


def first_difference(a: Path, b: Path, context: int = 160) -> str:
    """Where two files first differ, with some bytes around it: what the failure shows to be fixed."""
    one, two = a.read_bytes(), b.read_bytes()
    at = next((i for i, (x, y) in enumerate(zip(one, two, strict=False)) if x != y), min(len(one), len(two)))
    start = max(0, at - context)
    return (
        f"{a.name}, first difference at byte {at}:\n"
        f"  first:  {one[start : at + context]!r}\n  second: {two[start : at + context]!r}"
    )


# The layers of figures_src, lowest first: a module may import from its own layer and the ones below.
LAYERS = (
    ("sparsity",),  # the math
    ("cache", "project", "figure_files"),  # foundations: no matplotlib, no site
    ("style", "fonts", "figures", "render", "__main__"),  # the figures pipeline
    ("site",),  # the site's steps
    ("site.mkdocs_hook",),  # the adapter: nothing imports it
)


def layer_of(module: str) -> int:
    """The layer of a module of figures_src ("figures_src.site.crossref" -> 3)."""
    name = module.removeprefix("figures_src.")
    best = None
    for rank, prefixes in enumerate(LAYERS):
        for prefix in prefixes:
            if name == prefix or name.startswith(prefix + "."):
                if best is None or len(prefix) > len(best[1]):
                    best = (rank, prefix)
    if best is None:
        raise AssertionError(f"{module} is in no layer of LAYERS: place it")
    return best[0]


def imports_of(path: Path) -> list[str]:
    """Every module that a Python file imports, at any depth (also inside functions)."""
    import ast

    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level:
            found.append("." * node.level + (node.module or ""))  # relative: reported, not resolved
        elif isinstance(node, ast.ImportFrom) and node.module:
            found += [f"{node.module}.{alias.name}" for alias in node.names]  # a name or a submodule
    return found


def _is_module(base: Path, name: str) -> bool:
    path = base.joinpath(*name.split("."))
    return path.with_suffix(".py").exists() or path.is_dir()


def upward_imports(package: Path) -> list[str]:
    problems = []
    for path in sorted(package.rglob("*.py")):
        parts = path.relative_to(package.parent).with_suffix("").parts
        module = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        if module == "figures_src":
            continue
        own = layer_of(module)
        for imported in imports_of(path):
            if imported.startswith("."):
                problems.append(f"{module} imports {imported} relatively: write the absolute name")
                continue
            if imported.split(".")[0] == "mkdocs" and module != "figures_src.site.mkdocs_hook":
                problems.append(f"{module} imports MkDocs ({imported})")
            if imported.startswith("figures_src.") and not imported.startswith("figures_src.sparsity."):
                target = imported
                while not _is_module(package.parent, target):
                    target = target.rpartition(".")[0]  # "figures_src.site.crossref.Target" -> its module
                if layer_of(target) > own:
                    problems.append(f"{module} (layer {own}) imports {target} (layer {layer_of(target)})")
    return problems


def test_no_module_imports_upward_and_only_the_adapter_imports_mkdocs():
    assert upward_imports(ROOT / "figures_src") == []


def test_the_layer_check_catches_an_upward_import(tmp_path):
    import shutil

    copy = tmp_path / "figures_src"
    shutil.copytree(ROOT / "figures_src", copy, ignore=shutil.ignore_patterns("__pycache__"))
    style = copy / "style.py"
    style.write_text(style.read_text() + "\nfrom figures_src.site import crossref  # upward\n")
    steps = copy / "site" / "steps.py"
    steps.write_text(steps.read_text() + "\nimport mkdocs.config  # not the adapter\n")
    assert upward_imports(copy) == [
        "figures_src.site.steps imports MkDocs (mkdocs.config)",
        "figures_src.style (layer 2) imports figures_src.site.crossref (layer 3)",
    ]


WITHOUT_MKDOCS = r"""
import importlib, json, pkgutil, sys
from pathlib import Path

class NoMkDocs:  # as if MkDocs, Material and mkdocs-jupyter were not installed
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("mkdocs", "material", "mkdocs_jupyter"):
            raise ModuleNotFoundError(f"No module named {name!r}")

sys.meta_path.insert(0, NoMkDocs())
import markdown
import figures_src.site as site
from figures_src.site import nav, steps

for info in pkgutil.iter_modules(site.__path__):
    if info.name != "mkdocs_hook":
        importlib.import_module(f"figures_src.site.{info.name}")
try:
    import figures_src.site.mkdocs_hook
except ModuleNotFoundError:
    pass
else:
    raise AssertionError("the blocker let MkDocs in")

# The whole site but the notebook, with Python-Markdown as the engine and a one-line template.
root, config = Path(sys.argv[1]), json.loads(sys.argv[2])
build = steps.start(root, "https://example.org/site/", "https://example.org/repo", "edit/main/docs/")
results, _ = steps.draw_and_execute(build, {})
assets = steps.assets(build, results)
pages = {p.name: p.read_text(encoding="utf-8") for p in (root / "docs").glob("*.md")}
urls = {source: nav.address(source) for source in [*pages, steps.VERIFICATION_PAGE]}
order = [(t, s) for t, s in nav.pages(config["nav"]) if s in urls]
pages[steps.VERIFICATION_PAGE] = steps.read_pages(build, pages, urls, order)
TEMPLATE = (
    '<html><head><link rel="icon" href="{up}icon.png"><link rel="stylesheet" href="{up}site.css">'
    '<script src="{up}javascripts/scroll-regions.js"></script></head><body>'
    '<div class="md-search" data-md-component="search" role="dialog">'
    '<div class="md-search__scrollwrap" tabindex="0" data-md-scrollfix></div></div>'
    '<article class="md-content__inner md-typeset">{body}</article></body></html>'
)
out = root / "site"
found = {"katex": 0, "raw": 0, "figures": 0, "pictures": 0, "listings": 0}
for source, text in pages.items():
    engine = markdown.Markdown(extensions=config["extensions"], extension_configs=config["options"])
    text = steps.page_markdown(build, source, nav.without_front_matter(text))
    body = steps.page_html(build, source, engine.convert(text))
    up = "../" * urls[source].count("/")
    document = steps.finished_page(build, source, TEMPLATE.format(up=up, body=body))
    (out / urls[source]).mkdir(parents=True, exist_ok=True)
    (out / urls[source] / "index.html").write_text(document, encoding="utf-8")
    found["katex"] += document.count('class="katex"')
    found["raw"] += document.count('class="arithmatex"')
    found["figures"] += document.count('class="figure-number"')
    found["pictures"] += document.count("<picture>")
    found["listings"] += document.count("language-python highlight")
printed = steps.finish(build, out, order, "a title").read_text(encoding="utf-8")
found["printed"] = printed.count('class="print-chapter"')
found["pages"] = len(order)
found["assets"] = sum(1 for address, path in assets if address.startswith("figures/") and path.is_file())
found["cited"] = "Why L1 gives exact zeros and L2 does not" in printed
print(json.dumps(found))
"""


def engine_config() -> dict:
    """mkdocs.yml's nav and Markdown extensions, as plain data for another engine."""
    config = mkdocs_yml()
    names, options = [], {}
    for item in config["markdown_extensions"]:
        name, settings = next(iter(item.items())) if isinstance(item, dict) else (item, None)
        names.append(name)
        if settings:
            options[name] = settings
    return {"nav": config["nav"], "extensions": names, "options": options}


@pytest.mark.build
def test_the_site_steps_run_without_mkdocs(project):
    """Every site step imports and runs with MkDocs blocked: with Python-Markdown as the engine, the
    pages go from Markdown to typeset HTML and the print page is made. Replacing the adapter alone
    moves the site to another engine."""
    out = subprocess.run(
        [sys.executable, "-c", WITHOUT_MKDOCS, str(project), json.dumps(engine_config())],
        capture_output=True,
        text=True,
        cwd=project,
    )
    assert out.returncode == 0, out.stderr
    found = json.loads(out.stdout.splitlines()[-1])
    figures = len(render.discover(project / "figures_src"))
    assert found["raw"] == 0 and found["katex"] > 500, found  # every formula typeset
    assert found["figures"] == figures and found["pictures"] == 2 * figures, found  # light and dark
    assert found["listings"] > 100 and found["cited"], found  # the verification page, the print page
    assert found["printed"] == found["pages"] >= 10, found
    data = sum(spec.has_data for spec in render.discover(project / "figures_src").values())
    assert found["assets"] == figures * 6 + data, found  # every figure file and explorer's data, to publish


def test_the_theme_mends_apply_to_its_markup_and_refuse_changed_markup():
    from figures_src.site import accessibility

    page = "".join(before for before, _ in accessibility.MENDS)
    mended = accessibility.mend(page)
    assert 'role="dialog" aria-label="Search this site"' in mended
    assert '<div class="md-search__scrollwrap" tabindex="-1"' in mended
    with pytest.raises(accessibility.MarkupChanged, match="md-search__scrollwrap"):
        accessibility.mend(page.replace('tabindex="0"', 'tabindex="0" data-new'))


def test_figure_source_links_follow_the_repository_and_branch_or_stop_the_build():
    """A fork's repo_url and edit branch give its own source links; a layout the links cannot be
    derived from stops the build instead of publishing dead links."""
    from figures_src.site import figure_footer, steps

    fork = figure_footer.source_base("https://github.com/someone/fork/", "edit/draft/docs/")
    assert fork == "https://github.com/someone/fork/blob/draft/"
    for repo_url, edit_uri in (("https://github.com/a/b", "blob/main/"), (None, "edit/main/docs/")):
        with pytest.raises(steps.BuildError, match=r"mkdocs\.yml"):
            steps.start(ROOT, "https://example.org/", repo_url, edit_uri)


RELOADING = r"""
import importlib.util, sys
from pathlib import Path

hook_file = Path(sys.argv[1]) / "figures_src" / "site" / "mkdocs_hook.py"


def load_hook():  # what MkDocs does with mkdocs.yml's hooks on every (re)load of the config
    spec = importlib.util.spec_from_file_location("mkdocs_hook", hook_file)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


first = load_hook()
before = first.steps.BuildError
assert first.steps.figure_footer.__file__.startswith(sys.argv[1]), first.steps.figure_footer.__file__
step = hook_file.with_name("figure_footer.py")
step.write_text(step.read_text() + "\nDOWNLOADS = (('svg', 'SVG', 'edited while serving'),)\n")
second = load_hook()
print(second.steps.figure_footer.DOWNLOADS[0][2], second.steps.BuildError is before)
"""


def test_serve_runs_an_edited_step_without_a_restart(tmp_path):
    """``mkdocs serve`` loads the hook again for each rebuild; the steps are reloaded with it."""
    from tests.helpers import copy_package

    package = copy_package(tmp_path / "project")
    out = subprocess.run(
        [sys.executable, "-c", RELOADING, str(package.parent)],
        capture_output=True,
        text=True,
        cwd=package.parent,  # "-c" puts the working folder first on the path: the copy's figures_src
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["edited", "while", "serving", "False"], out.stdout


def test_the_readme_names_the_pinned_mkdocs_and_material_and_their_majors():
    """The README's supported majors and pinned versions are the ones requirements.txt installs."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    pins = dict(
        line.split("==")
        for line in (ROOT / "requirements.txt").read_text().splitlines()
        if "==" in line and not line.startswith("#")
    )
    for name, package in (("MkDocs", "mkdocs"), ("Material for MkDocs", "mkdocs-material")):
        stated = re.search(rf"\*\*{name} (\d+)\.x\*\* \(pinned: ([\d.]+)\)", readme)
        assert stated, f"the README does not state {name}'s major and pin"
        assert stated[2] == pins[package] and pins[package].split(".")[0] == stated[1], (
            stated[0],
            pins[package],
        )


def test_a_build_is_dated_by_its_last_commit_or_outside_git_by_its_release(tmp_path):
    """The sitemap's dates and its gzip header come from SOURCE_DATE_EPOCH, which the hook sets to
    this date when it is not given: the same for every build of one commit, on any day."""
    import datetime as dt

    from figures_src import project
    from figures_src.site import steps

    if (ROOT / ".git").exists():
        commit = subprocess.run(
            ["git", "log", "-1", "--format=%cI"], cwd=ROOT, capture_output=True, text=True
        )
        expected = dt.datetime.fromisoformat(commit.stdout.strip()).timestamp()
        assert steps.build_epoch(ROOT) == expected
    for name in ("CITATION.cff", "pyproject.toml"):
        (tmp_path / name).write_bytes((ROOT / name).read_bytes())
    released = project.load(ROOT).released
    stamp = dt.datetime.fromtimestamp(steps.build_epoch(tmp_path), dt.UTC)
    assert (stamp.date(), stamp.time()) == (released, dt.time(0, 0))
