"""Turn SymPy expressions into plain float functions for plots and independent checks.

The compiled function walks a closure tree built once from the expression (no `eval`,
no `lambdify` code generation, which costs about a millisecond per call); anything it
does not know falls back to `evalf`. Results are floats, `nan` where undefined.
"""

from __future__ import annotations

import math
from typing import Any, Callable, Sequence

import sympy

from .coerce import NotANumber, to_sympy

FloatFn = Callable[[Sequence[float]], float]

_UNARY: dict[Any, Callable[[float], float]] = {
    sympy.sin: math.sin, sympy.cos: math.cos, sympy.tan: math.tan,
    sympy.asin: math.asin, sympy.acos: math.acos, sympy.atan: math.atan,
    sympy.sinh: math.sinh, sympy.cosh: math.cosh, sympy.tanh: math.tanh,
    sympy.exp: math.exp, sympy.Abs: abs, sympy.erf: math.erf, sympy.erfc: math.erfc,
    sympy.floor: math.floor, sympy.ceiling: math.ceil,
    sympy.sign: lambda v: float((v > 0) - (v < 0)),
}


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
