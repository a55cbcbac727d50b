"""Macros used mainly by the calculus templates of weeks 1-6.

Everything here is exact (SymPy Rationals) and cheap: keys are assembled from values the
template chose, never by solving or integrating a general expression.
"""

from __future__ import annotations

from typing import Any, Sequence

import sympy

from ..api import to_sympy
from ..api import SandboxError
from ..api import macro

MAX_RIEMANN_N = 50


def _subintervals(a: Any, b: Any, n: Any) -> tuple[sympy.Rational, sympy.Rational, int]:
    lo, hi = sympy.Rational(a), sympy.Rational(b)
    if not (isinstance(n, int) or isinstance(n, sympy.Integer)) or not 1 <= int(n) <= MAX_RIEMANN_N:
        raise SandboxError(f"the number of subintervals must be an integer in 1..{MAX_RIEMANN_N}, got {n}")
    if not lo < hi:
        raise SandboxError("a Riemann sum needs a < b")
    return lo, hi, int(n)


@macro()
def riemann_points(a: Any, b: Any, n: Any, theta: Any) -> list[Any]:
    """Sample points of a Riemann sum: n equal subintervals of [a, b], at fraction theta (0 left, 1/2 mid, 1 right)."""
    lo, hi, m = _subintervals(a, b, n)
    th = sympy.Rational(theta)
    if not 0 <= th <= 1:
        raise SandboxError("theta must lie in [0, 1]")
    dx = (hi - lo) / m
    return [lo + (i + th) * dx for i in range(m)]


@macro()
def riemann_sum(f: Any, x: Any, a: Any, b: Any, n: Any, theta: Any) -> Any:
    """Exact Riemann sum of f over [a, b] with n equal subintervals, sampled at fraction theta of each."""
    lo, hi, m = _subintervals(a, b, n)
    expr = to_sympy(f)
    total = sympy.Integer(0)
    for p in riemann_points(a, b, n, theta):
        total += expr.subs(x, p)
    return total * (hi - lo) / m


@macro()
def closed_interval_extrema(f: Any, x: Any, lo: Any, hi: Any, critical: Sequence[Any]) -> list[Any]:
    """[max, argmax, min, argmin, unique, table] of f over the endpoints and the critical points inside [lo, hi].

    `unique` is False when the maximum or the minimum is attained at two candidates (a tie);
    `table` lists the (x, f(x)) pairs compared, in increasing x.
    """
    a, b = sympy.Rational(lo), sympy.Rational(hi)
    if not a < b:
        raise SandboxError("closed_interval_extrema() needs lo < hi")
    expr = to_sympy(f)
    candidates = [a, b] + [sympy.Rational(c) for c in critical if a < sympy.Rational(c) < b]
    values = [(expr.subs(x, c), c) for c in candidates]
    top = max(v for v, _ in values)
    bottom = min(v for v, _ in values)
    at_top = [c for v, c in values if v == top]
    at_bottom = [c for v, c in values if v == bottom]
    unique = len(at_top) == 1 and len(at_bottom) == 1
    table = sorted(((c, v) for v, c in values), key=lambda pair: pair[0])
    return [top, at_top[0], bottom, at_bottom[0], unique, table]


@macro()
def interior(values: Sequence[Any], lo: Any, hi: Any) -> list[Any]:
    """The values strictly between lo and hi, in their given order."""
    a, b = to_sympy(lo), to_sympy(hi)
    return [v for v in values if a < v < b]


@macro()
def subs_each(f: Any, x: Any, points: Sequence[Any]) -> list[Any]:
    """f with each point of a list substituted for x, as a list of exact values (at most 50 points)."""
    if not isinstance(points, (list, tuple)) or len(points) > MAX_RIEMANN_N:
        raise SandboxError(f"subs_each() needs a list of at most {MAX_RIEMANN_N} points")
    expr = to_sympy(f)
    return [expr.subs(x, p) for p in points]


@macro()
def decimal_value(value: Any, places: Any = 12) -> sympy.Rational:
    """An exact Rational equal to value rounded half away from zero to `places` decimals (fast to print with dec)."""
    p = int(places)
    if not 0 <= p <= 30:
        raise SandboxError("decimal_value() needs 0 <= places <= 30")
    v = to_sympy(value)
    approx = v.evalf(p + 25)
    if not approx.is_real or not approx.is_finite:
        raise SandboxError(f"decimal_value() needs a finite real number, got {value}")
    scaled = sympy.Float(abs(approx), p + 25) * sympy.Integer(10) ** p
    rounded = int(scaled + sympy.Rational(1, 2))  # int() truncates toward zero: floor for a positive number
    sign = -1 if approx < 0 else 1
    return sympy.Rational(sign * rounded, 10**p)
