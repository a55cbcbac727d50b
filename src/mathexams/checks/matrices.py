"""Matrices, checked with NumPy: products, solutions, inverses, determinants, structure, shapes of expressions.

The structure of a matrix is recomputed with numpy.triu/tril; the shape rules of expressions such
as "AB^T + C" by evaluating them on random NumPy arrays of the stated sizes (NumPy refuses what
is undefined); integer matrix powers on exact Python integers.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from functools import cache
from typing import Any

import numpy as np
import sympy

from ..api import CheckFailed, check, to_float
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
    """A**k by NumPy's matrix_power on exact Python integers or fractions (object dtype, no overflow); A must be rational."""
    m = sympy.Matrix(A)
    if not all(v.is_Rational for v in m):
        raise CheckFailed("np_matrix_power() needs a matrix of integers or fractions")
    arr = np.array([[Fraction(int(v.p), int(v.q)) for v in r] for r in m.tolist()], dtype=object)
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


# ---- Laws of matrix algebra, re-tested numerically ----

def _all_small_2x2() -> np.ndarray:
    """Every 2 x 2 matrix with entries in {-1, 0, 1} (81 of them), stacked."""
    vals = np.array([-1, 0, 1])
    grid = np.array(np.meshgrid(vals, vals, vals, vals, indexing="ij")).reshape(4, -1).T
    return grid.reshape(-1, 2, 2).astype(float)


def _nonzero(m: np.ndarray) -> np.ndarray:
    return np.any(m != 0, axis=(-2, -1))


@cache
def _zero_divisors_exist() -> bool:
    """Search every pair of small non-zero 2 x 2 matrices for AB = 0."""
    M = _all_small_2x2()
    M = M[_nonzero(M)]
    prods = np.einsum("aij,bjk->abik", M, M)
    return bool(np.any(~_nonzero(prods)))


@cache
def _nilpotent_exists() -> bool:
    M = _all_small_2x2()
    M = M[_nonzero(M)]
    return bool(np.any(~_nonzero(M @ M)))


# identity laws as (left side, right side) on random integer matrices A, B, C and a scalar k
_IDENTITIES = {
    "transpose_product": lambda A, B, C, k: ((A @ B).T, B.T @ A.T),
    "distributive": lambda A, B, C, k: (A @ (B + C), A @ B + A @ C),
    "associative": lambda A, B, C, k: ((A @ B) @ C, A @ (B @ C)),
    "transpose_sum": lambda A, B, C, k: ((A + B).T, A.T + B.T),
    "transpose_square": lambda A, B, C, k: ((A @ A).T, A.T @ A.T),
    "scalar_moves": lambda A, B, C, k: (A @ (k * B), k * (A @ B)),
    "square_of_sum_full": lambda A, B, C, k: ((A + B) @ (A + B), A @ A + A @ B + B @ A + B @ B),
    "trace_commutes": lambda A, B, C, k: (np.trace(A @ B), np.trace(B @ A)),
    "transpose_same_order": lambda A, B, C, k: ((A @ B).T, A.T @ B.T),
    "square_of_sum": lambda A, B, C, k: ((A + B) @ (A + B), A @ A + 2 * (A @ B) + B @ B),
    "commutative": lambda A, B, C, k: (A @ B, B @ A),
    "difference_of_squares": lambda A, B, C, k: ((A + B) @ (A - B), A @ A - B @ B),
    "square_of_product": lambda A, B, C, k: ((A @ B) @ (A @ B), (A @ A) @ (B @ B)),
}
# implications "P(A, ...) => Q": true exactly when no small counterexample exists
_IMPLICATIONS = {
    "zero_product": lambda: not _zero_divisors_exist(),
    "cancellation": lambda: not _zero_divisors_exist(),   # AB = AC with B != C is A(B - C) = 0
    "nilpotent": lambda: not _nilpotent_exists(),
}


def law_holds(name: str, rng: np.random.Generator, trials: int = 12) -> bool:
    """Whether a law of MATRIX_LAWS holds for all square matrices: twelve random 3 x 3 trials for identities,
    an exhaustive search of small 2 x 2 matrices for implications."""
    if name in _IMPLICATIONS:
        return _IMPLICATIONS[name]()
    if name not in _IDENTITIES:
        raise CheckFailed(f"no numerical test for the matrix law {name!r}")
    for _ in range(trials):
        A, B, C = (rng.integers(-4, 5, size=(3, 3)).astype(float) for _ in range(3))
        left, right = _IDENTITIES[name](A, B, C, float(rng.integers(-5, 6)))
        if not np.allclose(left, right):
            return False
    return True


@check(needs_rng=True, strings_ok=True)
def matrix_laws_match(rng: np.random.Generator, names: Sequence[Any], flags: Sequence[Any]) -> bool:
    """Each law (a code of the matrices macros' MATRIX_LAWS) is flagged true exactly when NumPy finds no counterexample."""
    if len(names) != len(flags):
        raise CheckFailed("one flag per law is needed")
    for name, flag in zip(names, flags):
        truth = law_holds(str(name), rng)
        if truth != truth_of(flag):
            raise CheckFailed(f"{name}: NumPy says it holds = {truth}, key says {truth_of(flag)}")
    return True


@check()
def np_rows(A: Any, order: Sequence[Any]) -> np.ndarray:
    """The rows of A in the given 0-based order, by NumPy fancy indexing A[order]."""
    return as_array(A)[[int(i) for i in order]]


@check()
def is_permutation_matrix(P: Any) -> bool:
    """P is square with entries 0 and 1, one 1 in every row and every column."""
    p = as_array(P)
    if p.ndim != 2 or p.shape[0] != p.shape[1] or not np.all(np.isin(p, (0.0, 1.0))):
        raise CheckFailed("not a square 0-1 matrix")
    if not (np.all(p.sum(axis=0) == 1) and np.all(p.sum(axis=1) == 1)):
        raise CheckFailed("a row or column without exactly one 1")
    return True


# ---- Parameters that make a matrix singular, found numerically ----


@check()
def np_singular_parameters(A: Any, k: Any, lo: Any = -10, hi: Any = 10) -> list:
    """The values of k in [lo, hi] where det A(k) = 0, for a matrix whose entries are linear in k.

    A(k) = A0 + k A1 is evaluated as NumPy arrays on a fine grid; each sign change of the determinant
    is refined by bisection, and a root is kept only if numpy.linalg.matrix_rank drops there.
    (A double root, which does not change sign, would be missed; the templates exclude them.)
    """
    M = sympy.Matrix(A)
    A0 = as_array(M.subs(k, 0))
    A1 = as_array(M.subs(k, 1)) - A0
    if not np.allclose(as_array(M.subs(k, 2)), A0 + 2 * A1):
        raise CheckFailed("np_singular_parameters() needs entries linear in the parameter")

    def det(t: float) -> float:
        return float(np.linalg.det(A0 + t * A1))

    grid = np.linspace(float(to_float(lo)), float(to_float(hi)), 4001)
    values = np.linalg.det(A0[None, :, :] + grid[:, None, None] * A1[None, :, :])
    roots = [float(t) for t in grid[values == 0]]
    for i in np.nonzero(values[:-1] * values[1:] < 0)[0]:
        a, b = float(grid[i]), float(grid[i + 1])
        for _ in range(60):
            m = 0.5 * (a + b)
            if det(a) * det(m) <= 0:
                b = m
            else:
                a = m
        roots.append(0.5 * (a + b))
    n = A0.shape[0]
    return [r for r in roots if np.linalg.matrix_rank(A0 + r * A1, tol=1e-7) < n]


# ---- Determinant and inverse rules, tested on random matrices with prescribed determinants ----

_FACTOR_CODES = ("A", "B", "A^T", "B^T", "A^-1", "B^-1")


def _with_det(rng: np.random.Generator, n: int, d: float) -> np.ndarray:
    """A random n x n matrix with determinant d: L diag(d, 1, ..., 1) U with random unit triangular factors."""
    upper = np.triu(rng.integers(-1, 2, size=(n, n)).astype(float), 1) + np.eye(n)   # small factors: well conditioned
    lower = np.tril(rng.integers(-1, 2, size=(n, n)).astype(float), -1) + np.eye(n)
    D = np.eye(n)
    D[0, 0] = d
    return lower @ D @ upper


@check(needs_rng=True, strings_ok=True)
def np_det_of_product(rng: np.random.Generator, n: Any, det_a: Any, det_b: Any, scalar: Any,
                      factors: Sequence[Any]) -> float:
    """det(scalar * F1 F2 ...) for n x n matrices A, B with the given determinants, each factor one of
    A, B, A^T, B^T, A^-1, B^-1: the matrices are random (triangular factors around a diagonal), the
    product is formed and its determinant taken in NumPy, so no determinant rule is used."""
    size = int(n)
    if not 1 <= size <= 6:
        raise CheckFailed("np_det_of_product() needs n in 1..6")
    A, B = _with_det(rng, size, to_float(det_a)), _with_det(rng, size, to_float(det_b))
    table = {"A": A, "B": B, "A^T": A.T, "B^T": B.T}
    product = np.eye(size) * to_float(scalar)
    for f in factors:
        code = str(f)
        if code not in _FACTOR_CODES:
            raise CheckFailed(f"unknown factor {code!r}; use one of {', '.join(_FACTOR_CODES)}")
        m = table[code] if code in table else np.linalg.inv(A if code == "A^-1" else B)
        product = product @ m
    return float(np.linalg.det(product))


@check(needs_rng=True, strings_ok=True)
def np_det_after_row_ops(rng: np.random.Generator, n: Any, det_a: Any, codes: Sequence[Any]) -> float:
    """det of the matrix obtained from a random n x n matrix with determinant det_a by the row operations
    `codes` ([kind, i, j, c]: 'swap' rows i, j; 'scale' row i by c; 'add' c times row j to row i), all in NumPy."""
    size = int(n)
    if not 1 <= size <= 6:
        raise CheckFailed("np_det_after_row_ops() needs n in 1..6")
    M = _with_det(rng, size, to_float(det_a))
    for code in codes:
        kind, i, j, c = str(code[0]), int(code[1]), int(code[2]), to_float(code[3])
        if kind == "swap":
            M[[i, j]] = M[[j, i]]
        elif kind == "scale":
            M[i] = c * M[i]
        elif kind == "add":
            M[i] = M[i] + c * M[j]
        else:
            raise CheckFailed(f"unknown row operation {kind!r}")
    return float(np.linalg.det(M))


def _qr_positive(A: Any) -> tuple[np.ndarray, np.ndarray]:
    """Reduced QR of A by numpy.linalg.qr with the signs fixed so that R has a positive diagonal (as Gram-Schmidt gives)."""
    q, r = np.linalg.qr(as_array(A))
    signs = np.sign(np.diag(r))
    signs[signs == 0] = 1
    return q * signs, (r.T * signs).T


@check()
def np_qr_q(A: Any) -> np.ndarray:
    """Q of the reduced QR factorisation of A (orthonormal columns, R with positive diagonal), by numpy.linalg.qr."""
    return _qr_positive(A)[0]


@check()
def np_qr_r(A: Any) -> np.ndarray:
    """R of the reduced QR factorisation of A (upper triangular, positive diagonal), by numpy.linalg.qr."""
    return _qr_positive(A)[1]
