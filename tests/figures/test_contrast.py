"""Contrast of the figures: the palette of style.py and every colour the rendered SVGs use.

WCAG 2.1 level AA asks 4.5:1 for text against its background (SC 1.4.3) and 3:1 for the lines and
marks a reader needs to understand a graphic (SC 1.4.11). Each figure has a light and a dark
variant, drawn on the page background of its palette; both are checked against that background.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from matplotlib.colors import to_rgb

from figures_src import render, style

SVG = "{http://www.w3.org/2000/svg}"
ROLES = ("foreground", "muted", "l1", "l2", "ols", "accent")  # any of them may colour a label or a line


@pytest.mark.parametrize(
    ("one", "two", "published"),
    [
        ("#000000", "#ffffff", 21.0),  # the extremes
        ("#767676", "#ffffff", 4.54),  # WebAIM: the lightest grey that passes AA on white
        ("#777777", "#ffffff", 4.48),  # ... and the first that fails
        ("#0000ff", "#ffffff", 8.59),
        ("#ff0000", "#ffffff", 4.00),
        ("#1e2129", "#1e2129", 1.0),
    ],
)
def test_the_contrast_formula_reproduces_published_ratios(one, two, published):
    assert style.contrast(one, two) == pytest.approx(published, abs=0.006)
    assert style.contrast(two, one) == style.contrast(one, two)


@pytest.mark.parametrize("theme", style.THEMES.values(), ids=style.THEMES.keys())
def test_every_palette_colour_meets_aa_on_its_background(theme):
    for role in ROLES:
        ratio = style.contrast(getattr(theme, role), theme.background)
        assert ratio >= style.TEXT_CONTRAST, f"{theme.name} {role}: {ratio:.2f}:1 as text"
    for role in ROLES:  # lines cross the shaded regions (the dead zone) too
        ratio = style.contrast(getattr(theme, role), theme.shade)
        assert ratio >= style.LINE_CONTRAST, f"{theme.name} {role} over the shade: {ratio:.2f}:1"


@pytest.mark.parametrize("theme", style.THEMES.values(), ids=style.THEMES.keys())
@pytest.mark.parametrize("n", [2, 3, 5, 8])
def test_every_tint_of_a_curve_family_stays_visible_and_they_are_ordered(theme, n):
    for role in ("l1", "l2"):
        ratios = [style.contrast(c, theme.background) for c in style.tints(getattr(theme, role), theme, n)]
        assert min(ratios) >= 0.999 * 4.0, (theme.name, role, ratios)  # 4:1, more than a lone line's 3:1
        assert ratios == sorted(ratios) and len(set(ratios)) == n, "faint to deep, all different"


def _blend(colour: str, opacity: float, background: str) -> tuple[float, float, float]:
    return tuple(b + (c - b) * opacity for c, b in zip(to_rgb(colour), to_rgb(background), strict=True))


def _painted(element: ET.Element, prop: str) -> tuple[str, float] | None:
    """The colour and opacity with which matplotlib's inline style paints ``prop`` (fill or stroke)."""
    style_attr = element.get("style", "")
    colour = re.search(rf"(?:^|;)\s*{prop}:\s*(#[0-9a-fA-F]{{6}})", style_attr)
    if colour is None:
        return None
    opacity = re.search(rf"{prop}-opacity:\s*([0-9.]+)", style_attr)
    return colour[1], float(opacity[1]) if opacity else 1.0


def low_contrast_marks(svg: str, background: str) -> list[str]:
    """Glyphs under 4.5:1 and lines or markers under 3:1 against ``background`` in a matplotlib SVG.

    Text is a ``text_N`` group whose glyphs are ``<use>`` elements inside a styled ``<g>`` (boxes
    behind labels are paths, not glyphs). Lines and markers are ``line2d_N`` groups; a marker
    filled with the background colour is hollow, and only its edge counts.
    """
    problems = []
    for group in ET.fromstring(svg).iter(f"{SVG}g"):
        gid = group.get("id", "")
        if gid.startswith("text_"):
            glyph_styles = [g for g in group.iter(f"{SVG}g") if g.find(f"{SVG}use") is not None]
            for element in glyph_styles:
                painted = _painted(element, "fill")
                if painted is None:
                    continue
                ratio = style.contrast(_blend(*painted, background), background)
                if ratio < style.TEXT_CONTRAST:
                    problems.append(f"{gid}: text {painted[0]} at {ratio:.2f}:1")
        elif gid.startswith("line2d_"):
            for element in group.iter():
                for prop in ("stroke", "fill"):
                    painted = _painted(element, prop)
                    if painted is None or (prop == "fill" and to_rgb(painted[0]) == to_rgb(background)):
                        continue
                    ratio = style.contrast(_blend(*painted, background), background)
                    if ratio < style.LINE_CONTRAST:
                        problems.append(f"{gid}: {prop} {painted[0]} at {ratio:.2f}:1")
    return sorted(set(problems))


def test_the_checker_finds_faint_text_and_lines():
    faint = (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
        '<g id="text_1"><path style="fill: #ffffff"/><g style="fill: #999999"><use xlink:href="#a"/></g></g>'
        '<g id="text_2"><g style="fill: #1f1f1f; fill-opacity: 0.3"><use xlink:href="#a"/></g></g>'
        '<g id="line2d_1"><path style="fill: none; stroke: #c8c8c8"/></g>'
        '<g id="line2d_2"><path style="fill: #ffffff; stroke: #1f1f1f"/></g>'
        "</svg>"
    )
    problems = low_contrast_marks(faint, "#ffffff")
    assert [p.split(":")[0] for p in problems] == ["line2d_1", "text_1", "text_2"], problems


def test_every_figure_meets_aa_in_both_palettes(warm_cache):
    for result in render.render(cache_dir=warm_cache):
        for file_name, path in result.files.items():
            if not file_name.endswith(".svg"):
                continue  # an explorer's numbers (NAME.json), not a picture
            theme = style.DARK if file_name.endswith(".dark.svg") else style.LIGHT
            problems = low_contrast_marks(path.read_text(encoding="utf-8"), theme.background)
            assert not problems, f"{file_name} on {theme.background}:\n" + "\n".join(problems)
