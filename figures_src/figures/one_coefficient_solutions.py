"""The fitted coefficient of one feature as a function of Σxᵢyᵢ: least squares, ridge and lasso.

With Σxᵢ² = 1 and λ = 2, ridge divides Σxᵢyᵢ by Σxᵢ² + λ = 3: a line through the origin that is
zero only where Σxᵢyᵢ is exactly 0. The lasso soft-thresholds Σxᵢyᵢ at λ/2 = 1: it is exactly
zero on the whole shaded interval |Σxᵢyᵢ| ≤ λ/2, the dead zone, and outside it runs parallel to
least squares, shifted towards zero by λ/2.
"""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from figures_src.sparsity import lasso_1d_from_moments, ridge_1d_from_moments
from figures_src.style import LINESTYLE, WIDE, Layout, Theme

SXX = 1.0  # Σxᵢ²
LAM = 2.0  # λ, so the dead zone is |Σxᵢyᵢ| ≤ 1


def draw(theme: Theme, layout: Layout = WIDE) -> Figure:
    sxy = np.linspace(-3.0, 3.0, 601)
    half_width = LAM / 2.0

    fig = Figure(figsize=(layout.width, 4.2), layout="constrained")
    ax = fig.add_subplot()
    ax.axvspan(-half_width, half_width, facecolor=theme.shade, linewidth=0, zorder=0)
    for edge in (-half_width, half_width):  # the zone's edges, where the lasso line leaves zero
        ax.axvline(edge, color=theme.accent, linewidth=0.8, zorder=0.5)
    ax.axhline(0, color=theme.muted, linewidth=0.8, zorder=1)
    ax.axvline(0, color=theme.muted, linewidth=0.8, zorder=1)

    ax.plot(sxy, sxy / SXX, LINESTYLE["ols"], color=theme.ols, label="least squares")
    ax.plot(sxy, ridge_1d_from_moments(sxy, SXX, LAM), LINESTYLE["l2"], color=theme.l2, label="ridge (L2)")
    ax.plot(sxy, lasso_1d_from_moments(sxy, SXX, LAM), LINESTYLE["l1"], color=theme.l1, label="lasso (L1)")

    ax.annotate(
        "dead zone:\nlasso β = 0\nexactly",
        xy=(
            0,
            -2.0 if layout.narrow else -1.45,
        ),  # below the dotted line, which a phone's larger text would reach
        ha="center",
        va="center",
        color=theme.foreground,
        fontsize=12,
        bbox={"boxstyle": "round,pad=0.3", "facecolor": theme.background, "edgecolor": "none"},
    )
    edge = -2.7 if layout.narrow else 2.7  # the band's labels where the key is not
    ax.annotate(
        "−λ/2",
        xy=(-half_width, edge),
        ha="right",
        va="center",
        color=theme.foreground,
        fontsize=12,
        xytext=(-4, 0),
        textcoords="offset points",
    )
    ax.annotate(
        "+λ/2",
        xy=(half_width, edge),
        ha="left",
        va="center",
        color=theme.foreground,
        fontsize=12,
        xytext=(4, 0),
        textcoords="offset points",
    )

    ax.set_xlim(sxy[0], sxy[-1])
    ax.set_ylim(-3.0, 3.0)
    ax.set_xlabel(r"$\Sigma_i\, x_i y_i$  (with $\Sigma_i\, x_i^2 = 1$, $\lambda = 2$)")
    ax.set_ylabel(r"fitted coefficient $\hat\beta$")
    # the key above the plot, left-aligned as a panel's title is (no corner is free of the band)
    ax.legend(
        loc="lower left",
        bbox_to_anchor=(-0.02, 1.0),
        ncols=2 if layout.narrow else 3,
        handlelength=2.6,
        fontsize=12,
        columnspacing=1.2,
    )
    return fig
