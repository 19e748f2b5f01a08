"""Chapter 9's notebook: committed without outputs, runs cleanly, shows the numbers of the library and
the pages, and re-runs only when it or the code it calls changed."""

from __future__ import annotations

import math
import re
from pathlib import Path

import nbformat
import pytest

from figures_src import render
from figures_src.site import notebooks
from figures_src.sparsity import (
    axis_shares,
    exact_zero_shares,
    laplace_map_1d,
    laplace_posterior_mean_1d,
    lasso_1d_from_moments,
    lasso_lambda_from_prior,
    ridge_1d_from_moments,
    ridge_lambda_from_prior,
)
from tests.helpers import NOTEBOOKS, ROOT, copy_package, nav_pages, page, site_index

NOTEBOOK = ROOT / "docs" / "notebooks" / "reproduce.ipynb"


@pytest.fixture(scope="module")
def executed(executed_notebooks):
    return nbformat.read(executed_notebooks[1][NOTEBOOK.name], as_version=4)


def code_cells(nb) -> list:
    return [cell for cell in nb.cells if cell.cell_type == "code"]


def summary(nb) -> dict[str, tuple[str, str]]:
    """The notebook's closing table, as {quantity: (where on the site, value)}."""
    table = code_cells(nb)[-1].outputs[-1]["data"]["text/markdown"]
    rows = [line.strip("|").split("|") for line in table.splitlines()[2:]]
    return {what.strip(): (where.strip(), value.strip()) for what, where, value in rows}


def test_the_notebook_is_chapter_9_of_the_nav():
    titles = {source: title for title, source in nav_pages()}
    assert NOTEBOOK in NOTEBOOKS
    assert titles["notebooks/reproduce.ipynb"] == "9 · Reproduce it yourself"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_committed_notebooks_have_no_outputs_and_no_execution_counts(path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    assert notebooks.unclean_cells(nb) == [], f"{path.name}: clear the outputs before committing"
    assert nb.metadata.kernelspec.name == notebooks.KERNEL


def test_the_output_check_notices_outputs_and_counts():
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1 + 1") for _ in range(3)])
    nb.cells[1].execution_count = 4
    nb.cells[2].outputs = [nbformat.v4.new_output("stream", text="2\n")]
    assert notebooks.unclean_cells(nb) == [1, 2]


def test_every_cell_runs_in_order_without_an_error_or_a_warning(executed):
    cells = code_cells(executed)
    assert [cell.execution_count for cell in cells] == list(range(1, len(cells) + 1))
    for cell in cells:
        kinds = [(out.output_type, out.get("name")) for out in cell.outputs]
        assert ("error", None) not in kinds and ("stream", "stderr") not in kinds, cell.source


def test_it_redraws_two_site_figures_with_the_sites_own_function(executed):
    drawn = []
    for cell in code_cells(executed):
        for name in re.findall(r'render\.draw\("(\w+)"\)', cell.source):
            assert name in render.discover()
            assert any("image/svg+xml" in out.get("data", {}) for out in cell.outputs), name
            drawn.append(name)
    assert len(drawn) == len(set(drawn)) == 2
    index = site_index()
    for name in drawn:  # the text introduces each by its number on the site
        number = index[f"fig-{name.replace('_', '-')}"].text
        assert any(number in cell.source for cell in executed.cells if cell.cell_type == "markdown"), number


def test_its_summary_shows_the_numbers_of_the_library_and_of_the_pages(executed):
    rows = summary(executed)
    index = site_index()
    assert len(rows) == 9

    # Figure 3.2: Σxy = Σx² = 1, λ = 0, 1, 3; the caption's alt text names the same minima
    where, value = rows["Ridge minimizers, λ = 0, 1, 3"]
    assert where == index["fig-one-coefficient-objectives"].text
    assert (
        value == ", ".join(f"{ridge_1d_from_moments(1.0, 1.0, lam):g}" for lam in (0, 1, 3)) == "1, 0.5, 0.25"
    )
    where, value = rows["Lasso minimizers, λ = 0, 1, 3"]
    assert where == index["fig-one-coefficient-objectives"].text
    assert value == ", ".join(f"{lasso_1d_from_moments(1.0, 1.0, lam):g}" for lam in (0, 1, 3)) == "1, 0.5, 0"
    assert "from beta = 1 to 0.5 to 0.25" in page("one-coefficient.md")

    # Eq. (7.2): λ = σ²/τ² and 2σ²/b, with the σ², τ² and b the row names
    for what, (where, value) in rows.items():
        if what.startswith("λ of"):
            params = dict(re.findall(r"(σ²|τ²|b) = ([\d.]+)", what))
            sigma2 = float(params["σ²"])
            expected = (
                ridge_lambda_from_prior(sigma2, float(params["τ²"]))
                if "ridge" in what
                else lasso_lambda_from_prior(sigma2, float(params["b"]))
            )
            assert where == index["eq-prior-lambdas"].text
            assert float(value) == pytest.approx(expected, rel=1e-12)
            closed_form = sigma2 / float(params["τ²"]) if "ridge" in what else 2 * sigma2 / float(params["b"])
            assert float(value) == pytest.approx(closed_form, rel=1e-12)

    # chapter 8: the mode is exactly 0, the mean is what the page quotes
    mean = laplace_posterior_mean_1d(0.3, 1.0, 1.0, 1.0)
    assert rows["Laplace posterior mode and mean, Σxy = 0.3"] == (
        "Chapter 8",
        f"{laplace_map_1d(0.3, 1.0, 1.0, 1.0):g}, {mean:.3f}",
    )
    assert f"${mean:.3f}$" in page("beyond.md")

    # Figure 7.3 and chapter 7: shares of exact zeros, as quoted on the priors page
    shares = exact_zero_shares(20_000, seed=0, lam=2.0)
    l1 = f"{100 * shares['l1']:.1f}%"
    assert rows["Exact zeros, L1, 20000 problems"] == (index["fig-smooth-penalties-simulation"].text, l1)
    assert l1.replace("%", "\\%") in page("priors.md")
    exact = f"{100 * math.erf(1 / math.sqrt(2)):.1f}%"  # 2Φ(1) − 1 = erf(1/√2)
    assert rows["Exact zeros, L1, probability 2Φ(1) − 1"] == ("Chapter 7", exact)
    assert exact.replace("%", "\\%") in page("priors.md")
    assert rows["Exact zeros, smooth penalties (square, power 1.1, Huber)"][1] == "0.0%"

    # chapter 5: the replication table of the geometry page
    where, value = rows["L1 optimum on an axis: symmetric, general, orthogonal"]
    kinds = ("symmetric", "general", "orthogonal")
    expected = [f"{100 * axis_shares(kind, 5000, seed=42, ts=[2.0])['l1'][0]:.1f}%" for kind in kinds]
    assert value == ", ".join(expected)
    ours = re.search(r"^\| L1: a weight exactly 0 \(ours\) \| (.+) \|$", page("geometry.md"), re.M)
    assert ours and ours[1].split(" | ") == expected, "the table's row of our L1 shares, in the same order"


# --- execution: cached on what the notebook calls, loud on failure ------------------------------------


def test_the_key_follows_the_notebook_and_the_code_it_calls_but_not_the_build_machinery(tmp_path):
    package = copy_package(tmp_path / "project")
    key = notebooks.cache_key(NOTEBOOK, package)
    not_called = (
        "site/mkdocs_hook.py",
        "site/crossref.py",
        "site/typeset.py",
        "site/notebooks.py",
        "figures/unit_balls.py",
    )
    for build_only in not_called:
        (package / build_only).write_text((package / build_only).read_text() + "\n# an edit\n")
    assert notebooks.cache_key(NOTEBOOK, package) == key
    for called in (
        "sparsity/threshold.py",
        "figures/smooth_penalties_simulation.py",
        "style.py",
        "render.py",
        "figure_files.py",
    ):
        before = notebooks.cache_key(NOTEBOOK, package)
        (package / called).write_text((package / called).read_text() + "\n# an edit\n")
        assert notebooks.cache_key(NOTEBOOK, package) != before, called
    copy = tmp_path / NOTEBOOK.name
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nb.cells[0].source += " "
    nbformat.write(nb, copy)
    assert notebooks.cache_key(copy, package) != notebooks.cache_key(NOTEBOOK, package)


def test_an_unchanged_notebook_is_not_run_again(executed_notebooks):
    cache, paths = executed_notebooks
    result = notebooks.execute(NOTEBOOK, cache)
    assert result.status == "cached" and result.path == paths[NOTEBOOK.name]


def runnable_notebook(path: Path, *sources: str) -> Path:
    """A notebook of one code cell per source, for the site's kernel, written to ``path``."""
    nb = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell(source) for source in sources],
        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
    )
    nbformat.write(nb, path)
    return path


def test_a_raising_cell_stops_with_the_cell_and_the_traceback(tmp_path):
    path = runnable_notebook(
        tmp_path / "broken.ipynb",
        "x = 1",
        "def check(v):\n    raise ValueError(f'bad value {v}')\ncheck(x)",
        "y = 2",
    )
    with pytest.raises(notebooks.NotebookError) as info:
        notebooks.execute(path, tmp_path / "cache")
    message = str(info.value)
    assert "broken.ipynb" in message and "check(x)" in message and "ValueError: bad value 1" in message
    assert "\x1b[" not in message, "no terminal colour codes in the build log"
    assert not list((tmp_path / "cache").rglob("*.ipynb")), "nothing is cached for a failed run"


def test_a_cells_output_is_one_block_however_the_kernel_flushed_it(tmp_path):
    """Two clean builds publish the same page: lines printed 0.6 s apart reach the notebook as two
    stream messages (the kernel flushes about every 0.2 s), and a slow machine splits what a fast one
    sends whole; the executed cell must hold one block, in the order printed, whatever the timing."""
    source = "import sys, time\nprint('first')\ntime.sleep(0.6)\nprint('second')\nsys.stdout.flush()"
    path = runnable_notebook(tmp_path / "timed.ipynb", source)
    outputs = nbformat.read(notebooks.execute(path, tmp_path / "cache").path, as_version=4).cells[0].outputs
    assert [(o.output_type, o.get("name"), o.get("text")) for o in outputs] == [
        ("stream", "stdout", "first\nsecond\n")
    ]


# --- the rendered page ---------------------------------------------------------------------------------


def test_cleaning_drops_the_cdn_loaders_and_marks_math_in_markdown_cells_only():
    body = (
        '<!-- Load mathjax -->\n<script src="https://cdnjs.cloudflare.com/mathjax.js"> </script>\n'
        "<!-- End of mathjax configuration -->"
        '<script type="module">\n  document.addEventListener("DOMContentLoaded", async () => {\n'
        '    const diagrams = document.querySelectorAll(".jp-Mermaid > pre.mermaid");\n'
        '    const mermaid = (await import("https://cdnjs.cloudflare.com/mermaid.mjs")).default;\n'
        "  });\n</script>"
        '<div class="jp-RenderedHTMLCommon jp-RenderedMarkdown jp-MarkdownOutput " '
        'data-mime-type="text/markdown">'
        "<p>Ridge: $\\lambda &lt; 1$ and</p><p>$$\\sum_i x_i$$</p></div>"
        '<div class="jp-RenderedText jp-OutputArea-output"><pre>costs $5 and $6</pre></div>'
    )
    cleaned = notebooks.clean_html(body)
    assert "cdnjs" not in cleaned and "mathjax" not in cleaned.lower()
    assert '<span class="arithmatex">\\(\\lambda &lt; 1\\)</span>' in cleaned
    assert '<div class="arithmatex">\\[\\sum_i x_i\\]</div>' in cleaned
    assert "<pre>costs $5 and $6</pre>" in cleaned, "dollars in outputs are not math"


def test_cleaning_refuses_a_page_that_would_still_load_a_remote_script():
    with pytest.raises(notebooks.NotebookError, match="third-party script"):
        notebooks.clean_html('<script src="https://unpkg.com/require.js"></script>')


# --- through MkDocs --------------------------------------------------------------------------------------


@pytest.mark.build
def test_the_build_publishes_the_rendered_page_and_the_clean_notebook(project):
    from tests.helpers import mkdocs

    out = mkdocs(project)
    assert out.returncode == 0, out.stderr
    assert "notebook notebooks/reproduce.ipynb: cached" in out.stderr, "the warm cache was used"
    html = (project / "site" / "notebooks" / "reproduce" / "index.html").read_text(encoding="utf-8")
    assert not re.findall(r"<script[^>]*\bsrc=\"(?:https?:)?//", html), "no third-party script"
    assert "cdnjs" not in html and "MathJax" not in html
    assert html.count('class="katex"') >= 10 and "arithmatex" not in html, "the math is typeset"
    assert html.count("<svg") >= 2 and "jp-RenderedSVG" in html, "both figures are on the page"
    assert 'href="../reproduce.ipynb" download' in html and "make notebook" in html
    download = project / "site" / "notebooks" / "reproduce.ipynb"
    assert download.read_bytes() == NOTEBOOK.read_bytes(), "the download is the committed, output-free file"
    assert "<title>9 · Reproduce it yourself" in html
    # each figure the notebook draws is captioned with the chapter figure it is, linked to it
    captions = re.findall(
        r'class="notebook-caption">The site\'s <a href="\.\./\.\./([a-z-]+)/#(fig-[a-z-]+)">'
        r"Figure (\d+\.\d+)</a>",
        html,
    )
    assert captions == [
        ("one-coefficient", "fig-one-coefficient-objectives", "3.2"),
        ("priors", "fig-smooth-penalties-simulation", "7.3"),
    ], captions
    for folder, anchor, number in captions:
        chapter = (project / "site" / folder / "index.html").read_text(encoding="utf-8")
        figure = re.search(rf'<figure id="{anchor}".*?</figure>', chapter, re.S)
        assert figure and f"Figure {number}." in re.sub(r"<[^>]*>", "", figure[0]), anchor


@pytest.mark.build
def test_the_build_stops_on_a_raising_notebook_cell_and_shows_it(project):
    from tests.helpers import mkdocs

    path = project / "docs" / "notebooks" / "reproduce.ipynb"
    nb = nbformat.read(path, as_version=4)
    first_code = next(i for i, cell in enumerate(nb.cells) if cell.cell_type == "code")
    nb.cells.insert(  # after the setup cell that imports sparsity
        first_code + 1,
        nbformat.v4.new_code_cell("assert sparsity.lasso_1d_from_moments(5.0, 1.0, 2.0) == 0.0"),
    )
    nbformat.write(nb, path)
    out = mkdocs(project)
    assert out.returncode != 0
    log = out.stdout + out.stderr
    assert "notebooks/reproduce.ipynb" in log and "AssertionError" in log
    assert "assert sparsity.lasso_1d_from_moments(5.0, 1.0, 2.0) == 0.0" in log, "the failing cell is shown"
    assert not (project / "site" / "notebooks" / "reproduce" / "index.html").exists()


def test_every_notebook_image_gets_its_figures_alt_text_or_the_page_is_refused(tmp_path):
    def notebook_with(source: str, images: int) -> Path:
        cell = nbformat.v4.new_code_cell(source)
        cell.outputs = [
            nbformat.v4.new_output("execute_result", data={"image/svg+xml": "<svg/>"}, execution_count=1)
        ] * images
        path = tmp_path / "n.ipynb"
        nbformat.write(nbformat.v4.new_notebook(cells=[cell]), path)
        return path

    body = f"<img {notebooks.NO_ALT} src='data:…'>"
    alts = {"unit_balls": "Four unit balls"}
    described = notebooks.describe_images(body, notebook_with('render.draw("unit_balls")', 1), alts)
    assert described == "<img alt=\"Four unit balls\" src='data:…'>"
    for source in ("fig = make_my_own_plot()", 'render.draw("no_such_figure")'):
        with pytest.raises(notebooks.NotebookError, match="alt text"):
            notebooks.describe_images(body, notebook_with(source, 1), alts)
    alt_texts = notebooks.figure_alt_texts({"a.md": "![Four unit balls](figures/unit_balls.svg)"})
    assert alt_texts == alts


def test_a_cell_that_draws_a_figure_but_shows_no_image_stops_the_build(tmp_path):
    """Without the inline backend a drawn Figure prints as text: the page would lose the figure."""
    cell = nbformat.v4.new_code_cell('render.draw("unit_balls")')
    cell.outputs = [
        nbformat.v4.new_output(
            "execute_result", data={"text/plain": "<Figure size 640x440 with 1 Axes>"}, execution_count=1
        )
    ]
    path = tmp_path / "n.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=[cell]), path)
    with pytest.raises(notebooks.NotebookError, match="draws unit_balls but shows no image"):
        notebooks.show_site_figures("", path, lambda name, file: file, lambda name: ("Figure 4.1", "#"))
