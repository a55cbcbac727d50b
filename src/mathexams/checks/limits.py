"""Limits, estimated from values of f next to the point (or far out, for limits at infinity)."""

from __future__ import annotations

import math
from typing import Any

import sympy

from ..api import CheckFailed, check, float_function, option_flags, to_float


@check()
def limit_matches(f: Any, x: Any, a: Any, value: Any, direction: Any = 0) -> bool:
    """value = limit of f at a: evaluate f ever closer to a (from the side(s) given: -1, 0, +1)."""
    fn = float_function(f, [x])
    key = to_float(value)
    if a in (sympy.oo, -sympy.oo):
        sign = 1 if a == sympy.oo else -1
        samples = [fn(sign * 10.0**k) for k in (6, 7, 8)]
    else:
        at = to_float(a)
        sides = (-1, 1) if int(direction) == 0 else (int(direction),)
        samples = [fn(at + s * 10.0**-k) for s in sides for k in (6, 7)]
    if value in (sympy.oo, -sympy.oo):
        if all(math.copysign(1, v) == math.copysign(1, key) and abs(v) > 1e5 for v in samples):
            return True
        raise CheckFailed(f"values near the point {samples} do not grow to {value}")
    for v in samples:
        if not math.isclose(v, key, rel_tol=1e-4, abs_tol=1e-4):
            raise CheckFailed(f"values near the point {samples} vs key {key:.8g}")
    return True


@check()
def numeric_limit(f: Any, x: Any, a: Any, direction: Any = 0) -> float:
    """The limit of f at a point estimated from values next to it (both sides averaged, or one side)."""
    fn = float_function(f, [x])
    at = to_float(a)
    side = int(direction)
    h = 1e-5 * max(1.0, abs(at))
    if side == 0:
        left, right = fn(at - h), fn(at + h)
        if not (math.isfinite(left) and math.isfinite(right)):
            raise CheckFailed(f"f is undefined next to {a}")
        if not math.isclose(left, right, rel_tol=1e-3, abs_tol=1e-3):
            raise CheckFailed(f"one-sided values differ near {a}: {left:.8g} vs {right:.8g}")
        return (left + right) / 2
    # one side: Richardson extrapolation of f(a + s h) and f(a + s h / 2)
    s = 1 if side > 0 else -1
    v1, v2 = fn(at + s * h), fn(at + s * h / 2)
    if not (math.isfinite(v1) and math.isfinite(v2)):
        raise CheckFailed(f"f is undefined on the {'right' if s > 0 else 'left'} of {a}")
    return 2 * v2 - v1


# ---------------------------------------------------------------- continuity (bank-calc1)

# The classes of a point of a function, in the order templates list them as options.
CONTINUITY_CLASSES = ("continuous", "removable", "jump", "infinite")


def _one_sided(fn: Any, at: float, side: int) -> float:
    """The one-sided limit read off the value at distance 1e-7 (inf when values there grow past 1e5)."""
    near, nearer = fn(at + side * 1e-6), fn(at + side * 1e-7)
    if not (math.isfinite(near) and math.isfinite(nearer)):
        return math.inf
    if abs(nearer) > 1e5 and abs(nearer) > 5 * abs(near):
        return math.inf
    return nearer


@check()
def continuity_class(f: Any, x: Any, a: Any) -> str:
    """How f behaves at a, from its values next to a and at a: one of CONTINUITY_CLASSES."""
    fn = float_function(f, [x])
    at = to_float(a)
    left, right = _one_sided(fn, at, -1), _one_sided(fn, at, 1)
    if math.isinf(left) or math.isinf(right):
        return "infinite"
    if not math.isclose(left, right, rel_tol=1e-5, abs_tol=1e-5):
        return "jump"
    value = fn(at)
    if math.isfinite(value) and math.isclose(value, (left + right) / 2, rel_tol=1e-5, abs_tol=1e-5):
        return "continuous"
    return "removable"


@check()
def continuity_class_matches(flags: Any, f: Any, x: Any, a: Any) -> bool:
    """The option marked correct is the class of f at a, options listed in CONTINUITY_CLASSES order."""
    marks = option_flags(flags)
    if len(marks) != len(CONTINUITY_CLASSES):
        raise CheckFailed(f"expected {len(CONTINUITY_CLASSES)} options in the order {CONTINUITY_CLASSES}")
    found = continuity_class(f, x, a)
    marked = [c for c, m in zip(CONTINUITY_CLASSES, marks) if m]
    if marked != [found]:
        raise CheckFailed(f"the values near {a} make the point {found}, the key marks {marked}")
    return True


@check()
def continuous_at(f: Any, x: Any, a: Any) -> bool:
    """f is continuous at a: both one-sided limits (from values next to a) equal f(a)."""
    found = continuity_class(f, x, a)
    if found != "continuous":
        raise CheckFailed(f"f is not continuous at {a}: the point is {found}")
    return True
