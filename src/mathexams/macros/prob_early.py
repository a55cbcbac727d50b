"""Macros used mainly by the probability and statistics templates of weeks 1-6.

Keys built here are exact (Python ints, SymPy Rationals, FiniteSets). The matching checks in
`checks/prob_early.py` recompute them another way (plain-Python or NumPy enumeration, Monte
Carlo, synthetic samples), so the event and property catalogues below are deliberately
implemented a second time there, independently.
"""

from __future__ import annotations

from typing import Any, Sequence

import sympy

from ..api import to_sympy
from ..api import SandboxError
from ..api import macro


def _int(v: Any, what: str) -> int:
    if isinstance(v, bool) or not (isinstance(v, int) or isinstance(v, sympy.Integer)):
        raise SandboxError(f"{what} needs an integer, got {v}")
    return int(v)


def _rat(v: Any) -> sympy.Rational:
    r = to_sympy(v)
    if not r.is_Rational:
        raise SandboxError(f"expected an exact rational, got {v}")
    return r


# --------------------------------------------------------------------------- draws


@macro(needs_rng=True)
def random_composition(rng: Any, total: Any, parts: Any, minimum: Any = 1) -> list[int]:
    """[draws] `parts` integers, each >= minimum, adding up to `total` (uniform over such lists)."""
    total, parts, minimum = _int(total, "random_composition"), _int(parts, "random_composition"), _int(minimum, "random_composition")
    free = total - parts * minimum
    if not 1 <= parts <= 20 or free < 0 or total > 10_000:
        raise SandboxError(f"cannot split {total} into {parts} parts of at least {minimum}")
    # stars and bars: choose parts-1 bar positions among free + parts - 1 slots
    bars = sorted(rng.sample(range(free + parts - 1), parts - 1))
    out, prev = [], -1
    for b in bars + [free + parts - 1]:
        out.append(b - prev - 1 + minimum)
        prev = b
    return out


@macro(needs_rng=True)
def data_with_mean_mode(rng: Any, n: Any, mean: Any, spread: Any, repeats: Any = 2) -> list[int]:
    """[draws] n integers with integer mean `mean`, within mean +- spread, and one unique mode repeated `repeats` times."""
    n, mean, spread, repeats = (_int(n, "data_with_mean_mode"), _int(mean, "data_with_mean_mode"),
                                _int(spread, "data_with_mean_mode"), _int(repeats, "data_with_mean_mode"))
    if not 2 <= repeats < n <= 40 or spread < n:
        raise SandboxError("data_with_mean_mode() needs 2 <= repeats < n <= 40 and spread >= n")
    singles = n - repeats
    for _ in range(500):
        mode_off = rng.integer(-spread, spread)
        pool = [v for v in range(-spread, spread + 1) if v != mode_off]
        others = rng.sample(pool, singles - 1)
        last = -(repeats * mode_off + sum(others))
        if abs(last) <= spread and last != mode_off and last not in others:
            data = [mean + mode_off] * repeats + [mean + o for o in others + [last]]
            return rng.shuffled(data)
    raise SandboxError("data_with_mean_mode() could not balance the data")


@macro(needs_rng=True)
def data_with_outliers(rng: Any, n: Any, lo: Any, hi: Any, low_out: Any, high_out: Any) -> list[int]:
    """[draws] n integers: n - low_out - high_out from lo..hi, plus that many far below lo / far above hi."""
    n, lo, hi = _int(n, "data_with_outliers"), _int(lo, "data_with_outliers"), _int(hi, "data_with_outliers")
    k_lo, k_hi = _int(low_out, "data_with_outliers"), _int(high_out, "data_with_outliers")
    core = n - k_lo - k_hi
    if not 4 <= core <= 60 or hi <= lo or k_lo < 0 or k_hi < 0:
        raise SandboxError("data_with_outliers() needs at least 4 core values and lo < hi")
    width = hi - lo
    data = [rng.integer(lo, hi) for _ in range(core)]
    data += [lo - rng.integer(width, 2 * width) for _ in range(k_lo)]
    data += [hi + rng.integer(width, 2 * width) for _ in range(k_hi)]
    return rng.shuffled(data)


# --------------------------------------------------------------------------- dice


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


@macro()
def dice_probability(ndice: Any, kind: Any, param: Any = 0) -> sympy.Rational:
    """P(event) for fair dice by closed forms: kind 0 sum = s, 1 sum >= s, 2 max <= m, 3 all equal, 4 some die shows v, 5 all different, 6 min >= m, 7 sum <= s."""
    n, kind, param = _int(ndice, "dice_probability"), _int(kind, "dice_probability"), _int(param, "dice_probability")
    if not 1 <= n <= 4:
        raise SandboxError("dice_probability() handles 1 to 4 dice")
    total = 6 ** n
    if kind in (0, 1):
        counts = _dice_sum_counts(n)
        hits = counts[param] if kind == 0 and 0 <= param < len(counts) else (
            sum(counts[max(param, 0):]) if kind == 1 else 0)
        return sympy.Rational(hits, total)
    if kind == 2:
        m = min(max(param, 0), 6)
        return sympy.Rational(m, 6) ** n
    if kind == 3:
        return sympy.Rational(6, total)
    if kind == 4:
        return 1 - sympy.Rational(5, 6) ** n
    if kind == 5:
        return sympy.Rational(sympy.ff(6, n), total)
    if kind == 6:
        m = min(max(param, 1), 7)
        return sympy.Rational(7 - m, 6) ** n
    if kind == 7:
        counts = _dice_sum_counts(n)
        return sympy.Rational(sum(counts[: max(min(param + 1, len(counts)), 0)]), total)
    raise SandboxError(f"dice_probability(): unknown event kind {kind}")


@macro()
def dice_sum_by_first(ndice: Any, s: Any, mode: Any = 0) -> list[int]:
    """For first die = 1..6: how many outcomes of the other dice give a sum equal to s (mode 0), >= s (1) or <= s (7)."""
    n, s, mode = _int(ndice, "dice_sum_by_first"), _int(s, "dice_sum_by_first"), _int(mode, "dice_sum_by_first")
    if not 2 <= n <= 4:
        raise SandboxError("dice_sum_by_first() handles 2 to 4 dice")
    rest = _dice_sum_counts(n - 1)
    out = []
    for first in range(1, 7):
        need = s - first
        if mode == 1:
            out.append(sum(rest[max(need, 0):]))
        elif mode == 7:
            out.append(sum(rest[: max(min(need + 1, len(rest)), 0)]))
        else:
            out.append(rest[need] if 0 <= need < len(rest) else 0)
    return out


def _pair_event(code: int, param: int, a: int, b: int) -> bool:
    """Two-dice events (a = red die, b = blue die); the checks re-implement these in NumPy."""
    if code == 0:
        return a + b == param
    if code == 1:
        return a + b >= param
    if code == 2:
        return a == b
    if code == 3:
        return param in (a, b)
    if code == 4:
        return a % 2 == 0 or b % 2 == 0
    if code == 5:
        return a % 2 == 1
    if code == 6:
        return max(a, b) == param
    if code == 7:
        return (a + b) % 2 == 0
    if code == 8:
        return a > b
    if code == 9:
        return max(a, b) <= param
    raise SandboxError(f"unknown two-dice event code {code}")


PAIR_EVENT_TEXT = {
    0: "the sum of the two dice is ${p}$",
    1: "the sum of the two dice is at least ${p}$",
    2: "both dice show the same number",
    3: "at least one die shows a ${p}$",
    4: "at least one die shows an even number",
    5: "the red die shows an odd number",
    6: "the larger of the two numbers shown is ${p}$",
    7: "the sum of the two dice is even",
    8: "the red die shows a larger number than the blue die",
    9: "both dice show at most ${p}$",
}


@macro()
def dice_pair_counts(code_a: Any, param_a: Any, code_b: Any, param_b: Any) -> list[int]:
    """[|A|, |B|, |A and B|] among the 36 outcomes of a red and a blue die, for events from the two-dice catalogue."""
    ca, pa, cb, pb = (_int(v, "dice_pair_counts") for v in (code_a, param_a, code_b, param_b))
    na = nb = nab = 0
    for a in range(1, 7):
        for b in range(1, 7):
            in_a, in_b = _pair_event(ca, pa, a, b), _pair_event(cb, pb, a, b)
            na += in_a
            nb += in_b
            nab += in_a and in_b
    return [na, nb, nab]


PAIR_EVENTS_A = {0: range(4, 11), 1: range(7, 12), 2: [0], 3: range(1, 7), 6: range(2, 7)}
PAIR_CONDITIONS_B = {1: range(6, 11), 2: [0], 3: [6], 4: [0], 5: [0], 7: [0], 8: [0], 9: range(3, 6)}
_PAIR_DRAWS: list[tuple[int, int, int, int]] = []


def _conditional_pairs() -> list[tuple[int, int, int, int]]:
    """All (event, condition) pairs with 0 < P(A | B) < 1, P(A | B) != P(A), and the four
    values P(A | B), P(A), P(A and B), P(B | A) pairwise different."""
    if not _PAIR_DRAWS:
        for ca, pas in PAIR_EVENTS_A.items():
            for pa in pas:
                for cb, pbs in PAIR_CONDITIONS_B.items():
                    for pb in pbs:
                        if (ca, pa) == (cb, pb):
                            continue
                        na, nb, nab = dice_pair_counts(ca, pa, cb, pb)
                        if not (0 < nab < nb and nab < na):
                            continue
                        values = {sympy.Rational(nab, nb), sympy.Rational(na, 36), sympy.Rational(nab, 36),
                                  sympy.Rational(nab, na)}
                        if len(values) == 4:
                            _PAIR_DRAWS.append((ca, pa, cb, pb))
    return _PAIR_DRAWS


@macro(needs_rng=True)
def dice_conditional_draw(rng: Any) -> list[int]:
    """[draws] [code_a, param_a, code_b, param_b]: an event and a condition for two dice, uniformly among usable pairs."""
    return list(rng.choice(_conditional_pairs()))


@macro()
def dice_pair_text(code: Any, param: Any = 0) -> str:
    """Words for an event of the two-dice catalogue (a red and a blue die), for prompts."""
    code, param = _int(code, "dice_pair_text"), _int(param, "dice_pair_text")
    if code not in PAIR_EVENT_TEXT:
        raise SandboxError(f"unknown two-dice event code {code}")
    return PAIR_EVENT_TEXT[code].format(p=param)


# --------------------------------------------------------------------------- sets


def _has_property(code: int, param: int, k: int) -> bool:
    if code == 0:
        return k % 2 == 0
    if code == 1:
        return k % 2 == 1
    if code == 2:
        return bool(sympy.isprime(k))
    if code == 3:
        return k <= param
    if code == 4:
        return k > param
    if code == 5:
        return k % param == 0
    raise SandboxError(f"unknown property code {code}")


PROPERTY_TEXT = {
    0: "even",
    1: "odd",
    2: "prime",
    3: "at most ${p}$",
    4: "greater than ${p}$",
    5: "a multiple of ${p}$",
}


@macro()
def numbers_with_property(n: Any, code: Any, param: Any = 0) -> sympy.FiniteSet:
    """The set of k in {1, ..., n} with a property: 0 even, 1 odd, 2 prime, 3 k <= p, 4 k > p, 5 multiple of p."""
    n, code, param = _int(n, "numbers_with_property"), _int(code, "numbers_with_property"), _int(param, "numbers_with_property")
    if not 1 <= n <= 200 or (code == 5 and param < 1):
        raise SandboxError("numbers_with_property() needs 1 <= n <= 200 (and p >= 1 for multiples)")
    return sympy.FiniteSet(*[k for k in range(1, n + 1) if _has_property(code, param, k)])


@macro()
def property_text(code: Any, param: Any = 0) -> str:
    """Words for a property of numbers_with_property, for prompts ("prime", "at most 4")."""
    code, param = _int(code, "property_text"), _int(param, "property_text")
    if code not in PROPERTY_TEXT:
        raise SandboxError(f"unknown property code {code}")
    return PROPERTY_TEXT[code].format(p=param)


SET_OPERATIONS = {
    0: r"A \cup B",
    1: r"A \cap B",
    2: r"A \cap B^{c}",
    3: r"(A \cup B)^{c}",
    4: r"A^{c} \cap B",
    5: r"(A \cap B)^{c}",
}


_SET_MEMBERSHIP = {
    0: lambda a, b: a or b,
    1: lambda a, b: a and b,
    2: lambda a, b: a and not b,
    3: lambda a, b: not (a or b),
    4: lambda a, b: b and not a,
    5: lambda a, b: not (a and b),
}


@macro()
def set_operation(n: Any, A: Any, B: Any, op: Any) -> Any:
    """A set operation inside S = {1, ..., n}, decided outcome by outcome: 0 A|B, 1 A&B, 2 A-B, 3 (A|B)^c, 4 B-A, 5 (A&B)^c."""
    n, op = _int(n, "set_operation"), _int(op, "set_operation")
    if op not in _SET_MEMBERSHIP or not 1 <= n <= 200:
        raise SandboxError(f"unknown set operation {op} (or n outside 1..200)")
    in_a = {int(k) for k in A}
    in_b = {int(k) for k in B}
    keep = _SET_MEMBERSHIP[op]
    return sympy.FiniteSet(*[k for k in range(1, n + 1) if keep(k in in_a, k in in_b)])


@macro()
def set_operation_latex(op: Any) -> str:
    """LaTeX of a set_operation code, e.g. 2 -> A \\cap B^{c}."""
    op = _int(op, "set_operation_latex")
    if op not in SET_OPERATIONS:
        raise SandboxError(f"unknown set operation {op}")
    return SET_OPERATIONS[op]


# --------------------------------------------------------------------------- statistics


def _exact_median(values: Sequence[Any]) -> Any:
    s = sorted(to_sympy(v) for v in values)
    m = len(s)
    if m == 0:
        raise SandboxError("median of no values")
    return s[m // 2] if m % 2 else (s[m // 2 - 1] + s[m // 2]) / sympy.Integer(2)


@macro()
def quartiles_halves(values: Sequence[Any]) -> list[Any]:
    """[Q1, Q3]: medians of the lower and upper halves, the overall median excluded when n is odd."""
    s = sorted(to_sympy(v) for v in values)
    n = len(s)
    if n < 4:
        raise SandboxError("quartiles_halves() needs at least 4 values")
    half = n // 2
    return [_exact_median(s[:half]), _exact_median(s[n - half:])]


@macro()
def values_outside(values: Sequence[Any], lo: Any, hi: Any) -> list[Any]:
    """The values strictly below lo or strictly above hi, sorted (repeats kept)."""
    lo, hi = to_sympy(lo), to_sympy(hi)
    return sorted(to_sympy(v) for v in values if to_sympy(v) < lo or to_sympy(v) > hi)


@macro()
def unique_mode(values: Sequence[Any]) -> Any:
    """The unique most frequent value (an error if the top frequency is shared)."""
    counts: dict[Any, int] = {}
    for v in values:
        v = to_sympy(v)
        counts[v] = counts.get(v, 0) + 1
    top = max(counts.values())
    modes = [v for v, c in counts.items() if c == top]
    if len(modes) != 1:
        raise SandboxError(f"no unique mode: {sorted(modes)}")
    return modes[0]


@macro()
def squared_deviations(values: Sequence[Any]) -> list[Any]:
    """The squared deviations (x - mean)^2, in the order of the data, exactly."""
    vals = [to_sympy(v) for v in values]
    if not vals:
        raise SandboxError("squared_deviations() of no values")
    m = sum(vals, sympy.Integer(0)) / len(vals)
    return [(v - m) ** 2 for v in vals]


# --------------------------------------------------------------------------- total probability


@macro()
def fractions_over(values: Sequence[Any], denominator: Any) -> list[Any]:
    """Each integer of a list divided by a denominator, exactly: [3, 5] over 20 -> [3/20, 1/4]."""
    d = _int(denominator, "fractions_over")
    if d == 0:
        raise SandboxError("fractions_over() by zero")
    return [sympy.Rational(_int(v, "fractions_over"), d) for v in values]


@macro()
def mixture_rows(shares: Sequence[Any], rates: Sequence[Any]) -> list[tuple]:
    """Rows (k, share, rate, share*rate, "+" or "") for k = 1, 2, ...: sources of a mixture, for tables and written sums."""
    shares, rates = [_rat(s) for s in shares], [_rat(r) for r in rates]
    if len(shares) != len(rates) or not shares:
        raise SandboxError("mixture_rows() needs equally long, non-empty lists")
    last = len(shares) - 1
    return [(k + 1, s, r, s * r, "+" if k < last else "") for k, (s, r) in enumerate(zip(shares, rates))]


@macro()
def decimal_text(value: Any, max_places: Any = 6) -> str:
    """A rational with a terminating decimal expansion written as a short decimal ("66.5", "-2.25", "7"); LaTeX otherwise."""
    r = to_sympy(value)
    places = _int(max_places, "decimal_text")
    if not r.is_Rational:
        raise SandboxError(f"decimal_text() needs an exact rational, got {value}")
    for k in range(0, places + 1):
        scaled = r * 10**k
        if scaled.is_Integer:
            digits = str(abs(int(scaled))).rjust(k + 1, "0")
            body = digits[:-k] + "." + digits[-k:] if k else digits
            return ("-" if r < 0 else "") + body
    return sympy.latex(r)
