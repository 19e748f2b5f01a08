"""Two features with correlation 0.99: the lasso drops one of them, the elastic net keeps both alike.

Weights of the two features against λ (as a fraction of the lasso's λ_max, the same λ for both
panels), for one sample of ``correlated_pair(n=100, rho=0.99, seed=0)``: both features carry the
signal with true weight 1. First panel, the lasso: its penalty does not care how the fit is split
between the two, so the weights keep the gap of the least-squares fit (0.52) until the smaller one
reaches exactly zero (the disc). Second panel, the elastic net with α = 0.5: its squared part
prefers an even split, so the two weights stay within a few hundredths of each other.
"""

from __future__ import annotations

import numpy as np
from matplotlib import patheffects
from matplotlib.figure import Figure

from figures_src.sparsity import correlated_pair, elastic_net, lasso_lambda_max, lasso_path
from figures_src.style import LINESTYLE, WIDE, Layout, Theme, tints

N, RHO, SEED = 100, 0.99, 0
ALPHA = 0.5  # the elastic net's mix: λ(α|w| + (1 − α)w²)
FRACTIONS = np.linspace(0.02, 1.0, 197)  # λ / λ_max
ELASTIC_STYLE = "-."  # the elastic net: neither the lasso's solid nor ridge's dashed line


def paths() -> tuple[np.ndarray, np.ndarray]:
    """The lasso's and the elastic net's weights at each λ of FRACTIONS·λ_max: two (len, 2) arrays."""
    X, y = correlated_pair(n=N, rho=RHO, seed=SEED)
    lams = FRACTIONS * lasso_lambda_max(X, y)
    return lasso_path(X, y, lams), np.array([elastic_net(X, y, lam, ALPHA) for lam in lams])


def draw(theme: Theme, layout: Layout = WIDE) -> Figure:
    lasso_w, elastic_w = paths()
    fig = Figure(figsize=(layout.width, 6.9 if layout.narrow else 3.9), layout="constrained")
    axes = fig.subplots(*layout.grid(2), sharey=True, sharex=layout.narrow)
    panels = (
        (axes[0], lasso_w, theme.l1, LINESTYLE["l1"], "lasso: one of the pair is dropped"),
        (axes[1], elastic_w, theme.third, ELASTIC_STYLE, f"elastic net, α = {ALPHA:g}: both kept alike"),
    )
    for ax, weights, colour, style, title in panels:
        ax.axhline(0, color=theme.muted, linewidth=0.8, zorder=0)
        # x₁ a wide pale band, x₂ a thin line drawn over it: told apart by width and shade, and both
        # visible where the elastic net's two lie on top of each other
        faint, deep = tints(colour, theme, 2)
        ax.plot(FRACTIONS, weights[:, 0], "-", color=faint, linewidth=6.0, solid_capstyle="butt")
        ax.plot(FRACTIONS, weights[:, 1], style, color=deep, linewidth=1.6)
        halo = [patheffects.withStroke(linewidth=3.0, foreground=theme.background)]  # labels clear of lines
        for j in (0, 1):  # named where the two are furthest apart: at the left end
            apart = abs(weights[0, 0] - weights[0, 1]) > 0.3  # room between them: both labels below
            above = weights[0, j] >= weights[0, 1 - j] and not apart
            ax.annotate(
                f"$x_{j + 1}$",
                xy=(FRACTIONS[0], weights[0, j]),
                xytext=(6, 19 if above else -19),
                textcoords="offset points",
                ha="left",
                va="center",
                fontsize=14,
                color=theme.foreground,
                path_effects=halo,
            )
        dropped = np.flatnonzero(weights[:, 0] == 0.0)
        if dropped.size:  # where the lasso's smaller weight becomes exactly zero, and stays
            first = dropped[0]
            ax.plot(
                [FRACTIONS[first]],
                [0.0],
                "o",
                color=colour,
                markeredgecolor=theme.foreground,
                markersize=9,
                zorder=4,
            )
            ax.annotate(  # below the zero line, where no weight of either feature goes
                f"$x_1 = 0$ from {FRACTIONS[first]:.2f} $\\lambda_{{\\max}}$",
                xy=(1.0, 0.0),
                xytext=(0, -7),
                textcoords="offset points",
                ha="right",
                va="top",
                fontsize=12,
                color=theme.foreground,
            )
        ax.set_title(title)
        ax.set_xlim(0, 1)
        ax.set_xticks([0, 0.25, 0.5, 0.75, 1], ["0", "0.25", "0.5", "0.75", "1"])
        ax.set_xlabel("$\\lambda\\,/\\,\\lambda_{\\max}$")
        ax.set_ylabel("weight")
    if not layout.narrow:  # room between the panels, so the end ticks 1 and 0 do not touch
        fig.get_layout_engine().set(wspace=0.14)
    axes[0].set_ylim(-0.24, 1.4)
    axes[0].set_yticks([0, 0.5, 1], ["0", "0.5", "1"])  # like the λ ticks: no trailing zeros
    if layout.narrow:
        axes[0].set_xlabel("")
        axes[0].xaxis.set_tick_params(labelbottom=True)
    else:
        axes[1].set_ylabel("")
    return fig
