"""Input checks shared by the math functions: bad input raises ValueError, never a silent NaN."""

from __future__ import annotations

import numpy as np


def finite_array(value: object, name: str) -> np.ndarray:
    """Return ``value`` as a float array, raising ValueError if any entry is NaN or infinite."""
    array = np.asarray(value, dtype=float)
    if not np.all(np.isfinite(array)):
        raise ValueError(f"{name} must be finite (no NaN or infinity), got {value!r}")
    return array


def nonnegative(value: float, name: str) -> float:
    """Return ``value`` as a float, raising ValueError if it is negative, NaN or infinite."""
    number = float(value)
    if not np.isfinite(number) or number < 0:
        raise ValueError(f"{name} must be a finite number ≥ 0, got {value!r}")
    return number


def one_feature_data(x: object, y: object) -> tuple[np.ndarray, np.ndarray]:
    """Return ``x`` and ``y`` as 1-D float arrays of equal length with a nonzero ``x``."""
    xs = finite_array(x, "x")
    ys = finite_array(y, "y")
    if xs.ndim != 1 or ys.ndim != 1 or xs.shape != ys.shape:
        raise ValueError(f"x and y must be 1-D of equal length, got shapes {xs.shape} and {ys.shape}")
    if not np.any(xs):
        raise ValueError("x must not be all zeros: the coefficient is then undetermined")
    return xs, ys
