"""Distributions, checked by enumeration, float recursions, erf and simulation.

Simulation checks follow the engine's Monte Carlo policy (4 standard errors, a miss rejects the
draw); each states its false-alarm rate.
"""

from __future__ import annotations

import itertools
import math
from fractions import Fraction
from typing import Any, Callable, Sequence

import numpy as np
import sympy

from ..api import CheckFailed, check, mean_agrees, share_agrees, to_float, to_fraction

MAX_DRAWS = 200_000


# A Monte Carlo test: ("p", indicator, probability, label) compares the share of an indicator
# with a probability; ("m", values, mean, label) compares a sample mean with a key.
MCTest = tuple[str, Callable[[np.ndarray], np.ndarray], Any, str]


def sample_agrees(draw: Callable[[int], np.ndarray], size: int, tests: Sequence[MCTest]) -> None:
    """Run Monte Carlo tests on one sample draw(size) under the engine's policy (4 standard errors; a miss
    rejects the draw)."""
    sample = draw(size)
    for kind, stat, key, what in tests:
        if kind == "p":
            share_agrees(stat(sample), key, what)
        else:
            mean_agrees(stat(sample), key, what)


def phi(z: float) -> float:
    """The standard normal CDF in floats, by math.erfc."""
    return 0.5 * math.erfc(-z / math.sqrt(2))


@check(needs_rng=True, simulation=True)
def binomial_pmf_simulation(rng: np.random.Generator, n: Any, p: Any, k: Any, prob: Any, draws: Any = 200_000) -> bool:
    """The share of simulated Bin(n, p) draws equal to k agrees with prob (200 000 draws).

    False alarm: about 6.3e-5 per question (one estimate, 4 standard errors).
    """
    samples = rng.binomial(int(n), to_float(p), size=min(int(draws), MAX_DRAWS))
    share_agrees(samples == int(k), prob, f"P(X = {int(k)})")
    return True


@check()
def enumerate_binomial_pmf(n: Any, p: Any, k: Any) -> Fraction:
    """P(X = k) by enumerating all 2**n success/failure sequences (n <= 16): the sequences with k
    successes are counted one by one, and each has probability p**k (1 - p)**(n - k) exactly."""
    n, k = int(n), int(k)
    if n > 16:
        raise CheckFailed("enumeration limited to n <= 16")
    prob = to_fraction(p)
    count = sum(1 for outcome in itertools.product((0, 1), repeat=n) if sum(outcome) == k)
    return count * prob**k * (1 - prob) ** (n - k)


@check()
def poisson_recursion(lam: Any, k: Any, upper_tail: Any = False) -> float:
    """P(X = k) (or P(X >= k) when upper_tail) for X ~ Poisson(lam) in floats, via the recursion
    p_0 = e^-lam, p_j = p_(j-1) * lam / j."""
    lam_f, k = to_float(lam), int(k)
    p, below = math.exp(-lam_f), 0.0
    for j in range(k):
        below += p
        p *= lam_f / (j + 1)
    return 1.0 - below if upper_tail else p


@check(needs_rng=True, simulation=True)
def poisson_window_simulation(rng: np.random.Generator, rate: Any, per: Any, window: Any, k: Any,
                              p_equal: Any, p_at_least: Any, draws: Any = 25_000) -> bool:
    """Simulate a Poisson process with `rate` events per `per` time units: events in a block of
    length max(per, window) are Poisson(rate * block / per), each falls in the first `window`
    units with probability window / block (thinning). P(X = k) and P(X >= k) for the count in
    the window must agree with the keys; the rescaled rate is never computed.

    False alarm: about 1.3e-4 per question (two estimates, 4 standard errors each).
    """
    rate_f, per_f, win_f = to_float(rate), to_float(per), to_float(window)
    block = max(per_f, win_f)
    k = int(k)

    def draw(size: int) -> np.ndarray:
        total = rng.poisson(rate_f * block / per_f, size=size)
        return rng.binomial(total, win_f / block)

    sample_agrees(draw, min(int(draws), MAX_DRAWS // 4), [
        ("p", lambda c: c == k, p_equal, f"P(X = {k})"),
        ("p", lambda c: c >= k, p_at_least, f"P(X >= {k})"),
    ])
    return True


@check()
def erf_normal_prob(mu: Any, sigma: Any, lo: Any, hi: Any) -> float:
    """P(lo < X < hi) for X ~ N(mu, sigma^2) with math.erfc (lo may be -oo, hi may be oo)."""
    m, s = to_float(mu), to_float(sigma)
    a, b = to_float(lo), to_float(hi)
    fa = 0.0 if a == -math.inf else phi((a - m) / s)
    fb = 1.0 if b == math.inf else phi((b - m) / s)
    return fb - fa


@check(needs_rng=True, simulation=True)
def normal_simulation(rng: np.random.Generator, mu: Any, sigma: Any, lo: Any, hi: Any, p: Any,
                      draws: Any = 50_000) -> bool:
    """Share of simulated N(mu, sigma^2) draws in (lo, hi) agrees with p.

    False alarm: about 6.3e-5 per question (one estimate, 4 standard errors).
    """
    m, sd, a, b = to_float(mu), to_float(sigma), to_float(lo), to_float(hi)
    sample_agrees(lambda size: rng.normal(m, sd, size=size), min(int(draws), MAX_DRAWS // 2),
            [("p", lambda x: (x > a) & (x < b), p, "P(lo < X < hi)")])
    return True


@check()
def probabilities_complete(probs: Sequence[Any], missing: Any, value: Any) -> bool:
    """Putting `value` at index `missing` makes the probabilities add up to exactly 1, all in (0, 1)."""
    ps = [to_fraction(p) for p in probs]
    ps[int(missing)] = to_fraction(value)
    if sum(ps) != 1 or not all(0 < p < 1 for p in ps):
        raise CheckFailed(f"probabilities {[str(p) for p in ps]} do not form a pmf")
    return True


@check()
def np_pmf_variance(values: Sequence[Any], probs: Sequence[Any]) -> float:
    """Var(X) by the definition sum p (x - mu)^2 in NumPy (not the E[X^2] - E[X]^2 shortcut)."""
    xs = np.array([to_float(v) for v in values])
    ps = np.array([to_float(p) for p in probs])
    mu = float(np.dot(ps, xs))
    return float(np.dot(ps, (xs - mu) ** 2))


@check(needs_rng=True, simulation=True)
def pmf_simulation(rng: np.random.Generator, values: Sequence[Any], probs: Sequence[Any], mean: Any,
                   variance: Any, t: Any, tail: Any, draws: Any = 200_000) -> bool:
    """Draw from the pmf with numpy's Generator.choice: the sample mean, sample variance and
    share of draws >= t agree with the keys.

    False alarm: about 1.9e-4 per question (three estimates, 4 standard errors each).
    """
    xs = np.array([to_float(v) for v in values])
    ps = np.array([to_float(p) for p in probs])
    ps = ps / ps.sum()
    tf = to_float(t)
    sample_agrees(lambda size: rng.choice(xs, size=size, p=ps), min(int(draws), MAX_DRAWS // 2), [
        ("m", lambda s: s, mean, "E[X]"),
        ("m", lambda s: (s - s.mean()) ** 2, variance, "Var(X)"),
        ("p", lambda s: s >= tf, tail, "P(X >= t)"),
    ])
    return True


def _poly_coeffs(f: Any, x: Any) -> np.ndarray:
    return np.array([to_float(c) for c in sympy.Poly(sympy.expand(f), x).all_coeffs()], dtype=float)


@check(needs_rng=True, simulation=True)
def pdf_rejection_sample(rng: np.random.Generator, f: Any, x: Any, lo: Any, hi: Any, t: Any,
                         p_t: Any, mean: Any, median: Any, draws: Any = 200_000) -> bool:
    """Rejection-sample the polynomial density f on [lo, hi] (uniform proposals under the
    maximum of f on a grid): P(X <= t), E[X] and P(X <= median) = 1/2 agree with the keys.

    False alarm: about 1.9e-4 per question (three estimates, 4 standard errors each).
    """
    coeffs = _poly_coeffs(f, x)
    a, b = to_float(lo), to_float(hi)
    grid = np.linspace(a, b, 2001)
    top = float(np.max(np.polyval(coeffs, grid))) * 1.001
    tf, med = to_float(t), to_float(median)

    def draw(size: int) -> np.ndarray:
        u = rng.uniform(a, b, size=size)
        v = rng.uniform(0, top, size=size)
        return u[v <= np.polyval(coeffs, u)]

    sample_agrees(draw, min(int(draws), MAX_DRAWS) // 4, [
        ("p", lambda s: s <= tf, p_t, "P(X <= t)"),
        ("m", lambda s: s, mean, "E[X]"),
        ("p", lambda s: s <= med, sympy.Rational(1, 2), "P(X <= median)"),
    ])
    return True
