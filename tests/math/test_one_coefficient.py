"""Chapter 3 ("One coefficient"): every equation and number on the page, checked independently.

Oracles: SciPy's scalar minimizer and brute-force grids on the objective written out from the raw
data, SymPy for the first-order conditions, scikit-learn for the scaling conversion.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
import sympy as sp
from hypothesis import assume, given
from hypothesis import strategies as st
from scipy.optimize import minimize_scalar

from figures_src.sparsity import (
    lasso_1d,
    lasso_1d_from_moments,
    objective_1d,
    ridge_1d,
    ridge_1d_from_moments,
    soft_threshold,
)

finite = st.floats(min_value=-1e3, max_value=1e3, allow_nan=False)
lams = st.floats(min_value=0.0, max_value=1e3, allow_nan=False)
positive = st.floats(min_value=1e-2, max_value=1e3, allow_nan=False)


def data(seed: int, n: int = 25) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    x = rng.normal(size=n)
    return x, 0.7 * x + rng.normal(size=n)


def brute_force_minimizer(x: np.ndarray, y: np.ndarray, lam: float, penalty) -> float:
    """Minimize the objective written out from the raw data, first by Brent, then refined on a grid."""

    def objective(b: float) -> float:
        return float(np.sum((y - x * b) ** 2) + lam * penalty(b))

    scale = 2 * abs(x @ y) / (x @ x) + 1
    coarse = minimize_scalar(objective, bounds=(-scale, scale), method="bounded", options={"xatol": 1e-12})
    grid = np.linspace(coarse.x - 1e-3, coarse.x + 1e-3, 20001)
    values = np.sum((y[None, :] - x[None, :] * grid[:, None]) ** 2, axis=1) + lam * penalty(grid)
    return float(grid[np.argmin(values)])


# Eq. (3.1): the loss depends on the data only through three sums.
@pytest.mark.checks("one-coefficient.md#eq-one-feature-loss")
@pytest.mark.parametrize("seed", range(5))
def test_loss_expansion_in_moments(seed):
    x, y = data(seed)
    for beta in np.linspace(-2, 2, 9):
        direct = np.sum((y - x * beta) ** 2)
        assert objective_1d(beta, x @ y, x @ x, y @ y, 0.0, "l2") == pytest.approx(direct, rel=1e-12)
        assert objective_1d(beta, x @ y, x @ x, y @ y, 1.3, "l1") == pytest.approx(
            direct + 1.3 * abs(beta), rel=1e-12
        )


# Eq. (3.2): the ridge closed form is the minimizer.
@pytest.mark.checks("one-coefficient.md#eq-ridge-1d")
@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("lam", [0.0, 0.5, 3.0, 40.0])
def test_ridge_closed_form_is_the_minimizer(seed, lam):
    x, y = data(seed)
    assert ridge_1d(x, y, lam) == pytest.approx(brute_force_minimizer(x, y, lam, np.square), abs=2e-7)


# Eqs. (3.3)-(3.5): the lasso closed form is the minimizer, including when it is zero.
@pytest.mark.checks("one-coefficient.md#eq-lasso-objective-1d", "one-coefficient.md#eq-lasso-1d")
@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("lam", [0.0, 0.5, 3.0, 10.0, 40.0])
def test_lasso_closed_form_is_the_minimizer(seed, lam):
    x, y = data(seed)
    assert lasso_1d(x, y, lam) == pytest.approx(brute_force_minimizer(x, y, lam, np.abs), abs=2e-7)


@pytest.mark.checks("one-coefficient.md#eq-ridge-1d", "one-coefficient.md#eq-lasso-1d")
def test_first_order_conditions_symbolically():
    beta, sxy, sxx, syy, lam = sp.symbols("beta s_xy s_xx s_yy lambda", real=True)
    loss = syy - 2 * beta * sxy + beta**2 * sxx
    ridge = sp.solve(sp.diff(loss + lam * beta**2, beta), beta)
    assert ridge == [sxy / (sxx + lam)]
    # the lasso branches: |β| = β for β > 0 and |β| = -β for β < 0
    assert sp.solve(sp.diff(loss + lam * beta, beta), beta) == [(sxy - lam / 2) / sxx]
    assert sp.solve(sp.diff(loss - lam * beta, beta), beta) == [(sxy + lam / 2) / sxx]


# Eq. (3.4): soft-thresholding, its cases, and that it is the proximal operator of t|·|.
@pytest.mark.checks("one-coefficient.md#eq-soft-threshold")
@given(z=finite, t=st.floats(min_value=0, max_value=1e3))
def test_soft_threshold_cases(z, t):
    expected = z - t if z > t else (z + t if z < -t else 0.0)
    assert soft_threshold(z, t) == pytest.approx(expected, abs=1e-9)
    assert soft_threshold(-z, t) == -soft_threshold(z, t)  # odd


@pytest.mark.checks("one-coefficient.md#eq-soft-threshold", "beyond.md#eq-prox")
@given(z=st.floats(min_value=-50, max_value=50), t=st.floats(min_value=0, max_value=50))
@pytest.mark.claim(
    "beyond.md#eq-prox",
    "For any $t \\ge 0$",
    searched="Hypothesis over z and t ≥ 0, t = 0 included, against SciPy's scalar minimizer",
)
def test_soft_threshold_is_the_prox_of_the_absolute_value(z, t):
    found = minimize_scalar(
        lambda u: 0.5 * (u - z) ** 2 + t * abs(u),
        bounds=(-60, 60),
        method="bounded",
        options={"xatol": 1e-10},
    )
    assert soft_threshold(z, t) == pytest.approx(found.x, abs=1e-6)


# Eq. (3.6): the dead zone. Exactly zero, on the whole closed interval.
@pytest.mark.checks("one-coefficient.md#eq-dead-zone")
@given(sxx=positive, lam=lams, fraction=st.floats(min_value=-1.0, max_value=1.0))
@pytest.mark.claim(
    "one-coefficient.md#the-dead-zone",
    "ridge is zero only when $\\sum_i x_i y_i$ is exactly zero, while the lasso is exactly zero whenever "
    "$\\lvert\\sum_i x_i y_i\\rvert \\le \\lambda/2$",
    searched="Hypothesis over Σx², λ and Σxy across the closed dead zone, its end points included",
)
def test_lasso_is_exactly_zero_on_the_whole_dead_zone(sxx, lam, fraction):
    sxy = fraction * lam / 2
    assert lasso_1d_from_moments(sxy, sxx, lam) == 0.0


@pytest.mark.checks("one-coefficient.md#eq-dead-zone")
@given(sxx=positive, lam=lams, sxy=finite)
@pytest.mark.claim(
    "one-coefficient.md#lasso-a-corner-at-zero-clips-to-exactly-zero",
    "This is positive, as assumed, only when $\\sum_i x_i y_i > \\lambda/2$",
    searched=(
        "Hypothesis over Σx², λ and every finite Σxy outside the dead zone, just past its edges included"
    ),
)
@pytest.mark.claim(
    "one-coefficient.md#lasso-a-corner-at-zero-clips-to-exactly-zero",
    "which is negative only when $\\sum_i x_i y_i < -\\lambda/2$",
    searched=(
        "Hypothesis over Σx², λ and every finite Σxy outside the dead zone, just past its edges included"
    ),
)
def test_lasso_is_nonzero_outside_the_dead_zone(sxx, lam, sxy):
    assume(abs(sxy) > lam / 2 * (1 + 1e-9) + 1e-9)
    beta = lasso_1d_from_moments(sxy, sxx, lam)
    assert beta != 0.0 and math.copysign(1, beta) == math.copysign(1, sxy)


@pytest.mark.checks("one-coefficient.md#eq-ridge-1d")
@given(sxx=positive, lam=lams, sxy=finite)
@pytest.mark.claim(
    "one-coefficient.md#ridge-a-smooth-penalty-shrinks-by-a-factor",
    "The ridge formula shrinks the least-squares estimate by a factor and is zero only when the data make "
    "it zero",
    searched=(
        "Hypothesis over Σx² > 0, λ ≥ 0 and every finite Σxy, including Σxy = 0 and values down to 1e-300"
    ),
)
@pytest.mark.claim(
    "one-coefficient.md#ridge-a-smooth-penalty-shrinks-by-a-factor",
    "The denominator is positive and finite for every finite $\\lambda$, so the fraction is zero exactly "
    "when its numerator is: **ridge returns $\\hat\\beta = 0$ only if $\\sum_i x_i y_i = 0$**, that is, "
    "only when least squares already gives zero",
    searched=(
        "Hypothesis over Σx² > 0, λ ≥ 0 and every finite Σxy, including Σxy = 0 and values down to 1e-300"
    ),
)
@pytest.mark.claim(
    "one-coefficient.md#why-the-corner-matters-one-sided-slopes",
    "Ridge's objective has the single slope $-2\\sum_i x_i y_i$ at zero, so it is minimal there only if "
    "that slope is zero",
    searched=(
        "Hypothesis over Σx² > 0, λ ≥ 0 and every finite Σxy, including Σxy = 0 and values down to 1e-300"
    ),
)
@pytest.mark.claim(
    "one-coefficient.md#fig-one-coefficient-objectives",
    "none of them at zero",
    searched="Hypothesis over Σx² > 0, λ ≥ 0 and every finite Σxy (the figure's Σxy = 1 is one of them)",
)
@pytest.mark.claim(
    "sparse-vs-dense.md#what-the-example-does-and-does-not-show",
    "and reaches zero only by coincidence: with one feature only when $\\sum_i x_i y_i = 0$",
    searched=(
        "Hypothesis over Σx² > 0, λ ≥ 0 and every finite Σxy (several features: "
        "test_ridge_zeros_are_at_most_p_minus_1…)"
    ),
)
def test_ridge_is_zero_only_when_sum_xy_is_zero(sxx, lam, sxy):
    # below ~1e-300 the quotient itself underflows to 0.0: floating-point rounding, not a ridge zero
    assume(sxy == 0.0 or abs(sxy) > 1e-300)
    beta = ridge_1d_from_moments(sxy, sxx, lam)
    assert (beta == 0.0) == (sxy == 0.0)


@pytest.mark.checks("one-coefficient.md#eq-dead-zone")
def test_dead_zone_holds_on_raw_data():
    """The statement is about data sets: scale y so that Σxy sits just inside and just outside λ/2."""
    x, y = data(7)
    lam = 4.0
    y_inside = y * (0.999 * lam / 2 / abs(x @ y))
    y_outside = y * (1.001 * lam / 2 / abs(x @ y))
    assert lasso_1d(x, y_inside, lam) == 0.0
    assert brute_force_minimizer(x, y_inside, lam, np.abs) == pytest.approx(0.0, abs=1e-7)
    assert lasso_1d(x, y_outside, lam) != 0.0
    assert ridge_1d(x, y_inside, lam) != 0.0


# Eq. (3.7): one-sided slopes of the lasso objective at zero, by finite differences.
@pytest.mark.checks("one-coefficient.md#eq-one-sided-slopes")
@pytest.mark.parametrize(("sxy", "lam"), [(1.0, 1.0), (1.0, 3.0), (-0.4, 2.0), (2.5, 0.5)])
@pytest.mark.claim(
    "one-coefficient.md#why-the-corner-matters-one-sided-slopes",
    "Zero is the minimum exactly when the objective rises in both directions",
    searched=(
        "Hypothesis over Σxy and λ, one-sided difference quotients at zero against the closed form and the "
        "dead zone"
    ),
)
def test_one_sided_slopes_at_zero(sxy, lam):
    h = 1e-7
    f0 = objective_1d(0.0, sxy, 1.0, 2.0, lam, "l1")
    right = (objective_1d(h, sxy, 1.0, 2.0, lam, "l1") - f0) / h
    left = (f0 - objective_1d(-h, sxy, 1.0, 2.0, lam, "l1")) / h
    assert right == pytest.approx(-2 * sxy + lam, abs=1e-5)
    assert left == pytest.approx(-2 * sxy - lam, abs=1e-5)
    assert (right >= 0 >= left) == (lasso_1d_from_moments(sxy, 1.0, lam) == 0.0)


@pytest.mark.checks("one-coefficient.md#fig-one-coefficient-objectives")
def test_numbers_in_figure_3_2_caption():
    """Σx² = 1, Σxy = 1, Σy² = 1.5, λ = 0, 1, 3: ridge minima 1, 1/2, 1/4; lasso minima 1, 1/2, 0."""
    for lam, ridge_min, lasso_min in [(0, 1.0, 1.0), (1, 0.5, 0.5), (3, 0.25, 0.0)]:
        for penalty, expected, closed_form in [
            ("l2", ridge_min, ridge_1d_from_moments),
            ("l1", lasso_min, lasso_1d_from_moments),
        ]:
            found = minimize_scalar(
                lambda b, lam=lam, p=penalty: objective_1d(b, 1.0, 1.0, 1.5, lam, p),
                bounds=(-1, 2),
                method="bounded",
                options={"xatol": 1e-10},
            )
            assert found.x == pytest.approx(expected, abs=1e-6)
            assert closed_form(1.0, 1.0, lam) == expected


@pytest.mark.checks("one-coefficient.md#fig-one-coefficient-solutions")
def test_numbers_in_figure_3_1_caption():
    """Σx² = 1, λ = 2: ridge divides by 3; lasso is zero for |Σxy| ≤ 1 and shifted by 1 outside."""
    sxy = np.linspace(-3, 3, 61)
    np.testing.assert_allclose(ridge_1d_from_moments(sxy, 1.0, 2.0), sxy / 3)
    lasso = lasso_1d_from_moments(sxy, 1.0, 2.0)
    assert np.all(lasso[np.abs(sxy) <= 1.0] == 0.0)
    outside = np.abs(sxy) > 1.0
    np.testing.assert_allclose(lasso[outside], sxy[outside] - np.sign(sxy[outside]))


# Eq. (3.8): the conversion to scikit-learn's alpha.
@pytest.mark.checks("one-coefficient.md#eq-sklearn-conversion")
@pytest.mark.parametrize("lam", [0.5, 5.0, 30.0, 80.0])
def test_scikit_learn_agrees_after_conversion(lam):
    from sklearn.linear_model import Lasso, Ridge

    x, y = data(3, n=40)
    n = len(y)
    lasso = Lasso(alpha=lam / (2 * n), fit_intercept=False, tol=1e-12, max_iter=100_000).fit(x[:, None], y)
    ridge = Ridge(alpha=lam, fit_intercept=False).fit(x[:, None], y)
    assert lasso.coef_[0] == pytest.approx(lasso_1d(x, y, lam), rel=1e-6, abs=1e-12)
    assert (lasso.coef_[0] == 0.0) == (lasso_1d(x, y, lam) == 0.0)
    assert ridge.coef_[0] == pytest.approx(ridge_1d(x, y, lam), rel=1e-6)


@pytest.mark.checks("one-coefficient.md#eq-sklearn-conversion")
def test_the_conversion_case_includes_an_exact_zero():
    """Make sure the scikit-learn comparison above covers the dead zone, not just nonzero fits."""
    x, y = data(3, n=40)
    assert lasso_1d(x, y, 80.0) == 0.0 and lasso_1d(x, y, 5.0) != 0.0


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: ridge_1d([1, 2], [1, 2], -1.0), "lam"),
        (lambda: lasso_1d([1, 2], [1, float("nan")], 1.0), "finite"),
        (lambda: lasso_1d([1, 2, 3], [1, 2], 1.0), "equal length"),
        (lambda: ridge_1d([0, 0], [1, 2], 1.0), "all zeros"),
        (lambda: soft_threshold(1.0, -0.5), "t must"),
        (lambda: objective_1d(0.0, 1.0, 1.0, 1.0, 1.0, "l3"), "penalty"),
        (lambda: lasso_1d_from_moments(1.0, 0.0, 1.0), "sxx"),
    ],
)
def test_bad_input_raises_a_clear_error(call, message):
    with pytest.raises(ValueError, match=message):
        call()
