"""The derivative threshold: the penalized loss near w = 0 for loss slopes g at zero from 0 to 2.5, β = 1.

Each curve is L(w) + pen(w) with L(w) = g·w + w² (so L'(0) = g), drawn relative to its value at 0;
dots mark the exact minimizers. Left, pen = β|w|: while |g| ≤ β the corner holds the minimum at
exactly w = 0; once |g| > β it leaves, by (|g| − β)/2. Right, pen = βw²: the minimum is −g/(2 + 2β),
away from zero for every g except g = 0.
"""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from figures_src.sparsity import lasso_1d_from_moments, objective_1d, ridge_1d_from_moments
from figures_src.style import LINESTYLE, WIDTH_IN, Theme, tints

BETA = 1.0
CURVATURE = 1.0  # L(w) = g·w + CURVATURE·w²
SLOPES = (0.0, 0.5, 1.0, 1.6, 2.5)
MARKERS = ("o", "s", "D", "^", "v")  # tell the curves apart without colour


def draw(theme: Theme) -> Figure:
    w = np.linspace(-1.6, 0.6, 441)
    fig = Figure(figsize=(WIDTH_IN, 4.6), layout="constrained")
    axes = fig.subplots(1, 2, sharey=True)
    panels = (
        ("l1", "β|w|: pinned while |g| ≤ β", lasso_1d_from_moments, theme.l1),
        ("l2", "βw²: leaves 0 for any g ≠ 0", ridge_1d_from_moments, theme.l2),
    )
    for ax, (penalty, title, solve, colour) in zip(axes, panels, strict=True):
        ax.axvline(0, color=theme.muted, linewidth=0.8, zorder=0)
        shades = tints(colour, theme, len(SLOPES))
        for g, shade, marker in zip(SLOPES, shades, MARKERS, strict=True):
            sxy = -g / 2  # g·w + a·w² = objective_1d with syy = 0, sxy = −g/2, sxx = a
            curve = objective_1d(w, sxy, CURVATURE, 0.0, BETA, penalty)
            ax.plot(w, curve, LINESTYLE[penalty], color=shade, linewidth=2.0)
            best = solve(sxy, CURVATURE, BETA)
            ax.plot(
                w[::55],
                curve[::55],
                marker,
                color=shade,
                markeredgecolor=theme.foreground,
                markeredgewidth=0.6,
                markersize=6,
                linestyle="none",
            )
            ax.plot(
                [best],
                [objective_1d(best, sxy, CURVATURE, 0.0, BETA, penalty)],
                marker,
                color=shade,
                markeredgecolor=theme.foreground,
                markeredgewidth=1.2,
                markersize=11,
                zorder=4,
            )
        ax.set_title(title, fontsize=12.5)
        ax.set_xlabel("weight $w$")
        ax.set_xlim(w[0], w[-1])
    handles = [
        Line2D(
            [],
            [],
            marker=m,
            linestyle="none",
            color=theme.muted,
            markeredgecolor=theme.foreground,
            markersize=8,
        )
        for m in MARKERS
    ]
    fig.legend(
        handles,
        [f"g = {g:g}" for g in SLOPES],
        loc="outside lower center",
        ncols=5,
        fontsize=12,
        handletextpad=0.2,
        columnspacing=1.0,
    )
    axes[0].annotate(
        "large markers:\nminimizers", xy=(-1.55, 1.35), va="top", fontsize=12, color=theme.foreground
    )
    axes[0].set_ylim(-1.0, 1.4)
    axes[0].set_ylabel("penalized loss − value at 0")
    return fig
