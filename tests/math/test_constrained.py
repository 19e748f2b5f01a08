"""Chapter 5: exact constrained minima on the L1 diamond and L2 disc, and the Parr replication."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from scipy.optimize import minimize

from figures_src.sparsity import (
    axis_shares,
    constrained_minima,
    constrained_minimum,
    quadratic_loss,
    random_problem,
)


def slsqp(center, hessian, norm, t):
    """A general constrained solver from several starts, its answer scaled back into the ball."""
    if norm == 1:  # the diamond as four smooth (linear) constraints ±v₁ ± v₂ ≤ t
        signs = np.array([[1, 1], [1, -1], [-1, 1], [-1, -1]], float)
        constraint = {"type": "ineq", "fun": lambda v: t - signs @ v, "jac": lambda v: -signs}
    else:
        constraint = {
            "type": "ineq",
            "fun": lambda v: np.array([t**2 - v @ v]),
            "jac": lambda v: -2 * v[None],
        }
    best = None
    for start in ([0, 0], [t / 2, 0], [0, t / 2], [-t / 2, 0], [0, -t / 2]):
        found = minimize(
            lambda v: quadratic_loss(v, center, hessian),
            np.array(start, float),
            method="SLSQP",
            jac=lambda v: 2 * hessian @ (v - center),
            constraints=[constraint],
            options={"ftol": 1e-13, "maxiter": 200},
        )
        if best is None or found.fun < best.fun:
            best = found
    return best.x * min(1.0, t / np.linalg.norm(best.x, ord=norm))  # SLSQP may overstep by ~1e-8


@pytest.mark.checks("geometry.md#eq-constrained")
@pytest.mark.parametrize("kind", ["symmetric", "general", "orthogonal"])
@pytest.mark.parametrize("norm", [1, 2])
def test_constrained_minimum_matches_slsqp_on_random_problems(kind, norm):
    rng = np.random.default_rng(2024)
    for _ in range(100):
        center, hessian = random_problem(rng, kind)
        t = rng.uniform(0.3, 4.0)
        ours = constrained_minimum(center, hessian, norm, t)
        other = slsqp(center, hessian, norm, t)
        assert np.linalg.norm(ours, ord=norm) <= t * (1 + 1e-12), "feasible"
        assert (
            quadratic_loss(ours, center, hessian)
            <= quadratic_loss(other, center, hessian) * (1 + 1e-9) + 1e-12
        )
        np.testing.assert_allclose(ours, other, atol=1e-6 * t)


@pytest.mark.checks("geometry.md#eq-constrained")
@pytest.mark.parametrize("norm", [1, 2])
def test_constrained_minimum_matches_a_brute_force_scan_of_the_boundary(norm):
    rng = np.random.default_rng(7)
    angles = np.linspace(0, 2 * np.pi, 400_001)
    directions = np.c_[np.cos(angles), np.sin(angles)]
    for _ in range(20):
        center, hessian = random_problem(rng, "general")
        boundary = 2.0 * directions / np.linalg.norm(directions, ord=norm, axis=1)[:, None]
        best = boundary[np.argmin(quadratic_loss(boundary, center, hessian))]
        ours = constrained_minimum(center, hessian, norm, 2.0)
        assert quadratic_loss(ours, center, hessian) <= quadratic_loss(best, center, hessian) + 1e-12
        np.testing.assert_allclose(ours, best, atol=2e-4)


@pytest.mark.checks("geometry.md#where-the-ellipse-touches")
def test_l1_solutions_on_an_axis_are_exactly_on_it():
    """Oracle: the corner v = ±t·e_i is optimal iff −∇f(v) lies in the diamond's normal cone there,
    i.e. −g_i·sign(v_i) ≥ |g_j| for the gradient g = 2H(v − c) (the KKT conditions)."""
    rng = np.random.default_rng(11)
    t, corners_seen = 2.0, 0
    for _ in range(2000):
        center, hessian = random_problem(rng, "general")
        w = constrained_minimum(center, hessian, 1, t)
        optimal_corner = None
        for i in (0, 1):
            for sign in (1.0, -1.0):
                v = np.zeros(2)
                v[i] = sign * t
                g = 2 * hessian @ (v - center)
                if -g[i] * sign >= abs(g[1 - i]):
                    optimal_corner = v
        if optimal_corner is None:
            assert np.all(w != 0.0), (center, hessian, w)
        else:
            corners_seen += 1
            np.testing.assert_array_equal(w, optimal_corner)
    assert corners_seen > 1000


def test_a_centre_inside_the_ball_is_its_own_minimum_and_batch_equals_single():
    centers = np.array([[0.3, -0.2], [5.0, 1.0], [-4.0, 7.0]])
    hessians = np.array([[[2.0, 0.3], [0.3, 1.0]]] * 3)
    for norm in (1, 2):
        batch = constrained_minima(centers, hessians, norm, 1.0)
        np.testing.assert_array_equal(batch[0], centers[0])
        for c, H, w in zip(centers, hessians, batch, strict=True):
            np.testing.assert_array_equal(constrained_minimum(c, H, norm, 1.0), w)


# Chapter 5 (geometry.md) quotes T. Parr's simulation, "The difference between L1 and L2 regularization",
# section 3, reports the share of L1 solutions with a zero coefficient as 66% (symmetric losses),
# 72% (general) and 80% (orthogonal). Our exact solver, on 5000 losses drawn his way, must land near.
PARR_L1 = {"symmetric": 0.66, "general": 0.72, "orthogonal": 0.80}


@pytest.mark.checks("geometry.md#how-often-is-the-optimum-on-an-axis")
@pytest.mark.parametrize("kind", PARR_L1)
def test_replication_of_parrs_l1_shares(kind):
    shares = axis_shares(kind, 5000, seed=42, ts=[2.0])
    assert abs(shares["l1"][0] - PARR_L1[kind]) <= 0.02  # "within two percentage points" on the page
    assert shares["l2"][0] == 0.0, "no L2 solution is exactly on an axis"


@pytest.mark.checks("geometry.md#how-often-is-the-optimum-on-an-axis")
def test_l2_near_zero_share_depends_on_the_threshold():
    """Parr counts L2 coefficients 'close to' zero; the share grows with the threshold chosen."""
    shares = [
        axis_shares("orthogonal", 2000, seed=42, ts=[2.0], near=near)["l2"][0]
        for near in (0, 0.01, 0.05, 0.1)
    ]
    assert shares[0] == 0.0
    assert all(a < b for a, b in itertools.pairwise(shares))


@pytest.mark.checks("geometry.md#fig-geometry-axis-share")
@pytest.mark.claim(
    "geometry.md#fig-geometry-axis-share",
    "The L2 curve lies at exactly zero for every radius",
    searched=(
        "500 general losses at three radii here, and the figure's 80 radii in test_pipeline's drawing of it"
    ),
)
def test_axis_share_falls_with_the_radius_and_l2_never_lands_on_an_axis():
    """The figure's trend: most optima on an axis at small t, fewer at Parr's t = 2, none at t = 20
    (why the share is already zero near t = 10 is tested in test_claims.py)."""
    shares = axis_shares("general", 500, seed=1, ts=[0.5, 2.0, 20.0])
    assert shares["l1"][0] > shares["l1"][1] > 0.5 and shares["l1"][2] == 0.0
    assert np.all(shares["l2"] == 0.0)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (([1, 1], np.eye(2), 3, 1.0), "norm"),
        (([1, 1], np.eye(2), 1, -1.0), "t must"),
        (([1, 1], [[1, 2], [2, 1]], 1, 1.0), "positive definite"),
        (([1, 1], [[1, 0], [0.5, 1]], 2, 1.0), "symmetric"),
        (([1, 1, 1], np.eye(2), 1, 1.0), "shape"),
        (([np.nan, 1], np.eye(2), 1, 1.0), "finite"),
    ],
)
def test_bad_input_raises_a_clear_error(args, message):
    with pytest.raises(ValueError, match=message):
        constrained_minimum(*args)
