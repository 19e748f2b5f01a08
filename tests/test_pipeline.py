"""The figure pipeline: discovery, cache, redraws, determinism, loud failure, and its MkDocs hook."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from figures_src import render
from tests.conftest import IGNORE, ROOT, copy_project, mkdocs, mkdocs_yml, page_address

BROKEN_FIGURE = '''"""A figure that fails."""


def draw(theme, layout):
    raise ValueError("boom: this figure is broken on purpose")
'''


@pytest.fixture
def package(tmp_path, warm_cache) -> tuple[Path, Path]:
    """A scratch copy of figures_src and of the warm cache: (package_dir, cache_dir)."""
    package_dir = tmp_path / "figures_src"
    shutil.copytree(ROOT / "figures_src", package_dir, ignore=IGNORE)
    cache_dir = tmp_path / "cache"
    shutil.copytree(warm_cache, cache_dir)
    return package_dir, cache_dir


def statuses(results: list[render.Rendered]) -> dict[str, str]:
    return {r.name: r.status for r in results}


def test_every_module_in_figures_is_discovered_and_nothing_else():
    modules = {p.stem for p in (ROOT / "figures_src" / "figures").glob("*.py") if not p.name.startswith("_")}
    assert set(render.discover()) == modules
    assert modules, "the site has figures"


def test_a_second_render_draws_nothing(package):
    package_dir, cache_dir = package
    results = render.render(package_dir=package_dir, cache_dir=cache_dir)
    assert set(statuses(results).values()) == {"cached"}


def test_changing_one_figure_redraws_only_that_figure(package):
    package_dir, cache_dir = package
    names = sorted(render.discover(package_dir))
    changed = package_dir / "figures" / f"{names[0]}.py"
    changed.write_text(changed.read_text() + "\n# an edit\n")
    assert statuses(render.render(package_dir=package_dir, cache_dir=cache_dir)) == {
        name: "drawn" if name == names[0] else "cached" for name in names
    }
    assert set(statuses(render.render(package_dir=package_dir, cache_dir=cache_dir)).values()) == {"cached"}
    assert len(list((cache_dir / names[0]).iterdir())) == 1, "the stale cache entry is removed"


def test_changing_the_math_or_the_style_redraws_every_figure(package):
    package_dir, cache_dir = package
    for extra in sorted((package_dir / "figures").glob("[!_]*.py"))[2:]:
        extra.unlink()  # two figures are enough to see "every"; the drawing is what costs time
    for shared in (package_dir / "sparsity" / "one_feature.py", package_dir / "style.py"):
        shared.write_text(shared.read_text() + "\n# an edit\n")
        assert set(statuses(render.render(package_dir=package_dir, cache_dir=cache_dir)).values()) == {
            "drawn"
        }


def test_a_raising_figure_raises_with_its_name_and_traceback(package):
    package_dir, cache_dir = package
    (package_dir / "figures" / "broken_figure.py").write_text(BROKEN_FIGURE)
    with pytest.raises(render.FigureError) as raised:
        render.render(package_dir=package_dir, cache_dir=cache_dir)
    message = str(raised.value)
    assert "broken_figure" in message and "Traceback" in message and "boom" in message
    assert not (cache_dir / "broken_figure").exists() or not any((cache_dir / "broken_figure").rglob("*.svg"))


def test_unknown_names_and_formats_are_refused(package):
    package_dir, cache_dir = package
    with pytest.raises(KeyError, match="no_such_figure"):
        render.render(["no_such_figure"], package_dir=package_dir, cache_dir=cache_dir)
    with pytest.raises(ValueError, match="gif"):
        render.render(formats=["gif"], package_dir=package_dir, cache_dir=cache_dir)


# Every figure's SVG is covered by test_two_clean_builds_publish_byte_identical_figures; here the
# PNG and PDF writers too, on figures with text, mathtext, contours, hatching and bars.
DETERMINISM_SAMPLE = ["geometry_contours", "one_coefficient_solutions", "smooth_penalties_simulation"]


def test_same_inputs_give_byte_identical_files_in_every_format(tmp_path):
    first = render.render(DETERMINISM_SAMPLE, cache_dir=tmp_path / "a", formats=render.FORMATS, force=True)
    second = render.render(DETERMINISM_SAMPLE, cache_dir=tmp_path / "b", formats=render.FORMATS, force=True)
    for one, two in zip(first, second, strict=True):
        assert one.files.keys() == two.files.keys()
        for file_name in one.files:
            assert one.files[file_name].read_bytes() == two.files[file_name].read_bytes(), file_name


def test_a_pdf_has_the_same_bytes_wherever_the_font_files_sit(tmp_path, monkeypatch):
    """The figures' fonts live in the project and the fallback and math fonts in matplotlib's install,
    and a copy of the project may sit in a folder that sorts on either side of that install (CI's
    temporary folders did, and two clean builds gave two PDFs). Swap the two sides and compare."""
    import dataclasses

    from matplotlib import font_manager

    from figures_src import fonts

    fonts.register(ROOT)
    ours = {str(p.resolve()) for p in fonts.figure_fonts(ROOT)}
    theirs = str(Path(font_manager.__file__).parent / "mpl-data")
    original = list(font_manager.fontManager.ttflist)

    def draw_with(ours_in: str, theirs_in: str) -> dict[str, bytes]:
        entries = []
        for entry in original:
            side = ours_in if entry.fname in ours else theirs_in if entry.fname.startswith(theirs) else None
            if side:
                copy = tmp_path / side / Path(entry.fname).name
                copy.parent.mkdir(exist_ok=True)
                shutil.copyfile(entry.fname, copy)
                entry = dataclasses.replace(entry, fname=str(copy))
            entries.append(entry)
        monkeypatch.setattr(font_manager.fontManager, "ttflist", entries)
        font_manager.fontManager._findfont_cached.cache_clear()
        out = tmp_path / f"{ours_in}-first"
        for name in FONT_ORDER_SAMPLE:
            render._draw_job(str(render.discover()[name].path), name, str(out), (("wide", "light", "pdf"),))
        font_manager.fontManager._findfont_cached.cache_clear()
        return {p.name: p.read_bytes() for p in out.iterdir()}

    ours_first, ours_last = draw_with("a", "b"), draw_with("z", "y")
    assert ours_first.keys() == ours_last.keys() == {f"{n}.pdf" for n in FONT_ORDER_SAMPLE}
    for name, data in ours_first.items():
        assert data == ours_last[name], f"{name}: the PDF depends on where the font files are"


FONT_ORDER_SAMPLE = ["diabetes_paths", "threshold_diagram"]  # text in three fonts: ours, fallback, math


def test_every_figure_has_a_light_and_a_dark_variant_in_a_wide_and_a_phone_layout(warm_cache):
    for result in render.render(cache_dir=warm_cache):
        name = result.name
        expected = {f"{name}{lay}{v}.svg" for lay in ("", ".narrow") for v in ("", ".dark")}
        assert set(result.files) == expected
        for layout in ("", ".narrow"):
            light, dark = (result.files[f"{name}{layout}{v}.svg"].read_bytes() for v in ("", ".dark"))
            assert light.startswith(b"<?xml") and dark.startswith(b"<?xml")
            assert light != dark, f"{name}: the dark variant must differ from the light one"
        wide, narrow = (
            ET.fromstring(result.files[f"{name}{lay}.svg"].read_bytes()) for lay in ("", ".narrow")
        )
        wide_width, narrow_width = (float(svg.get("width").removesuffix("pt")) for svg in (wide, narrow))
        assert narrow_width < 0.75 * wide_width, f"{name}: the phone layout is not narrower"


def test_checking_the_cache_imports_no_matplotlib(warm_cache):
    code = (
        "import sys; from pathlib import Path; from figures_src import render; "
        f"r = render.render(cache_dir=Path({str(warm_cache)!r})); "
        "assert {x.status for x in r} == {'cached'}, r; "
        "print('matplotlib' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_pages_use_every_figure_and_only_existing_ones():
    used = set()
    for page in (ROOT / "docs").rglob("*.md"):
        used |= set(re.findall(r"\]\(figures/([A-Za-z0-9_]+)\.svg\)", page.read_text(encoding="utf-8")))
    assert used == set(render.discover())


# --- the command line -------------------------------------------------------------------------


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "figures_src", *args], cwd=cwd, capture_output=True, text=True
    )


def test_cli_lists_figures_with_their_summary(tmp_path):
    out = run_cli("--list", cwd=tmp_path)
    assert out.returncode == 0
    for spec in render.discover().values():
        assert re.search(rf"^{spec.name}\s+\S", out.stdout, re.M), spec.name


def test_cli_refuses_an_unknown_name(tmp_path):
    out = run_cli("no_such_figure", cwd=tmp_path)
    assert out.returncode == 2
    assert "unknown figure" in out.stderr and "no_such_figure" in out.stderr
    assert not (tmp_path / "figures").exists()


def test_cli_writes_the_asked_variant_and_formats(tmp_path):
    name = sorted(render.discover())[0]
    out = run_cli(name, "--format", "svg,pdf", "--dark", "--out", "out", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    written = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert written == [f"{name}.dark.pdf", f"{name}.dark.svg", f"{name}.narrow.dark.svg"]
    assert re.match(rf"{name}\s+(drawn|cached)\s+\d+\.\d\d s", out.stdout)
    assert (tmp_path / "out" / f"{name}.dark.pdf").read_bytes().startswith(b"%PDF")


# --- through MkDocs ---------------------------------------------------------------------------


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
    assert published == pictures | {f"{n}.{fmt}" for n in names for fmt in render.DOWNLOAD_FORMATS}
    assert not (project / "docs" / "figures").exists(), "nothing generated is written into docs/"


@pytest.mark.build
def test_under_every_figure_are_its_downloads_and_its_citation(project):
    import re

    from figures_src import citation
    from tests.test_pages import site_index

    assert mkdocs(project).returncode == 0
    meta = citation.load(ROOT / "CITATION.cff")
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
        expected = citation.figure(meta, target.text, f"{page_url}#{target.anchor}")
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
def test_a_no_op_build_imports_no_matplotlib(project):
    assert mkdocs(project).returncode == 0
    code = (
        "import runpy, sys\n"
        "sys.argv = ['mkdocs', 'build', '--strict']\n"
        "try:\n    runpy.run_module('mkdocs', run_name='__main__')\n"
        "except SystemExit as e:\n    assert not e.code, e.code\n"
        "print('MATPLOTLIB', 'matplotlib' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=project,
        capture_output=True,
        text=True,
        env={**__import__("os").environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert "MATPLOTLIB False" in out.stdout, out.stdout + out.stderr
    assert "0 drawn" in out.stderr


@pytest.mark.build
def test_two_clean_builds_publish_byte_identical_figures(tmp_path, warm_cache, executed_notebooks):
    """A build from an empty figure cache publishes the same bytes as one whose cache another process
    drew from nothing earlier in this session (warm_cache: every figure, as a build draws it)."""
    sites = []
    for name, cache in (("cold", None), ("drawn-before", warm_cache)):  # the notebook's cache is warm
        project = copy_project(tmp_path / name, cache=cache, notebook_cache=executed_notebooks[0])
        out = mkdocs(project)
        assert out.returncode == 0, out.stderr
        drawn = int(re.search(r"figures: (\d+) drawn", out.stderr)[1])
        assert drawn == (0 if cache else len(render.discover())), out.stderr  # two independent drawings
        sites.append(project / "site" / "figures")
    files = sorted(p.name for p in sites[0].iterdir())
    assert files == sorted(p.name for p in sites[1].iterdir())
    for name in files:
        assert (sites[0] / name).read_bytes() == (sites[1] / name).read_bytes(), name


def test_only_the_hook_imports_mkdocs():
    import ast

    for path in sorted((ROOT / "figures_src").rglob("*.py")):
        if path.name == "mkdocs_hook.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                modules = [node.module or ""]
            else:
                continue
            assert not any(m.split(".")[0] == "mkdocs" for m in modules), f"{path.name} imports MkDocs"


def png_text_chunks(data: bytes) -> dict[str, str]:
    """The tEXt and iTXt entries of a PNG file (read here, not by the library that wrote them)."""
    import struct
    import zlib

    entries, position = {}, 8
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind, body = data[position + 4 : position + 8], data[position + 8 : position + 8 + length]
        if kind == b"tEXt":
            key, value = body.split(b"\0", 1)
            entries[key.decode("latin-1")] = value.decode("latin-1")
        elif kind == b"iTXt":
            key, rest = body.split(b"\0", 1)
            compressed, rest = rest[0], rest[2:]
            _language, _translated, text = rest.split(b"\0", 2)
            entries[key.decode("latin-1")] = (zlib.decompress(text) if compressed else text).decode()
        position += 12 + length
    return entries


def test_every_download_names_its_licence_and_source_in_its_metadata(warm_cache):
    rights = "CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)"
    for name, spec in render.discover().items():
        folder = next((warm_cache / name).iterdir())
        svg = (folder / f"{name}.svg").read_text(encoding="utf-8")
        assert re.search(r"<dc:rights>\s*<cc:Agent>\s*<dc:title>CC BY 4\.0 \(https://creativecommons", svg), (
            name
        )
        assert f"<dc:title>{spec.summary}</dc:title>" in svg.replace("&amp;", "&"), name
        png = png_text_chunks((folder / f"{name}.png").read_bytes())
        assert png["Copyright"].startswith(rights) and render.SITE_TITLE in png["Copyright"], name
        assert png["Title"] == spec.summary
        pdf = (folder / f"{name}.pdf").read_bytes().decode("latin-1")
        subject = re.search(r"/Subject \((.*?)(?<!\\)\)", pdf)
        assert subject and re.sub(r"\\([()\\])", r"\1", subject[1]).startswith(rights), name


def test_the_theme_mends_apply_to_its_markup_and_refuse_changed_markup():
    from figures_src import accessibility

    page = "".join(before for before, _ in accessibility.MENDS)
    mended = accessibility.mend(page)
    assert 'role="dialog" aria-label="Search this site"' in mended
    assert '<div class="md-search__scrollwrap" tabindex="-1"' in mended
    with pytest.raises(accessibility.MarkupChanged, match="md-search__scrollwrap"):
        accessibility.mend(page.replace('tabindex="0"', 'tabindex="0" data-new'))


def test_figure_source_links_follow_the_repository_and_branch_or_stop_the_build():
    """A fork's repo_url and edit branch give its own source links; a layout the links cannot be
    derived from stops the build instead of publishing dead links."""
    from types import SimpleNamespace

    from mkdocs.exceptions import PluginError

    from figures_src import mkdocs_hook

    fork = SimpleNamespace(repo_url="https://github.com/someone/fork/", edit_uri="edit/draft/docs/")
    assert mkdocs_hook._source_base(fork) == "https://github.com/someone/fork/blob/draft/"
    for repo_url, edit_uri in (("https://github.com/a/b", "blob/main/"), (None, "edit/main/docs/")):
        with pytest.raises(PluginError, match=r"mkdocs\.yml"):
            mkdocs_hook._source_base(SimpleNamespace(repo_url=repo_url, edit_uri=edit_uri))
