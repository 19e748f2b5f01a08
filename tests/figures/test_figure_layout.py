"""Every figure, in every layout and palette, is drawn with no two pieces of text on top of each other.

The figures are drawn here exactly as the build draws them (``figures_src.render._checked_draw``
under the theme's rc settings). While matplotlib draws, every piece of text it actually puts on the
canvas (tick labels, axis labels, titles, annotations, legend entries) is recorded with its box in
pixels; two boxes that share more than a sliver are a collision a reader would see.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

import matplotlib
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text
from matplotlib.transforms import Bbox

from figures_src import fonts, render, style
from tests.helpers import ROOT

# a character that neither the text font nor its fallback has would be drawn as a box: matplotlib
# warns, and the warning fails the test
pytestmark = pytest.mark.filterwarnings("error:Glyph .* missing", "error:findfont")

SLIVER_PX = 1.0  # boxes are shrunk by this much on every side first: touching is not overlapping
DPI = 100  # one pixel per CSS px at the wide layout's own size; the phone's is about the same


@contextlib.contextmanager
def recorded_text():
    """Yield a list that fills with (text, Bbox) for every Text drawn meanwhile."""
    drawn: list[tuple[str, Bbox]] = []
    original = Text.draw

    def draw(self, renderer):
        original(self, renderer)
        if self.get_visible() and self.get_text().strip() and self.get_alpha() != 0:
            box = Text.get_window_extent(self, renderer)  # an annotation's text, not its arrow too
            if box.width > 0 and box.height > 0:
                drawn.append((self.get_text(), box))

    Text.draw = draw
    try:
        yield drawn
    finally:
        Text.draw = original


def texts(figure: Figure) -> list[tuple[str, Bbox]]:
    """Every text drawn on the figure, with its box in pixels."""
    with recorded_text() as drawn:
        figure.set_dpi(DPI)
        FigureCanvasAgg(figure).draw()
    return drawn


def outside(figure: Figure) -> list[str]:
    """The drawn texts that reach past the figure's edges. The build saves with a tight bounding box,
    so such a text widens the file, and the page then shows the whole figure smaller, its text too
    (Fig 5.1's key did: 540 pt wide instead of 462, all its text at 86 %)."""
    canvas = Bbox.from_bounds(0, 0, *figure.canvas.get_width_height())
    return [
        f"{text!r} reaches {box.x0:.0f}..{box.x1:.0f} x {box.y0:.0f}..{box.y1:.0f} px, past the figure's "
        f"{canvas.width:.0f} x {canvas.height:.0f}"
        for text, box in texts(figure)
        if box.x0 < canvas.x0 - SLIVER_PX
        or box.x1 > canvas.x1 + SLIVER_PX
        or box.y0 < canvas.y0 - SLIVER_PX
        or box.y1 > canvas.y1 + SLIVER_PX
    ]


def overlaps(figure: Figure) -> list[str]:
    """The pairs of drawn texts whose boxes overlap, described for a failure message."""
    drawn = texts(figure)
    found = []
    shrunk = [(text, box.expanded(1, 1).padded(-SLIVER_PX)) for text, box in drawn]
    for i, (one, a) in enumerate(shrunk):
        for two, b in shrunk[i + 1 :]:
            if a.overlaps(b):
                found.append(f"{one!r} overlaps {two!r}")
    return found


def drawn(name: str, variant: str, layout: str) -> Figure:
    """The figure as the build draws it (``render.draw``: the same module, theme and layout), with
    the layout engine run under the theme's settings."""
    figure = render.draw(name, variant, layout=layout)
    with matplotlib.rc_context(style.THEMES[variant].rc):
        FigureCanvasAgg(figure).draw()
    return figure


@pytest.mark.parametrize("layout", render.LAYOUTS)
@pytest.mark.parametrize("variant", render.VARIANTS)
@pytest.mark.parametrize("name", list(render.discover()))
def test_no_two_labels_of_a_figure_overlap(name, variant, layout):
    theme = style.THEMES[variant]
    figure = drawn(name, variant, layout)
    with matplotlib.rc_context(theme.rc):
        found = overlaps(figure)
        escaped = outside(figure)
    assert not found, f"{name} ({layout}, {variant}): " + "; ".join(found[:8])
    assert not escaped, f"{name} ({layout}, {variant}): " + "; ".join(escaped[:4])


def test_the_edge_check_catches_a_key_wider_than_the_figure():
    figure = Figure(figsize=(4, 3))
    ax = figure.add_subplot()
    ax.plot([0, 1], [0, 1], label="a line")
    figure.legend(loc="outside lower center")
    assert outside(figure) == []
    ax.plot([0, 1], [1, 0], label="a line whose name is far too long for a figure four inches wide")
    figure.legend(loc="outside lower center", ncols=2)
    assert len(outside(figure)) >= 1


def test_the_overlap_check_catches_a_label_written_over_another():
    figure = Figure(figsize=(4, 3))
    ax = figure.add_subplot()
    ax.set_title("a title")
    ax.text(0.5, 0.5, "first label", transform=ax.transAxes)
    assert overlaps(figure) == []
    ax.text(0.52, 0.51, "second label", transform=ax.transAxes)
    assert overlaps(figure) == ["'first label' overlaps 'second label'"]


def test_a_character_missing_from_the_figure_fonts_fails_loudly():
    theme = style.LIGHT
    with matplotlib.rc_context(theme.rc):
        fonts.register(ROOT)
        figure = Figure(figsize=(4, 3))
        figure.add_subplot().set_title("λ ≤ 1 and \ue000")  # a private-use character: in no font
        with pytest.warns(UserWarning, match="Glyph .* missing"):
            FigureCanvasAgg(figure).draw()


def test_the_figures_draw_their_text_in_the_pages_font():
    """The family the pages load (fonts.FAMILY, their @font-face) is the one matplotlib resolves."""
    from matplotlib import font_manager

    fonts.register(ROOT)
    with matplotlib.rc_context(style.LIGHT.rc):
        assert matplotlib.rcParams["font.family"][0] == fonts.FAMILY
        found = Path(font_manager.findfont(font_manager.FontProperties(family=fonts.FAMILY)))
        assert matplotlib.rcParams["mathtext.fontset"] == "cm", "math as KaTeX sets it: Computer Modern"
    assert found in fonts.figure_fonts(ROOT) and found.name == "SourceSans3-Regular.ttf"
    css = (fonts.package_dir(ROOT) / "400.css").read_text()
    assert f"font-family: '{fonts.FAMILY}'" in css
