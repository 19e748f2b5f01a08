"""The group lasso: ``||y − Xw||² + λ Σ_g √p_g ||w_g||₂`` over disjoint groups g of p_g features.

- ``block_soft_threshold``: its proximal operator for one group, which shrinks the whole block
  towards 0 and sets it exactly to 0 when its length is at most the threshold.
- ``group_lasso`` / ``group_lasso_path``: the exact minimizer, by block coordinate descent with each
  block's subproblem solved exactly (a zero test, then one root of a monotone scalar equation).
- ``group_lambda_max``: the smallest λ at which every group is zero, ``max_g 2||X_gᵀy|| / √p_g``.

The optimality conditions, with r = y − Xw: a group that is not zero has 2X_gᵀr = λ√p_g·w_g/||w_g||;
a zero group has ||X_gᵀr|| ≤ λ√p_g/2. With groups of one feature each it is the lasso.
"""

from __future__ import annotations

import numpy as np
from scipy.optimize import brentq

from figures_src.sparsity._checks import nonnegative
from figures_src.sparsity.linear import _lambdas, design


def block_soft_threshold(z: object, t: float) -> np.ndarray:
    """argmin_w ½||w − z||² + t||w||₂: ``max(0, 1 − t/||z||)·z``, exactly 0 when ||z|| ≤ t."""
    z = np.asarray(z, dtype=float)
    t = nonnegative(t, "t")
    length = float(np.linalg.norm(z))
    if length <= t:
        return np.zeros_like(z)
    return (1.0 - t / length) * z


def group_index(groups: object, p: int) -> list[np.ndarray]:
    """The groups as lists of column indices; ``groups`` gives each column's group label."""
    labels = np.asarray(groups)
    if labels.shape != (p,):
        raise ValueError(f"groups must give one label per column ({p}), got shape {labels.shape}")
    return [np.flatnonzero(labels == g) for g in dict.fromkeys(labels.tolist())]


def group_lambda_max(X: object, y: object, groups: object) -> float:
    """The smallest λ at which every group's weights are exactly zero."""
    X, y = design(X, y)
    return float(
        max(2 * np.linalg.norm(X[:, g].T @ y) / np.sqrt(g.size) for g in group_index(groups, X.shape[1]))
    )


def group_lasso(
    X: object,
    y: object,
    groups: object,
    lam: float,
    tol: float = 1e-13,
    max_iter: int = 100_000,
    start: np.ndarray | None = None,
) -> np.ndarray:
    """Weights minimizing ``||y − Xw||² + λ Σ_g √p_g ||w_g||₂``; each group's columns must be
    linearly independent."""
    X, y = design(X, y)
    return _descend(X, y, _blocks(X, groups), nonnegative(lam, "lam"), tol, max_iter, start)


def group_lasso_path(X: object, y: object, groups: object, lams: object) -> np.ndarray:
    """Group-lasso weights for each λ in ``lams``, shape (len(lams), p); warm-started from large λ."""
    X, y = design(X, y)
    lams = _lambdas(lams)
    blocks = _blocks(X, groups)  # one eigendecomposition per group for the whole path
    path = np.empty((lams.size, X.shape[1]))
    w = np.zeros(X.shape[1])
    for i in np.argsort(-lams, kind="stable"):
        w = _descend(X, y, blocks, float(lams[i]), 1e-13, 100_000, w)
        path[i] = w
    return path


def _blocks(X: np.ndarray, groups: object) -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """Each group's columns with the eigendecomposition of its Gram matrix X_gᵀX_g."""
    blocks = []
    for g in group_index(groups, X.shape[1]):
        eigenvalues, vectors = np.linalg.eigh(X[:, g].T @ X[:, g])
        if eigenvalues.min() <= 1e-12 * max(eigenvalues.max(), 1.0):
            raise ValueError(f"the columns of group {g.tolist()} are not linearly independent")
        blocks.append((g, eigenvalues, vectors))
    return blocks


def _descend(X, y, blocks, lam: float, tol: float, max_iter: int, start: np.ndarray | None) -> np.ndarray:
    """Block coordinate descent, each block minimized exactly, until no weight moves by more than tol."""
    w = np.zeros(X.shape[1]) if start is None else np.array(start, dtype=float)
    residual = y - X @ w
    for _ in range(max_iter):
        largest = 0.0
        for g, eigenvalues, vectors in blocks:
            old = w[g].copy()
            partial = residual + X[:, g] @ old
            new = _block_minimizer(2 * X[:, g].T @ partial, eigenvalues, vectors, lam * np.sqrt(g.size))
            if np.any(new != old):
                residual = partial - X[:, g] @ new
                w[g] = new
                largest = max(largest, float(np.max(np.abs(new - old))))
        if largest <= tol * max(1.0, float(np.max(np.abs(w)))):
            return w
    raise RuntimeError(f"group lasso did not converge in {max_iter} sweeps")


def _block_minimizer(c: np.ndarray, eigenvalues: np.ndarray, vectors: np.ndarray, a: float) -> np.ndarray:
    """argmin_v vᵀGv − cᵀv + a||v|| for G = V diag(eigenvalues) Vᵀ positive definite.

    Zero exactly when ||c|| ≤ a (the subgradient a·u, ||u|| ≤ 1, can balance c at 0). Otherwise the
    minimizer is (2G + (a/s)I)⁻¹c with s = ||v|| > 0 the root of Σ cᵢ² / (2λᵢs + a)² = 1 in the
    eigenbasis, whose left side falls from ||c||²/a² > 1 at s = 0 towards 0."""
    if np.linalg.norm(c) <= a:
        return np.zeros_like(c)
    rotated = vectors.T @ c
    if a == 0.0:
        return vectors @ (rotated / (2 * eigenvalues))

    def excess(s: float) -> float:
        return float(np.sum((rotated / (2 * eigenvalues * s + a)) ** 2) - 1.0)

    high = float(np.linalg.norm(rotated)) / (2 * eigenvalues.min())  # excess(high) ≤ 0
    s = brentq(excess, 0.0, high, xtol=1e-15, rtol=4 * np.finfo(float).eps, maxiter=500)
    return vectors @ (rotated * s / (2 * eigenvalues * s + a))


def grouped_problem(n: int = 60, rho: float = 0.3, noise: float = 1.0, seed: int = 0):
    """Seven standardized features in three groups, A (3 features), B (2) and C (2), every pair with
    population correlation ρ; true weights A = (1, 0.6, 0.15), B = (−0.7, 0.3), C = (0.5, 0); y = Xw +
    N(0, noise²). Returns X, y (both centred) and the group label of each column."""
    if not 0 <= rho < 1:
        raise ValueError(f"rho must lie in [0, 1), got {rho!r}")
    rng = np.random.default_rng(seed)
    X = np.sqrt(rho) * rng.normal(size=(n, 1)) + np.sqrt(1 - rho) * rng.normal(size=(n, 7))
    X = (X - X.mean(axis=0)) / X.std(axis=0)
    y = X @ GROUPED_WEIGHTS + nonnegative(noise, "noise") * rng.normal(size=n)
    return X, y - y.mean(), np.array(GROUP_LABELS)


GROUP_LABELS = ("A", "A", "A", "B", "B", "C", "C")
GROUPED_WEIGHTS = np.array([1.0, 0.6, 0.15, -0.7, 0.3, 0.5, 0.0])
