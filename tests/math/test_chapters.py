"""Claims of chapters 1, 2, 4, 5, 6 and 8 not covered by the solver tests, against independent oracles."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.linalg
from scipy.optimize import minimize, minimize_scalar
from sklearn.linear_model import Lasso

from figures_src.sparsity import (
    DENSE,
    SPARSE,
    constrained_minimum,
    elastic_net,
    lasso,
    lasso_1d_from_moments,
    lasso_lambda_max,
    lp_norm,
    matching_lambda,
    noisy_sine,
    objective_1d,
    penalized_minimum,
    polynomial_design,
    quadratic_loss,
    random_problem,
    ridge,
    ridge_1d_from_moments,
    unit_ball_boundary,
)
from tests.helpers import ROOT


# --- chapter 1 -------------------------------------------------------------------------------
@pytest.mark.checks("index.md#fig-headline-subgradients")
def test_lines_under_the_corner_have_slopes_in_minus_lambda_lambda():
    """A line s·w touches λ|w| at 0 without crossing iff |s| ≤ λ; λw² admits only s = 0."""
    lam, w = 1.0, np.linspace(-2, 2, 4001)
    for s in np.linspace(-1.5, 1.5, 61):
        below_l1 = np.all(s * w <= lam * np.abs(w) + 1e-12)
        below_l2 = np.all(s * w <= lam * w**2 + 1e-12)
        assert below_l1 == (abs(s) <= lam + 1e-12)
        assert below_l2 == (s == 0.0)


# --- chapter 2 -------------------------------------------------------------------------------
def polynomial_problem():
    x, y = noisy_sine()
    return polynomial_design(x, 12), y - y.mean()


@pytest.mark.checks("overfitting.md#fig-overfitting-polynomials")
def test_polynomial_fits_lasso_keeps_four_powers_ridge_all_least_squares_explodes():
    X, yc = polynomial_problem()
    n = len(yc)
    ours = lasso(X, yc, 0.01)
    reference = (
        Lasso(alpha=0.01 / (2 * n), fit_intercept=False, tol=1e-14, max_iter=1_000_000).fit(X, yc).coef_
    )
    np.testing.assert_array_equal(ours == 0.0, reference == 0.0)
    assert list(np.flatnonzero(reference) + 1) == [1, 2, 6, 12], "the lasso keeps x, x², x⁶, x¹²"
    ridge_fit = ridge(X, yc, 0.001)
    assert np.all(ridge_fit != 0.0)
    # oracle: LAPACK's SVD-based least squares (scikit-learn's LinearRegression truncates the tiny
    # singular values of this badly conditioned design and returns a worse fit, RSS 0.66 vs 0.38)
    least_squares = scipy.linalg.lstsq(X, yc)[0]
    np.testing.assert_allclose(ridge(X, yc, 0.0), least_squares, rtol=1e-5)
    assert np.abs(X.T @ (yc - X @ least_squares)).max() < 1e-6, "the normal equations hold"
    assert np.abs(least_squares).max() > 1e6, "coefficients in the millions"
    rss = [np.sum((yc - X @ w) ** 2) for w in (ridge_fit, ours)]
    assert abs(rss[0] - rss[1]) / rss[1] < 0.05, "nearly the same training error"
    assert np.sum((yc - X @ least_squares) ** 2) < min(rss), "least squares has the smallest training error"
    kept = {lam: tuple(np.flatnonzero(lasso(X, yc, lam)) + 1) for lam in (0.005, 0.01, 0.02)}
    assert kept[0.005] != kept[0.01] != kept[0.02], "a slightly smaller or larger λ keeps a different set"


def test_polynomial_design_columns_are_centred_unit_length():
    X, _ = polynomial_problem()
    np.testing.assert_allclose(X.mean(axis=0), 0.0, atol=1e-12)
    np.testing.assert_allclose(np.linalg.norm(X, axis=0), 1.0)


# --- chapter 4 -------------------------------------------------------------------------------
@pytest.mark.checks("sparse-vs-dense.md#eq-lp-norm")
def test_lp_norm_matches_numpy_and_the_formula():
    rng = np.random.default_rng(0)
    for w in rng.normal(size=(20, 4)):
        for p in (1, 2, np.inf):
            assert lp_norm(w, p) == pytest.approx(np.linalg.norm(w, ord=p))
        assert lp_norm(w, 0.5) == pytest.approx(np.sum(np.sqrt(np.abs(w))) ** 2)


@pytest.mark.checks("sparse-vs-dense.md#eq-murphy-vectors", "sparse-vs-dense.md#eq-murphy-l1")
def test_murphys_sparse_and_dense_vectors():
    assert lp_norm(SPARSE, 2) == pytest.approx(1.0) and lp_norm(DENSE, 2) == pytest.approx(1.0)
    assert lp_norm(SPARSE, 1) == 1.0
    assert lp_norm(DENSE, 1) == pytest.approx(np.sqrt(2))
    assert lp_norm(DENSE, 0.5) == pytest.approx(2 * np.sqrt(2))  # ≈ 2.83 on the page
    assert lp_norm(DENSE, np.inf) == pytest.approx(1 / np.sqrt(2))  # ≈ 0.71 on the page


@pytest.mark.checks("sparse-vs-dense.md#fig-unit-balls")
def test_unit_ball_boundaries_have_norm_one_and_pass_through_the_sparse_vector():
    for p in (0.5, 1.0, 2.0, np.inf):
        curve = unit_ball_boundary(p)
        np.testing.assert_allclose([lp_norm(point, p) for point in curve], 1.0)
        assert np.min(np.linalg.norm(curve - SPARSE, axis=1)) < 1e-12, "angle 0 gives exactly (1, 0)"
    assert lp_norm(DENSE, 1) > 1 and lp_norm(DENSE, 0.5) > 1 and lp_norm(DENSE, np.inf) < 1


# --- chapter 5 -------------------------------------------------------------------------------
@pytest.mark.checks(
    "geometry.md#eq-constrained", "geometry.md#penalty-or-constraint-the-same-family-of-solutions"
)
@pytest.mark.parametrize("norm", [1, 2])
def test_constrained_and_penalized_forms_give_the_same_solutions(norm):
    rng = np.random.default_rng(21)
    for _ in range(100):
        center, hessian = random_problem(rng, "general")
        t = rng.uniform(0.5, 4.0)
        # constraint → penalty: the multiplier reproduces the constrained solution
        constrained = constrained_minimum(center, hessian, norm, t)
        lam = matching_lambda(center, hessian, norm, t)
        np.testing.assert_allclose(penalized_minimum(center, hessian, norm, lam), constrained, atol=1e-9)
        # penalty → constraint: the penalized solution solves the constrained problem of its own size
        lam2 = rng.uniform(0.1, 30.0)
        penalized = penalized_minimum(center, hessian, norm, lam2)
        radius = lp_norm(penalized, norm)
        np.testing.assert_allclose(constrained_minimum(center, hessian, norm, radius), penalized, atol=1e-8)


@pytest.mark.checks("geometry.md#fig-geometry-contours")
def test_geometry_figure_optima():
    """c = (1.6, 1.0), H = [[1, .35], [.35, .45]], t = 1: L1 at exactly (1, 0); L2 at (0.88, 0.48)."""
    center, hessian = np.array([1.6, 1.0]), np.array([[1.0, 0.35], [0.35, 0.45]])
    l1 = constrained_minimum(center, hessian, 1, 1.0)
    assert l1[0] == 1.0 and l1[1] == 0.0
    l2 = constrained_minimum(center, hessian, 2, 1.0)
    found = minimize(
        lambda v: quadratic_loss(v, center, hessian),
        np.zeros(2),
        method="SLSQP",
        constraints=[{"type": "ineq", "fun": lambda v: 1.0 - v @ v}],
        options={"ftol": 1e-14},
    )
    np.testing.assert_allclose(l2, found.x, atol=1e-6)
    assert np.round(l2, 2).tolist() == [0.88, 0.48]
    # the corner is optimal by the KKT condition at (1, 0): −g₁ ≥ |g₂| for g = 2H(v − c)
    g = 2 * hessian @ (np.array([1.0, 0.0]) - center)
    assert -g[0] >= abs(g[1])


# --- chapter 6 -------------------------------------------------------------------------------
@pytest.mark.checks("derivative-threshold.md#eq-loss-slope", "beyond.md#eq-lambda-max")
def test_loss_slope_at_zero_is_minus_two_x_transpose_residual():
    rng = np.random.default_rng(4)
    X, y = rng.normal(size=(30, 4)), rng.normal(size=30)
    w = rng.normal(size=4)
    for j in range(4):
        at_zero = w.copy()
        at_zero[j] = 0.0
        h = 1e-6
        step = np.eye(4)[j] * h
        numeric = (np.sum((y - X @ (at_zero + step)) ** 2) - np.sum((y - X @ (at_zero - step)) ** 2)) / (
            2 * h
        )
        assert numeric == pytest.approx(-2 * X[:, j] @ (y - X @ at_zero), rel=1e-6)


@pytest.mark.checks("derivative-threshold.md#eq-l2-stationarity")
def test_ridge_solution_makes_the_gradient_vanish():
    rng = np.random.default_rng(5)
    X, y = rng.normal(size=(40, 5)), rng.normal(size=40)
    beta = 3.0
    w = ridge(X, y, beta)
    np.testing.assert_allclose(-2 * X.T @ (y - X @ w) + 2 * beta * w, 0.0, atol=1e-10)


@pytest.mark.checks("derivative-threshold.md#eq-one-sided-change")
@pytest.mark.parametrize(("g", "beta"), [(0.4, 1.0), (-0.9, 1.0), (1.5, 1.0), (-3.0, 2.0)])
@pytest.mark.claim(
    "derivative-threshold.md#eq-one-sided-change",
    "If $\\lvert g_i\\rvert < \\lambda$ the right-hand side is positive for every small step in either "
    "direction: $w_i = 0$ is a strict local minimum in that coordinate, for any differentiable loss",
    searched="slopes inside and outside [−λ, λ], steps of both signs down to 1e-6",
)
def test_change_after_a_small_step_is_g_h_plus_lambda_abs_h(g, beta):
    """For L(w) = g·w + w² the exact change is g·h + h² + β|h|: g·h + β|h| to first order, either way."""
    for h in (1e-4, -1e-4, 1e-6, -1e-6):
        change = objective_1d(h, -g / 2, 1.0, 0.0, beta, "l1") - objective_1d(
            0.0, -g / 2, 1.0, 0.0, beta, "l1"
        )
        assert change == pytest.approx(g * h + beta * abs(h), abs=2 * h * h)
        if abs(g) < beta:
            assert change > 0, "below the threshold every small step goes up"
        elif np.sign(h) == -np.sign(g):
            assert change < 0, "above it, a step against the slope goes down"


@pytest.mark.checks("derivative-threshold.md#fig-threshold-diagram")
@pytest.mark.claim(
    "derivative-threshold.md#fig-threshold-diagram",
    "away from zero for every $g \\ne 0$",
    searched=(
        "the figure's slopes 0.5, 1, 1.6, and 0 and 2.5, against SciPy and the closed form (every g: "
        "test_smooth_power_penalties_move_off_zero…)"
    ),
)
def test_threshold_diagram_minimizers():
    """L(w) = g·w + w², β = 1: L1 minimizer 0 for |g| ≤ 1, −(|g| − 1)/2 beyond; L2 minimizer −g/4."""
    for g in (0.0, 0.5, 1.0, 1.6, 2.5):
        for penalty, expected, closed in (
            ("l1", -np.sign(g) * max(abs(g) - 1.0, 0.0) / 2, lasso_1d_from_moments),
            ("l2", -g / 4, ridge_1d_from_moments),
        ):
            found = minimize_scalar(
                lambda v, p=penalty, gg=g: objective_1d(v, -gg / 2, 1.0, 0.0, 1.0, p),
                bounds=(-3, 3),
                method="bounded",
                options={"xatol": 1e-12},
            )
            assert found.x == pytest.approx(expected, abs=1e-7)
            assert closed(-g / 2, 1.0, 1.0) == pytest.approx(expected, abs=1e-15)
        assert (lasso_1d_from_moments(-g / 2, 1.0, 1.0) == 0.0) == (abs(g) <= 1.0)


# --- chapter 8 -------------------------------------------------------------------------------
@pytest.mark.checks("beyond.md#eq-elastic-net-threshold")
@pytest.mark.parametrize("alpha", [0.2, 0.5, 0.9])
@pytest.mark.claim(
    "beyond.md#eq-elastic-net-threshold",
    "so the elastic net can give exact zeros for every $\\alpha > 0$",
    searched=(
        "α = 0.2, 0.5 and 0.9 on a random problem with 12 features, the threshold checked on every weight"
    ),
)
def test_elastic_net_zero_exactly_where_the_loss_slope_is_below_lambda_alpha(alpha):
    rng = np.random.default_rng(6)
    X = rng.normal(size=(80, 12))
    y = X[:, :3] @ np.array([2.0, -1.5, 1.0]) + rng.normal(size=80)
    lam = 0.3 * lasso_lambda_max(X, y) / alpha
    w = elastic_net(X, y, lam, alpha)
    zero = w == 0.0
    assert zero.sum() >= 3 and (~zero).sum() >= 2, "sparse for this α"
    slopes = -2 * X.T @ (y - X @ w)  # loss slope in each coordinate, the others at the solution
    assert np.all(np.abs(slopes[zero]) <= lam * alpha * (1 + 1e-9))
    assert np.all(np.abs(slopes[~zero]) > lam * alpha * (1 - 1e-9))


@pytest.mark.checks("beyond.md#penalties-with-p-1-sparser-but-not-convex")
@pytest.mark.parametrize("g", [0.5, 3.0, 30.0])
@pytest.mark.claim(
    "beyond.md#penalties-with-p-1-sparser-but-not-convex",
    "so for every $\\lambda > 0$ the value $w_j = 0$ is a local minimum in that coordinate, whatever the "
    "data",
    searched="loss slopes 0.5, 3 and 30, steps down to 1e-12 on both sides of zero",
)
def test_p_below_one_zero_is_always_a_local_minimum_and_there_can_be_another(g):
    """f(w) = g·w + w² + |w|^0.5: f(h) > f(0) for all small h ≠ 0, whatever the finite slope g."""

    def f(v):
        return g * v + v**2 + np.abs(v) ** 0.5

    small = np.r_[-np.geomspace(1e-12, 1e-4, 50), np.geomspace(1e-12, 1e-4, 50)]
    assert np.all(f(small) > f(0.0))
    if g == 30.0:  # a second, lower local minimum away from zero: the objective is not convex
        away = minimize_scalar(f, bounds=(-40, -0.5), method="bounded")
        assert away.fun < f(0.0) and -40 < away.x < -0.5


def test_diabetes_figure_reads_the_same_data_as_scikit_learn():
    """The figure reads scikit-learn's files directly (fast); they must equal load_diabetes()."""
    import importlib.util

    from sklearn.datasets import load_diabetes

    spec = importlib.util.spec_from_file_location(
        "diabetes_paths", ROOT / "figures_src/figures/diabetes_paths.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    X, y, names = module.data()
    reference = load_diabetes()
    np.testing.assert_allclose(X, reference.data, atol=1e-15)
    np.testing.assert_array_equal(y, reference.target - reference.target.mean())
    assert names == list(reference.feature_names)


def test_the_swings_of_figure_8_2_are_each_weights_range_over_nine_steps():
    """The shaded bands stand for the subgradient iterates they replace: at every step each band
    runs from the lowest to the highest value of its weight within four steps either side (a brute
    force over the windows, the edges included)."""
    from figures_src.figures import ista_vs_subgradient as figure

    path = np.random.default_rng(3).normal(size=(40, 3))
    low, high = figure.swings(path)
    for k in range(path.shape[0]):
        window = path[max(0, k - figure.SWING) : k + figure.SWING + 1]
        np.testing.assert_array_equal(low[k], window.min(axis=0))
        np.testing.assert_array_equal(high[k], window.max(axis=0))
    assert figure.SWING == 4, "the caption says nine iterates, four steps either side"
