"""Chapter 5, the geometry: a 2-D quadratic loss minimized over the L1 diamond or the L2 disc.

The loss is ``f(w) = (w − c)ᵀ H (w − c)`` with centre ``c`` (the unconstrained minimum) and a
symmetric positive-definite ``H``; its level sets are the ellipses of the figures. In T. Parr's
parametrization ``a(β₁−c₁)² + b(β₂−c₂)² + c(β₁−c₁)(β₂−c₂)`` this is ``H = [[a, c/2], [c/2, b]]``.
"""

from __future__ import annotations

import numpy as np

from figures_src.sparsity._checks import finite_array, nonnegative

KINDS = ("symmetric", "general", "orthogonal")


def quadratic_loss(w: object, center: object, hessian: object) -> np.ndarray | float:
    """``(w − c)ᵀH(w − c)`` for one point ``w`` of shape (2,) or many of shape (..., 2)."""
    w = np.asarray(w, dtype=float)
    d = w - np.asarray(center, dtype=float)
    result = np.einsum("...i,ij,...j->...", d, np.asarray(hessian, dtype=float), d)
    return float(result) if result.ndim == 0 else result


def constrained_minimum(center: object, hessian: object, norm: int, t: float) -> np.ndarray:
    """Exact minimizer of ``(w − c)ᵀH(w − c)`` subject to ``||w||_norm ≤ t`` (norm 1 or 2), in 2-D.

    L1: the best of the diamond's four corners and of the closed-form minimizers on its four edges;
    a solution at a corner is returned with its other coordinate exactly 0.0.
    L2: the point ``(H + μI)⁻¹Hc`` on the circle, with μ ≥ 0 found to full floating-point precision.
    """
    c, H = _problem(center, hessian)
    return constrained_minima(c[None], H[None], norm, t)[0]


def constrained_minima(centers: object, hessians: object, norm: int, t: float) -> np.ndarray:
    """``constrained_minimum`` for a batch: centers (m, 2), hessians (m, 2, 2) → minimizers (m, 2)."""
    c = finite_array(centers, "centers")
    H = finite_array(hessians, "hessians")
    if c.ndim != 2 or c.shape[1] != 2 or H.shape != (c.shape[0], 2, 2):
        raise ValueError(f"centers must be (m, 2) and hessians (m, 2, 2), got {c.shape} and {H.shape}")
    t = nonnegative(t, "t")
    if norm not in (1, 2):
        raise ValueError(f"norm must be 1 or 2, got {norm!r}")
    inside = np.linalg.norm(c, ord=norm, axis=1) <= t
    result = c.copy()
    outside = ~inside
    if t == 0:
        result[outside] = 0.0
    elif outside.any():
        solve = _on_diamond if norm == 1 else _on_circle
        result[outside] = solve(c[outside], H[outside], t)
    return result + 0.0


def _on_diamond(c: np.ndarray, H: np.ndarray, t: float) -> np.ndarray:
    m = c.shape[0]
    corners = np.array([[t, 0.0], [0.0, t], [-t, 0.0], [0.0, -t]])
    candidates = [np.broadcast_to(corner, (m, 2)) for corner in corners]
    for start, end in zip(corners, np.roll(corners, -1, axis=0), strict=True):
        d = end - start
        offset = start - c  # (m, 2)
        s = -np.einsum("i,mij,mj->m", d, H, offset) / np.einsum("i,mij,j->m", d, H, d)
        s = np.clip(s, 0.0, 1.0)  # a clipped edge minimizer is a corner, with an exact 0.0
        point = start + s[:, None] * d
        point[s == 0.0] = start
        point[s == 1.0] = end
        candidates.append(point)
    stacked = np.stack(candidates, axis=1)  # (m, 8, 2)
    values = np.stack([quadratic_loss_batch(candidate, c, H) for candidate in candidates], axis=1)
    return stacked[np.arange(m), np.argmin(values, axis=1)]


def _on_circle(c: np.ndarray, H: np.ndarray, t: float) -> np.ndarray:
    eigenvalues, Q = np.linalg.eigh(H)  # (m, 2), (m, 2, 2)
    d = np.einsum("mji,mj->mi", Q, c)

    def radius(mu: np.ndarray) -> np.ndarray:
        return np.linalg.norm(eigenvalues * d / (eigenvalues + mu[:, None]), axis=1)

    lo = np.zeros(c.shape[0])  # radius(lo) > t because the centre is outside the disc
    hi = eigenvalues.max(axis=1) * np.linalg.norm(c, axis=1) / t  # radius(hi) ≤ t
    for _ in range(2000):  # bisection down to adjacent floating-point numbers
        mid = (lo + hi) / 2
        done = (mid <= lo) | (mid >= hi)
        if done.all():
            break
        outside = radius(mid) > t
        lo = np.where(~done & outside, mid, lo)
        hi = np.where(~done & ~outside, mid, hi)
    w = eigenvalues * d / (eigenvalues + hi[:, None])
    return np.einsum("mij,mj->mi", Q, w)


def quadratic_loss_batch(w: np.ndarray, c: np.ndarray, H: np.ndarray) -> np.ndarray:
    """``(wₖ − cₖ)ᵀHₖ(wₖ − cₖ)`` for each problem k of a batch."""
    diff = w - c
    return np.einsum("mi,mij,mj->m", diff, H, diff)


def penalized_minimum(center: object, hessian: object, norm: int, lam: float) -> np.ndarray:
    """Minimizer of ``(w − c)ᵀH(w − c) + λ·pen(w)``, pen = ||w||₁ (norm 1) or ||w||²₂ (norm 2)."""
    from figures_src.sparsity.linear import _coordinate_descent

    c, H = _problem(center, hessian)
    lam = nonnegative(lam, "lam")
    if norm == 2:
        return np.linalg.solve(H + lam * np.eye(2), H @ c) + 0.0
    if norm == 1:  # (w − c)ᵀH(w − c) = wᵀHw − 2(Hc)ᵀw + const: a lasso with Gram matrix H
        return _coordinate_descent(H, H @ c, lam, 0.0, 1e-14, 100_000, None)
    raise ValueError(f"norm must be 1 or 2, got {norm!r}")


def matching_lambda(center: object, hessian: object, norm: int, t: float) -> float:
    """The λ for which the penalized problem has the same minimizer as the constrained one of radius t.

    From the optimality conditions ``2H(c − w) = λ·∂pen(w)`` at the constrained minimum w: for L1,
    λ = 2[H(c − w)]ᵢ·sign(wᵢ) on any nonzero coordinate; for L2, λ = [H(c − w)]ᵢ / wᵢ.
    Zero when the constraint is slack (the centre lies inside the ball).
    """
    c, H = _problem(center, hessian)
    w = constrained_minimum(c, H, norm, t)
    pull = H @ (c - w)
    if np.allclose(w, c):
        return 0.0
    i = int(np.argmax(np.abs(w)))
    return float(2 * pull[i] * np.sign(w[i])) if norm == 1 else float(pull[i] / w[i])


def _problem(center: object, hessian: object) -> tuple[np.ndarray, np.ndarray]:
    c = finite_array(center, "center")
    H = finite_array(hessian, "hessian")
    if c.shape != (2,) or H.shape != (2, 2):
        raise ValueError(f"center must have shape (2,) and hessian (2, 2), got {c.shape} and {H.shape}")
    if not np.allclose(H, H.T):
        raise ValueError("hessian must be symmetric")
    if np.linalg.eigvalsh(H).min() <= 0:
        raise ValueError("hessian must be positive definite (the loss must have elliptical level sets)")
    return c, H


def random_problem(rng: np.random.Generator, kind: str, t: float = 2.0, norm: int = 1):
    """One random loss of T. Parr's simulation: (center, hessian), redrawn until H is positive
    definite and the centre lies outside the ``norm`` ball of radius ``t``.

    symmetric: a ~ U[0, 10), b = a, c = 0.    general: a, b ~ U[0, 10), c ~ U[−1.5, 2.5).
    orthogonal: one of a, b is 0.1, the other ~ U[−5, 10), c = 0.   Centre ~ U[−10, 10)².
    """
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, got {kind!r}")
    while True:
        if kind == "symmetric":
            a = rng.uniform(0, 10)
            b, cross = a, 0.0
        elif kind == "general":
            a, b, cross = rng.uniform(0, 10), rng.uniform(0, 10), rng.uniform(-1.5, 2.5)
        else:
            a, b, cross = 0.1, rng.uniform(-5, 10), 0.0
            if rng.uniform() < 0.5:
                a, b = b, a
        H = np.array([[a, cross / 2], [cross / 2, b]])
        center = rng.uniform(-10, 10, size=2)
        if np.linalg.eigvalsh(H).min() > 0 and np.linalg.norm(center, ord=norm) > t:
            return center, H


def random_problems(kind: str, n: int, seed: int, t: float = 2.0) -> tuple[np.ndarray, np.ndarray]:
    """``n`` losses from ``random_problem`` with a fixed seed, centres outside both balls of radius t."""
    rng = np.random.default_rng(seed)
    problems = [random_problem(rng, kind, t=t, norm=2) for _ in range(n)]
    return np.array([c for c, _ in problems]), np.array([H for _, H in problems])


def axis_shares(kind: str, n: int, seed: int, ts: object, near: float = 0.0) -> dict[str, np.ndarray]:
    """Share of ``n`` random problems whose constrained minimum has a coordinate on an axis.

    For each radius in ``ts`` the same ``n`` losses (``random_problems(kind, n, seed)``: centres
    outside the disc of radius 2, hence outside the diamond too) are solved exactly over the L1 and
    the L2 ball. A coordinate counts as zero when ``|w_i| ≤ near·t`` (``near = 0``: exactly zero).
    Returns arrays "l1" and "l2" of shares, one per radius.
    """
    ts = finite_array(ts, "ts")
    near = nonnegative(near, "near")
    centers, hessians = random_problems(kind, n, seed)
    shares = {"l1": np.empty(ts.size), "l2": np.empty(ts.size)}
    for norm in (1, 2):
        for k, t in enumerate(ts):
            solutions = constrained_minima(centers, hessians, norm, t)
            shares[f"l{norm}"][k] = np.any(np.abs(solutions) <= near * t, axis=1).mean()
    return shares
