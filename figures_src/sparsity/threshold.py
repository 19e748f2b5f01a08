"""Chapter 6, the derivative threshold, and chapter 7's smooth penalties.

In one coordinate, ``w = 0`` minimizes ``L(w) + λ|w|`` exactly when ``|L'(0)| ≤ λ``, for a convex
loss: the penalty's one-sided slopes ±λ absorb any loss slope of at most λ. A continuously differentiable
penalty has one slope at 0 (zero for ``|w|^p``, p > 1), so 0 is a minimizer only if ``L'(0)`` is
exactly that value, an event of probability zero for continuous data.
"""

from __future__ import annotations

import numpy as np

from figures_src.sparsity._checks import finite_array, nonnegative
from figures_src.sparsity.one_feature import lasso_1d_from_moments

#: the continuously differentiable penalties of chapter 7's simulation
SMOOTH_PENALTIES = ("l2", "power", "huber")


def zero_is_optimal(grad_at_zero: object, lam: float) -> np.ndarray | bool:
    """Whether 0 minimizes ``L + λ|w|`` in a coordinate whose loss slope at 0 is ``grad_at_zero``.

    Exact for a convex loss (at ``|g| = λ`` zero is a minimum, not necessarily a strict one); for
    any differentiable loss, ``|g| < λ`` makes zero a strict local minimum in that coordinate."""
    g = finite_array(grad_at_zero, "grad_at_zero")
    lam = nonnegative(lam, "lam")
    result = np.abs(g) <= lam
    return bool(result) if result.ndim == 0 else result


def penalty_value(w: object, name: str, p: float = 1.1, delta: float = 0.1) -> np.ndarray:
    """pen(w) for name "l1" (|w|), "l2" (w²), "power" (|w|^p) or "huber" (L1 smoothed within ±delta)."""
    ws = np.abs(finite_array(w, "w"))
    if name == "l1":
        return ws
    if name == "l2":
        return ws**2
    if name == "power":
        return ws**p
    if name == "huber":
        return np.where(ws <= delta, ws**2 / (2 * delta), ws - delta / 2)
    raise ValueError(f"penalty must be one of l1, l2, power, huber; got {name!r}")


def penalty_slope(w: object, name: str, p: float = 1.1, delta: float = 0.1) -> np.ndarray:
    """pen'(w) of a smooth penalty ("l2", "power", "huber"); every one of them is 0 at w = 0."""
    ws = finite_array(w, "w")
    if name == "l2":
        return 2 * ws
    if name == "power":
        return p * np.sign(ws) * np.abs(ws) ** (p - 1)
    if name == "huber":
        return np.clip(ws / delta, -1.0, 1.0)
    raise ValueError(f"penalty_slope is for the smooth penalties {SMOOTH_PENALTIES}, got {name!r}")


def penalized_minimizer_1d(sxy: object, sxx: object, lam: float, name: str) -> np.ndarray | float:
    """Exact minimizer of ``Σ(y − xβ)² + λ·pen(β)`` for one coefficient (sxy = Σxy, sxx = Σx²), elementwise.

    L1: the closed form. Smooth convex penalties: the root of the increasing derivative
    ``−2·sxy + 2β·sxx + λ·pen'(β)``, found by bisection down to adjacent floating-point numbers.
    It is 0.0 only where that derivative vanishes at 0 exactly, that is, where sxy = 0. (One
    floating-point caveat: ``|β|^1.1`` shrinks a tiny sxy so hard that for |sxy| below about 1e-30
    the true minimizer, about (|sxy|/1.1λ)^10, underflows to 0.0. It is rounding, not a zero.)
    """
    a = finite_array(sxy, "sxy")
    s = finite_array(sxx, "sxx")
    lam = nonnegative(lam, "lam")
    if np.any(s <= 0):
        raise ValueError("sxx = Σx² must be > 0")
    a, s = np.broadcast_arrays(a, s)
    if name == "l1":
        result = lasso_1d_from_moments(a, 1.0, lam) / s
    else:
        penalty_slope(0.0, name)  # rejects an unknown name before any work

        def slope(beta: np.ndarray) -> np.ndarray:
            return -2 * a + 2 * beta * s + lam * penalty_slope(beta, name)

        # the minimizer lies between 0 and the least-squares value sxy/sxx
        lo, hi = np.minimum(0.0, a / s), np.maximum(0.0, a / s)
        for _ in range(2000):
            mid = (lo + hi) / 2
            done = (mid <= lo) | (mid >= hi)
            if done.all():
                break
            rising = slope(mid) > 0
            hi = np.where(~done & rising, mid, hi)
            lo = np.where(~done & ~rising, mid, lo)
        # of the two adjacent candidates keep the one where the slope is closer to zero;
        # when sxy = 0 both ends are 0.0 and the minimizer is exactly 0
        result = np.where(np.abs(slope(lo)) <= np.abs(slope(hi)), lo, hi)
    result = result + 0.0
    return float(result) if result.ndim == 0 else result


def exact_zero_shares(n: int, seed: int, lam: float = 2.0) -> dict[str, float]:
    """Share of exact zeros among ``n`` random one-feature problems, for L1 and the smooth penalties.

    Each problem has ``sxx ~ U[0.5, 2)`` and ``sxy ~ N(0, 1)``; the same problems for every penalty.
    """
    rng = np.random.default_rng(seed)
    sxx = rng.uniform(0.5, 2.0, size=n)
    sxy = rng.normal(size=n)
    return {
        name: float(np.mean(penalized_minimizer_1d(sxy, sxx, lam, name) == 0.0))
        for name in ("l1", *SMOOTH_PENALTIES)
    }
