"""Events, checked by enumerating outcomes and by simulation: dice, sets of numbers, the addition rule, repeated trials.

The catalogues of events, properties and set operations carry the same names as the course's
`events` macros but are implemented here a second time, independently (vectorised NumPy or plain
Python), so a slip in one catalogue cannot agree with itself.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable
from fractions import Fraction
from typing import Any

import numpy as np

from ..api import CheckFailed, Record, agrees, as_int, check, to_float, to_fraction

MC_DRAWS = 200_000


def estimates_agree(simulate: Callable[[], list[tuple[float, float, int, str]]]) -> bool:
    """Run a simulation once; every (estimate, key, n, label) it returns must agree with its key
    under the engine's Monte Carlo policy (4 standard errors; a miss rejects the draw)."""
    for est, key, n, what in simulate():
        agrees(est, key, n=n, what=what)
    return True


def lcd_outcomes(p_a: Any, p_b: Any, p_ab: Any) -> list[tuple[int, int]]:
    """An equally likely sample space for two events: one (in A, in B) pair per outcome, as many
    outcomes as the common denominator of the three probabilities (CheckFailed if inconsistent)."""
    pa, pb, pab = to_fraction(p_a), to_fraction(p_b), to_fraction(p_ab)
    size = math.lcm(pa.denominator, pb.denominator, pab.denominator)
    n_ab = int(pab * size)
    n_a_only, n_b_only = int(pa * size) - n_ab, int(pb * size) - n_ab
    n_none = size - n_ab - n_a_only - n_b_only
    if min(n_a_only, n_b_only, n_none, n_ab) < 0:
        raise CheckFailed("the given probabilities are inconsistent")
    return [(1, 1)] * n_ab + [(1, 0)] * n_a_only + [(0, 1)] * n_b_only + [(0, 0)] * n_none


@check()
def count_addition_rule(p_a: Any, p_b: Any, p_ab: Any) -> list[Fraction]:
    """[P(A or B), P(neither), P(A only)] by counting an explicit equally likely space of LCD outcomes."""
    outcomes = lcd_outcomes(p_a, p_b, p_ab)
    size = len(outcomes)
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


# --------------------------------------------------------------------------- weeks 1-2: rules, counting, sample spaces
# (bank helper for the 1-2/probability cell)


class Relation(Record):
    """Whether two events are independent and whether they are mutually exclusive, with |A| |B| / |S|^2."""

    independent: bool
    disjoint: bool
    product: Fraction


@check()
def count_independence(p_a: Any, p_b: Any, p_ab: Any) -> Relation:
    """Relation (independent, disjoint, product) by listing an equally likely space of LCD outcomes as (in A, in B)
    pairs and comparing counts: |A and B| * |S| == |A| * |B|."""
    outcomes = lcd_outcomes(p_a, p_b, p_ab)
    size = len(outcomes)
    in_a = sum(a for a, _ in outcomes)
    in_b = sum(b for _, b in outcomes)
    both = sum(1 for a, b in outcomes if a and b)
    return Relation(both * size == in_a * in_b, both == 0, Fraction(in_a * in_b, size * size))


@check(strings_ok=True)
def count_arrangements(word: Any) -> int:
    """Distinct orderings of a word's letters, by listing every permutation in a set (up to 8 letters)."""
    if not isinstance(word, str) or not 1 <= len(word) <= 8:
        raise CheckFailed("count_arrangements() lists words of 1 to 8 letters")
    return len(set(itertools.permutations(word)))


# Selections of k from n people or symbols, by name: what is counted.
SELECTIONS = ("committee", "officers", "committee_with_chair", "code_with_repetition", "code_without_repetition")


@check(strings_ok=True)
def count_selections(kind: Any, n: Any, k: Any) -> int:
    """How many selections of a kind from SELECTIONS, by listing them with itertools (n <= 10, k <= 4)."""
    n, k = as_int(n, "count_selections"), as_int(k, "count_selections")
    if not (1 <= k <= 4 and k <= n <= 10):
        raise CheckFailed("count_selections() lists k <= 4 of n <= 10")
    people = range(n)
    if kind == "committee":
        return sum(1 for _ in itertools.combinations(people, k))
    if kind == "officers":
        return sum(1 for _ in itertools.permutations(people, k))
    if kind == "committee_with_chair":
        return len({(frozenset(group), chair) for group in itertools.combinations(people, k) for chair in group})
    if kind == "code_with_repetition":
        return sum(1 for _ in itertools.product(people, repeat=k))
    if kind == "code_without_repetition":
        return sum(1 for code in itertools.product(people, repeat=k) if len(set(code)) == k)
    raise CheckFailed(f"unknown selection {kind!r}; the kinds are {', '.join(SELECTIONS)}")


@check()
def birthday_float_product(N: Any, k: Any) -> float:
    """P(all k draws from N equally likely values differ), as a float product of (N - i)/N."""
    N, k = as_int(N, "birthday_float_product"), as_int(k, "birthday_float_product")
    p = 1.0
    for i in range(k):
        p *= (N - i) / N
    return p


@check(needs_rng=True, simulation=True)
def birthday_simulation_agrees(rng: np.random.Generator, N: Any, k: Any, p_match: Any) -> bool:
    """Draw 50 000 groups of k values from N (NumPy); the share of groups with a repeated value agrees with p_match.

    False alarm: about 6.3e-5 per question (one estimate, 4 standard errors).
    """
    N, k = as_int(N, "birthday_simulation_agrees"), as_int(k, "birthday_simulation_agrees")
    groups = 50_000

    def simulate() -> list[tuple[float, float, int, str]]:
        draws = np.sort(rng.integers(0, N, size=(groups, k)), axis=1)
        repeated = np.any(draws[:, 1:] == draws[:, :-1], axis=1)
        return [(float(repeated.mean()), to_float(p_match), groups, "birthday simulation")]

    return estimates_agree(simulate)


DIVISIBILITY_MODES = ("any", "exactly_one", "none", "all")


@check(strings_ok=True)
def count_divisible(N: Any, divisors: Any, mode: Any) -> int:
    """How many of 1..N are divisible by any / exactly one / none / all of the divisors, by a loop."""
    N = as_int(N, "count_divisible")
    ds = [as_int(d, "count_divisible") for d in divisors]
    if not 1 <= N <= 10_000 or not ds or min(ds) < 1:
        raise CheckFailed("count_divisible() needs 1 <= N <= 10000 and positive divisors")
    tests = {"any": lambda h: h >= 1, "exactly_one": lambda h: h == 1, "none": lambda h: h == 0,
             "all": lambda h: h == len(ds)}
    if mode not in tests:
        raise CheckFailed(f"unknown mode {mode!r}; the modes are {', '.join(DIVISIBILITY_MODES)}")
    return sum(1 for x in range(1, N + 1) if tests[mode](sum(1 for d in ds if x % d == 0)))


def _atoms_feasible(both: int, a: int, b: int, one: int) -> bool:
    """Four regions (A and B, A only, B only, neither) with these sizes out of `one` are all >= 0."""
    return min(both, a - both, b - both, one - a - b + both) >= 0


@check(strings_ok=True)
def axiom_claim_holds(kind: Any, a: Any, b: Any, c: Any) -> bool:
    """Decide a claim about two events by searching probability spaces: the four regions of a Venn
    diagram, with P(A and B) running over a fine grid (1/400 steps: the numbers are multiples of
    1/20) and the claim's own values; in whole units of the common denominator, so the search is integer."""
    fa, fb, fc = to_fraction(a), to_fraction(b), to_fraction(c)
    one = math.lcm(400, fa.denominator, fb.denominator, fc.denominator, (fa * fb).denominator)
    a, b, c, ab = int(fa * one), int(fb * one), int(fc * one), int(fa * fb * one)
    grid = set(range(0, one + 1, one // 400)) | {c, a + b - c, ab}
    spaces = [t for t in grid if _atoms_feasible(t, a, b, one)]          # t = |A and B|
    unions = [a + b - t for t in spaces]
    if kind == "union_possible":
        return c in unions
    if kind == "intersection_possible":
        return c in spaces
    if kind == "disjoint_possible":
        return 0 in spaces
    if kind == "subset_bound":                  # A inside B: P(A and B) = P(A); is P(A) = c possible?
        return 0 <= c <= b
    if kind == "complement":
        return one - a == c
    if kind == "independent_intersection":
        return c == ab and ab in spaces
    if kind == "independent_union":
        return ab in spaces and a + b - ab == c
    if kind == "union_at_least":
        return all(u >= c for u in unions)
    raise CheckFailed(f"unknown claim {kind!r}")


# Events of a two-stage experiment (first x in 1..m, second y in 1..n), implemented again.
STAGE_EVENT_TESTS: dict[str, Callable[[int, int, int], bool]] = {
    "sum_equals": lambda x, y, p: x + y == p, "sum_at_most": lambda x, y, p: x + y <= p,
    "sum_at_least": lambda x, y, p: x + y >= p, "second_larger": lambda x, y, p: y > x, "same_number": lambda x, y, p: x == y,
    "product_equals": lambda x, y, p: x * y == p, "both_odd": lambda x, y, p: x % 2 and y % 2,
}


@check(strings_ok=True)
def enumerate_two_stage(m: Any, n: Any, event: Any, param: Any = 0) -> list[tuple[int, int]]:
    """The outcomes of a two-stage event, by listing itertools.product of the two stages."""
    test = _named(event, STAGE_EVENT_TESTS, "two-stage event")
    p = as_int(param, "enumerate_two_stage")
    return [(x, y) for x, y in itertools.product(range(1, as_int(m, "m") + 1), range(1, as_int(n, "n") + 1))
            if test(x, y, p)]


@check()
def birthday_smallest_group(N: Any, q: Any) -> int:
    """Smallest k whose float product 1 - prod (N - i)/N reaches q (a search with birthday_float_product)."""
    N, qf = as_int(N, "birthday_smallest_group"), to_float(q)
    for k in range(1, N + 2):
        if 1 - birthday_float_product(N, k) >= qf - 1e-12:
            return k
    raise CheckFailed("no group size reaches q")


class VennCounts(Record):
    """Counts of a population with three yes/no attributes: how many have none, exactly one, exactly two, all three."""

    none: int
    exactly_one: int
    exactly_two: int
    all_three: int


@check()
def venn_people(regions: Any) -> VennCounts:
    """VennCounts from the eight region sizes [A only, B only, C only, AB only, AC only, BC only, ABC, none],
    by building one (a, b, c) record per person and counting memberships."""
    sizes = [as_int(r, "venn_people") for r in regions]
    if len(sizes) != 8 or min(sizes) < 0 or sum(sizes) > 100_000:
        raise CheckFailed("venn_people() needs eight non-negative region sizes")
    patterns = [(1, 0, 0), (0, 1, 0), (0, 0, 1), (1, 1, 0), (1, 0, 1), (0, 1, 1), (1, 1, 1), (0, 0, 0)]
    people = np.repeat(np.array(patterns), sizes, axis=0)
    memberships = people.sum(axis=1)
    return VennCounts(*(int(np.count_nonzero(memberships == k)) for k in range(4)))


# Card events on (rank, suit index) pairs, implemented again (the course's `events.CARD_EVENTS`).
CARD_EVENT_TESTS: dict[str, Callable[[int, int], bool]] = {
    "heart": lambda r, s: s == 2, "spade": lambda r, s: s == 3, "red": lambda r, s: s in (1, 2),
    "face": lambda r, s: r in (11, 12, 13), "king": lambda r, s: r == 13, "ace": lambda r, s: r == 1,
    "even": lambda r, s: r in (2, 4, 6, 8, 10), "high": lambda r, s: r in (10, 11, 12, 13),
}


class CardProbabilities(Record):
    """P(A or B) and P(A and not B) for one card drawn from a full deck."""

    union: Fraction
    a_not_b: Fraction


@check(strings_ok=True)
def enumerate_cards(event_a: Any, event_b: Any) -> CardProbabilities:
    """CardProbabilities by listing the 52 cards (itertools.product of ranks and suits) and counting."""
    ta, tb = _named(event_a, CARD_EVENT_TESTS, "card event"), _named(event_b, CARD_EVENT_TESTS, "card event")
    deck = list(itertools.product(range(1, 14), range(4)))
    union = sum(1 for c in deck if ta(*c) or tb(*c))
    a_not_b = sum(1 for c in deck if ta(*c) and not tb(*c))
    return CardProbabilities(Fraction(union, 52), Fraction(a_not_b, 52))
