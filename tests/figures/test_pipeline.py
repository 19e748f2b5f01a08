"""The figure pipeline: discovery, file names, cache, redraws, determinism, loud failure, metadata, CLI."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from figures_src import project, render
from figures_src.figure_files import DATA, FORMATS, LAYOUTS, VARIANTS, FigureFile
from tests.helpers import BROKEN_FIGURE, ROOT, copy_package


@pytest.fixture
def package(tmp_path, warm_cache) -> tuple[Path, Path]:
    """A scratch copy of figures_src and of the warm cache: (package_dir, cache_dir)."""
    package_dir = copy_package(tmp_path / "project")
    cache_dir = tmp_path / "cache"
    shutil.copytree(warm_cache, cache_dir)
    return package_dir, cache_dir


def statuses(results: list[render.Rendered]) -> dict[str, str]:
    return {r.name: r.status for r in results}


def test_a_new_module_is_a_figure_and_a_helper_module_is_not(tmp_path):
    package_dir = copy_package(tmp_path / "project")
    before = set(render.discover(package_dir))
    (package_dir / "figures" / "new_figure.py").write_text(BROKEN_FIGURE)
    (package_dir / "figures" / "_shared_helper.py").write_text("SIZE = 3\n")
    assert set(render.discover(package_dir)) == before | {"new_figure"}
    assert "_shared_helper" not in render.discover(package_dir) and "__init__" not in render.discover(
        package_dir
    )


def test_every_file_name_reads_back_as_the_file_it_names():
    """The names of figure files are made and read in one place; each reads back as itself, and
    nothing else reads as a figure file."""
    names = set()
    for variant in VARIANTS:
        for fmt in FORMATS:
            for layout in LAYOUTS:
                file = FigureFile("unit_balls", variant, fmt, layout)
                assert FigureFile.parse(str(file)) == file
                assert file.url == f"figures/{file}"
                names.add(str(file))
    assert len(names) == len(VARIANTS) * len(FORMATS) * len(LAYOUTS)
    assert "unit_balls.narrow.dark.svg" in names and "unit_balls.svg" in names
    for wrong in ("unit_balls.dark.narrow.svg", "unit_balls.gif", "unit-balls.svg", "unit_balls", "a/b.svg"):
        with pytest.raises(ValueError):
            FigureFile.parse(wrong)
    with pytest.raises(ValueError):
        FigureFile("unit_balls", variant="sepia")
    data = FigureFile("diabetes_paths", fmt=DATA)
    assert str(data) == "diabetes_paths.json" and FigureFile.parse("diabetes_paths.json") == data
    for wrong in ("diabetes_paths.dark.json", "diabetes_paths.narrow.json"):  # one file for every palette
        with pytest.raises(ValueError):
            FigureFile.parse(wrong)


EXPLORING_FIGURE = '''"""A figure whose module also gives an explorer its numbers."""

from matplotlib.figure import Figure

VALUES = [0.0, -0.0, 1e-300, 123456789.0, 2 / 3]


def draw(theme, layout):
    return Figure(figsize=(2, 2))


def explorer_data():
    return {"values": VALUES, "name": "x", "count": 3}
'''


def test_a_figure_that_defines_explorer_data_gets_its_numbers_as_json(tmp_path):
    """Written once beside the figure, floats to 6 significant digits: a tiny nonzero number stays
    nonzero (so 0 is the only zero), −0 is written 0; NaN stops the render with the figure's name."""
    package_dir = copy_package(tmp_path / "project")
    module = package_dir / "figures" / "exploring.py"
    module.write_text(EXPLORING_FIGURE)
    (result,) = render.render(["exploring"], package_dir=package_dir, cache_dir=tmp_path / "cache")
    text = result.files["exploring.json"].read_text(encoding="utf-8")
    assert json.loads(text) == {"values": [0.0, 0.0, 1e-300, 123457000.0, 0.666667], "name": "x", "count": 3}
    assert "-0" not in text and "1e-300" in text
    (again,) = render.render(["exploring"], package_dir=package_dir, cache_dir=tmp_path / "cache")
    assert again.status == "cached" and again.files["exploring.json"].read_text(encoding="utf-8") == text
    module.write_text(EXPLORING_FIGURE.replace("2 / 3]", "float('nan')]"))
    with pytest.raises(render.FigureError, match="exploring"):
        render.render(["exploring"], package_dir=package_dir, cache_dir=tmp_path / "cache")


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
            spec = render.discover()[name]
            render._draw_job(str(spec.path), name, str(out), (("wide", "light", "pdf"),), project.load(ROOT))
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
        expected |= {f"{name}.json"} if render.discover()[name].has_data else set()
        assert set(result.files) == expected
        for layout in LAYOUTS:
            light, dark = (
                result.files[str(FigureFile(name, v, "svg", layout))].read_bytes() for v in VARIANTS
            )
            assert light.startswith(b"<?xml") and dark.startswith(b"<?xml")
            assert light != dark, f"{name}: the dark variant must differ from the light one"
        wide, narrow = (
            ET.fromstring(result.files[str(FigureFile(name, layout=lay))].read_bytes()) for lay in LAYOUTS
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


RIGHTS = (
    "CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/). "
    'From "Why L1 gives exact zeros and L2 does not", The L1 sparsity explainer contributors.'
)  # what CITATION.cff says, written out here: a change to it must be seen and meant


def test_every_download_names_its_licence_and_source_in_its_metadata(warm_cache):
    for name, spec in render.discover().items():
        folder = next((warm_cache / name).iterdir())
        svg = (folder / f"{name}.svg").read_text(encoding="utf-8")
        assert re.search(r"<dc:rights>\s*<cc:Agent>\s*<dc:title>CC BY 4\.0 \(https://creativecommons", svg), (
            name
        )
        assert f"<dc:title>{spec.summary}</dc:title>" in svg.replace("&amp;", "&"), name
        png = png_text_chunks((folder / f"{name}.png").read_bytes())
        assert png["Copyright"] == RIGHTS, name
        assert png["Author"] == "The L1 sparsity explainer contributors", name
        assert png["Title"] == spec.summary
        pdf = (folder / f"{name}.pdf").read_bytes().decode("latin-1")
        subject = re.search(r"/Subject \((.*?)(?<!\\)\)", pdf)
        assert subject and re.sub(r"\\([()\\])", r"\1", subject[1]) == RIGHTS, name


def test_a_change_to_the_citation_redraws_every_figure_with_the_new_credit(package):
    """The files carry CITATION.cff's title, authors and licence, so an edit there redraws them."""
    package_dir, cache_dir = package
    for extra in sorted((package_dir / "figures").glob("[!_]*.py"))[1:]:
        extra.unlink()  # one figure is enough; the drawing is what costs time
    cff = package_dir.parent / "CITATION.cff"
    cff.write_text(
        cff.read_text().replace("The L1 sparsity explainer contributors", "Ada Lovelace's study group")
    )
    (result,) = render.render(package_dir=package_dir, cache_dir=cache_dir)
    assert result.status == "drawn"
    svg = result.files[f"{result.name}.svg"].read_text(encoding="utf-8")
    assert "Ada Lovelace&#39;s study group" in svg or "Ada Lovelace's study group" in svg
    cff.write_text(cff.read_text().replace("keywords:", "keywords:\n  - a keyword the files do not carry"))
    assert render.render(package_dir=package_dir, cache_dir=cache_dir)[0].status == "cached"
