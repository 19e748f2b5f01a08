"""Share of random 2-D problems whose constrained optimum has a weight exactly zero, as the radius t grows.

For each of T. Parr's three families of random quadratic losses (1000 losses each, fixed seed,
centres drawn in [−10, 10)² outside the disc of radius 2), every problem is solved exactly over
the L1 diamond and the L2 disc of radius t. With L1 a large share of the optima sit exactly on an
axis, most of all when t is small; the share falls to zero only once the diamond contains the
centres. With L2 the share of exact zeros is zero at every radius.
"""

from __future__ import annotations

import functools

import numpy as np
from matplotlib.figure import Figure

from figures_src.sparsity import axis_shares
from figures_src.style import LINESTYLE, WIDTH_IN, Theme

RADII = np.linspace(0.25, 20, 80)
FAMILIES = (("orthogonal", "^"), ("general", "o"), ("symmetric", "s"))


@functools.cache  # drawn twice (light and dark) from the same numbers
def shares(kind: str) -> dict[str, np.ndarray]:
    return axis_shares(kind, 1000, seed=42, ts=RADII)


def draw(theme: Theme) -> Figure:
    fig = Figure(figsize=(WIDTH_IN, 3.9), layout="constrained")
    ax = fig.add_subplot()
    for kind, marker in FAMILIES:
        share = shares(kind)
        ax.plot(
            RADII,
            100 * share["l1"],
            LINESTYLE["l1"],
            color=theme.l1,
            marker=marker,
            markevery=8,
            markersize=7,
            markerfacecolor=theme.background,
            label=f"L1, {kind} losses",
        )
        ax.plot(
            RADII,
            100 * share["l2"],
            LINESTYLE["l2"],
            color=theme.l2,
            marker=marker,
            markevery=(4, 8),
            markersize=7,
            markerfacecolor=theme.background,
        )
    ax.plot([], [], LINESTYLE["l2"], color=theme.l2, label="L2, all three families")
    ax.axvline(2.0, color=theme.muted, linewidth=0.8)
    ax.annotate(
        "t = 2: Parr's setting",
        xy=(2.0, 6),
        xytext=(6, 0),
        textcoords="offset points",
        fontsize=12,
        color=theme.foreground,
        va="bottom",
    )
    ax.set_xlim(0, RADII[-1])
    ax.set_ylim(-3, 100)
    ax.set_xlabel("radius $t$ of the constraint ball")
    ax.set_ylabel("optima with a zero weight (%)")
    ax.legend(loc="upper right", fontsize=12)
    return fig
