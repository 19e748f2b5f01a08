"""Ridge, lasso, elastic net and their paths against scikit-learn and closed forms.

scikit-learn scales its losses differently (see the conversions below, also stated on the site):
    Lasso(alpha):                 (1/2n)||y − Xw||² + alpha||w||₁           → λ = 2n·alpha
    Ridge(alpha):                 ||y − Xw||² + alpha||w||²                   → λ = alpha
    ElasticNet(alpha, l1_ratio r): (1/2n)||y − Xw||² + alpha·r||w||₁ + (alpha(1 − r)/2)||w||²
        → ours with λ, α when alpha = λ(2 − α)/(2n) and r = α/(2 − α).
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from sklearn.linear_model import Lasso, Ridge
from sklearn.linear_model import lasso_path as sk_lasso_path

from figures_src.sparsity import elastic_net, lasso, lasso_lambda_max, lasso_path, ridge, ridge_path
from tests.helpers import TIGHT, centred_diabetes, sklearn_elastic_net


def synthetic(seed: int, n: int = 60, p: int = 8) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, p)) @ np.linalg.cholesky(0.5 * np.eye(p) + 0.5)  # correlated features
    w = np.where(rng.uniform(size=p) < 0.5, 0.0, rng.normal(scale=2, size=p))
    return X, X @ w + rng.normal(size=n)


DATASETS = {"synthetic-0": synthetic(0), "synthetic-1": synthetic(1), "diabetes": centred_diabetes()}


def assert_same_fit(ours: np.ndarray, theirs: np.ndarray) -> None:
    np.testing.assert_allclose(ours, theirs, rtol=1e-6, atol=1e-9 * max(1.0, np.abs(theirs).max()))
    np.testing.assert_array_equal(ours == 0.0, theirs == 0.0)


@pytest.mark.checks("overfitting.md#eq-squared-loss", "overfitting.md#eq-lasso")
@pytest.mark.parametrize("name", DATASETS)
@pytest.mark.parametrize("fraction", [0.9, 0.5, 0.2, 0.05, 0.005])
def test_lasso_matches_scikit_learn(name, fraction):
    X, y = DATASETS[name]
    n = len(y)
    lam = fraction * lasso_lambda_max(X, y)
    assert_same_fit(lasso(X, y, lam), Lasso(alpha=lam / (2 * n), **TIGHT).fit(X, y).coef_)


@pytest.mark.checks("overfitting.md#eq-squared-loss", "overfitting.md#eq-ridge")
@pytest.mark.parametrize("name", DATASETS)
@pytest.mark.parametrize("lam", [0.01, 1.0, 30.0, 1000.0])
def test_ridge_matches_scikit_learn_and_the_normal_equations(name, lam):
    X, y = DATASETS[name]
    ours = ridge(X, y, lam)
    np.testing.assert_allclose(ours, Ridge(alpha=lam, fit_intercept=False).fit(X, y).coef_, rtol=1e-6)
    np.testing.assert_allclose(ours, np.linalg.solve(X.T @ X + lam * np.eye(X.shape[1]), X.T @ y), rtol=1e-9)
    assert np.all(ours != 0.0), "no exact zeros at these λs (ridge's zeros are isolated: test_claims.py)"


@pytest.mark.checks("overfitting.md#eq-elastic-net")
@pytest.mark.parametrize("name", DATASETS)
@pytest.mark.parametrize(("fraction", "alpha"), [(0.3, 0.5), (0.1, 0.9), (0.05, 0.2), (0.5, 1.0)])
def test_elastic_net_matches_scikit_learn(name, fraction, alpha):
    X, y = DATASETS[name]
    lam = fraction * lasso_lambda_max(X, y)
    assert_same_fit(elastic_net(X, y, lam, alpha), sklearn_elastic_net(X, y, lam, alpha))


@pytest.mark.checks("beyond.md#fig-diabetes-paths")
@pytest.mark.parametrize("name", DATASETS)
def test_lasso_path_matches_scikit_learn(name):
    X, y = DATASETS[name]
    n = len(y)
    lams = np.geomspace(lasso_lambda_max(X, y), 1e-3 * lasso_lambda_max(X, y), 40)
    ours = lasso_path(X, y, lams)
    _, coefs, _ = sk_lasso_path(X, y, alphas=lams / (2 * n), tol=1e-14, max_iter=1_000_000)
    assert ours.shape == (lams.size, X.shape[1])
    assert_same_fit(ours, coefs.T)


def test_lasso_path_order_does_not_matter():
    X, y = DATASETS["diabetes"]
    lams = np.geomspace(1, lasso_lambda_max(X, y), 15)
    np.testing.assert_allclose(
        lasso_path(X, y, lams), lasso_path(X, y, lams[::-1])[::-1], rtol=1e-10, atol=1e-12
    )


def test_ridge_path_matches_one_fit_at_a_time():
    X, y = DATASETS["synthetic-0"]
    lams = [0.0, 0.3, 3.0, 300.0]
    np.testing.assert_allclose(ridge_path(X, y, lams), [ridge(X, y, lam) for lam in lams], rtol=1e-10)


@pytest.mark.checks("overfitting.md#eq-lasso", "derivative-threshold.md#eq-threshold")
@pytest.mark.parametrize("name", DATASETS)
def test_lasso_satisfies_its_optimality_conditions(name):
    """Subgradient conditions: X_jᵀr = (λ/2)·sign(w_j) where w_j ≠ 0, and |X_jᵀr| ≤ λ/2 where w_j = 0."""
    X, y = DATASETS[name]
    lam = 0.1 * lasso_lambda_max(X, y)
    w = lasso(X, y, lam)
    corr = X.T @ (y - X @ w)
    active = w != 0
    assert active.any() and (~active).any()
    np.testing.assert_allclose(corr[active], lam / 2 * np.sign(w[active]), rtol=1e-9)
    assert np.all(np.abs(corr[~active]) <= lam / 2 * (1 + 1e-12))


@pytest.mark.checks("beyond.md#eq-lambda-max")
@pytest.mark.claim(
    "derivative-threshold.md#eq-lasso-kkt-regression",
    "so for $\\lambda > 0$ all weights are zero exactly when $\\lambda \\ge 2\\max_j \\lvert X_j^\\top "
    "y\\rvert$",
    searched="the diabetes data at λ_max and just below it; random problems in test_exercise_8_1",
)
@pytest.mark.claim(
    "beyond.md#eq-lambda-max",
    "all of them are pinned while $\\lambda \\ge 2\\lvert X_j^\\top y\\rvert$ for every $j$",
    searched="the diabetes data at λ_max (all zero) and at λ_max(1 − 1e-6) (one weight leaves)",
)
def test_lambda_max_is_where_the_last_weight_leaves_zero():
    X, y = DATASETS["diabetes"]
    top = lasso_lambda_max(X, y)
    assert np.all(lasso(X, y, top) == 0.0)
    assert np.count_nonzero(lasso(X, y, top * (1 - 1e-6))) == 1


@pytest.mark.checks("beyond.md#fig-diabetes-paths")
def test_diabetes_zero_counts_lasso_steps_ridge_only_at_its_two_crossings():
    """Chapter 8's bottom panel: the lasso's count of exact zeros, read off its exact path, falls from
    10 to 0 but is not monotone (s3 returns); ridge's is 0 except at the λs where a path crosses zero."""
    from figures_src.sparsity import lasso_knots, ridge_zeros

    X, y = DATASETS["diabetes"]
    assert X.shape == (442, 10)
    top = lasso_lambda_max(X, y)
    lams = np.geomspace(top, 1e-4 * top, 400)
    zeros = (lasso_path(X, y, lams) == 0.0).sum(axis=1)
    assert zeros[0] == 10 and zeros[-1] == 0
    assert np.any(np.diff(zeros) > 0), "a coefficient returns to zero: the count is not monotone"
    knots = lasso_knots(X, y)
    np.testing.assert_array_equal(knots.at(lams) == 0.0, lasso_path(X, y, lams) == 0.0)
    crossings = [lam for z in ridge_zeros(X, y, 1e-3 * top, top) for lam in (z or [])]
    assert len(crossings) == 2
    for lam in crossings:  # exactly zero there (to rounding), and at no λ of the grid
        w = ridge(X, y, lam)
        assert np.min(np.abs(w)) < 1e-9 * np.max(np.abs(w))
    assert np.all(ridge_path(X, y, lams) != 0.0)


@pytest.mark.checks("beyond.md#zero-on-an-interval-of-or-at-a-single-point")
@pytest.mark.claim(
    "beyond.md#zero-on-an-interval-of-or-at-a-single-point",
    "No ridge coefficient is exactly zero at any of the 121 positions",
    searched="every one of the explorer's 121 values of λ, ridge from scikit-learn and from the data; "
    "the exact numerators' roots in the range (Sturm count in rational arithmetic)",
)
@pytest.mark.claim(
    "beyond.md#zero-on-an-interval-of-or-at-a-single-point",
    "a ridge coefficient is zero at two values of $\\lambda$ only",
    searched="the count of real roots of each exact numerator P_j between λ_max/1000 and λ_max (SymPy)",
)
def test_the_paths_explorer_shows_scikit_learns_lasso_and_ridge_at_each_of_its_steps():
    """The numbers chapter 8's explorer reads (diabetes_paths.explorer_data): 121 values of λ in equal
    ratios from λ_max to λ_max/1000; at each, scikit-learn's Lasso and Ridge give the same weights and
    the lasso the same exact zeros; s3's return covers the nine steps the page names; ridge is zero
    at none of them, and each of its two zeros lies between two steps where its sign changes."""
    from scipy.optimize import brentq

    from figures_src.figures.diabetes_paths import explorer_data

    X, y = DATASETS["diabetes"]
    n = len(y)
    shown = explorer_data()
    names, lams = shown["features"], np.asarray(shown["lambdas"])
    top = 2 * np.max(np.abs(X.T @ y))
    assert lams.size == 121 and lams[0] == pytest.approx(top, rel=1e-12)
    np.testing.assert_allclose(lams[1:] / lams[:-1], 10 ** (-1 / 40), rtol=1e-12)
    assert lams[-1] == pytest.approx(top / 1000, rel=1e-12)
    for k, lam in enumerate(lams):
        sk = Lasso(alpha=lam / (2 * n), **TIGHT).fit(X, y).coef_
        np.testing.assert_allclose(shown["lasso"][k], sk, atol=1e-7 * max(1.0, np.abs(sk).max()))
        np.testing.assert_array_equal(shown["lasso"][k] == 0.0, np.abs(sk) < 1e-9)
        np.testing.assert_allclose(
            shown["ridge"][k], Ridge(alpha=lam, fit_intercept=False).fit(X, y).coef_, rtol=1e-9
        )
    assert np.abs(np.asarray(shown["ridge"])).min() > 1e-3, "far from zero in floating point too"
    lasso_zero = np.asarray(shown["lasso"]) == 0.0
    runs = {}  # each feature's runs of consecutive positions at exactly zero
    for j, name in enumerate(names):
        edges = np.flatnonzero(np.diff(np.r_[0, lasso_zero[:, j].astype(int), 0]))
        runs[name] = [(int(a), int(b) - 1) for a, b in zip(edges[::2], edges[1::2], strict=True)]
    assert runs["bmi"] == [(0, 0)] and runs["s5"] == [(0, 1)]
    assert all(b - a + 1 >= 9 for name, spans in runs.items() if name not in ("bmi", "s5") for a, b in spans)
    (first, last) = runs["s3"][1]
    assert last - first + 1 == 9 and [f"{lams[first]:.4g}", f"{lams[last]:.4g}"] == ["4.251", "2.682"]
    # what the page receives: rounded to 6 significant digits, the same zeros and the same λ labels
    from figures_src.render import _plain

    written = _plain(shown)
    assert np.array_equal(np.asarray(written["lasso"]) == 0.0, lasso_zero)
    assert [f"{v:.4g}" for v in written["lambdas"]] == [f"{v:.4g}" for v in lams]

    def ridge_weight(lam: float, j: int) -> float:
        return float(Ridge(alpha=lam, fit_intercept=False).fit(X, y).coef_[j])

    found = []
    for j, zeros in enumerate(shown["ridge_zeros"]):
        signs = np.sign(np.asarray(shown["ridge"])[:, j])
        changes = np.flatnonzero(signs[1:] != signs[:-1])
        assert len(zeros) == len(changes), names[j]
        for lam, k in zip(zeros, changes, strict=True):  # one sign change between two steps, brentq's root
            assert lams[k + 1] < lam < lams[k]
            assert lam == pytest.approx(
                brentq(ridge_weight, lams[k + 1], lams[k], args=(j,), xtol=1e-12), rel=1e-9
            )
            found.append((names[j], f"{lam:.4g}", f"{lams[k]:.4g}", f"{lams[k + 1]:.4g}"))
    assert found == [("sex", "11.99", "12.69", "11.98"), ("s2", "2.191", "2.257", "2.131")]
    sex_next = np.asarray(shown["ridge"])[np.argmin(np.abs(lams - 11.98)), names.index("sex")]
    assert f"{abs(sex_next):.3f}" == "0.004"
    # no two close zeros hide between two positions: the exact count of each numerator's roots
    assert [exact_ridge_zero_count(X, y, j, lams[-1], lams[0]) for j in range(10)] == [
        0,
        1,
        0,
        0,
        0,
        1,
        0,
        0,
        0,
        0,
    ]


def exact_ridge_zero_count(X: np.ndarray, y: np.ndarray, j: int, lo: float, hi: float) -> int:
    """The number of real roots in [lo, hi] of the numerator P_j(λ) of ridge's w_j (Cramer's rule:
    det of XᵀX + λI with column j replaced by Xᵀy), in exact rational arithmetic (Sturm's theorem)."""
    from fractions import Fraction

    import sympy as sp
    from sympy.polys.matrices import DomainMatrix

    lam = sp.symbols("lam")
    ring = sp.QQ[lam]
    gram, corr = X.T @ X, X.T @ y
    p = len(corr)

    def entry(a: int, b: int):
        if b == j:
            return ring.from_sympy(sp.Rational(Fraction(corr[a])))
        return ring.from_sympy(sp.Rational(Fraction(gram[a, b])) + (lam if a == b else 0))

    matrix = DomainMatrix([[entry(a, b) for b in range(p)] for a in range(p)], (p, p), ring)
    numerator = sp.Poly(ring.to_sympy(matrix.det()), lam)
    return numerator.count_roots(sp.Rational(Fraction(lo)), sp.Rational(Fraction(hi)))


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: lasso(np.ones((3, 2)), np.ones(4), 1.0), "shapes"),
        (lambda: lasso(np.ones((3, 2)), np.ones(3), -1.0), "lam"),
        (lambda: ridge(np.array([[1.0, np.nan]]), np.ones(1), 1.0), "finite"),
        (lambda: elastic_net(np.eye(3), np.ones(3), 1.0, 1.5), "alpha"),
        (lambda: lasso_path(np.eye(3), np.ones(3), [1.0, -2.0]), "λ"),
        (lambda: lasso(np.c_[np.ones(3), np.zeros(3)], np.ones(3), 1.0), "nonzero"),
        (lambda: ridge(np.ones((3, 2)), np.ones(3), 0.0), "full column rank"),
    ],
)
def test_bad_input_raises_a_clear_error(call, message):
    with pytest.raises(ValueError, match=message):
        call()


@pytest.mark.checks("beyond.md#fig-diabetes-paths")
def test_ridge_path_matches_scikit_learn_on_diabetes():
    X, y = DATASETS["diabetes"]
    lams = np.geomspace(1e-3, 1e4, 12)
    expected = [Ridge(alpha=lam, fit_intercept=False).fit(X, y).coef_ for lam in lams]
    np.testing.assert_allclose(ridge_path(X, y, lams), expected, rtol=1e-6)


@given(
    row=st.integers(0, 4),
    col=st.integers(0, 2),
    bad=st.sampled_from([np.nan, np.inf, -np.inf]),
    where=st.sampled_from(["X", "y"]),
    solver=st.sampled_from(["lasso", "ridge", "elastic_net"]),
)
def test_any_nan_or_infinity_in_the_data_raises(row, col, bad, where, solver):
    X, y = np.arange(15.0).reshape(5, 3) % 4 + 1, np.arange(5.0)
    if where == "X":
        X[row, col] = bad
    else:
        y[row] = bad
    call = {
        "lasso": lambda: lasso(X, y, 1.0),
        "ridge": lambda: ridge(X, y, 1.0),
        "elastic_net": lambda: elastic_net(X, y, 1.0, 0.5),
    }[solver]
    with pytest.raises(ValueError, match="finite"):
        call()


@given(lam=st.floats(max_value=-1e-300, allow_nan=False, allow_infinity=False))
def test_any_negative_lambda_raises(lam):
    for call in (lambda: lasso(np.eye(2), np.ones(2), lam), lambda: ridge(np.eye(2), np.ones(2), lam)):
        with pytest.raises(ValueError, match="lam"):
            call()
