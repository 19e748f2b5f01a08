"""The derivative threshold: penalized loss near w = 0 for the slopes g = 0.5, 1 and 1.6 at zero, λ = 1.

Each curve is L(w) + pen(w) with L(w) = g·w + w² (so L'(0) = g), drawn relative to its value at 0;
dots mark the exact minimizers, labelled with their slopes. The three slopes are below, at and above
the threshold. Left, pen = λ|w|: while |g| ≤ λ the corner holds the minimum at
exactly w = 0; once |g| > λ it leaves, by (|g| − λ)/2. Right, pen = λw²: the minimum is −g/(2 + 2λ),
away from zero for every g except g = 0.
"""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from figures_src.sparsity import lasso_1d_from_moments, objective_1d, ridge_1d_from_moments
from figures_src.style import LINESTYLE, WIDE, Layout, Theme, tints

LAM = 1.0
CURVATURE = 1.0  # L(w) = g·w + CURVATURE·w²
SLOPES = (0.5, 1.0, 1.6)  # below, at and above the threshold λ


def draw(theme: Theme, layout: Layout = WIDE) -> Figure:
    w = np.linspace(-1.1, 0.75, 371)
    fig = Figure(figsize=(layout.width, 6.6 if layout.narrow else 3.9), layout="constrained")
    axes = fig.subplots(*layout.grid(2), sharey=True, sharex=layout.narrow)
    panels = (
        ("l1", "λ|w|: stays at 0 while |g| ≤ λ", lasso_1d_from_moments, theme.l1),
        ("l2", "λw²: leaves 0 for every g ≠ 0", ridge_1d_from_moments, theme.l2),
    )
    for ax, (penalty, title, solve, colour) in zip(axes, panels, strict=True):
        ax.axvline(0, color=theme.muted, linewidth=0.8, zorder=0)
        ax.axhline(0, color=theme.muted, linewidth=0.8, zorder=0)
        shades = tints(colour, theme, len(SLOPES) + 1)[1:]
        minimizers: dict[float, list[float]] = {}
        for g, shade, width in zip(SLOPES, shades, (1.5, 2.3, 3.1), strict=True):  # g grows with both
            sxy = -g / 2  # g·w + a·w² = objective_1d with syy = 0, sxy = −g/2, sxx = a
            curve = objective_1d(w, sxy, CURVATURE, 0.0, LAM, penalty)
            ax.plot(w, curve, LINESTYLE[penalty], color=shade, linewidth=width)
            best = float(solve(sxy, CURVATURE, LAM))
            value = float(objective_1d(best, sxy, CURVATURE, 0.0, LAM, penalty))
            ax.plot(  # the site's markers: a disc for L1, a square for L2
                [best],
                [value],
                "o" if penalty == "l1" else "s",
                color=shade,
                markeredgecolor=theme.foreground,
                markersize=9 if penalty == "l1" else 8,
                zorder=4,
            )
            minimizers.setdefault(best, []).append(g)
        # one label per minimizer: slopes that share a minimizer (the corner) share a label. The
        # labels sit right of w = 0 and below the zero line, where no curve goes
        for row, (best, slopes) in enumerate(sorted(minimizers.items(), reverse=True)):
            value = float(objective_1d(best, -slopes[0] / 2, CURVATURE, 0.0, LAM, penalty))
            name = "g = " + ", ".join(f"{g:g}" for g in slopes)
            ax.annotate(
                name,
                xy=(best, value),
                xytext=(0.12, -0.08 - 0.17 * row),
                ha="left",
                va="center",
                fontsize=12,
                color=theme.foreground,
                arrowprops={"arrowstyle": "-", "color": theme.muted, "linewidth": 0.8, "shrinkB": 5},
            )
        ax.set_title(title)
        ax.set_xlabel("weight $w$")
        ax.set_xlim(w[0], w[-1])
        ax.set_xticks([-1, -0.5, 0, 0.5])
        ax.set_ylabel("penalized loss − value at 0")
    axes[0].set_ylim(-0.55, 1.0)
    for ax in axes:
        ax.set_yticks([-0.5, 0, 0.5, 1], ["−0.5", "0", "0.5", "1"])  # no needless second decimal
    if layout.narrow:
        axes[0].set_xlabel("")
        axes[0].xaxis.set_tick_params(labelbottom=True)
    else:
        axes[1].set_ylabel("")
    return fig
