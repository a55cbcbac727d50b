"""Events and their probabilities: dice, sets of whole numbers, mixtures of sources.

Every event, property and set operation is named by a string from a catalogue below; the
independent checks (`checks/events.py`) implement the same catalogues a second time, by
enumeration and simulation, under the same names (a test keeps the two lists equal).
Probabilities here are exact, from closed forms and convolutions.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Callable, Sequence

import sympy

from ..api import Record, SandboxError, as_int, macro, to_sympy

# --------------------------------------------------------------------------- dice

# Events for n fair dice, with the meaning of their parameter s.
DICE_EVENTS = (
    "sum_equals",        # the sum is s
    "sum_at_least",      # the sum is at least s
    "max_at_most",       # every die shows at most s
    "all_equal",         # all dice show the same number
    "some_die_shows",    # at least one die shows s
    "all_different",     # all dice show different numbers
    "min_at_least",      # every die shows at least s
    "sum_at_most",       # the sum is at most s
)
SUM_EVENTS = ("sum_equals", "sum_at_least", "sum_at_most")


def _event(name: Any, catalogue: Sequence[str], what: str) -> str:
    if name not in catalogue:
        raise SandboxError(f"{what}: unknown event {name!r}; the events are {', '.join(catalogue)}")
    return name


def _dice_sum_counts(ndice: int) -> list[int]:
    """counts[s] = number of ordered outcomes of `ndice` dice with sum s (by convolution)."""
    counts = [1]
    for _ in range(ndice):
        new = [0] * (len(counts) + 6)
        for s, c in enumerate(counts):
            if c:
                for face in range(1, 7):
                    new[s + face] += c
        counts = new
    return counts


def _sum_count(counts: list[int], event: str, s: int) -> int:
    """How many outcomes with these sum counts satisfy a sum event with threshold s."""
    if event == "sum_equals":
        return counts[s] if 0 <= s < len(counts) else 0
    if event == "sum_at_least":
        return sum(counts[max(s, 0):])
    return sum(counts[: max(min(s + 1, len(counts)), 0)])   # sum_at_most


@macro(strings_ok=True)
def dice_probability(ndice: Any, event: Any, param: Any = 0) -> sympy.Rational:
    """P(event) for 1 to 4 fair dice, exactly; the event is a name from DICE_EVENTS with its parameter."""
    n, param = as_int(ndice, "dice_probability"), as_int(param, "dice_probability")
    event = _event(event, DICE_EVENTS, "dice_probability")
    if not 1 <= n <= 4:
        raise SandboxError("dice_probability() handles 1 to 4 dice")
    total = 6 ** n
    if event in SUM_EVENTS:
        return sympy.Rational(_sum_count(_dice_sum_counts(n), event, param), total)
    if event == "max_at_most":
        return sympy.Rational(min(max(param, 0), 6), 6) ** n
    if event == "all_equal":
        return sympy.Rational(6, total)
    if event == "some_die_shows":
        return 1 - sympy.Rational(5, 6) ** n
    if event == "all_different":
        return sympy.Rational(sympy.ff(6, n), total)
    return sympy.Rational(7 - min(max(param, 1), 7), 6) ** n       # min_at_least


@macro(strings_ok=True)
def dice_sum_by_first(ndice: Any, s: Any, event: Any = "sum_equals") -> list[int]:
    """For the first die showing 1..6: how many outcomes of the other dice satisfy the sum event (equals, at least, at most s)."""
    n, s = as_int(ndice, "dice_sum_by_first"), as_int(s, "dice_sum_by_first")
    event = _event(event, SUM_EVENTS, "dice_sum_by_first")
    if not 2 <= n <= 4:
        raise SandboxError("dice_sum_by_first() handles 2 to 4 dice")
    rest = _dice_sum_counts(n - 1)
    return [_sum_count(rest, event, s - first) for first in range(1, 7)]


# Events for a red die (a) and a blue die (b), with the words prompts use ({p} is the parameter).
PAIR_EVENTS: dict[str, tuple[Callable[[int, int, int], bool], str]] = {
    "sum_equals": (lambda a, b, p: a + b == p, "the sum of the two dice is ${p}$"),
    "sum_at_least": (lambda a, b, p: a + b >= p, "the sum of the two dice is at least ${p}$"),
    "doubles": (lambda a, b, p: a == b, "both dice show the same number"),
    "some_die_shows": (lambda a, b, p: p in (a, b), "at least one die shows a ${p}$"),
    "some_die_even": (lambda a, b, p: a % 2 == 0 or b % 2 == 0, "at least one die shows an even number"),
    "red_odd": (lambda a, b, p: a % 2 == 1, "the red die shows an odd number"),
    "max_equals": (lambda a, b, p: max(a, b) == p, "the larger of the two numbers shown is ${p}$"),
    "sum_even": (lambda a, b, p: (a + b) % 2 == 0, "the sum of the two dice is even"),
    "red_larger": (lambda a, b, p: a > b, "the red die shows a larger number than the blue die"),
    "max_at_most": (lambda a, b, p: max(a, b) <= p, "both dice show at most ${p}$"),
}


class PairCounts(Record):
    """How many of the 36 outcomes of two dice lie in A, in B, and in both."""

    a: int
    b: int
    both: int


class ConditionalDraw(Record):
    """An event and a condition on two dice, each a name from PAIR_EVENTS with its parameter."""

    event: str
    event_param: int
    condition: str
    condition_param: int


@macro(strings_ok=True)
def dice_pair_counts(event_a: Any, param_a: Any, event_b: Any, param_b: Any) -> PairCounts:
    """PairCounts (a, b, both): outcomes of a red and a blue die in A, in B and in both (events from PAIR_EVENTS)."""
    ea, eb = _event(event_a, PAIR_EVENTS, "dice_pair_counts"), _event(event_b, PAIR_EVENTS, "dice_pair_counts")
    pa, pb = as_int(param_a, "dice_pair_counts"), as_int(param_b, "dice_pair_counts")
    in_a, in_b = PAIR_EVENTS[ea][0], PAIR_EVENTS[eb][0]
    na = nb = nab = 0
    for a in range(1, 7):
        for b in range(1, 7):
            hit_a, hit_b = in_a(a, b, pa), in_b(a, b, pb)
            na += hit_a
            nb += hit_b
            nab += hit_a and hit_b
    return PairCounts(na, nb, nab)


# The events A (with their parameters) and conditions B that conditional questions draw from.
PAIR_EVENTS_A = {"sum_equals": range(4, 11), "sum_at_least": range(7, 12), "doubles": [0],
                 "some_die_shows": range(1, 7), "max_equals": range(2, 7)}
PAIR_CONDITIONS_B = {"sum_at_least": range(6, 11), "doubles": [0], "some_die_shows": [6], "some_die_even": [0],
                     "red_odd": [0], "sum_even": [0], "red_larger": [0], "max_at_most": range(3, 6)}


@lru_cache(maxsize=None)
def _conditional_pairs() -> tuple[tuple[str, int, str, int], ...]:
    """All (event, condition) pairs with 0 < P(A | B) < 1, P(A | B) != P(A), and the four
    values P(A | B), P(A), P(A and B), P(B | A) pairwise different."""
    out = []
    for ea, pas in PAIR_EVENTS_A.items():
        for pa in pas:
            for eb, pbs in PAIR_CONDITIONS_B.items():
                for pb in pbs:
                    if (ea, pa) == (eb, pb):
                        continue
                    c = dice_pair_counts(ea, pa, eb, pb)
                    if not (0 < c.both < c.b and c.both < c.a):
                        continue
                    values = {sympy.Rational(c.both, c.b), sympy.Rational(c.a, 36), sympy.Rational(c.both, 36),
                              sympy.Rational(c.both, c.a)}
                    if len(values) == 4:
                        out.append((ea, pa, eb, pb))
    return tuple(out)


@macro(needs_rng=True)
def dice_conditional_draw(rng: Any) -> ConditionalDraw:
    """ConditionalDraw (event, event_param, condition, condition_param) for two dice, uniformly among usable pairs."""
    return ConditionalDraw(*rng.choice(_conditional_pairs()))


@macro(strings_ok=True)
def dice_pair_text(event: Any, param: Any = 0) -> str:
    """Words for an event of PAIR_EVENTS (a red and a blue die), for prompts."""
    event, param = _event(event, PAIR_EVENTS, "dice_pair_text"), as_int(param, "dice_pair_text")
    return PAIR_EVENTS[event][1].format(p=param)


# --------------------------------------------------------------------------- sets of whole numbers

# Properties of k in {1, ..., n}, with their words ({p} is the parameter).
PROPERTIES: dict[str, tuple[Callable[[int, int], bool], str]] = {
    "even": (lambda k, p: k % 2 == 0, "even"),
    "odd": (lambda k, p: k % 2 == 1, "odd"),
    "prime": (lambda k, p: bool(sympy.isprime(k)), "prime"),
    "at_most": (lambda k, p: k <= p, "at most ${p}$"),
    "greater_than": (lambda k, p: k > p, "greater than ${p}$"),
    "multiple_of": (lambda k, p: k % p == 0, "a multiple of ${p}$"),
}


@macro(strings_ok=True)
def numbers_with_property(n: Any, prop: Any, param: Any = 0) -> sympy.FiniteSet:
    """The set of k in {1, ..., n} with a property named in PROPERTIES (even, odd, prime, at_most, greater_than, multiple_of)."""
    n, param = as_int(n, "numbers_with_property"), as_int(param, "numbers_with_property")
    prop = _event(prop, PROPERTIES, "numbers_with_property")
    if not 1 <= n <= 200 or (prop == "multiple_of" and param < 1):
        raise SandboxError("numbers_with_property() needs 1 <= n <= 200 (and p >= 1 for multiples)")
    holds = PROPERTIES[prop][0]
    return sympy.FiniteSet(*[k for k in range(1, n + 1) if holds(k, param)])


@macro(strings_ok=True)
def property_text(prop: Any, param: Any = 0) -> str:
    """Words for a property of numbers_with_property, for prompts ("prime", "at most 4")."""
    prop, param = _event(prop, PROPERTIES, "property_text"), as_int(param, "property_text")
    return PROPERTIES[prop][1].format(p=param)


# Set operations inside S = {1, ..., n}: membership from membership in A and B, and the LaTeX.
SET_OPERATIONS: dict[str, tuple[Callable[[bool, bool], bool], str]] = {
    "union": (lambda a, b: a or b, r"A \cup B"),
    "intersection": (lambda a, b: a and b, r"A \cap B"),
    "a_minus_b": (lambda a, b: a and not b, r"A \cap B^{c}"),
    "neither": (lambda a, b: not (a or b), r"(A \cup B)^{c}"),
    "b_minus_a": (lambda a, b: b and not a, r"A^{c} \cap B"),
    "not_both": (lambda a, b: not (a and b), r"(A \cap B)^{c}"),
}


@macro(strings_ok=True)
def set_operation(n: Any, A: Any, B: Any, op: Any) -> Any:
    """A set operation named in SET_OPERATIONS inside S = {1, ..., n}, decided element by element."""
    n, op = as_int(n, "set_operation"), _event(op, SET_OPERATIONS, "set_operation")
    if not 1 <= n <= 200:
        raise SandboxError("set_operation() needs 1 <= n <= 200")
    in_a = {int(k) for k in A}
    in_b = {int(k) for k in B}
    keep = SET_OPERATIONS[op][0]
    return sympy.FiniteSet(*[k for k in range(1, n + 1) if keep(k in in_a, k in in_b)])


@macro(strings_ok=True)
def set_operation_latex(op: Any) -> str:
    """LaTeX of a set operation by name, e.g. 'a_minus_b' -> A \\cap B^{c}."""
    return SET_OPERATIONS[_event(op, SET_OPERATIONS, "set_operation_latex")][1]


# --------------------------------------------------------------------------- mixtures (total probability)


class MixtureRow(Record):
    """One source of a mixture: its number, share, rate, share x rate, and "+" unless it is the last."""

    k: int
    share: Any
    rate: Any
    joint: Any
    plus: str


def _rational(v: Any) -> sympy.Rational:
    r = to_sympy(v)
    if not r.is_Rational:
        raise SandboxError(f"expected an exact rational, got {v}")
    return r


@macro()
def mixture_rows(shares: Sequence[Any], rates: Sequence[Any]) -> list[MixtureRow]:
    """One MixtureRow (k, share, rate, joint, plus) per source k = 1, 2, ...: for tables and written sums."""
    shares, rates = [_rational(s) for s in shares], [_rational(r) for r in rates]
    if len(shares) != len(rates) or not shares:
        raise SandboxError("mixture_rows() needs equally long, non-empty lists")
    last = len(shares) - 1
    return [MixtureRow(k + 1, s, r, s * r, "+" if k < last else "") for k, (s, r) in enumerate(zip(shares, rates))]
