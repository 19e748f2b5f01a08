"""One feature, one coefficient: the closed forms of chapter 3 ("One coefficient").

With a single feature the loss is ``L(β) = Σ(yᵢ − xᵢβ)² = Σyᵢ² − 2βΣxᵢyᵢ + β²Σxᵢ²``, so every
solution depends on the data only through the moments ``sxy = Σxᵢyᵢ`` and ``sxx = Σxᵢ²``.
"""

from __future__ import annotations

import numpy as np

from figures_src.sparsity._checks import finite_array, nonnegative, one_feature_data


def soft_threshold(z: object, t: float) -> np.ndarray | float:
    """Soft-thresholding ``S(z, t) = sign(z)·max(|z| − t, 0)``, elementwise; exactly 0 for |z| ≤ t."""
    zs = finite_array(z, "z")
    t = nonnegative(t, "t")
    result = np.sign(zs) * np.maximum(np.abs(zs) - t, 0.0)
    result = result + 0.0  # turn -0.0 into 0.0 so that "exactly zero" prints as 0
    return float(result) if result.ndim == 0 else result


def ridge_1d_from_moments(sxy: object, sxx: float, lam: float) -> np.ndarray | float:
    """Ridge coefficient ``β = sxy / (sxx + λ)`` minimizing ``Σ(y − xβ)² + λβ²`` (sxy = Σxy, sxx = Σx²)."""
    sxy_arr = finite_array(sxy, "sxy")
    sxx = _positive_sxx(sxx)
    lam = nonnegative(lam, "lam")
    result = sxy_arr / (sxx + lam) + 0.0
    return float(result) if result.ndim == 0 else result


def lasso_1d_from_moments(sxy: object, sxx: float, lam: float) -> np.ndarray | float:
    """Lasso coefficient ``β = S(sxy, λ/2) / sxx`` minimizing ``Σ(y − xβ)² + λ|β|`` (sxy = Σxy, sxx = Σx²)."""
    sxx = _positive_sxx(sxx)
    lam = nonnegative(lam, "lam")
    result = np.asarray(soft_threshold(sxy, lam / 2.0)) / sxx + 0.0
    return float(result) if result.ndim == 0 else result


def ridge_1d(x: object, y: object, lam: float) -> float:
    """Ridge coefficient of one feature without intercept: ``Σxᵢyᵢ / (Σxᵢ² + λ)``."""
    xs, ys = one_feature_data(x, y)
    return float(ridge_1d_from_moments(xs @ ys, xs @ xs, lam))


def lasso_1d(x: object, y: object, lam: float) -> float:
    """Lasso coefficient of one feature without intercept: ``S(Σxᵢyᵢ, λ/2) / Σxᵢ²``."""
    xs, ys = one_feature_data(x, y)
    return float(lasso_1d_from_moments(xs @ ys, xs @ xs, lam))


def objective_1d(
    beta: object, sxy: float, sxx: float, syy: float, lam: float, penalty: str
) -> np.ndarray | float:
    """Penalized loss ``Σ(y − xβ)² + λ·pen(β)`` of one coefficient, with pen = |β| ("l1") or β² ("l2")."""
    betas = finite_array(beta, "beta")
    sxy = float(finite_array(sxy, "sxy"))
    sxx = _positive_sxx(sxx)
    syy = nonnegative(syy, "syy")
    lam = nonnegative(lam, "lam")
    if penalty == "l1":
        pen = np.abs(betas)
    elif penalty == "l2":
        pen = betas**2
    else:
        raise ValueError(f"penalty must be 'l1' or 'l2', got {penalty!r}")
    result = syy - 2.0 * betas * sxy + betas**2 * sxx + lam * pen
    return float(result) if result.ndim == 0 else result


def _positive_sxx(sxx: float) -> float:
    value = nonnegative(sxx, "sxx")
    if value == 0:
        raise ValueError("sxx = Σx² must be > 0: with an all-zero feature the coefficient is undetermined")
    return value
