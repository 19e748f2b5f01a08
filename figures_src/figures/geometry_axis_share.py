"""Share of random 2-D problems whose constrained optimum has a weight exactly zero, as the radius t grows.

For each of T. Parr's three families of random quadratic losses (1000 losses each, fixed seed,
centres drawn in [−10, 10)² outside the disc of radius 2), every problem is solved exactly over
the L1 diamond and the L2 disc of radius t. With L1 a large share of the optima sit exactly on an
axis, most of all when t is small. The share falls to zero near t = 10, while half of the centres
are still outside the diamond: a corner is optimal only when the loss's pull there lies in the
corner's normal cone, and for axis-aligned losses that needs a centre coordinate of size t or more,
which the centres in [−10, 10)² stop offering. With L2 the share of exact zeros is zero at every
radius.
"""

from __future__ import annotations

import functools

import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import MultipleLocator

from figures_src.sparsity import axis_shares
from figures_src.style import LINESTYLE, WIDE, Layout, Theme, tints

RADII = np.linspace(0.25, 20, 80)
FAMILIES = ("orthogonal", "general", "symmetric")  # from the top curve to the bottom one


@functools.cache  # drawn twice (light and dark) from the same numbers
def shares(kind: str) -> dict[str, np.ndarray]:
    return axis_shares(kind, 1000, seed=42, ts=RADII)


def draw(theme: Theme, layout: Layout = WIDE) -> Figure:
    fig = Figure(figsize=(layout.width, 5.8 if layout.narrow else 4.3), layout="constrained")
    ax = fig.add_subplot()
    # the families differ in shade and width, as the families of Figures 3.2 and 6.1 do; no markers
    # (a disc and a square mean L1 and L2 in every figure of the site)
    for kind, shade, width in zip(FAMILIES, tints(theme.l1, theme, 3), (1.6, 2.4, 3.2), strict=True):
        share = shares(kind)
        # each L1 curve stops where it reaches 0 for good: beyond, the L2 line alone marks the zero
        # (drawn on it, the dashes let the L1 colour through in stripes)
        end = int(np.flatnonzero(share["l1"] > 0)[-1]) + 2 if np.any(share["l1"] > 0) else 1
        ax.plot(
            RADII[:end],
            100 * share["l1"][:end],
            LINESTYLE["l1"],
            color=shade,
            linewidth=width,
            label=f"L1, {kind} losses",
        )
        # the three L2 shares are one line (zero at every radius), drawn without markers
        ax.plot(
            RADII,
            100 * share["l2"],
            LINESTYLE["l2"],
            color=theme.l2,
            zorder=4,  # over the L1 curves where both are 0
            label="L2, all three families" if kind == FAMILIES[0] else None,
        )
    ax.axvline(2.0, color=theme.muted, linewidth=0.8)
    ax.annotate(  # above the curves, which are below 80 % from t = 2 on
        "t = 2: Parr's setting",
        xy=(2.0, 97),
        xytext=(5, 0),
        textcoords="offset points",
        fontsize=12,
        color=theme.foreground,
        va="top",
    )
    ax.set_xlim(0, RADII[-1])
    ax.xaxis.set_major_locator(MultipleLocator(5))
    settled = max(  # the first radius of the grid from which every L1 share stays at 0
        RADII[int(np.flatnonzero(shares(kind)["l1"] > 0)[-1]) + 1] for kind in FAMILIES
    )
    ax.annotate(  # above the curves' common end, clear of the L2 line, which is named on its own
        f"L1: 0% from t ≈ {settled:.0f}",
        xy=(settled, 0),
        xytext=(settled + 1.5, 22),
        fontsize=12,
        color=theme.foreground,
        arrowprops={"arrowstyle": "-", "color": theme.muted, "linewidth": 0.8, "shrinkB": 3},
    )
    ax.annotate(
        "L2: 0% at every t",
        xy=(RADII[-1], 0),
        xytext=(0, 6),
        textcoords="offset points",
        ha="right",
        va="bottom",
        fontsize=12,
        color=theme.l2,
    )
    ax.set_ylim(-3, 104)
    ax.set_xlabel("radius $t$ of the constraint ball")
    ax.set_ylabel("optima with a zero weight (%)")
    handles, labels = ax.get_legend_handles_labels()
    order = sorted(range(len(labels)), key=lambda i: labels[i].startswith("L2"))  # L1 first, then L2
    if not layout.narrow:  # two columns fill column by column: this order reads row by row
        order = [order[0], order[2], order[1], order[3]]
    ax.legend(
        [handles[i] for i in order],
        [labels[i] for i in order],
        loc="lower left",  # the key above the plot, as in the other figures
        bbox_to_anchor=(-0.02, 1.0),
        ncols=1 if layout.narrow else 2,
        fontsize=12,
        handlelength=2.4,
        columnspacing=1.2,
    )
    return fig
