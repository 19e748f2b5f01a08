"""The lasso drops single weights, the group lasso whole groups: paths of seven grouped weights.

``grouped_problem()``: 60 observations, seven standardized features in groups A (3 features), B (2)
and C (2: one true weight 0.5, one 0). First panel, the lasso's weights against λ / λ_max (the lasso's own
λ_max): the weights of one group leave zero at different λs, one at a time (the discs). Second panel,
the group lasso ``λ Σ_g √p_g ||w_g||₂`` against λ / its own λ_max: the weights of a group leave zero
together, at one λ per group (one disc per group), and no threshold holds a weight of a kept group
at zero: group C's second weight, whose true value is 0, comes in with its first and later crosses
zero without stopping. One row
per group (small multiples); inside a row the weights differ in shade and width.
"""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from figures_src.sparsity import lasso_lambda_max, lasso_path
from figures_src.sparsity.group import group_lambda_max, group_lasso_path, grouped_problem
from figures_src.style import LINESTYLE, WIDE, Layout, Theme, tints

FRACTIONS = np.linspace(0.005, 1.0, 200)  # λ / λ_max, each method its own λ_max
WIDTHS = (3.2, 2.2, 1.4)  # the first, second and third weight of a group


def paths() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The lasso's and the group lasso's weights at each of FRACTIONS (each (len, 7)), and the labels."""
    X, y, groups = grouped_problem()
    lasso_w = lasso_path(X, y, FRACTIONS * lasso_lambda_max(X, y))
    group_w = group_lasso_path(X, y, groups, FRACTIONS * group_lambda_max(X, y, groups))
    return lasso_w, group_w, groups


def leaves_zero(weights: np.ndarray) -> np.ndarray:
    """For each weight, the largest λ / λ_max of FRACTIONS at which it is not zero (NaN if never)."""
    return np.array(
        [FRACTIONS[np.flatnonzero(col != 0.0).max()] if np.any(col != 0.0) else np.nan for col in weights.T]
    )


def draw(theme: Theme, layout: Layout = WIDE) -> Figure:
    lasso_w, group_w, groups = paths()
    names = list(dict.fromkeys(groups.tolist()))
    shades = tints(theme.l1, theme, 3)[::-1]  # deepest first, with the widest line
    # small multiples: one row per group, the lasso left and the group lasso right, on every screen
    fig = Figure(figsize=(layout.width, 6.8 if layout.narrow else 5.6), layout="constrained")
    axes = fig.subplots(len(names), 2, sharex=True, sharey="row", squeeze=False)
    for row, name in enumerate(names):
        members = groups == name
        for col, weights in enumerate((lasso_w, group_w)):
            ax = axes[row, col]
            ax.axhline(0, color=theme.muted, linewidth=0.8, zorder=0)
            for k, j in enumerate(np.flatnonzero(members)):  # a group's weights: shade and width
                ax.plot(FRACTIONS, weights[:, j], LINESTYLE["l1"], color=shades[k], linewidth=WIDTHS[k])
            at = np.unique(leaves_zero(weights[:, members]))  # a disc where a weight leaves zero
            ax.plot(
                at,
                np.zeros_like(at),
                "o",
                color=theme.l1,
                markeredgecolor=theme.foreground,
                markersize=8,
                zorder=4,
                clip_on=False,
            )
            ax.set_xlim(-0.03, 1.03)  # room for a disc at the smallest λ
            ax.set_xticks([0, 0.5, 1], ["0", "0.5", "1"])
            ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:g}".replace("-", "\u2212")))
            if col == 0:
                size = int(members.sum())
                ax.set_ylabel(f"group {name}\n({size} weights)")
        low, high = axes[row, 0].get_ylim()
        reach = max(abs(low), abs(high))
        axes[row, 0].set_ylim(-0.08 * reach if low > -0.08 * reach else low, high)
    fig.get_layout_engine().set(wspace=0.12)  # the end ticks 1 and 0 of the two columns stay apart
    fig.align_ylabels(axes[:, 0])
    axes[0, 0].set_title("lasso")
    axes[0, 1].set_title("group lasso")
    for ax in axes[-1]:
        ax.set_xlabel("$\\lambda\\,/\\,\\lambda_{\\max}$")
    return fig
