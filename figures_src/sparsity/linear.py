"""Ridge, lasso and elastic net with many features, and their regularization paths.

Objectives (the site's conventions, ``sparsity/__init__.py``; no intercept: centre the data first):
    ridge        ||y − Xw||² + λ||w||²₂
    lasso        ||y − Xw||² + λ||w||₁
    elastic net  ||y − Xw||² + λ(α||w||₁ + (1 − α)||w||²₂)

The lasso and elastic net are solved by cyclic coordinate descent. Each coordinate step is the
one-feature solution of chapter 3 applied to the partial residual, a soft-threshold, so a
coefficient that belongs at zero is set to exactly 0.0, not to a small number.
"""

from __future__ import annotations

import numpy as np

from figures_src.sparsity._checks import finite_array, nonnegative


def design(X: object, y: object) -> tuple[np.ndarray, np.ndarray]:
    """Return ``X`` (n×p) and ``y`` (n) as finite float arrays, raising ValueError on bad shapes."""
    X = finite_array(X, "X")
    y = finite_array(y, "y")
    if X.ndim != 2 or y.ndim != 1 or X.shape[0] != y.shape[0]:
        raise ValueError(f"X must be n×p and y of length n, got shapes {X.shape} and {y.shape}")
    if X.shape[0] == 0 or X.shape[1] == 0:
        raise ValueError(f"X must have at least one row and one column, got shape {X.shape}")
    return X, y


def ridge(X: object, y: object, lam: float) -> np.ndarray:
    """Ridge weights ``(XᵀX + λI)⁻¹Xᵀy``, the minimizer of ``||y − Xw||² + λ||w||²``."""
    X, y = design(X, y)
    lam = nonnegative(lam, "lam")
    return ridge_path(X, y, [lam])[0]


def ridge_path(X: object, y: object, lams: object) -> np.ndarray:
    """Ridge weights for each λ in ``lams``, shape (len(lams), p), from one SVD of X."""
    X, y = design(X, y)
    lams = _lambdas(lams)
    U, s, Vt = np.linalg.svd(X, full_matrices=False)
    if np.any(lams == 0) and (s.size < X.shape[1] or s.min() <= s.max() * 1e-12):
        raise ValueError("λ = 0 needs X of full column rank: least squares is not unique otherwise")
    Uty = U.T @ y
    return (Vt.T @ ((s / (s**2 + lams[:, None])) * Uty).T).T


def lasso(X: object, y: object, lam: float, tol: float = 1e-12, max_iter: int = 100_000) -> np.ndarray:
    """Lasso weights minimizing ``||y − Xw||² + λ||w||₁`` by coordinate descent (exact zeros)."""
    return elastic_net(X, y, lam, 1.0, tol=tol, max_iter=max_iter)


def elastic_net(
    X: object,
    y: object,
    lam: float,
    alpha: float,
    tol: float = 1e-12,
    max_iter: int = 100_000,
    start: np.ndarray | None = None,
) -> np.ndarray:
    """Weights minimizing ``||y − Xw||² + λ(α||w||₁ + (1 − α)||w||²₂)`` by coordinate descent."""
    X, y = design(X, y)
    lam = nonnegative(lam, "lam")
    alpha = nonnegative(alpha, "alpha")
    if alpha > 1:
        raise ValueError(f"alpha must lie in [0, 1], got {alpha!r}")
    gram, corr = X.T @ X, X.T @ y
    return _coordinate_descent(gram, corr, lam * alpha, lam * (1 - alpha), tol, max_iter, start)


def lasso_path(X: object, y: object, lams: object, tol: float = 1e-12, max_iter: int = 100_000) -> np.ndarray:
    """Lasso weights for each λ in ``lams``, shape (len(lams), p); warm-started from large λ to small."""
    X, y = design(X, y)
    lams = _lambdas(lams)
    gram, corr = X.T @ X, X.T @ y
    path = np.empty((lams.size, X.shape[1]))
    w = np.zeros(X.shape[1])
    for i in np.argsort(-lams, kind="stable"):
        w = _coordinate_descent(gram, corr, lams[i], 0.0, tol, max_iter, w)
        path[i] = w
    return path


def lasso_lambda_max(X: object, y: object) -> float:
    """The smallest λ at which every lasso weight is exactly zero: ``2·max_j |X_jᵀy|``."""
    X, y = design(X, y)
    return float(2 * np.max(np.abs(X.T @ y)))


def _coordinate_descent(
    gram: np.ndarray,
    corr: np.ndarray,
    l1: float,
    l2: float,
    tol: float,
    max_iter: int,
    start: np.ndarray | None,
) -> np.ndarray:
    """Minimize ``wᵀGw − 2cᵀw + l1·||w||₁ + l2·||w||²`` one coordinate at a time.

    Keeps ``r = c − Gw`` (the features' correlation with the residual) up to date, so each step
    costs O(p). The step for coordinate j is ``w_j = S(r_j + G_jj·w_j, l1/2) / (G_jj + l2)``.
    Every so often the current sign pattern is tried as the answer: the nonzero weights are then
    the solution of a linear system, accepted only if the optimality conditions hold exactly.
    """
    p = corr.size
    diag = np.diag(gram).copy()
    if np.any(diag == 0):
        raise ValueError("every column of X must be nonzero: an all-zero feature has no coefficient")
    w = np.zeros(p) if start is None else np.array(start, dtype=float)
    residual_corr = corr - gram @ w
    half = l1 / 2
    for sweep in range(max_iter):
        largest_step = 0.0
        for j in range(p):
            z = residual_corr[j] + diag[j] * w[j]
            new = (z - half if z > half else z + half if z < -half else 0.0) / (diag[j] + l2)
            step = new - w[j]
            if step != 0.0:
                residual_corr -= gram[:, j] * step
                w[j] = new
                largest_step = max(largest_step, abs(step))
        scale = max(1.0, float(np.max(np.abs(w))))
        if largest_step <= tol * scale:
            return w + 0.0
        if sweep % 10 == 9 or largest_step <= 1e-6 * scale:
            exact = _solve_sign_pattern(gram, corr, l1, l2, w)
            if exact is not None:
                return exact
    raise RuntimeError(f"coordinate descent did not converge in {max_iter} sweeps (tol={tol})")


def _solve_sign_pattern(gram: np.ndarray, corr: np.ndarray, l1: float, l2: float, w: np.ndarray):
    """The exact minimizer if ``w`` has the right zeros and signs (KKT conditions checked), else None."""
    active = w != 0
    signs = np.sign(w[active])
    exact = np.zeros_like(w)
    if active.any():
        system = gram[np.ix_(active, active)] + l2 * np.eye(int(active.sum()))
        try:
            exact[active] = np.linalg.solve(system, corr[active] - l1 / 2 * signs)
        except np.linalg.LinAlgError:
            return None
        if np.any(np.sign(exact[active]) != signs):
            return None
    slack = 1e-12 * max(1.0, float(np.max(np.abs(corr))))
    if np.any(np.abs(corr[~active] - gram[~active] @ exact) > l1 / 2 + slack):
        return None
    return exact + 0.0


def _lambdas(lams: object) -> np.ndarray:
    values = finite_array(lams, "lams")
    if values.ndim != 1 or values.size == 0:
        raise ValueError(f"lams must be a non-empty 1-D sequence, got shape {values.shape}")
    if np.any(values < 0):
        raise ValueError(f"every λ in lams must be ≥ 0, got {values.min()!r}")
    return values
