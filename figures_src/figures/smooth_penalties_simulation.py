"""Exact zeros need a corner: the one-feature fit under four penalties, and their share of exact zeros.

Left, the fitted coefficient against Σxᵢyᵢ (Σxᵢ² = 1, λ = 2) for the penalties |w|, w², |w|^1.1 and
Huber's smoothed |w| (quadratic within ±0.1). Only |w| is flat at zero over an interval; |w|^1.1
comes very close to zero near the origin but crosses it at a single point, like the others. Right,
20000 random one-feature problems (Σxᵢyᵢ ~ N(0, 1), Σxᵢ² ~ U[0.5, 2), fixed seed) solved exactly:
about two thirds of the L1 fits are exactly zero, and none of the fits with a smooth penalty is.
"""

from __future__ import annotations

import functools

import numpy as np
from matplotlib.figure import Figure

from figures_src.sparsity import exact_zero_shares, penalized_minimizer_1d
from figures_src.style import WIDTH_IN, Theme

PENALTIES = (
    ("l1", "$|w|$", "-"),
    ("l2", "$w^2$", "--"),
    ("power", "$|w|^{1.1}$", "-."),
    ("huber", "Huber", ":"),
)
N_PROBLEMS = 20_000


@functools.cache  # drawn twice (light and dark) from the same numbers
def _shares() -> dict[str, float]:
    return exact_zero_shares(N_PROBLEMS, seed=0, lam=2.0)


def draw(theme: Theme) -> Figure:
    colours = {"l1": theme.l1, "l2": theme.l2, "power": theme.ols, "huber": theme.foreground}
    fig = Figure(figsize=(WIDTH_IN, 3.9), layout="constrained")
    left, right = fig.subplots(1, 2, width_ratios=[1.25, 1])
    sxy = np.linspace(-2.5, 2.5, 1001)
    left.axhline(0, color=theme.muted, linewidth=0.8)
    left.axvline(0, color=theme.muted, linewidth=0.8)
    for name, label, style in PENALTIES:
        left.plot(sxy, penalized_minimizer_1d(sxy, 1.0, 2.0, name), style, color=colours[name], label=label)
    left.set_xlabel(r"$\sum_i x_i y_i$")
    left.set_ylabel(r"fitted coefficient $\hat\beta$")
    left.set_xlim(sxy[0], sxy[-1])
    left.legend(loc="upper left", fontsize=12, handlelength=2.2)

    shares = _shares()
    names = [name for name, _, _ in PENALTIES]
    bars = right.bar(
        range(4),
        [100 * shares[n] for n in names],
        color=[colours[n] for n in names],
        edgecolor=theme.foreground,
    )
    for bar, name in zip(bars, names, strict=True):
        right.annotate(
            f"{100 * shares[name]:.1f}%",
            xy=(bar.get_x() + bar.get_width() / 2, bar.get_height()),
            xytext=(0, 3),
            textcoords="offset points",
            ha="center",
            fontsize=12,
            color=theme.foreground,
        )
    right.set_xticks(
        range(4),
        [label for _, label, _ in PENALTIES],
        fontsize=12,
        rotation=35,
        ha="right",
        rotation_mode="anchor",
    )
    right.set_ylim(0, 100)
    right.set_ylabel("fits exactly zero (%)")
    right.set_title(f"{N_PROBLEMS} random problems", fontsize=12.5)
    return fig
