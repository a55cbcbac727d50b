"""Distributions, checked by enumeration, float recursions, erf and simulation.

Simulation checks follow the engine's Monte Carlo policy (4 standard errors, a miss rejects the
draw); each states its false-alarm rate.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence
from fractions import Fraction
from typing import Any

import numpy as np
import sympy

from ..api import (
    STANDARD_ERRORS,
    CheckFailed,
    SimulationMiss,
    check,
    mean_agrees,
    option_flags,
    share_agrees,
    to_float,
    to_fraction,
)

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


# ---------------------------------------------------------------------------------------------
# Weeks 7-8 distributions: binomial ranges and moments by recursion, the Poisson approximation
# by log-gamma, normal quantiles by bisection, the 68-95-99.7 rule against erf, sums of
# independent variables and the choice of a model by simulating the scenario's mechanism.
# ---------------------------------------------------------------------------------------------

def _binomial_pmfs(n: int, p: float) -> np.ndarray:
    """All P(X = j), j = 0..n, for X ~ Bin(n, p) by the ratio recursion p_(j+1) = p_j (n-j)/(j+1) p/(1-p)."""
    if not 0 < p < 1 or not 0 <= n <= 5000:
        raise CheckFailed(f"binomial check needs 0 < p < 1 and n <= 5000, got n = {n}, p = {p}")
    out = np.empty(n + 1)
    out[0] = math.exp(n * math.log1p(-p))
    ratio = p / (1 - p)
    for j in range(n):
        out[j + 1] = out[j] * (n - j) / (j + 1) * ratio
    return out


@check()
def binomial_float(n: Any, p: Any, lo: Any, hi: Any) -> float:
    """P(lo <= X <= hi) for X ~ Bin(n, p) in floats, summing the ratio recursion (not binomial coefficients)."""
    pmf = _binomial_pmfs(int(n), to_float(p))
    a, b = max(int(lo), 0), min(int(hi), int(n))
    return float(pmf[a:b + 1].sum()) if a <= b else 0.0


@check(needs_rng=True, simulation=True)
def binomial_range_simulation(rng: np.random.Generator, n: Any, p: Any, lo: Any, hi: Any, prob: Any,
                              draws: Any = 200_000) -> bool:
    """The share of simulated Bin(n, p) draws in [lo, hi] agrees with prob (200 000 draws).

    False alarm: about 6.3e-5 per question (one estimate, 4 standard errors).
    """
    samples = rng.binomial(int(n), to_float(p), size=min(int(draws), MAX_DRAWS))
    share_agrees((samples >= int(lo)) & (samples <= int(hi)), prob, f"P({int(lo)} <= X <= {int(hi)})")
    return True


@check()
def binomial_moments_by_definition(n: Any, p: Any) -> list[float]:
    """[E[X], Var(X)] of Bin(n, p) as sums over the pmf (sum j p_j and sum (j - mean)^2 p_j), not np and np(1-p)."""
    pmf = _binomial_pmfs(int(n), to_float(p))
    j = np.arange(len(pmf))
    mean = float(np.dot(j, pmf))
    return [mean, float(np.dot((j - mean) ** 2, pmf))]


@check()
def binomial_pmf_lgamma(n: Any, p: Any, k: Any) -> float:
    """P(X = k) for X ~ Bin(n, p) in floats through log-gamma (lgamma), for large n."""
    n, k, pf = int(n), int(k), to_float(p)
    log_pmf = (math.lgamma(n + 1) - math.lgamma(k + 1) - math.lgamma(n - k + 1)
               + k * math.log(pf) + (n - k) * math.log1p(-pf))
    return math.exp(log_pmf)


@check()
def normal_quantile_bisect(mu: Any, sigma: Any, q: Any) -> float:
    """The x with P(X <= x) = q for X ~ N(mu, sigma^2), by bisection on math.erfc."""
    m, s, target = to_float(mu), to_float(sigma), to_float(q)
    if not 0 < target < 1 or s <= 0:
        raise CheckFailed(f"normal quantile needs 0 < q < 1 and sigma > 0, got q = {target}, sigma = {s}")
    lo, hi = -40.0, 40.0
    for _ in range(100):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if phi(mid) < target else (lo, mid)
    return m + s * (lo + hi) / 2


# The 68-95-99.7 rule rounds each exact share by less than half a percentage point.
RULE_TOLERANCE = 0.5


@check()
def empirical_rule_matches(lo_k: Any, hi_k: Any, percent: Any) -> bool:
    """`percent` (a percentage) is within half a point of 100 (Phi(hi_k) - Phi(lo_k)), by math.erfc:
    what the 68-95-99.7 rule gives for the band from mu + lo_k sigma to mu + hi_k sigma (ends may be +-oo)."""
    a, b = to_float(lo_k), to_float(hi_k)
    exact = 100 * ((1.0 if b == math.inf else phi(b)) - (0.0 if a == -math.inf else phi(a)))
    if abs(exact - to_float(percent)) > RULE_TOLERANCE:
        raise CheckFailed(f"the band ({a}, {b}) holds {exact:.3f} %, not about {to_float(percent)} %")
    return True


@check(needs_rng=True, simulation=True)
def normal_combination_simulation(rng: np.random.Generator, mu1: Any, sd1: Any, mu2: Any, sd2: Any, sign: Any,
                                  mean: Any, sd: Any, draws: Any = 200_000) -> bool:
    """Simulate D = X + sign * Y for independent X ~ N(mu1, sd1^2), Y ~ N(mu2, sd2^2): the mean of D and
    the mean of (D - mean)^2 (against sd^2) agree with the keys.

    False alarm: about 1.3e-4 per question (two estimates, 4 standard errors each).
    """
    s = int(sign)
    if s not in (1, -1):
        raise CheckFailed(f"sign must be 1 or -1, got {sign}")
    m1, s1, m2, s2 = (to_float(v) for v in (mu1, sd1, mu2, sd2))
    sample_agrees(lambda size: rng.normal(m1, s1, size) + s * rng.normal(m2, s2, size), min(int(draws), MAX_DRAWS), [
        ("m", lambda d: d, mean, "E[D]"),
        ("m", lambda d: (d - to_float(mean)) ** 2, to_float(sd) ** 2, "Var(D)"),
    ])
    return True


@check(needs_rng=True, simulation=True)
def poisson_sum_simulation(rng: np.random.Generator, lam1: Any, lam2: Any, lo: Any, hi: Any, prob: Any,
                           draws: Any = 200_000) -> bool:
    """Simulate X + Y for independent Poisson(lam1), Poisson(lam2) draws: the share of sums in [lo, hi]
    agrees with prob (the sum's distribution is never assumed).

    False alarm: about 6.3e-5 per question (one estimate, 4 standard errors).
    """
    size = min(int(draws), MAX_DRAWS)
    total = rng.poisson(to_float(lam1), size) + rng.poisson(to_float(lam2), size)
    share_agrees((total >= int(lo)) & (total <= int(hi)), prob, f"P({int(lo)} <= X + Y <= {int(hi)})")
    return True


# Mechanisms a scenario names, simulated here from first principles (trials, arrival gaps,
# clock times, sums of small effects), never from the family the key names.
MECHANISMS = ("fixed_trials", "events_in_window", "until_success", "periodic_wait", "small_effects")
FAMILIES = ("binomial", "poisson", "geometric", "normal", "uniform")
MODEL_DRAWS = 40_000
# A wrong model must miss the simulated CDF by this many standard errors at some point.
DISTRACTOR_SE = 8.0


def _simulate_mechanism(rng: np.random.Generator, mechanism: str, numbers: Sequence[float], size: int) -> np.ndarray:
    if mechanism == "fixed_trials":
        n, p = int(numbers[0]), numbers[1]
        return (rng.random((size, n)) < p).sum(axis=1).astype(float)
    if mechanism == "events_in_window":        # a Poisson process: exponential gaps, counted inside the window
        rate, per, window = numbers
        clock, count = np.zeros(size), np.zeros(size)
        active = np.arange(size)
        while active.size:                     # add one gap to every clock still inside the window
            clock[active] += rng.exponential(per / rate, active.size)
            inside = clock[active] <= window
            count[active[inside]] += 1
            active = active[inside]
        return count
    if mechanism == "until_success":           # Bernoulli trials until the first success
        p = numbers[0]
        trials = np.ones(size)
        active = np.arange(size)
        while active.size:                     # one more trial for everyone who has not succeeded yet
            failed = rng.random(active.size) >= p
            active = active[failed]
            trials[active] += 1
        return trials
    if mechanism == "periodic_wait":           # a random clock time, waiting for the next departure
        period = numbers[0]
        t = rng.uniform(0, 1000 * period, size)
        return np.ceil(t / period) * period - t
    if mechanism == "small_effects":           # 48 small uniform effects add up (central limit theorem)
        mu, sd = numbers
        effects = rng.uniform(-1, 1, size=(size, 48)).sum(axis=1)
        return mu + sd * effects / math.sqrt(48 / 3)
    raise CheckFailed(f"unknown mechanism {mechanism!r}; the mechanisms are {', '.join(MECHANISMS)}")


def _model_cdf(family: str, params: Sequence[float], x: np.ndarray) -> np.ndarray:
    """P(X <= x) for a family from FAMILIES, in floats (the geometric counts trials up to the first success)."""
    if family == "binomial":
        cdf = np.cumsum(_binomial_pmfs(int(params[0]), params[1]))
        k = np.floor(x).astype(int)
        return np.where(k < 0, 0.0, cdf[np.clip(k, 0, len(cdf) - 1)])
    if family == "poisson":
        lam = params[0]
        top = int(lam + 20 * math.sqrt(lam) + 30)
        pmf = np.empty(top + 1)
        pmf[0] = math.exp(-lam)
        for j in range(top):
            pmf[j + 1] = pmf[j] * lam / (j + 1)
        cdf = np.cumsum(pmf)
        k = np.floor(x).astype(int)
        return np.where(k < 0, 0.0, cdf[np.clip(k, 0, top)])
    if family == "geometric":
        k = np.floor(x)
        return np.where(k < 1, 0.0, 1 - (1 - params[0]) ** np.maximum(k, 1))
    if family == "normal":
        return np.array([phi((v - params[0]) / math.sqrt(params[1])) for v in x])
    if family == "uniform":
        a, b = params
        return np.clip((x - a) / (b - a), 0.0, 1.0)
    raise CheckFailed(f"unknown family {family!r}; the families are {', '.join(FAMILIES)}")


@check(needs_rng=True, strings_ok=True, simulation=True)
def model_fits_scenario(rng: np.random.Generator, mechanism: Any, numbers: Sequence[Any], families: Sequence[Any],
                        params: Sequence[Sequence[Any]], truths: Sequence[Any]) -> bool:
    """Simulate the scenario's mechanism (a name from MECHANISMS) 40 000 times and test every option's
    model against the sample's CDF at its 20th, 50th and 80th percentiles (and just above them, which
    tells a discrete model from a continuous one): the options marked right are exactly those whose CDF
    agrees within 4 standard errors at all six points; a wrong model must miss by more than 8 somewhere.

    False alarm: about 3.8e-4 per question (six estimates, 4 standard errors each).
    """
    flags = option_flags(truths)
    if not len(flags) == len(families) == len(params):
        raise CheckFailed("options, families and parameters differ in length")
    sample = _simulate_mechanism(rng, str(mechanism), [to_float(v) for v in numbers], MODEL_DRAWS)
    qs = np.quantile(sample, [0.2, 0.5, 0.8])
    points = np.concatenate([qs, qs + 0.5])
    empirical = np.array([(sample <= x).mean() for x in points])
    for i, (family, ps, right) in enumerate(zip(families, params, flags)):
        model = _model_cdf(str(family), [to_float(v) for v in ps], points)
        se = np.sqrt(np.maximum(model * (1 - model), 1e-6) / MODEL_DRAWS)
        worst = float(np.max(np.abs(empirical - model) / se))
        if right and worst > STANDARD_ERRORS:
            raise SimulationMiss(f"option {i} ({family} {[to_float(v) for v in ps]}) misses the simulated "
                                 f"{mechanism} by {worst:.1f} standard errors")
        if not right and worst <= DISTRACTOR_SE:
            raise CheckFailed(f"option {i} ({family} {[to_float(v) for v in ps]}) is marked wrong but fits the "
                              f"simulated {mechanism} within {worst:.1f} standard errors")
    return True


@check(needs_rng=True, simulation=True)
def geometric_simulation(rng: np.random.Generator, p: Any, k: Any, p_equal: Any, j: Any, p_more: Any, mean: Any,
                         draws: Any = 50_000) -> bool:
    """Repeat Bernoulli(p) trials until the first success (trial by trial, not numpy's geometric): the
    shares of X = k and X > j and the mean number of trials agree with the keys.

    False alarm: about 1.9e-4 per question (three estimates, 4 standard errors each).
    """
    sample = _simulate_mechanism(rng, "until_success", [to_float(p)], min(int(draws), MAX_DRAWS))
    k, j = int(k), int(j)
    for kind, stat, key, what in (("p", sample == k, p_equal, f"P(X = {k})"), ("p", sample > j, p_more, f"P(X > {j})"),
                                  ("m", sample, mean, "E[X]")):
        if kind == "p":
            share_agrees(stat, key, what)
        else:
            mean_agrees(stat, key, what)
    return True


@check(needs_rng=True, simulation=True)
def exponential_memoryless_simulation(rng: np.random.Generator, mean: Any, s: Any, t: Any, prob: Any,
                                      draws: Any = 200_000) -> bool:
    """Among simulated exponential lifetimes with the given mean that exceed s, the share exceeding s + t
    agrees with prob (the conditional probability is estimated, never assumed memoryless).

    False alarm: about 6.3e-5 per question (one estimate, 4 standard errors).
    """
    x = rng.exponential(to_float(mean), size=min(int(draws), MAX_DRAWS))
    survived = x[x > to_float(s)]
    share_agrees(survived > to_float(s) + to_float(t), prob, "P(X > s + t | X > s)")
    return True


# ---- continuous uniform (prob.dist.uniform) ----------------------------------------------------

@check(needs_rng=True, simulation=True)
def uniform_simulation(rng: np.random.Generator, a: Any, b: Any, c: Any, d: Any, s: Any, t: Any, p_between: Any,
                       variance: Any, p_conditional: Any, draws: Any = 100_000) -> bool:
    """Simulated Uniform(a, b) values: the share in (c, d) agrees with p_between, the mean squared
    deviation from the sample mean with `variance`, and among values above s the share above t with
    p_conditional (estimated from the survivors, never assumed).

    False alarm: about 1.9e-4 per question (three estimates, 4 standard errors each).
    """
    values = rng.uniform(to_float(a), to_float(b), size=min(int(draws), MAX_DRAWS))
    share_agrees((values > to_float(c)) & (values < to_float(d)), p_between, "P(c < X < d)")
    mean_agrees((values - values.mean()) ** 2, variance, "Var(X)")
    survivors = values[values > to_float(s)]
    share_agrees(survivors > to_float(t), p_conditional, "P(X > t | X > s)")
    return True
