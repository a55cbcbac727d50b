"""Integrals: Riemann sums with exact sample points and values.

Definite integrals and antiderivatives need no macro (`integrate` is in the vocabulary, and keys
are best built from a chosen antiderivative); what templates cannot say in YAML is the list of
sample points of a Riemann sum and its exact value.
"""

from __future__ import annotations

from typing import Any

import sympy

from ..api import SandboxError, as_int, macro, to_sympy

MAX_RIEMANN_N = 50


def _subintervals(a: Any, b: Any, n: Any) -> tuple[sympy.Rational, sympy.Rational, int]:
    lo, hi = sympy.Rational(a), sympy.Rational(b)
    m = as_int(n, "the number of subintervals")
    if not 1 <= m <= MAX_RIEMANN_N:
        raise SandboxError(f"the number of subintervals must be 1..{MAX_RIEMANN_N}, got {n}")
    if not lo < hi:
        raise SandboxError("a Riemann sum needs a < b")
    return lo, hi, m


@macro()
def riemann_points(a: Any, b: Any, n: Any, theta: Any) -> list[Any]:
    """Sample points of a Riemann sum: n equal subintervals of [a, b], at fraction theta (0 left, 1/2 mid, 1 right)."""
    lo, hi, m = _subintervals(a, b, n)
    th = sympy.Rational(theta)
    if not 0 <= th <= 1:
        raise SandboxError("theta must lie in [0, 1]")
    dx = (hi - lo) / m
    return [lo + (i + th) * dx for i in range(m)]


@macro()
def riemann_sum(f: Any, x: Any, a: Any, b: Any, n: Any, theta: Any) -> Any:
    """Exact Riemann sum of f over [a, b] with n equal subintervals, sampled at fraction theta of each."""
    lo, hi, m = _subintervals(a, b, n)
    expr = to_sympy(f)
    total = sympy.Integer(0)
    for p in riemann_points(a, b, n, theta):
        total += expr.subs(x, p)
    return total * (hi - lo) / m
