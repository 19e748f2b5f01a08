"""Chapter 6 (the derivative threshold), chapter 7's smooth penalties, chapter 8's ISTA vs subgradient."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.optimize import minimize_scalar
from scipy.stats import norm

from figures_src.sparsity import (
    exact_zero_shares,
    ista,
    lasso,
    lipschitz_step,
    penalized_minimizer_1d,
    penalty_slope,
    penalty_value,
    subgradient_descent,
    zero_is_optimal,
)


def quadratic(a: float, c: float):
    return (lambda v: a * (v - c) ** 2), -2 * a * c  # loss, and its slope at 0


def logistic(seed: int):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=40)
    labels = np.where(rng.uniform(size=40) < 1 / (1 + np.exp(-(rng.normal() * 2) * x)), 1.0, -1.0)
    return (lambda v: float(np.sum(np.logaddexp(0.0, -labels * x * v)))), float(-0.5 * np.sum(labels * x))


LOSSES = [
    quadratic(1.0, 0.3),
    quadratic(2.5, -1.2),
    quadratic(0.4, 2.0),
    logistic(0),
    logistic(1),
    logistic(2),
]


@pytest.mark.checks("derivative-threshold.md#eq-threshold", "derivative-threshold.md#eq-subgradient")
@pytest.mark.parametrize("case", range(len(LOSSES)))
@pytest.mark.claim(
    "index.md#the-chapters",
    "the real reason, for any convex differentiable loss",
    searched=(
        "three quadratic and three logistic one-weight losses, λ from a quarter to four times the slope, "
        "minimized by SciPy"
    ),
)
@pytest.mark.claim(
    "one-coefficient.md#why-the-corner-matters-one-sided-slopes",
    "Why a jump in slope pins the minimum for any convex differentiable loss and in any number of dimensions",
    searched=(
        "three quadratic and three logistic one-weight losses, λ from a quarter to four times the slope, "
        "minimized by SciPy"
    ),
)
@pytest.mark.claim(
    "derivative-threshold.md#l1-a-corner-absorbs-a-whole-interval-of-slopes",
    "which works for any convex differentiable loss, not just squared error, and in any number of dimensions",
    searched=(
        "three quadratic and three logistic one-weight losses, λ from a quarter to four times the slope "
        "(more dimensions: test_lasso_kkt_…)"
    ),
)
@pytest.mark.claim(
    "derivative-threshold.md#eq-subgradient",
    "a point is a minimum of a convex function exactly when zero lies in its subdifferential",
    searched="six convex losses at λ on both sides of |g|, SciPy's minimizer against 0 ∈ g + λ[−1, 1]",
)
@pytest.mark.claim(
    "derivative-threshold.md#check-yourself",
    "The rule holds for any convex differentiable loss, not only squared ones",
    searched="three quadratic and three logistic one-weight losses, λ from a quarter to four times the slope",
)
def test_zero_minimizes_loss_plus_lambda_abs_exactly_when_the_slope_is_below_lambda(case):
    loss, slope0 = LOSSES[case]
    for beta in np.abs(slope0) * np.array([0.25, 0.6, 0.9, 1.1, 1.6, 4.0]):
        found = minimize_scalar(
            lambda v, b=beta: loss(v) + b * abs(v),
            bounds=(-10, 10),
            method="bounded",
            options={"xatol": 1e-12},
        )
        at_zero = abs(found.x) < 1e-6
        assert at_zero == zero_is_optimal(slope0, beta), (slope0, beta, found.x)


@pytest.mark.checks("derivative-threshold.md#eq-l2-stationarity", "priors.md#eq-smooth-prior-condition")
@pytest.mark.parametrize("case", range(len(LOSSES)))
@pytest.mark.parametrize("p", [1.1, 1.5, 2.0])
@pytest.mark.claim(
    "index.md#fig-headline-subgradients",
    "and under any smooth penalty with slope zero at zero (as L2 has) only where that slope is exactly zero",
    searched=(
        "three quadratic and three logistic losses with nonzero slope at zero, penalties |w|^p for p = 1.1, "
        "1.5, 2 at three strengths, minimized by SciPy"
    ),
)
@pytest.mark.claim(
    "derivative-threshold.md#eq-l2-stationarity",
    "a smooth penalty keeps a weight at zero only where the loss's slope there is exactly zero, an "
    "equation, while for a convex loss zero is an L1 minimizer whenever that slope is at most the penalty "
    "strength in size, an inequality",
    searched=(
        "three quadratic and three logistic losses, |w|^p for p = 1.1, 1.5, 2 at three strengths; L1 at λ "
        "around the slope in the threshold test"
    ),
)
@pytest.mark.claim(
    "derivative-threshold.md#what-the-argument-does-and-does-not-claim",
    "Under any smooth penalty it sits at zero only where that slope is exactly zero: an equation, which for "
    "ridge regression holds only at isolated values of $\\lambda$",
    searched=(
        "three quadratic and three logistic losses with |w|^p, p = 1.1, 1.5, 2; isolated ridge zeros: "
        "test_ridge_zeros_are_at_most_p_minus_1…"
    ),
)
def test_smooth_power_penalties_move_off_zero_for_any_nonzero_slope(case, p):
    loss, slope0 = LOSSES[case]
    assert slope0 != 0
    # β ≤ 10: for |w|^1.1 the minimizer is about (|slope|/1.1β)^10, which for β = 100 (~1e-18) is
    # below what any optimizer working in floating point can resolve against a loss of order 1
    for beta in (0.1, 1.0, 10.0):
        found = minimize_scalar(
            lambda v, b=beta: loss(v) + b * abs(v) ** p,
            bounds=(-10, 10),
            method="bounded",
            options={"xatol": 1e-14},
        )
        # the minimizer is away from zero, on the side the loss pulls towards
        assert found.x != 0.0 and np.sign(found.x) == -np.sign(slope0)


@pytest.mark.checks("derivative-threshold.md#eq-lp-slope-at-zero")
def test_smooth_penalties_have_zero_slope_at_zero_and_l1_does_not():
    for name in ("l2", "power", "huber"):
        assert penalty_slope(0.0, name) == 0.0
        h = 1e-7
        assert (penalty_value(h, name) - penalty_value(-h, name)) / (2 * h) == pytest.approx(0.0, abs=1e-5)
    h = 1e-9
    assert (penalty_value(h, "l1") - penalty_value(0.0, "l1")) / h == pytest.approx(1.0)
    assert (penalty_value(0.0, "l1") - penalty_value(-h, "l1")) / h == pytest.approx(-1.0)


@pytest.mark.checks("priors.md#fig-smooth-penalties-simulation")
@pytest.mark.parametrize("name", ["l1", "l2", "power", "huber"])
def test_one_feature_minimizer_matches_scipy(name):
    rng = np.random.default_rng(3)
    for sxy, sxx in zip(rng.normal(size=40), rng.uniform(0.5, 2, size=40), strict=True):
        ours = penalized_minimizer_1d(sxy, sxx, 2.0, name)
        found = minimize_scalar(
            lambda v, a=sxy, s=sxx: -2 * a * v + s * v**2 + 2.0 * float(penalty_value(v, name)),
            bounds=(-5, 5),
            method="bounded",
            options={"xatol": 1e-12},
        )
        assert ours == pytest.approx(found.x, abs=1e-7)
        assert (ours == 0.0) == (name == "l1" and abs(sxy) <= 1.0)


@pytest.mark.checks("priors.md#fig-smooth-penalties-simulation", "priors.md#singularities-are-necessary")
@pytest.mark.claim(
    "one-coefficient.md#the-dead-zone",
    "For data with a continuous distribution an exact value like $0$ is hit with probability zero, while an "
    "interval of width $\\lambda$ is hit with positive probability",
    searched=(
        "20000 random problems with Σxy ~ N(0, 1): the L1 share against 2Φ(1) − 1 and the smooth penalties' "
        "exact-zero count"
    ),
)
@pytest.mark.claim(
    "priors.md#singularities-are-necessary",
    "A smooth prior, however peaked, gives exact zeros only where an equation happens to hold, which for "
    "continuous data has probability zero",
    searched=(
        "20000 random one-feature problems under three smooth penalties: no exact zero; L1's share against "
        "2Φ(1) − 1"
    ),
)
def test_share_of_exact_zeros_l1_positive_smooth_penalties_zero():
    shares = exact_zero_shares(20_000, seed=0, lam=2.0)
    # independent oracle: sxy ~ N(0, 1), so P(|sxy| ≤ λ/2 = 1) = 2Φ(1) − 1 ≈ 0.683
    expected = 2 * norm.cdf(1.0) - 1
    assert shares["l1"] == pytest.approx(expected, abs=4 * np.sqrt(expected * (1 - expected) / 20_000))
    assert shares["l2"] == shares["power"] == shares["huber"] == 0.0


def sparse_problem():
    rng = np.random.default_rng(8)
    X = rng.normal(size=(50, 6))
    y = X @ np.array([3.0, -2.0, 0.0, 0.0, 1.5, 0.0]) + 0.5 * rng.normal(size=50)
    return X, y, 40.0


@pytest.mark.checks("beyond.md#eq-ista", "beyond.md#fig-ista-vs-subgradient")
def test_ista_reaches_the_lasso_solution_with_exact_zeros():
    X, y, lam = sparse_problem()
    target = lasso(X, y, lam)
    assert (target == 0.0).sum() >= 2
    iterates = ista(X, y, lam, lipschitz_step(X), 3000)
    np.testing.assert_allclose(iterates[-1], target, atol=1e-8)
    np.testing.assert_array_equal(iterates[-1] == 0.0, target == 0.0)
    moving = np.flatnonzero(np.any(iterates[:, target == 0.0] != 0.0, axis=1))
    assert moving[-1] < 10, "within a few steps the zero weights are exactly 0.0, and stay so"


@pytest.mark.checks("beyond.md#eq-subgradient-step", "beyond.md#fig-ista-vs-subgradient")
@pytest.mark.claim(
    "beyond.md#fig-ista-vs-subgradient",
    "and after its first step it is not exactly zero once in the figure's 400 iterations",
    searched="every iterate after the start of the figure's run, and the last 500 of 3000",
)
@pytest.mark.claim(
    "beyond.md#why-sgd-on-a-lasso-penalty-gives-no-exact-zeros",
    "which in floating point practically never happens",
    searched="all 3000 steps of the figure's problem after the start: no iterate of a zero weight is 0.0",
)
@pytest.mark.claim(
    "beyond.md#fig-ista-vs-subgradient",
    "subgradient descent has none after its first step",
    searched="every weight of every iterate after the start of the figure's 400-step run",
)
def test_subgradient_descent_lands_on_no_exact_zero_and_jitters_around_it():
    X, y, lam = sparse_problem()
    target = lasso(X, y, lam)
    step = lipschitz_step(X) / 5
    iterates = subgradient_descent(X, y, lam, step, 3000)
    assert np.all(iterates[1 : 400 + 1] != 0.0), "the figure's 400 steps: no weight exactly zero"
    tail = iterates[-500:]
    assert np.all(tail != 0.0), "no exact zeros"
    zero_coords = tail[:, target == 0.0]
    assert np.all(np.abs(zero_coords) < 2 * step * lam), "small: within a step of zero"
    flips = np.sum(np.diff(np.sign(zero_coords), axis=0) != 0, axis=0)
    assert np.all(flips > 100), "they keep crossing zero"
    np.testing.assert_allclose(tail[-1][target != 0.0], target[target != 0.0], rtol=0.05)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: zero_is_optimal(1.0, -1.0), "lam"),
        (lambda: ista(np.eye(2), np.ones(2), 1.0, 0.0, 5), "step"),
        (lambda: subgradient_descent(np.eye(2), np.ones(2), 1.0, 0.1, -1), "n_steps"),
        (lambda: ista(np.eye(2), np.ones(2), 1.0, 0.1, 5, start=[1.0]), "start"),
        (lambda: penalty_value(1.0, "l3"), "penalty"),
        (lambda: penalized_minimizer_1d(1.0, 0.0, 1.0, "l2"), "sxx"),
    ],
)
def test_bad_input_raises_a_clear_error(call, message):
    with pytest.raises(ValueError, match=message):
        call()


@pytest.mark.checks("priors.md#eq-smooth-prior-condition", "derivative-threshold.md#eq-l2-stationarity")
@pytest.mark.parametrize("name", ["l2", "power", "huber"])
@pytest.mark.claim(
    "derivative-threshold.md#eq-l2-stationarity",
    "the weight can be exactly zero only where the loss alone is flat in that coordinate, at the fitted "
    "values of the others",
    searched=(
        "three smooth penalties at Σxy = 0 and at slopes down to 1e-6 (several features: the ridge-zero "
        "tests of test_claims)"
    ),
)
@pytest.mark.claim(
    "derivative-threshold.md#eq-l2-stationarity",
    "Smooth penalties: zero only where the loss is flat",
    searched="three smooth penalties at Σxy = 0 and at slopes down to 1e-6 (the section's heading)",
)
def test_smooth_penalties_give_zero_only_when_the_loss_slope_at_zero_is_exactly_zero(name):
    assert penalized_minimizer_1d(0.0, 1.3, 2.0, name) == 0.0
    for sxy in (1e-6, -1e-3, 0.5):
        assert penalized_minimizer_1d(sxy, 1.3, 2.0, name) != 0.0
