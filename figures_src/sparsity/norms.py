"""Chapter 4: ℓp norms, the unit balls they draw, and Murphy's sparse-versus-dense example."""

from __future__ import annotations

import numpy as np

from figures_src.sparsity._checks import finite_array

#: Murphy's two vectors of equal Euclidean length: one sparse, one dense
SPARSE = np.array([1.0, 0.0])
DENSE = np.array([1.0, 1.0]) / np.sqrt(2.0)


def lp_norm(w: object, p: float) -> float:
    """``(Σ|wᵢ|^p)^(1/p)`` for p > 0 (a quasi-norm for p < 1), and ``max|wᵢ|`` for p = ∞."""
    ws = np.abs(finite_array(w, "w")).ravel()
    p = float(p)
    if not p > 0:
        raise ValueError(f"p must be > 0 (or inf), got {p!r}")
    if np.isinf(p):
        return float(ws.max())
    return float(np.sum(ws**p) ** (1.0 / p))


def unit_ball_boundary(p: float, n: int = 721) -> np.ndarray:
    """``n`` points (closed curve, shape (n, 2)) of the 2-D unit sphere ``{w : ||w||_p = 1}``."""
    angle = np.linspace(0.0, 2.0 * np.pi, n)
    directions = np.c_[np.cos(angle), np.sin(angle)]
    radii = np.array([lp_norm(d, p) for d in directions])
    return directions / radii[:, None]
