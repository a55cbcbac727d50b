"""Functions of one variable: values at points, roots by a sign-change scan and bisection.

Roots are found without SymPy's solvers: a dense vectorised scan finds sign changes and
bisection refines each one.
"""

from __future__ import annotations

from typing import Any, Sequence

import numpy as np

from ..api import CheckFailed, array_function, bisect, check, float_function, to_float


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
