"""Chapter 7: regularization as a prior. MAP estimation with Gaussian noise of variance σ².

The negative log-posterior of ``y = Xw + noise`` is ``||y − Xw||² / (2σ²) − Σ log p(w_i) + const``.
Multiplying by ``2σ²`` gives this site's objectives:
- Gaussian prior N(0, τ²):  ``−log p(w) = w²/(2τ²)``  →  ridge with ``λ = σ²/τ²``;
- Laplace prior, scale b:   ``−log p(w) = |w|/b``      →  lasso with ``λ = 2σ²/b``.
"""

from __future__ import annotations

import itertools

import numpy as np
from scipy.integrate import quad
from scipy.special import log_ndtr, ndtri

from figures_src.sparsity._checks import finite_array, nonnegative
from figures_src.sparsity.one_feature import lasso_1d_from_moments

#: Laplace scale with unit variance (variance of Laplace(b) is 2b²)
UNIT_VARIANCE_LAPLACE_SCALE = 1.0 / np.sqrt(2.0)
#: A Gaussian's density at 0 exceeds that of the unit-variance Laplace exactly below this std
GAUSSIAN_STD_THRESHOLD = 1.0 / np.sqrt(np.pi)


def gaussian_pdf(w: object, var: float) -> np.ndarray | float:
    """Density of N(0, var) at ``w``: ``exp(−w²/(2·var)) / √(2π·var)``."""
    ws = finite_array(w, "w")
    var = _positive(var, "var")
    result = np.exp(-(ws**2) / (2 * var)) / np.sqrt(2 * np.pi * var)
    return float(result) if result.ndim == 0 else result


def laplace_pdf(w: object, b: float) -> np.ndarray | float:
    """Density of the Laplace distribution with scale b at ``w``: ``exp(−|w|/b) / (2b)``."""
    ws = finite_array(w, "w")
    b = _positive(b, "b")
    result = np.exp(-np.abs(ws) / b) / (2 * b)
    return float(result) if result.ndim == 0 else result


def ridge_lambda_from_prior(sigma2: float, tau2: float) -> float:
    """λ of the ridge objective equal to MAP with noise variance σ² and prior N(0, τ²): ``σ²/τ²``."""
    return _positive(sigma2, "sigma2") / _positive(tau2, "tau2")


def lasso_lambda_from_prior(sigma2: float, b: float) -> float:
    """λ of the lasso objective equal to MAP with noise variance σ² and Laplace(b) prior: ``2σ²/b``."""
    return 2 * _positive(sigma2, "sigma2") / _positive(b, "b")


def laplace_map_1d(sxy: float, sxx: float, sigma2: float, b: float) -> float:
    """Posterior mode of one weight under a Laplace(b) prior: the lasso with ``λ = 2σ²/b`` (sparse)."""
    return float(lasso_1d_from_moments(sxy, sxx, lasso_lambda_from_prior(sigma2, b)))


def laplace_posterior_mean_1d(sxy: float, sxx: float, sigma2: float, b: float) -> float:
    """Posterior mean of one weight under a Laplace(b) prior, by numerical integration (not sparse).

    The log-posterior is ``−(sxx·β² − 2·sxy·β)/(2σ²) − |β|/b`` up to a constant.
    """
    sxy = float(finite_array(sxy, "sxy"))
    sxx, sigma2, b = _positive(sxx, "sxx"), _positive(sigma2, "sigma2"), _positive(b, "b")
    mode = laplace_map_1d(sxy, sxx, sigma2, b)
    peak = -(sxx * mode**2 - 2 * sxy * mode) / (2 * sigma2) - abs(mode) / b

    def density(beta: float) -> float:
        return np.exp(-(sxx * beta**2 - 2 * sxy * beta) / (2 * sigma2) - abs(beta) / b - peak)

    width = 12 * np.sqrt(sigma2 / sxx) + 12 * b  # far beyond where the density is negligible
    centre = sxy / sxx
    pieces = (min(0.0, centre) - width, 0.0, max(0.0, centre) + width)  # split at the kink
    mass = first = 0.0
    for lo, hi in itertools.pairwise(pieces):
        mass += quad(density, lo, hi, epsabs=0, epsrel=1e-12, limit=200)[0]
        first += quad(lambda v: v * density(v), lo, hi, epsabs=0, epsrel=1e-12, limit=200)[0]
    return first / mass


def laplace_posterior_median_1d(sxy: float, sxx: float, sigma2: float, b: float) -> float:
    """Posterior median of one weight under a Laplace(b) prior, in closed form (not sparse either).

    On each side of zero the posterior is a Gaussian piece with standard deviation ``s = σ/√sxx``,
    centred at ``m± = (sxy ∓ σ²/b)/sxx``, so the mass on each side and the median follow from the
    normal distribution function. The median is exactly 0 only when each side holds exactly half.
    """
    sxy = float(finite_array(sxy, "sxy"))
    sxx, sigma2, b = _positive(sxx, "sxx"), _positive(sigma2, "sigma2"), _positive(b, "b")
    s = np.sqrt(sigma2 / sxx)
    upper, lower = (sxy - sigma2 / b) / sxx, (sxy + sigma2 / b) / sxx  # centres of the pieces
    half_curvature = sxx / (2 * sigma2)
    log_upper = half_curvature * upper**2 + log_ndtr(upper / s)  # log mass on (0, ∞), up to a constant
    log_lower = half_curvature * lower**2 + log_ndtr(-lower / s)  # log mass on (−∞, 0)
    below = 1 / (1 + np.exp(log_upper - log_lower))  # posterior probability that the weight is < 0
    if below >= 0.5:  # Φ((q − m₋)/s) = Φ(−m₋/s)·(1/2)/P(w < 0)
        return float(lower + s * ndtri(np.exp(log_ndtr(-lower / s)) * 0.5 / below))
    return float(upper - s * ndtri(np.exp(log_ndtr(upper / s)) * 0.5 / (1 - below)))


def _positive(value: float, name: str) -> float:
    number = nonnegative(value, name)
    if number == 0:
        raise ValueError(f"{name} must be > 0")
    return number
