"""Chapter 8: L1-penalized logistic regression, trained by the optimizers people use and solved exactly.

The objective, in the site's scaling (sums, no 1/n), with labels ``t_i ∈ {0, 1}`` and an intercept
``b`` that is not penalized:

    F(w, b) = Σ_i [log(1 + exp(m_i)) − t_i·m_i] + λ||w||₁,   m_i = x_iᵀw + b.

scikit-learn's ``LogisticRegression(l1_ratio=1, C=C, solver="saga")`` minimizes ``C·Σ_i log-loss +
||w||₁`` with the intercept unpenalized, so ``C = 1/λ``. (``liblinear`` penalizes the intercept too.)

- ``logistic_lambda_max``: the smallest λ at which every weight is zero.
- ``logistic_lasso``: the exact minimizer. Accelerated proximal gradient (FISTA with restarts) finds
  the zero pattern; Newton's method on the nonzero weights with their signs fixed then solves the
  rest to rounding, and the result is returned only when the optimality conditions hold: a weight
  at zero has ``|∂L/∂w_j| ≤ λ``, a nonzero one ``∂L/∂w_j = −λ·sign(w_j)``. Its zeros are exact.
- ``train``: minibatch runs of the three updates a reader would write, on the same batches:
  ``"sgd"`` and ``"adam"`` step along the subgradient ``∇L + λ·sign(w)`` with ``sign(0) = 0``
  (PyTorch's choice for the slope of ``|w|`` at 0; frameworks differ there, which matters only at
  the start, w = 0); ``"prox-sgd"`` takes the gradient step on the
  loss and then soft-thresholds each weight at ``rate·λ`` (the proximal step of ISTA, on a batch).
"""

from __future__ import annotations

import numpy as np

from figures_src.sparsity._checks import finite_array, nonnegative
from figures_src.sparsity.one_feature import soft_threshold

METHODS = ("sgd", "adam", "prox-sgd")
ADAM = {"beta1": 0.9, "beta2": 0.999, "eps": 1e-8}  # Kingma & Ba's defaults, as every library has them


def _data(X: object, t: object) -> tuple[np.ndarray, np.ndarray]:
    X, t = finite_array(X, "X"), finite_array(t, "t")
    if X.ndim != 2 or t.shape != (X.shape[0],):
        raise ValueError(f"X must be n×p and t of length n, got shapes {X.shape} and {t.shape}")
    if not np.all((t == 0) | (t == 1)) or t.min() == t.max():
        raise ValueError("t must hold labels 0 and 1, both of them")
    return X, t


def _sigmoid(m: np.ndarray) -> np.ndarray:
    return 0.5 * (1.0 + np.tanh(0.5 * m))  # 1 / (1 + e^(−m)), without overflow


def logistic_loss(X: object, t: object, w: object, b: float) -> float:
    """``Σ_i log(1 + exp(m_i)) − t_i·m_i`` with ``m = Xw + b``."""
    X, t = _data(X, t)
    m = X @ np.asarray(w, float) + b
    return float(np.sum(np.logaddexp(0.0, m) - t * m))


def logistic_objective(X: object, t: object, w: object, b: float, lam: float) -> float:
    """``F(w, b) = logistic_loss + λ||w||₁``."""
    return logistic_loss(X, t, w, b) + nonnegative(lam, "lam") * float(np.sum(np.abs(w)))


def logistic_lambda_max(X: object, t: object) -> float:
    """``max_j |X_jᵀ(t − t̄)|``: at w = 0 the best intercept predicts the share t̄ for everyone, and
    the loss slope in w_j is ``X_jᵀ(t̄ − t)``, which the corner absorbs while it is at most λ."""
    X, t = _data(X, t)
    return float(np.max(np.abs(X.T @ (t - t.mean()))))


def logistic_lasso(X: object, t: object, lam: float, max_iter: int = 200_000) -> tuple[np.ndarray, float]:
    """The exact minimizer ``(w, b)`` of ``F``; RuntimeError if it is not certified in ``max_iter`` steps."""
    X, t = _data(X, t)
    lam = nonnegative(lam, "lam")
    n, p = X.shape
    A = np.column_stack([X, np.ones(n)])  # the intercept is the last column
    step = 4.0 / np.linalg.norm(A, ord=2) ** 2  # 1/L: the loss's Hessian is at most AᵀA/4
    theta = np.zeros(p + 1)
    theta[-1] = np.log(t.mean() / (1 - t.mean()))
    ahead, momentum = theta.copy(), 1.0

    def prox(z: np.ndarray) -> np.ndarray:
        return np.append(soft_threshold(z[:-1], step * lam), z[-1])

    for k in range(max_iter):
        previous = theta
        theta = prox(ahead - step * (A.T @ (_sigmoid(A @ ahead) - t)))
        if np.dot(theta - previous, ahead - theta) > 0:  # restart when the momentum points uphill
            momentum, ahead = 1.0, theta.copy()
            continue
        following = (1 + np.sqrt(1 + 4 * momentum**2)) / 2
        ahead = theta + ((momentum - 1) / following) * (theta - previous)
        momentum = following
        if k % 25 == 24:
            exact = _polish(X, t, lam, theta[:-1], theta[-1])
            if exact is not None:
                return exact
    raise RuntimeError(f"the L1 logistic solution was not certified in {max_iter} steps")


def _polish(X: np.ndarray, t: np.ndarray, lam: float, w: np.ndarray, b: float):
    """Newton's method on the nonzero weights (signs fixed) and the intercept; the result if the
    optimality conditions hold for every weight, else None."""
    active = np.flatnonzero(w)
    signs = np.sign(w[active])
    B = np.column_stack([X[:, active], np.ones(len(t))])
    theta = np.append(w[active], b)
    pull = np.append(lam * signs, 0.0)  # the penalty's slope on the active weights
    for _ in range(100):
        prob = _sigmoid(B @ theta)
        gradient = B.T @ (prob - t) + pull
        hessian = (B * (prob * (1 - prob))[:, None]).T @ B
        try:
            move = np.linalg.solve(hessian, gradient)
        except np.linalg.LinAlgError:
            return None
        theta = theta - move
        if np.max(np.abs(move)) <= 1e-15 * max(1.0, float(np.max(np.abs(theta)))):
            break
    if np.any(np.sign(theta[:-1]) != signs):
        return None
    exact = np.zeros_like(w)
    exact[active] = theta[:-1]
    slope = X.T @ (_sigmoid(X @ exact + theta[-1]) - t)
    scale = max(1.0, lam)
    inactive = np.ones(w.size, bool)
    inactive[active] = False
    if np.any(np.abs(slope[inactive]) > lam + 1e-9 * scale):
        return None
    if np.any(np.abs(slope[active] + lam * signs) > 1e-7 * scale):
        return None
    return exact + 0.0, float(theta[-1])


def train(
    X: object,
    t: object,
    lam: float,
    method: str,
    rate: float,
    epochs: int,
    batch: int,
    seed: int,
) -> dict[str, np.ndarray]:
    """Minibatch training from w = 0 (and the intercept at the log odds of t̄). Each epoch visits the
    rows in a fresh random order (``seed``: the same batches for every method); a batch's loss
    gradient is scaled by n/batch, so that it estimates the gradient of the sum. Returns "weights"
    (epochs + 1, p) and "intercepts" (epochs + 1,) at the end of each epoch, the start included."""
    X, t = _data(X, t)
    lam, rate = nonnegative(lam, "lam"), nonnegative(rate, "rate")
    if method not in METHODS:
        raise ValueError(f"method must be one of {METHODS}, got {method!r}")
    if epochs < 1 or not 1 <= batch <= len(t):
        raise ValueError(f"need epochs ≥ 1 and 1 ≤ batch ≤ n, got {epochs} and {batch}")
    n, p = X.shape
    rng = np.random.default_rng(seed)
    w, b = np.zeros(p), float(np.log(t.mean() / (1 - t.mean())))
    moments = np.zeros((2, p + 1))  # Adam's running first and second moments, intercept last
    weights, intercepts = np.empty((epochs + 1, p)), np.empty(epochs + 1)
    weights[0], intercepts[0] = w, b
    steps = 0
    for epoch in range(1, epochs + 1):
        order = rng.permutation(n)
        for start in range(0, n, batch):
            rows = order[start : start + batch]
            residual = _sigmoid(X[rows] @ w + b) - t[rows]
            scale = n / rows.size
            grad_w, grad_b = scale * (X[rows].T @ residual), scale * float(residual.sum())
            if method == "sgd":
                w = w - rate * (grad_w + lam * np.sign(w))
                b -= rate * grad_b
            elif method == "prox-sgd":
                w = soft_threshold(w - rate * grad_w, rate * lam)
                b -= rate * grad_b
            else:
                steps += 1
                g = np.append(grad_w + lam * np.sign(w), grad_b)
                moments[0] = ADAM["beta1"] * moments[0] + (1 - ADAM["beta1"]) * g
                moments[1] = ADAM["beta2"] * moments[1] + (1 - ADAM["beta2"]) * g * g
                mean = moments[0] / (1 - ADAM["beta1"] ** steps)
                spread = np.sqrt(moments[1] / (1 - ADAM["beta2"] ** steps)) + ADAM["eps"]
                move = rate * mean / spread
                w, b = w - move[:-1], b - float(move[-1])
        weights[epoch], intercepts[epoch] = w, b
    return {"weights": weights + 0.0, "intercepts": intercepts}
