"""Vectors, checked with NumPy: combinations, angles, projections, cosine similarity and distances."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from ..api import CheckFailed, check, to_float
from .comparisons import as_array, truth_of, vector_of


@check()
def np_norm(v: Any) -> float:
    """Euclidean (Frobenius) norm by NumPy."""
    return float(np.linalg.norm(as_array(v)))


@check()
def np_combination(coeffs: Sequence[Any], vectors: Sequence[Any]) -> np.ndarray:
    """sum c_i v_i computed with NumPy arrays."""
    if len(coeffs) != len(vectors) or not vectors:
        raise CheckFailed("np_combination() needs as many coefficients as vectors")
    total = np.zeros_like(vector_of(vectors[0]))
    for c, v in zip(coeffs, vectors):
        total = total + to_float(c) * vector_of(v)
    return total


@check()
def np_angle(u: Any, v: Any) -> float:
    """Angle between u and v in radians, by numpy.arccos of the normalised dot product."""
    a, b = vector_of(u), vector_of(v)
    na, nb = np.linalg.norm(a), np.linalg.norm(b)
    if na < 1e-12 or nb < 1e-12:
        raise CheckFailed("the angle with a zero vector is undefined")
    return float(np.arccos(np.clip(a @ b / (na * nb), -1.0, 1.0)))


@check()
def projection_parts_match(u: Any, v: Any, p: Any, r: Any) -> bool:
    """p is parallel to v, r is orthogonal to v and p + r = u (NumPy), so p = proj_v u."""
    a, b, pp, rr = vector_of(u), vector_of(v), vector_of(p), vector_of(r)
    if not (a.shape == b.shape == pp.shape == rr.shape):
        raise CheckFailed("vectors of different sizes")
    if not np.allclose(pp + rr, a, atol=1e-9):
        raise CheckFailed(f"p + r = {pp + rr} is not u = {a}")
    if abs(rr @ b) > 1e-9:
        raise CheckFailed(f"r . v = {rr @ b:.3g}, not 0")
    # p parallel to v: the 2 x n matrix [p; v] has rank <= 1
    if np.linalg.matrix_rank(np.vstack([pp, b]), tol=1e-9) > 1:
        raise CheckFailed(f"p = {pp} is not a multiple of v = {b}")
    return True


@check()
def np_cosine(u: Any, v: Any) -> float:
    """Cosine similarity u.v / (|u| |v|) by NumPy."""
    a, b = vector_of(u), vector_of(v)
    return float(a @ b / (np.linalg.norm(a) * np.linalg.norm(b)))


@check()
def np_distance(u: Any, v: Any) -> float:
    """Euclidean distance |u - v| by NumPy."""
    return float(np.linalg.norm(vector_of(u) - vector_of(v)))


@check()
def most_similar_matches(q: Any, docs: Sequence[Any], flags: Sequence[Any]) -> bool:
    """Exactly the document with the largest cosine similarity to q (NumPy) is flagged correct."""
    cos = [np_cosine(q, d) for d in docs]
    if len(flags) != len(docs):
        raise CheckFailed("one flag per document is needed")
    best = int(np.argmax(cos))
    if sorted(cos)[-1] - sorted(cos)[-2] < 1e-9:
        raise CheckFailed(f"cosine similarities tie: {cos}")
    marked = [k for k, f in enumerate(flags) if truth_of(f)]
    if marked != [best]:
        raise CheckFailed(f"NumPy cosines {np.round(cos, 4)} pick option {best}, key marks {marked}")
    return True


# ---- Dot and cross products by coordinates, areas by side lengths, dot algebra from a Gram matrix ----


@check()
def np_dot(u: Any, v: Any) -> float:
    """Dot product by NumPy."""
    a, b = vector_of(u), vector_of(v)
    if a.shape != b.shape:
        raise CheckFailed(f"vectors of sizes {a.size} and {b.size}")
    return float(a @ b)


@check()
def np_cross(u: Any, v: Any) -> np.ndarray:
    """Cross product of two vectors in R^3 by numpy.cross."""
    a, b = vector_of(u), vector_of(v)
    if a.shape != (3,) or b.shape != (3,):
        raise CheckFailed("np_cross() needs two vectors in R^3")
    return np.cross(a, b)


@check()
def heron_area(p: Any, q: Any, r: Any) -> float:
    """Area of the triangle with vertices p, q, r (any dimension) from its three side lengths (Heron, Kahan's stable form)."""
    P, Q, R = vector_of(p), vector_of(q), vector_of(r)
    if not P.shape == Q.shape == R.shape:
        raise CheckFailed("heron_area() needs three points of one dimension")
    a, b, c = sorted((float(np.linalg.norm(Q - R)), float(np.linalg.norm(P - R)), float(np.linalg.norm(P - Q))),
                     reverse=True)
    product = (a + (b + c)) * (c - (a - b)) * (c + (a - b)) * (a + (b - c))
    return 0.25 * float(np.sqrt(max(product, 0.0)))


@check()
def gram_dot(gram: Any, a: Any, b: Any) -> float:
    """(a1 u + a2 v + ...) . (b1 u + b2 v + ...) for vectors with the given Gram matrix G_ij = u_i . u_j.

    The vectors are realised as coordinates (the rows of a Cholesky factor of G) and the two
    combinations are formed and multiplied in NumPy, so the bilinear expansion a^T G b is not used.
    """
    G = as_array(gram)
    if G.ndim != 2 or G.shape[0] != G.shape[1] or not np.allclose(G, G.T):
        raise CheckFailed("gram_dot() needs a symmetric Gram matrix")
    try:
        coords = np.linalg.cholesky(G)          # row i holds the coordinates of vector i
    except np.linalg.LinAlgError:
        raise CheckFailed("the Gram matrix is not positive definite: no such vectors exist") from None
    x, y = vector_of(a) @ coords, vector_of(b) @ coords
    return float(x @ y)


@check()
def np_outer(u: Any, v: Any) -> np.ndarray:
    """The outer product u v^T by numpy.outer."""
    return np.outer(vector_of(u), vector_of(v))
