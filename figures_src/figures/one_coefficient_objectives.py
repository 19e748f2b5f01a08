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
from figures_src.style import LINESTYLE, WIDTH_IN, Theme, tints

SXX, SXY, SYY = 1.0, 1.0, 1.5
LAMS = (0.0, 1.0, 3.0)
TOP = 4.2  # upper limit of the loss axis


def _label_point(beta, sxy, sxx, syy, lam, penalty) -> tuple[float, float]:
    """Where the right branch of the curve leaves the plot: its top edge, or else its right edge."""
    values = objective_1d(beta, sxy, sxx, syy, lam, penalty)
    inside = np.flatnonzero(values <= TOP)
    last = inside[-1]
    return float(beta[last]), float(values[last]) if last == len(beta) - 1 else TOP


def draw(theme: Theme) -> Figure:
    beta = np.linspace(-1.0, 1.6, 521)
    fig = Figure(figsize=(WIDTH_IN, 4.4), layout="constrained")
    axes = fig.subplots(1, 2, sharey=True)
    panels = (
        ("l2", "ridge: λβ²", ridge_1d_from_moments, theme.l2),
        ("l1", "lasso: λ|β|", lasso_1d_from_moments, theme.l1),
    )
    for ax, (penalty, title, solve, colour) in zip(axes, panels, strict=True):
        ax.axvline(0, color=theme.muted, linewidth=0.8, zorder=0)
        for lam, shade in zip(LAMS, tints(colour, theme, len(LAMS)), strict=True):
            ax.plot(beta, objective_1d(beta, SXY, SXX, SYY, lam, penalty), LINESTYLE[penalty], color=shade)
            best = solve(SXY, SXX, lam)
            ax.plot(
                [best],
                [objective_1d(best, SXY, SXX, SYY, lam, penalty)],
                "o",
                color=shade,
                markeredgecolor=theme.foreground,
                markeredgewidth=0.8,
                zorder=3,
            )
            ax.annotate(
                f"λ = {lam:g}",
                xy=_label_point(beta, SXY, SXX, SYY, lam, penalty),
                xytext=(-3, -2),
                textcoords="offset points",
                ha="right",
                va="top",
                fontsize=12,
                color=theme.foreground,
            )
        ax.set_title(title)
        ax.set_xlabel(r"coefficient $\beta$")
        ax.set_xlim(beta[0], beta[-1])
    axes[0].set_ylim(0, TOP)
    axes[0].set_ylabel("penalized loss")
    axes[1].annotate(
        "the corner\nholds the\nminimum\nat β = 0",
        xy=(0.0, 1.5),
        xytext=(-0.95, 0.25),
        fontsize=12,
        color=theme.foreground,
        arrowprops={"arrowstyle": "->", "color": theme.foreground, "linewidth": 1},
    )
    return fig
