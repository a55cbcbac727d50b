"""Vectors: building them (random, with integer length, at a chosen angle), combining them, and writing them.

Vectors are SymPy column matrices. Builders choose the property first (an integer length, an
exact angle, a winner by cosine similarity) and derive the entries from it.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from functools import cache
from itertools import product
from typing import Any

import numpy as np
import sympy

from ..api import Record, SandboxError, as_int, as_ints, latex_of, macro, to_sympy
from .matrices import dimension, matrix_of

_ATTEMPTS = 2000


class VectorPair(Record):
    """Two vectors."""

    u: sympy.Matrix
    v: sympy.Matrix


class Documents(Record):
    """A query vector and three document vectors (word counts)."""

    query: sympy.Matrix
    docs: list


@macro()
def dot(u: Any, v: Any) -> Any:
    """Dot product of two vectors."""
    return matrix_of(u).dot(matrix_of(v))


@macro()
def cross(u: Any, v: Any) -> sympy.Matrix:
    """Cross product in R^3."""
    return matrix_of(u).cross(matrix_of(v))


@macro()
def norm(v: Any) -> Any:
    """Euclidean norm of a vector (Frobenius for a matrix)."""
    return matrix_of(v).norm()


@macro()
def vector(*entries: Any) -> sympy.Matrix:
    """Column vector from entries, or from one list."""
    if len(entries) == 1 and isinstance(entries[0], (list, tuple, sympy.MatrixBase)):
        entries = tuple(entries[0])
    if not 1 <= len(entries) <= 50:
        raise SandboxError("vector() takes 1 to 50 entries")
    return sympy.Matrix(list(entries))


@macro(needs_rng=True)
def random_vector(rng: Any, n: Any, lo: Any, hi: Any) -> sympy.Matrix:
    """Column vector of n integers from lo..hi, not the zero vector."""
    n = dimension(n)
    while True:  # the zero vector has probability <= 1/2 per draw only when lo = hi = 0
        if int(lo) == int(hi) == 0:
            raise SandboxError("random_vector(…, 0, 0) can only be zero")
        v = sympy.Matrix([rng.integer(int(lo), int(hi)) for _ in range(n)])
        if any(v):
            return v


PYTHAGOREAN = {2: [(3, 4), (5, 12), (8, 15), (7, 24)], 3: [(1, 2, 2), (2, 3, 6), (1, 4, 8), (2, 6, 9), (4, 4, 7)]}


@macro(needs_rng=True)
def pythagorean_vector(rng: Any, n: Any = 2) -> sympy.Matrix:
    """Integer vector in R^2 or R^3 with an integer length, in random order and signs."""
    n = as_int(n, "pythagorean_vector")
    if n not in PYTHAGOREAN:
        raise SandboxError("pythagorean_vector() supports dimension 2 or 3")
    base = list(rng.choice(PYTHAGOREAN[n]))
    base = rng.shuffled(base)
    return sympy.Matrix([v * rng.choice((-1, 1)) for v in base])


@macro(strings_ok=True)
def combo_latex(coeffs: Sequence[Any], names: Sequence[str], bold: Any = True) -> str:
    """LaTeX of a linear combination of named vectors: [2, -1, 3], ['u', 'v', 'w'] -> 2u - v + 3w in bold.

    With bold=False the names are printed as they are (matrices: 2A^T - B + 3I; A - 2I; v, -v, 2v, never
    1v or + -2); zero terms are left out.
    """
    if len(coeffs) != len(names) or not coeffs:
        raise SandboxError("combo_latex() needs as many coefficients as names")
    out = ""
    for c, name in zip(coeffs, names):
        if not isinstance(name, str):
            raise SandboxError("combo_latex() names must be text")
        c = to_sympy(c)
        if c == 0:
            continue
        sign = "-" if c.is_negative else "+"
        mag = abs(c)
        shown = (r"\mathbf{%s}" % name) if bold is True else name
        body = shown if mag == 1 else sympy.latex(mag) + shown
        if not out:
            out = ("-" if sign == "-" else "") + body
        else:
            out += f" {sign} {body}"
    return out or "0"


_ANGLES = (30, 45, 60, 90, 120, 135, 150)


# cos^2 of each angle as a fraction (num, den) and the sign of the cosine
_COS2 = {30: (3, 4, 1), 45: (1, 2, 1), 60: (1, 4, 1), 90: (0, 1, 0),
         120: (1, 4, -1), 135: (1, 2, -1), 150: (3, 4, -1)}


@cache
def _angle_table(dim: int) -> dict[int, list[tuple[tuple[int, ...], tuple[int, ...]]]]:
    """All pairs of integer vectors (entries in [-3, 3], or [-4, 4] in the plane) by exact angle."""
    bound = 3 if dim == 3 else 4
    vecs = np.array([v for v in product(range(-bound, bound + 1), repeat=dim) if any(v)], dtype=np.int64)
    dots = vecs @ vecs.T
    sq = (vecs * vecs).sum(axis=1)
    nn = np.outer(sq, sq)
    table: dict[int, list] = {}
    for deg, (num, den, sign) in _COS2.items():
        zeros = (vecs == 0).sum(axis=1)
        plain = (zeros[:, None] + zeros[None, :]) <= (2 if dim == 3 else 1)  # no near-axis pairs
        mask = (den * dots * dots == num * nn) & (np.sign(dots) == sign) & plain
        ii, jj = np.nonzero(mask)
        table[deg] = [(tuple(int(x) for x in vecs[i]), tuple(int(x) for x in vecs[j])) for i, j in zip(ii, jj)]
    return table


@macro(needs_rng=True)
def angle_pair(rng: Any, degrees: Any, dim: Any = 3) -> VectorPair:
    """VectorPair (u, v): integer vectors in R^2 or R^3 at exactly `degrees` (30, 45, 60, 90, 120, 135, 150)."""
    deg, n = int(degrees), int(dim)
    if deg not in _COS2 or n not in (2, 3):
        raise SandboxError(f"angle_pair() supports angles {_ANGLES} in dimension 2 or 3")
    pairs = _angle_table(n)[deg]
    if not pairs:
        raise SandboxError(f"no integer vectors in R^{n} make an angle of {deg} degrees")
    u, v = rng.choice(pairs)
    return VectorPair(sympy.Matrix(u), sympy.Matrix(v))


def _cos(q: Sequence[int], d: Sequence[int]) -> float:
    return sum(a * b for a, b in zip(q, d)) / math.sqrt(sum(a * a for a in q) * sum(b * b for b in d))


def _dist2(q: Sequence[int], d: Sequence[int]) -> int:
    return sum((a - b) ** 2 for a, b in zip(q, d))


@macro(needs_rng=True)
def similarity_documents(rng: Any, dim: Any = 5, hi: Any = 5, extra: Any = 0) -> Documents:
    """Documents (query, docs): count vectors where three different documents win by cosine, dot product, distance.

    The best cosine similarity, the largest dot product and the nearest point are three
    different documents, each by a clear margin; `extra` (0..3) further documents win nothing
    (each loses every ranking by the same margins), so the winner's letter is spread over more options.
    """
    n, top, more = int(dim), int(hi), int(extra)
    if not 4 <= n <= 8 or not 4 <= top <= 9 or not 0 <= more <= 3:
        raise SandboxError("similarity_documents() needs dim 4..8, hi 4..9 and extra 0..3")
    for _ in range(_ATTEMPTS):
        q = [rng.integer(0, top) for _ in range(n)]
        if sum(1 for x in q if x) < 3 or max(q) < 3:
            continue
        # a short document pointing almost the same way (best cosine) ...
        short = [(x + rng.integer(0, 1)) // 2 for x in q]
        # ... a long document with many words (largest dot product) ...
        long_ = [rng.integer(top // 2, top) for _ in range(n)]
        # ... and one close to q in raw counts but turned away from it (nearest point)
        near = list(q)
        for k in rng.sample(list(range(n)), 2):
            near[k] = min(top, max(0, near[k] + rng.choice((-2, -1, 1, 2))))
        docs = [short, long_, near]
        if not all(any(d) for d in docs) or len({tuple(d) for d in docs}) < 3 or near == q:
            continue
        cos = [_cos(q, d) for d in docs]
        dots = [sum(a * b for a, b in zip(q, d)) for d in docs]
        dist = [_dist2(q, d) for d in docs]
        if not (cos[0] - max(cos[1], cos[2]) >= 0.02 and dots[1] - max(dots[0], dots[2]) >= 2
                and min(dist[0], dist[1]) - dist[2] >= 2):
            continue
        for _ in range(_ATTEMPTS if more else 0):   # documents that win nothing
            if len(docs) == 3 + more:
                break
            d = [rng.integer(0, top) for _ in range(n)]
            if (any(d) and tuple(d) not in {tuple(x) for x in docs} and _cos(q, d) <= cos[0] - 0.02
                    and sum(a * b for a, b in zip(q, d)) <= dots[1] - 2 and _dist2(q, d) >= dist[2] + 2):
                docs.append(d)
        if len(docs) < 3 + more:
            continue
        order = rng.shuffled(list(range(len(docs))))
        return Documents(sympy.Matrix(q), [sympy.Matrix(docs[k]) for k in order])
    raise SandboxError("could not build feature vectors with three different winners")  # pragma: no cover


@macro()
def primitive_int_vector(v: Any) -> sympy.Matrix:
    """The integer vector v divided by the gcd of its entries, first non-zero entry made positive."""
    entries = as_ints(v, "primitive_int_vector")
    if not any(entries):
        raise SandboxError("primitive_int_vector() of the zero vector")
    g = 0
    for e in entries:
        g = math.gcd(g, e)
    first = next(e for e in entries if e)
    g = g if first > 0 else -g
    return sympy.Matrix([e // g for e in entries])


@macro()
def column_combo_latex(coeffs: Sequence[Any], vectors: Sequence[Any]) -> str:
    """LaTeX of c1 v1 + c2 v2 + ... with each vector printed as a column: 2(1; 0) - (3; 4); no 1 before a vector, zero terms left out."""
    if len(coeffs) != len(vectors) or not 1 <= len(coeffs) <= 8:
        raise SandboxError("column_combo_latex() needs as many coefficients as vectors (at most 8)")
    out = ""
    for c, v in zip(coeffs, vectors):
        c = to_sympy(c)
        if c == 0:
            continue
        column = latex_of(sympy.Matrix(list(matrix_of(v))))
        mag = abs(c)
        body = column if mag == 1 else sympy.latex(mag) + column
        if not out:
            out = ("-" if c.is_negative else "") + body
        else:
            out += (" - " if c.is_negative else " + ") + body
    return out or "0"


# ---------------------------------------------------------------------------------------------
# Weeks 9-10: orthogonal integer bases (Gram-Schmidt and QR questions with exact small answers).
# ---------------------------------------------------------------------------------------------

class OrthogonalBasis(Record):
    """Three mutually orthogonal integer vectors of R^3 with one common integer length."""

    vectors: list           # three column vectors
    length: int             # their common Euclidean length (3, 7 or 9)


def _signed_permutations(v: tuple[int, int, int]) -> set[tuple[int, int, int]]:
    return {tuple(s * x for s, x in zip(signs, p)) for p in itertools.permutations(v)
            for signs in itertools.product((1, -1), repeat=3)}


@cache
def _orthogonal_triples() -> tuple:
    """Every ordered orthogonal triple from signed permutations of (1, 2, 2), (2, 3, 6), (1, 4, 8) and (4, 4, 7)."""
    out = []
    for length, bases in ((3, [(1, 2, 2)]), (7, [(2, 3, 6)]), (9, [(1, 4, 8), (4, 4, 7)])):
        pool = sorted(set().union(*(_signed_permutations(b) for b in bases)))
        dot = lambda a, b: sum(x * y for x, y in zip(a, b))  # noqa: E731
        for a in pool:
            for b in pool:
                if dot(a, b):
                    continue
                for c in pool:
                    if not dot(a, c) and not dot(b, c):
                        out.append((length, a, b, c))
    return tuple(out)


@macro(needs_rng=True)
def orthogonal_basis(rng: Any, max_length: Any = 9) -> OrthogonalBasis:
    """OrthogonalBasis (vectors, length): an orthogonal integer basis of R^3 whose vectors all have length 3, 7 or 9 (at most max_length)."""
    top = as_int(max_length, "orthogonal_basis")
    lengths = [v for v in (3, 7, 9) if v <= top]
    if not lengths:
        raise SandboxError("orthogonal_basis() lengths are 3, 7 or 9")
    length = rng.choice(lengths)
    triples = [t for t in _orthogonal_triples() if t[0] == length]
    _, a, b, c = rng.choice(triples)
    return OrthogonalBasis([sympy.Matrix(a), sympy.Matrix(b), sympy.Matrix(c)], length)
