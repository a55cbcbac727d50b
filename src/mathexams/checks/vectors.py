"""Vectors, checked with NumPy: combinations, angles, projections, cosine similarity and distances."""

from __future__ import annotations

from typing import Any, Sequence

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
