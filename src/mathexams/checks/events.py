"""Events, checked by enumerating outcomes and by simulation: dice, sets of numbers, the addition rule, repeated trials.

The catalogues of events, properties and set operations carry the same names as the course's
`events` macros but are implemented here a second time, independently (vectorised NumPy or plain
Python), so a slip in one catalogue cannot agree with itself.
"""

from __future__ import annotations

import itertools
import math
from fractions import Fraction
from typing import Any, Callable

import numpy as np

from ..api import CheckFailed, agrees, as_int, check, to_float, to_fraction


MC_DRAWS = 200_000


def estimates_agree(simulate: Callable[[], list[tuple[float, float, int, str]]]) -> bool:
    """Run a simulation once; every (estimate, key, n, label) it returns must agree with its key
    under the engine's Monte Carlo policy (4 standard errors; a miss rejects the draw)."""
    for est, key, n, what in simulate():
        agrees(est, key, n=n, what=what)
    return True


@check()
def count_addition_rule(p_a: Any, p_b: Any, p_ab: Any) -> list[Fraction]:
    """[P(A or B), P(neither), P(A only)] by counting an explicit equally likely space of LCD outcomes."""
    pa, pb, pab = to_fraction(p_a), to_fraction(p_b), to_fraction(p_ab)
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


# Properties of whole numbers by name (the course's `events.PROPERTIES`, implemented again).
PROPERTY_TESTS: dict[str, Callable[[int, int], bool]] = {
    "even": lambda k, p: k % 2 == 0, "odd": lambda k, p: k % 2 == 1, "prime": lambda k, p: _prime(k),
    "at_most": lambda k, p: k <= p, "greater_than": lambda k, p: k > p,
    "multiple_of": lambda k, p: p > 0 and k % p == 0,
}
# Set operations by name, on Python sets A, B inside S.
SET_OPERATION_RULES: dict[str, Callable[[set, set, set], set]] = {
    "union": lambda S, A, B: A | B, "intersection": lambda S, A, B: A & B, "a_minus_b": lambda S, A, B: A - B,
    "neither": lambda S, A, B: S - (A | B), "b_minus_a": lambda S, A, B: B - A, "not_both": lambda S, A, B: S - (A & B),
}


def _named(name: Any, table: dict, what: str) -> Any:
    if name not in table:
        raise CheckFailed(f"unknown {what} {name!r}")
    return table[name]


@check(strings_ok=True)
def enumerate_set_operation(n: Any, prop_a: Any, param_a: Any, prop_b: Any, param_b: Any, op: Any) -> list[int]:
    """The set operation rebuilt with Python sets from the two properties (names), as a sorted list."""
    n, pa, pb = as_int(n, "enumerate_set_operation"), as_int(param_a, "enumerate_set_operation"), \
        as_int(param_b, "enumerate_set_operation")
    S = set(range(1, n + 1))
    A = {k for k in S if _named(prop_a, PROPERTY_TESTS, "property")(k, pa)}
    B = {k for k in S if _named(prop_b, PROPERTY_TESTS, "property")(k, pb)}
    return sorted(_named(op, SET_OPERATION_RULES, "set operation")(S, A, B))


# Events on dice rolls of shape (ndice, draws), one row per die, vectorised along the draws (the
# course's `events.DICE_EVENTS`, implemented again).
DICE_EVENT_TESTS: dict[str, Callable[[np.ndarray, int], np.ndarray]] = {
    "sum_equals": lambda r, p: r.sum(axis=0) == p,
    "sum_at_least": lambda r, p: r.sum(axis=0) >= p,
    "max_at_most": lambda r, p: r.max(axis=0) <= p,
    "all_equal": lambda r, p: np.all(r == r[0], axis=0),
    "some_die_shows": lambda r, p: np.any(r == p, axis=0),
    "all_different": lambda r, p: np.all([r[i] != r[j] for i, j in itertools.combinations(range(r.shape[0]), 2)],
                                         axis=0) if r.shape[0] > 1 else np.ones(r.shape[1], dtype=bool),
    "min_at_least": lambda r, p: r.min(axis=0) >= p,
    "sum_at_most": lambda r, p: r.sum(axis=0) <= p,
}


@check(strings_ok=True)
def enumerate_dice(ndice: Any, event: Any, param: Any = 0) -> Fraction:
    """P(event) for fair dice (event named as in DICE_EVENTS) by listing all 6**n ordered outcomes."""
    n, param = as_int(ndice, "enumerate_dice"), as_int(param, "enumerate_dice")
    if not 1 <= n <= 5:
        raise CheckFailed("enumeration limited to 1..5 dice")
    rolls = np.array(list(itertools.product(range(1, 7), repeat=n))).T
    return Fraction(int(_named(event, DICE_EVENT_TESTS, "dice event")(rolls, param).sum()), 6**n)


@check(needs_rng=True, strings_ok=True, simulation=True)
def simulate_dice_agrees(rng: np.random.Generator, ndice: Any, event: Any, param: Any, p: Any) -> bool:
    """Roll the dice 200 000 times in all (NumPy); the event's frequency agrees with p.

    False alarm: about 6.3e-5 per question (one estimate, 4 standard errors).
    """
    n, param = as_int(ndice, "simulate_dice_agrees"), as_int(param, "simulate_dice_agrees")
    test = _named(event, DICE_EVENT_TESTS, "dice event")
    draws = MC_DRAWS // n

    def simulate() -> list[tuple[float, float, int, str]]:
        rolls = rng.integers(1, 7, size=(n, draws), dtype=np.int16)
        return [(float(test(rolls, param).mean()), to_float(p), draws, "dice simulation")]

    return estimates_agree(simulate)


# Events on a red die a and a blue die b, on NumPy grids (the course's `events.PAIR_EVENTS`, again).
PAIR_EVENT_TESTS: dict[str, Callable[[np.ndarray, np.ndarray, int], np.ndarray]] = {
    "sum_equals": lambda a, b, p: a + b == p, "sum_at_least": lambda a, b, p: a + b >= p,
    "doubles": lambda a, b, p: a == b, "some_die_shows": lambda a, b, p: (a == p) | (b == p),
    "some_die_even": lambda a, b, p: ((a % 2) == 0) | ((b % 2) == 0), "red_odd": lambda a, b, p: (a % 2) == 1,
    "max_equals": lambda a, b, p: np.maximum(a, b) == p, "sum_even": lambda a, b, p: ((a + b) % 2) == 0,
    "red_larger": lambda a, b, p: a > b, "max_at_most": lambda a, b, p: np.maximum(a, b) <= p,
}


@check(strings_ok=True)
def enumerate_two_dice_conditional(event_a: Any, param_a: Any, event_b: Any, param_b: Any) -> Fraction:
    """P(A | B) for a red and a blue die (events named as in PAIR_EVENTS), counting the 36 outcomes on a NumPy grid."""
    a, b = np.meshgrid(np.arange(1, 7), np.arange(1, 7), indexing="ij")
    ev_a = _named(event_a, PAIR_EVENT_TESTS, "two-dice event")(a, b, as_int(param_a, "enumerate_two_dice_conditional"))
    ev_b = _named(event_b, PAIR_EVENT_TESTS, "two-dice event")(a, b, as_int(param_b, "enumerate_two_dice_conditional"))
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
    p, q = to_fraction(p), to_fraction(q)
    miss = Fraction(1)
    for n in range(1, int(limit) + 1):
        miss *= 1 - p
        if 1 - miss >= q:
            return n
    raise CheckFailed("no n found below the search limit")


@check()
def enumerate_at_least_one(p: Any, n: Any) -> Fraction:
    """P(at least one success in n Bernoulli(p) trials) by listing all 2**n success/failure sequences (n <= 14)."""
    p, n = to_fraction(p), int(n)
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
    """Simulate 200 000 Bernoulli(p) trials in runs of n (NumPy); the share of runs with a success agrees with prob.

    False alarm: about 6.3e-5 per question (one estimate, 4 standard errors).
    """
    n = int(n)
    runs = MC_DRAWS // n

    def simulate() -> list[tuple[float, float, int, str]]:
        hits = rng.random((n, runs)).min(axis=0) < to_float(p)     # some trial of the run succeeded
        return [(float(hits.mean()), to_float(prob), runs, "at-least-one simulation")]

    return estimates_agree(simulate)
