"""CITATION.cff is the one source of citation truth: valid, and what the Cite page and the figures show."""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess

import pytest

from figures_src import citation
from tests.conftest import ROOT, mkdocs, mkdocs_yml

CFF = ROOT / "CITATION.cff"


def cffconvert() -> str:
    found = ROOT / ".venv" / "tools" / "cffconvert" / "bin" / "cffconvert"
    if found.exists():
        return str(found)
    if which := shutil.which("cffconvert"):
        return which
    message = "cffconvert not installed (make test puts it in .venv/tools/cffconvert)"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


def validate(path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([cffconvert(), "--validate", "-i", str(path)], capture_output=True, text=True)


def test_citation_file_is_valid_cff():
    out = validate(CFF)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "valid according to schema version 1.2.0" in out.stdout


def test_the_validator_rejects_a_citation_without_authors(tmp_path):
    broken = tmp_path / "CITATION.cff"
    broken.write_text(CFF.read_text().replace("authors:", "creators:"))
    assert validate(broken).returncode != 0


def test_the_citation_names_the_published_site_and_repository():
    meta = citation.load(CFF)
    config = mkdocs_yml()
    assert meta["url"] == config["site_url"]
    assert meta["repository-code"] == config["repo_url"]
    assert meta["title"] == config["site_name"]


@pytest.mark.build
def test_the_cite_page_shows_exactly_what_the_file_says(project):
    assert mkdocs(project).returncode == 0
    raw = (project / "site" / "cite" / "index.html").read_text(encoding="utf-8")
    page = html.unescape(re.sub(r"<[^>]+>", "", raw))  # the text a reader sees and copies
    meta = citation.load(CFF)
    for line in citation.bibtex(meta).splitlines():
        assert line in page, line
    assert citation.apa(meta) in page
    assert f"(Version {meta['version']})" in page and str(meta["date-released"])[:4] in page
