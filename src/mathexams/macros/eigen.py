"""Eigenvalues and eigenvectors: matrices with chosen eigenvalues, characteristic polynomials, spectra.

Builders pick the eigenvalues first and construct the matrix from them (A = P D P^-1 with an
integer P of determinant +-1, or Q D Q^T with a rational rotation), so keys are exact and no draw
is rejected for ugliness. Spectrum helpers answer PCA questions: shares of variance, components needed.
"""

from __future__ import annotations

from typing import Any, Sequence

import sympy

from ..api import Record, SandboxError, as_int, as_ints, macro, to_sympy
from .linear_maps import rational_rotation
from .matrices import matrix_of, operation_size, unimodular
from .sequences import sorted_desc

_ATTEMPTS = 200
MAX_EIGEN_DIM = 4       # SymPy's symbolic eigenvalues beyond 4 x 4 cost too much


class EigenBasis(Record):
    """A matrix A = P D P^-1 and the basis P whose columns are its eigenvectors, in the order of the eigenvalues."""

    matrix: sympy.Matrix
    basis: sympy.Matrix


class BlockCovariance(Record):
    """A 3 x 3 covariance with one uncorrelated feature and a correlated 2 x 2 block."""

    covariance: sympy.Matrix
    eigenvalues: list          # descending
    uncorrelated: int          # index (0-based) of the uncorrelated feature
    block: sympy.Matrix        # the 2 x 2 covariance of the other two features


@macro()
def eigenvalues(A: Any) -> list[Any]:
    """Eigenvalues listed with multiplicity, sorted."""
    vals = operation_size(matrix_of(A), MAX_EIGEN_DIM).eigenvals()
    return sorted((v for v, m in vals.items() for _ in range(m)), key=sympy.default_sort_key)


@macro()
def charpoly(A: Any, lam: Any) -> Any:
    """det(lam*I - A) as an expression in lam."""
    return operation_size(matrix_of(A), MAX_EIGEN_DIM).charpoly(lam).as_expr()


# Every 2x2 integer matrix [[p, r], [q, s]] with entries in +-{1, 2, 3} and det +-1, with its det.
_DENSE_2X2 = tuple(
    ((p, r, q, s), p * s - q * r)
    for p in (-3, -2, -1, 1, 2, 3) for r in (-3, -2, -1, 1, 2, 3)
    for q in (-3, -2, -1, 1, 2, 3) for s in (-3, -2, -1, 1, 2, 3)
    if abs(p * s - q * r) == 1
)


def _is_triangular(A: sympy.Matrix) -> bool:
    n = A.rows
    lower = all(A[i, j] == 0 for i in range(n) for j in range(i + 1, n))
    upper = all(A[i, j] == 0 for i in range(n) for j in range(i))
    return lower or upper


@macro(needs_rng=True)
def eigen_basis(rng: Any, eigenvalues: Sequence[Any], max_entry: Any = 12) -> EigenBasis:
    """EigenBasis (matrix, basis): A = P D P^-1 with 2 or 3 chosen integer eigenvalues and entries within max_entry.

    P is an integer matrix of determinant +-1 with (almost) no zero entries; A is not triangular
    and has no row or column that is zero off the diagonal, so no eigenvalue can be read off A.
    """
    values = as_ints(list(eigenvalues), "eigen_basis")
    n = len(values)
    if n not in (2, 3):
        raise SandboxError("eigen_basis() builds 2x2 or 3x3 matrices")
    bound = int(max_entry)
    if n == 2:
        l1, l2 = values
        found = []
        for (p, r, q, s), d in _DENSE_2X2:
            # A = P diag(l1, l2) P^-1 with P = [[p, r], [q, s]] and det P = d = +-1
            A = ((p * s * l1 - q * r * l2) * d, (p * r * (l2 - l1)) * d,
                 (q * s * (l1 - l2)) * d, (p * s * l2 - q * r * l1) * d)
            if max(abs(v) for v in A) <= bound:
                found.append((A, (p, r, q, s)))
        if not found or l1 == l2:
            raise SandboxError(f"could not build a dense matrix with eigenvalues {values} and entries <= {bound}")
        A, P = rng.choice(found)
        return EigenBasis(sympy.Matrix(2, 2, list(A)), sympy.Matrix(2, 2, list(P)))
    for _ in range(_ATTEMPTS):
        P, Q = unimodular(rng, n, max_entry=3, steps=3 * n, max_zeros=1, permute="columns")
        A = [[sum(P[i][t] * values[t] * Q[t][j] for t in range(3)) for j in range(3)] for i in range(3)]
        if max(abs(v) for r in A for v in r) > bound:
            continue
        if any(all(A[i][j] == 0 for j in range(n) if j != i) for i in range(n)):
            continue  # a row with only its diagonal entry gives an eigenvalue away (covers triangular A)
        if any(all(A[i][j] == 0 for i in range(n) if i != j) for j in range(n)):
            continue
        if _is_triangular(sympy.Matrix(A)):
            continue
        return EigenBasis(sympy.Matrix(A), sympy.Matrix(P))
    raise SandboxError(f"could not build a dense matrix with eigenvalues {values} and entries <= {bound}")


_PLANE_DIRECTIONS = ((1, 1), (1, 2), (2, 1), (1, 3), (3, 1), (2, 3), (3, 2))


@macro(needs_rng=True)
def pca_block_covariance(rng: Any) -> BlockCovariance:
    """BlockCovariance (covariance, eigenvalues, uncorrelated, block): a 3x3 covariance with known eigenvalues.

    B = s I + m w w^T with an integer direction w, so B's eigenvalues are s and s + m |w|^2;
    feature k has variance e. All three eigenvalues are distinct positive integers.
    """
    for _ in range(_ATTEMPTS):
        s, m = rng.integer(1, 6), rng.integer(1, 3)
        p, q = rng.choice(_PLANE_DIRECTIONS)
        if rng.below(2):
            q = -q
        big = s + m * (p * p + q * q)
        e = rng.integer(1, 30)
        if e in (s, big):
            continue
        k = rng.below(3)
        i, j = [t for t in range(3) if t != k]
        B = sympy.Matrix([[s + m * p * p, m * p * q], [m * p * q, s + m * q * q]])
        S = sympy.zeros(3, 3)
        S[i, i], S[i, j], S[j, i], S[j, j] = B[0, 0], B[0, 1], B[1, 0], B[1, 1]
        S[k, k] = e
        return BlockCovariance(S, sorted([s, big, e], reverse=True), k, B)
    raise SandboxError("pca_block_covariance() could not build distinct eigenvalues")


@macro(needs_rng=True)
def pca_eigen_spectrum(rng: Any, m: Any) -> list[int]:
    """m distinct positive integers (3 <= m <= 10) decaying roughly geometrically, in random order: a PCA spectrum."""
    m = as_int(m, "pca_eigen_spectrum")
    if not 3 <= m <= 10:
        raise SandboxError("pca_eigen_spectrum() needs 3 <= m <= 10")
    for _ in range(_ATTEMPTS):
        values = [rng.integer(25, 70)]
        while len(values) < m:
            nxt = values[-1] * rng.integer(35, 80) // 100
            if nxt < 1 or nxt >= values[-1]:
                break
            values.append(nxt)
        if len(values) == m:
            return rng.shuffled(values)
    raise SandboxError("pca_eigen_spectrum() could not build a spectrum")


def _spectrum(values: Any) -> list[Any]:
    """Non-negative values (variances, eigenvalues of a covariance) in decreasing order."""
    vals = sorted_desc(values)
    if not vals or not all(v.is_nonnegative for v in vals):
        raise SandboxError("a spectrum needs non-negative numbers")
    return vals


@macro()
def pca_share_of_top(values: Any, k: Any) -> Any:
    """Exact share (sum of the k largest values) / (sum of all values)."""
    vals = _spectrum(values)
    k = as_int(k, "pca_share_of_top")
    if not 0 <= k <= len(vals):
        raise SandboxError("pca_share_of_top() needs 0 <= k <= number of values")
    total = sum(vals, sympy.Integer(0))
    return sum(vals[:k], sympy.Integer(0)) / total


@macro()
def pca_components_needed(values: Any, share: Any) -> int:
    """Smallest k whose k largest values reach at least `share` (e.g. 9/10) of the total (exact)."""
    vals = _spectrum(values)
    target = to_sympy(share)
    total = sum(vals, sympy.Integer(0))
    acc = sympy.Integer(0)
    for k, v in enumerate(vals, start=1):
        acc += v
        if acc >= target * total:
            return k
    return len(vals)


@macro()
def cumulative_shares(values: Any) -> list[Any]:
    """Exact cumulative shares of the values sorted in decreasing order (the last one is 1)."""
    vals = _spectrum(values)
    total = sum(vals, sympy.Integer(0))
    out, acc = [], sympy.Integer(0)
    for v in vals:
        acc += v
        out.append(acc / total)
    return out


@macro(needs_rng=True)
def symmetric_with_eigenvalues(rng: Any, eigenvalues: Sequence[Any]) -> sympy.Matrix:
    """Symmetric 2x2 matrix Q diag(l1, l2) Q^T with a rational rotation Q."""
    if len(eigenvalues) != 2:
        raise SandboxError("symmetric_with_eigenvalues() builds 2x2 matrices")
    Q = rational_rotation(rng)
    return Q * sympy.diag(*eigenvalues) * Q.T
