"""Events and their probabilities: dice, sets of whole numbers, mixtures of sources.

Every event, property and set operation is named by a string from a catalogue below; the
independent checks (`checks/events.py`) implement the same catalogues a second time, by
enumeration and simulation, under the same names (a test keeps the two lists equal).
Probabilities here are exact, from closed forms and convolutions.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache
from typing import Any

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


@cache
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


# --------------------------------------------------------------------------- weeks 1-2: rules, counting, sample spaces
# (bank helper for the 1-2/probability cell: independence, counting, axioms, two-stage experiments)

# Probabilities with small denominators for the independence questions.
_FRIENDLY = tuple(sympy.Rational(p, q) for q in (2, 3, 4, 5, 6, 10) for p in range(1, q) if sympy.gcd(p, q) == 1)

# How two events are related when drawn by two_event_probabilities.
EVENT_RELATIONS = ("independent", "disjoint", "dependent")


class TwoEvents(Record):
    """P(A), P(B), P(A and B) of two events, and the size of an equally likely sample space that
    makes every region a whole number of outcomes (at least 20)."""

    p_a: Any
    p_b: Any
    p_ab: Any
    size: int


@macro(needs_rng=True, strings_ok=True)
def two_event_probabilities(rng: Any, relation: Any) -> TwoEvents:
    """TwoEvents (p_a, p_b, p_ab, size) for a relation from EVENT_RELATIONS: independent (P(A and B) =
    P(A)P(B)), disjoint (P(A and B) = 0) or dependent (P(A and B) != P(A)P(B), both overlapping);
    P(A), P(B) strictly between 0 and 1 with small denominators, and P(A or B) < 1."""
    relation = _event(relation, EVENT_RELATIONS, "two_event_probabilities")
    for _ in range(500):
        pa, pb = rng.choice(_FRIENDLY), rng.choice(_FRIENDLY)
        if relation == "independent":
            pab = pa * pb
        elif relation == "disjoint":
            pab = sympy.Integer(0)
        else:
            unit = sympy.Rational(1, sympy.ilcm(pa.q, pb.q) * rng.choice((1, 2)))
            pab = pa * pb + unit * rng.choice((-2, -1, 1, 2))
            pab = sympy.Rational(round(pab / unit)) * unit if pab.q % unit.q else pab
        if pab < 0 or pab > min(pa, pb) or pa + pb - pab >= 1 or (relation == "dependent" and (pab == 0 or pab == pa * pb)):
            continue
        if relation != "independent" and pa == pb:
            continue
        size = int(sympy.ilcm(pa.q, pb.q, pab.q))
        size *= max(1, -(-20 // size))
        return TwoEvents(pa, pb, pab, size)
    raise SandboxError("two_event_probabilities() found no draw")


# Words (5 to 8 letters, some letter repeated) for arrangement questions.
ARRANGEMENT_WORDS = ("APPLE", "LEVEL", "RADAR", "KAYAK", "LLAMA", "PIZZA", "STATS", "ADDED", "ROTOR", "GAGGLE",
                     "PEPPER", "COFFEE", "TOFFEE", "BANANA", "LETTER", "ASSESS", "MAMMAL", "DEEDED", "BALLOON",
                     "SUCCESS", "BOOKLET", "GORILLA", "CABBAGE", "SAMPLES", "PARALLEL", "SHUFFLES", "BARBARA",
                     "STREETS", "ACCEPTED")


class Arrangements(Record):
    """Arrangements of a word's letters: the word, its length, the repeated letters' counts as LaTeX
    factorials ("2!\\,3!"), the count n!/(k1! k2! ...), and n! (the count ignoring repeats)."""

    word: str
    n: int
    repeats_latex: str
    count: int
    naive: int


@macro(strings_ok=True)
def word_arrangements(word: Any) -> Arrangements:
    """Arrangements (word, n, repeats_latex, count, naive) for a word of ARRANGEMENT_WORDS."""
    word = _event(word, ARRANGEMENT_WORDS, "word_arrangements")
    counts: dict[str, int] = {}
    for ch in word:
        counts[ch] = counts.get(ch, 0) + 1
    reps = sorted(c for c in counts.values() if c > 1)
    denom = 1
    for c in reps:
        denom *= int(sympy.factorial(c))
    n = len(word)
    return Arrangements(word, n, r"\,".join(f"{c}!" for c in reps), int(sympy.factorial(n)) // denom,
                        int(sympy.factorial(n)))


# Claims about probability rules, with numbers a, b, c; their words ({a}, {b}, {c} are LaTeX numbers).
AXIOM_CLAIMS: dict[str, str] = {
    "union_possible": r"Two events can have $P(A) = {a}$, $P(B) = {b}$ and $P(A \cup B) = {c}$.",
    "intersection_possible": r"Two events can have $P(A) = {a}$, $P(B) = {b}$ and $P(A \cap B) = {c}$.",
    "disjoint_possible": r"Two mutually exclusive events can have $P(A) = {a}$ and $P(B) = {b}$.",
    "subset_bound": r"If $A \subseteq B$ and $P(B) = {b}$, then $P(A)$ can be ${c}$.",
    "complement": r"If $P(A) = {a}$, then $P(A^{{c}}) = {c}$.",
    "independent_intersection": r"If $A$ and $B$ are independent with $P(A) = {a}$ and $P(B) = {b}$, then $P(A \cap B) = {c}$.",
    "independent_union": r"If $A$ and $B$ are independent with $P(A) = {a}$ and $P(B) = {b}$, then $P(A \cup B) = {c}$.",
    "union_at_least": r"For any events with $P(A) = {a}$ and $P(B) = {b}$, $P(A \cup B) \ge {c}$.",
}


class Claim(Record):
    """A claim about probability rules: its catalogue name, the numbers a, b, c, its LaTeX text, and whether it is true."""

    kind: str
    a: Any
    b: Any
    c: Any
    text: str
    truth: bool


def _claim_truth(kind: str, a: Any, b: Any, c: Any) -> bool:
    """The truth of a claim of AXIOM_CLAIMS with these numbers (exact rules)."""
    if kind == "union_possible":
        return bool(max(a, b) <= c <= min(1, a + b))
    if kind == "intersection_possible":
        return bool(max(0, a + b - 1) <= c <= min(a, b))
    if kind == "disjoint_possible":
        return bool(a + b <= 1)
    if kind == "subset_bound":
        return bool(c <= b)
    if kind == "complement":
        return bool(c == 1 - a)
    if kind == "independent_intersection":
        return bool(c == a * b)
    if kind == "independent_union":
        return bool(c == a + b - a * b)
    return bool(c <= max(a, b))          # union_at_least: P(A or B) >= max(P(A), P(B)) always, nothing more


@macro(needs_rng=True, strings_ok=True)
def axiom_claim(rng: Any, kind: Any, truth: Any) -> Claim:
    """Claim (kind, a, b, c, text, truth) of a kind from AXIOM_CLAIMS with numbers (multiples of 0.05)
    drawn so that its truth is `truth`; the false ones show a typical mistake's number."""
    kind = _event(kind, AXIOM_CLAIMS, "axiom_claim")
    want = bool(truth)
    step = sympy.Rational(1, 20)
    for _ in range(2000):
        a, b = step * rng.integer(2, 16), step * rng.integer(2, 16)
        mistakes = {
            "union_possible": [a + b, min(a, b), max(a, b) - step, a + b - step * rng.integer(1, 4)],
            "intersection_possible": [a * b, a + b - 1 + step * rng.integer(-2, 2), min(a, b) + step,
                                      step * rng.integer(1, 6)],
            "disjoint_possible": [0],
            "subset_bound": [b - step * rng.integer(1, 6), b + step * rng.integer(1, 6)],
            "complement": [1 - a, a, 1 + a, 1 - a + step],
            "independent_intersection": [a * b, a * b, a + b - a * b, min(a, b), a * b + step],
            "independent_union": [a + b - a * b, a + b, a * b, a + b - a * b + step],
            "union_at_least": [max(a, b), a + b, max(a, b) - step * rng.integer(1, 4), max(a, b) + step],
        }[kind]
        c = rng.choice(mistakes)
        if not 0 < c < 1 and kind != "disjoint_possible":
            continue
        if _claim_truth(kind, a, b, c) != want:
            continue
        def tex(v: Any) -> str:
            return _decimal_latex(v)
        text = AXIOM_CLAIMS[kind].format(a=tex(a), b=tex(b), c=tex(c))
        return Claim(kind, a, b, c, text, want)
    raise SandboxError(f"axiom_claim() found no {kind} claim with truth {want}")


def _decimal_latex(v: Any) -> str:
    """A terminating decimal as text (0.35), exactly."""
    r = sympy.Rational(v)
    for k in range(0, 7):
        if (r * 10**k).is_Integer:
            s = f"{abs(int(r * 10**k)):0{k + 1}d}"
            body = s[:-k] + "." + s[-k:] if k else s
            return ("-" if r < 0 else "") + body
    return sympy.latex(r)


# Events of a two-stage experiment (first result x in 1..m, second y in 1..n), with their words.
STAGE_EVENTS: dict[str, tuple[Callable[[int, int, int], bool], str]] = {
    "sum_equals": (lambda x, y, p: x + y == p, "the two numbers add up to ${p}$"),
    "sum_at_most": (lambda x, y, p: x + y <= p, "the two numbers add up to at most ${p}$"),
    "sum_at_least": (lambda x, y, p: x + y >= p, "the two numbers add up to at least ${p}$"),
    "second_larger": (lambda x, y, p: y > x, "the second number is larger than the first"),
    "same_number": (lambda x, y, p: x == y, "both numbers are the same"),
    "product_equals": (lambda x, y, p: x * y == p, "the product of the two numbers is ${p}$"),
    "both_odd": (lambda x, y, p: x % 2 == 1 and y % 2 == 1, "both numbers are odd"),
}


@macro(strings_ok=True)
def two_stage_event(m: Any, n: Any, event: Any, param: Any = 0) -> sympy.FiniteSet:
    """The outcomes (x, y), x in 1..m, y in 1..n, of an event named in STAGE_EVENTS, as a set of pairs."""
    m, n, p = as_int(m, "two_stage_event"), as_int(n, "two_stage_event"), as_int(param, "two_stage_event")
    holds = STAGE_EVENTS[_event(event, STAGE_EVENTS, "two_stage_event")][0]
    if not (1 <= m <= 12 and 1 <= n <= 12):
        raise SandboxError("two_stage_event() needs stages of 1 to 12 results")
    return sympy.FiniteSet(*[sympy.Tuple(x, y) for x in range(1, m + 1) for y in range(1, n + 1) if holds(x, y, p)])


@macro(strings_ok=True)
def stage_event_text(event: Any, param: Any = 0) -> str:
    """Words for an event of STAGE_EVENTS, for prompts."""
    return STAGE_EVENTS[_event(event, STAGE_EVENTS, "stage_event_text")][1].format(p=as_int(param, "stage_event_text"))


@macro()
def birthday_threshold(N: Any, q: Any) -> int:
    """The smallest k with P(some repeat among k draws from N equally likely values) >= q, exactly."""
    N, q = as_int(N, "birthday_threshold"), sympy.Rational(to_sympy(q))
    if not 2 <= N <= 10_000 or not 0 < q < 1:
        raise SandboxError("birthday_threshold() needs 2 <= N <= 10000 and 0 < q < 1")
    distinct = sympy.Integer(1)
    for k in range(1, N + 2):
        distinct *= sympy.Rational(N - k + 1, N)
        if 1 - distinct >= q:
            return k
    raise SandboxError("birthday_threshold() found no k")


# Events for one card from a standard 52-card deck (ranks 1 = ace .. 13 = king; suits in
# clubs, diamonds, hearts, spades order), with their words.
CARD_EVENTS: dict[str, tuple[Callable[[int, str], bool], str]] = {
    "heart": (lambda r, s: s == "hearts", "a heart"),
    "spade": (lambda r, s: s == "spades", "a spade"),
    "red": (lambda r, s: s in ("hearts", "diamonds"), "red (a heart or a diamond)"),
    "face": (lambda r, s: r >= 11, "a face card (jack, queen or king)"),
    "king": (lambda r, s: r == 13, "a king"),
    "ace": (lambda r, s: r == 1, "an ace"),
    "even": (lambda r, s: 2 <= r <= 10 and r % 2 == 0, "an even-numbered card (2, 4, 6, 8 or 10)"),
    "high": (lambda r, s: r >= 10, "a ten or higher (10, jack, queen, king)"),
}
_SUITS = ("clubs", "diamonds", "hearts", "spades")


class CardCounts(Record):
    """How many of the 52 cards are in A, in B, and in both."""

    a: int
    b: int
    both: int


@macro(strings_ok=True)
def card_counts(event_a: Any, event_b: Any) -> CardCounts:
    """CardCounts (a, b, both) for two events of CARD_EVENTS on one card of a standard deck."""
    ta = CARD_EVENTS[_event(event_a, CARD_EVENTS, "card_counts")][0]
    tb = CARD_EVENTS[_event(event_b, CARD_EVENTS, "card_counts")][0]
    deck = [(r, s) for s in _SUITS for r in range(1, 14)]
    return CardCounts(sum(ta(*c) for c in deck), sum(tb(*c) for c in deck), sum(ta(*c) and tb(*c) for c in deck))


@macro(strings_ok=True)
def card_event_text(event: Any) -> str:
    """Words for an event of CARD_EVENTS, for prompts."""
    return CARD_EVENTS[_event(event, CARD_EVENTS, "card_event_text")][1]
