"""The one look of every figure: a colour-blind-safe palette, fonts, light and dark themes.

Colours come from the Okabe–Ito palette, which stays distinguishable under the common forms of
colour blindness. Colour is never the only cue: L1 is always drawn solid, L2 dashed, and the
unregularized fit dotted. Text is at least 12 pt; see ``Layout`` for what that makes on a screen.
A panel's title is left-aligned over it. A key sits above what it explains, never over the data:
above one panel, left-aligned as its title is; above a whole figure, centred. Many lines whose ends
are crowded (paths) are labelled directly instead, and a note names what it points at in its colour.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from matplotlib.colors import to_rgb

from figures_src import fonts
from figures_src.figure_files import SVG_HASHSALT

WIDTH_IN = 6.4  # every figure's wide layout is this wide; heights vary


@dataclass(frozen=True)
class Layout:
    """The shape a figure is drawn in: ``wide`` for tablets, desktops and print, ``narrow`` for phones.

    Both are drawn by the same ``draw(theme, layout)`` from the same numbers. The page serves the
    narrow one on screens under 540 px (``figure_files.NARROW_MEDIA``, a ``<picture>`` source): 4.2 in
    across a 390 px phone's 358 px column puts 12 pt text at 14 CSS px, and the wide one, from a
    540 px screen (a 508 px column) up, at 11.5 CSS px or more. A narrow figure stacks its panels
    and keeps fewer ticks.
    """

    name: str
    width: float  # inches

    @property
    def narrow(self) -> bool:
        return self.name == "narrow"

    def grid(self, panels: int) -> tuple[int, int]:
        """Rows and columns for ``panels`` side-by-side panels: one row when wide, one column when narrow."""
        return (panels, 1) if self.narrow else (1, panels)


WIDE = Layout("wide", WIDTH_IN)
NARROW = Layout("narrow", 4.2)
LAYOUTS = {"wide": WIDE, "narrow": NARROW}


@dataclass(frozen=True)
class Theme:
    """The colours of one palette (Material's light "default" or dark "slate" scheme)."""

    name: str
    foreground: str  # text, axes, ticks
    muted: str  # grid lines, secondary annotations
    background: str  # page background the figure sits on (SVGs stay transparent)
    l1: str  # lasso / L1 penalty
    l2: str  # ridge / L2 penalty
    ols: str  # unregularized least squares
    accent: str  # highlights such as the dead zone
    shade: str  # fill of shaded regions
    third: str  # a third curve family beside L1 and L2 (Okabe–Ito bluish green)
    rc: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def dark(self) -> bool:
        return self.name == "dark"


LINESTYLE = {"l1": "-", "l2": "--", "ols": ":"}

_BASE_RC = {
    # the pages' text font (figures_src/fonts.py), DejaVu Sans (ships with matplotlib) for the few
    # symbols it lacks; math in Computer Modern, as KaTeX sets it on the pages
    "font.family": [fonts.FAMILY, fonts.FALLBACK],
    "font.size": 13,
    "axes.titlesize": 12.5,  # a panel's title: left-aligned over its panel, in every figure
    "axes.titlelocation": "left",
    "axes.titlepad": 9,  # clear of the top tick label, which reaches above the box
    "axes.labelsize": 13,
    "xtick.labelsize": 12,
    "ytick.labelsize": 12,
    "legend.fontsize": 12,
    "legend.frameon": False,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.linewidth": 1.0,
    "lines.linewidth": 2.4,
    "lines.markersize": 8,
    "figure.dpi": 100,
    "figure.constrained_layout.hspace": 0.06,  # stacked panels: a title clear of the ticks above it
    "savefig.transparent": True,
    "svg.hashsalt": SVG_HASHSALT,  # fixed ids: the same input gives the same bytes
    "svg.fonttype": "path",  # glyphs as paths: the figure looks the same without our fonts
    "pdf.fonttype": 42,
    "mathtext.fontset": "cm",
}


def _theme(name: str, **colours: str) -> Theme:
    fg, muted = colours["foreground"], colours["muted"]
    rc = dict(_BASE_RC)
    rc.update(
        {
            "text.color": fg,
            "axes.labelcolor": fg,
            "axes.edgecolor": fg,
            "xtick.color": fg,
            "ytick.color": fg,
            "grid.color": muted,
            "axes.facecolor": "none",
            "figure.facecolor": "none",
            "legend.labelcolor": fg,
        }
    )
    return Theme(name=name, rc=rc, **colours)


LIGHT = _theme(
    "light",
    foreground="#1f1f1f",
    muted="#6b6b6b",
    background="#ffffff",
    l1="#C04F00",  # Okabe–Ito vermillion, darkened for contrast on white
    l2="#0072B2",  # Okabe–Ito blue
    ols="#3d3d3d",
    accent="#C04F00",
    shade="#F3D9C4",
    third="#007A5A",
)

DARK = _theme(
    "dark",
    foreground="#e6e6e6",
    muted="#9a9a9a",
    background="#1e2129",  # Material's slate background
    l1="#F0A050",  # Okabe–Ito orange, lightened for contrast on slate
    l2="#56B4E9",  # Okabe–Ito sky blue
    ols="#c8c8c8",
    accent="#F0A050",
    shade="#4a3a2a",
    third="#35C294",
)

THEMES = {"light": LIGHT, "dark": DARK}


# WCAG 2.1: text needs 4.5:1 against its background (SC 1.4.3), lines and marks that carry meaning
# 3:1 (SC 1.4.11). Every colour above meets the first on its own background; tests/figures/test_contrast.py
# checks the palette and every colour in the rendered figures.
TEXT_CONTRAST = 4.5
LINE_CONTRAST = 3.0
FAMILY_CONTRAST = 4.0  # the faintest of a family of curves (tints)


def _luminance(colour) -> float:
    """Relative luminance of an sRGB colour, as WCAG 2.1 defines it."""
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in to_rgb(colour)]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(one, two) -> float:
    """The WCAG contrast ratio of two colours, from 1 (the same) to 21 (black on white)."""
    high, low = sorted((_luminance(one), _luminance(two)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def mix(start, end, weight: float) -> tuple[float, float, float]:
    """The colour ``weight`` of the way from ``start`` to ``end`` (a tint of ``end`` on ``start``)."""
    return tuple(s + (e - s) * weight for s, e in zip(to_rgb(start), to_rgb(end), strict=True))


def tints(colour: str, theme: Theme, n: int, deepest: float = 0.4) -> list[tuple[float, float, float]]:
    """``n`` shades of ``colour`` on ``theme``, faint to deep, every one at 4:1 against the background.

    The faintest is the mix of background and colour that just keeps a 4:1 contrast: more than the
    3:1 a line needs, since the faintest curve of a family is often the one the others are read against;
    the deepest goes ``deepest`` of the way on from the colour towards the text colour. Used for
    families of curves (one per λ or per slope); they always carry a second cue as well (markers or
    direct labels), since shades alone are hard to tell apart.
    """
    low, high = 0.0, 1.0  # bisect for the faintest background-colour mix at the line contrast
    for _ in range(40):
        middle = (low + high) / 2
        too_faint = contrast(mix(theme.background, colour, middle), theme.background) < FAMILY_CONTRAST
        low, high = (middle, high) if too_faint else (low, middle)
    faintest = high
    path = [faintest + (2.0 - faintest) * k / (n - 1) for k in range(n)] if n > 1 else [1.0]
    # 0..1 runs background -> colour, 1..2 runs colour -> text colour (scaled by ``deepest``)
    return [
        mix(theme.background, colour, t) if t <= 1.0 else mix(colour, theme.foreground, (t - 1.0) * deepest)
        for t in path
    ]
