"""Exact zeros need a corner: the one-feature fit under four penalties, and their share of exact zeros.

Left, the fitted coefficient against Σxᵢyᵢ (Σxᵢ² = 1, λ = 2) for the penalties |w|, w², |w|^1.1 and
Huber's smoothed |w| (quadratic within ±0.1). Only |w| is flat at zero over an interval (shaded); |w|^1.1
comes very close to zero near the origin but crosses it at a single point, like the others. Right,
20000 random one-feature problems (Σxᵢyᵢ ~ N(0, 1), Σxᵢ² ~ U[0.5, 2), fixed seed) solved exactly:
about two thirds of the L1 fits are exactly zero, and none of the fits with a smooth penalty is.
"""

from __future__ import annotations

import functools

import numpy as np
from matplotlib.figure import Figure

from figures_src.sparsity import exact_zero_shares, penalized_minimizer_1d
from figures_src.style import WIDE, Layout, Theme

PENALTIES = (
    ("l1", "$|w|$", "-"),
    ("l2", "$w^2$", "--"),
    ("power", "$|w|^{1.1}$", "-."),
    ("huber", "Huber", (0, (5, 1.5, 1, 1.5, 1, 1.5))),  # dash-dot-dot: dotted means least squares
)
N_PROBLEMS = 20_000


@functools.cache  # drawn twice (light and dark) from the same numbers
def _shares() -> dict[str, float]:
    return exact_zero_shares(N_PROBLEMS, seed=0, lam=2.0)


def draw(theme: Theme, layout: Layout = WIDE) -> Figure:
    colours = {
        "l1": theme.l1,
        "l2": theme.l2,
        "power": theme.third,
        "huber": theme.muted,
    }  # not least squares' black
    fig = Figure(figsize=(layout.width, 7.4 if layout.narrow else 4.2), layout="constrained")
    left, right = fig.subplots(
        *layout.grid(2), **({"height_ratios": [1.5, 1]} if layout.narrow else {"width_ratios": [1.3, 1]})
    )
    sxy = np.linspace(-2.5, 2.5, 1001)
    left.axhline(0, color=theme.muted, linewidth=0.8)
    left.axvline(0, color=theme.muted, linewidth=0.8)
    fits = {name: penalized_minimizer_1d(sxy, 1.0, 2.0, name) for name, _, _ in PENALTIES}
    for name, label, style in PENALTIES:
        left.plot(sxy, fits[name], linestyle=style, color=colours[name], label=label, zorder=3)
    # where each fit is exactly 0.0, from the solver: an interval for |w|, one point for the others
    dead = sxy[fits["l1"] == 0.0]
    left.axvspan(dead.min(), dead.max(), color=theme.shade, linewidth=0, zorder=0)  # as in Figure 3.2
    left.text(
        0,
        1.3,
        f"|w|: exactly 0\nfor |Σxy| ≤ {dead.max():g}",
        ha="center",
        va="top",  # in the band, above the curves
        fontsize=12,
        color=theme.foreground,
        bbox={"boxstyle": "square,pad=0.15", "facecolor": theme.shade, "edgecolor": "none"},  # over the axis
        zorder=5,
    )
    smooth_zeros = [sxy[fits[n] == 0.0] for n in ("l2", "power", "huber")]
    assert all(z.size == 1 and z[0] == 0.0 for z in smooth_zeros), "a smooth fit is zero off Σxy = 0"
    left.plot([0], [0], "o", color=theme.foreground, markersize=6, zorder=4)
    left.annotate(
        "smooth: 0\nat Σxy = 0",
        xy=(0, 0),
        xytext=(0.2, -1.25),
        fontsize=12,
        color=theme.foreground,
        arrowprops={"arrowstyle": "-", "color": theme.muted, "linewidth": 0.8},
    )
    left.set_xlabel(r"$\Sigma_i\, x_i y_i$")  # inline size, as the notes write Σxy
    left.set_ylabel(r"fitted coefficient $\hat\beta$")
    left.set_xlim(sxy[0], sxy[-1])
    left.legend(  # above the panel, clear of the band, as the right panel's title is above its own
        loc="lower left",
        bbox_to_anchor=(-0.02, 1.0),
        ncols=2,
        fontsize=12,
        handlelength=2.2,
        columnspacing=1.2,
        borderaxespad=0.2,
    )
    left.set_ylim(-1.35, 1.35)  # the curves run through two quadrants: the labels go in the others

    shares = _shares()
    names = [name for name, _, _ in PENALTIES]
    rows = np.arange(len(names))[::-1]  # |w| on top
    right.barh(
        rows,
        [100 * shares[n] for n in names],
        color=[colours[n] for n in names],
        edgecolor=theme.foreground,
        height=0.6,
    )
    for row, name in zip(rows, names, strict=True):
        right.annotate(
            f"{100 * shares[name]:.1f}%",
            xy=(100 * shares[name], row),
            xytext=(4, 0),
            textcoords="offset points",
            va="center",
            fontsize=12,
            color=theme.foreground,
        )
    right.set_yticks(rows, [label for _, label, _ in PENALTIES], fontsize=12)
    right.set_xlim(0, 100)
    right.set_xticks([0, 50, 100], ["0%", "50%", "100%"])
    right.set_xlabel("fits exactly 0.0")
    right.set_title(f"{N_PROBLEMS} random problems")
    return fig
