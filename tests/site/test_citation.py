"""CITATION.cff is the one source of citation truth: valid, and what the Cite page and the figures show."""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess

import pytest

from figures_src import project
from figures_src.site import citation
from tests.helpers import APA, BIBTEX, ROOT, mkdocs, mkdocs_yml

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
    import yaml

    config, cff = mkdocs_yml(), yaml.safe_load(CFF.read_text(encoding="utf-8"))
    assert project.load(ROOT).url == cff["url"] == config["site_url"]
    assert cff["repository-code"] == config["repo_url"]


def test_the_citations_say_what_the_file_says():
    identity = project.load(ROOT)
    assert citation.bibtex(identity) == BIBTEX
    assert citation.apa(identity) == APA
    assert citation.apa(identity, italic="*").count("*Why L1 gives exact zeros and L2 does not*") == 1


def test_a_person_is_cited_by_family_name_and_an_entity_whole(tmp_path):
    for name in ("CITATION.cff", "pyproject.toml"):
        shutil.copy2(ROOT / name, tmp_path / name)
    cff = tmp_path / "CITATION.cff"
    cff.write_text(
        cff.read_text().replace(
            '  - name: "The L1 sparsity explainer contributors"',
            '  - family-names: "Noether"\n    given-names: "Emmy"\n  - name: "A study group"',
        )
    )
    identity = project.load(tmp_path)
    assert identity.author_line == "Emmy Noether, A study group"
    assert "author = {Noether, Emmy and {A study group}}" in citation.bibtex(identity)
    assert citation.apa(identity).startswith("Noether, Emmy, A study group. (2026).")


def test_an_unknown_licence_or_a_missing_field_is_refused(tmp_path):
    for name in ("CITATION.cff", "pyproject.toml"):
        shutil.copy2(ROOT / name, tmp_path / name)
    cff = tmp_path / "CITATION.cff"
    text = cff.read_text()
    cff.write_text(text.replace("license: CC-BY-4.0", "license: WTFPL"))
    with pytest.raises(project.ProjectError, match="WTFPL"):
        project.load(tmp_path)
    cff.write_text(text.replace("title:", "name:"))
    with pytest.raises(project.ProjectError, match="title"):
        project.load(tmp_path)


@pytest.mark.build
def test_the_site_takes_its_title_author_and_citations_from_the_file(project):
    assert mkdocs(project).returncode == 0
    raw = (project / "site" / "cite" / "index.html").read_text(encoding="utf-8")
    page = html.unescape(re.sub(r"<[^>]+>", "", raw))  # the text a reader sees and copies
    for line in BIBTEX.splitlines():
        assert line in page, line
    assert APA in page
    assert "<title>Cite this site - Why L1 gives exact zeros and L2 does not</title>" in raw
    assert '<meta name="author" content="The L1 sparsity explainer contributors">' in raw
    footer = re.search(r'<div class="md-copyright__highlight">(.*?)</div>', raw, re.S)[1]
    assert (
        " ".join(re.sub(r"<[^>]+>", "", footer).split())
        == "Text and figures CC BY 4.0, code MIT · version 0.1.0"
    )


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
        assert meta["og:image"] == site_url + "figures/headline_subgradients.png", where  # written out
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
