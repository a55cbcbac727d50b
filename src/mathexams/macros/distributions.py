"""Draws of "nice" distribution parameters and data sets, plus closed-form probabilities.

Keys built here stay in closed form (erf, exact sums) so no `sympy.stats` call sits in a
hot path; a decimal is produced only when a question shows one.
"""

from __future__ import annotations

from typing import Any, Sequence

import sympy

from ..api import to_sympy
from ..api import SandboxError
from ..api import macro

NICE_DENOMINATORS = (2, 3, 4, 5, 6, 8, 10, 12, 20, 100)


@macro(needs_rng=True)
def nice_probability(rng: Any, denominators: Sequence[Any] = NICE_DENOMINATORS) -> sympy.Rational:
    """A probability p/q strictly between 0 and 1 with q from a friendly list, in lowest terms q."""
    q = int(rng.choice(list(denominators)))
    if q < 2:
        raise SandboxError("nice_probability() needs denominators >= 2")
    numerators = [p for p in range(1, q) if sympy.gcd(p, q) == 1]
    return sympy.Rational(rng.choice(numerators), q)


@macro(needs_rng=True)
def normal_params(rng: Any, mu_lo: Any = 20, mu_hi: Any = 120,
                  sigmas: Sequence[Any] = (2, 4, 5, 10, 15)) -> tuple:
    """(mu, sigma): integer mean and a table-friendly standard deviation."""
    return rng.integer(int(mu_lo), int(mu_hi)), int(rng.choice(list(sigmas)))


@macro(needs_rng=True)
def table_z(rng: Any, lo: Any = -2.5, hi: Any = 2.5) -> sympy.Rational:
    """A z-value with two decimals in [lo, hi] (as a Rational), never 0."""
    lo_c = int(sympy.ceiling(to_sympy(lo) * 100))
    hi_c = int(sympy.floor(to_sympy(hi) * 100))
    if hi_c - lo_c > 100_000:
        raise SandboxError("table_z() range is wider than a z table")
    values = [c for c in range(lo_c, hi_c + 1) if c != 0]
    return sympy.Rational(rng.choice(values), 100)


@macro()
def normal_cdf(x: Any, mu: Any = 0, sigma: Any = 1) -> Any:
    """P(X <= x) for X ~ N(mu, sigma^2) in closed form (erf)."""
    return (1 + sympy.erf((to_sympy(x) - mu) / (sigma * sympy.sqrt(2)))) / 2


@macro()
def binomial_pmf(n: Any, p: Any, k: Any) -> Any:
    """P(X = k) for X ~ Bin(n, p), exactly."""
    n, k = int(n), int(k)
    if not 0 <= n <= 2000:
        raise SandboxError("binomial_pmf() needs 0 <= n <= 2000")
    if not 0 <= k <= n:
        return sympy.Integer(0)
    return sympy.binomial(n, k) * to_sympy(p) ** k * (1 - to_sympy(p)) ** (n - k)


@macro()
def binomial_cdf(n: Any, p: Any, k: Any) -> Any:
    """P(X <= k) for X ~ Bin(n, p), exactly."""
    return sum((binomial_pmf(n, p, j) for j in range(0, int(k) + 1)), sympy.Integer(0))


@macro()
def poisson_pmf(lam: Any, k: Any) -> Any:
    """P(X = k) for X ~ Poisson(lam) in closed form."""
    k = int(k)
    if not 0 <= k <= 200:
        raise SandboxError("poisson_pmf() needs 0 <= k <= 200")
    lam = to_sympy(lam)
    return sympy.exp(-lam) * lam**k / sympy.factorial(k)


@macro()
def poisson_cdf(lam: Any, k: Any) -> Any:
    """P(X <= k) for X ~ Poisson(lam) in closed form."""
    return sum((poisson_pmf(lam, j) for j in range(0, int(k) + 1)), sympy.Integer(0))


@macro(needs_rng=True)
def data_with_mean(rng: Any, n: Any, mean: Any, spread: Any) -> list[int]:
    """n integers whose mean is exactly `mean` (an integer), within mean +- spread.

    Built by drawing n - 1 offsets and balancing with the last one, redrawing the
    offsets (not the data) until the balancing value fits.
    """
    n, mean, spread = int(n), int(mean), int(spread)
    if not 2 <= n <= 100 or spread < 1:
        raise SandboxError("data_with_mean() needs 2 <= n <= 100 and spread >= 1")
    for _ in range(200):
        offsets = [rng.integer(-spread, spread) for _ in range(n - 1)]
        last = -sum(offsets)
        if abs(last) <= spread:
            data = [mean + o for o in offsets + [last]]
            return rng.shuffled(data)
    raise SandboxError("data_with_mean() could not balance the data")


@macro()
def mean(values: Sequence[Any]) -> Any:
    """Exact arithmetic mean."""
    values = list(values)
    if not values:
        raise SandboxError("mean() of no values")
    return sympy.Rational(1, len(values)) * sum(values, sympy.Integer(0))


@macro()
def variance(values: Sequence[Any], ddof: Any = 1) -> Any:
    """Exact variance with the stated divisor n - ddof."""
    values = list(values)
    m = mean(values)
    n = len(values) - int(ddof)
    if n <= 0:
        raise SandboxError("variance() needs more values than ddof")
    return sum(((v - m) ** 2 for v in values), sympy.Integer(0)) / n


@macro()
def median(values: Sequence[Any]) -> Any:
    """Exact median (mean of the two middle values for even n)."""
    s = sorted(values, key=lambda v: to_sympy(v).evalf(30))
    n = len(s)
    if n == 0:
        raise SandboxError("median() of no values")
    return to_sympy(s[n // 2]) if n % 2 else (to_sympy(s[n // 2 - 1]) + s[n // 2]) / sympy.Integer(2)
