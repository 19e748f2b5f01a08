"""The pages against the code: numbers quoted in the prose, the verification page's coverage,
the citation, and the copy check against the source articles."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib

import pytest

from figures_src import project
from figures_src.site import verification
from figures_src.site.nav import front_matter
from figures_src.sparsity import axis_shares, exact_zero_shares, laplace_posterior_mean_1d
from tests.helpers import DOCS, ROOT, nav_pages, page, site_index

COPYCHECK = ROOT.parent / "shared" / "tools" / "copycheck.py"


@pytest.mark.checks("geometry.md#how-often-is-the-optimum-on-an-axis")
def test_parr_table_on_the_page_matches_the_simulation():
    """The table's rows are the shares, its columns the three families of losses."""
    table = {
        m[1]: dict(zip(("symmetric", "general", "orthogonal"), m.groups()[1:], strict=True))
        for m in re.finditer(
            r"^\| (L[12]: [^|]+?) \| ([\d.]+)% \| ([\d.]+)% \| ([\d.]+)% \|$", page("geometry.md"), re.M
        )
    }
    assert re.search(
        r"^\| share of optima with \| symmetric \| general \| orthogonal \|$", page("geometry.md"), re.M
    )
    assert len(table) == 5, table
    for kind in ("symmetric", "general", "orthogonal"):
        exact = axis_shares(kind, 5000, seed=42, ts=[2.0])
        near = axis_shares(kind, 5000, seed=42, ts=[2.0], near=0.05)
        assert table["L1: a weight exactly 0 (ours)"][kind] == f"{100 * exact['l1'][0]:.1f}"
        assert table["L2: a weight within $0.05\\,t$ of 0 (ours)"][kind] == f"{100 * near['l2'][0]:.1f}"
        assert table["L2: a weight exactly 0 (ours)"][kind] == f"{100 * exact['l2'][0]:.1f}" == "0.0"
    # Parr's published shares (his article's section 3, cited on the page)
    parr = {"symmetric": (66, 3), "general": (72, 5), "orthogonal": (80, 45)}
    for kind, (l1, l2) in parr.items():
        assert table["L1: a weight exactly 0 (Parr)"][kind] == str(l1)
        assert table["L2: a weight near 0 (Parr)"][kind] == str(l2)


@pytest.mark.checks("priors.md#singularities-are-necessary", "priors.md#fig-smooth-penalties-simulation")
def test_simulation_share_quoted_on_the_priors_page():
    shares = exact_zero_shares(20_000, seed=0, lam=2.0)
    assert f"${100 * shares['l1']:.1f}\\%$" in page("priors.md")
    assert "68.3\\%" in page("priors.md")  # 2Φ(1) − 1, checked in tests/math/test_threshold.py


@pytest.mark.checks("beyond.md#bayesian-lasso-only-the-mode-is-sparse")
def test_posterior_mean_quoted_on_the_beyond_page():
    mean = laplace_posterior_mean_1d(0.3, 1.0, 1.0, 1.0)
    assert f"${mean:.3f}$" in page("beyond.md")


def test_every_numbered_equation_and_figure_is_checked_by_a_test():
    checked = {target for test in verification.collect(ROOT / "tests") for target in test.targets}
    missing = [
        f"{t.page}#{anchor}" for anchor, t in site_index().items() if f"{t.page}#{anchor}" not in checked
    ]
    assert not missing, "numbered equations or figures without a test: " + ", ".join(missing)


def test_every_checks_mark_points_to_an_existing_anchor():
    index = site_index()
    anchors = {}
    for path in DOCS.glob("*.md"):
        anchors[path.name] = set(verification.headings(path.read_text(encoding="utf-8")))
    for anchor, target in index.items():
        anchors[target.page].add(anchor)
    assert verification.unknown_targets(verification.collect(ROOT / "tests"), anchors) == []


def test_citation_file_agrees_with_the_package_version():
    """CITATION.cff's version is the site's; pyproject.toml repeats it for packaging."""
    version = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    assert project.load(ROOT).version == version


@pytest.mark.skipif(not COPYCHECK.exists(), reason="the shared copy check is not beside this checkout")
def test_no_passage_is_copied_from_the_source_articles():
    out = subprocess.run([sys.executable, str(COPYCHECK), str(DOCS)], capture_output=True, text=True)
    assert out.returncode == 0, out.stdout
    assert out.stdout.startswith("0 copied")


def test_every_page_is_in_the_nav_and_every_nav_entry_exists():
    nav = [source for _, source in nav_pages()]
    on_disk = {p.name for p in DOCS.glob("*.md")} | {
        p.relative_to(DOCS).as_posix() for p in DOCS.glob("notebooks/*.ipynb")
    }
    assert on_disk | {"verification.md"} == set(nav)


def test_each_chapter_opens_with_its_aim_and_closes_with_a_takeaway():
    for path in sorted(DOCS.glob("*.md")):
        text = path.read_text(encoding="utf-8")
        if "chapter" in front_matter(text):
            assert '!!! abstract "Takeaway"' in text, f"{path.name} has no takeaway"
