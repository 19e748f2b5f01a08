"""The math of the explainer, computed once.

Conventions, used on every page, figure and test (the home page states them for readers): data
``X`` (n×p), targets ``y``; squared loss ``L(w) = ||y − Xw||²`` with no 1/2 and no 1/n;
regularization strength ``lam ≥ 0``. Ridge is ``L(w) + lam·||w||²₂``, lasso ``L(w) + lam·||w||₁``,
elastic net ``L(w) + lam·(alpha·||w||₁ + (1 − alpha)·||w||²₂)``. No intercept: centre the data first.

NumPy and SciPy only: no plotting, no file I/O. Figures, tests and the notebook import from here.
"""

from figures_src.sparsity.constrained import (
    axis_shares,
    constrained_minima,
    constrained_minimum,
    matching_lambda,
    penalized_minimum,
    quadratic_loss,
    random_problem,
    random_problems,
)
from figures_src.sparsity.datasets import noisy_sine, polynomial_design
from figures_src.sparsity.linear import (
    elastic_net,
    lasso,
    lasso_lambda_max,
    lasso_path,
    ridge,
    ridge_path,
)
from figures_src.sparsity.norms import DENSE, SPARSE, lp_norm, unit_ball_boundary
from figures_src.sparsity.one_feature import (
    lasso_1d,
    lasso_1d_from_moments,
    objective_1d,
    ridge_1d,
    ridge_1d_from_moments,
    soft_threshold,
)
from figures_src.sparsity.paths import LassoKnots, lasso_knots, ridge_zeros
from figures_src.sparsity.priors import (
    GAUSSIAN_STD_THRESHOLD,
    UNIT_VARIANCE_LAPLACE_SCALE,
    gaussian_pdf,
    laplace_map_1d,
    laplace_pdf,
    laplace_posterior_mean_1d,
    laplace_posterior_median_1d,
    lasso_lambda_from_prior,
    ridge_lambda_from_prior,
)
from figures_src.sparsity.proximal import ista, lipschitz_step, subgradient_descent
from figures_src.sparsity.selection import (
    SUPPORTS,
    bootstrap_supports,
    correlated_pair,
    exact_zero_counts,
    regression_problem,
    support_of_pair,
)
from figures_src.sparsity.threshold import (
    exact_zero_shares,
    penalized_minimizer_1d,
    penalty_slope,
    penalty_value,
    zero_is_optimal,
)
from figures_src.sparsity.training import (
    logistic_lambda_max,
    logistic_lasso,
    logistic_loss,
    logistic_objective,
    train,
)

__all__ = [
    "DENSE",
    "GAUSSIAN_STD_THRESHOLD",
    "SPARSE",
    "SUPPORTS",
    "UNIT_VARIANCE_LAPLACE_SCALE",
    "LassoKnots",
    "axis_shares",
    "bootstrap_supports",
    "constrained_minima",
    "constrained_minimum",
    "correlated_pair",
    "elastic_net",
    "exact_zero_counts",
    "exact_zero_shares",
    "gaussian_pdf",
    "ista",
    "laplace_map_1d",
    "laplace_pdf",
    "laplace_posterior_mean_1d",
    "laplace_posterior_median_1d",
    "lasso",
    "lasso_1d",
    "lasso_1d_from_moments",
    "lasso_knots",
    "lasso_lambda_from_prior",
    "lasso_lambda_max",
    "lasso_path",
    "lipschitz_step",
    "logistic_lambda_max",
    "logistic_lasso",
    "logistic_loss",
    "logistic_objective",
    "lp_norm",
    "matching_lambda",
    "noisy_sine",
    "objective_1d",
    "penalized_minimizer_1d",
    "penalized_minimum",
    "penalty_slope",
    "penalty_value",
    "polynomial_design",
    "quadratic_loss",
    "random_problem",
    "random_problems",
    "regression_problem",
    "ridge",
    "ridge_1d",
    "ridge_1d_from_moments",
    "ridge_lambda_from_prior",
    "ridge_path",
    "ridge_zeros",
    "soft_threshold",
    "subgradient_descent",
    "support_of_pair",
    "train",
    "unit_ball_boundary",
    "zero_is_optimal",
]
