"""Integrals: Riemann sums with exact sample points and values.

Definite integrals and antiderivatives need no macro (`integrate` is in the vocabulary, and keys
are best built from a chosen antiderivative); what templates cannot say in YAML is the list of
sample points of a Riemann sum and its exact value.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sympy

from ..api import Record, SandboxError, as_int, macro, to_sympy

MAX_RIEMANN_N = 50


def _subintervals(a: Any, b: Any, n: Any) -> tuple[sympy.Rational, sympy.Rational, int]:
    lo, hi = sympy.Rational(a), sympy.Rational(b)
    m = as_int(n, "the number of subintervals")
    if not 1 <= m <= MAX_RIEMANN_N:
        raise SandboxError(f"the number of subintervals must be 1..{MAX_RIEMANN_N}, got {n}")
    if not lo < hi:
        raise SandboxError("a Riemann sum needs a < b")
    return lo, hi, m


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


# ---------------------------------------------------------------- accumulation and trapezoids (bank-calc1)

MAX_GRAPH_TRIES = 500


class RateGraph(Record):
    """A piecewise-linear rate f on [0, xs[-1]] and its accumulation A(x) = integral of f from 0 to x.

    Fields: `xs`, `ys` (the vertices, integer abscissas), `crossings` (where f changes sign,
    integers or half-integers), `accumulation` (A at each vertex, exact), `argmax` and `maximum`
    (the unique absolute maximum of A on the whole interval, endpoints included), `increasing`
    (the union of open intervals where f > 0, so where A increases).
    """

    xs: list
    ys: list
    crossings: list
    accumulation: list
    argmax: Any
    maximum: Any
    increasing: Any


def _graph_candidate(rng: Any, segments: int, top: int) -> tuple[list[int], list[int]] | None:
    """Vertices with widths 1 or 2 and heights in -top..top whose sign changes fall on half-integers."""
    xs, ys = [0], [rng.integer(-top, top)]
    for _ in range(segments):
        xs.append(xs[-1] + rng.choice((1, 1, 2)))
        ys.append(rng.integer(-top, top))
    for (_x0, y0), (_x1, y1) in zip(zip(xs, ys), zip(xs[1:], ys[1:])):
        if y0 == 0 and y1 == 0:
            return None                                   # f = 0 on a whole piece
        if y0 * y1 < 0 and y0 != -y1:
            return None                                   # crossing off the half-integer grid
    # f may touch 0 only where it changes sign (else "increasing" would be ambiguous), never at the ends
    if ys[0] == 0 or ys[-1] == 0:
        return None
    for i in range(1, len(ys) - 1):
        if ys[i] == 0 and ys[i - 1] * ys[i + 1] >= 0:
            return None
    return xs, ys


@macro(needs_rng=True)
def rate_graph(rng: Any, segments: Any = 5, top: Any = 3) -> RateGraph:
    """A RateGraph (xs, ys, crossings, accumulation, argmax, maximum, increasing) for reading accumulation.

    `segments` pieces (4..7) of width 1 or 2 with integer heights in -top..top; f changes sign at
    least twice, only on integers or half-integers, and A has a unique absolute maximum.
    """
    n, h = as_int(segments, "rate_graph segments"), as_int(top, "rate_graph top")
    if not (4 <= n <= 7 and 1 <= h <= 6):
        raise SandboxError("rate_graph() needs 4 <= segments <= 7 and 1 <= top <= 6")
    half = sympy.Rational(1, 2)
    for _ in range(MAX_GRAPH_TRIES):
        drawn = _graph_candidate(rng, n, h)
        if drawn is None:
            continue
        xs, ys = drawn
        crossings: list[Any] = []
        accumulation = [sympy.Integer(0)]
        candidates = [(sympy.Integer(0), sympy.Integer(0))]
        for (x0, y0), (x1, y1) in zip(zip(xs, ys), zip(xs[1:], ys[1:])):
            if y0 * y1 < 0:
                mid = sympy.Rational(x0 + x1, 2)
                crossings.append(mid)
                candidates.append((mid, accumulation[-1] + half * y0 * (mid - x0)))
            elif y1 == 0 and x1 != xs[-1]:
                crossings.append(sympy.Integer(x1))
            accumulation.append(accumulation[-1] + half * (y0 + y1) * (x1 - x0))
            if y1 == 0:
                candidates.append((sympy.Integer(x1), accumulation[-1]))
        candidates.append((sympy.Integer(xs[-1]), accumulation[-1]))
        if len(crossings) < 2:
            continue
        best = max(v for _, v in candidates)
        at = [c for c, v in candidates if v == best]
        if len(at) != 1:
            continue
        bounds = [sympy.Integer(0)] + crossings + [sympy.Integer(xs[-1])]
        positive = [sympy.Interval(lo, hi, True, True) for lo, hi in zip(bounds, bounds[1:])
                    if _rate_at(xs, ys, (lo + hi) / 2) > 0]
        return RateGraph(xs, ys, crossings, accumulation, at[0], best, sympy.Union(*positive))
    raise SandboxError("rate_graph(): no usable graph found; widen top or change segments")


def _rate_at(xs: Sequence[int], ys: Sequence[int], v: Any) -> Any:
    """The piecewise-linear rate at v, exactly."""
    for (x0, y0), (x1, y1) in zip(zip(xs, ys), zip(xs[1:], ys[1:])):
        if x0 <= v <= x1:
            return y0 + sympy.Rational(y1 - y0, x1 - x0) * (v - x0)
    raise SandboxError(f"{v} lies outside the graph")


@macro()
def trapezoid_sum(f: Any, x: Any, a: Any, b: Any, n: Any) -> Any:
    """Exact trapezoid rule T_n of f over [a, b]: (dx/2)(f(x0) + 2f(x1) + ... + 2f(x_{n-1}) + f(xn))."""
    lo, hi, m = _subintervals(a, b, n)
    expr = to_sympy(f)
    dx = (hi - lo) / m
    inner = sum((expr.subs(x, lo + i * dx) for i in range(1, m)), sympy.Integer(0))
    return dx / 2 * (expr.subs(x, lo) + 2 * inner + expr.subs(x, hi))
