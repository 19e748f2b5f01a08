"""Proximal gradient (ISTA) against plain subgradient descent on the same lasso problem.

Six features, 50 observations (fixed seed); three true coefficients are zero and the lasso
(λ = 40) sets those three exactly to zero. Left, the three weights that belong at zero over the
iterations: ISTA's soft-thresholding step puts them at exactly 0.0 within a few steps and they stay
there; subgradient descent (step one fifth of ISTA's) keeps stepping over zero, back and forth:
its line is drawn for the first ten steps and, beyond, the range each weight swings over (a line
through hundreds of swings would only draw a moiré). Right, the number of weights that are exactly
zero: three for ISTA, none for subgradient.
"""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import NullLocator

from figures_src.sparsity import ista, lasso, lipschitz_step, subgradient_descent
from figures_src.style import WIDE, Layout, Theme, mix

LAM = 40.0
STEPS = 400
LINE_UNTIL = 10  # subgradient descent's weights are drawn as lines up to here, as swings beyond
SWING = 4  # the swing at step k: the weight's range over steps k − 4 … k + 4


def swings(path: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each column's lowest and highest value over a window of 2·SWING + 1 steps around each step."""
    padded = np.pad(path, ((SWING, SWING), (0, 0)), mode="edge")
    windows = np.lib.stride_tricks.sliding_window_view(padded, 2 * SWING + 1, axis=0)
    return windows.min(axis=-1), windows.max(axis=-1)


def problem() -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(8)
    X = rng.normal(size=(50, 6))
    return X, X @ np.array([3.0, -2.0, 0.0, 0.0, 1.5, 0.0]) + 0.5 * rng.normal(size=50)


def draw(theme: Theme, layout: Layout = WIDE) -> Figure:
    X, y = problem()
    zero = lasso(X, y, LAM) == 0.0
    step = lipschitz_step(X)
    runs = {
        "ISTA": ista(X, y, LAM, step, STEPS),
        "subgradient": subgradient_descent(X, y, LAM, step / 5, STEPS),
    }
    fig = Figure(figsize=(layout.width, 6.8 if layout.narrow else 3.9), layout="constrained")
    left, right = fig.subplots(*layout.grid(2), sharex=True)
    k = np.arange(STEPS + 1)
    # the same line for a method in both panels: ISTA thick, subgradient descent thin, both solid
    widths = {"ISTA": 2.4, "subgradient": 1.0}
    # both runs solve the lasso: ISTA in its colour, subgradient descent in a third one (blue is ridge)
    for (name, iterates), colour in zip(runs.items(), (theme.l1, theme.third), strict=True):
        shown = slice(None) if name == "ISTA" else slice(0, LINE_UNTIL + 1)
        left.plot(
            k[shown],
            iterates[shown][:, zero],
            "-",
            color=colour,
            linewidth=widths[name],
            zorder=3 if name == "ISTA" else 2,
        )
        left.plot([], [], "-", color=colour, linewidth=widths[name], label=name)
        if name != "ISTA":
            low, high = swings(iterates[:, zero])
            tint = mix(theme.background, colour, 0.5)  # opaque: where swings overlap, none darkens
            for j in range(low.shape[1]):
                left.fill_between(
                    k[LINE_UNTIL:],
                    low[LINE_UNTIL:, j],
                    high[LINE_UNTIL:, j],
                    color=tint,
                    linewidth=0,
                    zorder=1,
                )
            left.fill_between([], [], [], color=tint, linewidth=0, label=f"{name}, its swings")
        counts = (iterates == 0.0).sum(axis=1)
        right.step(k, counts, "-", color=colour, linewidth=widths[name], where="post")
        right.annotate(
            f"{name}: {counts[-1]}",
            xy=(STEPS, counts[-1]),
            xytext=(0, 6),
            textcoords="offset points",
            ha="right",
            va="bottom",
            fontsize=12,
            color=theme.foreground,
        )
    reach = max(np.abs(iterates[:, zero]).max() for iterates in runs.values())
    left.set_ylim(-1.15 * reach, 1.15 * reach)  # every iterate inside, ISTA's first steps too
    left.axhline(0, color=theme.muted, linewidth=0.8, zorder=1)
    left.set_ylabel("weight")
    left.set_title("3 weights the lasso sets to 0")
    handles, labels = left.get_legend_handles_labels()  # ISTA, subgradient, its swings
    if layout.narrow:  # two columns fill column by column: this order reads row by row
        handles, labels = [handles[i] for i in (0, 2, 1)], [labels[i] for i in (0, 2, 1)]
    fig.legend(  # above both panels: inside the first, any corner is crossed by a run
        handles,
        labels,
        loc="outside upper center",
        ncols=2 if layout.narrow else 3,
        fontsize=12,
        frameon=False,
        handlelength=1.6,
    )
    right.annotate(
        "start: w = 0",
        xy=(1, X.shape[1]),
        xytext=(5, 0),
        textcoords="offset points",
        va="center",
        fontsize=12,
        color=theme.foreground,
    )
    right.set_ylim(-0.4, X.shape[1] + 0.6)
    right.set_yticks(range(X.shape[1] + 1))
    right.set_title(f"weights at exactly 0 (of {X.shape[1]})")
    # the first steps, where ISTA reaches zero, spread out: linear up to 10 steps, logarithmic beyond
    for ax in (left, right):
        # where the scale turns logarithmic, and where subgradient descent's lines give way to swings
        # (in the count panel it stops under the "start: w = 0" note, whose "=" it would strike into "≠")
        ax.axvline(LINE_UNTIL, ymax=1.0 if ax is left else 0.84, color=theme.muted, linewidth=0.8, zorder=0)
        ax.set_xscale("symlog", linthresh=10, linscale=0.6)
        ax.set_xlim(0, STEPS)
        ax.set_xticks([0, 5, 10, 100, STEPS], ["0", "5", "10", "100", str(STEPS)])
        ax.xaxis.set_minor_locator(NullLocator())
    name = "iteration (linear to 10, then log)"
    if layout.narrow:  # stacked: the name under the lower panel, the upper one keeps its ticks
        right.set_xlabel(name)
        left.xaxis.set_tick_params(labelbottom=True)
    else:  # side by side: one name for both panels
        fig.supxlabel(name, fontsize=13)
    return fig
