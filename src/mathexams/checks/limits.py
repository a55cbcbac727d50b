"""Limits, estimated from values of f next to the point (or far out, for limits at infinity)."""

from __future__ import annotations

import math
from typing import Any

import sympy

from ..api import CheckFailed, check, float_function, to_float


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
