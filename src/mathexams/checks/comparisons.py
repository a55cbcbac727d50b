"""Comparing a key with an independently computed reference: numbers, arrays, sets, fractions, marked options.

These are the last step of most checks: another module computes the reference by a different
method (finite differences, NumPy, enumeration), and a comparison here decides, with a message
saying what disagreed. `as_array` turns any template value into floats for NumPy.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import sympy

from ..api import CheckFailed, as_ints, check, option_flags, to_float, to_fraction


def as_array(value: Any) -> np.ndarray:
    """A SymPy matrix, list, set or number as a float array."""
    if isinstance(value, np.ndarray):
        return value.astype(float)
    if isinstance(value, sympy.MatrixBase):
        # tolist() reads the entries in one pass; row(i) would build a new SymPy matrix per row
        return np.array([[to_float(v) for v in r] for r in value.tolist()], dtype=float).reshape(value.shape)
    if isinstance(value, (sympy.FiniteSet, set, frozenset)):
        return np.array(sorted(to_float(v) for v in value), dtype=float)
    if isinstance(value, (list, tuple)):
        return np.array([as_array(v) for v in value], dtype=float)
    return np.array(to_float(value), dtype=float)


def truth_of(flag: Any) -> bool:
    """One option's or claim's truth value as the sampler hands it over (None: false)."""
    return option_flags([flag])[0]


def vector_of(value: Any) -> np.ndarray:
    """A vector (column, row, list) as a flat float array."""
    return as_array(value).reshape(-1)


def _squeeze_pair(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    if a.shape != b.shape and a.size == b.size:
        return a.reshape(-1), b.reshape(-1)
    return a, b


@check()
def close(a: Any, b: Any, tol: Any = 1e-9, rel: Any = 1e-9) -> bool:
    """a and b agree entry by entry within an absolute (tol) or relative (rel) tolerance; a column and a list compare."""
    x, y = _squeeze_pair(as_array(a), as_array(b))
    if x.shape != y.shape:
        raise CheckFailed(f"shapes differ: {x.shape} vs {y.shape}")
    if not np.all(np.isfinite(x)) or not np.all(np.isfinite(y)):
        if np.array_equal(x, y):
            return True
        raise CheckFailed(f"non-finite values: {x} vs {y}")
    if not np.allclose(x, y, rtol=float(rel), atol=float(tol)):
        raise CheckFailed(f"{np.array2string(x, precision=10)} != {np.array2string(y, precision=10)}")
    return True


@check()
def same_set(a: Any, b: Any, tol: Any = 1e-9) -> bool:
    """Two finite collections hold the same numbers, ignoring order and repeats."""
    x = sorted(set(round(to_float(v), 9) for v in a))
    y = sorted(set(round(to_float(v), 9) for v in b))
    if len(x) != len(y) or any(abs(p - q) > float(tol) for p, q in zip(x, y)):
        raise CheckFailed(f"sets differ: {x} vs {y}")
    return True


@check()
def same_integer_set(a: Any, b: Any) -> bool:
    """Two finite sets (FiniteSet, list, set) have exactly the same integer members (empty allowed)."""
    x = sorted(set(as_ints(list(a), "same_integer_set"))) if len(a) else []
    y = sorted(set(as_ints(list(b), "same_integer_set"))) if len(b) else []
    if x != y:
        raise CheckFailed(f"sets differ: {x} vs {y}")
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
    if isinstance(a, float) or isinstance(b, float):
        raise CheckFailed(f"{a!r} vs {b!r}: a binary float is not an exact value")
    if to_fraction(a) != to_fraction(b):
        raise CheckFailed(f"{to_fraction(a)} != {to_fraction(b)}")
    return True


def _equal(value: Any, reference: np.ndarray, tol: float) -> bool:
    if value is None:                      # a text option ("does not exist") never equals a number
        return False
    v = as_array(value).reshape(-1)
    if v.shape != reference.shape or not np.all(np.isfinite(v)):
        return False
    scale = np.maximum(1.0, np.abs(reference))
    return bool(np.all(np.abs(v - reference) <= tol * scale))


@check()
def marked_options_match(flags: Sequence[Any], values: Sequence[Any], reference: Any, tol: Any = 1e-9) -> bool:
    """The options marked correct are exactly those whose value equals an independently computed reference.

    `flags` are the options' truth values as the sampler hands them over (the key), `values` the
    options' values in the same order: numbers, vectors, matrices or sets (compared entry by
    entry), or None for a text option, which never equals the reference. Equal means within
    tol * max(1, |reference|). At least one option must be marked.
    """
    marks, values = option_flags(flags), list(values)
    if len(marks) != len(values):
        raise CheckFailed(f"{len(marks)} option flags for {len(values)} option values")
    ref = as_array(reference).reshape(-1)
    if not np.all(np.isfinite(ref)):
        raise CheckFailed(f"the reference {reference} is not finite")
    equal = [_equal(v, ref, float(tol)) for v in values]
    if marks != equal or not any(marks):
        shown = np.array2string(ref, precision=10)
        raise CheckFailed(f"reference {shown}: the key marks options {[i for i, m in enumerate(marks) if m]}, "
                          f"the options equal to it are {[i for i, e in enumerate(equal) if e]}")
    return True


@check()
def statements_match(flags: Sequence[Any], shown: Sequence[Any], actual: Sequence[Any], tol: Any = 1e-6) -> bool:
    """Each select-all statement is marked true exactly when its shown value equals the recomputed one."""
    marks, shown, actual = option_flags(flags), list(shown), list(actual)
    if not len(marks) == len(shown) == len(actual):
        raise CheckFailed("flags, shown values and recomputed values differ in length")
    for i, (m, s, a) in enumerate(zip(marks, shown, actual)):
        s, a = to_float(s), to_float(a)
        equal = abs(s - a) <= float(tol) * max(1.0, abs(a))
        if m != equal:
            raise CheckFailed(f"statement {i}: shown {s:.6g}, recomputed {a:.6g}, marked {m}")
    return True


@check()
def exceeds_matches(a: Any, b: Any, claim: Any, margin: Any = 1e-9) -> bool:
    """claim says whether a > b: compared in floating point, and a and b must differ by more than a margin."""
    u, v = to_float(a), to_float(b)
    if abs(u - v) <= float(margin) * max(1.0, abs(u), abs(v)):
        raise CheckFailed(f"{u:.10g} and {v:.10g} are too close to compare")
    if (u > v) != bool(claim):
        raise CheckFailed(f"{u:.10g} > {v:.10g} is {u > v}, key says {bool(claim)}")
    return True


@check()
def sign_matches(x: Any, flag: Any) -> bool:
    """flag is true exactly when x > 0 (x computed independently and far from 0)."""
    v = to_float(x)
    positive = truth_of(flag)
    if abs(v) < 1e-9:
        raise CheckFailed("the sign of a value this close to 0 is not decided")
    if (v > 0) != positive:
        raise CheckFailed(f"value {v:.6g} but key says positive = {positive}")
    return True


@check()
def same_tuple_set(a: Any, b: Any) -> bool:
    """Two finite sets of tuples (points, ordered outcomes) hold the same tuples of integers, ignoring order."""
    def norm(s: Any) -> set:
        return {tuple(as_ints(list(t), "same_tuple_set")) for t in s} if len(s) else set()
    x, y = norm(a), norm(b)
    if x != y:
        raise CheckFailed(f"sets differ: {sorted(x - y)} not expected, {sorted(y - x)} missing")
    return True


@check()
def interval_ends(interval: Any) -> list[float]:
    """The two ends [start, end] of a bounded interval key as floats, to compare with `close`."""
    if not isinstance(interval, sympy.Interval) or not interval.start.is_finite or not interval.end.is_finite:
        raise CheckFailed(f"expected a bounded interval, got {interval}")
    return [to_float(interval.start), to_float(interval.end)]


@check()
def same_up_to_sign(a: Any, b: Any, tol: Any = 1e-9) -> bool:
    """Vectors a and b agree entry by entry up to one common sign (unit directions, singular vectors, scores)."""
    x, y = vector_of(a), vector_of(b)
    if x.shape != y.shape:
        raise CheckFailed(f"shapes differ: {x.shape} vs {y.shape}")
    t = float(tol)
    if not (np.allclose(x, y, atol=t, rtol=t) or np.allclose(x, -y, atol=t, rtol=t)):
        raise CheckFailed(f"{x} is not +-{y}")
    return True
