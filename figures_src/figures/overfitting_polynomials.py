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
from matplotlib.ticker import MultipleLocator

from figures_src.sparsity import lasso, noisy_sine, polynomial_design, ridge
from figures_src.style import LINESTYLE, WIDE, Layout, Theme

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


def draw(theme: Theme, layout: Layout = WIDE) -> Figure:
    x, y, coefs = fits()
    grid = np.linspace(0, 1, 400)
    G = polynomial_design(grid, DEGREE, reference=x)
    fig = Figure(figsize=(layout.width, 8.4 if layout.narrow else 7.2), layout="constrained")
    top, bottom = fig.subplots(2, 1, height_ratios=[1.15, 1])
    # legends above their panels, clear of the data; the narrow layout stacks them in two columns
    above = {"loc": "lower left", "bbox_to_anchor": (-0.02, 1.02), "borderaxespad": 0, "columnspacing": 1.4}

    top.plot(grid, np.sin(2 * np.pi * grid), "-", color=theme.muted, linewidth=1.2, label="truth: sin(2πx)")
    labels = {"ols": "least squares", "l2": f"ridge, λ = {RIDGE_LAM:g}", "l1": f"lasso, λ = {LASSO_LAM:g}"}
    colours = {"ols": theme.ols, "l2": theme.l2, "l1": theme.l1}
    # the dashed ridge curve is drawn over the solid lasso one, so that both show where they agree
    for key, order in (("ols", 2), ("l1", 3), ("l2", 4)):
        top.plot(
            grid,
            y.mean() + G @ coefs[key],
            LINESTYLE[key],
            color=colours[key],
            label=labels[key],
            zorder=order,
        )
    top.plot(x, y, "o", color=theme.foreground, markersize=6, label="data", zorder=5)
    top.set_ylim(-1.5, 1.5)
    top.yaxis.set_major_locator(MultipleLocator(1))
    top.set_xlim(-0.03, 1.03)  # the end points off the spines
    top.set_xlabel("$x$")
    top.set_ylabel("$y$", rotation=0, labelpad=10)  # one symbol: read upright
    handles, names = top.get_legend_handles_labels()
    # handles: truth, least squares, lasso, ridge, data. A key fills column by column; these orders
    # read row by row as truth, data (, least squares), then lasso beside ridge
    order = [0, 2, 1, 4, 3] if layout.narrow else [0, 2, 4, 3, 1]
    top.legend(
        [handles[i] for i in order],
        [names[i] for i in order],
        ncols=2 if layout.narrow else 3,
        fontsize=12,
        handlelength=2.4,
        **above,
    )

    powers = np.arange(1, DEGREE + 1)
    bottom.axhline(0, color=theme.muted, linewidth=0.8)
    bottom.plot(powers - 0.2, coefs["l2"], "s", color=theme.l2, label="ridge: all 12 nonzero")
    lasso_coefs = coefs["l1"]
    kept = lasso_coefs != 0.0
    bottom.plot(powers[kept] + 0.2, lasso_coefs[kept], "o", color=theme.l1, label="lasso: nonzero")
    bottom.plot(
        powers[~kept] + 0.2,
        lasso_coefs[~kept],
        "o",
        markerfacecolor="none",
        markeredgecolor=theme.l1,
        markeredgewidth=1.6,
        label=f"lasso: exactly 0 ({int((~kept).sum())} powers)",
    )
    # the powers by number, named once under the axis, in both layouts (a phone has room for every other)
    shown = powers[1::2] if layout.narrow else powers
    bottom.set_xticks(shown, [str(k) for k in shown])
    bottom.set_xticks(powers, minor=True)
    bottom.set_xlabel("power $k$ of the feature $x^k$")
    bottom.set_ylabel("coefficient")
    bottom.yaxis.set_major_locator(MultipleLocator(4))
    bottom.legend(  # one row: ridge, then the lasso's; markers need little room beside them
        ncols=1 if layout.narrow else 3, fontsize=12, handlelength=0.8, **{**above, "columnspacing": 1.0}
    )
    return fig
