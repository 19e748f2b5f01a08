"""Chapter 8, exact regularization paths: where lasso and ridge coefficients are exactly zero along λ.

Lasso. The solution of ``||y − Xw||² + λ||w||₁`` is piecewise linear in λ. ``lasso_knots`` follows it
exactly from λ_max down (the homotopy of Osborne, Presnell & Turlach 2000, which is LARS with the
lasso modification of Efron et al. 2004): between two knots the active set and its signs are fixed;
at a knot a feature joins (its correlation with the residual reaches λ/2) or an active coefficient
reaches zero and leaves. A coefficient that leaves can join again later, so a lasso coefficient can
be zero on several separate intervals of λ.

Ridge. Each coefficient ``w_j(λ) = e_jᵀ(XᵀX + λI)⁻¹Xᵀy`` is a rational function of λ whose numerator
has degree at most p − 1, so it is zero at no more than p − 1 values of λ > 0 unless it is zero for
every λ. ``ridge_zeros`` finds those values: the numerator's real roots, each polished by bracketing
a sign change of ``w_j`` itself.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.optimize import brentq

from figures_src.sparsity._checks import nonnegative
from figures_src.sparsity.linear import design


@dataclass(frozen=True)
class LassoKnots:
    """The exact lasso path: ``lams`` decreasing from λ_max, ``coefs[k]`` the solution at ``lams[k]``."""

    lams: np.ndarray  # (K,)
    coefs: np.ndarray  # (K, p)

    @property
    def zero_segments(self) -> np.ndarray:
        """(K − 1, p): whether coefficient j is exactly 0 on the whole segment [lams[k + 1], lams[k]]."""
        return (self.coefs[:-1] == 0.0) & (self.coefs[1:] == 0.0)

    def at(self, lams: object) -> np.ndarray:
        """The solution at any λ in [lams[-1], ∞), by linear interpolation between knots (exact)."""
        values = np.atleast_1d(np.asarray(lams, dtype=float))
        if np.any(values < self.lams[-1]):
            raise ValueError(f"the path was followed down to λ = {self.lams[-1]!r} only")
        out = np.empty((values.size, self.coefs.shape[1]))
        zero = self.zero_segments
        for i, lam in enumerate(values):
            if lam >= self.lams[0]:
                out[i] = 0.0
                continue
            k = int(np.searchsorted(-self.lams, -lam, side="right")) - 1  # lams[k] >= lam > lams[k+1]
            k = min(k, self.lams.size - 2)
            hi, lo = self.lams[k], self.lams[k + 1]
            share = (hi - lam) / (hi - lo)
            out[i] = np.where(zero[k], 0.0, (1 - share) * self.coefs[k] + share * self.coefs[k + 1])
        return out

    def zero_intervals(self, j: int) -> list[tuple[float, float]]:
        """The closed intervals [lo, hi] of λ (hi = inf for the first) on which coefficient j is exactly 0."""
        intervals: list[tuple[float, float]] = []
        hi = np.inf
        for k, zero_segment in enumerate(self.zero_segments[:, j]):
            if not zero_segment:
                if hi is not None:
                    intervals.append((float(self.lams[k]), float(hi)))
                    hi = None
            elif hi is None:
                hi = self.lams[k]
        if hi is not None:
            intervals.append((float(self.lams[-1]), float(hi)))
        return intervals


def lasso_knots(X: object, y: object, lam_min: float = 0.0) -> LassoKnots:
    """Follow the lasso path exactly from λ_max = 2·max|Xᵀy| down to ``lam_min`` (or to the end).

    Needs the active features' Gram matrix to stay invertible (true for n ≥ p data in general
    position); raises ValueError otherwise rather than return a wrong path.
    """
    X, y = design(X, y)
    lam_min = nonnegative(lam_min, "lam_min")
    gram, corr = X.T @ X, X.T @ y
    p = corr.size
    mu = float(np.max(np.abs(corr)))  # μ = λ/2: active correlations equal ±μ
    w = np.zeros(p)
    lams, coefs = [2 * mu], [w.copy()]
    if mu == 0.0:
        return LassoKnots(np.array(lams), np.array(coefs))
    active = [int(np.argmax(np.abs(corr)))]
    signs = {active[0]: float(np.sign(corr[active[0]]))}
    scale = mu
    while mu > lam_min / 2:
        a = np.array(active)
        s = np.array([signs[j] for j in active])
        try:
            d = np.linalg.solve(gram[np.ix_(a, a)], s)  # dw_A / d(−μ)
        except np.linalg.LinAlgError as error:
            raise ValueError("the active features are linearly dependent: the path is not unique") from error
        c = corr - gram @ w  # correlations with the residual, ±μ on the active set
        slope = gram[:, a] @ d  # how fast each correlation falls per unit decrease of μ
        step, event, joiner = mu - lam_min / 2, None, None
        # When each inactive j would join with each sign: c_j − δ·slope_j = sign·(μ − δ).
        sign = np.array([1.0, -1.0])
        denominator = sign - slope[:, None]  # (p, 2)
        usable = np.abs(denominator) > 1e-15
        usable[a] = False
        delta = np.full(denominator.shape, np.inf)
        delta[usable] = (sign * mu - c[:, None])[usable] / denominator[usable]
        delta[(delta <= 1e-12 * scale) | (delta >= step)] = np.inf
        first = int(np.argmin(delta))  # the earliest event; ties go to the lowest j, then sign +
        if np.isfinite(delta.flat[first]):
            j, k = divmod(first, 2)
            step, event, joiner = float(delta.flat[first]), "join", (j, float(sign[k]))
        for i, j in enumerate(active):
            if d[i] * w[j] < 0:  # moving towards zero
                delta = -w[j] / d[i]
                if 0 < delta < step:
                    step, event, joiner = delta, "drop", (j, 0.0)
        w = w.copy()
        w[a] += step * d
        mu = lam_min / 2 if event is None else mu - step  # exactly lam_min at the end, no rounding
        if event == "drop":
            j = joiner[0]
            w[j] = 0.0
            active.remove(j)
            del signs[j]
        elif event == "join":
            j, sign = joiner
            active.append(j)
            signs[j] = sign
        lams.append(2 * mu)
        coefs.append(w + 0.0)
        if event is None or not active:
            break
    return LassoKnots(np.array(lams), np.array(coefs))


def ridge_zeros(X: object, y: object, lam_lo: float, lam_hi: float) -> list[list[float] | None]:
    """For each coefficient j, the λ in (lam_lo, lam_hi) at which the ridge coefficient is exactly zero.

    From the SVD ``X = U diag(s) Vᵀ``: ``w_j(λ) = Σ_k V_jk s_k (Uᵀy)_k / (s_k² + λ)``. Its numerator
    ``P_j(λ) = Σ_k V_jk s_k (Uᵀy)_k Π_{m≠k} (s_m² + λ)`` has degree at most p − 1; every real root
    of P_j in the interval where ``w_j`` changes sign is kept, polished by Brent's method on w_j.
    A coefficient that is zero for every λ (P_j ≡ 0, as for a feature orthogonal to y and to every
    other feature) is reported as None, one that is never zero in the interval as an empty list.
    """
    X, y = design(X, y)
    lam_lo, lam_hi = nonnegative(lam_lo, "lam_lo"), nonnegative(lam_hi, "lam_hi")
    if not lam_lo < lam_hi:
        raise ValueError(f"need lam_lo < lam_hi, got {lam_lo!r} and {lam_hi!r}")
    U, s, Vt = np.linalg.svd(X, full_matrices=False)
    keep = s > s.max() * 1e-12
    s, weights = s[keep], (Vt[keep].T * (s[keep] * (U[:, keep].T @ y)))  # (p, r)
    d = s**2

    def coefficient(lam: float, j: int) -> float:
        return float(np.sum(weights[j] / (d + lam)))

    biggest = float(np.abs(weights).max(initial=0.0))
    result: list[list[float] | None] = []
    for j in range(weights.shape[0]):
        if np.all(np.abs(weights[j]) <= 1e-13 * biggest):
            result.append(None)
            continue
        numerator = sum(
            (weights[j, k] * np.polynomial.Polynomial.fromroots(-np.delete(d, k)) for k in range(d.size)),
            start=np.polynomial.Polynomial([0.0]),
        )
        found: list[float] = []
        for root in numerator.roots():
            lam = float(root.real)
            if abs(root.imag) > 1e-6 * max(1.0, abs(lam)) or not lam_lo < lam < lam_hi:
                continue
            for width in (1e-10, 1e-8, 1e-6, 1e-4):  # the smallest bracket with a sign change
                lo, hi = max(lam * (1 - width), lam_lo), min(lam * (1 + width), lam_hi)
                if coefficient(lo, j) * coefficient(hi, j) < 0:
                    zero = brentq(coefficient, lo, hi, args=(j,), xtol=1e-300, rtol=1e-15, maxiter=500)
                    if not any(abs(zero - other) <= 1e-12 * zero for other in found):
                        found.append(float(zero))
                    break
        result.append(sorted(found))
    return result
