"""L1-penalized logistic regression (figures_src/sparsity/training.py) against independent oracles:
scikit-learn's saga and liblinear, SciPy's L-BFGS-B on the split form w = u − v with u, v ≥ 0, the
optimality conditions computed here, and the three minibatch updates written out here from their
formulas; and every number of chapter 8's section on SGD and Adam."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from scipy.optimize import minimize
from sklearn.datasets import load_breast_cancer
from sklearn.linear_model import LogisticRegression

from figures_src.figures import optimizer_zeros
from figures_src.sparsity import (
    logistic_lambda_max,
    logistic_lasso,
    logistic_objective,
    soft_threshold,
    train,
)
from tests.helpers import without_page_breaks

SECTION = "beyond.md#sgd-and-adam-on-real-data"


def sigmoid(m):
    return 1 / (1 + np.exp(-m))


def kkt_violation(X, t, lam, w, b) -> float:
    """How far (w, b) is from the optimality conditions of F, relative to λ (intercept: slope 0)."""
    residual = sigmoid(X @ w + b) - t
    slope = X.T @ residual
    worst = abs(residual.sum()) / lam
    at_zero = w == 0
    worst = max(worst, float(np.max(np.abs(slope[at_zero]), initial=0.0)) / lam - 1)
    return max(worst, float(np.max(np.abs(slope[~at_zero] + lam * np.sign(w[~at_zero])), initial=0.0)) / lam)


def saga(X, t, lam, tol=1e-12, **options) -> tuple[np.ndarray, float]:
    """scikit-learn's L1 logistic regression with C = 1/λ (its loss is C·Σ log-loss + ‖w‖₁)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # ConvergenceWarning at the tight tolerance
        model = LogisticRegression(l1_ratio=1, C=1 / lam, solver="saga", tol=tol, max_iter=100_000, **options)
        model.fit(X, t)
    return model.coef_[0], float(model.intercept_[0]) if model.fit_intercept else 0.0


def split_lbfgs(X, t, lam) -> tuple[np.ndarray, float, float]:
    """SciPy's L-BFGS-B on F with w = u − v, u, v ≥ 0 (smooth, bound-constrained): (w, b, F)."""
    p = X.shape[1]

    def f(z):
        u, v, b = z[:p], z[p : 2 * p], z[-1]
        m = X @ (u - v) + b
        residual = sigmoid(m) - t
        g = X.T @ residual
        value = np.sum(np.logaddexp(0, m) - t * m) + lam * np.sum(u + v)
        return value, np.concatenate([g + lam, -g + lam, [residual.sum()]])

    bounds = [(0, None)] * (2 * p) + [(None, None)]
    result = minimize(
        f,
        np.zeros(2 * p + 1),
        jac=True,
        method="L-BFGS-B",
        bounds=bounds,
        options={"maxiter": 50_000, "ftol": 1e-15, "gtol": 1e-11},
    )
    return result.x[:p] - result.x[p : 2 * p], float(result.x[-1]), float(result.fun)


def random_classification(seed: int) -> tuple[np.ndarray, np.ndarray]:
    """A random problem with correlated features and labels drawn from a logistic model."""
    rng = np.random.default_rng(seed)
    n, p = int(rng.integers(40, 200)), int(rng.integers(2, 25))
    rho = rng.uniform(0, 0.9)
    X = np.sqrt(rho) * rng.normal(size=(n, 1)) + np.sqrt(1 - rho) * rng.normal(size=(n, p))
    w = np.where(rng.uniform(size=p) < 0.5, 0.0, rng.normal(scale=1.5, size=p))
    t = (rng.uniform(size=n) < sigmoid(X @ w + rng.normal())).astype(float)
    if t.min() == t.max():
        t[0] = 1 - t[0]
    return X, t


@pytest.mark.checks(SECTION, "beyond.md#eq-logistic-lasso")
@pytest.mark.claim(
    "beyond.md#sgd-and-adam-on-real-data",
    "the answer is accepted only when the optimality conditions hold",
    searched="12 random correlated problems at four λ each, and the breast-cancer data",
)
@pytest.mark.parametrize("seed", range(12))
def test_the_exact_solver_is_optimal_on_random_correlated_problems(seed):
    """KKT conditions to rounding, and no lower objective from SciPy (L-BFGS-B on the split form),
    whose weights it matches; λ from near λ_max down to 2 % of it."""
    X, t = random_classification(seed)
    top = logistic_lambda_max(X, t)
    for fraction in (0.9, 0.3, 0.05, 0.02):
        lam = fraction * top
        w, b = logistic_lasso(X, t, lam)
        assert kkt_violation(X, t, lam, w, b) < 1e-7
        w2, _, f2 = split_lbfgs(X, t, lam)
        assert logistic_objective(X, t, w, b, lam) <= f2 + 1e-9 * max(1.0, f2)
        np.testing.assert_allclose(w, w2, atol=2e-4 * max(1.0, np.abs(w).max()))


@pytest.mark.checks(SECTION)
def test_at_lambda_max_every_weight_is_zero_and_just_below_one_is_not():
    for seed in range(5):
        X, t = random_classification(seed)
        top = logistic_lambda_max(X, t)
        assert np.all(logistic_lasso(X, t, top)[0] == 0.0)
        assert np.count_nonzero(logistic_lasso(X, t, top * (1 - 1e-5))[0]) == 1


@pytest.fixture(scope="module")
def cancer():
    """The page's data, loaded by scikit-learn and standardized as StandardScaler does."""
    data = load_breast_cancer()
    X = (data.data - data.data.mean(axis=0)) / data.data.std(axis=0)
    return X, data.target.astype(float), list(data.feature_names)


@pytest.mark.checks(SECTION, "beyond.md#eq-logistic-lasso")
def test_the_breast_cancer_solution_is_scikit_learns_saga_with_c_one_over_lambda(cancer):
    X, t, names = cancer
    fig_X, fig_t = optimizer_zeros.data()
    np.testing.assert_allclose(fig_X, X, atol=1e-12)
    np.testing.assert_array_equal(fig_t, t)
    assert X.shape == (569, 30) and set(t) == {0.0, 1.0}
    assert [name for name, label in zip(load_breast_cancer().target_names, (0, 1), strict=True)] == [
        "malignant",
        "benign",
    ]
    lam = optimizer_zeros.LAM
    w, b = logistic_lasso(X, t, lam)
    sk_w, sk_b = saga(X, t, lam)
    np.testing.assert_allclose(w, sk_w, atol=1e-6)
    assert b == pytest.approx(sk_b, abs=1e-6)
    np.testing.assert_array_equal(w == 0.0, sk_w == 0.0)
    assert logistic_objective(X, t, w, b, lam) <= logistic_objective(X, t, sk_w, sk_b, lam) + 1e-9
    top = logistic_lambda_max(X, t)
    assert f"{top:.1f}" == "218.3" and f"{lam / top:.3f}" == "0.092" and 1 / lam == 0.05
    slopes = X.T @ (1 / (1 + np.exp(-(X @ w + b))) - t)
    assert f"{np.abs(slopes[w == 0.0]).max() / lam:.3f}" == "0.991"  # a margin of 0.9 % of λ at every zero
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        default = LogisticRegression(l1_ratio=1, C=1 / lam, solver="saga").fit(X, t).coef_[0]
    assert np.sum(default == 0.0) < 25, "the default tolerance stops short of some zeros"
    printed, _ = saga(X, t, lam, tol=1e-10)  # the call as the page prints it
    np.testing.assert_array_equal(printed == 0.0, w == 0.0)
    np.testing.assert_allclose(printed, w, atol=1e-5)
    kept = [name for name, wj in zip(names, w, strict=True) if wj != 0.0]
    assert kept == [
        "mean concave points",
        "worst radius",
        "worst texture",
        "worst concave points",
        "worst symmetry",
    ]
    assert int(np.sum(w == 0.0)) == 25


@pytest.mark.checks(SECTION)
def test_liblinear_penalizes_the_intercept_too(cancer):
    """liblinear's answer is the L1 solution with the intercept as a penalized feature (a column of
    ones, intercept_scaling = 1), which is not the site's solution with a free intercept."""
    X, t, _ = cancer
    lam = optimizer_zeros.LAM
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model = LogisticRegression(
            l1_ratio=1, C=1 / lam, solver="liblinear", tol=1e-10, max_iter=100_000
        ).fit(X, t)
    ones = np.column_stack([X, np.ones(len(t))])
    penalized, _ = saga(ones, t, lam, fit_intercept=False)
    np.testing.assert_allclose(np.append(model.coef_[0], model.intercept_[0]), penalized, atol=1e-4)
    _, b = logistic_lasso(X, t, lam)
    assert abs(model.intercept_[0] - b) > 0.01


def reference_training(X, t, lam, method, rate, epochs, batch, seed):
    """The three updates written out from their formulas, on the same batches as ``train``."""
    n, p = X.shape
    rng = np.random.default_rng(seed)
    w, b = np.zeros(p), np.log(t.mean() / (1 - t.mean()))
    m, v, k = np.zeros(p + 1), np.zeros(p + 1), 0
    out = [w.copy()]
    for _ in range(epochs):
        order = rng.permutation(n)
        for start in range(0, n, batch):
            rows = order[start : start + batch]
            r = sigmoid(X[rows] @ w + b) - t[rows]
            gw, gb = n / len(rows) * X[rows].T @ r, n / len(rows) * r.sum()
            if method == "sgd":
                w, b = w - rate * (gw + lam * np.sign(w)), b - rate * gb
            elif method == "prox-sgd":
                z = w - rate * gw
                w, b = np.sign(z) * np.maximum(np.abs(z) - rate * lam, 0), b - rate * gb
            else:
                k += 1
                g = np.append(gw + lam * np.sign(w), gb)
                m = 0.9 * m + 0.1 * g
                v = 0.999 * v + 0.001 * g**2
                step = rate * (m / (1 - 0.9**k)) / (np.sqrt(v / (1 - 0.999**k)) + 1e-8)
                w, b = w - step[:-1], b - step[-1]
        out.append(w.copy())
    return np.array(out)


@pytest.mark.checks(SECTION)
@pytest.mark.parametrize("method", ["sgd", "adam", "prox-sgd"])
def test_training_follows_the_update_formulas(cancer, method):
    X, t, _ = cancer
    rate = optimizer_zeros.RATES[method]
    ours = train(X, t, 20.0, method, rate, 20, 32, 3)["weights"]
    np.testing.assert_allclose(
        ours, reference_training(X, t, 20.0, method, rate, 20, 32, 3), rtol=1e-9, atol=1e-12
    )
    assert np.array_equal(ours == 0.0, reference_training(X, t, 20.0, method, rate, 20, 32, 3) == 0.0)


@pytest.fixture(scope="module")
def figure():
    numbers = optimizer_zeros.runs()
    exact, runs = numbers["exact"], numbers["runs"]
    return exact, runs, exact == 0.0


def text() -> str:
    return without_page_breaks("beyond.md")


@pytest.mark.checks(SECTION, "beyond.md#fig-optimizer-zeros")
@pytest.mark.claim(
    "beyond.md#sgd-and-adam-on-real-data",
    "never the 25 of $w^\\ast$",
    searched="every one of the last 100 epochs of the figure's run",
)
@pytest.mark.claim(
    "beyond.md#sgd-and-adam-on-real-data",
    "from one epoch to the next and never reaches 25",
    searched="every epoch of the figure's proximal-SGD run after the start",
)
@pytest.mark.claim(
    "beyond.md#sgd-and-adam-on-real-data",
    "a weight that is nonzero in $w^\\ast$ is never among them",
    searched="every epoch of the figure's run, and of the runs with smaller steps (next tests)",
)
def test_the_figures_zero_counts_and_distances(figure):
    exact, runs, _ = figure
    for method in ("sgd", "adam"):
        assert np.all(runs[method][1:] != 0.0), f"{method}: an exact zero after the first step"
    counts = np.sum(runs["prox-sgd"] == 0.0, axis=1)
    assert not np.any((runs["prox-sgd"][1:] == 0.0) & ~(exact == 0.0)), "a weight of w* set to zero"
    last = counts[-100:]
    assert (last.min(), last.max(), f"{last.mean():.1f}") == (4, 18, "10.8")
    assert np.all(counts[1:] < 25) and (counts[1:].min(), counts[1:].max()) == (1, 21)
    distance = {m: np.linalg.norm(w - exact, axis=1) for m, w in runs.items()}
    assert f"{distance['sgd'][-1]:.3f}" == "0.087" and f"{distance['adam'][-1]:.3f}" == "0.103"
    assert f"{distance['sgd'][0]:.1f}" == "2.0" and distance["prox-sgd"][-1] < 0.1
    assert np.all(np.abs(distance["prox-sgd"][1:] / distance["sgd"][1:] - 1) < 0.25), "almost one line"
    assert distance["adam"][160] < 0.11 and np.all(
        (0.07 < distance["adam"][160:]) & (distance["adam"][160:] < 0.17)
    )
    quoted = text()
    for phrase in (
        "distance\n0.087 for SGD and 0.103 for Adam, against 2.0 at the start",
        "between 4 and 18 weights are exactly zero (10.8 on\naverage)",
    ):
        assert " ".join(phrase.split()) in quoted


@pytest.mark.checks(SECTION)
def test_the_subgradient_methods_hover_at_a_level_set_by_their_step(cancer, figure):
    """SGD: median |w_j| over the weights of 0 in the last 100 epochs is 0.8–1.8 ηλ for λ in 10…40
    and η in {1e-4, 3e-4} (1.2 ηλ in the figure); Adam: a third to two thirds of α for every such λ,
    tripled with α and lowered by less than half from λ = 10 to 40; no exact zero in any run."""
    X, t, _ = cancer
    _, runs, zero = figure
    median = np.median(np.abs(runs["sgd"][-100:][:, zero]))
    assert f"{median:.4f}" == "0.0072" and f"{median / (3e-4 * 20):.1f}" == "1.2"
    levels = {}
    for lam in (10.0, 20.0, 40.0):
        at_zero = logistic_lasso(X, t, lam)[0] == 0.0
        for seed in (0, 1):
            for method, rate, low, high in (
                ("sgd", 1e-4, 0.8, 1.8),
                ("sgd", 3e-4, 0.8, 1.8),
                ("adam", 3e-3, 1 / 3, 2 / 3),
                ("adam", 1e-2, 1 / 3, 2 / 3),
            ):
                weights = train(X, t, lam, method, rate, 500, 32, seed)["weights"]
                assert np.all(weights[1:] != 0.0)
                level = np.median(np.abs(weights[-100:][:, at_zero]))
                unit = rate * lam if method == "sgd" else rate
                assert low <= level / unit <= high, (lam, seed, method, rate, level / unit)
                levels[lam, seed, method, rate] = level
    for lam in (10.0, 20.0, 40.0):
        for seed in (0, 1):
            for method, small, large in (("sgd", 1e-4, 3e-4), ("adam", 3e-3, 1e-2)):
                ratio = levels[lam, seed, method, large] / levels[lam, seed, method, small]
                assert ratio == pytest.approx(large / small, rel=0.1), "tripling the step triples the level"
    for seed in (0, 1):
        for rate in (3e-3, 1e-2):
            assert 0.5 < levels[40.0, seed, "adam", rate] / levels[10.0, seed, "adam", rate] < 1


@pytest.mark.checks(SECTION)
@pytest.mark.claim(
    "beyond.md#sgd-and-adam-on-real-data",
    "exactly when $\\lvert\\hat g_j\\rvert \\le \\lambda$, for any step $\\eta$",
    searched="random slopes and steps, including |ĝ| = λ exactly and just above it",
)
def test_a_proximal_step_keeps_a_zero_exactly_when_the_batch_slope_is_at_most_lambda():
    """In exact arithmetic (fractions), including |ĝ| = λ and the next representable slope above it;
    in floating point wherever |ĝ| is not within rounding of λ."""
    from fractions import Fraction

    def soft(z, threshold):
        return max(abs(z) - threshold, Fraction(0)) * (1 if z >= 0 else -1)

    rng = np.random.default_rng(5)
    for _ in range(2000):
        lam, eta = rng.uniform(0.1, 50), 10 ** rng.uniform(-7, 0)
        g = float(rng.choice([lam, -lam, np.nextafter(lam, np.inf), rng.uniform(-3, 3) * lam]))
        exact = soft(-Fraction(eta) * Fraction(g), Fraction(eta) * Fraction(lam))
        assert (exact == 0) == (abs(g) <= lam), (lam, eta, g)
        if abs(abs(g) - lam) > 1e-9 * lam:
            assert (soft_threshold(0.0 - eta * g, eta * lam) == 0.0) == (abs(g) <= lam)


@pytest.mark.checks(SECTION)
def test_thresholding_afterwards_needs_a_tau_the_data_do_not_give(cancer, figure):
    X_, t_, _ = cancer
    exact, runs, zero = figure
    sgd = runs["sgd"][-1]
    assert (f"{np.abs(sgd[zero]).max():.3f}", f"{np.abs(sgd[~zero]).min():.3f}") == ("0.021", "0.033")

    def thresholded(w, tau):
        return np.where(np.abs(w) < tau, 0.0, w)

    assert np.sum(thresholded(sgd, 0.02) != 0.0) == 7  # two weights too many
    cut = thresholded(sgd, 0.05)
    assert np.sum(cut != 0.0) == 4 and cut[np.argmin(np.where(zero, np.inf, np.abs(exact)))] == 0.0
    assert f"{np.min(np.abs(exact[~zero])):.3f}" == "0.041"
    adam, prox = runs["adam"][-1], runs["prox-sgd"][-1]
    assert (f"{np.abs(adam[zero]).max():.3f}", f"{np.abs(adam[~zero]).min():.3f}") == ("0.037", "0.050")
    assert np.abs(prox[zero]).max() > np.abs(prox[~zero]).min(), "no window for proximal SGD"
    assert f"{np.linalg.norm((sgd - exact)[~zero]):.3f}" == "0.069"
    kept = thresholded(sgd, 0.025)
    assert np.array_equal(kept == 0.0, zero) and np.array_equal(kept[~zero], sgd[~zero])
    assert kkt_violation(X_, t_, 20.0, kept, optimizer_zeros.runs()["intercept"]) > 1e-3, "not the minimizer"


@pytest.mark.checks("beyond.md#sgd-and-adam-on-real-data")
@pytest.mark.claim(
    "beyond.md#sgd-and-adam-on-real-data",
    "It lands on $0.0$ only if a step equals the weight to the last bit",
    searched="random pairs of floats of every size, subnormal ones and neighbours one bit apart",
)
def test_a_subtraction_gives_zero_only_for_equal_numbers():
    """IEEE 754 with gradual underflow: w − s is 0.0 exactly when s equals w."""
    rng = np.random.default_rng(9)
    w = rng.normal(size=20_000) * 10.0 ** rng.integers(-320, 300, size=20_000).astype(float)
    w = w[np.isfinite(w) & (w != 0)]
    for s in (w, np.nextafter(w, np.inf), np.nextafter(w, -np.inf), w * (1 + 1e-16), rng.permutation(w)):
        np.testing.assert_array_equal((w - s) == 0.0, w == s)


@pytest.mark.checks("beyond.md#sgd-and-adam-on-real-data")
def test_smaller_proximal_steps_give_no_more_settled_zeros(cancer, figure):
    X, t, _ = cancer
    _, _, zero = figure
    means = []
    for rate in (1e-4, 3e-5):
        weights = train(X, t, optimizer_zeros.LAM, "prox-sgd", rate, 500, 32, optimizer_zeros.SEED)["weights"]
        counts = np.sum(weights[-100:] == 0.0, axis=1)
        assert counts.max() < 25 and not np.any((weights[1:] == 0.0) & ~zero)
        means.append(f"{counts.mean():.1f}")
    assert means == ["11.0", "10.3"]


@pytest.mark.checks("beyond.md#sgd-and-adam-on-real-data")
@pytest.mark.claim(
    "beyond.md#sgd-and-adam-on-real-data",
    "gives $w^\\ast$ exactly when the kept set includes all five weights that $w^\\ast$ keeps",
    searched="the five, the five with one, three or all 25 others, and every set missing one of the five",
)
def test_re_solving_on_the_kept_weights_gives_the_solution_exactly_when_they_include_its_support(
    cancer, figure
):
    X, t, _ = cancer
    exact, _, zero = figure
    support = np.flatnonzero(~zero)
    others = np.flatnonzero(zero)
    lam = optimizer_zeros.LAM

    def re_solved(columns):
        w = np.zeros(X.shape[1])
        w[columns] = logistic_lasso(X[:, columns], t, lam)[0]
        return w

    for extra in ([], others[:1], others[3:6], others):
        columns = np.sort(np.concatenate([support, extra])).astype(int)
        np.testing.assert_allclose(re_solved(columns), exact, atol=1e-8)
    for missing in support:
        columns = np.sort(np.concatenate([support[support != missing], others[:2]]))
        assert np.max(np.abs(re_solved(columns) - exact)) > 1e-3
