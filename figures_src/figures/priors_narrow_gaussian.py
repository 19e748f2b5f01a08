"""A narrow Gaussian beside the unit-variance Laplace: more density at 0 is not what makes zeros.

Left, the densities: a Gaussian with standard deviation 0.3 has density 1.33 at 0, almost twice
the Laplace's 0.707 (any standard deviation below 1/√π ≈ 0.564 beats it). Right, the penalties they
stand for, −log density relative to its value at 0: the Gaussian's is a steep but smooth parabola,
flat at 0; the Laplace's is a V with a corner at 0. Only the corner produces exact zeros.
"""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from figures_src.sparsity import UNIT_VARIANCE_LAPLACE_SCALE, gaussian_pdf, laplace_pdf
from figures_src.style import LINESTYLE, WIDE, Layout, Theme

NARROW_STD = 0.3


def draw(theme: Theme, layout: Layout = WIDE) -> Figure:
    w = np.linspace(-2.5, 2.5, 1001)
    fig = Figure(figsize=(layout.width, 7.4 if layout.narrow else 4.1), layout="constrained")
    fig.get_layout_engine().set(wspace=0.08)  # the second panel's ticks clear of the first panel
    left, right = fig.subplots(*layout.grid(2))
    gauss = gaussian_pdf(w, NARROW_STD**2)
    laplace = laplace_pdf(w, UNIT_VARIANCE_LAPLACE_SCALE)
    left.plot(w, gauss, LINESTYLE["l2"], color=theme.l2, label=f"Gaussian, sd {NARROW_STD:g}")
    left.plot(w, laplace, LINESTYLE["l1"], color=theme.l1, label="Laplace, sd 1")
    left.set_title("prior densities")
    left.set_ylim(0, 1.55)
    left.set_xlabel("weight $w$")
    left.annotate(
        f"{gaussian_pdf(0.0, NARROW_STD**2):.2f}",
        xy=(0, gaussian_pdf(0.0, NARROW_STD**2)),
        xytext=(8, -2),
        textcoords="offset points",
        fontsize=12,
        color=theme.foreground,
    )

    zoom = np.linspace(-0.6, 0.6, 601)
    for density, name, colour in (
        (gaussian_pdf(zoom, NARROW_STD**2), "l2", theme.l2),
        (laplace_pdf(zoom, UNIT_VARIANCE_LAPLACE_SCALE), "l1", theme.l1),
    ):
        at_zero = density[zoom.size // 2]
        right.plot(zoom, -np.log(density / at_zero), LINESTYLE[name], color=colour)
    right.axvline(0, color=theme.muted, linewidth=0.8)
    right.set_title("penalty: −log density")
    right.set_ylim(0, 1.0)
    right.set_xlabel("weight $w$")
    right.set_xticks([-0.5, 0, 0.5])
    # the labels sit under the curves' arms, where neither curve goes, each pointing at its own curve
    right.annotate(
        "corner",  # in its curve's colour: the two notes point at one spot, each at its own curve
        xy=(0.01, 0.01),
        xytext=(0.3, 0.06),
        fontsize=12,
        color=theme.l1,
        arrowprops={"arrowstyle": "->", "color": theme.l1, "shrinkB": 2},
    )
    right.annotate(
        "flat at 0",
        xy=(-0.03, 0.03**2 / (2 * NARROW_STD**2)),  # on the Gaussian's penalty, by its flat bottom
        xytext=(-0.58, 0.06),
        ha="left",
        fontsize=12,
        color=theme.l2,
        arrowprops={"arrowstyle": "->", "color": theme.l2, "shrinkB": 2},
    )
    # one key for both panels, above them and centred, as every figure-wide key is
    fig.legend(*left.get_legend_handles_labels(), loc="outside upper center", ncols=2, fontsize=12)
    return fig
