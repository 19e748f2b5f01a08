"""Which weights the lasso sets to zero in many dimensions and among correlated features.

- ``regression_problem``: a random regression problem with p features, equicorrelated Gaussian
  design (every pair of features has correlation ρ), dense true weights, Gaussian noise; centred,
  as the site's models have no intercept.
- ``exact_zero_counts``: over many such problems, how many weights the lasso and ridge set exactly
  to zero at λ = f·λ_max for each fraction f.
- ``correlated_pair``: two features with correlation ρ that both carry the signal, for the question
  "which one does the lasso keep?".
- ``bootstrap_supports``: over bootstrap resamples, how often the lasso or the elastic net keeps the
  first feature only, the second only, both, or neither.

The solvers are the site's (``linear.py``, ``paths.py``): exact zeros are exact ``0.0``, not small
numbers.
"""

from __future__ import annotations

import numpy as np

from figures_src.sparsity._checks import nonnegative
from figures_src.sparsity.linear import elastic_net, lasso_lambda_max, ridge_path
from figures_src.sparsity.paths import lasso_knots

SUPPORTS = ("first only", "second only", "both", "neither")


def regression_problem(
    n: int, p: int, rho: float, rng: np.random.Generator, noise: float = 1.0
) -> tuple[np.ndarray, np.ndarray]:
    """X (n×p) with rows N(0, Σ), Σ = (1 − ρ)I + ρ11ᵀ, columns centred; w ~ N(0, I) (dense);
    y = Xw + N(0, noise²), centred."""
    if n < 2 or p < 1:
        raise ValueError(f"need n ≥ 2 and p ≥ 1, got n={n}, p={p}")
    if not 0 <= rho < 1:
        raise ValueError(f"rho must lie in [0, 1), got {rho!r}")
    shared = rng.normal(size=(n, 1))
    X = np.sqrt(rho) * shared + np.sqrt(1 - rho) * rng.normal(size=(n, p))
    X -= X.mean(axis=0)
    y = X @ rng.normal(size=p) + nonnegative(noise, "noise") * rng.normal(size=n)
    return X, y - y.mean()


def exact_zero_counts(
    n: int, p: int, rho: float, fractions: object, problems: int, seed: int
) -> dict[str, np.ndarray]:
    """For ``problems`` random problems (``regression_problem``, one seed for all), the number of
    weights exactly 0.0 at λ = f·λ_max of each problem for each fraction f: arrays "lasso" and
    "ridge" of shape (len(fractions), problems)."""
    fractions = np.asarray(fractions, dtype=float)
    if fractions.ndim != 1 or np.any(fractions <= 0):
        raise ValueError(f"fractions must be a list of positive numbers, got {fractions!r}")
    rng = np.random.default_rng(seed)
    counts = {
        "lasso": np.empty((fractions.size, problems), int),
        "ridge": np.empty((fractions.size, problems), int),
    }
    for k in range(problems):
        X, y = regression_problem(n, p, rho, rng)
        lams = fractions * lasso_lambda_max(X, y)
        # the exact homotopy, several times faster here than coordinate descent when p is near n
        counts["lasso"][:, k] = np.sum(lasso_knots(X, y, float(lams.min())).at(lams) == 0.0, axis=1)
        counts["ridge"][:, k] = np.sum(ridge_path(X, y, lams) == 0.0, axis=1)
    return counts


def correlated_pair(
    n: int = 100,
    rho: float = 0.95,
    weights: tuple[float, float] = (1.0, 1.0),
    noise: float = 1.0,
    seed: int = 0,
) -> tuple[np.ndarray, np.ndarray]:
    """Two standardized features with sample correlation close to ρ (x₂ = ρx₁ + √(1 − ρ²)z), and
    y = weights·x + N(0, noise²); everything centred."""
    if not -1 < rho < 1:
        raise ValueError(f"rho must lie in (−1, 1), got {rho!r}")
    rng = np.random.default_rng(seed)
    x1, z = rng.normal(size=n), rng.normal(size=n)
    X = np.column_stack([x1, rho * x1 + np.sqrt(1 - rho**2) * z])
    X = (X - X.mean(axis=0)) / X.std(axis=0)
    y = X @ np.asarray(weights, float) + nonnegative(noise, "noise") * rng.normal(size=n)
    return X, y - y.mean()


def support_of_pair(w: np.ndarray) -> str:
    """Which of the first two weights are not exactly zero, as one of ``SUPPORTS``."""
    first, second = w[0] != 0.0, w[1] != 0.0
    return SUPPORTS[3 if not (first or second) else 2 if first and second else 0 if first else 1]


def bootstrap_supports(
    X: object, y: object, lam: float, alpha: float, resamples: int, seed: int
) -> dict[str, int]:
    """Over ``resamples`` bootstrap resamples of the rows (each centred again), how often the
    elastic net with this λ and α (α = 1: the lasso) keeps each set of the first two features."""
    X, y = np.asarray(X, float), np.asarray(y, float)
    rng = np.random.default_rng(seed)
    counts = dict.fromkeys(SUPPORTS, 0)
    for _ in range(resamples):
        rows = rng.integers(0, len(y), size=len(y))
        Xb, yb = X[rows] - X[rows].mean(axis=0), y[rows] - y[rows].mean()
        counts[support_of_pair(elastic_net(Xb, yb, lam, alpha))] += 1
    return counts
