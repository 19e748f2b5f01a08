"""The whole explainer on one print page, and as one PDF: every chapter, math typeset, citation first."""

from __future__ import annotations

import re

import pytest

from figures_src.site import printing
from tests.helpers import mkdocs, site_pages


def test_links_between_chapters_stay_inside_the_document_and_files_are_re_pointed():
    printed = {"", "priors/", "geometry/"}
    fragment = (
        '<a href="../geometry/#fig-geometry-contours">a</a> <a href="../priors/">b</a> '
        '<img src="../figures/unit_balls.svg#only-light"> <a href="https://example.org/x">c</a> '
        '<a href="#eq-local">d</a> <a href="../verification/#x">e</a>'
    )
    out = printing._rewrite(fragment, "priors/", printed)
    assert 'href="#fig-geometry-contours"' in out and 'href="#print-priors"' in out
    assert 'src="../figures/unit_balls.svg#only-light"' in out, "from print/ the figures are one level up"
    assert 'href="https://example.org/x"' in out and 'href="#eq-local"' in out
    assert 'href="../verification/#x"' in out, "a page that is not printed keeps its own address"
    home = printing._rewrite('<img src="figures/headline_subgradients.svg#only-light">', "", printed)
    assert 'src="../figures/headline_subgradients.svg#only-light"' in home


@pytest.mark.build
def test_the_build_writes_a_print_page_with_every_page_of_the_nav_in_order(project):
    from tests.helpers import nav_pages, page_address

    assert mkdocs(project).returncode == 0
    page = (project / "site" / "print" / "index.html").read_text(encoding="utf-8")
    sections = re.findall(r'<section class="print-chapter" id="print-([\w-]+)">', page)
    expected = [page_address(p).strip("/").replace("/", "-") or "home" for _, p in nav_pages()]
    assert sections == expected
    assert 'class="arithmatex"' not in page and page.count('class="katex"') > 300
    for anchor in set(re.findall(r'href="#([^"]+)"', page)):
        assert f'id="{anchor}"' in page, f"a link inside the print page points nowhere: #{anchor}"
    assert page.index("How to cite it") < page.index('class="print-chapter"')


@pytest.mark.build
def test_the_whole_explainer_prints_to_one_pdf_with_the_citation_first(browser, project):
    """Headless Chromium prints the built print page (here, not with the browser-group tests: it
    needs its own build, and that runs beside them on the other worker)."""
    from pypdf import PdfReader

    from tests.helpers import APA

    assert mkdocs(project).returncode == 0
    site = project / "site"
    pdf = printing.print_pdf(site, site / "test.pdf", browser=browser)
    reader = PdfReader(pdf)
    pages = [" ".join(page.extract_text().split()) for page in reader.pages]
    assert APA in pages[0] and "Version 0.1.0, released 2026-11-23" in pages[0]
    text = " ".join(pages)
    for path in site_pages():  # every page of the nav, by its own first heading
        heading = re.search(r"<h1[^>]*>(.*?)<", (site / path / "index.html").read_text(encoding="utf-8"))
        assert heading and " ".join(heading[1].split()) in text, path
    for raw in ("\\frac", "\\lambda", "\\sum", "$$", "\\(", "\\["):
        assert raw not in text, f"untypeset LaTeX in the PDF: {raw}"
    assert "Figure 3.2." in text and "Figure 8.2." in text, "figures keep their numbers"
    assert len(reader.pages) > 30
