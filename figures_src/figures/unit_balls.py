"""Unit spheres of ||·||_p for p = 0.5, 1, 2 and ∞, with a sparse and a dense vector of Euclidean length 1.

The sparse vector (1, 0) lies on every one of them. The dense vector (1/√2, 1/√2) lies on the
L2 circle, inside the L∞ square (norm 1/√2), and outside the L1 diamond (norm √2) and the L0.5
star (norm 2√2): the smaller p is, the more a norm charges for spreading weight over coordinates.
"""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from figures_src.sparsity import DENSE, SPARSE, lp_norm, unit_ball_boundary
from figures_src.style import WIDTH_IN, Theme

BALLS = ((0.5, "-.", "ols"), (1.0, "-", "l1"), (2.0, "--", "l2"), (np.inf, ":", "foreground"))


def draw(theme: Theme) -> Figure:
    fig = Figure(figsize=(WIDTH_IN, 5.4), layout="constrained")
    ax = fig.add_subplot()
    ax.axhline(0, color=theme.muted, linewidth=0.8)
    ax.axvline(0, color=theme.muted, linewidth=0.8)
    for p, style, colour in BALLS:
        curve = unit_ball_boundary(p)
        name = "∞" if np.isinf(p) else f"{p:g}"
        ax.plot(
            curve[:, 0], curve[:, 1], style, color=getattr(theme, colour), label=f"$\\|w\\|_{{{name}}} = 1$"
        )
    for point, label, where in (
        (SPARSE, "sparse (1, 0)", (1.12, 0.12)),
        (DENSE, "dense (1/√2, 1/√2)", (1.12, 0.95)),
    ):
        ax.plot(*point, "o", color=theme.foreground, markersize=9, zorder=5)
        norms = f"L1 norm {lp_norm(point, 1):.3g}\nL2 norm {lp_norm(point, 2):.3g}"
        ax.annotate(
            f"{label}\n{norms}",
            xy=point,
            xytext=where,
            fontsize=12,
            color=theme.foreground,
            va="bottom",
            arrowprops={"arrowstyle": "-", "color": theme.muted, "linewidth": 0.8},
        )
    ax.set_aspect("equal")
    ax.set_xlim(-1.15, 2.55)
    ax.set_ylim(-1.15, 1.6)
    ax.set_xlabel("$w_1$")
    ax.set_ylabel("$w_2$")
    ax.legend(loc="lower right", fontsize=12, handlelength=2.6)
    return fig
