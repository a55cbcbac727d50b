"""Integrals by quadrature: definite integrals, antiderivatives (by differentiating them), Riemann sums.

Definite integrals use the engine's composite Gauss-Legendre quadrature; an antiderivative is
checked by differentiating it numerically; a Riemann sum is summed again in NumPy.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
import sympy

from ..api import CheckFailed, array_function, check, float_function, gauss_legendre, quadrature, to_float
from .derivatives import derivative_matches
from .functions import scan_roots


@check()
def integral_matches(f: Any, x: Any, a: Any, b: Any, value: Any, rel: Any = 1e-7) -> bool:
    """value = integral of f from a to b: compare with Gauss-Legendre quadrature."""
    numeric = quadrature(f, x, a, b)
    key = to_float(value)
    if not math.isclose(numeric, key, rel_tol=float(rel), abs_tol=1e-8):
        raise CheckFailed(f"quadrature gives {numeric:.10g}, key {key:.10g}")
    return True


@check("quad")
def quad_value(f: Any, x: Any, a: Any, b: Any) -> float:
    """The integral of f over [a, b] by Gauss-Legendre quadrature, as a float to compare with close()."""
    result = quadrature(f, x, a, b)
    if not math.isfinite(result):
        raise CheckFailed(f"f is not finite on [{to_float(a)}, {to_float(b)}]")
    return result


@check()
def antiderivative_matches(F: Any, f: Any, x: Any, points: Sequence[Any] | None = None) -> bool:
    """F' = f : differentiate the key numerically and compare with the integrand."""
    return derivative_matches(F, f, x, points)


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


# ---------------------------------------------------------------- accumulation, properties, trapezoids (bank-calc1)

# Where accumulation functions are differentiated: irrational-looking points in (0.3, 2.9).
ACCUMULATION_POINTS = (0.37, 0.83, 1.29, 1.71, 2.23, 2.87)


@check()
def accumulation_derivative_matches(f: Any, t: Any, lower: Any, upper: Any, x: Any, key: Any) -> bool:
    """key(x) = d/dx of the integral of f(t) from lower(x) to upper(x) (either limit may depend on x).

    The change G(x + h) - G(x - h) of the accumulation function is the integral of f over
    [upper(x - h), upper(x + h)] minus the one over [lower(x - h), lower(x + h)], computed by
    Gauss-Legendre quadrature and divided by 2h (the Fundamental Theorem is not used), at several
    points where everything is defined.
    """
    fn = array_function(f, [t])
    lo_fn, hi_fn, key_fn = float_function(lower, [x]), float_function(upper, [x]), float_function(key, [x])
    h = 1e-6     # no cancellation: each change is an integral over a short interval, so h can be tiny
    used = 0
    for p in ACCUMULATION_POINTS:
        ends = [hi_fn(p - h), hi_fn(p + h), lo_fn(p - h), lo_fn(p + h)]
        want = key_fn(p)
        if not all(math.isfinite(v) for v in ends + [want]):
            continue
        change = gauss_legendre(fn, ends[0], ends[1], panels=1) - gauss_legendre(fn, ends[2], ends[3], panels=1)
        fd = change / (2 * h)
        if not math.isfinite(fd):
            continue
        if not math.isclose(fd, want, rel_tol=1e-6, abs_tol=1e-7):
            raise CheckFailed(f"at {x} = {p}: difference quotient of the accumulation {fd:.8g}, key {want:.8g}")
        used += 1
    if used < 3:
        raise CheckFailed("the accumulation function is undefined at most check points")
    return True


@check()
def integrand_with_integrals(x: Any, breaks: Sequence[Any], values: Sequence[Any]) -> Any:
    """A polynomial whose integral over [breaks[i], breaks[i+1]] is values[i], for every i.

    The coefficients solve a small linear system in NumPy (degree = number of pieces - 1), so
    integral properties can be checked on an explicit function by quadrature.
    """
    edges = [to_float(b) for b in breaks]
    targets = [to_float(v) for v in values]
    if len(edges) != len(targets) + 1 or not 1 <= len(targets) <= 6:
        raise CheckFailed("integrand_with_integrals() needs one value per piece (1 to 6 pieces)")
    n = len(targets)
    # row i: integral of t^k over [e_i, e_{i+1}] = (e_{i+1}^(k+1) - e_i^(k+1)) / (k + 1)
    system = np.array([[(edges[i + 1] ** (k + 1) - edges[i] ** (k + 1)) / (k + 1) for k in range(n)]
                       for i in range(n)])
    coefficients = np.linalg.solve(system, np.array(targets))
    return sum(sympy.Float(c) * x**k for k, c in enumerate(coefficients))


@check()
def trapezoid_numeric(f: Any, x: Any, a: Any, b: Any, n: Any) -> float:
    """The trapezoid rule T_n of f on [a, b] by numpy.trapezoid on n + 1 equally spaced nodes."""
    fn = array_function(f, [x])
    nodes = np.linspace(to_float(a), to_float(b), int(n) + 1)
    values = fn(nodes)
    if not np.all(np.isfinite(values)):
        raise CheckFailed("f is undefined at a node")
    return float(np.trapezoid(values, nodes))


@check()
def quad_abs(f: Any, x: Any, a: Any, b: Any) -> float:
    """The integral of |f| over [a, b]: the interval is split where f changes sign (found by a scan and
    bisection), and each piece is integrated by Gauss-Legendre quadrature, so the kinks of |f| do no harm."""
    lo, hi = to_float(a), to_float(b)
    cuts = [lo] + sorted(r for r in scan_roots(f, x, lo, hi, 4000) if lo < r < hi) + [hi]
    return float(sum(abs(quadrature(f, x, p, q)) for p, q in zip(cuts, cuts[1:])))


@check()
def integral_to_infinity(f: Any, x: Any, a: Any) -> float:
    """The integral of f from a to infinity, or +-inf when it diverges.

    Divergence: the integrals over [a, 10^3], [10^3, 10^5] and [10^5, 10^7] do not shrink (the third
    is at least half the second), as they do for every convergent power or exponential tail. Value:
    up to b = max(a, 1) directly, beyond b with the substitution x = b/v^2 on (0, 1], which turns
    algebraic tails x^-p into smooth powers of v, then Gauss-Legendre quadrature.
    """
    fn = array_function(f, [x])
    start = to_float(a)
    pieces = [gauss_legendre(fn, lo, hi, panels=64) for lo, hi in ((start, 1e3), (1e3, 1e5), (1e5, 1e7))]
    if all(math.isfinite(v) for v in pieces) and abs(pieces[2]) >= 0.5 * abs(pieces[1]) > 0:
        return math.copysign(math.inf, pieces[2])
    split = max(start, 1.0)
    head = gauss_legendre(fn, start, split, panels=16) if split > start else 0.0

    def mapped(v: np.ndarray) -> np.ndarray:
        return fn(split / v**2) * 2 * split / v**3

    return float(head + gauss_legendre(mapped, 0.0, 1.0, panels=32))
