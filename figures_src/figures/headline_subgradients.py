"""The answer in one picture: at zero the L1 penalty has a corner that many lines touch; L2 has one tangent.

Left, the penalty λ|w| (λ = 1): every line through the origin with slope between −λ and +λ stays
below it, so at w = 0 the penalty can balance any loss slope in that whole interval. Right, the
penalty λw²: it is smooth, and the only line that touches it at 0 without crossing is the flat
one, so it balances a loss slope of exactly 0 and nothing else.
"""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from figures_src.sparsity import penalty_value
from figures_src.style import LINESTYLE, WIDE, Layout, Theme

LAM = 1.0
FAN = np.linspace(-LAM, LAM, 9)  # slopes of the supporting lines drawn at the corner


def draw(theme: Theme, layout: Layout = WIDE) -> Figure:
    w = np.linspace(-1.5, 1.5, 601)
    fig = Figure(figsize=(layout.width, 6.6 if layout.narrow else 3.6), layout="constrained")
    left, right = fig.subplots(*layout.grid(2), sharey=True, sharex=layout.narrow)
    for ax, name, colour, title in ((left, "l1", theme.l1, "L1: λ|w|"), (right, "l2", theme.l2, "L2: λw²")):
        ax.plot(w, LAM * penalty_value(w, name), LINESTYLE[name], color=colour, zorder=3)
        ax.set_title(title)
        ax.set_xlim(w[0], w[-1])
        ax.set_xticks([-1, 0, 1])
        ax.set_xlabel("weight $w$")
        ax.axhline(0, color=theme.muted, linewidth=0.8, zorder=0)
    for slope in FAN:
        left.plot(w, slope * w, "-", color=theme.muted, linewidth=1.0, zorder=1)
    right.plot(w, 0 * w, "-", color=theme.muted, linewidth=1.6, zorder=2)  # grey, as the fan on the left
    left.plot([0], [0], "o", color=theme.l1, markeredgecolor=theme.foreground, zorder=4)
    right.plot([0], [0], "s", color=theme.l2, markeredgecolor=theme.foreground, zorder=4)  # L2: a square
    left.annotate(
        "every slope from −λ to +λ\ntouches at the corner",
        xy=(0, 1.95),
        ha="center",
        va="top",
        fontsize=12,
        color=theme.foreground,
    )
    right.annotate(
        "only slope 0\ntouches at 0", xy=(0, 1.95), ha="center", va="top", fontsize=12, color=theme.foreground
    )
    left.set_ylim(-0.6, 2.0)
    left.set_ylabel("penalty")
    if layout.narrow:  # stacked: one axis label each, the x label once at the bottom
        right.set_ylabel("penalty")
        left.set_xlabel("")
        right.yaxis.set_tick_params(labelleft=True)
    return fig
