"""Optimisation: extrema on a closed interval, and sets of critical points as answers.

Keys come from candidates the template chose (the critical points it built into f), compared
exactly; nothing is solved here.
"""

from __future__ import annotations

from typing import Any, Sequence

import sympy

from ..api import Record, SandboxError, macro, to_sympy


class Extrema(Record):
    """Absolute extrema of f over a closed interval, from the endpoints and interior critical points."""

    maximum: Any
    argmax: Any
    minimum: Any
    argmin: Any
    unique: bool        # False when the maximum or the minimum is attained twice (a tie)
    table: list         # the (x, f(x)) pairs compared, in increasing x


class PointTuple(sympy.Tuple):
    """A point (a, b, ...) that can sit in a `set` answer.

    The engine sorts set items by `float(N(v))` and only expects TypeError/ValueError for
    non-numbers; a plain SymPy Tuple has no `evalf` and raises AttributeError instead. This
    subclass returns itself from `evalf`, so the float conversion fails with TypeError and
    the engine falls back to SymPy's default sort key. It prints exactly like a Tuple.
    """

    def evalf(self, *args: Any, **kwargs: Any) -> "PointTuple":
        return self

    n = evalf


@macro()
def point_set(*points: Any) -> sympy.FiniteSet:
    """Finite set of points given as tuples or lists, usable as a `set` answer: point_set((1, 2), (-1, 2))."""
    if len(points) == 1 and isinstance(points[0], (list, tuple)) and points[0] and \
            all(isinstance(p, (list, tuple, sympy.Tuple)) for p in points[0]):
        points = tuple(points[0])
    if not 1 <= len(points) <= 50:
        raise SandboxError("point_set() takes 1 to 50 points")
    out = []
    for p in points:
        if not isinstance(p, (list, tuple, sympy.Tuple)) or not 1 <= len(p) <= 6:
            raise SandboxError("point_set() needs points written as tuples, e.g. (1, 2)")
        out.append(PointTuple(*[to_sympy(v) for v in p]))
    return sympy.FiniteSet(*out)


@macro()
def closed_interval_extrema(f: Any, x: Any, lo: Any, hi: Any, critical: Sequence[Any]) -> Extrema:
    """Extrema (maximum, argmax, minimum, argmin, unique, table) of f on [lo, hi].

    The candidates are the endpoints and the given critical points inside the interval.
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
    return Extrema(top, at_top[0], bottom, at_bottom[0], unique, table)
