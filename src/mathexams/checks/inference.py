"""Inference, checked by simulation and by math.erf: intervals, sample sizes, z tests, hypotheses, interpretations.

Simulation checks follow the engine's Monte Carlo policy; each states its false-alarm rate.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
import sympy

from ..api import (
    STANDARD_ERRORS,
    CheckFailed,
    SimulationMiss,
    bisect,
    check,
    gauss_legendre,
    mean_agrees,
    option_flags,
    share_agrees,
    to_float,
)
from .distributions import phi, sample_agrees

MC_SE = 4.0          # the decisions of inference_claim_holds use the policy's band
MAX_DRAWS = 200_000

# Alternatives of a z test by name, with the direction of "more extreme".
TAILS = {"two_sided": 0, "greater": 1, "less": -1}
# The statements of the interpretation catalogue (see inference_claim_holds).
CLAIM_KINDS = ("type_one_rate", "width_vs_n", "coverage", "width_vs_level", "power_vs_n", "power_vs_alpha",
               "interval_test_duality")


@check()
def z_star_level(z: Any, level: Any, tol: Any = 0.001) -> bool:
    """z is the two-sided critical value for confidence `level` (a fraction): 2 Phi(z) - 1 = level (math.erf)."""
    got = math.erf(to_float(z) / math.sqrt(2))
    if abs(got - to_float(level)) > float(tol):
        raise CheckFailed(f"2 Phi({to_float(z)}) - 1 = {got:.5f}, not {to_float(level)}")
    return True


@check(needs_rng=True, simulation=True)
def z_interval_coverage(rng: np.random.Generator, interval: Any, xbar: Any, sigma: Any, n: Any, level: Any,
                        draws: Any = 200_000) -> bool:
    """The interval is centred at xbar, and intervals of the same half-width around the means of
    simulated samples of size n from N(0, sigma^2) cover 0 in a share `level` of the cases.

    False alarm: about 6.3e-5 per question (one estimate, 4 standard errors).
    """
    if not isinstance(interval, sympy.Interval):
        raise CheckFailed(f"expected an interval, got {interval}")
    a, b = to_float(interval.start), to_float(interval.end)
    if abs((a + b) / 2 - to_float(xbar)) > 1e-9:
        raise CheckFailed(f"the interval [{a}, {b}] is not centred at {to_float(xbar)}")
    n, sd, half = int(n), to_float(sigma), (b - a) / 2
    reps = max(200, min(int(draws), MAX_DRAWS) // (2 * n))
    sample_agrees(lambda size: rng.normal(0.0, sd, size=(size, n)).mean(axis=1), reps,
            [("p", lambda means: np.abs(means) <= half, level, "coverage")])
    return True


@check()
def smallest_sample_size(n: Any, z: Any, sd: Any, margin: Any) -> bool:
    """n is the least sample size with z * sd / sqrt(n) <= margin: true at n, false at n - 1 (floats)."""
    n = int(n)
    zf, s, e = to_float(z), to_float(sd), to_float(margin)
    eps = 1e-12 * e
    if n < 2:
        raise CheckFailed(f"sample size {n} too small")
    if zf * s / math.sqrt(n) > e + eps:
        raise CheckFailed(f"margin at n = {n} is {zf * s / math.sqrt(n):.6f} > {e}")
    if zf * s / math.sqrt(n - 1) <= e - eps:
        raise CheckFailed(f"n - 1 = {n - 1} already reaches the margin")
    return True


def _tail(tail: Any) -> int:
    if tail not in TAILS:
        raise CheckFailed(f"the alternative must be one of {', '.join(TAILS)}, got {tail!r}")
    return TAILS[tail]


@check(strings_ok=True)
def z_pvalue_erf(z: Any, tail: Any) -> float:
    """p-value of a z statistic with math.erfc; tail is 'two_sided', 'greater' or 'less' (see TAILS)."""
    zf, t = to_float(z), _tail(tail)
    if t == 0:
        return math.erfc(abs(zf) / math.sqrt(2))
    return phi(-zf) if t == 1 else phi(zf)


@check(needs_rng=True, strings_ok=True, simulation=True)
def z_test_null_simulation(rng: np.random.Generator, xbar: Any, mu0: Any, sigma: Any, n: Any, tail: Any,
                           p: Any, draws: Any = 200_000) -> bool:
    """Simulate samples of size n under H0 (N(mu0, sigma^2)); the share of sample means at least
    as extreme as xbar (in the direction of Ha, a name from TAILS) agrees with the p-value.

    False alarm: about 6.3e-5 per question (one estimate, 4 standard errors).
    """
    n, t = int(n), _tail(tail)
    m0, s, xb = to_float(mu0), to_float(sigma), to_float(xbar)
    reps = max(500, min(int(draws), MAX_DRAWS) // (2 * n))
    if t == 0:
        extreme = lambda means: np.abs(means - m0) >= abs(xb - m0)  # noqa: E731
    elif t == 1:
        extreme = lambda means: means >= xb  # noqa: E731
    else:
        extreme = lambda means: means <= xb  # noqa: E731
    sample_agrees(lambda size: m0 + rng.standard_normal(size=(size, n)).mean(axis=1) * s, reps,
            [("p", extreme, p, "p-value")])
    return True


@check()
def reject_iff_p_below(p: Any, alpha: Any, reject: Any) -> bool:
    """The decision 'reject H0' is made exactly when p < alpha."""
    if (to_float(p) < to_float(alpha)) != bool(reject):
        raise CheckFailed(f"p = {to_float(p):.4f}, alpha = {to_float(alpha)}, decision reject = {bool(reject)}")
    return True


# Keywords of claim sentences and the alternative they lead to ('>' upper, '<' lower, '!=' two-sided).
_CLAIM_WORDS = (
    ("at least", "<"), ("no less than", "<"), ("at most", ">"), ("no more than", ">"),
    ("not exceed", ">"), ("more than", ">"), ("greater than", ">"), ("exceeds", ">"), ("above", ">"),
    ("increased", ">"), ("less than", "<"), ("lower than", "<"), ("fewer than", "<"), ("below", "<"), ("decreased", "<"),
    ("differs", "!="), ("different", "!="), ("not equal", "!="), ("changed", "!="),
)


_OP_NAMES = {">": ">", "<": "<", r"\neq": "!=", "!=": "!=", "=": "=", r"\geq": ">=", r"\leq": "<="}


def claim_alternative(claim: Any) -> str:
    """The alternative hypothesis a claim sentence leads to, from a keyword table: '>' or '<' or
    '!='. A claim that includes equality ('at least', 'at most') is the null, so Ha is its negation."""
    text = str(claim).lower()
    hits = [op for word, op in _CLAIM_WORDS if word in text]
    if len(set(hits)) != 1:
        raise CheckFailed(f"cannot classify the claim {claim!r} (matches {hits})")
    return hits[0]


@check(strings_ok=True)
def hypotheses_option_matches(claim: Any, nulls: Sequence[Any], alternatives: Sequence[Any], truths: Sequence[Any]) -> bool:
    """Exactly the options with H0 '=' and the alternative read off the claim are marked correct."""
    ha = claim_alternative(claim)
    flags = option_flags(truths)
    if not len(flags) == len(nulls) == len(alternatives):
        raise CheckFailed("option lists differ in length")
    for i, (h0, h1, f) in enumerate(zip(nulls, alternatives, flags)):
        right = _OP_NAMES.get(str(h0)) == "=" and _OP_NAMES.get(str(h1)) == ha
        if right != f:
            raise CheckFailed(f"option {i} (H0 {h0}, Ha {h1}) is marked {f}; the claim gives Ha {ha}")
    return True


def _z_crit(level: float) -> float:
    """Two-sided critical value by bisection on math.erf."""
    return bisect(lambda z: math.erf(z / math.sqrt(2)) - level, 0.0, 10.0)


def _decide_claim(rng: np.random.Generator, k: int, v: int, fa: float, fb: float, fc: float) -> bool:
    """Whether statement kind k, version v holds, by simulation or numerics (see inference_claim_holds)."""
    if k == 0:
        n, reps = int(fb), MAX_DRAWS // (2 * int(fb))
        z = rng.standard_normal(size=(reps, n)).mean(axis=1) * math.sqrt(n)
        rate = float(np.mean(np.abs(z) > _z_crit(1 - fa)))
        claimed = fa if v == 0 else 1 - fa
        se = math.sqrt(claimed * (1 - claimed) / reps) if 0 < claimed < 1 else 0
        holds = abs(rate - claimed) <= MC_SE * se + 0.002
    elif k == 1:
        width = lambda n: 2 * _z_crit(0.95) / math.sqrt(n)  # noqa: E731
        holds = abs(width(fa) / width(fb) - fc) < 1e-9
    elif k == 2:
        n = int(fa)
        reps = MAX_DRAWS // (2 * n)
        x = rng.standard_normal(size=(reps, n))
        h = _z_crit(fc / 100) / math.sqrt(n)
        means = x.mean(axis=1)
        if v == 0:
            share = float(np.mean(np.abs(means) <= h))
        else:
            share = float(np.mean(np.abs(x - means[:, None]) <= h))
        se = math.sqrt(fc / 100 * (1 - fc / 100) / reps)
        holds = abs(share - fc / 100) <= MC_SE * se
    elif k == 3:
        wider = _z_crit(fa / 100) > _z_crit(fb / 100)
        holds = wider if v == 0 else not wider
    elif k in (4, 5):
        if k == 4:
            cases = [(int(fa), 0.05), (int(fb), 0.05)]
        else:
            cases = [(int(fc), fa), (int(fc), fb)]
        effect = fc if k == 4 and fc > 0 else 0.5
        powers = []
        for n, alpha in cases:
            reps = MAX_DRAWS // (4 * n)
            z = (effect + rng.standard_normal(size=(reps, n)).mean(axis=1)) * math.sqrt(n)
            powers.append(float(np.mean(z > _z_crit(1 - 2 * alpha))))
        rises = powers[1] > powers[0] + 0.03
        falls = powers[1] < powers[0] - 0.03
        if not (rises or falls):
            raise SimulationMiss(f"simulated powers {powers} too close to decide")
        holds = (rises if v == 0 else falls) if k == 4 else (falls if v == 0 else rises)
    elif k == 6:
        centre, se = (fa + fb) / 2, (fb - fa) / (2 * 1.96)
        p = math.erfc(abs(fc - centre) / se / math.sqrt(2))
        if abs(p - 0.05) < 1e-6:
            raise CheckFailed("the hypothesised mean sits on the interval's end")
        rejected = p < 0.05
        holds = rejected if v == 0 else not rejected
    else:
        raise CheckFailed(f"unknown statement kind {k}")
    return holds


@check(needs_rng=True, strings_ok=True, simulation=True)
def inference_claim_holds(rng: np.random.Generator, kind: Any, version: Any, a: Any, b: Any, c: Any,
                          truth: Any) -> bool:
    """Decide the catalogue statement (kind, version) with numbers a, b, c by simulation or numerics, against the key.

    Kinds (CLAIM_KINDS; see prob.inference.interpretation_tf), with version 0 / version 1:
    type_one_rate: the Type I rate of a two-sided z test at alpha = a is a / 1 - a, samples of size b;
    width_vs_n: going from n = a to n = b makes a z interval c times narrower (version irrelevant);
    coverage: coverage of c% intervals / share of the data inside a c% interval, n = a;
    width_vs_level: from the same data, the a% interval is wider / narrower than the b% interval;
    power_vs_n: the power of a one-sided z test at effect c sigma (c = 0: sigma/2) rises / falls from n = a to n = b;
    power_vs_alpha: lowering alpha from a to b lowers / raises the power at n = c;
    interval_test_duality: 95% interval [a, b] and H0: mu = c, two-sided alpha 0.05: rejected / not.
    False alarm: below 6.3e-5 per question (type_one_rate and coverage decide with one 4-standard-error
    band; the power kinds compare powers at least 0.08 apart with a 0.03 margin, more than 4.7 standard
    errors of the difference; the other kinds are exact).
    """
    if kind not in CLAIM_KINDS:
        raise CheckFailed(f"unknown statement kind {kind!r}; the kinds are {', '.join(CLAIM_KINDS)}")
    k, v = CLAIM_KINDS.index(kind), int(version)
    fa, fb, fc = to_float(a), to_float(b), to_float(c)
    holds = _decide_claim(rng, k, v, fa, fb, fc)      # each decision uses at most MAX_DRAWS / 2 draws
    if holds != bool(truth):
        failure = SimulationMiss if k in (0, 2, 4, 5) else CheckFailed
        raise failure(f"statement {kind} version {v} with ({fa}, {fb}, {fc}): "
                      f"{'simulation' if failure is SimulationMiss else 'numerics'} say(s) {holds}, key {bool(truth)}")
    return True


# ---------------------------------------------------------------------------------------------
# Weeks 9-10: t procedures, proportions, two groups, power, sampling distributions. Critical values
# printed from a table are checked by quadrature of the t density; statistics are recomputed in
# NumPy from the raw data; decisions and coverages are simulated.
# ---------------------------------------------------------------------------------------------

QUANTILE_HALF_UNIT = 5e-4      # printed quantiles have three decimals
SIM_REPS = 50_000


def _t_density(df: float) -> Any:
    log_c = math.lgamma((df + 1) / 2) - math.lgamma(df / 2) - 0.5 * math.log(df * math.pi)
    return lambda t: np.exp(log_c - (df + 1) / 2 * np.log1p(t * t / df))


def t_upper_tail(t: float, df: int) -> float:
    """P(T > t) for Student's t by Gauss-Legendre quadrature of its density (t >= 0)."""
    return 0.5 - gauss_legendre(_t_density(float(df)), 0.0, t, panels=64)


@check()
def t_critical_matches(tstar: Any, df: Any, area: Any) -> bool:
    """t* is the upper-`area` critical value of t(df) rounded to three decimals: the tail areas beyond
    t* - 0.0005 and t* + 0.0005 (by quadrature of the t density) bracket `area`."""
    t, d, a = to_float(tstar), int(df), to_float(area)
    hi, lo = t_upper_tail(t - QUANTILE_HALF_UNIT, d), t_upper_tail(t + QUANTILE_HALF_UNIT, d)
    if not lo <= a <= hi:
        raise CheckFailed(f"P(T > t) around t* = {t} with df = {d} is [{lo:.6f}, {hi:.6f}], not {a}")
    return True


@check()
def z_critical_matches(zstar: Any, q: Any) -> bool:
    """z* is the standard normal q-quantile rounded to three decimals: Phi(z* -+ 0.0005) (math.erfc) brackets q."""
    z, target = to_float(zstar), to_float(q)
    if not phi(z - QUANTILE_HALF_UNIT) <= target <= phi(z + QUANTILE_HALF_UNIT):
        raise CheckFailed(f"Phi around z* = {z} is not {target}")
    return True


@check()
def np_t_statistic(data: Sequence[Any], mu0: Any) -> float:
    """(mean - mu0) / (s / sqrt(n)) from the raw data with NumPy (s with ddof = 1)."""
    x = np.array([to_float(v) for v in data])
    return float((x.mean() - to_float(mu0)) / (x.std(ddof=1) / math.sqrt(x.size)))


@check()
def np_sample_sd(data: Sequence[Any]) -> float:
    """The sample standard deviation (divisor n - 1) with NumPy."""
    return float(np.std(np.array([to_float(v) for v in data]), ddof=1))


@check()
def np_paired_differences(after: Sequence[Any], before: Sequence[Any]) -> list[float]:
    """after - before, pair by pair, as floats (NumPy)."""
    if len(after) != len(before):
        raise CheckFailed(f"{len(after)} after values but {len(before)} before values")
    return list(np.array([to_float(v) for v in after]) - np.array([to_float(v) for v in before]))


def _simulated_t(rng: np.random.Generator, df: int, size: int) -> np.ndarray:
    """Draws of Student's t with df degrees of freedom built from its definition, Z / sqrt(V / df) with
    Z standard normal and V chi-square(df) (the law of (xbar - mu) / (s / sqrt n) for normal samples of
    size df + 1), two draws per value instead of n."""
    return rng.standard_normal(size) / np.sqrt(rng.chisquare(df, size) / df)


@check(needs_rng=True, strings_ok=True, simulation=True)
def t_test_simulation(rng: np.random.Generator, t: Any, n: Any, tail: Any, alpha: Any, reject: Any,
                      reps: Any = 50_000) -> bool:
    """Simulate the t statistic of normal samples of size n under H0 (as Z / sqrt(V / (n - 1))): the share
    at least as extreme as t (in the direction of Ha, a name from TAILS) is the p-value; it must lie more
    than 4 standard errors from alpha, on the side the decision `reject` says.

    False alarm: about 6.3e-5 per question (one estimate, 4 standard errors).
    """
    n, side = int(n), _tail(tail)
    size = min(int(reps), MAX_DRAWS)
    stats = _simulated_t(rng, n - 1, size)
    tf = to_float(t)
    extreme = np.abs(stats) >= abs(tf) if side == 0 else (stats >= tf if side == 1 else stats <= tf)
    p = float(extreme.mean())
    a = to_float(alpha)
    se = math.sqrt(a * (1 - a) / size)
    if abs(p - a) <= STANDARD_ERRORS * se:
        raise SimulationMiss(f"simulated p-value {p:.4f} too close to alpha = {a} to decide")
    if (p < a) != bool(reject):
        raise SimulationMiss(f"simulated p-value {p:.4f}, alpha {a}: the decision reject = {bool(reject)} is wrong")
    return True


@check(needs_rng=True, simulation=True)
def t_interval_coverage(rng: np.random.Generator, interval: Any, data: Sequence[Any], level: Any,
                        reps: Any = 50_000) -> bool:
    """The interval is centred at the data's mean (NumPy); the multiplier m = half-width / (s / sqrt(n))
    it implies covers the mean in a share `level` of simulated samples of size n from a normal
    population, i.e. P(|T| <= m) for the simulated t statistic (a z multiplier or df = n undercover or
    overcover).

    False alarm: about 6.3e-5 per question (one estimate, 4 standard errors).
    """
    if not isinstance(interval, sympy.Interval):
        raise CheckFailed(f"expected an interval, got {interval}")
    x = np.array([to_float(v) for v in data])
    n = x.size
    a, b = to_float(interval.start), to_float(interval.end)
    if abs((a + b) / 2 - x.mean()) > 1e-9 * max(1.0, abs(x.mean())):
        raise CheckFailed(f"the interval [{a}, {b}] is not centred at the sample mean {x.mean()}")
    m = (b - a) / 2 / (x.std(ddof=1) / math.sqrt(n))
    covered = np.abs(_simulated_t(rng, n - 1, min(int(reps), MAX_DRAWS))) <= m
    share_agrees(covered, level, "coverage")
    return True


@check()
def proportion_interval_matches(interval: Any, x: Any, n: Any, zstar: Any) -> bool:
    """The interval is x/n -+ z* sqrt(phat (1 - phat) / n), recomputed in floats (math.sqrt)."""
    if not isinstance(interval, sympy.Interval):
        raise CheckFailed(f"expected an interval, got {interval}")
    phat = to_float(x) / to_float(n)
    half = to_float(zstar) * math.sqrt(phat * (1 - phat) / to_float(n))
    got = (to_float(interval.start), to_float(interval.end))
    if max(abs(got[0] - (phat - half)), abs(got[1] - (phat + half))) > 1e-9:
        raise CheckFailed(f"interval {got} is not {phat:.6f} -+ {half:.6f}")
    return True


@check(needs_rng=True, simulation=True)
def proportion_se_simulation(rng: np.random.Generator, n: Any, p: Any, se: Any, reps: Any = SIM_REPS) -> bool:
    """The standard deviation of simulated sample proportions Bin(n, p)/n agrees with the standard error
    `se` (the mean of squared deviations from p against se^2).

    False alarm: about 6.3e-5 per question (one estimate, 4 standard errors).
    """
    pf = to_float(p)
    phat = rng.binomial(int(n), pf, size=min(int(reps), MAX_DRAWS)) / int(n)
    mean_agrees((phat - pf) ** 2, to_float(se) ** 2, "Var(phat)")
    return True


@check()
def np_two_proportions(x1: Any, n1: Any, x2: Any, n2: Any) -> list[float]:
    """[pooled proportion, pooled z for p2 - p1, unpooled SE of p2 - p1] from the counts, in NumPy."""
    x = np.array([to_float(x1), to_float(x2)])
    n = np.array([to_float(n1), to_float(n2)])
    p = x / n
    pooled = x.sum() / n.sum()
    z = (p[1] - p[0]) / math.sqrt(pooled * (1 - pooled) * (1 / n).sum())
    return [float(pooled), float(z), float(math.sqrt((p * (1 - p) / n).sum()))]


@check(needs_rng=True, simulation=True)
def sample_mean_simulation(rng: np.random.Generator, mu: Any, sigma: Any, n: Any, lo: Any, hi: Any, p: Any,
                           reps: Any = 2_000) -> bool:
    """Means of simulated samples of size n from N(mu, sigma^2): the share in (lo, hi) agrees with p
    (lo may be -oo, hi may be oo).

    False alarm: about 6.3e-5 per question (one estimate, 4 standard errors).
    """
    n = int(n)
    size = min(int(reps), MAX_DRAWS // n)
    means = to_float(mu) + to_float(sigma) * rng.standard_normal((size, n)).mean(axis=1)
    a, b = to_float(lo), to_float(hi)
    share_agrees((means > a) & (means < b), p, "P(lo < mean < hi)")
    return True


@check(needs_rng=True, strings_ok=True, simulation=True)
def z_power_simulation(rng: np.random.Generator, effect: Any, n: Any, zcrit: Any, power: Any,
                       reps: Any = 200_000) -> bool:
    """Simulate an upper-tailed z test (sigma = 1) with n observations when the true mean is `effect`
    standard deviations above mu0: the share of samples with z > zcrit agrees with the power.

    False alarm: about 6.3e-5 per question (one estimate, 4 standard errors).
    """
    n = int(n)
    size = min(int(reps), MAX_DRAWS)
    # the mean of n N(effect, 1) draws is N(effect, 1/n): draw it directly, the test statistic is sqrt(n) xbar
    z = (to_float(effect) + rng.standard_normal(size) / math.sqrt(n)) * math.sqrt(n)
    share_agrees(z > to_float(zcrit), power, "power")
    return True


@check()
def smallest_n_for_power(n: Any, effect: Any, zalpha: Any, target: Any) -> bool:
    """n is the least sample size whose upper-tailed z test at critical value zalpha reaches power `target`
    at the given effect (in SDs): power 1 - Phi(zalpha - effect sqrt(n)) by math.erfc, at n and n - 1."""
    n, e, za, t = int(n), to_float(effect), to_float(zalpha), to_float(target)
    power = lambda m: 1 - phi(za - e * math.sqrt(m))  # noqa: E731
    if n < 2 or power(n) < t - 2e-3 or power(n - 1) >= t + 2e-3:
        raise CheckFailed(f"power at n = {n} is {power(n):.4f} and at n - 1 is {power(n - 1):.4f}; target {t}")
    return True


# Decisions against states of the world, by code: what each is called.
ERROR_OUTCOMES = {"reject_true": "type_one", "keep_false": "type_two", "reject_false": "correct", "keep_true": "correct"}


@check(strings_ok=True)
def error_statement_matches(asked: Any, codes: Sequence[Any], truths: Sequence[Any]) -> bool:
    """Exactly the option whose outcome code (from ERROR_OUTCOMES: rejecting or keeping H0 when it is true
    or false) is the error asked for ('type_one' or 'type_two') is marked correct."""
    if asked not in ("type_one", "type_two"):
        raise CheckFailed(f"asked must be type_one or type_two, got {asked!r}")
    flags = option_flags(truths)
    if len(flags) != len(codes):
        raise CheckFailed("options and codes differ in length")
    for code, flag in zip(codes, flags):
        if code not in ERROR_OUTCOMES:
            raise CheckFailed(f"unknown outcome {code!r}; the outcomes are {', '.join(ERROR_OUTCOMES)}")
        if (ERROR_OUTCOMES[code] == asked) != flag:
            raise CheckFailed(f"option {code} is marked {flag} for a {asked} question")
    return True


@check(needs_rng=True, strings_ok=True, simulation=True)
def error_rate_simulation(rng: np.random.Generator, asked: Any, alpha: Any, power: Any, rate: Any,
                          reps: Any = 200_000) -> bool:
    """Simulate an upper-tailed z test at level alpha whose effect gives the stated power (effect found by
    bisection on erf): under H0 the share of rejections (Type I), under Ha the share of non-rejections
    (Type II) agrees with `rate`.

    False alarm: about 6.3e-5 per question (one estimate, 4 standard errors).
    """
    a, pw = to_float(alpha), to_float(power)
    zcrit = bisect(lambda z: phi(z) - (1 - a), -10.0, 10.0)
    effect = zcrit - bisect(lambda z: phi(z) - (1 - pw), -10.0, 10.0)
    size = min(int(reps), MAX_DRAWS)
    if asked == "type_one":
        share_agrees(rng.standard_normal(size) > zcrit, rate, "Type I rate")
    elif asked == "type_two":
        share_agrees(effect + rng.standard_normal(size) <= zcrit, rate, "Type II rate")
    else:
        raise CheckFailed(f"asked must be type_one or type_two, got {asked!r}")
    return True


# ---- two independent means (prob.inference.two_mean_t) -----------------------------------------

@check(needs_rng=True, simulation=True)
def two_mean_se_simulation(rng: np.random.Generator, s1: Any, n1: Any, s2: Any, n2: Any, se: Any,
                           reps: Any = 4_000) -> bool:
    """Draw two independent normal samples of sizes n1 and n2 with SDs s1 and s2, `reps` times: the mean
    squared difference of their sample means (true difference 0) agrees with se^2, the unpooled
    standard error squared (whole samples are drawn, the formula is never used).

    False alarm: about 6.3e-5 per question (one estimate, 4 standard errors).
    """
    n1, n2 = int(n1), int(n2)
    reps = max(2, min(int(reps), MAX_DRAWS // max(n1, n2)))
    first = rng.normal(0.0, to_float(s1), size=(reps, n1)).mean(axis=1)
    second = rng.normal(0.0, to_float(s2), size=(reps, n2)).mean(axis=1)
    mean_agrees((first - second) ** 2, to_float(se) ** 2, "Var(xbar1 - xbar2)")
    return True


@check()
def two_mean_interval_matches(interval: Any, mean1: Any, sd1: Any, n1: Any, mean2: Any, sd2: Any, n2: Any,
                              tstar: Any) -> bool:
    """The interval for mu2 - mu1 is (mean2 - mean1) -+ t* sqrt(sd1^2/n1 + sd2^2/n2), recomputed in NumPy
    floats from the summaries (ends within 1e-9)."""
    if not isinstance(interval, sympy.Interval) or not interval.start.is_finite or not interval.end.is_finite:
        raise CheckFailed(f"expected a bounded interval, got {interval}")
    means = np.array([to_float(mean1), to_float(mean2)])
    variances = np.array([to_float(sd1), to_float(sd2)]) ** 2 / np.array([int(n1), int(n2)], dtype=float)
    half = to_float(tstar) * float(np.sqrt(variances.sum()))
    centre = float(means[1] - means[0])
    ends = (to_float(interval.start), to_float(interval.end))
    if max(abs(ends[0] - (centre - half)), abs(ends[1] - (centre + half))) > 1e-9:
        raise CheckFailed(f"interval [{ends[0]:.6f}, {ends[1]:.6f}] is not {centre:.6f} -+ {half:.6f}")
    return True
