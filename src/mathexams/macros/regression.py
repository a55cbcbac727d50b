"""Least squares: design matrices, data whose fitted line is exact, and planes to project onto.

Data are built from the answer backwards: integer noise orthogonal to the columns of the design
matrix (polynomial contrasts, or a null-space vector found with fractions) leaves the least-squares
coefficients exactly the chosen ones, so keys are small and exact.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import sympy

from ..api import Record, SandboxError, as_int, macro, to_sympy
from .matrices import det_exact, fraction_vector, solve_exact

_ATTEMPTS = 200


class LineData(Record):
    """x and y values of a data set."""

    xs: list
    ys: list


class Plane(Record):
    """Two vectors spanning a plane in R^3 and the plane's primitive integer normal."""

    a1: sympy.Matrix
    a2: sympy.Matrix
    normal: sympy.Matrix


@macro()
def poly_design_matrix(xs: Any, degree: Any = 1) -> sympy.Matrix:
    """Design matrix with columns 1, x, ..., x**degree for the data xs (degree 1 or 2)."""
    values = list(xs)
    d = as_int(degree, "poly_design_matrix")
    if d not in (1, 2) or not 2 <= len(values) <= 20:
        raise SandboxError("poly_design_matrix() needs degree 1 or 2 and 2..20 points")
    return sympy.Matrix(len(values), d + 1, lambda i, j: to_sympy(values[i]) ** j)


# Orthogonal-polynomial contrasts for equally spaced x: orthogonal to (1, ..., 1) and to x.
_CONTRASTS = {
    4: [(1, -1, -1, 1), (-1, 3, -3, 1)],
    5: [(2, -1, -2, -1, 2), (-1, 2, 0, -2, 1)],
    6: [(5, -1, -4, -4, -1, 5), (-5, 7, 4, -4, -7, 5)],
}


@macro(needs_rng=True)
def regression_line_data(rng: Any, n: Any) -> LineData:
    """LineData (xs, ys): n = 4..6 equally spaced integer x and integer y whose least-squares line is small and exact.

    y = c0 + c1 x + r with r a combination of quadratic/cubic contrasts (orthogonal to 1 and
    x), so the fitted coefficients are exactly c0 and c1 (c1 may be a half when every x is even).
    """
    n = as_int(n, "regression_line_data")
    if n not in _CONTRASTS:
        raise SandboxError("regression_line_data() supports 4, 5 or 6 points")
    step = rng.choice((1, 2))
    x0 = rng.integer(0, 3)
    xs = [x0 + step * t for t in range(n)]
    if all(x % 2 == 0 for x in xs) and rng.below(2):
        c1 = sympy.Rational(rng.choice((-3, -1, 1, 3, 5)), 2)
    else:
        c1 = sympy.Integer(rng.choice((-4, -3, -2, -1, 1, 2, 3, 4)))
    c0 = sympy.Integer(rng.integer(-5, 9))
    lim = 1 if n == 6 else 2
    while True:
        a, b = rng.integer(-lim, lim), rng.integer(-lim, lim)
        if a or b:
            break
    quad, cubic = _CONTRASTS[n]
    ys = [c0 + c1 * x + a * q + b * c for x, q, c in zip(xs, quad, cubic)]
    return LineData(xs, [int(y) for y in ys])


def _primitive_normals() -> tuple:
    out = []
    r = range(-2, 3)
    for n in ((x, y, z) for x in r for y in r for z in r):
        s = sum(v * v for v in n)
        if 2 <= s <= 14 and math.gcd(math.gcd(n[0], n[1]), n[2]) == 1 and next(v for v in n if v) > 0:
            # small integer vectors orthogonal to n: the columns a plane can be spanned by
            perp = [w for w in ((x, y, z) for x in r for y in r for z in r)
                    if any(w) and w[0] * n[0] + w[1] * n[1] + w[2] * n[2] == 0]
            out.append((n, tuple(perp)))
    return tuple(out)


_NORMALS = _primitive_normals()


@macro(needs_rng=True)
def plane_spanning_pair(rng: Any) -> Plane:
    """Plane (a1, a2, normal): independent integer vectors in R^3 (entries -2..2) spanning a plane, 2 <= |normal|^2 <= 14.

    The projection onto the plane, I - n n^T / |n|^2, then has denominators dividing |n|^2.
    """
    for _ in range(_ATTEMPTS):
        n, perp = rng.choice(_NORMALS)
        a1, a2 = rng.choice(perp), rng.choice(perp)
        cross = (a1[1] * a2[2] - a1[2] * a2[1], a1[2] * a2[0] - a1[0] * a2[2], a1[0] * a2[1] - a1[1] * a2[0])
        if not any(cross):
            continue
        if sum(1 for v in a1 + a2 if v == 0) > 2:
            continue  # keep the columns from being mostly coordinate vectors
        return Plane(sympy.Matrix(a1), sympy.Matrix(a2), sympy.Matrix(n))
    raise SandboxError("plane_spanning_pair() could not find two independent columns")


@macro(needs_rng=True)
def exact_fit_noise(rng: Any, vectors: Sequence[Any], bound: Any = 3) -> list[int]:
    """Non-zero integer vector e with |e_i| <= bound, orthogonal to each given vector (e.g. 1 and x).

    Adding e to y = w x + b leaves the least-squares fit exactly (b, w): the residuals are e.
    """
    M = [fraction_vector(v) for v in vectors]
    m, bound = len(M), int(bound)
    if m < 1 or bound < 1:
        raise SandboxError("exact_fit_noise() needs at least one vector and bound >= 1")
    n = len(M[0])
    if any(len(r) != n for r in M) or n - m < 1 or n > 12:
        raise SandboxError("exact_fit_noise() needs vectors of one length n > number of vectors")
    # pivot columns whose square block has the smallest |det| (ideally 1: integer solutions always)
    best = None
    for cols in itertools.combinations(range(n), m):
        block = [[M[i][c] for c in cols] for i in range(m)]
        d = abs(det_exact(block))
        if d != 0 and (best is None or d < best[0]):
            best = (d, cols)
            if d == 1:
                break
    if best is None:
        raise SandboxError("exact_fit_noise(): the vectors are dependent")
    pivots = list(best[1])
    free = [c for c in range(n) if c not in pivots]
    block = [[M[i][c] for c in pivots] for i in range(m)]
    for _ in range(_ATTEMPTS):
        e = [Fraction(0)] * n
        for c in free:
            e[c] = Fraction(rng.integer(-2, 2))
        if not any(e[c] for c in free):
            continue
        rhs = [-sum(M[i][c] * e[c] for c in free) for i in range(m)]
        sol = solve_exact(block, rhs)
        for c, v in zip(pivots, sol):
            e[c] = v
        if all(v.denominator == 1 and abs(v) <= bound for v in e):
            return [int(v) for v in e]
    raise SandboxError(f"could not find integer noise within {bound} orthogonal to the vectors")


@macro()
def line_values(xs: Sequence[Any], w: Any, b: Any, noise: Sequence[Any] | None = None) -> list[Any]:
    """The list w*x_i + b (+ noise_i) for the given x values, exactly."""
    xs = list(xs)
    if not 1 <= len(xs) <= 50:
        raise SandboxError("line_values() takes 1 to 50 x values")
    eps = list(noise) if noise is not None else [0] * len(xs)
    if len(eps) != len(xs):
        raise SandboxError("line_values(): noise and x values differ in length")
    w, b = to_sympy(w), to_sympy(b)
    return [w * to_sympy(x) + b + to_sympy(e) for x, e in zip(xs, eps)]


@macro()
def mse_loss(xs: Sequence[Any], ys: Sequence[Any], w: Any, b: Any = 0) -> Any:
    """Mean squared error (1/n) sum (w x_i + b - y_i)^2 as a SymPy expression (w, b numbers or symbols)."""
    xs, ys = list(xs), list(ys)
    if len(xs) != len(ys) or not 1 <= len(xs) <= 50:
        raise SandboxError("mse_loss() needs x and y lists of one length (1..50)")
    terms = [(w * to_sympy(x) + b - to_sympy(y)) ** 2 for x, y in zip(xs, ys)]
    return sympy.Add(*terms) / len(xs)


# ---------------------------------------------------------------------------------------------
# Weeks 9-10: residuals of a fitted line, and real-looking paired data for calculator forms.
# ---------------------------------------------------------------------------------------------

class LineFit(Record):
    """The least-squares line y = intercept + slope x of a data set, with its residual summary (all exact)."""

    intercept: Any
    slope: Any
    fitted: list            # y-hat_i
    residuals: list         # y_i - y-hat_i
    sse: Any                # sum of squared residuals
    sst: Any                # sum of (y_i - mean y)^2
    r_squared: Any          # 1 - sse/sst


@macro()
def least_squares_line(xs: Sequence[Any], ys: Sequence[Any]) -> LineFit:
    """LineFit (intercept, slope, fitted, residuals, sse, sst, r_squared) of y on x, in exact fractions."""
    x = [to_fraction_value(v) for v in xs]
    y = [to_fraction_value(v) for v in ys]
    n = len(x)
    if n != len(y) or not 3 <= n <= 60:
        raise SandboxError("least_squares_line() needs 3..60 (x, y) pairs")
    mx, my = sum(x) / n, sum(y) / n
    sxx = sum((a - mx) ** 2 for a in x)
    if sxx == 0:
        raise SandboxError("least_squares_line(): every x is the same")
    slope = sum((a - mx) * (b - my) for a, b in zip(x, y)) / sxx
    intercept = my - slope * mx
    fitted = [intercept + slope * a for a in x]
    resid = [b - f for b, f in zip(y, fitted)]
    sse = sum(r * r for r in resid)
    sst = sum((b - my) ** 2 for b in y)
    r2 = 1 - sse / sst if sst else Fraction(1)
    R = sympy.Rational
    return LineFit(R(intercept.numerator, intercept.denominator), R(slope.numerator, slope.denominator),
                   [R(v.numerator, v.denominator) for v in fitted], [R(v.numerator, v.denominator) for v in resid],
                   R(sse.numerator, sse.denominator), R(sst.numerator, sst.denominator), R(r2.numerator, r2.denominator))


def to_fraction_value(v: Any) -> Fraction:
    """An exact number (int, Rational) as a Fraction; anything inexact is refused."""
    r = to_sympy(v)
    if not r.is_Rational:
        raise SandboxError(f"least_squares_line() needs exact rational data, got {v}")
    return Fraction(int(r.p), int(r.q))


# Paired measurements that look real: (x label, y label, x range, intercept, slope, noise SD).
# Labels are LaTeX text; values are drawn with one decimal.
PAIRED_SCENARIOS = {
    "fuel": ("engine size (litres)", "fuel use (L per 100 km)", (1.0, 4.0), 4.0, 1.8, 0.8),
    "study": ("hours studied", "exam score (points)", (1.0, 20.0), 45.0, 2.1, 7.0),
    "houses": ("floor area (m$^2$)", "price (thousand euros)", (50.0, 200.0), 40.0, 2.5, 35.0),
    "icecream": ("temperature ($^\\circ$C)", "ice-cream sales (units)", (12.0, 34.0), -20.0, 6.5, 18.0),
    "body": ("height (cm)", "mass (kg)", (150.0, 195.0), -95.0, 0.95, 7.0),
    # two measurements in the same unit (PCA on raw data makes sense for these)
    "exams": ("mathematics score (points)", "physics score (points)", (40.0, 95.0), 10.0, 0.85, 7.0),
    "heights": ("father's height (cm)", "son's height (cm)", (160.0, 195.0), 85.0, 0.55, 5.0),
    "grip": ("left-hand grip (kg)", "right-hand grip (kg)", (20.0, 55.0), 2.0, 0.98, 3.0),
}


class PairedData(Record):
    """n real-looking (x, y) measurements with one decimal each, and what they measure."""

    xs: list                # exact Rationals with one decimal
    ys: list
    x_label: str            # LaTeX text, e.g. "floor area (m$^2$)"
    y_label: str


def _normal_tenths(rng: Any) -> float:
    """A standard normal draw from the question's generator (sum of twelve uniforms minus 6)."""
    return sum(rng.integer(0, 9999) for _ in range(12)) / 10000 - 6


@macro(needs_rng=True, strings_ok=True)
def real_paired_data(rng: Any, n: Any, scenario: Any) -> PairedData:
    """PairedData (xs, ys, x_label, y_label): n pairs from a PAIRED_SCENARIOS line plus normal noise, one decimal each.

    x is uniform over the scenario's range; values print like measurements (1.8, 63.4) and every
    statistic computed from them is exact (Rationals).
    """
    n = as_int(n, "real_paired_data")
    if scenario not in PAIRED_SCENARIOS:
        raise SandboxError(f"unknown scenario {scenario!r}; the scenarios are {', '.join(PAIRED_SCENARIOS)}")
    if not 5 <= n <= 60:
        raise SandboxError("real_paired_data() takes 5..60 pairs")
    x_label, y_label, (lo, hi), b0, b1, sd = PAIRED_SCENARIOS[scenario]
    xs, ys = [], []
    for _ in range(n):
        x = lo + (hi - lo) * rng.integer(0, 1000) / 1000
        y = b0 + b1 * x + sd * _normal_tenths(rng)
        xs.append(sympy.Rational(round(x * 10), 10))
        ys.append(sympy.Rational(round(y * 10), 10))
    return PairedData(xs, ys, x_label, y_label)
