"""Functions of one variable: values at points, roots by a sign-change scan and bisection.

Roots are found without SymPy's solvers: a dense vectorised scan finds sign changes and
bisection refines each one.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from ..api import CheckFailed, array_function, bisect, check, float_function, to_float
from .derivatives import _interval_parts, _member


@check()
def value_at(f: Any, variables: Any, point: Any) -> float:
    """f evaluated in floating point at a point (one value or a list)."""
    vs = list(variables) if isinstance(variables, (list, tuple)) else [variables]
    ps = list(point) if isinstance(point, (list, tuple)) else [point]
    return float_function(f, vs)(*[to_float(p) for p in ps])


@check()
def vanishes_at(f: Any, x: Any, points: Sequence[Any], tol: Any = 1e-9) -> bool:
    """f(p) = 0 at every point given (roots, critical points)."""
    fn = float_function(f, [x])
    for p in points:
        v = fn(to_float(p))
        if not abs(v) <= float(tol):
            raise CheckFailed(f"f({p}) = {v:.3g}, not 0")
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
    vals = array_function(f, [x])(xs)
    roots: list[float] = []
    for i in np.nonzero(np.isfinite(vals[:-1]) & np.isfinite(vals[1:]) & (vals[:-1] * vals[1:] < 0))[0]:
        roots.append(bisect(fn, float(xs[i]), float(xs[i + 1])))
    for i in np.nonzero(vals == 0)[0]:
        roots.append(float(xs[i]))
    return roots


@check()
def bisection_root(f: Any, x: Any, lo: Any, hi: Any) -> float:
    """The root of f in [lo, hi] by bisection (f must change sign on the interval)."""
    try:
        return bisect(float_function(f, [x]), to_float(lo), to_float(hi))
    except ValueError as exc:
        raise CheckFailed(f"f does not change sign: {exc}") from None


# ---------------------------------------------------------------- function families (bank-calc1)
# Domains, compositions and inverses, checked by evaluating the functions in floating point.

# Sample points for composition and inverse checks: irrational-looking, spread over [-3, 3].
FAMILY_POINTS = (-2.71, -1.93, -1.18, -0.41, 0.37, 0.89, 1.57, 2.29, 2.83)


@check()
def domain_matches(f: Any, x: Any, S: Any, lo: Any, hi: Any) -> bool:
    """S is the natural domain of f on [lo, hi]: f is finite exactly on S.

    f is evaluated on a grid of step about 1e-3 (shifted off the integers), at every multiple of
    1/4 (where the templates' excluded points lie) and at every finite endpoint of S, where a
    closed end must give a finite value and an open end must not.
    """
    parts = _interval_parts(S)
    a, b = to_float(lo), to_float(hi)
    if not a < b:
        raise CheckFailed("domain_matches() needs lo < hi")
    # a fine grid off the integers, plus every quarter (isolated excluded points and ends sit there)
    grid = np.concatenate([np.arange(a, b, 1e-3) + 0.000317, np.arange(np.ceil(a), np.floor(b) + 0.1, 0.25)])
    fn = array_function(f, [x])
    finite = np.isfinite(fn(grid))
    bad = finite != _member(parts, grid)
    if np.any(bad):
        i = int(np.argmax(bad))
        raise CheckFailed(f"f is {'finite' if finite[i] else 'undefined'} at {x} = {grid[i]:.4f}, "
                          f"but the key {'excludes' if finite[i] else 'contains'} it")
    point = float_function(f, [x])
    for start, end, left_open, right_open in parts:
        for value, is_open in ((start, left_open), (end, right_open)):
            if np.isfinite(value) and a <= value <= b:
                defined = np.isfinite(point(value))
                if defined == is_open:
                    raise CheckFailed(f"at the endpoint {x} = {value:g} f is {'defined' if defined else 'undefined'}, "
                                      f"but the key makes the end {'open' if is_open else 'closed'}")
    return True


@check()
def composition_matches(outer: Any, inner: Any, x: Any, key: Any) -> bool:
    """key(x) = outer(inner(x)): the two functions are run one after the other in floats at several points."""
    f, g, k = float_function(outer, [x]), float_function(inner, [x]), float_function(key, [x])
    used = 0
    for p in FAMILY_POINTS:
        want = f(g(p))
        if not np.isfinite(want):
            continue
        got = k(p)
        if not (np.isfinite(got) and abs(got - want) <= 1e-9 * max(1.0, abs(want))):
            raise CheckFailed(f"at {x} = {p}: outer(inner) = {want:.10g}, key {got:.10g}")
        used += 1
    if used < 5:
        raise CheckFailed("the composition is undefined at most check points")
    return True


@check()
def inverse_function_matches(f: Any, g: Any, x: Any) -> bool:
    """g is the inverse of f: f(g(t)) = t and g(f(t)) = t at several points where both sides are defined."""
    fn, gn = float_function(f, [x]), float_function(g, [x])
    used = 0
    for t in FAMILY_POINTS:
        for first, second, name in ((gn, fn, "f(g(t))"), (fn, gn, "g(f(t))")):
            inner = first(t)
            if not np.isfinite(inner):
                continue
            back = second(inner)
            if not np.isfinite(back):
                continue
            if abs(back - t) > 1e-9 * max(1.0, abs(t)):
                raise CheckFailed(f"{name} = {back:.10g} at t = {t}, not t")
            used += 1
    if used < 8:
        raise CheckFailed("f and g are undefined at most check points")
    return True
