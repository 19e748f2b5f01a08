"""Universal claims of the pages, each tested where it could fail.

Every test here carries a ``claim`` mark: the words it checks, quoted from the page (a test below
fails if the page no longer says them), and where it looked for a counterexample. The verification
page renders them as a table. The oracles are independent of the code under test: SymPy's exact
root counts (Sturm sequences) on rational data, scikit-learn's LARS and coordinate descent, SciPy's
scalar minimizers and quadrature, and closed forms.

Claims, their generality, and the test that would fail if they were false:
- a ridge coefficient is zero at no more than p − 1 values of λ > 0 unless it is zero for every λ
  (random problems, p = 2…6, correlated features, n < p too): ``test_ridge_zeros_...``
- the diabetes data: sex and s2 are exactly zero at one λ each, the other eight at none, and the
  grid of the figure steps over both: ``test_diabetes_ridge_...``
- the lasso path is piecewise linear and every zero lasts for an interval; s3 returns to zero:
  ``test_lasso_knots_...``, ``test_s3_...``, ``test_every_lasso_zero_...``
- the lasso optimality conditions in p dimensions are necessary and sufficient: ``test_lasso_kkt_...``
- the coordinate threshold, its boundary |g| = λ (convex: a minimum, not always strict; non-convex:
  not always a minimum): ``test_threshold_...``
- at a diamond's corner the matching λ is unique and the balanced gradients form the normal cone:
  ``test_corner_...``; the axis share is zero for t ≥ 10 though half the centres are outside:
  ``test_axis_share_...``
- the dense vector's p-norm is 2^(1/p − 1/2), below the sparse one's for every p > 2: ``test_dense_...``
- the penalty of the fit never grows with λ, coefficients may; the λs change with the scale of y:
  ``test_fitted_penalty_...``, ``test_rescaling_...``
- under a Laplace prior neither the posterior mean nor the median is sparse: ``test_posterior_...``
"""

from __future__ import annotations

import functools
import importlib.util
import re

import numpy as np
import pytest
import scipy.linalg
import sympy as sp
from scipy.integrate import quad
from scipy.optimize import brentq, minimize_scalar
from sklearn.linear_model import Lasso, lars_path

from figures_src.site.nav import without_front_matter
from figures_src.sparsity import (
    DENSE,
    SPARSE,
    constrained_minima,
    constrained_minimum,
    elastic_net,
    laplace_posterior_mean_1d,
    laplace_posterior_median_1d,
    lasso,
    lasso_knots,
    lasso_lambda_max,
    lp_norm,
    matching_lambda,
    penalized_minimum,
    random_problem,
    random_problems,
    ridge,
    ridge_path,
    ridge_zeros,
    zero_is_optimal,
)
from tests.helpers import ROOT, TIGHT
from tests.helpers import centred_diabetes as load_centred_diabetes
from tests.helpers import page as page_source

FEATURES = ["age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6"]


def page(name: str) -> str:
    return " ".join(page_source(name).split())


def says(name: str, *phrases: str) -> None:
    """The page says each phrase (whitespace-insensitive): a number quoted there is the one tested."""
    text = page(name)
    for phrase in phrases:
        assert " ".join(phrase.split()) in text, f"{name} no longer says {phrase!r}"


def correlated(seed: int, n: int, p: int, rho: float = 0.6) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, p)) @ np.linalg.cholesky((1 - rho) * np.eye(p) + rho)
    y = X @ rng.normal(size=p) + rng.normal(size=n)
    return X, y


diabetes = functools.cache(load_centred_diabetes)


def sklearn_lasso(X: np.ndarray, y: np.ndarray, lam: float, tol: float = TIGHT["tol"]) -> np.ndarray:
    """scikit-learn's coordinate descent for this site's λ (its alpha is λ/(2n))."""
    settings = {**TIGHT, "tol": tol}
    return Lasso(alpha=lam / (2 * len(y)), **settings).fit(X, y).coef_


def exact_ridge_numerators(X: np.ndarray, y: np.ndarray) -> tuple[sp.Symbol, list[sp.Poly]]:
    """Cramer's rule on exact rationals: w_j(λ) = P_j(λ) / det(XᵀX + λI), with P_j = (adj(XᵀX + λI) Xᵀy)_j."""
    lam = sp.symbols("lam")
    exact = np.vectorize(lambda v: sp.Rational(float(v)), otypes=[object])  # each float's exact value
    gram = sp.Matrix(exact(X.T @ X))
    corr = sp.Matrix(exact(X.T @ y))
    shifted = gram + lam * sp.eye(gram.shape[0])
    numerators = (shifted.adjugate() * corr).applyfunc(sp.expand)
    return lam, [sp.Poly(entry, lam) for entry in numerators]


def transfer_zeros(X: np.ndarray, y: np.ndarray, j: int, lo: float, hi: float) -> list[float]:
    """Another route to the same λs: w_j(λ) = e_jᵀ(G + λI)⁻¹c vanishes where the pencil
    [[G, c], [e_jᵀ, 0]] − s·[[I, 0], [0, 0]] is singular, at s = −λ (the "zeros" of a transfer
    function, found by the QZ algorithm: no polynomial, no root bracketing)."""
    gram, corr = X.T @ X, X.T @ y
    p = gram.shape[0]
    pencil, mass = np.zeros((p + 1, p + 1)), np.zeros((p + 1, p + 1))
    pencil[:p, :p], pencil[:p, p], pencil[p, j] = gram, corr, 1.0
    mass[:p, :p] = np.eye(p)
    values = -scipy.linalg.eigvals(pencil, mass)
    real = values[np.isfinite(values) & (np.abs(values.imag) <= 1e-9 * np.abs(values))].real
    return sorted(float(v) for v in real if lo < v < hi)


def sturm_roots(poly: sp.Poly, lo: float, hi: float) -> list[float]:
    """The real roots of ``poly`` in (lo, hi), isolated exactly (SymPy) and evaluated to 15 digits."""
    if poly.is_zero:
        return []
    return [float(r.evalf(20)) for r in poly.real_roots() if lo < r < hi]


# --- ridge: zero at isolated λ ------------------------------------------------------------------


def ridge_problem(seed: int) -> tuple[np.ndarray, np.ndarray]:
    """2 to 6 correlated features and 4, 12 or 40 observations (fewer than features, sometimes)."""
    rng = np.random.default_rng(1000 + seed)
    p, n = int(rng.integers(2, 7)), int(rng.choice([4, 12, 40]))
    return correlated(seed, n, p, rho=float(rng.uniform(0.3, 0.95)))


@pytest.mark.claim(
    "beyond.md#eq-ridge-rational",
    "either zero for every $\\lambda$ (a degenerate case, such as a feature orthogonal both to $y$ and to every other feature) or zero at no more than $p - 1$ values of $\\lambda > 0$",
    searched="24 random problems with 2 to 6 correlated features, 4 to 40 observations (fewer observations than features too); the zeros of a matrix pencil (QZ), and exact root isolation in SymPy on rational data for up to 4 features, against the library's root-finding; and a constructed feature orthogonal to y and to the others",
)
@pytest.mark.parametrize("seed", range(24))
@pytest.mark.claim(
    "index.md#fig-headline-subgradients",
    "a ridge weight is exactly zero only where the data and $\\lambda$ happen to meet that equation: at isolated values of $\\lambda$, unless the data make it zero for every $\\lambda$",
    searched="24 random problems with 2 to 6 correlated features, against QZ pencil zeros and SymPy root isolation (as for chapter 8's Eq. 8.2)",
)
@pytest.mark.claim(
    "beyond.md#zero-on-an-interval-of-or-at-a-single-point",
    "a ridge coefficient only at isolated values of $\\lambda$ (generically where its path changes sign), unless it is zero for every $\\lambda$",
    searched="24 random problems with 2 to 6 correlated features, against QZ pencil zeros and SymPy root isolation; each zero found is checked for a sign change on both sides",
)
@pytest.mark.claim(
    "derivative-threshold.md#eq-l2-stationarity",
    "but for squared loss only at isolated ones, at most $p - 1$ of them unless it is zero for every $\\lambda$",
    searched="24 random problems with 2 to 6 correlated features, against QZ pencil zeros and SymPy root isolation",
)
@pytest.mark.claim(
    "derivative-threshold.md#what-the-argument-does-and-does-not-claim",
    "At a fixed $\\lambda > 0$, for ridge regression with no all-zero feature and targets with a probability density, that has probability zero",
    searched="the zero set is finite in λ on 24 random problems (QZ and SymPy); a fixed λ is hit only by a coincidence of the data",
)
def test_ridge_zeros_are_at_most_p_minus_1_and_match_exact_root_isolation(seed):
    X, y = ridge_problem(seed)
    p = X.shape[1]
    lo, hi = 1e-6, 1e6
    ours = ridge_zeros(X, y, lo, hi)
    numerators = exact_ridge_numerators(X, y)[1] if p <= 4 else None
    for j in range(p):
        pencil = transfer_zeros(X, y, j, lo, hi)
        assert len(pencil) <= p - 1
        assert ours[j] is not None and len(ours[j]) == len(pencil), (j, ours[j], pencil)
        np.testing.assert_allclose(ours[j], pencil, rtol=1e-7)
        if numerators is not None:
            np.testing.assert_allclose(ours[j], sturm_roots(numerators[j], lo, hi), rtol=1e-9)
        for lam in ours[j]:  # a sign change of the ridge solution itself, on both sides of the root
            below, above = ridge(X, y, lam * (1 - 1e-6))[j], ridge(X, y, lam * (1 + 1e-6))[j]
            assert below * above < 0


def test_the_ridge_zero_search_finds_crossings_on_most_random_problems():
    """Not vacuous: the random problems above do have ridge coefficients that cross zero."""
    found = 0
    for seed in range(24):
        X, y = ridge_problem(seed)
        found += sum(len(z or []) for z in ridge_zeros(X, y, 1e-6, 1e6))
    assert found >= 10


def test_a_ridge_coefficient_zero_for_every_lambda_is_reported_as_such():
    rng = np.random.default_rng(5)
    A = rng.normal(size=(30, 2))
    y = rng.normal(size=30)
    third = rng.normal(size=30)
    basis = np.c_[A, y]
    third -= basis @ np.linalg.lstsq(basis, third, rcond=None)[0]  # orthogonal to y and the others
    X = np.c_[A, third]
    zeros = ridge_zeros(X, y, 1e-6, 1e6)
    assert zeros[2] is None and zeros[0] is not None
    for lam in (1e-3, 1.0, 1e3):
        assert abs(ridge(X, y, lam)[2]) < 1e-12 * np.abs(ridge(X, y, lam)).max()


@pytest.mark.claim(
    "beyond.md#eq-ridge-rational",
    "least squares gives $w_2 \\approx -0.53$, yet ridge gives $w_2 = 0$ exactly at $\\lambda = 0.125$, and at no other $\\lambda$",
    searched="exact rational arithmetic in SymPy for every λ > 0",
)
@pytest.mark.claim(
    "beyond.md#zero-on-an-interval-of-or-at-a-single-point",
    "With several features a ridge coefficient *can* be exactly zero at some $\\lambda > 0$ even when its least-squares value is not",
    searched="the two-feature example in exact arithmetic and the diabetes data's two crossings",
)
def test_the_two_feature_ridge_example_is_zero_at_exactly_one_lambda():
    gram = np.array([[1.0, 0.9], [0.9, 1.0]])
    X = np.linalg.cholesky(gram).T  # XᵀX = gram
    y = np.linalg.solve(X.T, np.array([1.0, 0.8]))  # Xᵀy = (1, 0.8)
    lam = sp.symbols("lam", positive=True)
    w = (sp.Matrix([[1, sp.Rational(9, 10)], [sp.Rational(9, 10), 1]]) + lam * sp.eye(2)).inv() * sp.Matrix(
        [1, sp.Rational(4, 5)]
    )
    assert sp.solve(sp.numer(sp.together(w[1])), lam) == [sp.Rational(1, 8)]
    assert sp.solve(sp.numer(sp.together(w[0])), lam) == []
    least_squares = float(w[1].subs(lam, 0))
    assert least_squares == pytest.approx(-0.5263, abs=1e-4)
    zeros = ridge_zeros(X, y, 1e-9, 1e9)
    assert zeros[0] == [] and zeros[1] == [pytest.approx(0.125, rel=1e-12)]
    says("beyond.md", "$w_2 \\approx -0.53$", "$\\lambda = 0.125$")


@pytest.mark.claim(
    "beyond.md#zero-on-an-interval-of-or-at-a-single-point",
    "gives $\\lambda \\approx 11.99$ for sex and $\\lambda \\approx 2.191$ for s2",
    searched="the zeros of each coefficient's matrix pencil (QZ) for all ten coefficients over the plotted range, and the sign of the normal-equation solution on both sides of each root",
)
def test_diabetes_ridge_crossings_are_sex_and_s2_only_and_the_grid_steps_over_them():
    X, y = diabetes()
    top = lasso_lambda_max(X, y)
    lo, hi = 1e-3 * top, top
    exact = {FEATURES[j]: transfer_zeros(X, y, j, lo, hi) for j in range(10)}
    assert {k: len(v) for k, v in exact.items() if v} == {"sex": 1, "s2": 1}
    ours = dict(zip(FEATURES, ridge_zeros(X, y, lo, hi), strict=True))
    for name in ("sex", "s2"):
        assert ours[name] == [pytest.approx(exact[name][0], rel=1e-8)]
        j = FEATURES.index(name)
        gram, corr = X.T @ X, X.T @ y
        sides = [
            np.linalg.solve(gram + lam * np.eye(10), corr)[j]
            for lam in ours[name][0] * (1 + np.r_[-1e-7, 1e-7])
        ]
        assert sides[0] * sides[1] < 0
    assert round(exact["sex"][0], 2) == 11.99 and round(exact["s2"][0], 3) == 2.191
    says(
        "beyond.md",
        "$\\lambda \\approx 11.99$ for sex",
        "$\\lambda \\approx 2.191$",
        "$\\lambda_{\\max} \\approx 1898.9$",
    )
    assert round(top, 1) == 1898.9
    # the figure's grid: 300 values of λ, at none of which either coefficient is exactly zero
    spec = importlib.util.spec_from_file_location(
        "diabetes_paths", ROOT / "figures_src/figures/diabetes_paths.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.RELATIVE.size == 300 and np.all(ridge_path(X, y, module.RELATIVE * top) != 0.0)
    says("beyond.md", "at no one of the 300 values drawn is either coefficient exactly zero")


# --- lasso: zero on intervals, not monotone -----------------------------------------------------


def sklearn_knots(X: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """scikit-learn's exact lasso path (LARS with the lasso modification), in this site's λ = 2n·alpha."""
    alphas, _, coefs = lars_path(X, y, method="lasso", eps=1e-16)
    return 2 * len(y) * alphas, coefs.T


@pytest.mark.checks("beyond.md#fig-diabetes-paths")
@pytest.mark.parametrize("data", ["diabetes", 0, 1, 2, 3])
def test_lasso_knots_match_scikit_learns_lars_path(data):
    X, y = diabetes() if data == "diabetes" else correlated(data, 50, 8, rho=0.8)
    ours = lasso_knots(X, y)
    lams, coefs = sklearn_knots(X, y)
    np.testing.assert_allclose(ours.lams, lams, rtol=1e-8, atol=1e-8 * lams[0])
    np.testing.assert_allclose(ours.coefs, coefs, rtol=1e-7, atol=1e-7 * np.abs(coefs).max())
    # between knots the path is linear: the interpolated solution is the minimizer (coordinate descent)
    for k in range(len(lams) - 2):
        mid = 0.5 * (ours.lams[k] + ours.lams[k + 1])
        sk = sklearn_lasso(X, y, mid)
        np.testing.assert_allclose(ours.at(mid)[0], sk, rtol=1e-6, atol=1e-8 * np.abs(sk).max())
        assert np.array_equal(ours.at(mid)[0] == 0.0, sk == 0.0)


@pytest.mark.claim(
    "beyond.md#zero-on-an-interval-of-or-at-a-single-point",
    "s3 leaves zero at $\\lambda \\approx 632.1$, but as other features enter, its coefficient shrinks back and is exactly zero again for $2.621 \\lesssim \\lambda \\lesssim 4.365$",
    searched="the zero segments of scikit-learn's exact LARS-lasso path, and scikit-learn's coordinate descent inside and on both sides of the interval",
)
def test_s3_leaves_zero_returns_on_an_interval_and_leaves_again():
    X, y = diabetes()
    lams, coefs = sklearn_knots(X, y)
    j = FEATURES.index("s3")
    segments = [
        (lams[k + 1], lams[k]) for k in range(len(lams) - 1) if coefs[k, j] == 0 and coefs[k + 1, j] == 0
    ]
    merged = [list(segments[0])]
    for lo_k, hi_k in segments[1:]:
        if hi_k == merged[-1][0]:
            merged[-1][0] = lo_k  # adjacent segments: one interval
        else:
            merged.append([lo_k, hi_k])
    assert len(merged) == 2  # before it first leaves, and the return
    (lo, hi), first = merged[1], merged[0][0]
    assert round(first, 1) == 632.1 and round(lo, 3) == 2.621 and round(hi, 3) == 4.365
    ours = lasso_knots(X, y).zero_intervals(j)
    assert ours[0][1] == np.inf and ours[0][0] == pytest.approx(first, rel=1e-9)
    assert ours[1] == (pytest.approx(lo, rel=1e-9), pytest.approx(hi, rel=1e-9))

    def s3(lam):
        return sklearn_lasso(X, y, lam)[j]

    assert s3(np.sqrt(lo * hi)) == 0.0 and s3(lo * 0.9) != 0.0 and s3(hi * 1.1) != 0.0
    says("beyond.md", "$\\lambda \\approx 632.1$", "$2.621 \\lesssim \\lambda \\lesssim 4.365$")


@pytest.mark.claim(
    "beyond.md#zero-on-an-interval-of-or-at-a-single-point",
    "every zero of the lasso lasts for a whole interval",
    searched="every zero segment of the exact path of 12 random problems with 6 to 10 correlated features, checked at its midpoint and end points against scikit-learn's coordinate descent",
)
@pytest.mark.parametrize("seed", range(12))
def test_every_lasso_zero_lasts_for_an_interval_of_positive_length(seed):
    X, y = correlated(100 + seed, 60, 6 + seed % 5, rho=0.85)
    knots = lasso_knots(X, y)
    for j in range(X.shape[1]):
        for lo, hi in knots.zero_intervals(j):
            assert hi > lo > 0 or (hi > lo and lo == knots.lams[-1])
            probe = [lo * 1.000001, 0.5 * (lo + hi)] if np.isfinite(hi) else [lo * 1.5]
            for lam in probe:
                sk = sklearn_lasso(X, y, lam)
                assert sk[j] == 0.0, (j, lo, hi, lam)


# --- chapter 6: the threshold and the optimality conditions --------------------------------------


def lasso_objective(X, y, w, lam):
    return float(np.sum((y - X @ w) ** 2) + lam * np.abs(w).sum())


@pytest.mark.claim(
    "derivative-threshold.md#eq-lasso-kkt",
    "$\\hat w$ minimizes $L(w) + \\lambda\\lVert w\\rVert_1$ if and only if, for every $j = 1, \\dots, p$",
    searched="16 random problems with correlated features (n > p and n < p), at four λ each: scikit-learn's solution meets the conditions, and vectors that miss them (other λs' solutions, perturbed solutions) have a larger objective",
)
@pytest.mark.checks("derivative-threshold.md#eq-lasso-kkt-regression")
@pytest.mark.parametrize("seed", range(16))
@pytest.mark.claim(
    "derivative-threshold.md#eq-lasso-kkt",
    "Taken for every coordinate together it characterizes the lasso solution completely",
    searched="16 random correlated problems (n > p and n < p) at four λ each",
)
def test_lasso_kkt_conditions_are_necessary_and_sufficient(seed):
    n, p = (40, 8) if seed % 2 else (10, 15)
    X, y = correlated(200 + seed, n, p, rho=0.7)
    top = lasso_lambda_max(X, y)

    def meets(w, lam):
        corr = X.T @ (y - X @ w)
        active = w != 0
        slack = 1e-7 * lam
        return bool(
            np.all(np.abs(corr[active] - lam / 2 * np.sign(w[active])) <= slack)
            and np.all(np.abs(corr[~active]) <= lam / 2 + slack)
        )

    rng = np.random.default_rng(seed)
    for fraction in (0.6, 0.2, 0.05, 0.01):
        lam = fraction * top
        best = lasso(X, y, lam)  # exact: the sign pattern's linear system
        sk = sklearn_lasso(X, y, lam, tol=1e-15)
        assert lasso_objective(X, y, best, lam) <= lasso_objective(X, y, sk, lam) * (1 + 1e-12)
        assert meets(best, lam)
        others = [lasso(X, y, lam * 1.3), best + rng.normal(scale=1e-3, size=p) * (best != 0)]
        for other in others:
            assert not meets(other, lam)
            assert lasso_objective(X, y, other, lam) > lasso_objective(X, y, best, lam)


@pytest.mark.claim(
    "derivative-threshold.md#eq-threshold",
    "for a convex loss zero is still a minimum, though not necessarily a strict one",
    searched="the boundary |g| = λ exactly: a loss linear in the weight (flat objective on one side), a strictly convex one, and a non-convex one (not a minimum at all)",
)
def test_threshold_boundary_case_convex_minimum_not_always_strict_and_nonconvex_fails():
    lam = 1.5
    steps = np.r_[-np.geomspace(1, 1e-8, 50), np.geomspace(1e-8, 1, 50)]
    linear = [(-lam * h + lam * abs(h)) for h in steps]  # L(w) = −λw: slope −λ at 0
    assert min(linear) >= 0 and max(v for v, h in zip(linear, steps, strict=True) if h > 0) == 0.0
    quadratic = [(-lam * h + h * h + lam * abs(h)) for h in steps]
    assert min(quadratic) > 0  # strictly convex: a strict minimum
    nonconvex = [(-lam * h - h * h + lam * abs(h)) for h in steps]
    assert min(nonconvex) < 0  # L(w) = −λw − w²: |g| = λ but zero is not a local minimum
    assert zero_is_optimal(-lam, lam)
    says(
        "derivative-threshold.md",
        "for a convex loss zero is still a minimum, though not necessarily a strict one",
        "for a non-convex loss it need not be a minimum at all",
    )


@pytest.mark.claim(
    "derivative-threshold.md#eq-loss-slope",
    "with every other weight at its fitted value",
    searched="logistic loss with 5 correlated features, the other weights at random values: the coordinate's 1-D minimizer (SciPy, bounded) against |g| ≤ λ, including λ = |g| exactly",
)
@pytest.mark.parametrize("seed", range(6))
@pytest.mark.claim(
    "index.md#fig-headline-subgradients",
    "for a convex loss such as squared error, a weight is exactly zero under L1 whenever the loss's slope at zero, with the other weights at their fitted values, is smaller than $\\lambda$ in size",
    searched="logistic loss with 5 correlated features and random other weights, 1-D minimizer by SciPy against the threshold, at λ below, at and above |g|",
)
@pytest.mark.claim(
    "derivative-threshold.md#what-the-argument-does-and-does-not-claim",
    "For a convex loss, a weight sits at exactly zero under L1 whenever the loss's slope there, with the other weights at their fitted values, is smaller than $\\lambda$ in size",
    searched="logistic loss with 5 correlated features and random other weights, at λ below, at and above |g|",
)
def test_threshold_in_one_coordinate_for_a_logistic_loss_with_correlated_features(seed):
    rng = np.random.default_rng(300 + seed)
    X, _ = correlated(300 + seed, 80, 5, rho=0.7)
    labels = np.where(rng.uniform(size=80) < 0.5, -1.0, 1.0)
    w = rng.normal(size=5)

    def loss(v):
        return float(np.sum(np.logaddexp(0, -labels * (X @ v))))

    for i in range(5):
        at_zero = w.copy()
        at_zero[i] = 0.0
        slope = float(-(labels * X[:, i]) @ (1 / (1 + np.exp(labels * (X @ at_zero)))))
        for lam in (0.5 * abs(slope), abs(slope), 1.5 * abs(slope)):

            def objective(t, lam=lam, i=i, at_zero=at_zero):
                v = at_zero.copy()
                v[i] = t
                return loss(v) + lam * abs(t)

            found = minimize_scalar(objective, bounds=(-20, 20), method="bounded", options={"xatol": 1e-10})
            grid = np.r_[-np.geomspace(1, 1e-7, 40), np.geomspace(1e-7, 1, 40)]
            zero_best = found.fun >= objective(0.0) - 1e-12 and all(
                objective(h) >= objective(0.0) - 1e-12 for h in grid
            )
            assert zero_best == bool(zero_is_optimal(slope, lam)), (i, lam, slope)


# --- chapter 5: the corner's cone ----------------------------------------------------------------


@pytest.mark.claim(
    "geometry.md#penalty-or-constraint-the-same-family-of-solutions",
    "The corner is the constrained optimum exactly when the loss's pull $-\\nabla L(t, 0)$ lies in that cone",
    searched="3000 random losses of the general family at random radii, all four corners, against the exact solver; and the uniqueness of the matching λ by solving the penalized problem just above and below it",
)
@pytest.mark.claim(
    "geometry.md#where-the-ellipse-touches",
    "A diamond is met at a corner whenever the loss's pull at the corner",
    searched="3000 random losses of the general family at random radii, all four corners, against the exact solver",
)
def test_corner_is_optimal_exactly_when_the_pull_is_in_the_normal_cone_and_its_lambda_is_unique():
    rng = np.random.default_rng(7)
    centres, hessians = random_problems("general", 3000, seed=7)
    ts = rng.uniform(0.1, 8, size=3000)
    corners_hit = 0
    for c, H, t in zip(centres, hessians, ts, strict=True):
        w = constrained_minimum(c, H, 1, t)
        for corner in (np.array([t, 0.0]), np.array([-t, 0.0]), np.array([0.0, t]), np.array([0.0, -t])):
            pull = 2 * H @ (c - corner)  # −∇L at the corner
            axis = int(np.flatnonzero(corner)[0])
            outward, side = pull[axis] * np.sign(corner[axis]), pull[1 - axis]
            in_cone = outward >= abs(side)
            if abs(outward - abs(side)) < 1e-9 * max(1.0, abs(outward)):
                continue  # on the cone's edge: too close to call in floating point
            assert in_cone == np.array_equal(w, corner), (c, H, t, corner, w)
            if in_cone:
                corners_hit += 1
                lam = matching_lambda(c, H, 1, t)
                assert lam == pytest.approx(outward, rel=1e-9)
                np.testing.assert_allclose(penalized_minimum(c, H, 1, lam), corner, atol=1e-9 * t)
                for other in (lam * 0.999, lam * 1.001):
                    assert np.abs(penalized_minimum(c, H, 1, other) - corner).max() > 1e-6 * t
    assert corners_hit > 500


@pytest.mark.claim(
    "geometry.md#fig-geometry-axis-share",
    "The share falls to zero near $t = 10$, where about half of the centres still lie outside the diamond",
    searched="the two axis-aligned families at t = 10, 12 and 15 with 2000 losses each, and the share of centres outside the diamond",
)
@pytest.mark.claim(
    "geometry.md#fig-geometry-axis-share",
    "a corner $(t, 0)$ is the optimum only when the loss's pull there, $2H(c - w)$, lies in the corner's normal cone",
    searched="the two axis-aligned families at t = 10, 12 and 15 (the cone test itself: test_corner_is_optimal_exactly_when…)",
)
def test_axis_share_is_zero_from_t_10_for_axis_aligned_losses_though_half_the_centres_are_outside():
    for kind in ("symmetric", "orthogonal"):
        centres, hessians = random_problems(kind, 2000, seed=3)
        assert 0.4 < np.mean(np.abs(centres).sum(axis=1) > 10) < 0.6
        for t in (10.0, 12.0, 15.0):
            solutions = constrained_minima(centres, hessians, 1, t)
            outside = np.abs(centres).sum(axis=1) > t
            assert not np.any(solutions[outside] == 0.0), (kind, t)
        assert np.any(constrained_minima(centres, hessians, 1, 8.0) == 0.0)


@pytest.mark.checks("geometry.md#how-often-is-the-optimum-on-an-axis")
def test_parrs_own_sampling_rule_gives_the_l1_shares_the_page_quotes():
    """Parr keeps the centres outside each ball separately: for L1, outside the diamond of size 2."""
    quoted = {"symmetric": "65.5%", "general": "73.2%", "orthogonal": "81.1%"}
    for kind, share in quoted.items():
        rng = np.random.default_rng(42)
        problems = [random_problem(rng, kind, t=2.0, norm=1) for _ in range(5000)]
        centres, hessians = np.array([c for c, _ in problems]), np.array([H for _, H in problems])
        assert np.all(np.abs(centres).sum(axis=1) > 2)
        zeros = np.any(constrained_minima(centres, hessians, 1, 2.0) == 0.0, axis=1).mean()
        assert f"{100 * zeros:.1f}%" == share
    says("geometry.md", "65.5%, 73.2% and 81.1%")


# --- chapters 2 and 4 ----------------------------------------------------------------------------


@pytest.mark.claim(
    "sparse-vs-dense.md#eq-dense-p-norm",
    "For every $p > 2$ the exponent is negative and the order reverses",
    searched="SymPy: the exponent 1/p − 1/2 against p symbolically for every p > 0, and the library's p-norms at p = 0.3 … 50 including p just above and below 2",
)
@pytest.mark.claim(
    "sparse-vs-dense.md#eq-dense-p-norm",
    "the sparse vector has $\\lVert w_{\\text{sparse}}\\rVert_p = 1$ for every $p$",
    searched="p from 0.3 to 50, just above and below 2 included",
)
@pytest.mark.claim(
    "sparse-vs-dense.md#what-the-example-does-and-does-not-show",
    "for every $1 < p < 2$, [](#eq-dense-p-norm) makes the dense vector cost more than the sparse one",
    searched="the exponent's sign for every p > 0 in SymPy, and p = 1.5 and 1.999 numerically",
)
def test_dense_vector_norm_is_two_to_the_one_over_p_minus_a_half():
    p = sp.symbols("p", positive=True)
    norm = (2 * (1 / sp.sqrt(2)) ** p) ** (1 / p)
    assert sp.simplify(sp.log(norm, 2) - (1 / p - sp.Rational(1, 2))) == 0
    negative = sp.solve_univariate_inequality(1 / p - sp.Rational(1, 2) < 0, p, relational=False)
    assert negative.intersect(sp.Interval.open(0, sp.oo)) == sp.Interval.open(2, sp.oo)
    for value in (0.3, 0.5, 1.0, 1.5, 1.999, 2.0, 2.001, 3.0, 10.0, 50.0):
        dense, sparse = lp_norm(DENSE, value), lp_norm(SPARSE, value)
        assert dense == pytest.approx(2 ** (1 / value - 0.5), rel=1e-12) and sparse == 1.0
        assert (dense < sparse) == (value > 2.0) or value == 2.0


@pytest.mark.claim(
    "overfitting.md#penalized-least-squares",
    "the fitted $\\lVert \\hat w\\rVert_2$ of ridge and $\\lVert \\hat w\\rVert_1$ of the lasso never grow with $\\lambda$",
    searched="8 random problems with correlated features: ridge at 400 λs on a log grid and at random pairs, the lasso at every knot of its exact path (its norm is linear in between), the elastic net's penalty at random pairs; plus a coefficient whose size grows with λ",
)
@pytest.mark.parametrize("seed", range(8))
@pytest.mark.claim(
    "overfitting.md#penalized-least-squares",
    "and all weights go to zero as $\\lambda \\to \\infty$ (the lasso's are exactly zero from a finite $\\lambda$ on)",
    searched="the same 8 random problems: ridge's norm at λ = 10⁴ and the lasso's exact path, whose first knot is λ_max",
)
def test_fitted_penalty_never_grows_with_lambda_but_single_coefficients_may(seed):
    X, y = correlated(400 + seed, 30, 6, rho=0.9)
    lams = np.geomspace(1e-4, 1e4, 400)
    norms = np.linalg.norm(ridge_path(X, y, lams), axis=1)
    assert np.all(np.diff(norms) <= 1e-12 * norms[:-1])
    knots = lasso_knots(X, y)
    l1 = np.abs(knots.coefs).sum(axis=1)  # λ decreasing along the knots: the norm must not fall
    assert np.all(np.diff(l1) >= -1e-9 * max(1.0, l1.max()))
    rng = np.random.default_rng(seed)
    for _ in range(10):
        a, b = np.sort(rng.uniform(0.01, 1, size=2) * lasso_lambda_max(X, y))
        pen = [
            (lambda w: 0.5 * np.abs(w).sum() + 0.5 * (w**2).sum())(elastic_net(X, y, lam, 0.5))
            for lam in (a, b)
        ]
        assert pen[1] <= pen[0] * (1 + 1e-9)


def test_a_single_coefficient_can_grow_with_lambda():
    """With correlated features one weight can grow as λ grows (so the claim is about norms only)."""
    X, y = diabetes()
    path = ridge_path(X, y, np.geomspace(1e-2, 1e4, 400))
    assert any(np.any(np.diff(np.abs(path[:, j])) > 1e-9) for j in range(10))
    says("overfitting.md", "Single coefficients need not follow")


@pytest.mark.claim(
    "overfitting.md#penalized-least-squares",
    "the ridge fit scales by $k$ at the same $\\lambda$, while the lasso fit scales by $k$ when its $\\lambda$ is multiplied by $k$ too, and at the same $\\lambda$ it does not (unless both fits are zero)",
    searched="random correlated problems, k = 0.01 … 100, and the lasso at an unscaled λ, whose zeros change",
)
def test_rescaling_y_scales_ridge_at_the_same_lambda_and_the_lasso_only_with_a_scaled_lambda():
    X, y = correlated(9, 40, 6, rho=0.7)
    lam = 0.2 * lasso_lambda_max(X, y)
    for k in (0.01, 0.5, 3.0, 100.0):
        np.testing.assert_allclose(ridge(X, k * y, lam), k * ridge(X, y, lam), rtol=1e-10)
        np.testing.assert_allclose(lasso(X, k * y, k * lam), k * lasso(X, y, lam), rtol=1e-9, atol=1e-12 * k)
    assert np.count_nonzero(lasso(X, 100 * y, lam)) > np.count_nonzero(lasso(X, y, lam))
    top = lasso_lambda_max(X, y)  # the exception: at λ ≥ 2·max(1, k)·max|Xᵀy| both fits are zero
    for k in (0.5, 3.0):
        both_zero = max(1.0, k) * top
        assert np.all(lasso(X, k * y, both_zero) == 0.0) and np.all(lasso(X, y, both_zero) == 0.0)


# --- the posterior under a Laplace prior ----------------------------------------------------------


def quadrature_median(sxy, sxx, sigma2, b):
    def density(v):
        return np.exp(-(sxx * v * v - 2 * sxy * v) / (2 * sigma2) - abs(v) / b)

    mass = quad(density, -np.inf, 0)[0] + quad(density, 0, np.inf)[0]

    def below(q):
        return (quad(density, -np.inf, min(q, 0.0))[0] + (quad(density, 0.0, q)[0] if q > 0 else 0.0)) / mass

    return brentq(lambda q: below(q) - 0.5, -50, 50, xtol=1e-13)


@pytest.mark.claim(
    "beyond.md#bayesian-lasso-only-the-mode-is-sparse",
    "the median is zero only if each side holds exactly half",
    searched="40 random one-feature problems inside and outside the dead zone, Σxy down to 1e-9 in size, against quadrature and root-finding; the quoted mean and median",
)
def test_posterior_median_and_mean_are_not_sparse_even_inside_the_dead_zone():
    rng = np.random.default_rng(11)
    for _ in range(40):
        sxx, sigma2, b = rng.uniform(0.5, 2), rng.uniform(0.5, 2), rng.uniform(0.3, 2)
        sxy = rng.choice([-1, 1]) * 10 ** rng.uniform(-9, 0.5)
        median = laplace_posterior_median_1d(sxy, sxx, sigma2, b)
        if abs(sxy) > 1e-6:
            assert median == pytest.approx(quadrature_median(sxy, sxx, sigma2, b), rel=1e-6, abs=1e-9)
        assert np.sign(median) == np.sign(sxy) and median != 0.0
    assert laplace_posterior_median_1d(0.0, 1.0, 1.0, 1.0) == 0.0
    assert round(laplace_posterior_median_1d(0.3, 1, 1, 1), 3) == 0.109
    assert round(laplace_posterior_mean_1d(0.3, 1, 1, 1), 3) == 0.143
    says("beyond.md", "the mean is about $0.143$ and the median about $0.109$")


# --- the claims table itself --------------------------------------------------------------------


def test_every_claim_quotes_its_page_and_names_where_it_searched():
    """A claim mark's quote is the page's own words, so the table cannot drift from the text."""
    from figures_src.site import verification

    claims = [claim for test in verification.collect(ROOT / "tests") for claim in test.claims]
    assert len(claims) >= 12
    for target, quote, searched in claims:
        name = target.partition("#")[0]
        assert " ".join(quote.split()) in page(name), f"{target}: the page does not say {quote!r}"
        assert len(searched.split()) >= 6, f"{target}: say where the test looked for a counterexample"


def test_a_claim_whose_quote_is_not_on_the_page_is_caught(tmp_path):
    """The check above, shown failing once: a test module claiming words the page does not say."""
    from figures_src.site import verification

    (tmp_path / "test_planted.py").write_text(
        "import pytest\n\n"
        '@pytest.mark.claim("beyond.md#fig-diabetes-paths", "ridge coefficients are never zero", '
        'searched="the example that illustrates it, and nowhere else at all")\n'
        "def test_planted():\n    pass\n"
    )
    (claim,) = [c for test in verification.collect(tmp_path) for c in test.claims]
    assert " ".join(claim[1].split()) not in page("beyond.md")
    assert re.search(r"none is ever zero|ridge's never", page("beyond.md")) is None


# --- every universal sentence on a page is a registered claim ------------------------------------

UNIVERSAL = re.compile(
    r"\b(never|only if|only when|only where|always|for every|for any|exactly when|if and only if|whenever|none)\b",
    re.IGNORECASE,
)
CHAPTERS = [
    "index.md",
    "overfitting.md",
    "one-coefficient.md",
    "sparse-vs-dense.md",
    "geometry.md",
    "derivative-threshold.md",
    "priors.md",
    "beyond.md",
]
#: words of that kind that state no claim, each with the reason
NOT_CLAIMS = {
    "derivative-threshold.md": [("if none of its kinks lies at the point in question", "a hypothesis")],
    "beyond.md": [
        (
            'Penalties $\\lvert w\\rvert^p$ for any $p > 0$ are the "bridge" family',
            "a definition and its source",
        )
    ],
}


def prose(name: str) -> str:
    """The page as one line, without its front matter and HTML tags (their attributes are not prose)."""
    text = without_front_matter(page_source(name))
    return " ".join(re.sub(r"<[^>]*>", " ", text).split())


def unregistered(name: str, text: str, quotes: list[str]) -> list[str]:
    """Each 'never', 'only if', 'for every' … in ``text`` that no quote of a claim (or a non-claim) covers."""
    spans = []
    for quote in quotes:
        normal = " ".join(re.sub(r"<[^>]*>", " ", quote).split())
        spans += [(m.start(), m.end()) for m in re.finditer(re.escape(normal), text)]
    return [
        f"{name}: …{text[max(0, m.start() - 80) : m.end() + 40]}…"
        for m in UNIVERSAL.finditer(text)
        if not any(start <= m.start() < end for start, end in spans)
    ]


def registered_quotes(name: str) -> list[str]:
    from figures_src.site import verification

    quotes = [
        quote
        for test in verification.collect(ROOT / "tests")
        for target, quote, _ in test.claims
        if target.startswith(name + "#")
    ]
    return quotes + [quote for quote, _ in NOT_CLAIMS.get(name, [])]


def test_every_never_only_if_and_for_every_on_a_page_is_a_claim_with_a_test():
    """A sentence that says "never", "only if", "for every λ" … is a universal claim: it must be quoted
    by a claim mark on the test that searches where it could fail (or listed above as no claim)."""
    missing = [line for name in CHAPTERS for line in unregistered(name, prose(name), registered_quotes(name))]
    assert not missing, "universal claims without a claim mark on a test:\n" + "\n".join(missing)


def test_a_new_universal_sentence_without_a_claim_is_caught():
    """The check above, shown failing once: a planted "never" in a page's prose is reported."""
    name = "beyond.md"
    planted = prose(name) + " Ridge coefficients are never exactly zero."
    (problem,) = unregistered(name, planted, registered_quotes(name))
    assert "never exactly zero" in problem
    assert unregistered(name, prose(name), registered_quotes(name)) == []
