"""The SymPy functions templates may call, and plain-function wrappers for the methods they need.

Templates cannot use attribute access, so `A.inv()` is written `inv(A)`. Functions whose cost
grows with an integer argument (factorial, binomial, primes) get explicit bounds.
"""

from __future__ import annotations

from typing import Any

import sympy

from ..api import to_sympy
from ..api import SandboxError
from ..api import allow, macro

# Elementary functions and constructors that cost little whatever their (bounded) input.
for _name in (
    "sin", "cos", "tan", "asin", "acos", "atan", "atan2", "sinh", "cosh", "tanh",
    "exp", "log", "sqrt", "Abs", "sign", "floor", "ceiling", "Min", "Max", "root",
    "Rational", "Integer", "Symbol", "Matrix", "ImmutableMatrix", "FiniteSet", "Interval",
    "Union", "Piecewise", "Eq", "Lambda", "erf", "erfc", "gcd", "lcm", "re", "im",
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

allow("abs", sympy.Abs, "absolute value")
allow("ln", sympy.log, "natural logarithm")
allow("idiff", sympy.idiff)
allow("continuous_domain", sympy.calculus.util.continuous_domain)
allow("Reals", lambda: sympy.S.Reals, "the real line as a set")
allow("EmptySet", lambda: sympy.S.EmptySet, "the empty set")


def _bounded_int(value: Any, limit: int, what: str) -> int:
    if not (isinstance(value, int) or isinstance(value, sympy.Integer)):
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


@macro("range")
def bounded_range(*args: Any) -> list[int]:
    """range(...) as a list of at most 1000 integers."""
    ints = [_bounded_int(a, 10**6, "range") for a in args]
    r = range(*ints)
    if len(r) > 1000:
        raise SandboxError("range longer than 1000")
    return list(r)


# --- methods as functions -------------------------------------------------------------


def _matrix(A: Any) -> sympy.Matrix:
    if isinstance(A, sympy.MatrixBase):
        return A
    if isinstance(A, (list, tuple)):
        return sympy.Matrix(A)
    raise SandboxError(f"expected a matrix or a list, got {type(A).__name__}")


def _check_dim(A: sympy.MatrixBase, limit: int = 8) -> sympy.MatrixBase:
    if A.rows > limit or A.cols > limit:
        raise SandboxError(f"matrix larger than {limit}x{limit}")
    return A


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
def inv(A: Any) -> sympy.Matrix:
    """Inverse of a square matrix."""
    return _check_dim(_matrix(A)).inv()


@macro()
def det(A: Any) -> Any:
    """Determinant."""
    return _check_dim(_matrix(A)).det()


@macro()
def transpose(A: Any) -> sympy.Matrix:
    """Transpose."""
    return _matrix(A).T


@macro()
def trace(A: Any) -> Any:
    """Trace."""
    return _matrix(A).trace()


@macro()
def rank(A: Any) -> int:
    """Rank."""
    return _check_dim(_matrix(A)).rank()


@macro()
def rows(A: Any) -> int:
    """Number of rows."""
    return _matrix(A).rows


@macro()
def cols(A: Any) -> int:
    """Number of columns."""
    return _matrix(A).cols


@macro()
def row(A: Any, i: Any) -> sympy.Matrix:
    """Row i (0-based) as a 1xn matrix."""
    return _matrix(A).row(int(i))


@macro()
def col(A: Any, j: Any) -> sympy.Matrix:
    """Column j (0-based) as an nx1 matrix."""
    return _matrix(A).col(int(j))


@macro()
def entries(A: Any) -> list[Any]:
    """The entries of a matrix or vector in row-major order, as a list."""
    return list(_matrix(A))


@macro()
def eye(n: Any) -> sympy.Matrix:
    """Identity matrix of size n <= 8."""
    return sympy.eye(_bounded_int(n, 8, "eye"))


@macro()
def zeros(m: Any, n: Any = None) -> sympy.Matrix:
    """Zero matrix of size at most 8x8."""
    return sympy.zeros(_bounded_int(m, 8, "zeros"), _bounded_int(n if n is not None else m, 8, "zeros"))


@macro()
def diag(*values: Any) -> sympy.Matrix:
    """Diagonal matrix with the given entries (at most 8)."""
    if len(values) == 1 and isinstance(values[0], (list, tuple)):
        values = tuple(values[0])
    if len(values) > 8:
        raise SandboxError("diag() of more than 8 entries")
    return sympy.diag(*values)


@macro()
def dot(u: Any, v: Any) -> Any:
    """Dot product of two vectors."""
    return _matrix(u).dot(_matrix(v))


@macro()
def cross(u: Any, v: Any) -> sympy.Matrix:
    """Cross product in R^3."""
    return _matrix(u).cross(_matrix(v))


@macro()
def norm(v: Any) -> Any:
    """Euclidean norm of a vector (Frobenius for a matrix)."""
    return _matrix(v).norm()


@macro()
def eigenvals(A: Any) -> dict:
    """Eigenvalues with multiplicities, as SymPy computes them."""
    return _check_dim(_matrix(A), 4).eigenvals()


@macro()
def eigenvalues(A: Any) -> list[Any]:
    """Eigenvalues listed with multiplicity, sorted."""
    vals = _check_dim(_matrix(A), 4).eigenvals()
    return sorted((v for v, m in vals.items() for _ in range(m)), key=sympy.default_sort_key)


@macro()
def nullspace(A: Any) -> list[sympy.Matrix]:
    """A basis of the null space."""
    return _check_dim(_matrix(A)).nullspace()


@macro()
def rref(A: Any) -> sympy.Matrix:
    """Reduced row echelon form."""
    return _check_dim(_matrix(A)).rref()[0]


@macro()
def charpoly(A: Any, lam: Any) -> Any:
    """det(lam*I - A) as an expression in lam."""
    return _check_dim(_matrix(A), 4).charpoly(lam).as_expr()


@macro()
def is_symmetric(A: Any) -> bool:
    """Whether A equals its transpose."""
    return bool(_matrix(A).is_symmetric())


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
def length(items: Any) -> int:
    """Number of items in a list, tuple, set or vector."""
    if isinstance(items, sympy.MatrixBase):
        return items.rows * items.cols
    return len(items)


@macro("sum")
def total(items: Any, start: Any = 0) -> Any:
    """Sum of a list of values (exact)."""
    acc = start
    for item in items:
        acc = acc + item
    return acc


@macro()
def sorted_values(items: Any) -> list[Any]:
    """The values sorted ascending (exact comparison)."""
    return sorted(items, key=lambda v: (to_sympy(v).evalf(30), sympy.default_sort_key(v)))


@macro("list")
def as_list(items: Any) -> list[Any]:
    """A list from a tuple, set or vector."""
    if isinstance(items, sympy.MatrixBase):
        return list(items)
    if isinstance(items, sympy.Set):
        return sorted(items, key=sympy.default_sort_key)
    return list(items)


@macro()
def evalf(value: Any, digits: Any = 15) -> Any:
    """Decimal approximation with at most 50 digits."""
    return to_sympy(value).evalf(_bounded_int(digits, 50, "evalf"))


@macro()
def N(value: Any, digits: Any = 15) -> Any:
    """Decimal approximation with at most 50 digits (alias of evalf)."""
    return evalf(value, digits)
