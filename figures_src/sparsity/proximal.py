"""Chapter 8: proximal gradient (ISTA) versus plain subgradient descent on the lasso objective.

Both minimize ``||y − Xw||² + λ||w||₁``, whose smooth part has gradient ``−2Xᵀ(y − Xw)``. ISTA takes
a gradient step on the smooth part and then applies the proximal operator of ``step·λ||·||₁``,
which is soft-thresholding: weights that belong at zero land on exactly 0.0. Subgradient descent
steps along ``gradient + λ·sign(w)`` instead; a weight near zero overshoots back and forth and
is (with probability one) never exactly zero.
"""

from __future__ import annotations

import numpy as np

from figures_src.sparsity._checks import finite_array, nonnegative
from figures_src.sparsity.linear import design
from figures_src.sparsity.one_feature import soft_threshold


def lipschitz_step(X: object) -> float:
    """The largest safe constant step ``1 / (2σ_max(X)²)`` for the gradient of ``||y − Xw||²``."""
    X = finite_array(X, "X")
    return float(1.0 / (2.0 * np.linalg.norm(X, ord=2) ** 2))


def ista(X: object, y: object, lam: float, step: float, n_steps: int, start: object = None) -> np.ndarray:
    """ISTA iterates ``w ← S(w + 2·step·Xᵀ(y − Xw), step·λ)``: array (n_steps + 1, p), start included."""
    X, y, lam, step, w = _setup(X, y, lam, step, n_steps, start)
    iterates = np.empty((n_steps + 1, X.shape[1]))
    iterates[0] = w
    for k in range(n_steps):
        w = soft_threshold(w + 2.0 * step * (X.T @ (y - X @ w)), step * lam)
        iterates[k + 1] = w
    return iterates


def subgradient_descent(
    X: object, y: object, lam: float, step: float, n_steps: int, start: object = None
) -> np.ndarray:
    """Subgradient iterates ``w ← w − step·(−2Xᵀ(y − Xw) + λ·sign(w))``: array (n_steps + 1, p)."""
    X, y, lam, step, w = _setup(X, y, lam, step, n_steps, start)
    iterates = np.empty((n_steps + 1, X.shape[1]))
    iterates[0] = w
    for k in range(n_steps):
        w = w - step * (-2.0 * (X.T @ (y - X @ w)) + lam * np.sign(w))
        iterates[k + 1] = w
    return iterates


def _setup(X, y, lam, step, n_steps, start):
    X, y = design(X, y)
    lam = nonnegative(lam, "lam")
    step = nonnegative(step, "step")
    if step == 0:
        raise ValueError("step must be > 0")
    if int(n_steps) != n_steps or n_steps < 0:
        raise ValueError(f"n_steps must be a whole number ≥ 0, got {n_steps!r}")
    w = np.zeros(X.shape[1]) if start is None else finite_array(start, "start").astype(float)
    if w.shape != (X.shape[1],):
        raise ValueError(f"start must have shape ({X.shape[1]},), got {w.shape}")
    return X, y, lam, step, w
