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

from figures_src.sparsity import constrained_minimum, quadratic_loss, unit_ball_boundary
from figures_src.style import LINESTYLE, WIDTH_IN, Theme

CENTER = np.array([1.6, 1.0])
HESSIAN = np.array([[1.0, 0.35], [0.35, 0.45]])
T = 1.0


def draw(theme: Theme) -> Figure:
    l1 = constrained_minimum(CENTER, HESSIAN, 1, T)
    l2 = constrained_minimum(CENTER, HESSIAN, 2, T)
    fig = Figure(figsize=(WIDTH_IN, 4.6), layout="constrained")
    main, zoom = fig.subplots(1, 2, width_ratios=[1.25, 1])
    views = ((main, (-1.2, 2.5), (-1.2, 1.9)), (zoom, (0.72, 1.18), (-0.12, 0.6)))
    for ax, (x0, x1), (y0, y1) in views:
        gx, gy = np.meshgrid(np.linspace(x0, x1, 300), np.linspace(y0, y1, 300))
        loss = quadratic_loss(np.dstack([gx, gy]), CENTER, HESSIAN)
        ax.contour(gx, gy, loss, levels=[0.05, 0.2, 0.45, 2.0, 3.0], colors=theme.muted, linewidths=0.8)
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
            label="L1 optimum (1, 0)",
        )
        ax.plot(
            *l2,
            "s",
            color=theme.l2,
            markeredgecolor=theme.foreground,
            markersize=8,
            zorder=5,
            label=f"L2 optimum ({l2[0]:.2f}, {l2[1]:.2f})",
        )
        ax.axhline(0, color=theme.foreground, linewidth=0.8)
        ax.axvline(0, color=theme.foreground, linewidth=0.8)
        ax.set_xlim(x0, x1)
        ax.set_ylim(y0, y1)
        ax.set_aspect("equal")
        ax.set_xlabel("$w_1$")
    main.plot(
        *CENTER, "+", color=theme.foreground, markersize=12, markeredgewidth=2, label="unregularized minimum"
    )
    handles, labels = main.get_legend_handles_labels()
    order = [labels.index(name) for name in sorted(set(labels), key=labels.index)]
    fig.legend(
        [handles[i] for i in order],
        [labels[i] for i in order],
        loc="outside lower center",
        ncols=2,
        fontsize=12,
    )
    main.set_ylabel("$w_2$")
    main.set_title(f"radius t = {T:g}")
    zoom.set_title("zoom at the corner")
    main.indicate_inset_zoom(zoom, edgecolor=theme.muted, alpha=0.9)
    return fig
