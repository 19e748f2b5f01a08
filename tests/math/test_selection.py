"""Exact zeros in many dimensions and among correlated features (figures_src/sparsity/selection.py),
against scikit-learn and the lasso's optimality conditions.

scikit-learn's scalings (as in test_linear.py): Lasso(alpha) is ours with λ = 2n·alpha;
ElasticNet(alpha, l1_ratio) is ours with alpha = λ(2 − α)/(2n) and l1_ratio = α/(2 − α).
"""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.linear_model import Lasso

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
from tests import helpers
from tests.helpers import TIGHT, without_page_breaks


def kkt_violation(X: np.ndarray, y: np.ndarray, w: np.ndarray, lam: float) -> float:
    """How far w is from the lasso's optimality conditions: 2xⱼᵀr = λ·sign(wⱼ) where wⱼ ≠ 0,
    |2xⱼᵀr| ≤ λ where wⱼ = 0 (relative to λ)."""
    slope = 2 * X.T @ (y - X @ w)
    active = w != 0.0
    on = np.abs(slope[active] - lam * np.sign(w[active]))
    off = np.maximum(np.abs(slope[~active]) - lam, 0.0)
    return float(np.max(np.concatenate([on, off, [0.0]])) / lam)


def sklearn_elastic_net(X: np.ndarray, y: np.ndarray, lam: float, alpha: float) -> np.ndarray:
    """scikit-learn's weights (tests/helpers.py), those below 1e-9 read as the exact zeros they stand for."""
    coef = helpers.sklearn_elastic_net(X, y, lam, alpha)
    return np.where(np.abs(coef) < 1e-9, 0.0, coef)


def tally(kept: list[str]) -> dict[str, int]:
    """How many resamples kept each of ``SUPPORTS``."""
    return {name: kept.count(name) for name in SUPPORTS}


def resampled_supports(X: np.ndarray, y: np.ndarray, lam: float, alpha: float, resamples: int, seed: int):
    """The documented resampling done by hand (rows with replacement, centred again), solved by
    scikit-learn: which of the pair each resample keeps, in order."""
    rng, n = np.random.default_rng(seed), len(y)
    kept = []
    for _ in range(resamples):
        rows = rng.integers(0, n, size=n)
        Xb, yb = X[rows] - X[rows].mean(axis=0), y[rows] - y[rows].mean()
        kept.append(support_of_pair(sklearn_elastic_net(Xb, yb, lam, alpha)))
    return kept


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
    continuous random design is), n − 1 with centred columns, and a small λ comes close to that bound."""
    n = 25
    for p in (26, 60, 120):
        counts = exact_zero_counts(n, p, 0.3, [0.01, 0.05, 0.2, 0.5], problems=6, seed=p)
        assert np.all(p - counts["lasso"] <= n - 1), p  # n − 1: the columns are centred
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
    kept = resampled_supports(X, y, lam, alpha, resamples=40, seed=5)
    assert counts == tally(kept)
    np.testing.assert_allclose(
        elastic_net(X, y, lam, alpha), sklearn_elastic_net(X, y, lam, alpha), atol=1e-7
    )


def test_support_names():
    assert [support_of_pair(np.array(w)) for w in ([1.0, 0.0], [0.0, -2.0], [1.0, 1.0], [0.0, 0.0])] == list(
        SUPPORTS
    )


# --- the page: chapter 8's "Two almost identical features" -----------------------------------------

SECTION = "beyond.md#two-almost-identical-features-which-one-does-the-lasso-keep"


@pytest.mark.checks(SECTION, "beyond.md#fig-correlated-pair-paths")
@pytest.mark.claim(
    "beyond.md#two-almost-identical-features-which-one-does-the-lasso-keep",
    "and it stays zero for every larger $\\lambda$",
    searched="the exact lasso homotopy of this sample (one zero interval of w₁, from the knot to "
    "infinity) and scikit-learn at 30 λs on both sides of the knot",
)
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
            # x₂ alone: slope −1/(2n), steeper than the −1/(2n(1 + r)) of both together
            assert sk[1] == pytest.approx((X[:, 1] @ y - f * top / 2) / n, abs=1e-7)
    together = direction / 2  # both active: each falls at 1/(2n(1 + r)) per unit of λ
    np.testing.assert_allclose(together, 1 / (2 * n * (1 + np.corrcoef(X.T)[0, 1])))
    assert 1 / (2 * n) > together[1]  # alone, x₂ falls more steeply
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
        "they keep the gap of the least-squares fit, $0.52$",
        "$\\lambda \\approx 0.74\\,\\lambda_{\\max}$",
    ):
        assert quoted in page, quoted


@pytest.mark.checks(SECTION, "beyond.md#fig-correlated-pair-paths", "beyond.md#eq-pair-gap")
def test_the_elastic_net_gap_is_the_least_squares_gap_times_the_quoted_factor():
    """Eq. pair-gap at every λ from 0.1λ_max to λ_max, both weights positive, for several α; scikit-
    learn's ElasticNet agrees; the quoted 0.97, 0.024 and the figure's lines."""
    from figures_src.figures.correlated_pair_paths import ALPHA, FRACTIONS, paths

    X, y = correlated_pair(n=100, rho=0.99, seed=0)
    n, top = len(y), lasso_lambda_max(X, y)
    r = np.corrcoef(X.T)[0, 1]
    least_squares = np.linalg.lstsq(X, y, rcond=None)[0]
    for alpha in (0.2, ALPHA, 0.9):  # "whatever α is"
        for f in np.linspace(0.1, 1.0, 91):
            lam = f * top
            w = elastic_net(X, y, lam, alpha)
            assert np.all(w > 0)
            factor = n * (1 - r) / (n * (1 - r) + lam * (1 - alpha))
            assert w[1] - w[0] == pytest.approx((least_squares[1] - least_squares[0]) * factor, abs=1e-9)
    for f in (0.1, 0.3, 0.6, 1.0):
        lam = f * top
        np.testing.assert_allclose(
            elastic_net(X, y, lam, ALPHA), sklearn_elastic_net(X, y, lam, ALPHA), atol=1e-8
        )
    gap_at = np.subtract(*elastic_net(X, y, 0.1 * top, ALPHA)[::-1])
    assert f"{n * (1 - r):.2f}" == "0.97" and f"{gap_at:.3f}" == "0.024"
    drawn = paths()[1]
    assert np.all(np.abs(np.diff(drawn[FRACTIONS >= 0.1], axis=1)) <= gap_at + 1e-12)
    page = without_page_breaks("beyond.md")
    assert "small (here $0.97$)" in page
    assert "it is $0.024$ at $\\lambda = 0.1\\,\\lambda_{\\max}$, and smaller at every larger" in page
    assert "`alpha` $= \\lambda(2-\\alpha)/(2n)$ and `l1_ratio` $= \\alpha/(2-\\alpha)$" in page


@pytest.mark.checks(SECTION)
@pytest.mark.parametrize("seed", range(6))
def test_the_grouping_bound_holds_for_every_same_sign_pair_of_many_correlated_features(seed):
    """|wᵢ − wⱼ| ≤ √(2n(1 − rᵢⱼ))‖y‖/(λ(1 − α)) for same-sign weights, standardized columns, 4 to 12
    correlated features, several λ and α; and a duplicated column gets the same weight. Oracle: the
    weights are scikit-learn's."""
    rng = np.random.default_rng(seed)
    p, n = int(rng.integers(4, 13)), int(rng.choice([15, 60]))
    X, y = regression_problem(n, p, float(rng.uniform(0.5, 0.95)), rng)
    X = X / X.std(axis=0)
    corr = np.corrcoef(X.T)
    pairs = 0
    for alpha in (0.1, 0.5, 0.9):
        for f in (0.05, 0.3, 0.8):
            lam = f * lasso_lambda_max(X, y)
            w = sklearn_elastic_net(X, y, lam, alpha)
            for i in range(p):
                for j in range(i):
                    if w[i] * w[j] > 0:
                        pairs += 1
                        bound = np.sqrt(2 * n * (1 - corr[i, j])) * np.linalg.norm(y) / (lam * (1 - alpha))
                        assert abs(w[i] - w[j]) <= bound * (1 + 1e-9) + 1e-9
    assert pairs > 0
    twin = np.column_stack([X, X[:, 0]])  # the first column twice
    w = elastic_net(twin, y, 0.2 * lasso_lambda_max(twin, y), 0.5)
    assert w[0] == pytest.approx(w[-1], abs=1e-9)


@pytest.mark.claim(
    "beyond.md#two-almost-identical-features-which-one-does-the-lasso-keep",
    "all weights are zero exactly when $\\lvert 2x_j^\\top y\\rvert \\le \\lambda\\alpha$ for every $j$",
    searched="8 random problems with 3 to 10 correlated features (fewer observations than features "
    "too), α = 0.1, 0.5 and 1, λ at max|2xⱼᵀy|/α, a millionth above it and 10⁻⁴ below it, our solver "
    "and scikit-learn's ElasticNet",
)
@pytest.mark.parametrize("seed", range(8))
def test_the_elastic_net_is_all_zero_exactly_when_every_slope_at_zero_is_within_lambda_alpha(seed):
    rng = np.random.default_rng(50 + seed)
    p, n = int(rng.integers(3, 11)), int(rng.choice([6, 40]))
    X, y = regression_problem(n, p, float(rng.uniform(0.2, 0.9)), rng)
    for alpha in (0.1, 0.5, 1.0):
        edge = np.max(np.abs(2 * X.T @ y)) / alpha
        assert np.all(sklearn_elastic_net(X, y, edge * (1 + 1e-6), alpha) == 0.0)
        assert np.all(elastic_net(X, y, edge, alpha) == 0.0)
        assert np.any(sklearn_elastic_net(X, y, edge * (1 - 1e-4), alpha) != 0.0)


@pytest.mark.checks(SECTION)
def test_the_resampling_counts_on_the_page_are_scikit_learns():
    X, y = correlated_pair(n=100, rho=0.99, seed=0)
    top = lasso_lambda_max(X, y)
    lam = 0.8 * top
    assert support_of_pair(lasso(X, y, lam)) == "second only"  # the full sample keeps x₂
    runs = {}
    for alpha, f in ((1.0, 0.8), (0.5, 0.8), (0.5, 1.6)):
        kept = resampled_supports(X, y, f * top, alpha, resamples=200, seed=0)
        assert bootstrap_supports(X, y, f * top, alpha, resamples=200, seed=0) == tally(kept)
        runs[alpha, f] = kept
    lasso_kept, matched = runs[1.0, 0.8], runs[0.5, 1.6]
    assert tally(lasso_kept) == {"first only": 71, "second only": 92, "both": 18, "neither": 19}
    assert tally(runs[0.5, 0.8])["both"] == 200
    assert tally(matched) == {"first only": 0, "second only": 4, "both": 177, "neither": 19}
    same = [k for k, kept in enumerate(lasso_kept) if kept == "neither"]
    assert same == [k for k, kept in enumerate(matched) if kept == "neither"], "the same 19 resamples"
    page = without_page_breaks("beyond.md")
    for quoted in (
        "On the full sample, at $\\lambda = 0.8\\,\\lambda_{\\max}$, it keeps $x_2$",
        "keeps exactly one of the two in 163 resamples, $x_2$ alone in 92 but $x_1$ alone in 71, "
        "both in 18 and neither in 19",
        "keeps both in all 200",
        "($\\lambda = 1.6\\,\\lambda_{\\max}$) the elastic net keeps both in 177 resamples, one alone in 4 "
        "(each time $x_2$) and neither in the same 19 as the lasso",
    ):
        assert quoted in page, quoted


# --- the page: chapter 8's "Many features" -----------------------------------------------------------

MANY = "beyond.md#many-features-more-zeros-and-at-most-n-kept"


@pytest.fixture(scope="module")
def figure_problems():
    """The figure's own problems (n = 50, ρ = 0.5, 50 per p, seed 1000 + p), redrawn here, and for each
    p the number of zeros scikit-learn's lasso leaves at each of the figure's fractions of λ_max:
    {p: (problems, counts of shape (len(FRACTIONS), 50))}."""
    from figures_src.figures.zeros_against_dimension import DIMENSIONS, FRACTIONS, PROBLEMS, RHO, N

    drawn = {}
    for p in DIMENSIONS:
        rng = np.random.default_rng(1000 + int(p))
        problems = [regression_problem(N, int(p), RHO, rng) for _ in range(PROBLEMS)]
        counts = np.array(
            [
                [np.sum(sklearn_lasso(X, y, f * lasso_lambda_max(X, y)) == 0.0) for X, y in problems]
                for f in FRACTIONS
            ]
        )
        drawn[int(p)] = problems, counts
    return drawn


def sklearn_lasso(X: np.ndarray, y: np.ndarray, lam: float) -> np.ndarray:
    """scikit-learn's lasso at our λ: its ElasticNet with l1_ratio 1 (alpha = λ/(2n)), zeros read as above."""
    return sklearn_elastic_net(X, y, lam, 1.0)


@pytest.mark.checks(MANY, "beyond.md#fig-zeros-against-dimension")
def test_the_figure_counts_the_zeros_scikit_learn_finds(figure_problems):
    from figures_src.figures.zeros_against_dimension import DIMENSIONS, counts, shares

    for p in DIMENSIONS:
        assert np.array_equal(counts(int(p))["lasso"], figure_problems[int(p)][1]), p
    assert np.all(shares()["ridge"] == 0.0)
    for p in (2, 50, 100):  # ridge by its closed form, (XᵀX + (λ/2)I)⁻¹Xᵀy, never exactly zero here
        for X, y in figure_problems[p][0]:
            lam = 0.05 * lasso_lambda_max(X, y)
            assert np.all(np.linalg.solve(X.T @ X + lam / 2 * np.eye(p), X.T @ y) != 0.0)


@pytest.mark.checks(MANY, "beyond.md#fig-zeros-against-dimension")
def test_the_quoted_shares_and_counts_kept_are_scikit_learns(figure_problems):
    """The page's numbers and the alt text's, from scikit-learn's zeros; the rise with p has no dip
    of a whole percentage point."""
    from figures_src.figures.zeros_against_dimension import DIMENSIONS, FRACTIONS

    mean = {p: 100 * counts.mean(axis=1) / p for p, (_, counts) in figure_problems.items()}
    assert FRACTIONS == (0.05, 0.2, 0.5)
    assert [f"{mean[2][i]:.0f}" for i in range(3)] == ["5", "19", "31"]
    assert [f"{mean[100][i]:.0f}" for i in range(3)] == ["70", "85", "94"]
    rises = np.diff([mean[int(p)] for p in DIMENSIONS], axis=0)
    assert rises.min() > -1.0 and (rises < 0).any(), "dips exist, each under one point"
    kept = {p: p - figure_problems[p][1][0].mean() for p in (10, 50, 100)}  # at 0.05 λ_max
    assert [f"{kept[p]:.1f}" for p in (10, 50, 100)] == ["8.6", "26.5", "30.2"]
    text = without_page_breaks("beyond.md")
    for quoted in (
        "apart from dips of less than one percentage point between neighbouring values of $p$ on this grid",
        "from 5% of the weights at $p = 2$ to 70% at $p = 100$, "
        "and at $0.5\\,\\lambda_{\\max}$ from 31% to 94%",
        "keeps 8.6 of 10 weights on average, 26.5 of 50 and 30.2 of 100",
        "about 5 percent to about 70 percent, at 0.2 lambda max from about 19 to 85 percent, at 0.5 "
        "lambda max from about 31 to 94 percent",
        "rises to 51 percent at p equal to 100",
    ):
        assert quoted in text, quoted
    assert f"{100 * (1 - 49 / 100):.0f}" == "51"


@pytest.mark.checks(MANY, "beyond.md#fig-zeros-against-dimension")
@pytest.mark.claim(
    "beyond.md#many-features-more-zeros-and-at-most-n-kept",
    "the floor line in the figure, which no problem crosses",
    searched="all 50 problems at each p ≥ n of the figure, at its three λs, solved by scikit-learn",
)
def test_no_problem_of_the_figure_keeps_more_than_n_minus_one(figure_problems):
    from figures_src.figures.zeros_against_dimension import N

    for p, (problems, counts) in figure_problems.items():
        if p >= N:
            assert np.all(p - counts <= N - 1), p
            for X, _ in problems[:5]:  # least squares is not unique: XᵀX is singular
                assert np.linalg.matrix_rank(X) == N - 1 < p
    most = (100 - figure_problems[100][1]).max()  # at p = 100, over the three λs
    assert most == 45 and N - 1 == 49
    text = without_page_breaks("beyond.md")
    assert "the most any keeps is 45 of 100 weights, where the bound allows 49" in text


@pytest.mark.checks(MANY)
def test_lambda_max_and_the_signal_grow_with_p(figure_problems):
    """The page's caveat: the curves mix the geometry with a λ_max and a signal that grow with p."""
    from figures_src.figures.zeros_against_dimension import DIMENSIONS

    top = [np.mean([lasso_lambda_max(X, y) for X, y in figure_problems[int(p)][0]]) for p in DIMENSIONS]
    size = [np.mean([y @ y for _, y in figure_problems[int(p)][0]]) for p in DIMENSIONS]
    assert top[-1] > 5 * top[0] and size[-1] > 5 * size[0]
    assert np.corrcoef(DIMENSIONS, top)[0, 1] > 0.9 and np.corrcoef(DIMENSIONS, size)[0, 1] > 0.9
    assert len(DIMENSIONS) == 13
    assert "For 13 values of $p$ from 2 to 100 (2, 5, 10, 15, 20, then 30 to 100 in steps of 10)" in (
        without_page_breaks("beyond.md")
    )


def equicorrelation_rank(X: np.ndarray, y: np.ndarray, w: np.ndarray, lam: float) -> tuple[int, int]:
    """The size of the equicorrelation set E = {j : |2xⱼᵀ(y − Xw)| = λ} of a lasso solution and the rank
    of X_E. Rank = |E| makes the solution unique (Tibshirani 2013, lemma 2): the fit Xw is the same for
    every solution, so E is too, and any two solutions differ by a vector of null(X_E) = {0}."""
    slope = np.abs(2 * X.T @ (y - X @ w))
    E = slope >= lam * (1 - 1e-7)
    return int(E.sum()), int(np.linalg.matrix_rank(X[:, E]))


def random_starts_agree(X: np.ndarray, y: np.ndarray, lam: float, rng: np.random.Generator) -> bool:
    """scikit-learn's lasso started from three random weight vectors ends at one solution."""
    ends = []
    for _ in range(3):
        model = Lasso(alpha=lam / (2 * len(y)), warm_start=True, **TIGHT)
        model.coef_ = rng.normal(scale=3.0, size=X.shape[1])
        ends.append(model.fit(X, y).coef_)
    return all(np.allclose(end, ends[0], atol=1e-6) for end in ends[1:])


@pytest.mark.checks(MANY)
@pytest.mark.claim(
    "beyond.md#many-features-more-zeros-and-at-most-n-kept",
    "the lasso solution is unique for every $\\lambda > 0$",
    searched="24 random centred problems with more features than observations (n from 8 to 30, p up "
    "to 4n, correlation up to 0.8), at λ from 0.005 to 0.9 λ_max: the equicorrelation set's columns "
    "independent (which makes the solution unique) and three random starts of scikit-learn ending "
    "together",
)
@pytest.mark.claim(
    "beyond.md#many-features-more-zeros-and-at-most-n-kept",
    "zero for every $\\lambda > 0$, however small",
    searched="the same 24 problems at λ from 0.005 to 0.9 λ_max (at most n − 1 nonzero weights and "
    "an equicorrelation set of at most n − 1 independent columns), and the figure's 50 problems at "
    "each p ≥ n at its three λs",
)
@pytest.mark.parametrize("seed", range(4))
def test_with_more_features_than_observations_the_solution_is_unique_and_keeps_at_most_n_minus_one(seed):
    rng = np.random.default_rng(200 + seed)
    for _ in range(6):
        n = int(rng.integers(8, 31))
        p = int(rng.integers(n + 1, 4 * n + 1))
        X, y = regression_problem(n, p, float(rng.uniform(0, 0.8)), rng)
        top = lasso_lambda_max(X, y)
        for f in (0.005, 0.05, 0.3, 0.9):
            w = lasso(X, y, f * top)
            assert kkt_violation(X, y, w, f * top) < 1e-7
            size, rank = equicorrelation_rank(X, y, w, f * top)
            assert rank == size <= n - 1, (n, p, f)
            assert np.sum(w != 0.0) <= n - 1
            assert random_starts_agree(X, y, f * top, rng)


def test_the_uniqueness_checks_catch_a_design_not_in_general_position():
    """A planted fault: the same column twice. Both columns are in E but X_E loses a rank, and random
    starts end at different splits of the weight."""
    rng = np.random.default_rng(9)
    X, y = regression_problem(12, 20, 0.3, rng)
    lam = 0.3 * lasso_lambda_max(X, y)
    j = int(np.argmax(np.abs(lasso(X, y, lam))))
    X = np.column_stack([X, X[:, j]])
    w = lasso(X, y, lam)
    size, rank = equicorrelation_rank(X, y, w, lam)
    assert rank == size - 1
    assert not random_starts_agree(X, y, lam, rng)
