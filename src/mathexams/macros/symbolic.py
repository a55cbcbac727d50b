"""The SymPy vocabulary of templates: elementary and calculus functions, substitution, evaluation, counting.

Templates call methods as functions (`f.subs(x, 2)` is `subs(f, x, 2)`); functions whose cost
grows with an integer argument (factorial, binomial, primes) get explicit bounds. Matrix and
vector operations live in `matrices` and `vectors`, eigenvalues in `eigen`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sympy

from ..api import SandboxError, allow, macro, to_sympy

MAX_POINTS = 50

# Elementary functions and constructors that cost little whatever their (bounded) input.
for _name in (
    "sin", "cos", "tan", "asin", "acos", "atan", "atan2", "sinh", "cosh", "tanh",
    "exp", "log", "sqrt", "Abs", "sign", "floor", "ceiling", "Min", "Max", "root",
    "Rational", "Integer", "Matrix", "ImmutableMatrix", "FiniteSet", "Interval",
    "Union", "Piecewise", "Eq", "erf", "erfc", "gcd", "lcm", "re", "im",
    "numer", "denom", "nsimplify", "Poly",
):
    allow(_name, getattr(sympy, _name))

# Calculus and algebra: bounded by the expressions templates build (the sampler's
# time limit backs this up).
for _name in (
    "diff", "integrate", "limit", "series", "expand", "factor", "simplify", "cancel",
    "together", "apart", "collect", "solve", "solveset", "nsolve", "roots", "degree",
    "hessian", "trigsimp", "powsimp", "logcombine", "expand_log", "radsimp", "summation",
    "product", "Sum", "Integral", "Derivative", "sqf", "real_roots", "nroots",
):
    allow(_name, getattr(sympy, _name))

# Relations, so that templates can write the pieces of a Piecewise: Piecewise((f, Lt(x, a)), (g, True)).
allow("Lt", sympy.Lt, "the relation a < b (for Piecewise conditions)")
allow("Le", sympy.Le, "the relation a <= b (for Piecewise conditions)")
allow("Gt", sympy.Gt, "the relation a > b (for Piecewise conditions)")
allow("Ge", sympy.Ge, "the relation a >= b (for Piecewise conditions)")

allow("abs", sympy.Abs, "absolute value")
allow("ln", sympy.log, "natural logarithm")
allow("idiff", sympy.idiff)
allow("continuous_domain", sympy.calculus.util.continuous_domain)
allow("Reals", lambda: sympy.S.Reals, "the real line as a set")
allow("EmptySet", lambda: sympy.S.EmptySet, "the empty set")


def _bounded_int(value: Any, limit: int, what: str) -> int:
    if not isinstance(value, (int, sympy.Integer)):
        raise SandboxError(f"{what} needs an integer, got {value}")
    if abs(int(value)) > limit:
        raise SandboxError(f"{what} argument {value} above {limit}")
    return int(value)


@macro()
def factorial(n: Any) -> Any:
    """n! for 0 <= n <= 500."""
    return sympy.factorial(_bounded_int(n, 500, "factorial"))


@macro()
def binomial(n: Any, k: Any) -> Any:
    """Binomial coefficient C(n, k) for |n| <= 10000."""
    return sympy.binomial(_bounded_int(n, 10_000, "binomial"), _bounded_int(k, 10_000, "binomial"))


@macro()
def ff(n: Any, k: Any) -> Any:
    """Falling factorial n (n-1) ... (n-k+1) for n, k <= 10000."""
    return sympy.ff(_bounded_int(n, 10_000, "ff"), _bounded_int(k, 10_000, "ff"))


@macro()
def isprime(n: Any) -> bool:
    """Primality of an integer up to 10**12."""
    return bool(sympy.isprime(_bounded_int(n, 10**12, "isprime")))


# --- methods as functions -------------------------------------------------------------


@macro()
def subs(expr: Any, *pairs: Any) -> Any:
    """subs(f, x, 2) or subs(f, x, 2, y, 3): substitute values for symbols."""
    if len(pairs) % 2:
        raise SandboxError("subs() takes symbol, value pairs")
    mapping = {pairs[i]: pairs[i + 1] for i in range(0, len(pairs), 2)}
    if isinstance(expr, (list, tuple)):
        return type(expr)(to_sympy(e).subs(mapping) for e in expr)
    return to_sympy(expr).subs(mapping)


@macro()
def coeff(expr: Any, term: Any, n: Any = 1) -> Any:
    """Coefficient of term**n in an expanded expression."""
    return sympy.expand(expr).coeff(term, n)


@macro()
def lhs(eq: Any) -> Any:
    """Left-hand side of an equation."""
    return eq.lhs


@macro()
def rhs(eq: Any) -> Any:
    """Right-hand side of an equation."""
    return eq.rhs


@macro()
def evalf(value: Any, digits: Any = 15) -> Any:
    """Decimal approximation with at most 50 digits."""
    return to_sympy(value).evalf(_bounded_int(digits, 50, "evalf"))


@macro()
def N(value: Any, digits: Any = 15) -> Any:
    """Decimal approximation with at most 50 digits (alias of evalf)."""
    return evalf(value, digits)


@macro()
def subs_each(f: Any, x: Any, points: Sequence[Any]) -> list[Any]:
    """f with each point of a list substituted for x, as a list of exact values (at most 50 points)."""
    if not isinstance(points, (list, tuple)) or len(points) > MAX_POINTS:
        raise SandboxError(f"subs_each() needs a list of at most {MAX_POINTS} points")
    expr = to_sympy(f)
    return [expr.subs(x, p) for p in points]


@macro()
def endpoints(interval: Any) -> list[Any]:
    """The two ends [inf, sup] of an interval (or of a union of intervals), as exact values."""
    value = to_sympy(interval) if not isinstance(interval, sympy.Set) else interval
    if not isinstance(value, sympy.Set) or value.is_empty:
        raise SandboxError("endpoints() needs a non-empty interval")
    return [value.inf, value.sup]
