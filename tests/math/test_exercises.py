"""The "Check yourself" exercises at the end of chapters 3 to 8: every answer on the page is computed
here twice, by the site's math library and by an independent oracle (a bounded scalar optimizer,
SLSQP, SymPy, a brute-force scan), and the numbers the answer quotes are the ones computed."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
import sympy as sp
from scipy.optimize import brentq, minimize, minimize_scalar
from sklearn.linear_model import ElasticNet, Lasso

from figures_src.site.nav import front_matter
from figures_src.sparsity import (
    constrained_minimum,
    elastic_net,
    lasso,
    lasso_1d_from_moments,
    lasso_lambda_from_prior,
    lasso_lambda_max,
    lp_norm,
    ridge_1d_from_moments,
    ridge_lambda_from_prior,
    soft_threshold,
    zero_is_optimal,
)
from tests.helpers import ROOT


def exercises(page: str) -> str:
    """The page's "Check yourself" section, questions and answers."""
    text = (ROOT / "docs" / page).read_text(encoding="utf-8")
    section = re.search(r"^## Check yourself\n(.*?)(?=^## |^\[\^|\Z)", text, re.M | re.S)
    assert section, f"{page} has no Check yourself section"
    return section[1]


def answer(page: str, number: str) -> str:
    """The collapsed answer of exercise ``number`` (e.g. "3.1"), unindented to one line."""
    text = exercises(page)
    start = text.index(f"**Exercise {number}.**")
    block = re.search(r'\?\?\? answer "Answer"\n((?:    .*\n|\n)+)', text[start:])
    assert block, f"exercise {number} has no answer"
    return " ".join(block[1].split())


def quoted(text: str, *formulas: str) -> None:
    missing = [f for f in formulas if f not in text]
    assert not missing, f"not in the answer: {missing}"


def scalar_minimizer(f, bounds=(-10.0, 10.0)) -> float:
    """An oracle that knows nothing of kinks: a bounded scalar search to 1e-10."""
    return minimize_scalar(f, bounds=bounds, method="bounded", options={"xatol": 1e-10}).x


# --- chapter 3 -----------------------------------------------------------------------------------


@pytest.mark.checks("one-coefficient.md#check-yourself")
@pytest.mark.claim(
    "one-coefficient.md#check-yourself",
    "exactly zero for every $\\lambda \\ge 6$",
    searched="a 0.01 grid of λ around 6 and the boundary λ = 6 itself, by the closed form and by SciPy",
)
def test_exercise_3_1_dead_zone_and_both_coefficients():
    sxx, sxy = 2.0, 3.0
    quoted(exercises("one-coefficient.md"), r"\sum_i x_i^2 = 2$ and $\sum_i x_i y_i = 3$")
    lambdas = np.round(np.arange(0.0, 12.0, 0.05), 2)
    zero = [lam for lam in lambdas if lasso_1d_from_moments(sxy, sxx, lam) == 0.0]
    assert zero == [lam for lam in lambdas if lam >= 6.0], "exactly zero from lambda = 6 on"

    def loss(b):  # the one-feature loss without its constant (the sum of y²)
        return sxx * b**2 - 2 * sxy * b

    for lam, ridge, lasso_weight in ((2.0, 0.75, 1.0), (6.0, 0.375, 0.0)):
        assert ridge_1d_from_moments(sxy, sxx, lam) == pytest.approx(ridge, abs=1e-15)
        assert lasso_1d_from_moments(sxy, sxx, lam) == lasso_weight
        assert scalar_minimizer(lambda b, lam=lam: loss(b) + lam * b**2) == pytest.approx(ridge, abs=1e-7)
        found = scalar_minimizer(lambda b, lam=lam: loss(b) + lam * abs(b))
        assert found == pytest.approx(lasso_weight, abs=1e-7)
    quoted(
        answer("one-coefficient.md", "3.1"),
        r"$\lambda \ge 6$",
        "= 3/(2 + 2) = 0.75$",
        "= (3 - 1)/2 = 1$",
        "$3/8 = 0.375$",
        "lasso exactly $0$",
    )


@pytest.mark.checks("one-coefficient.md#check-yourself")
@pytest.mark.claim(
    "one-coefficient.md#check-yourself",
    "It stays positive for every finite $\\lambda$: shrinking by a factor gets ever closer to zero and "
    "never reaches it",
    searched="λ from 1 to 1e300 on a log grid, and the one-percent boundary on a 0.01 grid",
)
def test_exercise_3_2_ridge_needs_a_huge_lambda_and_never_reaches_zero():
    sxx, sxy = 2.0, 3.0
    least_squares = sxy / sxx
    # brute force: the smallest λ on a 0.01 grid where ridge is below one hundredth of least squares
    lambdas = np.round(np.arange(190.0, 210.0, 0.01), 2)
    below = [lam for lam in lambdas if ridge_1d_from_moments(sxy, sxx, lam) < least_squares / 100]
    assert below[0] == 198.01 and below == [lam for lam in lambdas if lam > 198.0]
    assert all(ridge_1d_from_moments(sxy, sxx, lam) > 0.0 for lam in np.logspace(0, 300, 301))
    # the two λs are not comparable: scale y (so Σxy) by k and ridge's 198 stays, the lasso's 6 becomes 6k
    for k in (0.1, 10.0):
        assert ridge_1d_from_moments(k * sxy, sxx, 198.5) < k * least_squares / 100
        assert (
            lasso_1d_from_moments(k * sxy, sxx, 6 * k) == 0.0 != lasso_1d_from_moments(k * sxy, sxx, 5.9 * k)
        )
    quoted(answer("one-coefficient.md", "3.2"), r"$\lambda > 198$", "the $198$ with the lasso's $6$")


# --- chapter 4 -----------------------------------------------------------------------------------


@pytest.mark.checks("sparse-vs-dense.md#check-yourself")
def test_exercise_4_1_l1_norm_on_the_circle_of_radius_5():
    angles = np.linspace(0.0, 2 * np.pi, 720_001)
    points = 5 * np.column_stack([np.cos(angles), np.sin(angles)])
    l1 = np.abs(points).sum(axis=1)
    assert l1.min() == pytest.approx(5.0, abs=1e-9) and l1.max() == pytest.approx(5 * np.sqrt(2), abs=1e-9)
    smallest = points[l1 < 5 + 1e-9]
    assert np.all(np.isclose(np.abs(smallest).max(axis=1), 5.0)), "the minimum is on the axes"
    largest = points[l1 > 5 * np.sqrt(2) - 1e-9]
    assert np.allclose(np.abs(largest), 5 / np.sqrt(2), atol=1e-4), "the maximum on the diagonals"
    # the two points of the question, by the library's norms: on the circle, L1 norms 5 and 7, and
    # the budget of 6 the answer names admits the sparse one only
    question = exercises("sparse-vs-dense.md").split("**Exercise 4.1.**")[1].split("??? answer")[0]
    points = [tuple(map(int, m)) for m in re.findall(r"\$\((\d+), (\d+)\)\$", question)]
    assert points == [(3, 4), (5, 0)], points
    assert [lp_norm(w, 2) for w in points] == [5.0, 5.0]
    dense, sparse = (lp_norm(w, 1) for w in points)
    assert (dense, sparse) == (7.0, 5.0) and sparse <= 6 < dense
    quoted(answer("sparse-vs-dense.md", "4.1"), r"$5\sqrt2 \approx 7.07$", "L1 norm $7$", "budget of $6$")


# --- chapter 5 -----------------------------------------------------------------------------------

CENTRE = np.array([2.0, 0.5])
ROUND = np.eye(2)


def slsqp(norm: int, t: float) -> np.ndarray:
    """Oracle: the constrained problem handed to SLSQP (the diamond as four linear constraints)."""
    if norm == 1:
        signs = [(1, 1), (1, -1), (-1, 1), (-1, -1)]
        constraints = [{"type": "ineq", "fun": lambda w, s=s: t - s[0] * w[0] - s[1] * w[1]} for s in signs]
    else:
        constraints = [{"type": "ineq", "fun": lambda w: t**2 - w @ w}]
    result = minimize(
        lambda w: np.sum((w - CENTRE) ** 2), np.zeros(2), constraints=constraints, tol=1e-14, method="SLSQP"
    )
    return result.x


@pytest.mark.checks("geometry.md#check-yourself")
def test_exercise_5_1_round_loss_corner_of_the_diamond_and_a_point_of_the_disc():
    l1 = constrained_minimum(CENTRE, ROUND, 1, 1.0)
    l2 = constrained_minimum(CENTRE, ROUND, 2, 1.0)
    assert l1.tolist() == [1.0, 0.0], "the corner, w2 exactly zero"
    np.testing.assert_allclose(l1, slsqp(1, 1.0), atol=1e-7)
    np.testing.assert_allclose(l2, CENTRE / np.linalg.norm(CENTRE), rtol=1e-12)
    np.testing.assert_allclose(l2, slsqp(2, 1.0), atol=1e-7)
    assert np.all(l2 != 0.0)
    # soft-thresholding by τ = 1 gives the same corner, and its L1 norm is t
    shifted = np.sign(CENTRE) * np.maximum(np.abs(CENTRE) - 1.0, 0.0)
    assert shifted.tolist() == l1.tolist() and np.abs(shifted).sum() == 1.0
    quoted(
        answer("geometry.md", "5.1"),
        f"\\approx ({l2[0]:.3f}, {l2[1]:.3f})",
        r"$\tau = 1$",
        "the corner $(1, 0)$",
    )


@pytest.mark.checks("geometry.md#check-yourself")
@pytest.mark.claim(
    "geometry.md#check-yourself",
    "the optimum is the corner $(t, 0)$ for every $0 < t \\le 1.5$",
    searched=(
        "a fine grid of t up to 2.6 with the boundary t = 1.5, by the exact solver and soft-thresholding"
    ),
)
def test_exercise_5_2_the_l1_optimum_is_on_the_axis_up_to_t_1_5():
    ts = np.round(np.arange(0.01, 3.0, 0.01), 2)
    on_axis = [t for t in ts if constrained_minimum(CENTRE, ROUND, 1, t).tolist() == [t, 0.0]]
    assert on_axis == [t for t in ts if t <= 1.5]
    free = [t for t in ts if constrained_minimum(CENTRE, ROUND, 1, t).tolist() == CENTRE.tolist()]
    assert free == [t for t in ts if t >= 2.5]
    for t in (1.6, 2.0, 2.4):  # on an edge in between, as SLSQP finds too
        w = constrained_minimum(CENTRE, ROUND, 1, t)
        assert np.all(w != 0.0) and np.abs(w).sum() == pytest.approx(t)
        np.testing.assert_allclose(w, slsqp(1, t), atol=1e-7)
    quoted(
        answer("geometry.md", "5.2"),
        r"$t \le 1.5$",
        r"$1.5 < t < 2.5$",
        r"\lVert c\rVert_1 = 2.5$",
    )


# --- chapter 6 -----------------------------------------------------------------------------------


@pytest.mark.checks("derivative-threshold.md#check-yourself")
@pytest.mark.claim(
    "derivative-threshold.md#check-yourself",
    "so by the threshold rule $w = 0$ is the L1 minimizer exactly when $\\lambda \\ge 2$",
    searched=(
        "λ on a 0.05 grid from 0 to 4 with the boundary λ = 2, by the closed form and the threshold rule"
    ),
)
@pytest.mark.claim(
    "derivative-threshold.md#check-yourself",
    "small, but not zero, for every $\\lambda$",
    searched="the closed form 1/(1 + λ), positive for every finite λ, against SymPy and SciPy at λ = 3",
)
def test_exercise_6_1_the_smallest_lambda_that_pins_zero_is_the_slope():
    w = sp.symbols("w", real=True)
    loss = (w - 1) ** 2
    slope = float(sp.diff(loss, w).subs(w, 0))
    assert slope == -2.0
    betas = np.round(np.arange(0.0, 4.0, 0.05), 2)
    # (w − 1)² = w² − 2w + 1: one-feature moments Σx² = 1, Σxy = 1
    pinned = [b for b in betas if lasso_1d_from_moments(1.0, 1.0, b) == 0.0]
    assert pinned == [b for b in betas if zero_is_optimal(slope, b)] == [b for b in betas if b >= 2.0]
    f = sp.lambdify(w, loss)
    assert abs(scalar_minimizer(lambda v: f(v) + 3.0 * abs(v))) < 1e-7
    assert scalar_minimizer(lambda v: f(v) + 3.0 * v**2) == pytest.approx(0.25, abs=1e-7)
    assert ridge_1d_from_moments(1.0, 1.0, 3.0) == 0.25
    quoted(answer("derivative-threshold.md", "6.1"), "$L'(0) = -2$", r"$\lambda \ge 2$", "= 0.25$")


@pytest.mark.checks("derivative-threshold.md#check-yourself")
@pytest.mark.claim(
    "derivative-threshold.md#check-yourself",
    "the L1 minimizer is exactly $0$ for every $\\lambda \\ge 1/2$",
    searched="λ = 0.3 to 1.0 around and at the boundary 1/2, SciPy's minimizer against the rule",
)
@pytest.mark.claim(
    "derivative-threshold.md#check-yourself",
    "and for any $\\lambda > 0$ the solution is positive, since the loss still slopes downwards at zero",
    searched="λ from 0.1 to 50, the root of 1/(1 + e^w) = 2λw bracketed away from zero",
)
def test_exercise_6_2_logistic_loss_follows_the_same_threshold():
    w = sp.symbols("w", real=True)
    loss = sp.log(1 + sp.exp(-w))
    assert sp.simplify(sp.diff(loss, w) - (-1 / (1 + sp.exp(w)))) == 0
    slope = sp.diff(loss, w).subs(w, 0)
    assert slope == sp.Rational(-1, 2)
    f = sp.lambdify(w, loss)
    for beta in (0.3, 0.45, 0.5, 0.55, 1.0):
        found = scalar_minimizer(lambda v, beta=beta: f(v) + beta * abs(v), bounds=(-5, 5))
        assert (abs(found) < 1e-6) == bool(zero_is_optimal(float(slope), beta)) == (beta >= 0.5), beta
    for beta in (0.1, 0.5, 2.0, 50.0):  # the squared penalty: a positive minimizer for every β
        root = brentq(lambda v, beta=beta: 1 / (1 + np.exp(v)) - 2 * beta * v, 1e-12, 10)
        assert root > 0 and scalar_minimizer(lambda v, beta=beta: f(v) + beta * v**2) == pytest.approx(
            root, abs=1e-6
        )
        if beta == 0.5:
            quoted(answer("derivative-threshold.md", "6.2"), f"$w \\approx {root:.3f}$")
    quoted(answer("derivative-threshold.md", "6.2"), "$L'(0) = -1/2$", r"$\lambda \ge 1/2$")


# --- chapter 7 -----------------------------------------------------------------------------------


@pytest.mark.checks("priors.md#check-yourself")
def test_exercise_7_1_same_lambda_from_both_priors_only_laplace_gives_zero():
    sigma2, tau2, b, sxx, sxy = 2.0, 0.5, 1.0, 1.0, 1.5
    assert ridge_lambda_from_prior(sigma2, tau2) == 4.0 == lasso_lambda_from_prior(sigma2, b)

    def negative_log_posterior(beta, prior):  # Gaussian noise; the sum of y² is a constant
        likelihood = (sxx * beta**2 - 2 * sxy * beta) / (2 * sigma2)
        return likelihood + (beta**2 / (2 * tau2) if prior == "gauss" else abs(beta) / b)

    gauss = scalar_minimizer(lambda v: negative_log_posterior(v, "gauss"))
    laplace = scalar_minimizer(lambda v: negative_log_posterior(v, "laplace"))
    assert gauss == pytest.approx(0.3, abs=1e-7) == ridge_1d_from_moments(sxy, sxx, 4.0)
    assert abs(laplace) < 1e-7 and lasso_1d_from_moments(sxy, sxx, 4.0) == 0.0
    quoted(
        answer("priors.md", "7.1"),
        r"$\lambda = \sigma^2/\tau^2 = 4$",
        r"$\lambda = 2\sigma^2/b = 4$ for $b = 1$",
        "= 0.3$",
        "lasso exactly $0$",
    )


# --- chapter 8 -----------------------------------------------------------------------------------

# orthonormal columns and X^T y = (3, -5)
ORTHO_X = np.array([[1.0, 0.0], [0.0, 1.0], [0.0, 0.0]])
ORTHO_Y = np.array([3.0, -5.0, 1.0])


@pytest.mark.checks("beyond.md#check-yourself")
@pytest.mark.claim(
    "beyond.md#check-yourself",
    "both weights are zero for every $\\lambda \\ge 10$",
    searched="λ around and at 10 against scikit-learn's Lasso with the conversion of scales",
)
def test_exercise_8_1_lambda_max_and_the_order_in_which_weights_leave_zero():
    X, y = ORTHO_X, ORTHO_Y
    assert np.allclose(X.T @ X, np.eye(2)) and (X.T @ y).tolist() == [3.0, -5.0]
    assert lasso_lambda_max(X, y) == 10.0
    n = len(y)
    lambdas = np.round(np.arange(0.5, 14.0, 0.5), 2)
    ours = {lam: lasso(X, y, lam) for lam in lambdas}
    for lam, w in ours.items():  # scikit-learn, with its loss scaled by 1/(2n): alpha = λ/(2n)
        reference = (
            Lasso(alpha=lam / (2 * n), fit_intercept=False, tol=1e-14, max_iter=100_000).fit(X, y).coef_
        )
        np.testing.assert_allclose(w, reference, atol=1e-9)
        np.testing.assert_array_equal(w == 0.0, np.abs(reference) < 1e-12)
    assert [lam for lam, w in ours.items() if np.all(w == 0.0)] == [lam for lam in lambdas if lam >= 10]
    assert [lam for lam, w in ours.items() if w[0] == 0.0] == [lam for lam in lambdas if lam >= 6]
    assert ours[8.0].tolist() == [0.0, -1.0]
    quoted(
        answer("beyond.md", "8.1"),
        r"$\lambda_{\max} = 2\max(3, 5) = 10$",
        r"follows at $\lambda = 6$",
        "= (0, -1)$",
    )


@pytest.mark.checks("beyond.md#check-yourself")
def test_exercise_8_2_elastic_net_threshold_and_its_weight():
    sxx, lam, alpha = 1.0, 4.0, 0.5
    x = np.array([[1.0]])  # one observation, so that sum x² = 1 and sum xy = y

    def objective(b, sxy):
        return sxx * b**2 - 2 * sxy * b + lam * (alpha * abs(b) + (1 - alpha) * b**2)

    for sxy in np.round(np.arange(-2.0, 2.01, 0.1), 2):
        w = elastic_net(x, np.array([sxy]), lam, alpha)[0]
        assert (w == 0.0) == (abs(sxy) <= 1.0 + 1e-12), sxy
        assert w == pytest.approx(scalar_minimizer(lambda b, sxy=sxy: objective(b, sxy)), abs=1e-7)
    w = elastic_net(x, np.array([1.5]), lam, alpha)[0]
    assert w == pytest.approx(1 / 6, abs=1e-12)
    # scikit-learn minimizes (1/2n)||y - Xw||² + a·r||w||₁ + a(1 - r)/2·||w||²; times 2n (n = 1) that
    # is ours when 2a·r = λα = 2 and a(1 - r) = λ(1 - α) = 2: a = 3, r = 1/3
    reference = ElasticNet(alpha=3.0, l1_ratio=1 / 3, fit_intercept=False, tol=1e-14).fit(x, [1.5]).coef_[0]
    assert reference == pytest.approx(1 / 6, abs=1e-9)
    assert lasso_1d_from_moments(1.5, sxx, lam * alpha) == 0.5
    quoted(
        answer("beyond.md", "8.2"),
        r"\lambda\alpha = 2$",
        r"$\lvert\sum_i x_i y_i\rvert \le 1$",
        r"$\beta = 1/6 \approx 0.167$",
        "give $0.5$",
    )


def test_exercise_8_3_a_duplicated_feature():
    """x₁ = x₂ with Σx² = 1 and Σxy = 2: lasso solutions (s, 1 − s) for s in [0, 1] at λ = 2, the
    elastic net's (0.5, 0.5) with α = 0.5. Oracles: the objectives by hand, SciPy's minimizer."""
    lam, alpha = 2.0, 0.5
    X = np.array([[1.0, 1.0]])  # one observation: Σx² = 1, Σxy = y
    y = np.array([2.0])

    def lasso_objective(w):
        return float(np.sum((y - X @ w) ** 2) + lam * np.sum(np.abs(w)))

    def elastic_objective(w):
        return float(np.sum((y - X @ w) ** 2) + lam * (alpha * np.sum(np.abs(w)) + (1 - alpha) * w @ w))

    best = minimize(
        lasso_objective, [0.3, 0.3], method="Nelder-Mead", options={"xatol": 1e-10, "fatol": 1e-12}
    )
    splits = [np.array([a, 1 - a]) for a in np.linspace(0, 1, 11)]
    for w in splits:  # every split of the total 1 between two weights of one sign is optimal
        assert lasso_objective(w) == pytest.approx(best.fun, abs=1e-9)
    assert lasso_objective(np.array([0.6, 0.6])) > best.fun + 1e-3  # another total is worse
    opposite = np.array([1.5, -0.5])  # the same total and loss, a penalty of λ·2 instead of λ·1
    assert np.sum((y - X @ opposite) ** 2) == pytest.approx(np.sum((y - X @ splits[0]) ** 2))
    assert lasso_objective(opposite) == pytest.approx(best.fun + 2.0, abs=1e-9)
    assert np.sum(lasso(X, y, lam)) == pytest.approx(1.0, abs=1e-9)  # our solver picks one of them
    w = elastic_net(X, y, lam, alpha)
    np.testing.assert_allclose(w, [0.5, 0.5], atol=1e-9)
    other = minimize(
        elastic_objective, [0.9, 0.1], method="Nelder-Mead", options={"xatol": 1e-10, "fatol": 1e-14}
    )
    np.testing.assert_allclose(other.x, [0.5, 0.5], atol=1e-5)  # from an uneven start: unique
    assert elastic_objective(np.array([1.0, 0.0])) > elastic_objective(w) + 0.4
    quoted(
        answer("beyond.md", "8.3"),
        "$s = S(2, 1) = 1$",
        "$(1, 0)$, $(0, 1)$ and $(0.5, 0.5)$",
        "such as $(1.5, -0.5)$, has the same loss but pays $\\lambda \\cdot 2 = 4$ instead of "
        "$\\lambda \\cdot 1 = 2$",
        r"$s^2 - 4s + \lvert s\rvert + s^2/2$",
        "$w_1 = w_2 = 0.5$",
    )


def test_exercise_8_4_more_features_than_observations():
    """Two observations, three features: one weight kept. Oracles: scikit-learn's lasso, and a brute
    minimization of the objective from several starts (Nelder-Mead knows nothing of corners)."""
    X = np.array([[1.0, 0.0, 1 / np.sqrt(2)], [0.0, 1.0, 1 / np.sqrt(2)]])
    y = np.array([3.0, 3.0])
    lam = 2.0
    for w in ([3.0, 3.0, 0.0], [0.0, 0.0, 3 * np.sqrt(2)]):  # two exact least-squares fits
        np.testing.assert_allclose(X @ np.array(w), y)
    np.testing.assert_allclose(np.abs(2 * X.T @ y), [6, 6, 6 * np.sqrt(2)])
    assert f"{6 * np.sqrt(2):.2f}" == "8.49" and f"{3 * np.sqrt(2) - 1:.2f}" == "3.24"
    assert lasso_lambda_max(X, y) == pytest.approx(6 * np.sqrt(2))
    expected = np.array([0.0, 0.0, 3 * np.sqrt(2) - 1])
    sk = Lasso(alpha=lam / (2 * len(y)), fit_intercept=False, tol=1e-14, max_iter=1_000_000).fit(X, y).coef_
    np.testing.assert_allclose(sk, expected, atol=1e-9)
    np.testing.assert_allclose(lasso(X, y, lam), expected, atol=1e-9)

    def objective(w):
        return float(np.sum((y - X @ w) ** 2) + lam * np.sum(np.abs(w)))

    for start in ([3.0, 3.0, 0.0], [1.0, 2.0, 1.0], [0.0, 0.0, 4.0]):
        best = minimize(objective, start, method="Nelder-Mead", options={"xatol": 1e-10, "fatol": 1e-14})
        assert best.fun == pytest.approx(objective(expected), abs=1e-8)
        np.testing.assert_allclose(best.x, expected, atol=1e-4)  # unique: every start ends there
    r = y - X @ expected
    np.testing.assert_allclose(r, X[:, 2])
    np.testing.assert_allclose(2 * X.T @ r, [np.sqrt(2), np.sqrt(2), 2.0])
    same_fit = np.array([3 - 1 / np.sqrt(2), 3 - 1 / np.sqrt(2), 0.0])
    np.testing.assert_allclose(X @ same_fit, X @ expected)
    assert np.sum(np.abs(same_fit)) / np.sum(np.abs(expected)) == pytest.approx(np.sqrt(2))
    quoted(
        answer("beyond.md", "8.4"),
        "= 6$, $6$ and $6\\sqrt{2} \\approx 8.49$",
        "= S(3\\sqrt{2}, 1) = 3\\sqrt{2} - 1 \\approx 3.24$",
        "$r = y - (3\\sqrt{2} - 1)\\,x_3 = x_3$",
        "$2x_3^\\top r = 2 = \\lambda$",
        "$\\lvert 2x_1^\\top r\\rvert = \\lvert 2x_2^\\top r\\rvert = \\sqrt{2} \\le 2$",
        "$w = (0, 0, 3\\sqrt{2} - 1)$",
        "only $x_3$'s slope reaches $\\lambda$",
        "Two of the three weights are zero",
        "an L1 norm $\\sqrt{2}$ times larger",
    )


def test_exercise_8_5_one_group_of_two_orthonormal_features():
    """Oracles: the site's group-lasso solver on an orthonormal design with XᵀY = (3, 4), scikit-learn's
    lasso, and a Nelder-Mead minimization of the group objective."""
    from figures_src.sparsity.group import group_lasso

    X = np.eye(2)
    y = np.array([3.0, 4.0])  # XᵀX = I and Xᵀy = (3, 4)
    groups = [0, 0]

    def objective(w, lam):
        return float(np.sum((y - X @ w) ** 2) + lam * np.sqrt(2) * np.linalg.norm(w))

    edge = 5 * np.sqrt(2)
    assert f"{edge:.2f}" == "7.07"
    assert np.all(group_lasso(X, y, groups, edge) == 0.0)
    assert np.all(group_lasso(X, y, groups, edge * (1 - 1e-9)) != 0.0)
    lam = 2 * np.sqrt(2)
    np.testing.assert_allclose(group_lasso(X, y, groups, lam), [1.8, 2.4], atol=1e-12)
    best = minimize(
        objective, [1.0, 1.0], args=(lam,), method="Nelder-Mead", options={"xatol": 1e-10, "fatol": 1e-14}
    )
    np.testing.assert_allclose(best.x, [1.8, 2.4], atol=1e-6)
    sk = Lasso(alpha=7 / (2 * 2), fit_intercept=False, tol=1e-14, max_iter=1_000_000).fit(X, y).coef_
    np.testing.assert_allclose(sk, [0.0, 0.5], atol=1e-10)
    w7 = group_lasso(X, y, groups, 7.0)
    t = 3.5 * np.sqrt(2)
    assert f"{t:.2f}" == "4.95" and t < 5
    np.testing.assert_allclose(w7, (1 - t / 5) * y, atol=1e-12)
    assert [f"{v:.3f}" for v in w7] == ["0.030", "0.040"] and np.all(w7 != 0.0)
    quoted(
        answer("beyond.md", "8.5"),
        "for $\\lambda \\ge 5\\sqrt{2} \\approx 7.07$",
        "$w = (1 - 2/5)(3, 4) = (1.8, 2.4)$",
        "gives $(0, 0.5)$",
        "$t = 3.5\\sqrt{2} \\approx 4.95 < 5$",
        "\\approx (0.030, 0.040)$: both weights small, neither zero",
    )


def test_every_exercise_has_an_answer_and_a_test():
    """Numbered in order on each page, each with a collapsed answer, each answer tested above."""
    tested = {
        m[1].replace("_", ".")
        for m in re.finditer(r"^def test_exercise_(\d_\d)_", Path(__file__).read_text(encoding="utf-8"), re.M)
    }
    found = set()
    pages = (
        "one-coefficient.md",
        "sparse-vs-dense.md",
        "geometry.md",
        "derivative-threshold.md",
        "priors.md",
    )
    for page in (*pages, "beyond.md"):
        numbers = re.findall(r"\*\*Exercise (\d+\.\d+)\.\*\*", exercises(page))
        chapter = str(front_matter((ROOT / "docs" / page).read_text(encoding="utf-8"))["chapter"])
        assert numbers == [f"{chapter}.{k}" for k in range(1, len(numbers) + 1)], page
        for number in numbers:
            assert answer(page, number)
        found |= set(numbers)
    assert found == tested


def test_exercise_8_6_the_diabetes_lasso_at_a_tenth_of_lambda_max():
    """Oracles: scikit-learn's Lasso (alpha = λ/(2n)) and Ridge (alpha = λ) on load_diabetes() with the
    target centred, at the explorer's step nearest λ_max/10, which is λ_max/10 itself."""
    from sklearn.datasets import load_diabetes
    from sklearn.linear_model import Ridge

    from figures_src.figures.diabetes_paths import explorer_data

    data = load_diabetes()
    X, y = data.data, data.target - data.target.mean()
    n = len(y)
    top = 2 * np.max(np.abs(X.T @ y))
    lam = top / 10
    assert f"{lam:.1f}" == "189.9" and 2 * n == 884
    sk = Lasso(alpha=lam / (2 * n), fit_intercept=False, tol=1e-14, max_iter=1_000_000).fit(X, y).coef_
    kept = [name for name, w in zip(data.feature_names, sk, strict=True) if abs(w) > 1e-9]
    assert kept == ["sex", "bmi", "bp", "s3", "s5"]
    assert np.all(Ridge(alpha=lam, fit_intercept=False).fit(X, y).coef_ != 0.0)
    shown = explorer_data()
    k = int(np.argmin(np.abs(np.log(shown["lambdas"] / lam))))
    assert shown["lambdas"][k] == pytest.approx(lam, rel=1e-12)
    assert [name for name, w in zip(shown["features"], shown["lasso"][k], strict=True) if w != 0.0] == kept
    printed = Lasso(alpha=189.9 / 884, fit_intercept=False).fit(X, y).coef_  # the call as printed
    assert [name for name, w in zip(data.feature_names, printed, strict=True) if w != 0.0] == kept
    quoted(
        answer("beyond.md", "8.6"),
        "those of sex, bmi, bp, s3 and s5; the other five (age, s1, s2, s4, s6) are exactly zero",
        "sex at $\\lambda \\approx 11.99$ and of s2 at $\\lambda \\approx 2.191$",
        "`Lasso(alpha=189.9 / 884, fit_intercept=False)`",
        "$n = 442$",
    )


def test_exercise_8_7_a_proximal_step_from_zero():
    """Oracles: soft-thresholding written out here and SymPy's exact arithmetic."""
    lam, g = 20.0, -25.0
    for eta, expected in ((3e-4, 0.0015), (3e-5, 0.00015)):
        z = 0.0 - eta * g
        assert abs(z) - eta * lam == pytest.approx(expected, abs=1e-15)
        assert soft_threshold(z, eta * lam) == pytest.approx(expected, abs=1e-15)
        exact = sp.Rational(str(eta)) * 25 - sp.Rational(str(eta)) * 20
        assert exact == sp.Rational(str(expected))
    for slope in np.linspace(-40, 40, 161):
        for eta in (3e-4, 3e-5):
            assert (soft_threshold(0.0 - eta * slope, eta * lam) == 0.0) == (abs(slope) <= lam)
    quoted(
        answer("beyond.md", "8.7"),
        "$0 - \\eta\\hat g_j = 0.0075$",
        "$0.0075 - 0.006 = 0.0015$",
        "the weight is $0.00015$",
        "$\\lvert\\hat g_j\\rvert \\le \\lambda = 20$",
    )
