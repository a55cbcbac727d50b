"""Matrices, checked with NumPy: products, solutions, inverses, determinants, structure, shapes of expressions.

The structure of a matrix is recomputed with numpy.triu/tril; the shape rules of expressions such
as "AB^T + C" by evaluating them on random NumPy arrays of the stated sizes (NumPy refuses what
is undefined); integer matrix powers on exact Python integers.
"""

from __future__ import annotations

from typing import Any, Sequence

import numpy as np
import sympy

from ..api import CheckFailed, check
from .comparisons import as_array, truth_of


@check()
def np_matmul(A: Any, B: Any) -> np.ndarray:
    """A @ B in floating point."""
    return as_array(A) @ as_array(B)


@check()
def np_solve(A: Any, b: Any) -> np.ndarray:
    """Solution of A x = b by NumPy's LU solver."""
    return np.linalg.solve(as_array(A), as_array(b))


@check()
def np_inv(A: Any) -> np.ndarray:
    """Inverse by NumPy."""
    return np.linalg.inv(as_array(A))


@check()
def np_det(A: Any) -> float:
    """Determinant by NumPy (LU)."""
    return float(np.linalg.det(as_array(A)))


@check()
def np_trace(A: Any) -> float:
    """Trace by NumPy."""
    return float(np.trace(as_array(A)))


@check()
def np_transpose(A: Any) -> np.ndarray:
    """Transpose by NumPy."""
    return as_array(A).T


@check()
def inverse_matches(A: Any, B: Any) -> bool:
    """B is the inverse of A: A @ B and B @ A are the identity in floating point."""
    a, b = as_array(A), as_array(B)
    n = a.shape[0]
    if not (np.allclose(a @ b, np.eye(n), atol=1e-9) and np.allclose(b @ a, np.eye(n), atol=1e-9)):
        raise CheckFailed("A @ key is not the identity")
    return True


STRUCTURE_ORDER = ("square", "diagonal", "upper", "lower", "symmetric", "identity")


@check()
def structure_flags_match(A: Any, flags: Sequence[Any]) -> bool:
    """flags = (square, diagonal, upper, lower, symmetric, identity) as the key says, recomputed with numpy.triu/tril."""
    a = as_array(A)
    if a.ndim != 2:
        raise CheckFailed("structure_flags_match() needs a matrix")
    sq = a.shape[0] == a.shape[1]
    truth = {
        "square": sq,
        "upper": sq and np.array_equal(a, np.triu(a)),
        "lower": sq and np.array_equal(a, np.tril(a)),
        "symmetric": sq and np.array_equal(a, a.T),
        "identity": sq and np.array_equal(a, np.eye(a.shape[0])),
    }
    truth["diagonal"] = truth["upper"] and truth["lower"]
    if len(flags) != len(STRUCTURE_ORDER):
        raise CheckFailed(f"expected {len(STRUCTURE_ORDER)} flags in the order {STRUCTURE_ORDER}")
    for name, f in zip(STRUCTURE_ORDER, flags):
        if bool(truth[name]) != truth_of(f):
            raise CheckFailed(f"{name}: NumPy says {truth[name]}, key says {truth_of(f)}")
    return True


def _eval_shape_expr(expr: str, arrays: dict[str, np.ndarray]) -> tuple[int, ...] | None:
    """Evaluate a sum of products like 'AB^T + C' on NumPy arrays; None if NumPy refuses."""
    try:
        total = None
        for term in expr.replace(" ", "").split("+"):
            value = None
            k = 0
            while k < len(term):
                m = arrays[term[k]]
                if term.startswith("^T", k + 1):
                    m = m.T
                    k += 3
                else:
                    k += 1
                value = m if value is None else value @ m
            total = value if total is None else total + value
        return tuple(total.shape)
    except ValueError:
        return None


# this check reads expressions such as "AB^T + C" as text
@check(needs_rng=True, strings_ok=True)
def shape_claims_match(rng: np.random.Generator, exprs: Sequence[Any], shapes: Sequence[Any],
                       claims: Sequence[Any], flags: Sequence[Any]) -> bool:
    """Claim "expr is defined with shape claim" is true exactly when flagged: try it on random NumPy arrays."""
    dims = [(int(r), int(c)) for r, c in shapes]
    if any(d < 2 for s in dims for d in s):
        raise CheckFailed("sizes of 1 would let NumPy broadcast; use sizes >= 2")
    arrays = {name: rng.standard_normal(s) for name, s in zip("ABCD", dims)}
    if not (len(exprs) == len(claims) == len(flags)):
        raise CheckFailed("one claim and one flag per expression are needed")
    for expr, claim, f in zip(exprs, claims, flags):
        got = _eval_shape_expr(str(expr), arrays)
        truth = got is not None and got == tuple(int(c) for c in claim)
        if truth != truth_of(f):
            raise CheckFailed(f"{expr}: NumPy gives shape {got}, claim {tuple(claim)}, key says {truth_of(f)}")
    return True


@check()
def commutes_matches(A: Any, B: Any, flag: Any) -> bool:
    """flag says whether AB = BA, as NumPy's products show."""
    a, b = as_array(A), as_array(B)
    truth = bool(np.allclose(a @ b, b @ a, atol=1e-9))
    if truth != truth_of(flag):
        raise CheckFailed(f"NumPy says AB = BA is {truth}, key says {truth_of(flag)}")
    return True


@check()
def np_matrix_power(A: Any, k: Any) -> np.ndarray:
    """A**k by NumPy's matrix_power on exact Python integers (object dtype, no overflow); A must be an integer matrix."""
    m = sympy.Matrix(A)
    if not all(v.is_Integer for v in m):
        raise CheckFailed("np_matrix_power() needs an integer matrix")
    arr = np.array([[int(v) for v in m.row(i)] for i in range(m.rows)], dtype=object)
    result = np.linalg.matrix_power(arr, int(k))
    return np.array(result, dtype=float)


# ---- Arrays as NumPy holds them: shape and 0-based indexing ----


@check()
def np_array(A: Any) -> np.ndarray:
    """The matrix (or vector) as a NumPy float array, to index it the 0-based NumPy way: np_array(A)[p, q]."""
    return as_array(A)


@check()
def np_shape(A: Any) -> tuple:
    """The shape NumPy reports for the matrix, (rows, columns)."""
    return tuple(int(d) for d in as_array(A).shape)


@check()
def np_rank(A: Any) -> int:
    """Rank by numpy.linalg.matrix_rank (singular values above a relative tolerance)."""
    return int(np.linalg.matrix_rank(as_array(A)))
