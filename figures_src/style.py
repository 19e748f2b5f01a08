"""The one look of every figure: a colour-blind-safe palette, fonts, light and dark themes.

Colours come from the Okabe–Ito palette, which stays distinguishable under the common forms of
colour blindness. Colour is never the only cue: L1 is always drawn solid, L2 dashed, and the
unregularized fit dotted. Fonts are at least 12 pt at a figure width of 6.4 in, so that text stays
at least 9 CSS px when a phone shrinks the figure to its 360 px column.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from matplotlib.colors import to_rgb

WIDTH_IN = 6.4  # every figure is this wide; heights vary


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
    rc: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def dark(self) -> bool:
        return self.name == "dark"


LINESTYLE = {"l1": "-", "l2": "--", "ols": ":"}

_BASE_RC = {
    "font.family": "DejaVu Sans",  # ships with matplotlib: the same glyphs on every machine
    "font.size": 13,
    "axes.titlesize": 13,
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
    "savefig.transparent": True,
    "svg.hashsalt": "l1-sparsity-explainer",  # fixed ids: the same input gives the same bytes
    "svg.fonttype": "path",  # glyphs as paths: the figure looks the same without our fonts
    "pdf.fonttype": 42,
    "mathtext.fontset": "dejavusans",
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
)

THEMES = {"light": LIGHT, "dark": DARK}


def tints(colour: str, background: str, n: int, lightest: float = 0.45) -> list[tuple[float, float, float]]:
    """``n`` shades of ``colour``, from ``lightest`` of the way from the background up to the full colour.

    Used for families of curves (one per λ or per slope); they always carry a second cue as well
    (markers or direct labels), since shades alone are hard to tell apart.
    """
    c, b = to_rgb(colour), to_rgb(background)
    steps = [lightest + (1.0 - lightest) * k / (n - 1) for k in range(n)] if n > 1 else [1.0]
    return [tuple(bi + (ci - bi) * w for ci, bi in zip(c, b, strict=True)) for w in steps]
