"""The share of lasso weights that are exactly zero against the number of features p; ridge has none.

For each p, 50 random regression problems (``exact_zero_counts``: n = 50 observations, every pair of
features with correlation 0.5, dense true weights, noise of variance 1; one seed per p), each solved
exactly at three strengths λ = f·λ_max of its own λ_max. The lines are the mean share of exact zeros
over the 50 problems, the bands the middle half (25th to 75th percentile). The share rises with p at
each f, apart from dips of under a point between neighbouring p. With centred columns the lasso
keeps at most n − 1 weights (Tibshirani 2013, in the n − 1 dimensions orthogonal to the ones), so
from p = n on at least p − n + 1 are zero: the thin line
1 − (n − 1)/p, which every problem lies on or above. Ridge sets no weight to zero in any problem.
"""

from __future__ import annotations

import functools

import numpy as np
from matplotlib.figure import Figure

from figures_src.sparsity import exact_zero_counts
from figures_src.style import LINESTYLE, WIDE, Layout, Theme, tints

N, RHO, PROBLEMS = 50, 0.5, 50
DIMENSIONS = np.array([2, 5, 10, 15, 20, 30, 40, 50, 60, 70, 80, 90, 100])
FRACTIONS = (0.05, 0.2, 0.5)  # λ / λ_max, from the weakest penalty (fewest zeros) to the strongest


@functools.cache  # drawn twice (light and dark) from the same numbers
def counts(p: int) -> dict[str, np.ndarray]:
    """The exact-zero counts of the 50 problems with p features, at each of FRACTIONS."""
    return exact_zero_counts(N, int(p), RHO, FRACTIONS, problems=PROBLEMS, seed=1000 + int(p))


def shares() -> dict[str, np.ndarray]:
    """Per kind ("lasso", "ridge"), the share of zeros: an array of shape
    (len(DIMENSIONS), len(FRACTIONS), PROBLEMS)."""
    return {kind: np.array([counts(p)[kind] / p for p in DIMENSIONS]) for kind in ("lasso", "ridge")}


def draw(theme: Theme, layout: Layout = WIDE) -> Figure:
    fig = Figure(figsize=(layout.width, 5.6 if layout.narrow else 4.3), layout="constrained")
    ax = fig.add_subplot()
    lasso, ridge = (100 * share for share in shares().values())
    beyond = DIMENSIONS[DIMENSIONS >= N]
    bound = 100 * (1 - (N - 1) / beyond)  # at most n − 1 weights kept: the columns are centred
    ax.plot(beyond, bound, "-", color=theme.foreground, linewidth=1.0, zorder=1)
    at = int(np.searchsorted(beyond, 80))  # named below the line, where nothing else is drawn
    ax.annotate(
        "floor:\n$(p - n + 1)/p$",
        xy=(beyond[at], bound[at]),
        xytext=(4, -8),
        textcoords="offset points",
        ha="left",
        va="top",
        fontsize=12,
        color=theme.foreground,
    )
    ax.axvline(N, color=theme.muted, linewidth=0.8, zorder=0)
    for i, (fraction, shade, width) in enumerate(
        zip(FRACTIONS, tints(theme.l1, theme, len(FRACTIONS)), (1.6, 2.4, 3.2), strict=True)
    ):
        low, high = np.percentile(lasso[:, i, :], [25, 75], axis=1)
        ax.fill_between(DIMENSIONS, low, high, color=shade, alpha=0.13, linewidth=0, zorder=2)
        mean = lasso[:, i, :].mean(axis=1)
        ax.plot(
            DIMENSIONS,
            mean,
            LINESTYLE["l1"],
            color=shade,
            linewidth=width,
            zorder=3,
            marker="o",
            markersize=2.5 + width,
        )  # a marker at each sampled p
        ax.annotate(
            f"{fraction:g} $\\lambda_{{\\max}}$",
            xy=(DIMENSIONS[-1], mean[-1]),
            xytext=(8, 0),
            textcoords="offset points",
            va="center",
            fontsize=12,
            color=theme.foreground,
        )
    ax.plot(DIMENSIONS, ridge.max(axis=(1, 2)), LINESTYLE["l2"], color=theme.l2, linewidth=2.0, zorder=4)
    ax.annotate(  # at the line's end like the lasso's labels, clear of the line p = n
        "ridge:\nno zeros",
        xy=(DIMENSIONS[-1], 0),
        xytext=(4, 2),
        textcoords="offset points",
        ha="left",
        va="bottom",
        fontsize=12,
        color=theme.l2,
    )
    ax.set_title("more features, more exact zeros; ridge none")
    ax.set_xlim(0, DIMENSIONS[-1] * (1.32 if layout.narrow else 1.22))  # room for the labels on the right
    ax.set_xticks([2, 25, N, 75, 100], ["2", "25", f"{N} = $n$", "75", "100"])
    ax.set_ylim(-3, 104)
    ax.spines["bottom"].set_bounds(DIMENSIONS[0], DIMENSIONS[-1])  # the axis ends with the data
    ax.set_xlabel(f"number of features $p$ ($n = {N}$)")
    ax.set_ylabel("weights exactly 0 (%)")
    return fig
