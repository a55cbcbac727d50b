"""Lists of values: counting, summing, sorting, picking and transforming them element by element.

Templates have no comprehensions, so the few list operations they need live here, generic and
exact (comparisons are made on SymPy values, never on binary floats).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sympy

from ..api import SandboxError, as_int, macro, to_sympy

MAX_RANGE = 1000


def _exact_key(v: Any) -> Any:
    """Sort key comparing SymPy values exactly enough (30 digits), ties broken by SymPy's order."""
    return (to_sympy(v).evalf(30), sympy.default_sort_key(v))


@macro()
def length(items: Any) -> int:
    """Number of items in a list, tuple, set or vector."""
    if isinstance(items, sympy.MatrixBase):
        return items.rows * items.cols
    return len(items)


@macro("sum")
def total(items: Any, start: Any = 0) -> Any:
    """Sum of a list of values (exact)."""
    acc = start
    for item in items:
        acc = acc + item
    return acc


@macro()
def sorted_values(items: Any) -> list[Any]:
    """The values sorted ascending (exact comparison)."""
    return sorted(items, key=_exact_key)


@macro("list")
def as_list(items: Any) -> list[Any]:
    """A list from a tuple, set or vector."""
    if isinstance(items, sympy.MatrixBase):
        return list(items)
    if isinstance(items, sympy.Set):
        return sorted(items, key=sympy.default_sort_key)
    return list(items)


@macro("range")
def bounded_range(*args: Any) -> list[int]:
    """range(...) as a list of at most 1000 integers."""
    ints = [as_int(a, "range") for a in args]
    if any(abs(i) > 10**6 for i in ints):
        raise SandboxError("range() arguments above 1000000")
    r = range(*ints)
    if len(r) > MAX_RANGE:
        raise SandboxError(f"range longer than {MAX_RANGE}")
    return list(r)


@macro()
def interior(values: Sequence[Any], lo: Any, hi: Any) -> list[Any]:
    """The values strictly between lo and hi, in their given order."""
    a, b = to_sympy(lo), to_sympy(hi)
    return [v for v in values if a < v < b]


@macro()
def argmax_index(values: Sequence[Any]) -> int:
    """Index (0-based) of the largest value; an exact tie is an error."""
    vals = [float(sympy.N(v, 30)) for v in values]
    if not vals:
        raise SandboxError("argmax_index() of an empty list")
    best = max(range(len(vals)), key=lambda k: vals[k])
    if sum(1 for v in vals if abs(v - vals[best]) <= 1e-12 * max(1.0, abs(v))) > 1:
        raise SandboxError("argmax_index(): tie for the largest value")
    return best


@macro()
def distinct_picks(candidates: Sequence[Any], k: Any, exclude: Sequence[Any] = ()) -> list:
    """The first k candidates (in order of preference) that differ from each other and from `exclude`.

    Distractors are listed from the most to the least typical mistake; when fewer than k are
    distinct, the list is padded with exclude[0], so the options clash and the draw is redone.
    """
    k = int(k)
    out: list[Any] = []
    for c in candidates:
        if len(out) == k:
            break
        if all(to_sympy(c) != to_sympy(e) for e in [*exclude, *out]):
            out.append(c)
    while len(out) < k:
        if not exclude:
            raise SandboxError("distinct_picks(): too few distinct candidates and nothing to pad with")
        out.append(exclude[0])
    return out


@macro()
def descending(values: Any) -> list[Any]:
    """The values sorted in decreasing order (exact comparison)."""
    return sorted_desc(values)


def sorted_desc(values: Any) -> list[Any]:
    """Real numbers as SymPy values in decreasing order."""
    vals = [to_sympy(v) for v in values]
    if not all(v.is_number and v.is_real for v in vals):
        raise SandboxError("descending() needs real numbers")
    return sorted(vals, key=lambda v: -float(v))


@macro()
def closest_gap(values: Any, target: Any) -> Any:
    """min |v - target| over the values (exact): keeps shares shown rounded away from a threshold."""
    vals = [to_sympy(v) for v in values]
    if not vals:
        raise SandboxError("closest_gap() of no values")
    t = to_sympy(target)
    return min((abs(v - t) for v in vals), key=float)


@macro()
def fractions_over(values: Sequence[Any], denominator: Any) -> list[Any]:
    """Each integer of a list divided by a denominator, exactly: [3, 5] over 20 -> [3/20, 1/4]."""
    d = as_int(denominator, "fractions_over")
    if d == 0:
        raise SandboxError("fractions_over() by zero")
    return [sympy.Rational(as_int(v, "fractions_over"), d) for v in values]


@macro()
def with_entry(items: Sequence[Any], index: Any, value: Any) -> list[Any]:
    """A copy of the list with the entry at `index` replaced by `value` (e.g. a forgotten probability set to 0)."""
    index = as_int(index, "with_entry")
    if not 0 <= index < len(items):
        raise SandboxError("with_entry(): index out of range")
    out = list(items)
    out[index] = value
    return out
