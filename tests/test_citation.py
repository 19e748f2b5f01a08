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


@pytest.mark.build
def test_every_page_has_a_link_preview_with_the_headline_figure(project):
    assert mkdocs(project).returncode == 0
    site = project / "site"
    site_url = mkdocs_yml()["site_url"]
    # every page but print/, the print layout of all chapters (not meant to be shared: noindex)
    pages = sorted(p for p in site.glob("**/index.html") if p.parent.name != "print")
    assert len(pages) >= 12
    for path in pages:
        text = path.read_text(encoding="utf-8")
        meta = dict(
            re.findall(r'<meta (?:property|name)="((?:og|twitter):[a-z:_]+)" content="([^"]*)"', text)
        )
        where = path.relative_to(site).as_posix()
        assert meta["og:title"] and len(meta["og:description"]) > 40, where
        assert meta["og:url"] == site_url + where.removesuffix("index.html"), where
        assert meta["og:image"] == site_url + "figures/headline_subgradients.png", where
        assert len(meta["og:image:alt"]) > 80 and meta["twitter:card"] == "summary_large_image", where
        description = re.search(r'<meta name="description" content="([^"]*)"', text)
        assert description and description[1] == meta["og:description"], where
    assert (site / "figures" / "headline_subgradients.png").read_bytes().startswith(b"\x89PNG")


def test_the_pages_workflow_builds_with_the_pinned_requirements_and_deploys_from_main():
    import yaml

    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "pages.yml").read_text())
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as True
    assert triggers["push"]["branches"] == ["main"]
    build = workflow["jobs"]["build"]["steps"]
    run = next(step for step in build if step.get("run"))
    assert run["run"] == "make build" and set(run["env"]) == {"SITE_URL", "REPO_URL", "REPO_NAME"}
    makefile = (ROOT / "Makefile").read_text()
    assert "build: $(VENV)/.site node_modules/.installed" in makefile, "make build installs the pins first"
    assert "-r requirements.txt" in makefile and "npm ci" in makefile
    uses = [step.get("uses", "") for job in workflow["jobs"].values() for step in job["steps"]]
    assert any(u.startswith("actions/upload-pages-artifact") for u in uses)
    assert any(u.startswith("actions/deploy-pages") for u in uses)
    config = (ROOT / "mkdocs.yml").read_text()
    for name in ("SITE_URL", "REPO_URL", "REPO_NAME"):
        assert f"!ENV [{name}," in config, name
