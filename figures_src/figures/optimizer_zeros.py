"""L1-penalized logistic regression on the breast-cancer data: SGD and Adam give no exact zeros.

569 tumours, 30 standardized features (scikit-learn's copy of the Wisconsin diagnostic data), labels
malignant 0 / benign 1, an unpenalized intercept. The objective is the site's: the summed logistic
loss plus λ‖w‖₁ with λ = 20, whose exact minimizer (``logistic_lasso``, certified by its
optimality conditions) has 25 of the 30 weights exactly zero. Three minibatch runs on the same
batches (32 rows, 500 epochs, seed 0, from w = 0): SGD and Adam on the subgradient ∇L + λ·sign(w),
and proximal SGD, which soft-thresholds after each gradient step. Top: how many weights are
exactly 0.0 at the end of each epoch. Middle: the distance from the exact weights. Bottom: the
median size of the 25 weights that belong at zero, for the two subgradient methods, against
SGD's step times λ (dotted).
"""

from __future__ import annotations

import functools
import importlib.util
from pathlib import Path

import numpy as np
from matplotlib import patheffects
from matplotlib.figure import Figure
from matplotlib.ticker import FixedFormatter, FixedLocator, NullFormatter

from figures_src.sparsity import logistic_lasso, train
from figures_src.style import WIDE, Layout, Theme

LAM, EPOCHS, BATCH, SEED = 20.0, 500, 32, 0
RATES = {"sgd": 3e-4, "adam": 1e-2, "prox-sgd": 3e-4}  # each a stable, well-converging choice
NAMES = {"sgd": "SGD, subgradient", "adam": "Adam, subgradient", "prox-sgd": "proximal SGD"}


def data() -> tuple[np.ndarray, np.ndarray]:
    """The breast-cancer data as ``load_breast_cancer()`` gives it, each feature standardized (mean
    0, standard deviation 1, as StandardScaler does), read from the file scikit-learn ships."""
    folder = Path(importlib.util.find_spec("sklearn").submodule_search_locations[0]) / "datasets" / "data"
    raw = np.loadtxt(folder / "breast_cancer.csv", delimiter=",", skiprows=1)
    X, t = raw[:, :30], raw[:, 30]
    return (X - X.mean(axis=0)) / X.std(axis=0), t


@functools.cache  # drawn twice (light and dark) from the same numbers
def runs() -> dict:
    """The exact solution and the three training runs (weights at the end of each epoch)."""
    X, t = data()
    exact, intercept = logistic_lasso(X, t, LAM)
    trained = {
        method: train(X, t, LAM, method, rate, EPOCHS, BATCH, SEED)["weights"]
        for method, rate in RATES.items()
    }
    return {"exact": exact, "intercept": intercept, "runs": trained}


WINDOW = 10  # epochs over which the bottom panel averages the median size (one epoch is noisy)


def hover_level(weights: np.ndarray, zero: np.ndarray) -> np.ndarray:
    """At each epoch from WINDOW on, the median of |w_j| over the weights that belong at zero,
    averaged over the last WINDOW epochs."""
    median = np.median(np.abs(weights[1:, zero]), axis=1)
    return np.convolve(median, np.ones(WINDOW) / WINDOW, mode="valid")


def draw(theme: Theme, layout: Layout = WIDE) -> Figure:
    numbers = runs()
    exact, trained = numbers["exact"], numbers["runs"]
    zero = exact == 0.0
    exact_zeros = int(zero.sum())
    epochs = np.arange(EPOCHS + 1)
    fig = Figure(figsize=(layout.width, 9.0 if layout.narrow else 7.8), layout="constrained")
    counts, distance, hover = fig.subplots(3, 1, sharex=True, height_ratios=[1.1, 1, 1])
    halo = [patheffects.withStroke(linewidth=3.0, foreground=theme.background)]  # labels clear of lines
    style = {  # proximal SGD drawn first and widest, so that SGD's thin line shows on top of it
        "prox-sgd": {"color": theme.l1, "linewidth": 2.6, "zorder": 2},
        "sgd": {"color": theme.third, "linewidth": 1.2, "zorder": 3},
        "adam": {"color": theme.foreground, "linewidth": 1.6, "zorder": 3},
    }
    for method in ("prox-sgd", "sgd", "adam"):
        weights = trained[method]
        counts.plot(epochs[1:], np.sum(weights[1:] == 0.0, axis=1), "-", label=NAMES[method], **style[method])
        distance.plot(epochs[1:], np.linalg.norm(weights - exact, axis=1)[1:], "-", **style[method])
        if method != "prox-sgd":
            hover.plot(epochs[WINDOW:], hover_level(weights, zero), "-", **style[method])

    def note(ax, text, xy, offset, ha, va, **extra):
        ax.annotate(
            text,
            xy=xy,
            xytext=offset,
            textcoords="offset points",
            ha=ha,
            va=va,
            color=extra.pop("color", theme.foreground),
            path_effects=halo,
            zorder=5,
            **extra,
        )

    counts.axhline(exact_zeros, color=theme.foreground, linewidth=1.0, linestyle=(0, (4, 3)), zorder=1)
    note(counts, f"exact solution: {exact_zeros}", (EPOCHS, exact_zeros), (0, 4), "right", "bottom")
    note(counts, "SGD, Adam: 0 at every epoch", (EPOCHS, 0), (0, -4), "right", "top")
    counts.set_ylim(-9, 30)
    counts.set_yticks([0, 10, 20, 30])
    counts.set_title("Weights at exactly 0.0, of 30")
    sgd_distance = np.linalg.norm(trained["sgd"] - exact, axis=1)
    note(
        distance,
        "SGD and proximal SGD,\nalmost one line",
        (230, sgd_distance[230]),
        (0, 10),
        "left",
        "bottom",
    )
    note(distance, "Adam", (120, np.linalg.norm(trained["adam"][120] - exact)), (-8, 0), "right", "center")
    distance.set_yscale("log")
    distance.set_ylim(0.05, 2.5)
    distance.set_title("Distance from the exact solution $w^\\ast$")
    step = RATES["sgd"] * LAM
    hover.axhline(step, color=theme.foreground, linewidth=1.2, linestyle=(0, (1, 2)), zorder=4)
    ends = {m: hover_level(trained[m], zero)[-1] for m in ("sgd", "adam")}
    note(hover, "SGD", (EPOCHS, ends["sgd"]), (0, 9), "right", "bottom", color=theme.third)
    note(hover, "Adam", (EPOCHS, ends["adam"]), (-4, -7), "right", "top")
    hover.set_yscale("log")
    hover.set_ylim(0.0028, 0.1)
    for ax, ticks in ((distance, [0.1, 0.3, 1, 2]), (hover, [0.003, 0.006, 0.01, 0.03, 0.1])):
        ax.yaxis.set_major_locator(FixedLocator(ticks))
        ax.yaxis.set_major_formatter(FixedFormatter([f"{tick:g}" for tick in ticks]))
        ax.yaxis.set_minor_formatter(NullFormatter())
    title = f"Median size of the {exact_zeros} that should be 0"
    hover.set_title(title if layout.narrow else title + rf"; dotted: SGD's $\eta\lambda$ = {step:g}")
    hover.set_xlabel("epoch (18 minibatch steps each)")
    hover.set_xlim(0, EPOCHS)
    fig.legend(
        *counts.get_legend_handles_labels(),
        loc="outside upper center",
        ncols=1 if layout.narrow else 3,
        frameon=False,
    )
    return fig
