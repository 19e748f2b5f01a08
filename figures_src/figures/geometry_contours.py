"""Loss contours meeting the L1 diamond and the L2 disc of the same size, with the exact constrained optima.

The loss (w − c)ᵀH(w − c) has its unconstrained minimum at c = (1.6, 1.0); H = [[1, 0.35],
[0.35, 0.45]] tilts and stretches the ellipses. Both balls have radius t = 1. The optima come from
the exact solver: the L1 optimum is the corner (1, 0), where the second weight is exactly zero;
the L2 optimum is where an ellipse just touches the circle, with both weights nonzero. The right
panel zooms in on the corner: along either edge of the diamond the loss goes up at once, while the
circle bends away from its ellipse only gradually.
"""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.ticker import MultipleLocator

from figures_src.sparsity import constrained_minimum, quadratic_loss, unit_ball_boundary
from figures_src.style import LINESTYLE, WIDE, Layout, Theme

CENTER = np.array([1.6, 1.0])
HESSIAN = np.array([[1.0, 0.35], [0.35, 0.45]])
T = 1.0


def draw(theme: Theme, layout: Layout = WIDE) -> Figure:
    l1 = constrained_minimum(CENTER, HESSIAN, 1, T)
    l2 = constrained_minimum(CENTER, HESSIAN, 2, T)
    fig = Figure(figsize=(layout.width, 9.6 if layout.narrow else 5.2), layout="constrained")
    rows, cols = layout.grid(2)
    main, zoom = fig.subplots(rows, cols, **({} if layout.narrow else {"width_ratios": [1.8, 1]}))
    zoom_x, zoom_y = ((0.6, 1.3), (-0.1, 0.6)) if layout.narrow else ((0.72, 1.18), (-0.1, 0.6))
    views = ((main, (-1.2, 3.1), (-1.2, 3.4), True), (zoom, zoom_x, zoom_y, False))  # contours whole
    for ax, (x0, x1), (y0, y1), whole in views:
        gx, gy = np.meshgrid(np.linspace(x0, x1, 300), np.linspace(y0, y1, 300))
        loss = quadratic_loss(np.dstack([gx, gy]), CENTER, HESSIAN)
        if whole:  # the zoom shows only the two contours through the optima, so nothing is cut off
            ax.contour(gx, gy, loss, levels=[0.05, 0.2, 0.45], colors=theme.muted, linewidths=0.8)
        for optimum, colour, style in ((l1, theme.l1, LINESTYLE["l1"]), (l2, theme.l2, LINESTYLE["l2"])):
            ax.contour(
                gx,
                gy,
                loss,
                levels=[quadratic_loss(optimum, CENTER, HESSIAN)],
                colors=colour,
                linewidths=1.3,
                linestyles=style,
            )
        for p, colour in ((1, theme.l1), (2, theme.l2)):
            ball = T * unit_ball_boundary(p)
            ax.plot(ball[:, 0], ball[:, 1], LINESTYLE[f"l{p}"], color=colour, linewidth=2.2)
        ax.plot(
            *l1,
            "o",
            color=theme.l1,
            markeredgecolor=theme.foreground,
            markersize=9,
            zorder=5,
        )
        ax.plot(
            *l2,
            "s",
            color=theme.l2,
            markeredgecolor=theme.foreground,
            markersize=8,
            zorder=5,
        )
        ax.axhline(0, color=theme.foreground, linewidth=0.8)
        ax.axvline(0, color=theme.foreground, linewidth=0.8)
        ax.set_xlim(x0, x1)
        ax.set_ylim(y0, y1)
        ax.set_aspect("equal", anchor="N")  # a box shrunk to its aspect stays under its title
        ax.set_xlabel("$w_1$")
        ax.set_ylabel("$w_2$", rotation=0, labelpad=10)  # one symbol: read upright
    main.plot(*CENTER, "+", color=theme.foreground, markersize=12, markeredgewidth=2)
    zoom.xaxis.set_major_locator(MultipleLocator(0.2))
    zoom.yaxis.set_major_locator(MultipleLocator(0.2))
    # one entry per norm: its ball's line with its optimum's marker; then the contours and the centre
    key = [
        Line2D(
            [],
            [],
            linestyle=LINESTYLE["l1"],
            linewidth=2.2,
            color=theme.l1,
            marker="o",
            markersize=9,
            markeredgecolor=theme.foreground,
        ),
        Line2D(
            [],
            [],
            linestyle=LINESTYLE["l2"],
            linewidth=2.2,
            color=theme.l2,
            marker="s",
            markersize=8,
            markeredgecolor=theme.foreground,
        ),
        Line2D([], [], linestyle="-", linewidth=0.8, color=theme.muted),
        Line2D(
            [], [], linestyle="none", marker="+", markersize=12, markeredgewidth=2, color=theme.foreground
        ),
    ]
    fig.legend(
        key,
        [
            "L1 ball, its optimum (1, 0)",
            f"L2 ball, its optimum ({l2[0]:.2f}, {l2[1]:.2f})",
            "loss contours",
            "unregularized minimum",
        ],
        loc="outside upper center",  # above the panels, clear of their axis labels
        ncols=1 if layout.narrow else 2,
        fontsize=12,
        handlelength=3.0,
    )
    main.set_title(f"both balls of radius t = {T:g}")
    zoom.set_title("the grey box, enlarged")
    # the zoomed region as a box on the main panel, without connector lines across the ticks
    main.add_patch(
        Rectangle(
            (zoom_x[0], zoom_y[0]),
            zoom_x[1] - zoom_x[0],
            zoom_y[1] - zoom_y[0],
            fill=False,
            edgecolor=theme.muted,
            linewidth=1.0,
            zorder=4,
        )
    )
    fig.align_titles()
    return fig
