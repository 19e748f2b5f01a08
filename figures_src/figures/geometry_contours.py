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


def _coordinates(point) -> str:
    """ "1, 0" for the corner, "0.88, 0.48" inside a quadrant: two decimals, no trailing zeros."""
    return ", ".join(f"{abs(v) if v == 0 else v:.2f}".rstrip("0").rstrip(".") for v in point)


def draw(theme: Theme, layout: Layout = WIDE) -> Figure:
    # each ball, its optimum (the solver's) and how both are drawn: in the panels and in the key
    norms = [
        {
            "p": p,
            "optimum": constrained_minimum(CENTER, HESSIAN, p, T),
            "colour": colour,
            "style": LINESTYLE[f"l{p}"],
            "marker": {
                "marker": marker,
                "markersize": size,
                "color": colour,
                "markeredgecolor": theme.foreground,
            },
        }
        for p, colour, marker, size in ((1, theme.l1, "o", 9), (2, theme.l2, "s", 8))
    ]
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
        for norm in norms:
            ax.contour(  # the loss's contour through this ball's optimum
                gx,
                gy,
                loss,
                levels=[quadratic_loss(norm["optimum"], CENTER, HESSIAN)],
                colors=norm["colour"],
                linewidths=1.3,
                linestyles=norm["style"],
            )
            ball = T * unit_ball_boundary(norm["p"])
            ax.plot(ball[:, 0], ball[:, 1], norm["style"], color=norm["colour"], linewidth=2.2)
            ax.plot(*norm["optimum"], linestyle="none", zorder=5, **norm["marker"])
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
    key = [Line2D([], [], linestyle=norm["style"], linewidth=2.2, **norm["marker"]) for norm in norms] + [
        Line2D([], [], linestyle="-", linewidth=0.8, color=theme.muted),
        Line2D(
            [], [], linestyle="none", marker="+", markersize=12, markeredgewidth=2, color=theme.foreground
        ),
    ]
    fig.legend(
        key,
        [
            *(f"L{norm['p']} ball, its optimum ({_coordinates(norm['optimum'])})" for norm in norms),
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
