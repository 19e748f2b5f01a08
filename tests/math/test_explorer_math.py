"""The explorers' JavaScript math (docs/javascripts/explorer-math.js) agrees with figures_src.sparsity.

The browser computes what the sliders show from a port of the Python functions. Here Node.js runs
that very file at thousands of random points and the answers are compared with the Python ones:
the same exact zeros (bit for bit: a 0 in one is a 0 in the other) and the same values to within
rounding. Node.js is installed by `make test` (npm ci needs it).
"""

from __future__ import annotations

import json
import shutil
import subprocess

import numpy as np
import pytest

from figures_src.sparsity import (
    constrained_minimum,
    lasso_1d_from_moments,
    objective_1d,
    quadratic_loss,
    ridge_1d_from_moments,
    soft_threshold,
    zero_is_optimal,
)
from tests.helpers import ROOT

MATH_JS = ROOT / "docs" / "javascripts" / "explorer-math.js"

# Reads {"calls": [[name, args], ...]} on stdin, prints the results: the functions as the page has them.
RUNNER = """
const math = require(process.argv[1]);
let input = "";
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", () => {
  const calls = JSON.parse(input);
  const out = calls.map(([name, args]) => {
    try { return math[name](...args); } catch (error) { return { error: String(error.message) }; }
  });
  process.stdout.write(JSON.stringify(out));
});
"""


def run_js(calls: list[tuple[str, list]]) -> list:
    """Evaluate ``[(function name, arguments), ...]`` with the explorer's math in Node.js."""
    node = shutil.which("node")
    assert node, "Node.js is needed (make test installs the npm packages with it)"
    result = subprocess.run(
        [node, "-e", RUNNER, str(MATH_JS)],
        input=json.dumps(calls),
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(result.stdout)


def random_losses(rng: np.random.Generator, n: int):
    """Centres in the explorer's range and positive-definite Hessians, tilted or not."""
    for k in range(n):
        a, b = rng.uniform(0.05, 3.0, size=2)
        cross = 0.0 if k % 5 == 0 else rng.uniform(-0.95, 0.95) * np.sqrt(a * b)
        yield rng.uniform(-3, 3, size=2), np.array([[a, cross], [cross, b]])


@pytest.mark.checks("geometry.md#where-the-ellipse-touches")
@pytest.mark.parametrize("norm", [1, 2])
def test_constrained_minima_match_the_python_solver_zeros_included(norm):
    rng = np.random.default_rng(20261123 + norm)
    problems = []
    for center, hessian in random_losses(rng, 1500):
        t = float(rng.choice([rng.uniform(0, 0.3), rng.uniform(0, 4.5), float(np.abs(center).max())]))
        problems.append((center, hessian, t))
    problems.append((np.array([1.6, 1.0]), np.array([[1.0, 0.35], [0.35, 0.45]]), 0.0))  # t = 0
    js = run_js([("constrainedMinimum", [c.tolist(), h.tolist(), norm, t]) for c, h, t in problems])
    zeros = 0
    for (center, hessian, t), w_js in zip(problems, js, strict=True):
        w_py = constrained_minimum(center, hessian, norm, t)
        assert [v == 0.0 for v in w_js] == [v == 0.0 for v in w_py], (center, hessian, t, w_js, w_py)
        np.testing.assert_allclose(w_js, w_py, rtol=1e-9, atol=1e-12)
        # as good as the Python answer on the loss, and feasible
        assert (
            quadratic_loss(w_js, center, hessian)
            <= quadratic_loss(w_py, center, hessian) * (1 + 1e-12) + 1e-15
        )
        assert np.linalg.norm(w_js, ord=norm) <= t * (1 + 1e-12)
        zeros += any(v == 0.0 for v in w_js)
    if norm == 1:  # the comparison covered many exact zeros, and the L2 ball gave (almost) none
        assert zeros > 300
    else:
        assert zeros < 20  # only centres on an axis, or t = 0, give an L2 zero


@pytest.mark.checks("geometry.md#where-the-ellipse-touches")
def test_the_ellipses_drawn_are_the_level_sets_of_the_loss():
    rng = np.random.default_rng(5)
    losses = list(random_losses(rng, 200))
    levels = rng.uniform(0.01, 5, size=len(losses))
    js = run_js(
        [
            ("levelEllipse", [c.tolist(), h.tolist(), float(lv)])
            for (c, h), lv in zip(losses, levels, strict=True)
        ]
    )
    angles = np.linspace(0, 2 * np.pi, 13)
    for (center, hessian), level, e in zip(losses, levels, js, strict=True):
        axis1 = np.array([np.cos(e["angle"]), np.sin(e["angle"])])
        axis2 = np.array([-axis1[1], axis1[0]])
        points = (
            np.array([e["cx"], e["cy"]])
            + np.outer(e["rx"] * np.cos(angles), axis1)
            + np.outer(e["ry"] * np.sin(angles), axis2)
        )
        np.testing.assert_allclose(quadratic_loss(points, center, hessian), level, rtol=1e-10)


@pytest.mark.checks(
    "one-coefficient.md#the-dead-zone",
    "derivative-threshold.md#l1-a-corner-absorbs-a-whole-interval-of-slopes",
)
def test_one_coefficient_formulas_match_the_python_ones():
    rng = np.random.default_rng(7)
    sxy = np.concatenate([rng.normal(0, 2, 2000), [0.0, 1.0, -1.0, 2.5]])
    sxx = rng.uniform(0.1, 3, sxy.size)
    lam = np.concatenate([rng.uniform(0, 6, 2000), [2.0, 2.0, 2.0, 0.0]])  # |sxy| = λ/2: on the edge
    beta = rng.uniform(-3, 3, sxy.size)
    calls = []
    for a, s, lm, b in zip(sxy, sxx, lam, beta, strict=True):
        calls += [
            ("softThreshold", [a, lm / 2]),
            ("lasso1d", [a, s, lm]),
            ("ridge1d", [a, s, lm]),
            ("objective1d", [b, a, s, 1.5, lm, "l1"]),
            ("objective1d", [b, a, s, 1.5, lm, "l2"]),
            ("zeroIsOptimal", [-2 * a, lm]),
        ]
    js = iter(
        run_js([(name, [float(v) if not isinstance(v, str) else v for v in args]) for name, args in calls])
    )
    zeros = 0
    for a, s, lm, b in zip(sxy, sxx, lam, beta, strict=True):
        expected = [
            soft_threshold(a, lm / 2),
            lasso_1d_from_moments(a, s, lm),
            ridge_1d_from_moments(a, s, lm),
            objective_1d(b, a, s, 1.5, lm, "l1"),
            objective_1d(b, a, s, 1.5, lm, "l2"),
        ]
        for want in expected:
            got = next(js)
            assert (got == 0.0) == (want == 0.0), (a, s, lm, got, want)
            assert got == pytest.approx(want, rel=1e-13, abs=1e-13)
        zero = next(js)
        assert zero == zero_is_optimal(-2 * a, lm) == (lasso_1d_from_moments(a, s, lm) == 0.0)
        zeros += zero
    assert 300 < zeros < sxy.size - 300, "both sides of the threshold were compared"


def test_the_port_rejects_what_the_python_rejects():
    out = run_js(
        [
            ("constrainedMinimum", [[1, 1], [[1, 0], [0, 1]], 3, 1.0]),
            ("constrainedMinimum", [[1, 1], [[1, 0], [0, 1]], 1, -1]),
        ]
    )
    assert all("error" in o for o in out)
    for norm, t in ((3, 1.0), (1, -1.0)):
        with pytest.raises(ValueError):
            constrained_minimum([1, 1], np.eye(2), norm, t)
