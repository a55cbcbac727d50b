"""Integer matrices and vectors with properties built in, rather than found by rejection.

An invertible matrix with an integer inverse is a product of elementary integer row
operations (determinant +-1); a matrix with chosen eigenvalues is P D P^-1 with such a P.
"""

from __future__ import annotations

from typing import Any, Sequence

import sympy

from ..api import SandboxError
from ..api import macro

MAX_DIM = 6
_BUILD_ATTEMPTS = 200


def _dim(n: Any) -> int:
    if not isinstance(n, (int, sympy.Integer)) or not 1 <= int(n) <= MAX_DIM:
        raise SandboxError(f"matrix dimension must be 1..{MAX_DIM}, got {n}")
    return int(n)


def _unimodular(rng: Any, n: int, max_entry: int, steps: int) -> sympy.Matrix:
    """Random integer matrix with det +-1 and entries within max_entry (and its inverse's too)."""
    for _ in range(_BUILD_ATTEMPTS):
        M = sympy.eye(n)
        for _ in range(steps):
            i, j = rng.below(n), rng.below(n)
            if i == j:
                continue
            c = rng.choice((-2, -1, 1, 2))
            M[i, :] = M[i, :] + c * M[j, :]
        # a random signed permutation keeps |det| = 1 and hides the triangular look
        perm = rng.shuffled(list(range(n)))
        P = sympy.zeros(n, n)
        for r, c in enumerate(perm):
            P[r, c] = rng.choice((-1, 1))
        M = P * M
        if max(abs(v) for v in M) <= max_entry and max(abs(v) for v in M.inv()) <= max_entry:
            if n == 1 or sum(1 for v in M if v == 0) < n * n - n:  # not merely a signed permutation
                return M
    raise SandboxError(f"could not build a {n}x{n} unimodular matrix with entries <= {max_entry}")


@macro(needs_rng=True)
def unimodular_matrix(rng: Any, n: Any, max_entry: Any = 6) -> sympy.Matrix:
    """n x n integer matrix with determinant +-1, so its inverse is an integer matrix too."""
    n = _dim(n)
    return _unimodular(rng, n, int(max_entry), steps=2 * n)


@macro(needs_rng=True)
def invertible_matrix(rng: Any, n: Any, det_value: Any, max_entry: Any = 9) -> sympy.Matrix:
    """n x n integer matrix with the given non-zero determinant and entries within max_entry."""
    n = _dim(n)
    d = int(det_value)
    if d == 0:
        raise SandboxError("invertible_matrix() needs a non-zero determinant")
    for _ in range(_BUILD_ATTEMPTS):
        U = _unimodular(rng, n, 3, steps=n)
        V = _unimodular(rng, n, 3, steps=n)
        D = sympy.eye(n)
        D[0, 0] = d * U.det() * V.det()  # fold the +-1 signs into D so det is exactly d
        A = U * D * V
        if max(abs(v) for v in A) <= int(max_entry):
            return A
    raise SandboxError(f"could not build a matrix with det {d} and entries <= {max_entry}")


@macro(needs_rng=True)
def matrix_with_eigenvalues(rng: Any, eigenvalues: Sequence[Any], max_entry: Any = 12) -> sympy.Matrix:
    """Integer matrix P D P^-1 with the given integer eigenvalues and a unimodular P.

    Never triangular: the eigenvalues cannot simply be read off the diagonal.
    """
    values = [int(v) for v in eigenvalues]
    n = _dim(len(values))
    for _ in range(_BUILD_ATTEMPTS):
        P = _unimodular(rng, n, 3, steps=n + 1)
        A = P * sympy.diag(*values) * P.inv()
        if max(abs(v) for v in A) <= int(max_entry) and not (A.is_upper or A.is_lower):
            return A
    raise SandboxError(f"could not build a matrix with eigenvalues {values} and entries <= {max_entry}")


@macro(needs_rng=True)
def eigen_basis(rng: Any, eigenvalues: Sequence[Any], max_entry: Any = 12) -> tuple:
    """(A, P) with A = P D P^-1: P's columns are eigenvectors for the eigenvalues in order."""
    values = [int(v) for v in eigenvalues]
    n = _dim(len(values))
    for _ in range(_BUILD_ATTEMPTS):
        P = _unimodular(rng, n, 3, steps=n + 1)
        A = P * sympy.diag(*values) * P.inv()
        if max(abs(v) for v in A) <= int(max_entry) and not (A.is_upper or A.is_lower):
            return A, P
    raise SandboxError(f"could not build a matrix with eigenvalues {values} and entries <= {max_entry}")


@macro(needs_rng=True)
def random_matrix(rng: Any, m: Any, n: Any, lo: Any, hi: Any) -> sympy.Matrix:
    """m x n matrix with integer entries drawn from lo..hi."""
    m, n = _dim(m), _dim(n)
    return sympy.Matrix(m, n, [rng.integer(int(lo), int(hi)) for _ in range(m * n)])


@macro(needs_rng=True)
def random_vector(rng: Any, n: Any, lo: Any, hi: Any) -> sympy.Matrix:
    """Column vector of n integers from lo..hi, not the zero vector."""
    n = _dim(n)
    while True:  # the zero vector has probability <= 1/2 per draw only when lo = hi = 0
        if int(lo) == int(hi) == 0:
            raise SandboxError("random_vector(…, 0, 0) can only be zero")
        v = sympy.Matrix([rng.integer(int(lo), int(hi)) for _ in range(n)])
        if any(v):
            return v


@macro()
def vector(*entries: Any) -> sympy.Matrix:
    """Column vector from entries, or from one list."""
    if len(entries) == 1 and isinstance(entries[0], (list, tuple, sympy.MatrixBase)):
        entries = tuple(entries[0])
    if not 1 <= len(entries) <= 50:
        raise SandboxError("vector() takes 1 to 50 entries")
    return sympy.Matrix(list(entries))


_PYTHAGOREAN = {2: [(3, 4), (5, 12), (8, 15), (7, 24)], 3: [(1, 2, 2), (2, 3, 6), (1, 4, 8), (2, 6, 9), (4, 4, 7)]}


@macro(needs_rng=True)
def pythagorean_vector(rng: Any, n: Any = 2) -> sympy.Matrix:
    """Integer vector in R^2 or R^3 with an integer length, in random order and signs."""
    n = int(n)
    if n not in _PYTHAGOREAN:
        raise SandboxError("pythagorean_vector() supports dimension 2 or 3")
    base = list(rng.choice(_PYTHAGOREAN[n]))
    base = rng.shuffled(base)
    return sympy.Matrix([v * rng.choice((-1, 1)) for v in base])


@macro(needs_rng=True)
def rational_rotation(rng: Any) -> sympy.Matrix:
    """2x2 rotation matrix with rational entries (cos, sin from a Pythagorean triple)."""
    a, b = rng.choice(_PYTHAGOREAN[2])
    c = a * a + b * b
    r = int(sympy.sqrt(c))
    cos, sin = sympy.Rational(a, r), sympy.Rational(b, r)
    if rng.below(2):
        cos, sin = sin, cos
    sin = sin * rng.choice((-1, 1))
    return sympy.Matrix([[cos, -sin], [sin, cos]])


@macro(needs_rng=True)
def symmetric_with_eigenvalues(rng: Any, eigenvalues: Sequence[Any]) -> sympy.Matrix:
    """Symmetric 2x2 matrix Q diag(l1, l2) Q^T with a rational rotation Q."""
    if len(eigenvalues) != 2:
        raise SandboxError("symmetric_with_eigenvalues() builds 2x2 matrices")
    Q = rational_rotation(rng)
    return Q * sympy.diag(*eigenvalues) * Q.T
