"""Regularization paths on the diabetes data: lasso zeros last for intervals of λ, ridge's are points.

442 patients, 10 standardized features (scikit-learn's copy of the data of Efron et al. 2004), target
centred. Each line is one coefficient as λ decreases from left to right (log scale, from λ_max, the
smallest λ at which every lasso coefficient is zero, to λ_max/1000), on the λ axis the page quotes.
The lasso path is the exact one (its knots, not a grid): dots mark where each coefficient first
leaves zero, and the band marks the interval on which s3 is back at exactly zero. Ridge coefficients
are exactly zero only where a path changes sign (sex and s2, found by root-finding), each at one
single λ, marked by a circle and a guide up to its label. The bottom panel counts the coefficients
that are exactly zero at each λ.
"""

from __future__ import annotations

import functools
import importlib.util
from pathlib import Path

import numpy as np
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from figures_src.sparsity import lasso_knots, lasso_lambda_max, ridge_path, ridge_zeros
from figures_src.style import LINESTYLE, WIDE, Layout, Theme

RELATIVE = np.geomspace(1.0, 1e-3, 300)  # λ / λ_max, the plotted range


FEATURES = ["age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6"]


def data() -> tuple[np.ndarray, np.ndarray, list[str]]:
    """The diabetes data as scikit-learn's ``load_diabetes()`` gives it (columns centred, unit length),
    read from the files scikit-learn ships, without importing scikit-learn (that alone takes ~2 s)."""
    folder = Path(importlib.util.find_spec("sklearn").submodule_search_locations[0]) / "datasets" / "data"
    raw = np.loadtxt(folder / "diabetes_data_raw.csv.gz")
    target = np.loadtxt(folder / "diabetes_target.csv.gz")
    centred = raw - raw.mean(axis=0)
    return centred / np.linalg.norm(centred, axis=0), target - target.mean(), FEATURES


@functools.cache  # drawn twice (light and dark) from the same numbers
def paths() -> dict:
    """Everything the figure and the page quote: the exact lasso path, ridge on the grid, ridge's zeros."""
    X, y, names = data()
    top = lasso_lambda_max(X, y)
    knots = lasso_knots(X, y)
    lams = RELATIVE * top
    returns = {
        names[j]: spans[1:]
        for j in range(len(names))
        if len(spans := knots.zero_intervals(j)) > 1  # zero again after leaving: a return
    }
    return {
        "top": top,
        "names": names,
        "knots": knots,
        "lasso": knots.at(lams),
        "ridge": ridge_path(X, y, lams),
        "ridge_zeros": dict(zip(names, ridge_zeros(X, y, lams[-1], lams[0]), strict=True)),
        "returns": returns,
    }


DECADES = np.linspace(0.0, 3.0, 121)  # the explorer's λ = λ_max·10^(−d): 40 steps a decade


def explorer_data() -> dict:
    """What chapter 8's λ explorer shows (written as diabetes_paths.json at build time): at each of
    its 121 values of λ, from λ_max down to λ_max/1000, the lasso (the exact path's value, exact
    zeros as 0) and ridge coefficients, and the λ at which each ridge coefficient is exactly zero."""
    numbers = paths()
    X, y, names = data()
    lams = numbers["top"] * 10.0**-DECADES
    return {
        "features": names,
        "lambda_max": numbers["top"],
        "decades": DECADES,
        "lambdas": lams,
        "lasso": numbers["knots"].at(lams),
        "ridge": ridge_path(X, y, lams),
        "ridge_zeros": [numbers["ridge_zeros"][name] or [] for name in names],
    }


def _spread(values: np.ndarray, gap: float) -> np.ndarray:
    """Label heights near ``values`` but at least ``gap`` apart, keeping their order."""
    order = np.argsort(values)
    placed = np.array(values, dtype=float)[order]
    for i in range(1, placed.size):
        placed[i] = max(placed[i], placed[i - 1] + gap)
    shift = (np.sort(values) - placed).mean()  # re-centre the block on the lines it labels
    result = np.empty_like(placed)
    result[order] = placed + shift
    return result


def _label_ends(ax, lams: np.ndarray, path: np.ndarray, names: list[str], theme: Theme) -> None:
    """Name every coefficient at the right end of its line, labels spread so that they do not overlap;
    the panel's height takes in the labels too, so that none sits on an axis."""
    gap = 0.15 * np.ptp(path)
    spread = _spread(path[-1], gap=gap)
    ax.set_ylim(min(path.min(), spread.min()) - gap, max(path.max(), spread.max()) + gap)
    for j, y_label in enumerate(spread):
        ax.annotate(
            names[j],
            xy=(lams[-1], path[-1, j]),
            xytext=(lams[-1] * 0.62, y_label),
            va="center",
            fontsize=12,
            color=theme.foreground,
            # from the middle of the name's left edge, so that no leader seems to leave the next name
            arrowprops={
                "arrowstyle": "-",
                "color": theme.muted,
                "linewidth": 0.8,
                "relpos": (0, 0.5),
                "shrinkA": 3,
            },
        )


def zero_counts(numbers: dict) -> tuple[np.ndarray, np.ndarray]:
    """The lasso's count of exact zeros, a step function of λ: (knot λs, count just below each)."""
    knots = numbers["knots"]
    return knots.lams, np.append(knots.zero_segments.sum(axis=1), 0)


def draw(theme: Theme, layout: Layout = WIDE) -> Figure:
    numbers = paths()
    top, names, lasso, ridge = numbers["top"], numbers["names"], numbers["lasso"], numbers["ridge"]
    lams = RELATIVE * top  # the page quotes λ itself, so the axis is λ, not λ / λ_max
    fig = Figure(figsize=(layout.width, 11.3 if layout.narrow else 9.9), layout="constrained")
    axes = fig.subplots(3, 1, sharex=True, height_ratios=[3, 3, 1.6])
    for ax, path, colour, name in ((axes[0], lasso, theme.l1, "l1"), (axes[1], ridge, theme.l2, "l2")):
        ax.plot(lams[[0, -1]], [0, 0], color=theme.muted, linewidth=0.8)  # not into the labels
        ax.plot(lams, path, LINESTYLE[name], color=colour, linewidth=1.3)
        for feature in numbers["returns"] if name == "l1" else ():  # the path that returns to 0, bold
            ax.plot(lams, path[:, names.index(feature)], LINESTYLE[name], color=colour, linewidth=3.0)
        _label_ends(ax, lams, path, names, theme)
        ax.set_ylabel("coefficient")

    knots = numbers["knots"]
    for j in range(len(names)):
        leaves = np.flatnonzero(knots.coefs[:, j] != 0.0)
        if leaves.size:
            axes[0].plot(
                knots.lams[leaves[0] - 1],
                0,
                "o",
                color=theme.l1,
                markeredgecolor=theme.foreground,
                markersize=5.5,
                zorder=4,
            )
    for spans in numbers["returns"].values():
        for lo, hi in spans:
            for ax in (axes[0], axes[2]):
                ax.axvspan(lo, hi, color=theme.shade, zorder=0, linewidth=0)
    axes[0].set_title("lasso: exactly 0 on whole intervals of λ")

    crossings = [(f, lam) for f, zeros in numbers["ridge_zeros"].items() for lam in (zeros or [])]
    bottom, height = axes[1].get_ylim()[0], np.ptp(axes[1].get_ylim())
    # the crossing furthest right gets the top row, so that no guide passes through another's label
    for k, (feature, lam) in enumerate(sorted(crossings, key=lambda item: item[1])):
        axes[1].plot(lam, 0, "s", color=theme.l2, markerfacecolor=theme.background, markersize=7, zorder=4)
        # a guide straight up from the crossing to its label, one row per crossing above the paths
        row = 0.93 - 0.12 * k
        axes[1].plot(
            [lam, lam],
            [0, bottom + row * height],
            "-",  # a thin grey guide, as in the other figures (dotted means least squares)
            color=theme.muted,
            linewidth=0.8,
            zorder=1,
        )
        axes[1].annotate(
            f"{feature} = 0 at λ = {lam:.2f}",
            xy=(lam, row),
            xycoords=axes[1].get_xaxis_transform(),
            xytext=(-4, 0),
            textcoords="offset points",
            ha="right",
            va="center",
            fontsize=12,
            color=theme.foreground,
        )
    axes[1].set_title("ridge: exactly 0 only where a path crosses 0")

    steps, counts = zero_counts(numbers)
    steps = np.where(steps > 0, steps, lams[-1])  # the path's last knot is λ = 0
    axes[2].step(steps, counts, LINESTYLE["l1"], where="post", color=theme.l1, linewidth=3.0, label="lasso")
    axes[2].plot(lams, np.zeros_like(lams), LINESTYLE["l2"], color=theme.l2, linewidth=1.4, label="ridge")
    for _, lam in crossings:
        axes[2].plot(lam, 1, "s", color=theme.l2, markerfacecolor=theme.background, markersize=6, zorder=4)
    axes[2].set_ylabel("exact zeros")
    axes[2].set_title("how many coefficients are exactly 0")
    axes[2].set_ylim(-0.8, 10.8)
    axes[2].set_yticks([0, 5, 10])

    # one key for the three panels, above them (the count panel's lines are the paths' styles)
    def dot(marker, **style) -> Line2D:
        return Line2D([], [], linestyle="none", marker=marker, **style)

    key = {
        "lasso": Line2D([], [], linestyle=LINESTYLE["l1"], color=theme.l1, linewidth=2.4),
        "lasso: leaves 0": dot("o", color=theme.l1, markeredgecolor=theme.foreground, markersize=5.5),
        "ridge": Line2D([], [], linestyle=LINESTYLE["l2"], color=theme.l2, linewidth=1.6),
        "ridge: exactly 0 at one λ": dot("s", color=theme.l2, markerfacecolor=theme.background, markersize=6),
    }
    for feature in numbers["returns"]:
        key[f"{feature} back at exactly 0"] = Patch(color=theme.shade, linewidth=0)
    # a key fills column by column: the lasso's entries in the first column, ridge's in the second,
    # the band in the third (wide) or under the lasso's (narrow)
    names = list(key)
    order = [*names[:2], *names[4:], *names[2:4]] if layout.narrow else names
    fig.legend(
        [key[n] for n in order],
        order,
        loc="outside upper center",
        ncols=2 if layout.narrow else 3,
        fontsize=12,
        handlelength=2.0,
        columnspacing=1.4,
    )
    fig.align_ylabels(axes)
    axes[2].set_xscale("log")
    axes[2].set_xlim(lams[0], lams[-1] / 5)
    axes[2].set_xlabel(
        r"$\lambda$ (log scale, from $\lambda_{\max}$)"
        if layout.narrow
        else r"$\lambda$  (log scale, from $\lambda_{\max}$ at the left; regularization weakens to the right)"
    )
    return fig
