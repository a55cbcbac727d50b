"""Independent checks used mainly by the probability and statistics templates of weeks 1-6.

Nothing here calls the macro that produced a key: events and properties are re-implemented
(plain Python with `fractions.Fraction`, or vectorised NumPy), probabilities are recomputed by
enumerating outcomes or counting a synthetic population, and Monte Carlo checks accept an
estimate within 4 standard errors. Simulations use at most 200 000 draws.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from fractions import Fraction
from typing import Any, Callable, Sequence

import numpy as np

from ..api import to_float
from ..api import CheckFailed
from ..api import agrees
from ..api import check

MC_DRAWS = 200_000


def _frac(v: Any) -> Fraction:
    """An exact value (int, SymPy Rational, Fraction) as a Fraction."""
    if isinstance(v, Fraction):
        return v
    if isinstance(v, bool):
        raise CheckFailed(f"expected a number, got {v}")
    if isinstance(v, int):
        return Fraction(v)
    try:
        p, q = v.p, v.q  # SymPy Rational / Integer
    except AttributeError:
        raise CheckFailed(f"expected an exact rational, got {v!r}") from None
    return Fraction(int(p), int(q))


def _ints(values: Sequence[Any]) -> list[int]:
    out = []
    for v in values:
        f = _frac(v)
        if f.denominator != 1:
            raise CheckFailed(f"expected integers, got {v}")
        out.append(int(f))
    return out


def _simulation_agrees(simulate: Callable[[], list[tuple[float, float, int, str]]]) -> bool:
    """Run a simulation once; every (estimate, key, n, label) it returns must agree with its key
    under the engine's Monte Carlo policy (4 standard errors; a miss rejects the draw)."""
    for est, key, n, what in simulate():
        agrees(est, key, n=n, what=what)
    return True


# --------------------------------------------------------------------------- options


@check()
def marked_option_matches(truths: Sequence[Any], values: Sequence[Any], reference: Any, tol: Any = 1e-9) -> bool:
    """A choice key marks exactly the options whose value equals an independently computed reference."""
    truths, values = list(truths), list(values)
    if len(truths) != len(values):
        raise CheckFailed(f"{len(truths)} option truths for {len(values)} option values")
    ref = to_float(reference)
    for i, (t, v) in enumerate(zip(truths, values)):
        equal = abs(to_float(v) - ref) <= float(tol) * max(1.0, abs(ref))
        if bool(t) != equal:
            raise CheckFailed(f"option {i} ({to_float(v):.6g}) is marked {bool(t)} but the reference is {ref:.6g}")
    if sum(bool(t) for t in truths) != 1:
        raise CheckFailed("not exactly one option is marked correct")
    return True


@check()
def equal_as_fractions(a: Any, b: Any) -> bool:
    """Two exact numbers (or lists of them) are equal as fractions."""
    if isinstance(a, (list, tuple)) or isinstance(b, (list, tuple)):
        a, b = list(a), list(b)
        if len(a) != len(b):
            raise CheckFailed(f"lengths differ: {len(a)} vs {len(b)}")
        for x, y in zip(a, b):
            equal_as_fractions(x, y)
        return True
    if _frac(a) != _frac(b):
        raise CheckFailed(f"{_frac(a)} != {_frac(b)}")
    return True


# --------------------------------------------------------------------------- counting, sets, dice


@check()
def count_addition_rule(p_a: Any, p_b: Any, p_ab: Any) -> list[Fraction]:
    """[P(A or B), P(neither), P(A only)] by counting an explicit equally likely space of LCD outcomes."""
    pa, pb, pab = _frac(p_a), _frac(p_b), _frac(p_ab)
    size = math.lcm(pa.denominator, pb.denominator, pab.denominator)
    n_ab = int(pab * size)
    n_a_only, n_b_only = int(pa * size) - n_ab, int(pb * size) - n_ab
    n_none = size - n_ab - n_a_only - n_b_only
    if min(n_a_only, n_b_only, n_none, n_ab) < 0:
        raise CheckFailed("the given probabilities are inconsistent")
    outcomes = [(1, 1)] * n_ab + [(1, 0)] * n_a_only + [(0, 1)] * n_b_only + [(0, 0)] * n_none
    union = sum(1 for a, b in outcomes if a or b)
    neither = sum(1 for a, b in outcomes if not a and not b)
    a_only = sum(1 for a, b in outcomes if a and not b)
    return [Fraction(union, size), Fraction(neither, size), Fraction(a_only, size)]


def _prime(k: int) -> bool:
    return k >= 2 and all(k % d for d in range(2, int(math.isqrt(k)) + 1))


def _holds(code: int, param: int, k: int) -> bool:
    tests = {0: lambda: k % 2 == 0, 1: lambda: k % 2 == 1, 2: lambda: _prime(k), 3: lambda: k <= param,
             4: lambda: k > param, 5: lambda: param > 0 and k % param == 0}
    if code not in tests:
        raise CheckFailed(f"unknown property code {code}")
    return tests[code]()


@check()
def enumerate_set_operation(n: Any, code_a: Any, param_a: Any, code_b: Any, param_b: Any, op: Any) -> list[int]:
    """The set operation rebuilt with Python sets from the property codes (sorted list)."""
    n, ca, pa, cb, pb, op = (int(to_float(v)) for v in (n, code_a, param_a, code_b, param_b, op))
    S = set(range(1, n + 1))
    A = {k for k in S if _holds(ca, pa, k)}
    B = {k for k in S if _holds(cb, pb, k)}
    results = {0: A | B, 1: A & B, 2: A - B, 3: S - (A | B), 4: B - A, 5: S - (A & B)}
    if op not in results:
        raise CheckFailed(f"unknown set operation {op}")
    return sorted(results[op])


@check()
def same_integer_set(a: Any, b: Any) -> bool:
    """Two finite sets (FiniteSet, list, set) have exactly the same integer members (empty allowed)."""
    x, y = sorted(set(_ints(list(a)))), sorted(set(_ints(list(b))))
    if x != y:
        raise CheckFailed(f"sets differ: {x} vs {y}")
    return True


def _dice_event_np(kind: int, param: int, rolls: np.ndarray) -> np.ndarray:
    """Events on dice rolls of shape (ndice, draws): one row per die, vectorised along the draws."""
    if kind in (0, 1, 7):
        total = rolls.sum(axis=0)
        return total == param if kind == 0 else (total >= param if kind == 1 else total <= param)
    if kind == 2:
        return rolls.max(axis=0) <= param
    if kind == 3:
        return np.all(rolls == rolls[0], axis=0)
    if kind == 4:
        return np.any(rolls == param, axis=0)
    if kind == 5:
        out = np.ones(rolls.shape[1], dtype=bool)
        for i, j in itertools.combinations(range(rolls.shape[0]), 2):
            out &= rolls[i] != rolls[j]
        return out
    if kind == 6:
        return rolls.min(axis=0) >= param
    raise CheckFailed(f"unknown dice event kind {kind}")


@check()
def enumerate_dice(ndice: Any, kind: Any, param: Any = 0) -> Fraction:
    """P(event) for fair dice by listing all 6**n ordered outcomes (itertools.product)."""
    n, kind, param = int(ndice), int(kind), int(param)
    if not 1 <= n <= 5:
        raise CheckFailed("enumeration limited to 1..5 dice")
    rolls = np.array(list(itertools.product(range(1, 7), repeat=n))).T
    return Fraction(int(_dice_event_np(kind, param, rolls).sum()), 6**n)


@check(needs_rng=True, simulation=True)
def simulate_dice_agrees(rng: np.random.Generator, ndice: Any, kind: Any, param: Any, p: Any) -> bool:
    """Roll the dice 200 000 times in all (NumPy); the event's frequency is within 4 standard errors of p. False alarm: about 6e-5 per question (one estimate, 4 standard errors)."""
    n = int(ndice)
    draws = MC_DRAWS // n

    def simulate() -> list[tuple[float, float, int, str]]:
        rolls = rng.integers(1, 7, size=(n, draws), dtype=np.int16)
        return [(float(_dice_event_np(int(kind), int(param), rolls).mean()), to_float(p), draws, "dice simulation")]

    return _simulation_agrees(simulate)


def _pair_event_np(code: int, param: int, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    s = a + b
    table = {
        0: lambda: s == param, 1: lambda: s >= param, 2: lambda: a == b,
        3: lambda: (a == param) | (b == param), 4: lambda: ((a % 2) == 0) | ((b % 2) == 0),
        5: lambda: (a % 2) == 1, 6: lambda: np.maximum(a, b) == param, 7: lambda: (s % 2) == 0,
        8: lambda: a > b, 9: lambda: np.maximum(a, b) <= param,
    }
    if code not in table:
        raise CheckFailed(f"unknown two-dice event code {code}")
    return table[code]()


@check()
def enumerate_two_dice_conditional(code_a: Any, param_a: Any, code_b: Any, param_b: Any) -> Fraction:
    """P(A | B) for a red and a blue die, counting the 36 outcomes on a NumPy grid."""
    a, b = np.meshgrid(np.arange(1, 7), np.arange(1, 7), indexing="ij")
    ev_a = _pair_event_np(int(code_a), int(param_a), a, b)
    ev_b = _pair_event_np(int(code_b), int(param_b), a, b)
    nb = int(ev_b.sum())
    if nb == 0:
        raise CheckFailed("the condition has probability 0")
    return Fraction(int((ev_a & ev_b).sum()), nb)


@check()
def enumerate_urn(red: Any, blue: Any, k: Any, j: Any) -> Fraction:
    """P(exactly j red among k drawn without replacement), listing all subsets of labelled balls."""
    r, b, k, j = int(red), int(blue), int(k), int(j)
    balls = ["R"] * r + ["B"] * b
    hits = total = 0
    for hand in itertools.combinations(range(r + b), k):
        total += 1
        hits += sum(balls[i] == "R" for i in hand) == j
    return Fraction(hits, total)


@check()
def smallest_n_search(p: Any, q: Any, limit: Any = 10_000) -> int:
    """Smallest n with 1 - (1 - p)**n >= q, by trying n = 1, 2, ... with exact fractions."""
    p, q = _frac(p), _frac(q)
    miss = Fraction(1)
    for n in range(1, int(limit) + 1):
        miss *= 1 - p
        if 1 - miss >= q:
            return n
    raise CheckFailed("no n found below the search limit")


@check()
def enumerate_at_least_one(p: Any, n: Any) -> Fraction:
    """P(at least one success in n Bernoulli(p) trials) by listing all 2**n success/failure sequences (n <= 14)."""
    p, n = _frac(p), int(n)
    if not 1 <= n <= 14:
        raise CheckFailed("enumeration limited to 1..14 trials")
    a, b = p.numerator, p.denominator
    weight = 0
    for seq in itertools.product((0, 1), repeat=n):
        k = sum(seq)
        if k:
            weight += a**k * (b - a) ** (n - k)
    return Fraction(weight, b**n)


@check(needs_rng=True, simulation=True)
def simulate_at_least_one_agrees(rng: np.random.Generator, p: Any, n: Any, prob: Any) -> bool:
    """Simulate 200 000 Bernoulli(p) trials in runs of n (NumPy); the share of runs with a success is within 4 SE of prob. False alarm: about 6e-5 per question (one estimate, 4 standard errors)."""
    n = int(n)
    runs = MC_DRAWS // n

    def simulate() -> list[tuple[float, float, int, str]]:
        hits = rng.random((n, runs)).min(axis=0) < to_float(p)     # some trial of the run succeeded
        return [(float(hits.mean()), to_float(prob), runs, "at-least-one simulation")]

    return _simulation_agrees(simulate)


# --------------------------------------------------------------------------- conditional probability, Bayes


@check()
def two_way_records(table: Any, row: Any, col: Any) -> list[Any]:
    """[P(row | col), P(col | row), independent?] from a count table expanded into one record per person (NumPy)."""
    counts = np.array([[int(to_float(c)) for c in r] for r in table], dtype=np.int64)
    if counts.min() < 0 or counts.sum() > 10**6:
        raise CheckFailed("counts must be non-negative and at most 10**6 in total")
    rows, cols = np.indices(counts.shape)
    rec_row = np.repeat(rows.ravel(), counts.ravel())
    rec_col = np.repeat(cols.ravel(), counts.ravel())
    in_row, in_col = rec_row == int(row), rec_col == int(col)
    both = int(np.sum(in_row & in_col))
    n, n_row, n_col = rec_row.size, int(in_row.sum()), int(in_col.sum())
    return [Fraction(both, n_col), Fraction(both, n_row), both * n == n_row * n_col]


@check()
def natural_frequencies(prevalence: Any, sensitivity: Any, specificity: Any, population: Any = 100_000) -> list[Any]:
    """[number testing positive, P(D | +), P(D | -)] by counting a population in whole people."""
    pop = int(population)
    sick = _frac(prevalence) * pop
    if sick.denominator != 1:
        raise CheckFailed("the population does not split into whole people")
    tp, fn = _frac(sensitivity) * sick, (1 - _frac(sensitivity)) * sick
    tn, fp = _frac(specificity) * (pop - sick), (1 - _frac(specificity)) * (pop - sick)
    if any(x.denominator != 1 for x in (tp, fn, tn, fp)):
        raise CheckFailed("the population does not split into whole people")
    people = np.concatenate([np.full(int(tp), 3), np.full(int(fn), 2), np.full(int(fp), 1), np.full(int(tn), 0)])
    sick_mask, pos_mask = people >= 2, (people % 2) == 1
    n_pos = int(pos_mask.sum())
    return [n_pos, Fraction(int((sick_mask & pos_mask).sum()), n_pos),
            Fraction(int((sick_mask & ~pos_mask).sum()), pop - n_pos)]


@check(needs_rng=True, simulation=True)
def screening_simulation_agrees(rng: np.random.Generator, prevalence: Any, sensitivity: Any,
                                specificity: Any, p_sick_given_pos: Any) -> bool:
    """Simulate 200 000 people (how many are sick, then how many of each group test positive); P(D | +) within 4 SE. False alarm: about 6e-5 per question (one estimate, 4 standard errors)."""

    def simulate() -> list[tuple[float, float, int, str]]:
        sick = int(rng.binomial(MC_DRAWS, to_float(prevalence)))
        true_pos = int(rng.binomial(sick, to_float(sensitivity)))
        false_pos = int(rng.binomial(MC_DRAWS - sick, 1 - to_float(specificity)))
        n_pos = true_pos + false_pos
        est = true_pos / n_pos if n_pos else float("nan")
        return [(est, to_float(p_sick_given_pos), n_pos, "screening simulation P(D | +)")]

    return _simulation_agrees(simulate)


@check()
def population_bayes(shares: Sequence[Any], rates: Sequence[Any], k: Any) -> list[Fraction]:
    """[P(defect), P(source k | defect)] by counting a population whose size clears all denominators."""
    shares, rates = [_frac(s) for s in shares], [_frac(r) for r in rates]
    if sum(shares) != 1:
        raise CheckFailed(f"shares add up to {sum(shares)}, not 1")
    size = 1
    for s, r in zip(shares, rates):
        size = math.lcm(size, (s * r).denominator, s.denominator)
    if size > 10**6:
        raise CheckFailed("population too large to count")
    source = np.concatenate([np.full(int(s * size), i) for i, s in enumerate(shares)])
    defective = np.zeros(size, dtype=bool)
    start = 0
    for s, r in zip(shares, rates):
        units = int(s * size)
        defective[start:start + int(r * units)] = True
        start += units
    n_def = int(defective.sum())
    return [Fraction(n_def, size), Fraction(int(np.sum(defective & (source == int(k)))), n_def)]


@check(needs_rng=True, simulation=True)
def sources_simulation_agrees(rng: np.random.Generator, shares: Sequence[Any], rates: Sequence[Any], k: Any,
                              p_defect: Any, p_k_given_defect: Any) -> bool:
    """Simulate 200 000 units (multinomial split over sources, binomial defects per source); P(defect) and P(source k | defect) within 4 SE. False alarm: about 1.3e-4 per question (two estimates, 4 standard errors each)."""
    sh = np.array([to_float(s) for s in shares])
    rt = np.array([to_float(r) for r in rates])

    def simulate() -> list[tuple[float, float, int, str]]:
        per_source = rng.multinomial(MC_DRAWS, sh / sh.sum())
        defects = rng.binomial(per_source, rt)
        n_def = int(defects.sum())
        est = defects[int(k)] / n_def if n_def else float("nan")
        return [(n_def / MC_DRAWS, to_float(p_defect), MC_DRAWS, "P(defect)"),
                (est, to_float(p_k_given_defect), n_def, "P(source | defect)")]

    return _simulation_agrees(simulate)


def _seq(sequence: Sequence[Any]) -> tuple[int, ...]:
    out = tuple(int(to_float(s)) for s in sequence)
    if not out or any(s not in (0, 1) for s in out):
        raise CheckFailed("a coin sequence is a list of 1 (heads) and 0 (tails)")
    return out


@check()
def enumerate_coin_posterior(prior: Any, p_heads: Any, sequence: Sequence[Any]) -> Fraction:
    """P(biased | sequence): list every (coin, sequence) outcome with its exact probability and condition."""
    prior, ph, seq = _frac(prior), _frac(p_heads), _seq(sequence)
    joint_biased = joint_total = Fraction(0)
    for coin, p_coin in (("biased", prior), ("fair", 1 - prior)):
        h = ph if coin == "biased" else Fraction(1, 2)
        for flips in itertools.product((0, 1), repeat=len(seq)):
            if flips != seq:
                continue
            pr = p_coin
            for f in flips:
                pr *= h if f else 1 - h
            joint_total += pr
            if coin == "biased":
                joint_biased += pr
    return joint_biased / joint_total


@check(needs_rng=True, simulation=True)
def coin_posterior_simulation_agrees(rng: np.random.Generator, prior: Any, p_heads: Any,
                                     sequence: Sequence[Any], posterior: Any) -> bool:
    """Simulate 200 000 / n runs (pick a coin, flip n times); among runs matching the sequence the biased share is within 4 SE. False alarm: about 6e-5 per question (one estimate, 4 standard errors)."""
    seq = np.array(_seq(sequence)).astype(bool)
    runs = MC_DRAWS // len(seq)

    def simulate() -> list[tuple[float, float, int, str]]:
        biased = rng.random(runs) < to_float(prior)
        ph = np.where(biased, to_float(p_heads), 0.5)
        flips = rng.random((len(seq), runs)) < ph          # one row per flip, one column per run
        match = np.all(flips == seq[:, None], axis=0)
        n = int(match.sum())
        est = float(biased[match].mean()) if n else float("nan")
        return [(est, to_float(posterior), n, "coin posterior simulation")]

    return _simulation_agrees(simulate)


# --------------------------------------------------------------------------- descriptive statistics


@check()
def counter_mode(values: Sequence[Any]) -> Any:
    """The unique most common value by collections.Counter (fails if the top count is shared)."""
    counts = Counter(_frac(v) for v in values).most_common()
    if len(counts) > 1 and counts[0][1] == counts[1][1]:
        raise CheckFailed("the data have no unique mode")
    return counts[0][0]


@check()
def np_quartiles_halves(values: Sequence[Any]) -> list[float]:
    """[Q1, Q3] as NumPy medians of the lower and upper halves of the sorted data (median excluded for odd n)."""
    x = np.sort(np.array([to_float(v) for v in values]))
    n = x.size
    if n < 4:
        raise CheckFailed("need at least 4 values")
    lower, upper = x[: n // 2], x[(n + 1) // 2:]
    return [float(np.median(lower)), float(np.median(upper))]


@check()
def np_tukey_outliers(values: Sequence[Any], lower_q: Any, upper_q: Any) -> list[float]:
    """Values outside [Q1 - 1.5 IQR, Q3 + 1.5 IQR], by a NumPy mask (sorted)."""
    x = np.array([to_float(v) for v in values])
    q1, q3 = to_float(lower_q), to_float(upper_q)
    iqr = q3 - q1
    mask = (x < q1 - 1.5 * iqr) | (x > q3 + 1.5 * iqr)
    return sorted(float(v) for v in x[mask])


def _shaped_sample(rng: np.random.Generator, centre: float, scale: float, how: str, size: int = 2001) -> np.ndarray:
    z = rng.standard_normal(size)
    if how == "moments":          # exact mean `centre`, population SD `scale`
        return centre + scale * (z - z.mean()) / z.std()
    q1, med, q3 = np.percentile(z, [25, 50, 75])   # exact median `centre`, IQR `scale`
    return centre + scale * (z - med) / (q3 - q1)


@check(needs_rng=True)
def affine_statistics_np(rng: np.random.Generator, a: Any, b: Any, mean: Any, sd: Any, median: Any, iqr: Any) -> list[float]:
    """[mean, median, SD, variance, IQR] of y = a x + b, recomputed in NumPy on synthetic samples x with the given statistics."""
    a, b = to_float(a), to_float(b)
    x1 = _shaped_sample(rng, to_float(mean), to_float(sd), "moments")
    x2 = _shaped_sample(rng, to_float(median), to_float(iqr), "quantiles")
    y1, y2 = a * x1 + b, a * x2 + b
    q1, q3 = np.percentile(y2, [25, 75])
    return [float(y1.mean()), float(np.median(y2)), float(y1.std()), float(y1.var()), float(q3 - q1)]


@check()
def statements_match(truths: Sequence[Any], shown: Sequence[Any], actual: Sequence[Any], tol: Any = 1e-6) -> bool:
    """Each select-all option is marked true exactly when its shown value equals the recomputed value."""
    truths, shown, actual = list(truths), list(shown), list(actual)
    if not len(truths) == len(shown) == len(actual):
        raise CheckFailed("truths, shown values and recomputed values differ in length")
    for i, (t, s, a) in enumerate(zip(truths, shown, actual)):
        s, a = to_float(s), to_float(a)
        equal = abs(s - a) <= float(tol) * max(1.0, abs(a))
        if bool(t) != equal:
            raise CheckFailed(f"statement {i}: shown {s:.6g}, recomputed {a:.6g}, marked {bool(t)}")
    return True


def _two_point_group(n: int, mean: float, sd: float) -> np.ndarray:
    k = n // 2
    return np.concatenate([np.full(k, mean - sd * math.sqrt((n - k) / k)),
                           np.full(n - k, mean + sd * math.sqrt(k / (n - k)))])


@check()
def two_point_combined(n1: Any, mean1: Any, sd1: Any, n2: Any, mean2: Any, sd2: Any) -> list[float]:
    """[combined mean, combined population SD] of two synthetic groups with exactly the given sizes, means and population SDs."""
    n1, n2 = int(n1), int(n2)
    if n1 < 2 or n2 < 2:
        raise CheckFailed("each group needs at least 2 values")
    g1 = _two_point_group(n1, to_float(mean1), to_float(sd1))
    g2 = _two_point_group(n2, to_float(mean2), to_float(sd2))
    both = np.concatenate([g1, g2])
    return [float(both.mean()), float(both.std())]
