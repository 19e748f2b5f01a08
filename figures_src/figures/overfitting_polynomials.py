"""A degree-12 polynomial fitted to 15 noisy points: least squares, ridge and lasso.

Data: y = sin(2πx) + noise at 15 evenly spaced x (fixed seed); features x, x², …, x¹², each
centred and scaled to unit length. Least squares (λ = 0) threads every wiggle of the noise with
coefficients in the millions. Ridge (λ = 0.001) and the lasso (λ = 0.01) fit the training points
about equally well; ridge keeps all twelve powers, the lasso sets eight of them exactly to zero.
"""

from __future__ import annotations

import functools

import numpy as np
from matplotlib.figure import Figure

from figures_src.sparsity import lasso, noisy_sine, polynomial_design, ridge
from figures_src.style import LINESTYLE, WIDTH_IN, Theme

DEGREE = 12
RIDGE_LAM = 1e-3
LASSO_LAM = 1e-2


@functools.cache  # drawn twice (light and dark) from the same numbers
def fits():
    """Training data and the three coefficient vectors (no intercept: y is centred)."""
    x, y = noisy_sine()
    X = polynomial_design(x, DEGREE)
    yc = y - y.mean()
    return x, y, {"ols": ridge(X, yc, 0.0), "l2": ridge(X, yc, RIDGE_LAM), "l1": lasso(X, yc, LASSO_LAM)}


def draw(theme: Theme) -> Figure:
    x, y, coefs = fits()
    grid = np.linspace(0, 1, 400)
    G = polynomial_design(grid, DEGREE, reference=x)
    fig = Figure(figsize=(WIDTH_IN, 6.6), layout="constrained")
    top, bottom = fig.subplots(2, 1, height_ratios=[1.15, 1])

    top.plot(grid, np.sin(2 * np.pi * grid), "-", color=theme.muted, linewidth=1.2, label="truth: sin(2πx)")
    labels = {"ols": "least squares", "l2": f"ridge, λ = {RIDGE_LAM:g}", "l1": f"lasso, λ = {LASSO_LAM:g}"}
    colours = {"ols": theme.ols, "l2": theme.l2, "l1": theme.l1}
    for key in ("ols", "l2", "l1"):
        top.plot(grid, y.mean() + G @ coefs[key], LINESTYLE[key], color=colours[key], label=labels[key])
    top.plot(x, y, "o", color=theme.foreground, markersize=6, label="data", zorder=5)
    top.set_ylim(-2.0, 2.0)
    top.set_xlim(0, 1)
    top.set_xlabel("$x$")
    top.set_ylabel("$y$")
    top.legend(loc="upper right", ncols=2, fontsize=12, handlelength=2.4)

    powers = np.arange(1, DEGREE + 1)
    bottom.axhline(0, color=theme.muted, linewidth=0.8)
    bottom.plot(powers - 0.12, coefs["l2"], "s", color=theme.l2, label="ridge: all 12 nonzero")
    lasso_coefs = coefs["l1"]
    kept = lasso_coefs != 0.0
    bottom.plot(powers[kept] + 0.12, lasso_coefs[kept], "o", color=theme.l1, label="lasso: nonzero")
    bottom.plot(
        powers[~kept] + 0.12,
        lasso_coefs[~kept],
        "o",
        markerfacecolor="none",
        markeredgecolor=theme.l1,
        markeredgewidth=1.6,
        label=f"lasso: exactly 0 ({int((~kept).sum())} powers)",
    )
    bottom.set_xticks(powers, [f"$x^{{{k}}}$" for k in powers])
    bottom.set_ylabel("coefficient")
    bottom.legend(loc="lower left", fontsize=12)
    return fig
