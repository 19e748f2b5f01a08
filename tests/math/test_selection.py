"""Exact zeros in many dimensions and among correlated features (figures_src/sparsity/selection.py),
against scikit-learn and the lasso's optimality conditions.

scikit-learn's scalings (as in test_linear.py): Lasso(alpha) is ours with λ = 2n·alpha;
ElasticNet(alpha, l1_ratio) is ours with alpha = λ(2 − α)/(2n) and l1_ratio = α/(2 − α).
"""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.linear_model import ElasticNet, Lasso

from figures_src.sparsity import (
    SUPPORTS,
    bootstrap_supports,
    correlated_pair,
    elastic_net,
    exact_zero_counts,
    lasso,
    lasso_lambda_max,
    regression_problem,
    support_of_pair,
)
from tests.helpers import TIGHT


def kkt_violation(X: np.ndarray, y: np.ndarray, w: np.ndarray, lam: float) -> float:
    """How far w is from the lasso's optimality conditions: 2xⱼᵀr = λ·sign(wⱼ) where wⱼ ≠ 0,
    |2xⱼᵀr| ≤ λ where wⱼ = 0 (relative to λ)."""
    slope = 2 * X.T @ (y - X @ w)
    active = w != 0.0
    on = np.abs(slope[active] - lam * np.sign(w[active]))
    off = np.maximum(np.abs(slope[~active]) - lam, 0.0)
    return float(np.max(np.concatenate([on, off, [0.0]])) / lam)


@pytest.mark.parametrize("p", [3, 20, 40, 70])
def test_the_zero_counts_are_those_of_exact_lasso_solutions(p):
    """Each counted solution satisfies the optimality conditions, and scikit-learn finds the same
    weights and the same zeros, also with more features than observations."""
    n, rho, fractions = 40, 0.5, [0.02, 0.2, 0.6]
    counts = exact_zero_counts(n, p, rho, fractions, problems=4, seed=7)
    rng = np.random.default_rng(7)
    for k in range(4):
        X, y = regression_problem(n, p, rho, rng)  # the same problems, drawn in the same order
        for i, f in enumerate(fractions):
            lam = f * lasso_lambda_max(X, y)
            w = lasso(X, y, lam)
            assert kkt_violation(X, y, w, lam) < 1e-7
            assert counts["lasso"][i, k] == np.sum(w == 0.0)
            sk = Lasso(alpha=lam / (2 * n), **TIGHT).fit(X, y).coef_
            np.testing.assert_allclose(w, sk, atol=1e-6 * np.abs(sk).max())
            assert np.array_equal(w == 0.0, np.abs(sk) < 1e-9), (p, f)
    assert np.all(counts["ridge"] == 0)


def test_with_more_features_than_observations_the_lasso_keeps_at_most_n():
    """At most n nonzero weights when p > n (Tibshirani 2013, for designs in general position, as a
    continuous random design is), and a small λ comes close to that bound."""
    n = 25
    for p in (26, 60, 120):
        counts = exact_zero_counts(n, p, 0.3, [0.01, 0.05, 0.2, 0.5], problems=6, seed=p)
        assert np.all(p - counts["lasso"] <= n), p
        assert (p - counts["lasso"]).max() >= n - 3, p


def test_at_lambda_max_every_weight_is_zero_and_just_below_one_is_not():
    rng = np.random.default_rng(3)
    for _ in range(5):
        X, y = regression_problem(30, 12, 0.4, rng)
        top = lasso_lambda_max(X, y)
        assert np.all(lasso(X, y, top) == 0.0)
        assert np.sum(lasso(X, y, top * (1 - 1e-6)) != 0.0) == 1


def test_zero_counts_refuse_nonsense():
    with pytest.raises(ValueError):
        exact_zero_counts(10, 3, 0.2, [0.0, 0.5], problems=1, seed=0)
    with pytest.raises(ValueError):
        regression_problem(10, 3, 1.0, np.random.default_rng(0))


def test_the_pair_is_strongly_correlated_and_standardized():
    X, y = correlated_pair(n=400, rho=0.95, seed=1)
    assert np.corrcoef(X.T)[0, 1] == pytest.approx(0.95, abs=0.02)
    np.testing.assert_allclose(X.mean(axis=0), 0.0, atol=1e-12)
    np.testing.assert_allclose(X.std(axis=0), 1.0)
    assert abs(y.mean()) < 1e-12


@pytest.mark.parametrize("alpha", [1.0, 0.5])
def test_bootstrap_supports_match_scikit_learn_on_every_resample(alpha):
    X, y = correlated_pair(n=60, rho=0.97, seed=2)
    lam = 0.4 * lasso_lambda_max(X, y)
    counts = bootstrap_supports(X, y, lam, alpha, resamples=40, seed=5)
    assert sum(counts.values()) == 40 and set(counts) == set(SUPPORTS)
    rng, theirs = np.random.default_rng(5), dict.fromkeys(SUPPORTS, 0)
    for _ in range(40):  # the documented resampling: rows with replacement, centred again
        rows = rng.integers(0, len(y), size=len(y))
        Xb, yb = X[rows] - X[rows].mean(axis=0), y[rows] - y[rows].mean()
        n = len(yb)
        sk = ElasticNet(alpha=lam * (2 - alpha) / (2 * n), l1_ratio=alpha / (2 - alpha), **TIGHT).fit(Xb, yb)
        theirs[support_of_pair(np.where(np.abs(sk.coef_) < 1e-9, 0.0, sk.coef_))] += 1
        np.testing.assert_allclose(elastic_net(Xb, yb, lam, alpha), sk.coef_, atol=1e-7)
    assert counts == theirs


def test_support_names():
    assert [support_of_pair(np.array(w)) for w in ([1.0, 0.0], [0.0, -2.0], [1.0, 1.0], [0.0, 0.0])] == list(
        SUPPORTS
    )


# --- the page: chapter 8's "Two almost identical features" -----------------------------------------

SECTION = "beyond.md#two-almost-identical-features-which-one-does-the-lasso-keep"


@pytest.mark.checks(SECTION, "beyond.md#fig-correlated-pair-paths")
def test_the_lasso_keeps_the_least_squares_gap_and_drops_x1_at_the_quoted_lambda():
    """Both weights active: w(λ) = w_LS − (λ/2)(XᵀX)⁻¹(1, 1), and with two columns of one length
    (XᵀX)⁻¹(1, 1) is a multiple of (1, 1), so the gap stays that of least squares; w₁ reaches zero
    at λ* = 2·w₁_LS / [(XᵀX)⁻¹(1, 1)]₁. Checked against scikit-learn's lasso."""
    from figures_src.figures.correlated_pair_paths import FRACTIONS, paths

    X, y = correlated_pair(n=100, rho=0.99, seed=0)
    n, top = len(y), lasso_lambda_max(X, y)
    assert f"{np.corrcoef(X.T)[0, 1]:.2f}" == "0.99"
    least_squares = np.linalg.lstsq(X, y, rcond=None)[0]
    gap = least_squares[1] - least_squares[0]
    direction = np.linalg.solve(X.T @ X, np.ones(2))
    knot = 2 * least_squares[0] / direction[0]
    assert f"{gap:.2f}" == "0.52" and f"{knot / top:.2f}" == "0.74"
    for f in np.linspace(0.05, 0.99, 30):
        sk = Lasso(alpha=f * top / (2 * n), **TIGHT).fit(X, y).coef_
        if f * top < knot - 1e-6:
            assert sk[1] - sk[0] == pytest.approx(gap, abs=1e-7) and np.all(sk > 0)
        elif f * top > knot + 1e-6:
            assert sk[0] == 0.0 and sk[1] > 0
    from figures_src.sparsity import lasso_knots

    (zero_from,) = lasso_knots(X, y).zero_intervals(0)  # the exact homotopy: one interval, to ∞
    assert zero_from[0] == pytest.approx(knot, rel=1e-9) and zero_from[1] == np.inf
    lasso_w = paths()[0]  # the figure's own numbers
    dropped = FRACTIONS[lasso_w[:, 0] == 0.0]
    assert dropped.min() == pytest.approx(knot / top, abs=FRACTIONS[1] - FRACTIONS[0])
    assert np.all(np.diff(lasso_w[:, 0] == 0.0) >= 0), "once zero, it stays zero"
    page = without_page_breaks("beyond.md")
    for quoted in (
        "sample correlation $0.99$",
        "the gap of the least-squares fit, $0.52$",
        "$\\lambda \\approx 0.74\\,\\lambda_{\\max}$",
    ):
        assert quoted in page, quoted


@pytest.mark.checks(SECTION, "beyond.md#fig-correlated-pair-paths")
def test_the_elastic_net_weights_stay_within_the_quoted_distance():
    from figures_src.figures.correlated_pair_paths import ALPHA

    X, y = correlated_pair(n=100, rho=0.99, seed=0)
    n, top = len(y), lasso_lambda_max(X, y)
    fine = np.linspace(0.1, 1.0, 901)
    gaps = [abs(np.subtract(*elastic_net(X, y, f * top, ALPHA))) for f in fine]
    assert max(gaps) <= 0.025 and max(gaps) > 0.02
    for f in (0.1, 0.3, 0.6, 1.0):  # scikit-learn's ElasticNet with the conversion the page states
        lam = f * top
        sk = ElasticNet(alpha=lam * (2 - ALPHA) / (2 * n), l1_ratio=ALPHA / (2 - ALPHA), **TIGHT).fit(X, y)
        np.testing.assert_allclose(elastic_net(X, y, lam, ALPHA), sk.coef_, atol=1e-8)
    page = without_page_breaks("beyond.md")
    assert "stay within $0.025$ of each other from $\\lambda = 0.1\\,\\lambda_{\\max}$ on" in page
    assert "`alpha` $= \\lambda(2-\\alpha)/(2n)$ and `l1_ratio` $= \\alpha/(2-\\alpha)$" in page


@pytest.mark.checks(SECTION)
def test_the_resampling_counts_on_the_page_are_scikit_learns():
    X, y = correlated_pair(n=100, rho=0.99, seed=0)
    n, lam = len(y), 0.7 * lasso_lambda_max(X, y)
    ours = {alpha: bootstrap_supports(X, y, lam, alpha, resamples=200, seed=0) for alpha in (1.0, 0.5)}
    rng, theirs = np.random.default_rng(0), {1.0: dict.fromkeys(SUPPORTS, 0), 0.5: dict.fromkeys(SUPPORTS, 0)}
    for _ in range(200):
        rows = rng.integers(0, n, size=n)
        Xb, yb = X[rows] - X[rows].mean(axis=0), y[rows] - y[rows].mean()
        for alpha in (1.0, 0.5):
            sk = ElasticNet(alpha=lam * (2 - alpha) / (2 * n), l1_ratio=alpha / (2 - alpha), **TIGHT).fit(
                Xb, yb
            )
            theirs[alpha][support_of_pair(np.where(np.abs(sk.coef_) < 1e-9, 0.0, sk.coef_))] += 1
    assert ours == theirs
    lasso_counts = ours[1.0]
    assert lasso_counts == {"first only": 66, "second only": 102, "both": 28, "neither": 4}
    assert ours[0.5]["both"] == 200
    page = without_page_breaks("beyond.md")
    assert (
        "keeps exactly one of the two in 168 resamples, $x_1$ alone in 66 and $x_2$ alone in 102, "
        "both in 28 and neither in 4" in page
    )
    assert "keeps both in all 200" in page and "at $\\lambda = 0.7\\,\\lambda_{\\max}$" in page


def without_page_breaks(name: str) -> str:
    """A page's text with its line breaks made spaces, so a quote may span lines."""
    from tests.helpers import page

    return " ".join(page(name).split())
