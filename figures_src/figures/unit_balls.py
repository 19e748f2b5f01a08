"""Unit spheres of ||·||_p for p = 0.5, 1, 2 and ∞, with a sparse and a dense vector of Euclidean length 1.

The sparse vector (1, 0) lies on every one of them. The dense vector (1/√2, 1/√2) lies on the
L2 circle, inside the L∞ square (norm 1/√2), and outside the L1 diamond (norm √2) and the L0.5
star (norm 2√2): the smaller p is, the more a norm charges for spreading weight over coordinates.
"""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from figures_src.sparsity import DENSE, SPARSE, lp_norm, unit_ball_boundary
from figures_src.style import WIDE, Layout, Theme

# L0.5 dash-dotted in the third colour; L∞ dotted in grey (a thin solid square read as a frame; this
# figure has no least-squares fit, which is dotted and black elsewhere)
BALLS = ((0.5, "-.", "third"), (1.0, "-", "l1"), (2.0, "--", "l2"), (np.inf, ":", "muted"))
WIDTHS = {np.inf: 2.0}  # the others at the figures' line width


def draw(theme: Theme, layout: Layout = WIDE) -> Figure:
    fig = Figure(figsize=(layout.width, 5.6 if layout.narrow else 5.0), layout="constrained")
    ax = fig.add_subplot()
    ax.plot([-1.15, 1.15], [0, 0], color=theme.muted, linewidth=0.8)  # the axes as long as the balls
    ax.plot([0, 0], [-1.15, 1.15], color=theme.muted, linewidth=0.8)
    for p, style, colour in BALLS:
        curve = unit_ball_boundary(p)
        name = "∞" if np.isinf(p) else f"{p:g}"
        ax.plot(
            curve[:, 0],
            curve[:, 1],
            style,
            color=getattr(theme, colour),
            linewidth=WIDTHS.get(p),
            label=f"$\\|w\\|_{{{name}}} = 1$",
        )
    # on a phone the labels are set narrow, in a strip right of the balls, and the legend under the plot
    places = ((1.2, -1.1), (1.2, 0.3)) if layout.narrow else ((1.3, 0.02), (1.3, 0.62))
    names = (
        ("sparse\n(1, 0)", "dense\n(1/√2, 1/√2)")
        if layout.narrow
        else ("sparse (1, 0)", "dense (1/√2, 1/√2)")
    )
    for point, label, where in zip((SPARSE, DENSE), names, places, strict=True):
        ax.plot(*point, "o", color=theme.foreground, markersize=9, zorder=5)
        norms = f"L1 norm {lp_norm(point, 1):.3g}\nL2 norm {lp_norm(point, 2):.3g}"
        ax.annotate(
            f"{label}\n{norms}",
            xy=point,
            xytext=where,
            fontsize=12,
            color=theme.foreground,
            va="bottom",
            annotation_clip=False,  # the wide layout's labels sit right of the axes
            arrowprops={"arrowstyle": "-", "color": theme.muted, "linewidth": 0.8},
        )
    ax.set_aspect("equal")
    ax.set_xlim(-1.15, 2.55)
    ax.set_ylim(-1.15, 1.6)
    ax.set_xlabel("$w_1$")
    ax.set_ylabel("$w_2$", rotation=0, labelpad=10)  # one symbol: read upright
    if layout.narrow:
        ax.set_xlim(-1.15, 2.05)
        ax.set_ylim(-1.15, 1.15)
        ax.spines.bottom.set_bounds(-1.15, 1.15)  # the axes as long as the balls, the labels beside them
        ax.spines.left.set_bounds(-1.15, 1.15)
        ax.xaxis.set_label_coords(1.15 / 3.2, -0.15)  # under the middle of the balls
    else:  # the axes hold the balls alone; the labels stand to their right
        ax.set_xlim(-1.15, 1.15)
        ax.set_ylim(-1.15, 1.15)
    # the key above the plot, left-aligned, as in the other figures
    ax.legend(loc="lower left", bbox_to_anchor=(-0.02, 1.02), ncols=2, fontsize=12, handlelength=2.6)
    ticks = [-1, 0, 1] if layout.narrow else [-1, -0.5, 0, 0.5, 1]
    ax.set_xticks(ticks)
    ax.set_yticks(ticks)
    return fig
