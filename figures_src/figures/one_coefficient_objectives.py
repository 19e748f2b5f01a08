"""The penalized loss of one coefficient for several λ: smooth for ridge, kinked at 0 for the lasso.

Data moments Σxᵢ² = 1, Σxᵢyᵢ = 1 and Σyᵢ² = 1.5, so least squares gives β = 1. Each curve is
Σ(yᵢ − xᵢβ)² + λ·pen(β), and its marked minimum comes from the closed forms of chapter 3. The ridge
minimum slides towards 0 as λ grows but never reaches it. The lasso curve has a corner at β = 0;
once λ/2 ≥ Σxᵢyᵢ the corner is the lowest point, and the minimum sits exactly at 0.
"""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from figures_src.sparsity import lasso_1d_from_moments, objective_1d, ridge_1d_from_moments
from figures_src.style import LINESTYLE, WIDE, Layout, Theme, tints

SXX, SXY, SYY = 1.0, 1.0, 1.5
LAMS = (0.0, 1.0, 3.0)
TOP = 4.2  # upper limit of the loss axis


def draw(theme: Theme, layout: Layout = WIDE) -> Figure:
    beta = np.linspace(-1.0, 1.6, 521)
    fig = Figure(figsize=(layout.width, 7.6 if layout.narrow else 4.4), layout="constrained")
    axes = fig.subplots(*layout.grid(2), sharey=True, sharex=layout.narrow)
    panels = (  # L1 first, as in every figure of the site; its minima discs, ridge's squares
        ("l1", "lasso: λ|β|", lasso_1d_from_moments, theme.l1, "o"),
        ("l2", "ridge: λβ²", ridge_1d_from_moments, theme.l2, "s"),
    )
    for ax, (penalty, title, solve, colour, marker) in zip(axes, panels, strict=True):
        ax.axvline(0, color=theme.muted, linewidth=0.8, zorder=0)
        # λ grows with the shade and the line width, so the curves differ in more than lightness
        shades = tints(colour, theme, len(LAMS))
        for lam, shade, width in zip(LAMS, shades, (1.6, 2.4, 3.2), strict=True):
            ax.plot(
                beta,
                objective_1d(beta, SXY, SXX, SYY, lam, penalty),
                LINESTYLE[penalty],
                color=shade,
                linewidth=width,
                label=f"λ = {lam:g}",
            )
            best = solve(SXY, SXX, lam)
            ax.plot(
                [best],
                [objective_1d(best, SXY, SXX, SYY, lam, penalty)],
                marker,
                color=shade,
                markeredgecolor=theme.foreground,
                markeredgewidth=0.8,
                zorder=3,
            )
        ax.set_xlabel(r"coefficient $\beta$")
        ax.set_xlim(beta[0], beta[-1])
        ax.set_xticks([-1, -0.5, 0, 0.5, 1])  # none at the right edge, next to the other panel's −1
        # the panel's name and the λ of each curve, in a key above the panel, clear of the curves
        ax.legend(
            title=title,
            alignment="left",  # the title left-aligned, as every panel title is
            loc="lower left",
            bbox_to_anchor=(-0.02, 1.0),
            ncols=3,
            fontsize=12,
            title_fontsize=13,
            handlelength=2.0,  # whole dashes of the thickest line; the key within its panel's width
            columnspacing=0.6,
            handletextpad=0.4,
        )
    axes[0].set_ylim(-0.2, TOP)  # the 0 tick clear of the corner, where the β ticks start
    axes[0].set_ylabel("penalized loss")
    if layout.narrow:
        axes[1].set_ylabel("penalized loss")
        axes[0].set_xlabel("")
        axes[0].xaxis.set_tick_params(labelbottom=True)
        axes[1].yaxis.set_tick_params(labelleft=True)
    axes[0].annotate(
        "the corner\nholds the\nminimum\nat β = 0",
        xy=(0.0, 1.5),
        xytext=(-0.95, 0.05),
        fontsize=12,
        color=theme.foreground,
        # from the text's top edge, so the arrow does not cross the words
        arrowprops={"arrowstyle": "->", "color": theme.foreground, "linewidth": 1, "relpos": (0.75, 1.0)},
    )
    return fig
