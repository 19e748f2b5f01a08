"""The group lasso (figures_src/sparsity/group.py) against independent oracles: a numerical minimizer
of the proximal problem, an accelerated proximal-gradient solver written here from the formula, SciPy's
SLSQP on the cone form of the problem, scikit-learn's lasso (groups of one), the closed form for
orthonormal groups, and the optimality conditions; and the numbers of chapter 8's group-lasso section."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.optimize import minimize
from sklearn.linear_model import Lasso

from figures_src.sparsity import lasso_knots, lasso_lambda_max, regression_problem
from figures_src.sparsity.group import (
    block_soft_threshold,
    group_index,
    group_lambda_max,
    group_lasso,
    group_lasso_path,
    grouped_problem,
)
from tests.helpers import TIGHT, without_page_breaks

SECTION = "beyond.md#groups-of-features-the-group-lasso"


def objective(X, y, groups, lam, w) -> float:
    return float(np.sum((y - X @ w) ** 2) + lam * sum(np.sqrt(g.size) * np.linalg.norm(w[g]) for g in groups))


def fista(X, y, groups, lam, steps=30_000) -> np.ndarray:
    """An independent solver: accelerated proximal gradient, each group's prox written out here."""
    step = 1 / (2 * np.linalg.norm(X, 2) ** 2)
    w = z = np.zeros(X.shape[1])
    t = 1.0
    for _ in range(steps):
        v = z + step * 2 * X.T @ (y - X @ z)
        new = np.zeros_like(v)
        for g in groups:
            length = np.linalg.norm(v[g])
            cut = step * lam * np.sqrt(g.size)
            if length > cut:
                new[g] = v[g] * (1 - cut / length)
        t_next = (1 + np.sqrt(1 + 4 * t * t)) / 2
        z = new + (t - 1) / t_next * (new - w)
        w, t = new, t_next
    return w


def cone_minimum(X, y, groups, lam, near) -> np.ndarray:
    """SciPy's SLSQP on the cone form: minimize loss + λΣ√p_g t_g subject to t_g ≥ ||w_g||, from a
    start near ``near``; its weights."""
    p = X.shape[1]
    sizes = np.sqrt([g.size for g in groups])
    cons = [
        {"type": "ineq", "fun": lambda v, g=g, i=i: v[p + i] ** 2 - np.sum(v[g] ** 2)}
        for i, g in enumerate(groups)
    ]
    cons.append({"type": "ineq", "fun": lambda v: v[p:]})
    start = np.concatenate([near + 0.05, [np.linalg.norm(near[g]) + 0.1 for g in groups]])
    found = minimize(
        lambda v: np.sum((y - X @ v[:p]) ** 2) + lam * sizes @ v[p:],
        start,
        constraints=cons,
        method="SLSQP",
        options={"ftol": 1e-14, "maxiter": 3000},
    )
    return found.x[:p]


def kkt_violation(X, y, groups, lam, w) -> float:
    """How far w is from the group lasso's optimality conditions, relative to λ."""
    r = y - X @ w
    worst = 0.0
    for g in groups:
        slope, radius = 2 * X[:, g].T @ r, lam * np.sqrt(g.size)
        length = np.linalg.norm(w[g])
        if length == 0.0:
            worst = max(worst, np.linalg.norm(slope) - radius)
        else:
            worst = max(worst, float(np.max(np.abs(slope - radius * w[g] / length))))
    return worst / lam


def random_grouped(rng):
    """A random problem: 3 to 6 groups of 1 to 4 correlated features."""
    sizes = rng.integers(1, 5, size=int(rng.integers(3, 7)))
    labels = np.repeat(np.arange(sizes.size), sizes)
    X, y = regression_problem(int(rng.integers(30, 80)), labels.size, float(rng.uniform(0, 0.7)), rng)
    return X, y, labels


def solutions_along_the_path(seed: int):
    """One random grouped problem (seed 80 + seed) solved at 20 λs from 0.02 to 0.98 λ_max: yields
    X, y, labels, groups, λ, w and the residual r."""
    rng = np.random.default_rng(80 + seed)
    X, y, labels = random_grouped(rng)
    groups = group_index(labels, X.shape[1])
    top = group_lambda_max(X, y, labels)
    for f in np.linspace(0.02, 0.98, 20):
        w = group_lasso(X, y, labels, f * top)
        yield X, y, labels, groups, f * top, w, y - X @ w


def test_block_soft_threshold_is_the_proximal_operator_and_zero_up_to_its_boundary():
    rng = np.random.default_rng(0)
    for _ in range(20):
        z, t = rng.normal(size=int(rng.integers(1, 5))) * 2, float(rng.uniform(0.1, 3))
        best = minimize(
            lambda w, z, t: 0.5 * np.sum((w - z) ** 2) + t * np.linalg.norm(w),
            z,
            args=(z, t),
            method="Nelder-Mead",
            options={"xatol": 1e-10, "fatol": 1e-14, "maxiter": 20_000},
        )
        np.testing.assert_allclose(block_soft_threshold(z, t), best.x, atol=1e-5)
    z = np.array([3.0, 4.0])
    assert np.all(block_soft_threshold(z, 5.0) == 0.0)  # length exactly t: zero
    assert np.all(block_soft_threshold(z, 5.0 * (1 - 1e-12)) != 0.0)  # a hair less: not
    np.testing.assert_allclose(block_soft_threshold(z, 2.0), [1.8, 2.4])


@pytest.mark.parametrize("seed", range(6))
def test_the_solution_meets_the_optimality_conditions_and_independent_solvers(seed):
    rng = np.random.default_rng(50 + seed)
    X, y, labels = random_grouped(rng)
    groups = group_index(labels, X.shape[1])
    top = group_lambda_max(X, y, labels)
    for f in (0.05, 0.3, 0.7):
        lam = f * top
        w = group_lasso(X, y, labels, lam)
        assert kkt_violation(X, y, groups, lam, w) < 1e-8
        other = fista(X, y, groups, lam)
        np.testing.assert_allclose(w, other, atol=1e-6)
        assert objective(X, y, groups, lam, w) <= objective(X, y, groups, lam, other) + 1e-9
        cone = cone_minimum(X, y, groups, lam, w)  # SLSQP finds nothing lower
        assert objective(X, y, groups, lam, w) <= objective(X, y, groups, lam, cone) + 1e-7


@pytest.mark.claim(
    "beyond.md#groups-of-features-the-group-lasso",
    "weights of group $g$ are all exactly zero exactly when the loss gradient on the group at $w_g = 0$ "
    "is short enough",
    searched="6 random problems of 3 to 6 groups of 1 to 4 correlated features at 20 λs each (the "
    "solver's KKT conditions and the proximal-gradient oracle are checked on others), and λ_max, where "
    "the longest gradient lies on the boundary and its group is zero",
)
@pytest.mark.parametrize("seed", range(6))
def test_a_group_is_zero_exactly_when_its_gradient_is_within_the_ball(seed):
    for X, y, labels, groups, lam, w, r in solutions_along_the_path(seed):
        f = lam / group_lambda_max(X, y, labels)
        for g in groups:
            others = r + X[:, g] @ w[g]  # the residual the other groups leave
            gradient, radius = np.linalg.norm(2 * X[:, g].T @ others), lam * np.sqrt(g.size)
            zero = np.linalg.norm(w[g]) == 0.0
            assert zero == (gradient <= radius), (f, g)
            assert zero or gradient > radius * (1 + 1e-9)  # a kept group is clear of the boundary
            if zero:
                assert np.linalg.norm(X[:, g].T @ r) <= radius / 2 * (1 + 1e-12)
    # at λ_max itself the longest group's gradient is exactly on the boundary, and the group is zero
    top = group_lambda_max(X, y, labels)
    at_top = group_lasso(X, y, labels, top)
    assert np.all(at_top == 0.0)
    lengths = [2 * np.linalg.norm(X[:, g].T @ y) / np.sqrt(g.size) for g in groups]
    assert max(lengths) == pytest.approx(top, rel=1e-14)
    assert np.any(group_lasso(X, y, labels, top * (1 - 1e-6)) != 0.0)


@pytest.mark.claim(
    "beyond.md#groups-of-features-the-group-lasso",
    "a weight inside a kept group is zero only where that feature's $x_j^\\top r$ is exactly zero",
    searched="6 random problems at 20 λs: inside every kept group each weight equals "
    "‖w_g‖·2xⱼᵀr/(λ√p_g) to 1e-8, so it is zero exactly where xⱼᵀr is",
)
@pytest.mark.parametrize("seed", range(6))
def test_inside_a_kept_group_a_weight_follows_its_feature_s_slope(seed):
    for X, _, _, groups, lam, w, r in solutions_along_the_path(seed):
        for g in groups:
            length = np.linalg.norm(w[g])
            if length > 0:
                expected = length * 2 * X[:, g].T @ r / (lam * np.sqrt(g.size))
                np.testing.assert_allclose(w[g], expected, atol=1e-8 * max(1.0, length))


def test_with_groups_of_one_it_is_scikit_learns_lasso():
    rng = np.random.default_rng(3)
    X, y = regression_problem(40, 9, 0.4, rng)
    for f in (0.05, 0.4):
        lam = f * lasso_lambda_max(X, y)
        sk = Lasso(alpha=lam / (2 * len(y)), **TIGHT).fit(X, y).coef_
        np.testing.assert_allclose(group_lasso(X, y, np.arange(9), lam), sk, atol=1e-8)


def test_orthonormal_groups_are_block_soft_thresholded_in_closed_form():
    rng = np.random.default_rng(4)
    Q, _ = np.linalg.qr(rng.normal(size=(30, 6)))
    labels = np.array([0, 0, 0, 1, 1, 2])
    y = Q @ np.array([2.0, -1.0, 0.5, 0.3, 0.2, 1.5]) + 0.1 * rng.normal(size=30)
    for lam in (0.5, 1.5, 3.0):
        w = group_lasso(Q, y, labels, lam)
        for g in group_index(labels, 6):
            c = Q[:, g].T @ y
            length = np.linalg.norm(c)
            expected = max(0.0, 1 - lam * np.sqrt(g.size) / 2 / length) * c
            np.testing.assert_allclose(w[g], expected, atol=1e-10)


def test_refuses_nonsense():
    X, y = regression_problem(10, 3, 0.2, np.random.default_rng(0))
    with pytest.raises(ValueError):
        group_lasso(X, y, [0, 0], 1.0)  # one label per column
    with pytest.raises(ValueError):
        group_lasso(np.column_stack([X[:, 0], X[:, 0]]), y, [0, 0], 1.0)  # dependent columns
    with pytest.raises(ValueError):
        block_soft_threshold([1.0], -1.0)


# --- the page's numbers ----------------------------------------------------------------------------


def group_entry(X, y, labels, idx, top) -> float:
    """The λ/λ_max at which the group ``idx`` leaves zero, by bisection on its KKT-checked zeros."""
    low, high = 0.01, 1.0
    if np.any(group_lasso(X, y, labels, top)[idx] != 0.0):
        return 1.0
    for _ in range(40):
        middle = (low + high) / 2
        low, high = (
            (middle, high) if np.any(group_lasso(X, y, labels, middle * top)[idx] != 0.0) else (low, middle)
        )
    return high


@pytest.mark.checks(SECTION, "beyond.md#fig-group-lasso-paths", "beyond.md#eq-group-lasso")
def test_the_quoted_lambdas_are_the_exact_paths():
    """Lasso knots from the exact homotopy and checked by scikit-learn on either side; group entries
    by bisection, the figure's discs on its grid next to both."""
    from figures_src.figures.group_lasso_paths import FRACTIONS, leaves_zero, paths

    X, y, labels = grouped_problem()
    assert labels.tolist() == ["A", "A", "A", "B", "B", "C", "C"]
    top = lasso_lambda_max(X, y)
    knots = lasso_knots(X, y)
    leaves = []
    for j in range(7):
        ((start, end),) = knots.zero_intervals(j)  # one zero interval each, up to infinity
        assert end == np.inf
        leaves.append(start / top)
        for side, zero in ((1.001, True), (0.999, False)):
            sk = Lasso(alpha=side * start / (2 * len(y)), **TIGHT).fit(X, y).coef_[j]
            assert (abs(sk) < 1e-10) == zero, (j, side)
    assert [f"{v:.2f}" for v in leaves] == ["1.00", "0.43", "0.08", "0.35", "0.65", "0.50", "0.03"]
    assert f"{leaves[6]:.3f}" == "0.026"
    gtop = group_lambda_max(X, y, labels)
    entries = [group_entry(X, y, labels, g, gtop) for g in group_index(labels, 7)]
    assert [f"{v:.2f}" for v in entries] == ["1.00", "0.65", "0.54"]
    for g, entry in zip(group_index(labels, 7), entries, strict=True):
        if entry < 1:  # just above: zero with its gradient inside the ball; just below: not zero
            w = group_lasso(X, y, labels, entry * 1.001 * gtop)
            assert np.all(w[g] == 0.0)
            assert np.all(group_lasso(X, y, labels, entry * 0.999 * gtop)[g] != 0.0)
    # group C's second weight crosses zero inside its kept group, near 0.18 λ_max
    sign = [np.sign(group_lasso(X, y, labels, f * gtop)[6]) for f in (0.17, 0.19)]
    assert sign == [-1.0, 1.0]
    lasso_w, group_w, _ = paths()  # the figure's discs lie within a grid step of the exact values
    step = FRACTIONS[1] - FRACTIONS[0]
    np.testing.assert_allclose(leaves_zero(lasso_w), leaves, atol=step)
    np.testing.assert_allclose(leaves_zero(group_w), np.repeat(entries, [3, 2, 2]), atol=step)
    np.testing.assert_allclose(group_w[-1], 0.0)
    np.testing.assert_allclose(
        group_lasso_path(X, y, labels, [0.3 * gtop])[0],
        fista(X, y, group_index(labels, 7), 0.3 * gtop),
        atol=1e-6,
    )
    text = without_page_breaks("beyond.md")
    for quoted in (
        "group A's at $\\lambda_{\\max}$, $0.43\\,\\lambda_{\\max}$ and $0.08\\,\\lambda_{\\max}$",
        "A leaves zero at $\\lambda_{\\max}$, B at $0.65\\,\\lambda_{\\max}$, C at $0.54\\,\\lambda_{\\max}$",
        "the lasso keeps it at zero down to $0.026\\,\\lambda_{\\max}$",
        "second weight passes through zero at $0.18\\,\\lambda_{\\max}$",
        "group A at 1, 0.43 and 0.08, group B at 0.65 and 0.35, group C at 0.5 and 0.03",
        "A at 1, B at 0.65, C at 0.54",
    ):
        assert quoted in text, quoted
