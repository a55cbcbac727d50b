"""Derivatives in one variable, checked by finite differences of the function itself.

Central differences at irrational-looking points (so a wrong key cannot agree by coincidence),
difference quotients at several steps, Newton's method for implicit curves, Hermite interpolants
for table rules, and sign scans of f' and f'' on a grid for monotonicity and concavity sets.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
import sympy

from ..api import CheckFailed, array_function, check, float_function, to_float

# Sample points for checks in one variable: irrational-looking so that a wrong answer
# does not agree by coincidence, spread over [-2.3, 2.7].
DEFAULT_POINTS = (-2.31, -1.37, -0.52, 0.29, 0.83, 1.41, 2.17, 2.73)


def _points(f: Any, x: Any, points: Sequence[Any] | None, need: int = 3) -> list[float]:
    fn = float_function(f, [x])
    candidates = [to_float(p) for p in points] if points else list(DEFAULT_POINTS)
    usable = [p for p in candidates if math.isfinite(fn(p)) and math.isfinite(fn(p + 1e-3)) and math.isfinite(fn(p - 1e-3))]
    if len(usable) < min(need, len(candidates)):
        raise CheckFailed(f"the function is undefined at most check points {candidates}")
    return usable


@check()
def derivative_matches(f: Any, df: Any, x: Any, points: Sequence[Any] | None = None) -> bool:
    """df is f' : compare with central finite differences (h = 1e-5) at several points."""
    fn, dfn = float_function(f, [x]), float_function(df, [x])
    for p in _points(f, x, points):
        h = 1e-5 * max(1.0, abs(p))
        fd = (fn(p + h) - fn(p - h)) / (2 * h)
        exact = dfn(p)
        if not math.isclose(fd, exact, rel_tol=1e-5, abs_tol=1e-5):
            raise CheckFailed(f"at {x} = {p:g}: finite difference {fd:.8g} vs key {exact:.8g}")
    return True


@check()
def second_derivative_matches(f: Any, d2f: Any, x: Any, points: Sequence[Any] | None = None) -> bool:
    """d2f is f'' : compare with second central differences (h = 1e-4)."""
    fn, d2 = float_function(f, [x]), float_function(d2f, [x])
    for p in _points(f, x, points):
        h = 1e-4 * max(1.0, abs(p))
        fd = (fn(p + h) - 2 * fn(p) + fn(p - h)) / (h * h)
        exact = d2(p)
        if not math.isclose(fd, exact, rel_tol=1e-4, abs_tol=1e-3):
            raise CheckFailed(f"at {x} = {p:g}: second difference {fd:.8g} vs key {exact:.8g}")
    return True


# Step sizes (irrational-looking so that a wrong key does not agree by coincidence).
QUOTIENT_STEPS = (0.371, 0.613, -0.217, 0.829, 1.293)


@check()
def difference_quotient_matches(f: Any, x: Any, a: Any, q: Any, h: Any) -> bool:
    """q(h) is the difference quotient (f(a + h) - f(a))/h: compare numerically for several h."""
    fn, qn = float_function(f, [x]), float_function(q, [h])
    at = to_float(a)
    fa = fn(at)
    if not math.isfinite(fa):
        raise CheckFailed(f"f is undefined at {a}")
    used = 0
    for step in QUOTIENT_STEPS:
        fah = fn(at + step)
        if not math.isfinite(fah):
            continue
        numeric = (fah - fa) / step
        key = qn(step)
        if not (math.isfinite(key) and math.isclose(numeric, key, rel_tol=1e-9, abs_tol=1e-9)):
            raise CheckFailed(f"at h = {step}: quotient {numeric:.10g} vs key {key}")
        used += 1
    if used < 3:
        raise CheckFailed("f is undefined at most test steps")
    return True


@check()
def fd_slope(f: Any, x: Any, a: Any) -> float:
    """f'(a) by the five-point central difference (h = 1e-3)."""
    fn = float_function(f, [x])
    at = to_float(a)
    h = 1e-3 * max(1.0, abs(at))
    vals = [fn(at + k * h) for k in (-2, -1, 1, 2)]
    if not all(math.isfinite(v) for v in vals):
        raise CheckFailed(f"f is undefined next to {a}")
    return (vals[0] - 8 * vals[1] + 8 * vals[2] - vals[3]) / (12 * h)


@check()
def tangent_line_matches(f: Any, line: Any, x: Any, a: Any) -> bool:
    """line is the tangent to y = f(x) at x = a: it is linear, passes through (a, f(a)), and f - line = O(dx^2)."""
    fn, ln_ = float_function(f, [x]), float_function(line, [x])
    at = to_float(a)
    # linear: equal second differences vanish
    pts = [ln_(at + k) for k in (-1.3, 0.0, 1.7)]
    slope1, slope2 = (pts[1] - pts[0]) / 1.3, (pts[2] - pts[1]) / 1.7
    if not math.isclose(slope1, slope2, rel_tol=1e-9, abs_tol=1e-9):
        raise CheckFailed(f"the key is not a straight line (slopes {slope1:.8g}, {slope2:.8g})")
    if not math.isclose(fn(at), ln_(at), rel_tol=1e-9, abs_tol=1e-9):
        raise CheckFailed(f"the line misses the point: f({a}) = {fn(at):.8g}, line {ln_(at):.8g}")
    slope = fd_slope(f, x, a)
    if not math.isclose(slope, slope1, rel_tol=1e-6, abs_tol=1e-6):
        raise CheckFailed(f"slope of the line {slope1:.8g} vs finite difference {slope:.8g}")
    return True


def _hermite(xs: Sequence[float], values: Sequence[float], slopes: Sequence[float]) -> np.ndarray:
    """Coefficients (highest first) of the polynomial with given values and slopes at xs."""
    n = len(xs)
    deg = 2 * n - 1
    rows, rhs = [], []
    for xv, v, s in zip(xs, values, slopes):
        rows.append([xv ** (deg - k) for k in range(deg + 1)])
        rhs.append(v)
        rows.append([(deg - k) * xv ** (deg - k - 1) if k < deg else 0.0 for k in range(deg + 1)])
        rhs.append(s)
    return np.linalg.solve(np.array(rows, dtype=float), np.array(rhs, dtype=float))


@check(strings_ok=True)
def table_combo_numeric(xs: Sequence[Any], f: Sequence[Any], fp: Sequence[Any], g: Sequence[Any],
                        gp: Sequence[Any], a: Any, op: Any) -> float:
    """(fg)'(a), (f/g)'(a) or (f o g)'(a) (op 'product', 'quotient', 'composition') from a table of values and slopes.

    f and g are rebuilt as Hermite interpolants of the table; the combination is differentiated by finite differences.
    """
    X = [to_float(v) for v in xs]
    F = _hermite(X, [to_float(v) for v in f], [to_float(v) for v in fp])
    G = _hermite(X, [to_float(v) for v in g], [to_float(v) for v in gp])
    code = str(op)

    def combo(t: float) -> float:
        fv, gv = np.polyval(F, t), np.polyval(G, t)
        if code == "product":
            return fv * gv
        if code == "quotient":
            return fv / gv
        if code == "composition":
            return np.polyval(F, gv)
        raise CheckFailed(f"unknown combination code {op}")

    at, h = to_float(a), 1e-4
    return float((combo(at - 2 * h) - 8 * combo(at - h) + 8 * combo(at + h) - combo(at + 2 * h)) / (12 * h))


def _interval_parts(S: Any) -> list[tuple[float, float, bool, bool]]:
    """(start, end, left_open, right_open) as floats for an interval, a union of intervals, the empty set or R."""
    if isinstance(S, sympy.Interval):
        parts = [S]
    elif isinstance(S, sympy.Union):
        parts = list(S.args)
        if not all(isinstance(p, sympy.Interval) for p in parts):
            raise CheckFailed(f"expected a union of intervals, got {S}")
    elif S == sympy.S.EmptySet:
        parts = []
    elif S == sympy.S.Reals:
        return [(-math.inf, math.inf, True, True)]
    else:
        raise CheckFailed(f"expected an interval or a union, got {S}")
    return [(to_float(I.start), to_float(I.end), bool(I.left_open), bool(I.right_open)) for I in parts]


def _member(parts: list[tuple[float, float, bool, bool]], v: np.ndarray) -> np.ndarray:
    inside = np.zeros(v.shape, dtype=bool)
    for lo, hi, lo_open, hi_open in parts:
        left = (v > lo) if lo_open else (v >= lo)
        right = (v < hi) if hi_open else (v <= hi)
        inside |= left & right
    return inside


@check()
def fd_sign_set_matches(f: Any, x: Any, S: Any, lo: Any, hi: Any, order: Any = 2) -> bool:
    """S is where the order-th derivative of f is positive: finite differences on a grid over [lo, hi].

    Grid points within 0.02 of a boundary of S are skipped (the derivative is small there).
    """
    k = int(order)
    if k not in (0, 1, 2):
        raise CheckFailed("order must be 0, 1 or 2")
    parts = _interval_parts(S)
    bounds = np.array([e for p in parts for e in p[:2] if math.isfinite(e)], dtype=float)
    grid = np.linspace(to_float(lo), to_float(hi), 401) + 0.0137
    if bounds.size:
        grid = grid[np.min(np.abs(grid[:, None] - bounds[None, :]), axis=1) >= 0.02]
    fn = array_function(f, [x])
    h = 1e-3
    if k == 0:
        d = fn(grid)
    elif k == 1:
        d = (fn(grid + h) - fn(grid - h)) / (2 * h)
    else:
        d = (fn(grid + h) - 2 * fn(grid) + fn(grid - h)) / (h * h)
    ok = np.isfinite(d)
    if int(np.sum(ok)) < 50:
        raise CheckFailed("too few grid points could be tested")
    bad = ok & ((d > 0) != _member(parts, grid))
    if np.any(bad):
        i = int(np.argmax(bad))
        raise CheckFailed(f"at {x} = {grid[i]:.4g} the finite-difference derivative of order {k} is {d[i]:.5g}, "
                          f"but the key set {'contains' if _member(parts, grid[i:i + 1])[0] else 'excludes'} the point")
    return True


@check()
def implicit_slope_numeric(F: Any, x: Any, y: Any, x0: Any, y0: Any) -> float:
    """dy/dx at (x0, y0) on the curve F(x, y) = 0: Newton's method for y near x0, then a five-point central difference."""
    fn = float_function(F, [x, y])
    a, b = to_float(x0), to_float(y0)
    if abs(fn(a, b)) > 1e-9 * max(1.0, abs(a), abs(b)) ** 3:
        raise CheckFailed(f"({x0}, {y0}) is not on the curve: F = {fn(a, b):.3g}")

    def y_at(xv: float) -> float:
        yv = b
        for _ in range(50):
            dy = 1e-6 * max(1.0, abs(yv))
            fy = (fn(xv, yv + dy) - fn(xv, yv - dy)) / (2 * dy)
            if fy == 0 or not math.isfinite(fy):
                raise CheckFailed("the curve is vertical or undefined near the point")
            step = fn(xv, yv) / fy
            yv -= step
            if abs(step) < 1e-14 * max(1.0, abs(yv)):
                break
        return yv

    h = 1e-5
    return (y_at(a - 2 * h) - 8 * y_at(a - h) + 8 * y_at(a + h) - y_at(a + 2 * h)) / (12 * h)


# ---------------------------------------------------------------- local extrema (bank-calc1)


@check()
def fd_local_extrema(f: Any, x: Any, lo: Any, hi: Any, n: Any = 1500) -> list[list[float]]:
    """[local maxima, local minima] of f inside (lo, hi): sign changes of a finite-difference f' on a grid.

    Each sign change is refined on ever finer grids of the same finite difference; + to - is a maximum,
    - to + a minimum. Points where f' touches 0 without changing sign are not extrema and are skipped.
    """
    fn = array_function(f, [x])
    a, b, steps = to_float(lo), to_float(hi), int(n)
    if not (a < b and 100 <= steps <= 100_000):
        raise CheckFailed("fd_local_extrema() needs lo < hi and 100 <= n <= 100000")
    h = 1e-6 * max(1.0, abs(a), abs(b))

    def slope(v: Any) -> np.ndarray:
        v = np.asarray(v, dtype=float)
        return (fn(v + h) - fn(v - h)) / (2 * h)

    grid = np.linspace(a, b, steps + 1) + (b - a) / steps * 0.2917
    grid = grid[grid < b]
    d = slope(grid)
    if not np.all(np.isfinite(d)):
        raise CheckFailed("f is undefined somewhere on the interval")
    maxima: list[float] = []
    minima: list[float] = []
    for i in np.nonzero(d[:-1] * d[1:] < 0)[0]:
        left, right = float(grid[i]), float(grid[i + 1])
        for _ in range(4):          # each round narrows the bracket 200-fold, vectorised
            fine = np.linspace(left, right, 201)
            signs = slope(fine) * d[i] > 0
            j = int(np.argmin(signs)) if not signs[-1] else 200
            left, right = float(fine[max(j - 1, 0)]), float(fine[min(j, 200)])
        (maxima if d[i] > 0 else minima).append((left + right) / 2)
    return [maxima, minima]


@check()
def fd_critical_points(f: Any, x: Any, lo: Any, hi: Any) -> list[float]:
    """Every point inside (lo, hi) where a finite-difference f' changes sign, sorted (maxima and minima together)."""
    maxima, minima = fd_local_extrema(f, x, lo, hi)
    return sorted(maxima + minima)
