"""Proximal gradient (ISTA) against plain subgradient descent on the same lasso problem.

Six features, 50 observations (fixed seed); three true coefficients are zero and the lasso
(λ = 40) sets those three exactly to zero. Left, the three weights that belong at zero over the
iterations: ISTA's soft-thresholding step puts them at exactly 0.0 within a few steps and they stay
there; subgradient descent (step one fifth of ISTA's) keeps stepping over zero, back and forth,
forever. Right, the number of weights that are exactly zero: three for ISTA, none for subgradient.
"""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from figures_src.sparsity import ista, lasso, lipschitz_step, subgradient_descent
from figures_src.style import LINESTYLE, WIDTH_IN, Theme

LAM = 40.0
STEPS = 400


def problem() -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(8)
    X = rng.normal(size=(50, 6))
    return X, X @ np.array([3.0, -2.0, 0.0, 0.0, 1.5, 0.0]) + 0.5 * rng.normal(size=50)


def draw(theme: Theme) -> Figure:
    X, y = problem()
    zero = lasso(X, y, LAM) == 0.0
    step = lipschitz_step(X)
    runs = {
        "ISTA": ista(X, y, LAM, step, STEPS),
        "subgradient": subgradient_descent(X, y, LAM, step / 5, STEPS),
    }
    fig = Figure(figsize=(WIDTH_IN, 3.8), layout="constrained")
    left, right = fig.subplots(1, 2)
    k = np.arange(STEPS + 1)
    for (name, iterates), colour, style in zip(
        runs.items(), (theme.l1, theme.l2), (LINESTYLE["l1"], "-"), strict=True
    ):
        left.plot(
            k,
            iterates[:, zero],
            style,
            color=colour,
            linewidth=2.4 if name == "ISTA" else 0.9,
            alpha=1.0 if name == "ISTA" else 0.8,
            zorder=3 if name == "ISTA" else 2,
        )
        left.plot([], [], style, color=colour, label=name)
        right.step(
            k,
            (iterates == 0.0).sum(axis=1),
            LINESTYLE["l1"] if name == "ISTA" else LINESTYLE["l2"],
            color=colour,
            where="post",
            label=name,
        )
    bound = 2 * LAM * step / 5
    left.set_ylim(-2.5 * bound, 2.5 * bound)
    left.set_xlim(0, STEPS)
    left.axhline(0, color=theme.muted, linewidth=0.8, zorder=1)
    left.set_title("the three weights that belong at 0", fontsize=12.5)
    left.set_xlabel("iteration")
    left.legend(loc="upper right", fontsize=12)
    left.ticklabel_format(axis="y", style="sci", scilimits=(-2, 2))
    right.set_ylim(-0.2, 3.5)
    right.set_yticks([0, 1, 2, 3])
    right.set_xlim(0, STEPS)
    right.set_title("weights exactly 0.0", fontsize=12.5)
    right.set_xlabel("iteration")
    right.legend(loc="center right", fontsize=12)
    return fig
