"""Optimisation: extrema on a closed interval, and sets of critical points as answers.

Keys come from candidates the template chose (the critical points it built into f), compared
exactly; nothing is solved here.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import sympy

from ..api import Record, SandboxError, as_int, macro, to_fraction, to_rational, to_sympy


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

    def evalf(self, *args: Any, **kwargs: Any) -> PointTuple:
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


# ---------------------------------------------------------------- absolute extrema of a quadratic on a rectangle


class RectangleExtrema(Record):
    """Absolute extrema of a quadratic f(x, y) on a closed rectangle, from every candidate point."""

    maximum: Any
    argmax: Any         # a point (x, y) where the maximum is attained (the first in `candidates`)
    minimum: Any
    argmin: Any
    candidates: list    # [(x, y), f(x, y), where] with where one of "interior", "edge", "corner"
    inside: bool        # True when an extreme value is attained at a non-corner candidate
    denominator: int    # the largest denominator among the candidates' coordinates and values


@macro()
def rectangle_extrema(coefficients: Sequence[Any], x1: Any, x2: Any, y1: Any, y2: Any) -> RectangleExtrema:
    """Absolute extrema (maximum, argmax, minimum, argmin, candidates, inside, denominator) of a quadratic on a rectangle.

    f = a x^2 + b xy + c y^2 + d x + e y + g with coefficients [a, b, c, d, e, g], on
    [x1, x2] x [y1, y2]. The candidates are the interior critical point (when there is one
    inside), the critical point of f restricted to each edge (when inside the edge) and the four
    corners: the method of closed, bounded regions, done exactly in fractions.
    """
    if len(coefficients) != 6:
        raise SandboxError("rectangle_extrema() needs the coefficients [a, b, c, d, e, g] of a x^2 + b xy + c y^2 + d x + e y + g")
    a, b, c, d, e, g = (to_fraction(v) for v in coefficients)
    X1, X2, Y1, Y2 = (to_fraction(v) for v in (x1, x2, y1, y2))
    if not (X1 < X2 and Y1 < Y2):
        raise SandboxError("rectangle_extrema() needs x1 < x2 and y1 < y2")
    value = lambda p, q: a * p * p + b * p * q + c * q * q + d * p + e * q + g  # noqa: E731
    found: list[tuple[tuple, str]] = []
    det = 4 * a * c - b * b
    if det != 0:  # grad f = 0: 2a x + b y + d = 0, b x + 2c y + e = 0
        px, py = (b * e - 2 * c * d) / det, (b * d - 2 * a * e) / det
        if X1 < px < X2 and Y1 < py < Y2:
            found.append(((px, py), "interior"))
    for q in (Y1, Y2):  # horizontal edges: d/dx f(x, q) = 2a x + b q + d
        if a != 0 and X1 < (p := -(b * q + d) / (2 * a)) < X2:
            found.append(((p, q), "edge"))
    for p in (X1, X2):  # vertical edges: d/dy f(p, y) = b p + 2c y + e
        if c != 0 and Y1 < (q := -(b * p + e) / (2 * c)) < Y2:
            found.append(((p, q), "edge"))
    found += [((p, q), "corner") for p in (X1, X2) for q in (Y1, Y2)]
    rows = [(pt, value(*pt), where) for pt, where in found]
    top = max(v for _, v, _ in rows)
    bottom = min(v for _, v, _ in rows)
    inside = any(w != "corner" and v in (top, bottom) for _, v, w in rows)
    denominator = max(t.denominator for pt, v, _ in rows for t in (*pt, v))
    point = lambda pt: PointTuple(*(to_rational(t) for t in pt))  # noqa: E731
    table = [(point(pt), to_rational(v), where) for pt, v, where in rows]
    arg_top = next(point(pt) for pt, v, _ in rows if v == top)
    arg_bottom = next(point(pt) for pt, v, _ in rows if v == bottom)
    return RectangleExtrema(to_rational(top), arg_top, to_rational(bottom), arg_bottom, table, inside, denominator)


# ---------------------------------------------------------------- best constant predictions (bank-calc1)

# Losses of predicting one constant c for data x_i with weights w_i, and the statistic minimising each.
CONSTANT_LOSSES = ("squared", "absolute", "max", "zero_one")


class BestConstant(Record):
    """The constant minimising a loss over weighted data: `value`, and `unique` (False when a whole
    interval or several values minimise it, e.g. an even split of the weight for the absolute loss)."""

    value: Any
    unique: bool


@macro(strings_ok=True)
def best_constant(values: Sequence[Any], weights: Sequence[Any], loss: Any) -> BestConstant:
    """BestConstant (value, unique) minimising a loss from CONSTANT_LOSSES over weighted data, exactly:
    squared -> the weighted mean, absolute -> the weighted median, max -> the midrange (weights play
    no part), zero_one -> the value with the largest total weight (the weighted mode)."""
    name = str(loss)
    if name not in CONSTANT_LOSSES:
        raise SandboxError(f"best_constant(): unknown loss {loss!r}; use one of {', '.join(CONSTANT_LOSSES)}")
    xs = [sympy.Rational(to_sympy(v)) for v in values]
    ws = [sympy.Rational(to_sympy(w)) for w in weights]
    if len(xs) != len(ws) or not xs or any(w <= 0 for w in ws):
        raise SandboxError("best_constant() needs one positive weight per value")
    if name == "squared":
        return BestConstant(sum(w * x for w, x in zip(ws, xs)) / sum(ws), True)
    if name == "max":
        return BestConstant((min(xs) + max(xs)) / 2, True)
    totals: dict[Any, Any] = {}
    for x, w in zip(xs, ws):
        totals[x] = totals.get(x, 0) + w
    if name == "zero_one":
        top = max(totals.values())
        winners = [x for x, w in totals.items() if w == top]
        return BestConstant(min(winners), len(winners) == 1)
    half, below = sum(ws) / 2, sympy.Integer(0)
    for x in sorted(totals):
        below += totals[x]
        if below == half:
            return BestConstant(x, False)      # every c between x and the next value is optimal
        if below > half:
            return BestConstant(x, True)
    raise SandboxError("best_constant(): no median found")   # unreachable: the weights add up


# ---------------------------------------------------------------- loss curves of real runs (bank-code, issue 11)

LOSS_KINDS = ("diverging", "oscillating", "slow", "good", "overfitting")


class LossHistory(Record):
    """Training and validation losses per iteration of one run, and how it was produced."""

    kind: str           # from LOSS_KINDS
    iterations: list    # 0, 1, ..., n
    train: list         # training loss after each iteration (floats rounded to 3 decimals)
    validation: list    # validation loss
    rate: Fraction      # the learning rate of the run
    momentum: Fraction  # 0 except for the oscillating run


@macro(needs_rng=True, strings_ok=True)
def loss_history(rng: Any, kind: Any, steps: Any = 12) -> LossHistory:
    """Gradient descent on L(w) = a (w - w*)^2 + L0 from w0 = w* + d (a in {1/2, 1}, d in {2, 3},
    L0 in {1/2, 1}), run for `steps` iterations with a learning rate chosen for the kind: 'good'
    (contraction 1 - 2 a eta in [0.3, 0.5]), 'slow' (in [0.97, 0.98]), 'diverging' (in [-1.25, -1.15]),
    'oscillating' (heavy-ball momentum 0.8 with contraction in [0.2, 0.4]: the loss rises and falls);
    the validation loss is the training loss plus a small constant gap that, for 'overfitting' (a
    'good' run otherwise), grows after a drawn iteration by c (t - t0)^2 so that the validation loss
    turns upwards."""
    if kind not in LOSS_KINDS:
        raise SandboxError(f"loss_history() kind must be one of {', '.join(LOSS_KINDS)}")
    n = as_int(steps, "loss_history")
    if not 6 <= n <= 30:
        raise SandboxError("loss_history() needs 6 to 30 steps")
    a = rng.choice((Fraction(1, 2), Fraction(1)))
    d = rng.choice((2, 3))
    floor = rng.choice((Fraction(1, 2), Fraction(1)))
    contraction = {"good": (30, 50), "overfitting": (30, 50), "slow": (97, 98), "diverging": (-125, -115),
                   "oscillating": (20, 40)}[kind]
    q = Fraction(rng.integer(*contraction), 100)
    rate = (1 - q) / (2 * a)
    beta = Fraction(4, 5) if kind == "oscillating" else Fraction(0)
    w, previous = Fraction(d), Fraction(d)   # w - w*
    train = []
    for _ in range(n + 1):
        train.append(float(a * w * w + floor))
        w, previous = w - rate * 2 * a * w + beta * (w - previous), w
    gap = rng.choice((0.1, 0.15, 0.2))
    turn = rng.integer(3, n // 2)
    growth = rng.choice((0.02, 0.03, 0.04))
    validation = [t + gap + (growth * (i - turn) ** 2 if kind == "overfitting" and i > turn else 0.0)
                  for i, t in enumerate(train)]
    return LossHistory(str(kind), list(range(n + 1)), [round(t, 3) for t in train], [round(v, 3) for v in validation],
                       rate, beta)
