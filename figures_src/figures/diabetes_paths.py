"""Regularization paths on the diabetes data: lasso coefficients reach exactly zero one by one, ridge's never.

442 patients, 10 standardized features (scikit-learn's copy of the data of Efron et al. 2004), target
centred. Each line is one coefficient as λ decreases from left to right (log scale, relative to
λ_max, the smallest λ at which every lasso coefficient is zero). Dots mark where each lasso
coefficient leaves zero. The ridge coefficients shrink towards zero as λ grows but none is zero at
any λ.
"""

from __future__ import annotations

import functools
import importlib.util
from pathlib import Path

import numpy as np
from matplotlib.figure import Figure

from figures_src.sparsity import lasso_lambda_max, lasso_path, ridge_path
from figures_src.style import LINESTYLE, WIDTH_IN, Theme

RELATIVE = np.geomspace(1.0, 1e-3, 300)  # λ / λ_max


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
def paths() -> tuple[np.ndarray, np.ndarray, list[str]]:
    X, y, names = data()
    top = lasso_lambda_max(X, y)
    return lasso_path(X, y, RELATIVE * top), ridge_path(X, y, RELATIVE * top), names


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


def draw(theme: Theme) -> Figure:
    lasso, ridge, names = paths()
    fig = Figure(figsize=(WIDTH_IN, 6.4), layout="constrained")
    axes = fig.subplots(2, 1, sharex=True)
    for ax, path, colour, name in ((axes[0], lasso, theme.l1, "l1"), (axes[1], ridge, theme.l2, "l2")):
        ax.axhline(0, color=theme.muted, linewidth=0.8)
        ax.plot(RELATIVE, path, LINESTYLE[name], color=colour, linewidth=1.6)
        big = [j for j in range(len(names)) if abs(path[-1, j]) > 0.2 * np.abs(path[-1]).max()]
        spread = _spread(path[-1, big], gap=0.07 * np.ptp(path))
        for j, y_label in zip(big, spread, strict=True):
            ax.annotate(
                names[j],
                xy=(RELATIVE[-1], path[-1, j]),
                xytext=(RELATIVE[-1] * 0.8, y_label),
                va="center",
                fontsize=12,
                color=theme.foreground,
                arrowprops={"arrowstyle": "-", "color": theme.muted, "linewidth": 0.6},
            )
        ax.set_ylabel("coefficient")
    for j in range(lasso.shape[1]):
        leaves = np.flatnonzero(lasso[:, j] != 0.0)
        if leaves.size:
            axes[0].plot(
                RELATIVE[leaves[0]],
                0,
                "o",
                color=theme.l1,
                markeredgecolor=theme.foreground,
                markersize=6,
                zorder=4,
            )
    zeros_left = [int((lasso[k] == 0.0).sum()) for k in (0, 100, 200)]
    axes[0].set_title(
        f"lasso: exactly zero coefficients {zeros_left[0]} → {zeros_left[1]} → {zeros_left[2]} → "
        f"{int((lasso[-1] == 0.0).sum())}",
        fontsize=12.5,
    )
    axes[1].set_title(
        f"ridge: exactly zero coefficients {int((ridge == 0.0).sum())} at every λ", fontsize=12.5
    )
    axes[1].set_xscale("log")
    axes[1].set_xlim(RELATIVE[0], RELATIVE[-1] / 4)
    axes[1].set_xlabel("λ / λ_max  (regularization weakens to the right)")
    return fig
