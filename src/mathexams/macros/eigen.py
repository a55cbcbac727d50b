"""Eigenvalues and eigenvectors: matrices with chosen eigenvalues, characteristic polynomials, spectra.

Builders pick the eigenvalues first and construct the matrix from them (A = P D P^-1 with an
integer P of determinant +-1, or Q D Q^T with a rational rotation), so keys are exact and no draw
is rejected for ugliness. Spectrum helpers answer PCA questions: shares of variance, components needed.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

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


# ---------------------------------------------------------------------------------------------
# Weeks 7-10: characteristic polynomials, eigenpair candidates, symmetric spectra, PCA data, SVD.
# Every builder picks the spectrum (or the scores) first and derives the matrix or the data, so
# keys stay exact and small; nothing here calls SymPy's eigen-solvers.
# ---------------------------------------------------------------------------------------------

def _nonzero_entry(rng: Any, lo: int, hi: int) -> int:
    values = [v for v in range(lo, hi + 1) if v]
    return rng.choice(values)


@macro(needs_rng=True)
def triangular_with_diagonal(rng: Any, diagonal: Sequence[Any], upper: Any = True, lo: Any = -4, hi: Any = 4) -> sympy.Matrix:
    """Upper (or lower) triangular n x n integer matrix with the given diagonal and non-zero entries on the other side."""
    d = as_ints(list(diagonal), "triangular_with_diagonal")
    n, lo, hi = len(d), int(lo), int(hi)
    if not 2 <= n <= MAX_EIGEN_DIM or lo >= hi:
        raise SandboxError("triangular_with_diagonal() needs 2..4 diagonal entries and lo < hi")
    A = sympy.zeros(n, n)
    for i in range(n):
        A[i, i] = d[i]
        for j in range(i + 1, n):
            if bool(upper):
                A[i, j] = _nonzero_entry(rng, lo, hi)
            else:
                A[j, i] = _nonzero_entry(rng, lo, hi)
    return A


class BlockTriangular(Record):
    """A 3 x 3 matrix in which one index decouples: its row (or its column) is zero off the diagonal."""

    matrix: sympy.Matrix
    isolated: int               # 0-based index k; A[k, k] is an eigenvalue
    along: str                  # 'row' or 'column': which line through A[k, k] is zero off the diagonal
    block: sympy.Matrix         # the 2 x 2 matrix of the other two indices (its eigenvalues are the others)


@macro(needs_rng=True)
def block_triangular(rng: Any, block: Any, corner: Any, lo: Any = -4, hi: Any = 4) -> BlockTriangular:
    """BlockTriangular (matrix, isolated, along, block): the 2x2 block and the entry `corner` placed in a 3x3 matrix.

    The isolated index k and whether its row or its column is zero off the diagonal are drawn; the
    two other coupling entries are non-zero integers in lo..hi. Expanding det(A - t I) along that
    row or column gives (corner - t) det(block - t I).
    """
    B = matrix_of(block)
    if B.shape != (2, 2):
        raise SandboxError("block_triangular() needs a 2x2 block")
    g, lo, hi = to_sympy(corner), int(lo), int(hi)
    k = rng.below(3)
    along = rng.choice(("row", "column"))
    others = [i for i in range(3) if i != k]
    A = sympy.zeros(3, 3)
    for a, i in enumerate(others):
        for b, j in enumerate(others):
            A[i, j] = B[a, b]
    A[k, k] = g
    for i in others:
        if along == "row":
            A[i, k] = _nonzero_entry(rng, lo, hi)     # row k stays zero off the diagonal
        else:
            A[k, i] = _nonzero_entry(rng, lo, hi)     # column k stays zero off the diagonal
    return BlockTriangular(A, k, along, B)


class EigenCandidate(Record):
    """A vector offered as a possible eigenvector of A, with A v and what comparing first entries suggests."""

    vector: sympy.Matrix        # v: a primitive integer vector without zero entries
    image: sympy.Matrix         # A v
    is_eigenvector: bool
    ratio: Any                  # (A v)_1 / v_1: the eigenvalue when v is an eigenvector
    mismatch: int               # 0-based entry where A v differs from ratio * v (-1 for an eigenvector)


def _primitive(entries: list[int]) -> list[int]:
    g = 0
    for e in entries:
        g = math.gcd(g, e)
    first = next(e for e in entries if e)
    g = g if first > 0 else -g
    return [e // g for e in entries]


def _adjugate_column(M: list[list[int]], k: int) -> list[int]:
    """Column k of the adjugate of a 2x2 or 3x3 integer matrix: M times it is det(M) e_k."""
    n = len(M)
    if n == 2:
        return [M[1][1], -M[1][0]] if k == 0 else [-M[0][1], M[0][0]]
    out = []
    for i in range(3):                      # adj[i][k] = (-1)^(i+k) det of M without row k and column i
        r = [row for t, row in enumerate(M) if t != k]
        m = [[x for u, x in enumerate(row) if u != i] for row in r]
        out.append((-1) ** (i + k) * (m[0][0] * m[1][1] - m[0][1] * m[1][0]))
    return out


@macro(needs_rng=True)
def eigen_candidate(rng: Any, A: Any, basis: Any, eigenvalues: Sequence[Any], eigen: Any,
                    avoid: Any = None, max_entry: Any = 9) -> EigenCandidate:
    """EigenCandidate (vector, image, is_eigenvector, ratio, mismatch) for A = basis diag(eigenvalues) basis^-1.

    With eigen true, v is a column of the basis without zero entries (as a primitive vector), other
    than `avoid` when given. Otherwise v is a near miss: (A - c I) v is a non-zero multiple of e_k
    for an integer c that is not an eigenvalue and k > 0, so A v and c v agree in every entry but
    the k-th: comparing only the first entries wrongly finds the eigenvalue c. No entry of v is 0
    and entries stay within max_entry.
    """
    M, P = matrix_of(A), matrix_of(basis)
    values = as_ints(list(eigenvalues), "eigen_candidate")
    n, top = M.rows, int(max_entry)
    if n not in (2, 3) or M.shape != (n, n):
        raise SandboxError("eigen_candidate() takes a 2x2 or 3x3 matrix")
    rows = [[int(M[i, j]) for j in range(n)] for i in range(n)]
    columns = [_primitive([int(P[i, j]) for i in range(n)]) for j in range(n)]
    skip = None if avoid is None else [int(x) for x in matrix_of(avoid)]
    columns = [c for c in columns if 0 not in c and c != skip]
    if bool(eigen) and not columns:
        raise SandboxError("eigen_candidate(): every eigenvector of the basis has a zero entry")
    if bool(eigen):
        v = rng.choice(columns)
        image = [sum(rows[i][j] * v[j] for j in range(n)) for i in range(n)]
        return EigenCandidate(sympy.Matrix(v), sympy.Matrix(image), True, sympy.Rational(image[0], v[0]), -1)
    found = []
    for c in range(min(values) - 3, max(values) + 4):
        if c in values:
            continue
        shifted = [[rows[i][j] - (c if i == j else 0) for j in range(n)] for i in range(n)]
        for k in range(1, n):
            v = _primitive(_adjugate_column(shifted, k))     # (A - cI) v is a multiple of e_k
            if 0 in v or max(map(abs, v)) > top:
                continue
            image = [sum(rows[i][j] * v[j] for j in range(n)) for i in range(n)]
            off = [i for i in range(n) if image[i] != c * v[i]]
            if off == [k]:
                found.append((v, image, c, k))
    if found:
        v, image, c, k = rng.choice(found)
        return EigenCandidate(sympy.Matrix(v), sympy.Matrix(image), False, sympy.Integer(c), k)
    raise SandboxError("eigen_candidate() could not find a small candidate vector")


class SymmetricSpectrum(Record):
    """A symmetric 2 x 2 integer matrix with integer eigenvalues and integer eigenvector directions."""

    matrix: sympy.Matrix
    eigenvalues: list           # [larger, smaller]
    vectors: list               # primitive integer eigenvectors (columns), in the order of `eigenvalues`
    units: list                 # the unit eigenvectors, first non-zero entry positive


# (p, q) eigenvector directions with p > 0, q != 0: the matrix l2 I + m (p, q)(p, q)^T has eigenvalues
# l2 + m (p^2 + q^2) and l2 with integer entries.
_SYMMETRIC_DIRECTIONS = ((1, 1), (1, -1), (1, 2), (1, -2), (2, 1), (2, -1), (1, 3), (1, -3), (3, 1), (3, -1))


@macro(needs_rng=True)
def symmetric_spectrum(rng: Any, lo: Any = -4, hi: Any = 6, max_entry: Any = 12) -> SymmetricSpectrum:
    """SymmetricSpectrum (matrix, eigenvalues, vectors, units): A = l2 I + m w w^T with a small integer direction w.

    The smaller eigenvalue l2 is drawn from lo..hi, m from 1..4; the larger is l2 + m |w|^2. The
    off-diagonal entry is never zero and every entry stays within max_entry.
    """
    lo, hi, top = int(lo), int(hi), int(max_entry)
    for _ in range(_ATTEMPTS):
        p, q = rng.choice(_SYMMETRIC_DIRECTIONS)
        m = rng.integer(1, 4)
        l2 = rng.integer(lo, hi)
        a, b, d = l2 + m * p * p, m * p * q, l2 + m * q * q
        if max(abs(a), abs(b), abs(d)) > top:
            continue
        s = p * p + q * q
        l1 = l2 + m * s
        w1 = sympy.Matrix([p, q])
        w2 = sympy.Matrix(_primitive([-q, p]))
        root = sympy.sqrt(s)
        return SymmetricSpectrum(sympy.Matrix([[a, b], [b, d]]), [sympy.Integer(l1), sympy.Integer(l2)],
                                 [w1, w2], [w1 / root, w2 / root])
    raise SandboxError("symmetric_spectrum() could not keep the entries small")


class PlaneData(Record):
    """n two-dimensional integer data points spread along a direction, with their exact PCA."""

    points: sympy.Matrix        # n x 2 data matrix, one point per row
    mean: sympy.Matrix          # 2 x 1 column means (integers)
    centred: sympy.Matrix       # points minus the mean
    covariance: sympy.Matrix    # sample covariance, divisor n - 1
    eigenvalues: list           # [larger, smaller] eigenvalues of the covariance
    direction: sympy.Matrix     # unit first principal direction, first entry positive
    second: sympy.Matrix        # unit second principal direction, first entry positive
    scores: sympy.Matrix        # n x 1: centred points projected on `direction`
    residuals: sympy.Matrix     # n x 1: centred points projected on `second`
    off_axis: list              # 0-based indices of the points not on the first principal axis


# Directions (p, q) of the first principal axis: Pythagorean ones give integer scores, the others surds.
_PCA_DIRECTIONS = {"integer": ((3, 4), (4, 3), (3, -4), (4, -3)),
                   "surd": ((1, 2), (2, 1), (1, -2), (2, -1))}


def _balanced(rng: Any, n: int, bound: int) -> list[int] | None:
    """n integers in -bound..bound summing to 0, not all zero (None when the last one does not fit)."""
    head = [rng.integer(-bound, bound) for _ in range(n - 1)]
    last = -sum(head)
    if abs(last) > bound or not any(head + [last]):
        return None
    return head + [last]


@macro(needs_rng=True, strings_ok=True)
def pca_plane_data(rng: Any, n: Any, family: Any = "integer", centre_lo: Any = 0, centre_hi: Any = 9) -> PlaneData:
    """PlaneData (points, mean, centred, covariance, eigenvalues, direction, second, scores, residuals, off_axis).

    Each centred point is a_i (p, q) + b_i (-q, p) with integer a, b summing to 0 and a . b = 0,
    so the scores are uncorrelated and (p, q) is exactly the first principal direction:
    `integer` directions are (3, 4)-like (the scores 5 a_i are integers), `surd` ones (1, 2)-like (scores a_i sqrt 5).
    The spread along the axis is at least twice the spread across it; the mean is an integer point.
    """
    n = as_int(n, "pca_plane_data")
    if family not in _PCA_DIRECTIONS:
        raise SandboxError(f"pca_plane_data() family is one of {', '.join(_PCA_DIRECTIONS)}")
    if not 4 <= n <= 8:
        raise SandboxError("pca_plane_data() needs 4..8 points")
    bound = 2 if family == "integer" else 3
    lo, hi = int(centre_lo), int(centre_hi)
    for _ in range(20 * _ATTEMPTS):
        p, q = rng.choice(_PCA_DIRECTIONS[family])
        a = _balanced(rng, n, bound)
        b = _balanced(rng, n, 1)
        if a is None or b is None or sum(x * y for x, y in zip(a, b)) != 0 or len(set(a)) < 3:
            continue                                   # (three different scores at least: not two clusters)
        aa, bb = sum(x * x for x in a), sum(y * y for y in b)
        if aa < 2 * bb:
            continue
        rows = [(ai * p - bi * q, ai * q + bi * p) for ai, bi in zip(a, b)]
        if len(set(rows)) < n:
            continue                                   # repeated points look like a typo
        mx, my = rng.integer(lo, hi), rng.integer(lo, hi)
        s = p * p + q * q
        root = sympy.sqrt(s)
        Xc = sympy.Matrix(rows)
        X = sympy.Matrix([[x + mx, y + my] for x, y in rows])
        S = sympy.Matrix([[aa * p * p + bb * q * q, (aa - bb) * p * q],
                          [(aa - bb) * p * q, aa * q * q + bb * p * p]]) / (n - 1)
        second = sympy.Matrix(_primitive([-q, p])) / root
        sign2 = 1 if -q > 0 else -1                   # b_i are the scores on (-q, p); `second` may be its negative
        return PlaneData(X, sympy.Matrix([mx, my]), Xc, S,
                         [sympy.Rational(aa * s, n - 1), sympy.Rational(bb * s, n - 1)],
                         sympy.Matrix([p, q]) / root, second,
                         sympy.Matrix([ai * root for ai in a]), sympy.Matrix([sign2 * bi * root for bi in b]),
                         [i for i, bi in enumerate(b) if bi])
    raise SandboxError("pca_plane_data() could not balance the scores")


class RankOne(Record):
    """A matrix A = k1 (p, q) + k2 (-q, p) with orthogonal integer k1, k2: its SVD in closed form."""

    matrix: sympy.Matrix        # m x 2 integer matrix
    singular_values: list       # [sigma1, sigma2], sigma1 > sigma2 > 0
    right: sympy.Matrix         # unit first right singular vector v1, first entry positive
    left: sympy.Matrix          # unit first left singular vector u1 = A v1 / sigma1
    rank_one: sympy.Matrix      # sigma1 u1 v1^T = k1 (p, q): the best rank-1 approximation (integer)
    gram: sympy.Matrix          # A^T A
    axis: sympy.Matrix          # the integer direction (p, q) of v1


@macro(needs_rng=True)
def svd_rank_one(rng: Any, m: Any, max_entry: Any = 9) -> RankOne:
    """RankOne (matrix, singular_values, right, left, rank_one, gram, axis) of an m x 2 integer matrix (m = 2 or 3).

    A^T A = s|k1|^2 v1 v1^T + s|k2|^2 v2 v2^T with v1 = (p, q)/sqrt(s), so sigma_i = sqrt(s)|k_i|;
    |k1| > |k2| > 0 and the entries of A stay within max_entry.
    """
    m, top = as_int(m, "svd_rank_one"), int(max_entry)
    if m not in (2, 3):
        raise SandboxError("svd_rank_one() builds 2x2 or 3x2 matrices")
    small = [v for v in range(-3, 4)]
    for _ in range(20 * _ATTEMPTS):
        p, q = rng.choice(_SYMMETRIC_DIRECTIONS[:6])
        k1 = [rng.choice(small) for _ in range(m)]
        k2 = [rng.choice(small) for _ in range(m)]
        n1, n2 = sum(x * x for x in k1), sum(x * x for x in k2)
        if n2 == 0 or n1 <= n2 or sum(x * y for x, y in zip(k1, k2)) != 0:
            continue
        rows = [[x * p - y * q, x * q + y * p] for x, y in zip(k1, k2)]
        flat = [v for r in rows for v in r]
        if max(map(abs, flat)) > top or flat.count(0) > 1:
            continue
        s = p * p + q * q
        A = sympy.Matrix(rows)
        v1 = sympy.Matrix([p, q]) / sympy.sqrt(s)
        sigma1 = sympy.sqrt(s * n1)
        return RankOne(A, [sigma1, sympy.sqrt(s * n2)], v1, A * v1 / sigma1,
                       sympy.Matrix(m, 2, lambda i, j: k1[i] * (p, q)[j]), A.T * A, sympy.Matrix([p, q]))
    raise SandboxError("svd_rank_one() could not build a small matrix")


@macro(needs_rng=True)
def normalised_eigen_basis(rng: Any, eigenvalues: Sequence[Any], max_entry: Any = 12, max_det: Any = 1) -> EigenBasis:
    """EigenBasis (matrix, basis) with A = P D P^-1 where every column of P ends in 1.

    So "scale each eigenvector to last entry 1" makes P unique, and a diagonalisation can be keyed
    as matrices. Entries of P lie in -4..4 (2x2) or -2..2 (3x3) with 1 <= |det P| <= max_det (P^-1 has that denominator);
    A is an integer matrix with entries within max_entry, at most one zero entry and no row that is
    zero off the diagonal (no eigenvalue can be read off).
    """
    values = as_ints(list(eigenvalues), "normalised_eigen_basis")
    n, top, most = len(values), int(max_entry), int(max_det)
    if n not in (2, 3) or len(set(values)) != n or most < 1:
        raise SandboxError("normalised_eigen_basis() needs 2 or 3 distinct eigenvalues and max_det >= 1")
    span = 4 if n == 2 else 2          # 3x3: small entries keep det P = +-1 and A small often enough
    for _ in range(50 * _ATTEMPTS):
        P = [[rng.integer(-span, span) for _ in range(n)] for _ in range(n - 1)] + [[1] * n]
        first = _adjugate_column(P, 0)
        d = sum(P[0][i] * first[i] for i in range(n))           # det P by the first row
        if not 1 <= abs(d) <= most:
            continue
        adj = [first] + [_adjugate_column(P, k) for k in range(1, n)]   # adj[k][i] = adj(P)[i][k]
        # A = P D P^-1 = P D adj(P) / det P: integer only when every entry divides out
        scaled = [[sum(P[i][t] * values[t] * adj[j][t] for t in range(n)) for j in range(n)] for i in range(n)]
        if any(v % d for r in scaled for v in r):
            continue
        A = [[v // d for v in r] for r in scaled]
        flat = [v for r in A for v in r]
        if max(map(abs, flat)) > top or flat.count(0) > 1:
            continue
        if any(all(A[i][j] == 0 for j in range(n) if j != i) for i in range(n)):
            continue
        return EigenBasis(sympy.Matrix(A), sympy.Matrix(P))
    raise SandboxError(f"could not build a matrix with eigenvalues {values} and entries <= {top}")
