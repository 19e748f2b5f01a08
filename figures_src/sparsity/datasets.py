"""Small synthetic data sets with fixed seeds, so every figure and test sees the same numbers."""

from __future__ import annotations

import numpy as np


def noisy_sine(n: int = 15, seed: int = 3, noise: float = 0.25) -> tuple[np.ndarray, np.ndarray]:
    """``n`` points ``x`` evenly spread on [0, 1] and ``y = sin(2πx) + N(0, noise²)``."""
    rng = np.random.default_rng(seed)
    x = np.linspace(0.0, 1.0, n)
    return x, np.sin(2 * np.pi * x) + noise * rng.normal(size=n)


def polynomial_design(x: np.ndarray, degree: int, reference: np.ndarray | None = None) -> np.ndarray:
    """Columns x, x², …, x^degree, each centred and scaled to unit norm on ``reference`` (default x).

    Scaling puts every power on the same footing, so one λ means the same for all of them. Apply
    the same centring and scaling to new points by passing the training x as ``reference``.
    """
    reference = x if reference is None else reference
    powers = np.arange(1, degree + 1)
    train = reference[:, None] ** powers
    mean, scale = train.mean(axis=0), np.linalg.norm(train - train.mean(axis=0), axis=0)
    return (x[:, None] ** powers - mean) / scale
