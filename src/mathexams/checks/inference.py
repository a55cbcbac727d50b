"""Inference, checked by simulation and by math.erf: intervals, sample sizes, z tests, hypotheses, interpretations.

Simulation checks follow the engine's Monte Carlo policy; each states its false-alarm rate.
"""

from __future__ import annotations

import math
from typing import Any, Sequence

import numpy as np
import sympy

from ..api import CheckFailed, SimulationMiss, bisect, check, option_flags, to_float
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
        powers = []
        for n, alpha in cases:
            reps = MAX_DRAWS // (4 * n)
            z = (0.5 + rng.standard_normal(size=(reps, n)).mean(axis=1)) * math.sqrt(n)
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
    power_vs_n: the power of a one-sided z test at effect sigma/2 rises / falls from n = a to n = b;
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
