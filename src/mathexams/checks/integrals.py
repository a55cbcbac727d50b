"""Integrals by quadrature: definite integrals, antiderivatives (by differentiating them), Riemann sums.

Definite integrals use the engine's composite Gauss-Legendre quadrature; an antiderivative is
checked by differentiating it numerically; a Riemann sum is summed again in NumPy.
"""

from __future__ import annotations

import math
from typing import Any, Sequence

import numpy as np

from ..api import CheckFailed, check, float_function, quadrature, to_float
from .derivatives import derivative_matches


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
