"""A Gaussian and a Laplace density, both with mean 0 and variance 1.

The Laplace scale is b = 1/√2 (its variance is 2b²). Its peak, 1/√2 ≈ 0.707, is higher than the
Gaussian's 1/√(2π) ≈ 0.399, and it has a sharp point at 0 where the Gaussian is smooth.
"""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from figures_src.sparsity import UNIT_VARIANCE_LAPLACE_SCALE, gaussian_pdf, laplace_pdf
from figures_src.style import LINESTYLE, WIDE, Layout, Theme


def draw(theme: Theme, layout: Layout = WIDE) -> Figure:
    w = np.linspace(-4, 4, 801)
    fig = Figure(figsize=(layout.width, 4.4 if layout.narrow else 3.6), layout="constrained")
    ax = fig.add_subplot()
    gauss_peak = gaussian_pdf(0.0, 1.0)
    laplace_peak = laplace_pdf(0.0, UNIT_VARIANCE_LAPLACE_SCALE)
    ax.plot(w, gaussian_pdf(w, 1.0), LINESTYLE["l2"], color=theme.l2, label="Gaussian N(0, 1): ridge")
    ax.plot(
        w,
        laplace_pdf(w, UNIT_VARIANCE_LAPLACE_SCALE),
        LINESTYLE["l1"],
        color=theme.l1,
        label="Laplace, b = 1/√2: lasso",
    )
    # each peak's value beside it, the Gaussian's up and to the left, clear of the Laplace curve
    for peak, colour, offset in ((gauss_peak, theme.l2, (-34, 10)), (laplace_peak, theme.l1, (10, 0))):
        ax.annotate(
            f"{peak:.3f}",
            xy=(0, peak),
            xytext=offset,
            ha="right" if offset[0] < 0 else "left",
            textcoords="offset points",
            va="center",
            fontsize=12,
            color=theme.foreground,
            arrowprops={"arrowstyle": "-", "color": colour, "linewidth": 1},
        )
    ax.set_xlim(w[0], w[-1])
    ax.set_ylim(0, 0.8)
    ax.set_xlabel("weight $w$")
    ax.set_ylabel("prior density")
    # the key above the plot, left-aligned as a panel's title is
    ax.legend(loc="lower left", bbox_to_anchor=(-0.02, 1.0), ncols=1 if layout.narrow else 2, fontsize=12)
    return fig
