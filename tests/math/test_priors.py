"""Chapter 7 (priors) and the MAP-vs-mean point of chapter 8, against SymPy, quadrature and SciPy."""

from __future__ import annotations

import math

import numpy as np
import pytest
import sympy as sp
from scipy.integrate import quad
from scipy.optimize import minimize_scalar

from figures_src.sparsity import (
    GAUSSIAN_STD_THRESHOLD,
    UNIT_VARIANCE_LAPLACE_SCALE,
    gaussian_pdf,
    laplace_map_1d,
    laplace_pdf,
    laplace_posterior_mean_1d,
    lasso_1d,
    lasso_lambda_from_prior,
    ridge_1d,
    ridge_lambda_from_prior,
)

w, r = sp.symbols("w r", real=True)
sigma2, tau2, b, lam = sp.symbols("sigma2 tau2 b lambda", positive=True)


def penalty_weight(neg_log_prior: sp.Expr, penalty: sp.Expr) -> sp.Expr:
    """λ such that 2σ²·(−log prior) equals λ·penalty up to a constant (the MAP objective × 2σ²)."""
    return sp.solve(sp.Eq(sp.diff(2 * sigma2 * neg_log_prior, w), sp.diff(lam * penalty, w)), lam)[0]


@pytest.mark.checks("priors.md#eq-neg-log-posterior")
def test_negative_log_likelihood_times_two_sigma2_is_the_squared_loss():
    gauss = sp.exp(-(r**2) / (2 * sigma2)) / sp.sqrt(2 * sp.pi * sigma2)
    assert sp.simplify(sp.diff(-2 * sigma2 * sp.log(gauss), r) - sp.diff(r**2, r)) == 0


@pytest.mark.checks("priors.md#eq-prior-lambdas")
def test_gaussian_prior_gives_ridge_with_sigma2_over_tau2():
    prior = sp.exp(-(w**2) / (2 * tau2)) / sp.sqrt(2 * sp.pi * tau2)
    derived = penalty_weight(-sp.log(prior), w**2)
    assert sp.simplify(derived - sigma2 / tau2) == 0
    for s2, t2 in [(1.0, 1.0), (0.3, 2.5), (4.0, 0.01)]:
        assert ridge_lambda_from_prior(s2, t2) == pytest.approx(float(derived.subs({sigma2: s2, tau2: t2})))


@pytest.mark.checks("priors.md#eq-prior-lambdas")
def test_laplace_prior_gives_lasso_with_two_sigma2_over_b():
    wp = sp.symbols("w_p", positive=True)  # away from the kink, where both sides are differentiable
    prior = sp.exp(-sp.Abs(wp) / b) / (2 * b)
    derived = sp.solve(sp.Eq(sp.diff(-2 * sigma2 * sp.log(prior), wp), sp.diff(lam * sp.Abs(wp), wp)), lam)[0]
    assert sp.simplify(derived - 2 * sigma2 / b) == 0
    for s2, scale in [(1.0, 1.0), (0.3, 2.5), (4.0, 0.01)]:
        assert lasso_lambda_from_prior(s2, scale) == pytest.approx(
            float(derived.subs({sigma2: s2, b: scale}))
        )


@pytest.mark.checks("priors.md#eq-neg-log-posterior", "priors.md#eq-prior-lambdas")
@pytest.mark.parametrize(("prior", "scale"), [("gaussian", 0.7), ("laplace", 0.4)])
def test_map_estimate_is_the_penalized_fit(prior, scale):
    """Minimize the negative log-posterior directly (SciPy) and compare with ridge/lasso at the derived λ."""
    rng = np.random.default_rng(5)
    x = rng.normal(size=30)
    y = 0.3 * x + rng.normal(size=30)
    noise = 1.5
    if prior == "gaussian":
        log_prior, fit = (
            (lambda v: -(v**2) / (2 * scale)),
            ridge_1d(x, y, ridge_lambda_from_prior(noise, scale)),
        )
    else:
        log_prior, fit = (lambda v: -abs(v) / scale), lasso_1d(x, y, lasso_lambda_from_prior(noise, scale))
    found = minimize_scalar(
        lambda v: np.sum((y - x * v) ** 2) / (2 * noise) - log_prior(v),
        bounds=(-3, 3),
        method="bounded",
        options={"xatol": 1e-12},
    )
    assert found.x == pytest.approx(fit, abs=1e-7)


@pytest.mark.checks("priors.md#fig-priors-densities")
@pytest.mark.parametrize("var", [0.1, 1.0, 3.0])
def test_densities_integrate_to_one(var):
    for pdf in (gaussian_pdf, laplace_pdf):
        halves = quad(pdf, -np.inf, 0, args=(var,))[0] + quad(pdf, 0, np.inf, args=(var,))[0]
        assert halves == pytest.approx(1.0, abs=1e-10), pdf.__name__


@pytest.mark.checks("priors.md#fig-priors-densities")
def test_unit_variance_laplace_and_the_peak_densities():
    b_unit = UNIT_VARIANCE_LAPLACE_SCALE
    assert b_unit == pytest.approx(1 / math.sqrt(2))
    assert quad(lambda v: v**2 * laplace_pdf(v, b_unit), -np.inf, np.inf)[0] == pytest.approx(1.0, abs=1e-9)
    assert gaussian_pdf(0.0, 1.0) == pytest.approx(0.3989, abs=5e-5)  # 1/√(2π), on the page as ≈ 0.399
    assert laplace_pdf(0.0, b_unit) == pytest.approx(0.7071, abs=5e-5)  # 1/√2, on the page as ≈ 0.707


@pytest.mark.checks("priors.md#eq-narrow-gaussian", "priors.md#fig-priors-narrow-gaussian")
@pytest.mark.claim(
    "priors.md#eq-narrow-gaussian",
    "which beats the unit-variance Laplace's $1/\\sqrt2$ exactly when",
    searched="SymPy's solution of the inequality, and standard deviations on both sides of 1/√π",
)
def test_a_narrow_gaussian_beats_the_laplace_at_zero_exactly_below_one_over_root_pi():
    s = sp.symbols("s", positive=True)
    solution = sp.solve(sp.Eq(1 / (s * sp.sqrt(2 * sp.pi)), 1 / sp.sqrt(2)), s)
    assert solution == [1 / sp.sqrt(sp.pi)]
    assert GAUSSIAN_STD_THRESHOLD == pytest.approx(float(solution[0]))
    assert GAUSSIAN_STD_THRESHOLD == pytest.approx(0.564, abs=5e-4)
    laplace_peak = laplace_pdf(0.0, UNIT_VARIANCE_LAPLACE_SCALE)
    for std in (0.2, 0.5, 0.56):
        assert gaussian_pdf(0.0, std**2) > laplace_peak
    for std in (0.57, 0.8, 1.0):
        assert gaussian_pdf(0.0, std**2) < laplace_peak


@pytest.mark.checks("priors.md#fig-priors-narrow-gaussian")
@pytest.mark.parametrize("tau2", [1e-2, 1e-4, 1e-8])
@pytest.mark.claim(
    "priors.md#more-mass-near-zero-is-not-the-reason",
    "and ridge gives exact zeros only by coincidence: with one feature only when $\\sum_i x_i y_i = 0$",
    searched=(
        "prior variances down to 1e-8 on one random problem (every finite Σxy: "
        "test_ridge_is_zero_only_when_sum_xy_is_zero)"
    ),
)
def test_a_narrower_gaussian_prior_still_gives_no_exact_zero(tau2):
    rng = np.random.default_rng(1)
    x = rng.normal(size=20)
    y = x + rng.normal(size=20)
    estimate = ridge_1d(x, y, ridge_lambda_from_prior(1.0, tau2))
    assert estimate != 0.0 and abs(estimate) < 10 * tau2 * abs(x @ y)


@pytest.mark.checks("beyond.md#bayesian-lasso-only-the-mode-is-sparse")
@pytest.mark.parametrize("sxy", [0.2, 0.45, -0.3, 1.5])
def test_laplace_posterior_mode_is_sparse_but_its_mean_is_not(sxy):
    sxx, noise, scale = 1.0, 1.0, 1.0  # λ = 2σ²/b = 2: the mode is zero for |sxy| ≤ 1
    mode = laplace_map_1d(sxy, sxx, noise, scale)
    mean = laplace_posterior_mean_1d(sxy, sxx, noise, scale)
    assert (mode == 0.0) == (abs(sxy) <= 1.0)
    assert mean != 0.0 and np.sign(mean) == np.sign(sxy)
    grid = np.linspace(-15, 15, 600_001)  # brute-force check of the mean
    weights = np.exp(-(sxx * grid**2 - 2 * sxy * grid) / (2 * noise) - np.abs(grid) / scale)
    assert mean == pytest.approx(np.sum(grid * weights) / np.sum(weights), rel=1e-6)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: gaussian_pdf(0.0, 0.0), "var"),
        (lambda: laplace_pdf(0.0, -1.0), "b"),
        (lambda: ridge_lambda_from_prior(1.0, 0.0), "tau2"),
        (lambda: lasso_lambda_from_prior(float("nan"), 1.0), "sigma2"),
    ],
)
def test_bad_input_raises_a_clear_error(call, message):
    with pytest.raises(ValueError, match=message):
        call()
