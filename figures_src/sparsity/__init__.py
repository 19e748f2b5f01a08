"""The math of the explainer, computed once.

Conventions (CONTENT.md, used on every page, figure and test): data ``X`` (n×p), targets ``y``;
squared loss ``L(w) = ||y - Xw||²`` with no 1/2 and no 1/n; regularization strength ``lam ≥ 0``.
Ridge is ``L(w) + lam·||w||²₂``, lasso is ``L(w) + lam·||w||₁``.

NumPy only: no plotting, no file I/O. Figures, tests and the notebook all import from here.
"""

from figures_src.sparsity.one_feature import (
    lasso_1d,
    lasso_1d_from_moments,
    objective_1d,
    ridge_1d,
    ridge_1d_from_moments,
    soft_threshold,
)

__all__ = [
    "lasso_1d",
    "lasso_1d_from_moments",
    "objective_1d",
    "ridge_1d",
    "ridge_1d_from_moments",
    "soft_threshold",
]
