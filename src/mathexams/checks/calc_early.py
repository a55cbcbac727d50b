"""Independent checks used mainly by the calculus templates of weeks 1-6.

Each check recomputes a key numerically, never with the SymPy call that produced it:
limits by evaluating next to the point, derivatives by finite differences, roots by a
sign-change scan with bisection, extrema by a dense NumPy grid, implicit slopes by
Newton's method on the curve, table combinations through Hermite interpolants, Riemann
sums by vectorised NumPy sums.
"""

from __future__ import annotations

import math
from typing import Any, Sequence

import numpy as np
import sympy

from ..api import to_sympy
from ..api import bisect, float_function, to_float
from ..api import CheckFailed
from ..api import check

# Step sizes (irrational-looking so that a wrong key does not agree by coincidence).
QUOTIENT_STEPS = (0.371, 0.613, -0.217, 0.829, 1.293)


def _finite(v: float) -> bool:
    return isinstance(v, float) and math.isfinite(v)


_NP_UNARY = {
    sympy.sin: np.sin, sympy.cos: np.cos, sympy.tan: np.tan, sympy.exp: np.exp,
    sympy.Abs: np.abs, sympy.atan: np.arctan, sympy.sinh: np.sinh, sympy.cosh: np.cosh,
    sympy.tanh: np.tanh,
}


def _np_compile(expr: Any, x: Any) -> Any:
    """A vectorised NumPy evaluator of a SymPy expression in one variable (None if unsupported)."""
    if expr == x:
        return lambda v: v
    if expr.is_Number or expr.is_NumberSymbol:
        c = float(expr)
        return lambda v: np.full_like(v, c)
    if not expr.free_symbols <= {x}:
        return None
    if expr.is_Add or expr.is_Mul:
        parts = [_np_compile(a, x) for a in expr.args]
        if any(p is None for p in parts):
            return None
        if expr.is_Add:
            return lambda v: sum(p(v) for p in parts)

        def mul(v: np.ndarray) -> np.ndarray:
            acc = np.ones_like(v)
            for p in parts:
                acc = acc * p(v)
            return acc

        return mul
    if expr.is_Pow:
        base, ex = _np_compile(expr.base, x), _np_compile(expr.exp, x)
        if base is None or ex is None:
            return None
        return lambda v: np.power(base(v), ex(v))
    if expr.func is sympy.log and len(expr.args) == 1:
        arg = _np_compile(expr.args[0], x)
        return None if arg is None else (lambda v: np.log(arg(v)))
    if expr.func in _NP_UNARY and len(expr.args) == 1:
        fn, arg = _NP_UNARY[expr.func], _np_compile(expr.args[0], x)
        return None if arg is None else (lambda v: fn(arg(v)))
    return None


def vectorised(f: Any, x: Any) -> Any:
    """f as a function of a float array: NumPy ufuncs where possible, else point by point; nan where undefined."""
    expr = to_sympy(f)
    compiled = _np_compile(expr, x)
    if compiled is None:
        fn = float_function(expr, [x])
        return lambda v: np.array([fn(float(t)) for t in v], dtype=float)

    def run(v: np.ndarray) -> np.ndarray:
        with np.errstate(all="ignore"):
            out = np.asarray(compiled(np.asarray(v, dtype=float)), dtype=float)
        return np.where(np.isfinite(out), out, np.nan)

    return run


@check()
def numeric_limit(f: Any, x: Any, a: Any, direction: Any = 0) -> float:
    """The limit of f at a point estimated from values next to it (both sides averaged, or one side)."""
    fn = float_function(f, [x])
    at = to_float(a)
    side = int(direction)
    h = 1e-5 * max(1.0, abs(at))
    if side == 0:
        left, right = fn(at - h), fn(at + h)
        if not (_finite(left) and _finite(right)):
            raise CheckFailed(f"f is undefined next to {a}")
        if not math.isclose(left, right, rel_tol=1e-3, abs_tol=1e-3):
            raise CheckFailed(f"one-sided values differ near {a}: {left:.8g} vs {right:.8g}")
        return (left + right) / 2
    # one side: Richardson extrapolation of f(a + s h) and f(a + s h / 2)
    s = 1 if side > 0 else -1
    v1, v2 = fn(at + s * h), fn(at + s * h / 2)
    if not (_finite(v1) and _finite(v2)):
        raise CheckFailed(f"f is undefined on the {'right' if s > 0 else 'left'} of {a}")
    return 2 * v2 - v1


@check()
def option_key_matches(answer: Sequence[Any], values: Sequence[Any], reference: Any, tol: Any = 1e-6) -> bool:
    """A choice key: exactly one option is marked correct, its value matches the reference and no other does.

    `answer` is the tuple of option truth values, `values` the options' values in the same
    order (None for a text option such as "does not exist", which is then taken as wrong),
    `reference` an independently computed number.
    """
    flags = [bool(v) if v is not None else False for v in answer]
    if len(flags) != len(values):
        raise CheckFailed(f"{len(flags)} options but {len(values)} values")
    if flags.count(True) != 1:
        raise CheckFailed(f"{flags.count(True)} options are marked correct")
    ref = to_float(reference)
    if not math.isfinite(ref):
        raise CheckFailed(f"the reference value {reference} is not a finite number")
    for i, (flag, value) in enumerate(zip(flags, values)):
        if value is None:
            if flag:
                raise CheckFailed(f"option {i} (text) is marked correct but the reference is {ref:.8g}")
            continue
        v = to_float(value)
        hit = math.isfinite(v) and math.isclose(v, ref, rel_tol=float(tol), abs_tol=float(tol))
        if flag and not hit:
            raise CheckFailed(f"the keyed option {value} = {v:.8g} differs from the reference {ref:.8g}")
        if not flag and hit:
            raise CheckFailed(f"distractor {i} ({value}) equals the reference {ref:.8g}")
    return True


@check()
def difference_quotient_matches(f: Any, x: Any, a: Any, q: Any, h: Any) -> bool:
    """q(h) is the difference quotient (f(a + h) - f(a))/h: compare numerically for several h."""
    fn, qn = float_function(f, [x]), float_function(q, [h])
    at = to_float(a)
    fa = fn(at)
    if not _finite(fa):
        raise CheckFailed(f"f is undefined at {a}")
    used = 0
    for step in QUOTIENT_STEPS:
        fah = fn(at + step)
        if not _finite(fah):
            continue
        numeric = (fah - fa) / step
        key = qn(step)
        if not (_finite(key) and math.isclose(numeric, key, rel_tol=1e-9, abs_tol=1e-9)):
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
    if not all(_finite(v) for v in vals):
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


@check()
def scan_roots(f: Any, x: Any, lo: Any, hi: Any, n: Any = 2000) -> list[float]:
    """Real roots of f in [lo, hi] by a sign-change scan on n steps and bisection (skips undefined points)."""
    fn = float_function(f, [x])
    a, b, steps = to_float(lo), to_float(hi), int(n)
    if not (a < b and 10 <= steps <= 20_000):
        raise CheckFailed("scan_roots() needs lo < hi and 10 <= n <= 20000")
    xs = np.linspace(a, b, steps + 1)
    # shift the grid slightly so that integer roots do not sit exactly on it
    xs = xs + (b - a) / steps * 0.3183
    vals = vectorised(f, x)(xs)
    roots: list[float] = []
    for i in np.nonzero(np.isfinite(vals[:-1]) & np.isfinite(vals[1:]) & (vals[:-1] * vals[1:] < 0))[0]:
        roots.append(bisect(fn, float(xs[i]), float(xs[i + 1])))
    for i in np.nonzero(vals == 0)[0]:
        roots.append(float(xs[i]))
    return roots


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


@check()
def table_combo_numeric(xs: Sequence[Any], f: Sequence[Any], fp: Sequence[Any], g: Sequence[Any],
                        gp: Sequence[Any], a: Any, op: Any) -> float:
    """(fg)'(a) (op 0), (f/g)'(a) (op 1) or (f o g)'(a) (op 2) from a table, via Hermite interpolants and finite differences."""
    X = [to_float(v) for v in xs]
    F = _hermite(X, [to_float(v) for v in f], [to_float(v) for v in fp])
    G = _hermite(X, [to_float(v) for v in g], [to_float(v) for v in gp])
    code = int(op)

    def combo(t: float) -> float:
        fv, gv = np.polyval(F, t), np.polyval(G, t)
        if code == 0:
            return fv * gv
        if code == 1:
            return fv / gv
        if code == 2:
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
    fn = vectorised(f, x)
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
            if fy == 0 or not _finite(fy):
                raise CheckFailed("the curve is vertical or undefined near the point")
            step = fn(xv, yv) / fy
            yv -= step
            if abs(step) < 1e-14 * max(1.0, abs(yv)):
                break
        return yv

    h = 1e-5
    return (y_at(a - 2 * h) - 8 * y_at(a - h) + 8 * y_at(a + h) - y_at(a + 2 * h)) / (12 * h)


@check()
def grid_extrema(f: Any, x: Any, lo: Any, hi: Any, n: Any = 20_000) -> list[float]:
    """[max, argmax, min, argmin] of f on [lo, hi]: a NumPy grid of n steps, refined around the best grid points."""
    fn = vectorised(f, x)
    a, b, steps = to_float(lo), to_float(hi), int(n)
    if not (a < b and 100 <= steps <= 1_000_000):
        raise CheckFailed("grid_extrema() needs lo < hi and 100 <= n <= 1e6")
    xs = np.linspace(a, b, steps + 1)
    ys = fn(xs)
    if not np.all(np.isfinite(ys)):
        raise CheckFailed("f is undefined somewhere on the interval")
    step = (b - a) / steps
    out: list[float] = []
    for pick in (np.argmax, np.argmin):
        i = int(pick(ys))
        fine = np.linspace(max(a, xs[i] - step), min(b, xs[i] + step), 2001)
        fy = fn(fine)
        j = int(pick(fy))
        out += [float(fy[j]), float(fine[j])]
    return out


@check()
def riemann_numeric(f: Any, x: Any, a: Any, b: Any, n: Any, theta: Any) -> float:
    """Riemann sum of f with n equal subintervals, sample point at fraction theta of each (0 left, 1/2 mid, 1 right)."""
    fn = float_function(f, [x])
    lo, hi, m, th = to_float(a), to_float(b), int(n), to_float(theta)
    dx = (hi - lo) / m
    pts = lo + (np.arange(m) + th) * dx
    vals = np.array([fn(float(p)) for p in pts])
    if not np.all(np.isfinite(vals)):
        raise CheckFailed("f is undefined at a sample point")
    return float(np.sum(vals) * dx)


@check()
def exceeds_matches(a: Any, b: Any, claim: Any, margin: Any = 1e-9) -> bool:
    """claim says whether a > b: compared in floating point, and a and b must differ by more than a margin."""
    u, v = to_float(a), to_float(b)
    if abs(u - v) <= float(margin) * max(1.0, abs(u), abs(v)):
        raise CheckFailed(f"{u:.10g} and {v:.10g} are too close to compare")
    if (u > v) != bool(claim):
        raise CheckFailed(f"{u:.10g} > {v:.10g} is {u > v}, key says {bool(claim)}")
    return True
