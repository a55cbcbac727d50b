"""Numbers for plots and independent checks: SymPy expressions as float functions, quadrature, rounding.

The one SymPy-to-float compiler lives here, in two forms sharing one function table: a scalar
function (`float_function`) and a NumPy-vectorised one (`array_function`). Each walks a closure
tree built once from the expression (no `eval`, no `lambdify` code generation, which costs about
a millisecond per call); anything not in the table falls back to point-by-point `evalf`.
Results are floats, `nan` where undefined.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import numpy as np
import sympy

from .coerce import NotANumber, to_sympy

FloatFn = Callable[[Sequence[float]], float]

# The function table: each SymPy function of one argument with its scalar and NumPy versions
# (None: NumPy has none, and vectorised evaluation falls back to the scalar one point by point).
_FUNCTIONS: dict[Any, tuple[Callable[[float], float], Any]] = {
    sympy.sin: (math.sin, np.sin), sympy.cos: (math.cos, np.cos), sympy.tan: (math.tan, np.tan),
    sympy.asin: (math.asin, np.arcsin), sympy.acos: (math.acos, np.arccos), sympy.atan: (math.atan, np.arctan),
    sympy.sinh: (math.sinh, np.sinh), sympy.cosh: (math.cosh, np.cosh), sympy.tanh: (math.tanh, np.tanh),
    sympy.exp: (math.exp, np.exp), sympy.Abs: (abs, np.abs), sympy.erf: (math.erf, None),
    sympy.erfc: (math.erfc, None), sympy.floor: (math.floor, np.floor), sympy.ceiling: (math.ceil, np.ceil),
    sympy.sign: (lambda v: float((v > 0) - (v < 0)), np.sign),
    # the rest of the answer checker's vocabulary (reciprocal and inverse hyperbolic functions...)
    sympy.sec: (lambda v: 1 / math.cos(v), None), sympy.csc: (lambda v: 1 / math.sin(v), None),
    sympy.cot: (lambda v: 1 / math.tan(v), None),
    sympy.asec: (lambda v: math.acos(1 / v), None), sympy.acsc: (lambda v: math.asin(1 / v), None),
    sympy.acot: (lambda v: math.atan(1 / v) if v else math.pi / 2, None),
    sympy.sech: (lambda v: 1 / math.cosh(v), None), sympy.csch: (lambda v: 1 / math.sinh(v), None),
    sympy.coth: (lambda v: 1 / math.tanh(v), None),
    sympy.asinh: (math.asinh, np.arcsinh), sympy.acosh: (math.acosh, np.arccosh), sympy.atanh: (math.atanh, np.arctanh),
    sympy.acoth: (lambda v: math.atanh(1 / v), None), sympy.asech: (lambda v: math.acosh(1 / v), None),
    sympy.acsch: (lambda v: math.asinh(1 / v), None),
    sympy.factorial: (lambda v: math.gamma(v + 1), None),
    sympy.DiracDelta: (lambda v: 0.0 if v else math.nan, None),
}
_UNARY: dict[Any, Callable[[float], float]] = {f: pair[0] for f, pair in _FUNCTIONS.items()}


def _safe(fn: Callable[[], float]) -> float:
    try:
        v = fn()
    except (ValueError, ZeroDivisionError, OverflowError, TypeError):
        return math.nan
    if isinstance(v, complex):
        return math.nan
    return float(v)


def _compile(expr: Any, index: dict[Any, int]) -> FloatFn:
    if isinstance(expr, (int, float)):
        value = float(expr)
        return lambda p: value
    if expr.is_Symbol:
        if expr not in index:
            raise ValueError(f"free symbol {expr} has no value")
        i = index[expr]
        return lambda p: p[i]
    if expr.is_Number or expr.is_NumberSymbol:
        value = float(expr)
        return lambda p: value
    if expr.is_Add:
        terms = [_compile(a, index) for a in expr.args]
        return lambda p: math.fsum(t(p) for t in terms)
    if expr.is_Mul:
        factors = [_compile(a, index) for a in expr.args]

        def mul(p: Sequence[float]) -> float:
            acc = 1.0
            for f in factors:
                acc *= f(p)
            return acc

        return mul
    if expr.is_Pow:
        base, e = _compile(expr.base, index), _compile(expr.exp, index)
        return lambda p: _safe(lambda: math.pow(base(p), e(p)))
    if expr.func is sympy.log:
        if len(expr.args) == 2:
            a, b = _compile(expr.args[0], index), _compile(expr.args[1], index)
            return lambda p: _safe(lambda: math.log(a(p)) / math.log(b(p)))
        a = _compile(expr.args[0], index)
        return lambda p: _safe(lambda: math.log(a(p)))
    if expr.func in _UNARY and len(expr.args) == 1:
        f, a = _UNARY[expr.func], _compile(expr.args[0], index)
        return lambda p: _safe(lambda: f(a(p)))
    if expr.func is sympy.atan2:
        y, x = _compile(expr.args[0], index), _compile(expr.args[1], index)
        return lambda p: math.atan2(y(p), x(p))
    if expr.func in (sympy.Max, sympy.Min):
        parts = [_compile(a, index) for a in expr.args]
        pick = max if expr.func is sympy.Max else min
        return lambda p: pick(t(p) for t in parts)
    if isinstance(expr, sympy.Piecewise):
        branches = [(_compile(e, index), _compile_condition(c, index)) for e, c in expr.args]

        def piecewise(p: Sequence[float]) -> float:
            for value, cond in branches:
                if cond(p):
                    return value(p)
            return math.nan

        return piecewise
    symbols = list(index)

    def fallback(p: Sequence[float]) -> float:
        v = expr.evalf(subs={s: p[index[s]] for s in symbols})
        return float(v) if v.is_real else math.nan

    return fallback


_RELATIONS = {
    sympy.StrictLessThan: lambda a, b: a < b, sympy.LessThan: lambda a, b: a <= b,
    sympy.StrictGreaterThan: lambda a, b: a > b, sympy.GreaterThan: lambda a, b: a >= b,
}


def _compile_condition(cond: Any, index: dict[Any, int]) -> Callable[[Sequence[float]], bool]:
    if cond is sympy.true or cond is True:
        return lambda p: True
    if cond is sympy.false or cond is False:
        return lambda p: False
    if type(cond) in _RELATIONS:
        rel, a, b = _RELATIONS[type(cond)], _compile(cond.lhs, index), _compile(cond.rhs, index)
        return lambda p: rel(a(p), b(p))
    if isinstance(cond, sympy.And):
        parts = [_compile_condition(c, index) for c in cond.args]
        return lambda p: all(c(p) for c in parts)
    if isinstance(cond, sympy.Or):
        parts = [_compile_condition(c, index) for c in cond.args]
        return lambda p: any(c(p) for c in parts)
    raise ValueError(f"cannot evaluate condition {cond}")


def float_function(expr: Any, symbols: Sequence[Any]) -> Callable[..., float]:
    """Return f(*values) -> float for a SymPy expression in the given symbols."""
    index = {s: i for i, s in enumerate(symbols)}
    compiled = _compile(to_sympy(expr), index)
    return lambda *values: _safe(lambda: compiled([float(v) for v in values]))


def to_float(value: Any) -> float:
    """A SymPy or Python number as a float (nan if it is not real)."""
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, (sympy.Integer, sympy.Rational, sympy.Float)):
        return float(value)  # exact types convert directly, without evalf
    try:
        value = to_sympy(value)  # sympy.N would parse text as Python
    except NotANumber:
        return math.nan
    try:
        v = complex(sympy.N(value, 17)) if not isinstance(value, (int, float)) else value
    except (TypeError, ValueError):
        return math.nan
    if isinstance(v, complex):
        return v.real if abs(v.imag) < 1e-12 else math.nan
    return float(v)


def bisect(fn: Callable[[float], float], lo: float, hi: float, *, tol: float = 1e-13) -> float:
    """A root of fn in [lo, hi], where fn changes sign, by bisection; stops early at a point where
    fn is undefined. ValueError when fn does not change sign on the interval."""
    flo, fhi = fn(lo), fn(hi)
    if not (math.isfinite(flo) and math.isfinite(fhi)) or flo * fhi > 0:
        raise ValueError(f"no sign change on [{lo:g}, {hi:g}] ({flo:.3g}, {fhi:.3g})")
    if flo == 0 or fhi == 0:
        return lo if flo == 0 else hi
    for _ in range(200):
        if hi - lo <= tol * max(1.0, abs(lo)):
            break
        mid = (lo + hi) / 2
        fmid = fn(mid)
        if not math.isfinite(fmid):
            break
        if fmid == 0:
            return mid
        if (fmid > 0) == (flo > 0):
            lo, flo = mid, fmid
        else:
            hi = mid
    return (lo + hi) / 2


# ---------------------------------------------------------------- vectorised evaluation


class _NotVectorisable(Exception):
    pass


ArrayFn = Callable[[np.ndarray], np.ndarray]


def _compile_array(expr: Any, index: dict[Any, int]) -> ArrayFn:
    """A closure evaluating `expr` on a (points x variables) float array with NumPy ufuncs."""
    if isinstance(expr, (int, float)) or expr.is_Number or expr.is_NumberSymbol:
        value = float(expr)
        return lambda P: np.full(P.shape[0], value)
    if expr.is_Symbol:
        if expr not in index:
            raise ValueError(f"free symbol {expr} has no value")
        i = index[expr]
        return lambda P: P[:, i]
    if expr.is_Add or expr.is_Mul:
        parts = [_compile_array(a, index) for a in expr.args]
        combine = np.add if expr.is_Add else np.multiply

        def fold(P: np.ndarray) -> np.ndarray:
            out = parts[0](P)
            for part in parts[1:]:
                out = combine(out, part(P))
            return out

        return fold
    if expr.is_Pow:
        base, e = _compile_array(expr.base, index), _compile_array(expr.exp, index)
        return lambda P: np.power(base(P), e(P))
    if expr.func is sympy.log:
        args = [_compile_array(a, index) for a in expr.args]
        if len(args) == 2:
            return lambda P: np.log(args[0](P)) / np.log(args[1](P))
        return lambda P: np.log(args[0](P))
    if expr.func in _FUNCTIONS and len(expr.args) == 1 and _FUNCTIONS[expr.func][1] is not None:
        ufunc, arg = _FUNCTIONS[expr.func][1], _compile_array(expr.args[0], index)
        return lambda P: ufunc(arg(P))
    raise _NotVectorisable(str(expr.func))


def array_function(expr: Any, symbols: Sequence[Any]) -> ArrayFn:
    """Return f(P) -> float array for a SymPy expression: P holds one point per row (or, with one
    symbol, one value per entry). NumPy ufuncs where the table has them, else point by point;
    `nan` wherever the value is undefined or not finite."""
    symbols = list(symbols)
    index = {s: i for i, s in enumerate(symbols)}
    expr = to_sympy(expr)
    try:
        compiled = _compile_array(expr, index)
    except _NotVectorisable:
        scalar = _compile(expr, index)

        def at(row: Any) -> float:
            return _safe(lambda: scalar(row))

        def compiled(P: Any) -> np.ndarray:
            return np.array([at(row) for row in P.tolist()], dtype=float)

    def run(values: Any) -> np.ndarray:
        P = np.asarray(values, dtype=float)
        points = P.reshape(-1, 1) if P.ndim <= 1 and len(symbols) == 1 else np.atleast_2d(P)
        with np.errstate(all="ignore"):
            out = np.broadcast_to(np.asarray(compiled(points), dtype=float), (points.shape[0],))
        out = np.where(np.isfinite(out), out, np.nan)
        return out.reshape(P.shape) if P.ndim <= 1 and len(symbols) == 1 else out

    return run


_GAUSS_NODES, _GAUSS_WEIGHTS = np.polynomial.legendre.leggauss(24)


def gauss_legendre(fn: Callable[[np.ndarray], np.ndarray], lo: float, hi: float, *, panels: int = 16) -> float:
    """Integral over [lo, hi] of a vectorised function by composite 24-point Gauss-Legendre quadrature."""
    edges = np.linspace(float(lo), float(hi), int(panels) + 1)
    mids, halves = (edges[:-1] + edges[1:]) / 2, (edges[1:] - edges[:-1]) / 2
    nodes = mids[:, None] + halves[:, None] * _GAUSS_NODES[None, :]
    values = np.asarray(fn(nodes.reshape(-1)), dtype=float).reshape(nodes.shape)
    return float(np.sum(halves * (values @ _GAUSS_WEIGHTS)))


def quadrature(f: Any, x: Any, a: Any, b: Any, *, panels: int = 16) -> float:
    """Integral of a SymPy expression f over [a, b] by composite Gauss-Legendre quadrature (vectorised)."""
    return gauss_legendre(array_function(f, [x]), to_float(a), to_float(b), panels=panels)


# ---------------------------------------------------------------- rounding


def round_decimal(value: Any, places: int) -> sympy.Rational:
    """`value` rounded half away from zero to `places` decimals, as an exact Rational.

    Rationals round exactly; anything else (surds, erf, pi) is first evaluated to 30 more
    digits than kept, which cannot change the rounding of an irrational number.
    """
    places = int(places)
    exact = sympy.nsimplify(value) if isinstance(value, float) else to_sympy(value)
    if isinstance(exact, sympy.Rational):
        scaled = abs(exact) * sympy.Integer(10) ** places
        rounded = int(sympy.floor(scaled + sympy.Rational(1, 2)))
        negative = bool(exact < 0)
    else:
        if not isinstance(exact, sympy.Expr) or isinstance(exact, sympy.MatrixBase):  # truth values, sets, matrices
            raise TypeError(f"cannot round {value}: not a number")
        approx = sympy.N(exact, places + 30)
        if not (approx.is_real and approx.is_finite):
            raise ValueError(f"cannot round {value}: not a finite real number")
        digits = Decimal(str(approx))
        rounded = int(abs(digits).scaleb(places).quantize(Decimal(1), rounding=ROUND_HALF_UP))
        negative = digits < 0
    return sympy.Rational(-rounded if negative else rounded, 10**places)
