"""Macros used mainly by the calculus templates of weeks 7-10 and the integrated weeks 11-12 problems.

Everything here builds exact values (Python ints, SymPy Rationals) in closed form with
`fractions.Fraction` arithmetic, so templates never call `solve` or `nullspace` on the hot
path: Markov chains with a chosen stationary distribution, integer noise that leaves a
least-squares fit exact, and one step of k-means with exact centroids.
"""

from __future__ import annotations

import itertools
from fractions import Fraction
from typing import Any, Sequence

import sympy

from ..api import to_sympy
from ..api import to_fraction as _frac, to_rational as _rat
from ..api import SandboxError
from ..api import macro

_ATTEMPTS = 200


def _rows(A: Any) -> list[list[Fraction]]:
    """A matrix (SymPy or nested lists) as rows of Fractions."""
    if isinstance(A, sympy.MatrixBase):
        return [[_frac(A[i, j]) for j in range(A.cols)] for i in range(A.rows)]
    if isinstance(A, (list, tuple)) and A and all(isinstance(r, (list, tuple, sympy.MatrixBase)) for r in A):
        return [[_frac(v) for v in r] for r in A]
    raise SandboxError("expected a matrix or a list of rows")


def _vec(v: Any) -> list[Fraction]:
    if isinstance(v, sympy.MatrixBase):
        return [_frac(x) for x in v]
    if isinstance(v, (list, tuple)):
        return [_frac(x) for x in v]
    raise SandboxError("expected a vector or a list")


def _solve(M: list[list[Fraction]], b: list[Fraction]) -> list[Fraction]:
    """Solve the square system M x = b exactly by Gauss-Jordan elimination."""
    n = len(M)
    A = [row[:] + [b[i]] for i, row in enumerate(M)]
    for c in range(n):
        pivot = next((r for r in range(c, n) if A[r][c] != 0), None)
        if pivot is None:
            raise SandboxError("singular system")
        A[c], A[pivot] = A[pivot], A[c]
        p = A[c][c]
        A[c] = [v / p for v in A[c]]
        for r in range(n):
            if r != c and A[r][c] != 0:
                f = A[r][c]
                A[r] = [x - f * y for x, y in zip(A[r], A[c])]
    return [A[i][n] for i in range(n)]


def _det(M: list[list[Fraction]]) -> Fraction:
    """Exact determinant by fraction-valued Gaussian elimination."""
    A = [row[:] for row in M]
    n, det = len(A), Fraction(1)
    for c in range(n):
        pivot = next((r for r in range(c, n) if A[r][c] != 0), None)
        if pivot is None:
            return Fraction(0)
        if pivot != c:
            A[c], A[pivot] = A[pivot], A[c]
            det = -det
        det *= A[c][c]
        for r in range(c + 1, n):
            f = A[r][c] / A[c][c]
            A[r] = [x - f * y for x, y in zip(A[r], A[c])]
    return det


# --- Markov chains ----------------------------------------------------------------------


@macro()
def chain_stationary(P: Any) -> list[sympy.Rational]:
    """Exact stationary row vector pi (pi P = pi, entries sum to 1) of a row-stochastic matrix."""
    rows = _rows(P)
    n = len(rows)
    if n < 2 or n > 6 or any(len(r) != n for r in rows):
        raise SandboxError("chain_stationary() needs a square matrix of size 2..6")
    if any(sum(r) != 1 or min(r) < 0 for r in rows):
        raise SandboxError("chain_stationary() needs non-negative rows summing to 1")
    # pi (P - I) = 0  <=>  (P - I)^T pi^T = 0; replace the last equation by sum(pi) = 1
    M = [[rows[j][i] - (1 if i == j else 0) for j in range(n)] for i in range(n)]
    M[-1] = [Fraction(1)] * n
    rhs = [Fraction(0)] * (n - 1) + [Fraction(1)]
    return [_rat(v) for v in _solve(M, rhs)]


@macro(needs_rng=True)
def reversible_chain(rng: Any, n: Any = 3, max_denominator: Any = 12) -> tuple:
    """(P, pi): a row-stochastic n x n chain (n = 2 or 3) with a chosen, non-uniform stationary pi.

    Built from a symmetric flow: P[i][j] = g_ij / (k w_i) with g symmetric, so pi = w / sum(w)
    satisfies detailed balance. Every diagonal entry is positive (aperiodic) and the chain is
    irreducible; denominators stay at most `max_denominator`.
    """
    n, top = int(n), int(max_denominator)
    if n not in (2, 3):
        raise SandboxError("reversible_chain() builds 2- or 3-state chains")
    for _ in range(_ATTEMPTS):
        w = [rng.integer(1, 4) for _ in range(n)]
        if len(set(w)) == 1:
            continue
        k = rng.choice([2, 3, 4, 5])
        if k * max(w) > top:
            continue
        g = [[0] * n for _ in range(n)]
        for i, j in itertools.combinations(range(n), 2):
            g[i][j] = g[j][i] = rng.integer(0 if n == 3 else 1, 3)
        # irreducible: the flow graph must be connected
        if n == 3 and sum(1 for i, j in itertools.combinations(range(n), 2) if g[i][j]) < 2:
            continue
        if any(sum(g[i]) >= k * w[i] for i in range(n)):
            continue
        P = [[Fraction(g[i][j], k * w[i]) for j in range(n)] for i in range(n)]
        for i in range(n):
            P[i][i] = 1 - sum(P[i][j] for j in range(n) if j != i)
        total = sum(w)
        pi = [sympy.Rational(v, total) for v in w]
        return sympy.Matrix([[_rat(v) for v in r] for r in P]), pi
    raise SandboxError("could not build a reversible chain")


# --- least squares ---------------------------------------------------------------------


@macro(needs_rng=True)
def exact_fit_noise(rng: Any, vectors: Sequence[Any], bound: Any = 3) -> list[int]:
    """Non-zero integer vector e with |e_i| <= bound, orthogonal to each given vector (e.g. 1 and x).

    Adding e to y = w x + b leaves the least-squares fit exactly (b, w): the residuals are e.
    """
    M = [_vec(v) for v in vectors]
    m, bound = len(M), int(bound)
    if m < 1 or bound < 1:
        raise SandboxError("exact_fit_noise() needs at least one vector and bound >= 1")
    n = len(M[0])
    if any(len(r) != n for r in M) or n - m < 1 or n > 12:
        raise SandboxError("exact_fit_noise() needs vectors of one length n > number of vectors")
    # pivot columns whose square block has the smallest |det| (ideally 1: integer solutions always)
    best = None
    for cols in itertools.combinations(range(n), m):
        block = [[M[i][c] for c in cols] for i in range(m)]
        d = abs(_det(block))
        if d != 0 and (best is None or d < best[0]):
            best = (d, cols)
            if d == 1:
                break
    if best is None:
        raise SandboxError("exact_fit_noise(): the vectors are dependent")
    pivots = list(best[1])
    free = [c for c in range(n) if c not in pivots]
    block = [[M[i][c] for c in pivots] for i in range(m)]
    for _ in range(_ATTEMPTS):
        e = [Fraction(0)] * n
        for c in free:
            e[c] = Fraction(rng.integer(-2, 2))
        if not any(e[c] for c in free):
            continue
        rhs = [-sum(M[i][c] * e[c] for c in free) for i in range(m)]
        sol = _solve(block, rhs)
        for c, v in zip(pivots, sol):
            e[c] = v
        if all(v.denominator == 1 and abs(v) <= bound for v in e):
            return [int(v) for v in e]
    raise SandboxError(f"could not find integer noise within {bound} orthogonal to the vectors")


@macro()
def line_values(xs: Sequence[Any], w: Any, b: Any, noise: Sequence[Any] | None = None) -> list[Any]:
    """The list w*x_i + b (+ noise_i) for the given x values, exactly."""
    xs = list(xs)
    if not 1 <= len(xs) <= 50:
        raise SandboxError("line_values() takes 1 to 50 x values")
    eps = list(noise) if noise is not None else [0] * len(xs)
    if len(eps) != len(xs):
        raise SandboxError("line_values(): noise and x values differ in length")
    w, b = to_sympy(w), to_sympy(b)
    return [w * to_sympy(x) + b + to_sympy(e) for x, e in zip(xs, eps)]


@macro()
def mse_loss(xs: Sequence[Any], ys: Sequence[Any], w: Any, b: Any = 0) -> Any:
    """Mean squared error (1/n) sum (w x_i + b - y_i)^2 as a SymPy expression (w, b numbers or symbols)."""
    xs, ys = list(xs), list(ys)
    if len(xs) != len(ys) or not 1 <= len(xs) <= 50:
        raise SandboxError("mse_loss() needs x and y lists of one length (1..50)")
    terms = [(w * to_sympy(x) + b - to_sympy(y)) ** 2 for x, y in zip(xs, ys)]
    return sympy.Add(*terms) / len(xs)


# --- k-means ----------------------------------------------------------------------------


def _points(points: Any) -> list[list[Fraction]]:
    pts = _rows(points)
    if any(len(p) != len(pts[0]) for p in pts):
        raise SandboxError("points must all have the same dimension")
    return pts


def _sqdist(p: Sequence[Fraction], c: Sequence[Fraction]) -> Fraction:
    return sum(((a - b) ** 2 for a, b in zip(p, c)), Fraction(0))


def _labels(pts: list[list[Fraction]], cents: list[list[Fraction]]) -> list[int] | None:
    """Nearest centroid of each point (squared Euclidean distance); None on a tie."""
    out = []
    for p in pts:
        d = [_sqdist(p, c) for c in cents]
        best = min(d)
        if d.count(best) > 1:
            return None
        out.append(d.index(best))
    return out


def _means(pts: list[list[Fraction]], labels: list[int], k: int) -> list[list[Fraction]] | None:
    out = []
    for j in range(k):
        members = [p for p, lab in zip(pts, labels) if lab == j]
        if not members:
            return None
        out.append([sum(col, Fraction(0)) / len(members) for col in zip(*members)])
    return out


@macro()
def kmeans_labels(points: Any, centroids: Any) -> list[int]:
    """For each point, the 0-based index of its nearest centroid (squared Euclidean distance)."""
    labels = _labels(_points(points), _points(centroids))
    if labels is None:
        raise SandboxError("a point is equally far from two centroids")
    return labels


@macro()
def kmeans_sqdists(points: Any, centre: Any) -> list[sympy.Rational]:
    """Squared Euclidean distance from each point to one centre, in point order."""
    c = _vec(centre)
    return [_rat(_sqdist(p, c)) for p in _points(points)]


@macro()
def kmeans_members(points: Any, centroids: Any, j: Any) -> list[int]:
    """1-based numbers of the points whose nearest centroid is centroid j (0-based)."""
    labels = kmeans_labels(points, centroids)
    return [i + 1 for i, lab in enumerate(labels) if lab == int(j)]


@macro()
def kmeans_update(points: Any, centroids: Any) -> list[list[sympy.Rational]]:
    """One k-means update: assign each point to its nearest centroid, return the cluster means."""
    pts, cents = _points(points), _points(centroids)
    labels = kmeans_labels(points, centroids)
    means = _means(pts, labels, len(cents))
    if means is None:
        raise SandboxError("a cluster is empty after the assignment step")
    return [[_rat(v) for v in m] for m in means]


@macro()
def kmeans_sse(points: Any, centres: Any, labels: Any) -> sympy.Rational:
    """Sum over points of the squared distance to the centre of its labelled (0-based) cluster."""
    pts, cents = _points(points), _points(centres)
    return _rat(sum((_sqdist(p, cents[int(lab)]) for p, lab in zip(pts, labels)), Fraction(0)))


@macro(needs_rng=True)
def kmeans_instance(rng: Any, n: Any = 6, changes: Any = None, lo: Any = 0, hi: Any = 9) -> tuple:
    """(points, centroids): n distinct integer points in two loose groups and two starting centroids.

    No point is equidistant from the two centroids, before or after one update; both clusters
    keep at least two points. `changes` (True/False) asks whether re-assigning with the updated
    centroids moves at least one point.
    """
    n, lo, hi = int(n), int(lo), int(hi)
    if not 4 <= n <= 10 or hi - lo < 6:
        raise SandboxError("kmeans_instance() needs 4..10 points on a grid at least 7 wide")
    for _ in range(_ATTEMPTS * 5):
        centres = [[rng.integer(lo + 1, hi - 1), rng.integer(lo + 1, hi - 1)] for _ in range(2)]
        if _sqdist([Fraction(v) for v in centres[0]], [Fraction(v) for v in centres[1]]) < 16:
            continue
        pts: list[list[int]] = []
        for i in range(n):
            c = centres[i % 2]
            p = [min(hi, max(lo, c[0] + rng.integer(-2, 2))), min(hi, max(lo, c[1] + rng.integer(-2, 2)))]
            if p in pts:
                break
            pts.append(p)
        if len(pts) < n:
            continue
        pts = rng.shuffled(pts)
        cents = [[rng.integer(lo, hi), rng.integer(lo, hi)] for _ in range(2)]
        if cents[0] == cents[1] or any(c in pts for c in cents):
            continue
        F = [[Fraction(v) for v in p] for p in pts]
        C = [[Fraction(v) for v in c] for c in cents]
        labels = _labels(F, C)
        if labels is None or min(labels.count(0), labels.count(1)) < 2:
            continue
        means = _means(F, labels, 2)
        again = _labels(F, means) if means else None
        if again is None:
            continue
        if changes is not None and bool(changes) != (again != labels):
            continue
        return pts, cents
    raise SandboxError("could not build a k-means instance")


# --- sets of points ---------------------------------------------------------------------------


class PointTuple(sympy.Tuple):
    """A point (a, b, ...) that can sit in a `set` answer.

    The engine sorts set items by `float(N(v))` and only expects TypeError/ValueError for
    non-numbers; a plain SymPy Tuple has no `evalf` and raises AttributeError instead. This
    subclass returns itself from `evalf`, so the float conversion fails with TypeError and
    the engine falls back to SymPy's default sort key. It prints exactly like a Tuple.
    """

    def evalf(self, *args: Any, **kwargs: Any) -> "PointTuple":
        return self

    n = evalf


@macro()
def point_set(*points: Any) -> sympy.FiniteSet:
    """Finite set of points given as tuples or lists, usable as a `set` answer: point_set((1, 2), (-1, 2))."""
    if len(points) == 1 and isinstance(points[0], (list, tuple)) and points[0] and \
            all(isinstance(p, (list, tuple, sympy.Tuple)) for p in points[0]):
        points = tuple(points[0])
    if not 1 <= len(points) <= 50:
        raise SandboxError("point_set() takes 1 to 50 points")
    out = []
    for p in points:
        if not isinstance(p, (list, tuple, sympy.Tuple)) or not 1 <= len(p) <= 6:
            raise SandboxError("point_set() needs points written as tuples, e.g. (1, 2)")
        out.append(PointTuple(*[to_sympy(v) for v in p]))
    return sympy.FiniteSet(*out)
