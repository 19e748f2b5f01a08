"""L1-penalized logistic regression on the breast-cancer data: SGD and Adam give no exact zeros.

569 tumours, 30 standardized features (scikit-learn's copy of the Wisconsin diagnostic data), labels
malignant 0 / benign 1, an unpenalized intercept. The objective is the site's: the summed logistic
loss plus λ‖w‖₁ with λ = 20, whose exact minimizer (``logistic_lasso``, certified by its
optimality conditions) has 25 of the 30 weights exactly zero. Three minibatch runs on the same
batches (32 rows, 500 epochs, seed 0, from w = 0): SGD and Adam on the subgradient ∇L + λ·sign(w),
and proximal SGD, which soft-thresholds after each gradient step. Top: how many weights are
exactly 0.0 at the end of each epoch. Middle: the distance from the exact weights. Bottom: the
median size of the 25 weights that belong at zero, for the two subgradient methods, against
SGD's step times λ.
"""

from __future__ import annotations

import functools
import importlib.util
from pathlib import Path

import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import NullFormatter

from figures_src.sparsity import logistic_lasso, train
from figures_src.style import WIDE, Layout, Theme, tints

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
    epochs = np.arange(EPOCHS + 1)
    fig = Figure(figsize=(layout.width, 9.6 if layout.narrow else 8.2), layout="constrained")
    counts, distance, hover = fig.subplots(3, 1, sharex=True, height_ratios=[1.1, 1, 1])
    sgd_colour, adam_colour = tints(theme.third, theme, 2)[::-1]  # SGD the deeper shade
    style = {
        "sgd": {"color": sgd_colour, "linewidth": 1.3},
        "adam": {"color": adam_colour, "linewidth": 2.6},
        "prox-sgd": {"color": theme.l1, "linewidth": 1.6},
    }
    for method, weights in trained.items():
        counts.plot(epochs, np.sum(weights == 0.0, axis=1), "-", label=NAMES[method], **style[method])
        distance.plot(epochs[1:], np.linalg.norm(weights - exact, axis=1)[1:], "-", **style[method])
        if method != "prox-sgd":
            hover.plot(epochs[WINDOW:], hover_level(weights, zero), "-", **style[method])
    exact_zeros = int(zero.sum())
    counts.axhline(exact_zeros, color=theme.foreground, linewidth=1.0, zorder=1)
    counts.annotate(
        f"exact solution: {exact_zeros} of 30",
        xy=(EPOCHS, exact_zeros),
        xytext=(0, 5),
        textcoords="offset points",
        ha="right",
        va="bottom",
        color=theme.foreground,
    )
    counts.annotate(
        "SGD, Adam: none" if layout.narrow else "SGD and Adam: 0 at every epoch",
        xy=(EPOCHS, 0),
        xytext=(0, -4),
        textcoords="offset points",
        ha="right",
        va="top",
        color=theme.foreground,
    )
    counts.set_ylim(-9, 31)
    counts.set_yticks([0, 10, 20, 30])
    counts.set_ylabel("weights at\nexactly 0")
    counts.set_title(
        "Weights at exactly 0.0, of 30" if layout.narrow else "How many of the 30 weights are exactly 0.0"
    )
    distance.annotate(
        "SGD and\nproximal SGD" if layout.narrow else "SGD and proximal SGD\n(almost one line)",
        xy=(400, np.linalg.norm(trained["sgd"][400] - exact)),
        xytext=(0, 12),
        textcoords="offset points",
        ha="right" if layout.narrow else "center",
        va="bottom",
        color=theme.foreground,
    )
    distance.annotate(
        "Adam",
        xy=(120, np.linalg.norm(trained["adam"][120] - exact)),
        xytext=(-8, 0),
        textcoords="offset points",
        ha="right",
        va="center",
        color=theme.foreground,
    )
    distance.set_yscale("log")
    distance.set_ylabel(r"$\|w - w^\ast\|_2$")
    distance.set_title(
        "Distance from the exact $w^\\ast$" if layout.narrow else "Distance from the exact solution $w^\\ast$"
    )
    step = RATES["sgd"] * LAM
    hover.axhline(step, color=theme.foreground, linewidth=1.0, linestyle=(0, (1, 2)), zorder=1)
    hover.annotate(
        rf"SGD's $\eta\lambda$ = {step:g}" if layout.narrow else rf"SGD's step $\times\,\lambda$ = {step:g}",
        xy=(EPOCHS, step),
        xytext=(0, 22),
        textcoords="offset points",
        ha="right",
        va="bottom",
        color=theme.foreground,
    )
    hover.set_yscale("log")
    hover.set_ylim(1e-3, 0.3)
    hover.yaxis.set_minor_formatter(NullFormatter())
    hover.set_ylabel("median $|w_j|$,\n10-epoch mean")
    hover.set_title(
        f"How far the {exact_zeros} weights of 0 hover"
        if layout.narrow
        else f"The {exact_zeros} weights that belong at 0: how far from it they hover"
    )
    hover.set_xlabel("epoch (18 minibatch steps each)")
    hover.set_xlim(0, EPOCHS)
    fig.legend(
        *counts.get_legend_handles_labels(),
        loc="outside upper center",
        ncols=1 if layout.narrow else 3,
        frameon=False,
    )
    return fig
