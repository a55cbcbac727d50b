"""The course's vectors checks: each accepts a right key and catches the typical wrong one, independently of the macros."""

from __future__ import annotations

import math

import numpy as np
import pytest
import sympy
from draw_helpers import rngs

from mathexams.checks import vectors as vectors_checks
from mathexams.errors import CheckFailed
from mathexams.macros import decimals, vectors

x = sympy.Symbol("x", real=True)

Mat = sympy.Matrix


@pytest.mark.parametrize("deg", [30, 45, 60, 90, 120, 135, 150])


def test_angle_pair_has_exactly_the_angle(deg):
    dims = (2, 3) if deg in (45, 90, 135) else (3,)
    for dim in dims:
        for rng in rngs(60):
            pair = vectors.angle_pair(rng, deg, dim)
            u, v = pair.u, pair.v
            assert u.shape == v.shape == (dim, 1)
            cos = u.dot(v) / (u.norm() * v.norm())
            assert sympy.simplify(cos - sympy.cos(sympy.pi * deg / 180)) == 0
            assert math.isclose(vectors_checks.np_angle(u, v), math.radians(deg), abs_tol=1e-9)


def test_similarity_documents_have_three_different_winners():
    for rng in rngs(200):
        item = vectors.similarity_documents(rng, 5, 5)
        q, docs = item.query, item.docs
        assert all(0 <= x <= 5 for d in [q, *docs] for x in d)
        cos = [vectors_checks.np_cosine(q, d) for d in docs]
        dots = [q.dot(d) for d in docs]
        dist = [vectors_checks.np_distance(q, d) for d in docs]
        winners = {int(np.argmax(cos)), int(np.argmax(dots)), int(np.argmin(dist))}
        assert len(winners) == 3
        assert sorted(cos)[-1] - sorted(cos)[-2] >= 0.02


def test_rounded_cosines_and_distances_agree_with_numpy():
    # what the similarity template shows: approx() of the exact cosine and distance
    for rng in rngs(100):
        docs = vectors.similarity_documents(rng, 5, 5).docs
        a, b = docs[0], docs[1]
        cos = decimals.approx(vectors.dot(a, b) / (vectors.norm(a) * vectors.norm(b)), 12)
        assert abs(float(cos) - vectors_checks.np_cosine(a, b)) < 1e-11
        dist = decimals.approx(vectors.norm(a - b), 12)
        assert abs(float(dist) - vectors_checks.np_distance(a, b)) < 1e-11


def test_np_combination_and_projection_parts():
    u, v = Mat([3, 2, 1]), Mat([1, -2, 0])
    assert np.allclose(vectors_checks.np_combination([2, -1], [u, v]), [5, 6, 2])
    p = sympy.Rational(-1, 5) * v
    assert vectors_checks.projection_parts_match(u, v, p, u - p)
    with pytest.raises(CheckFailed):   # dividing by |v| instead of |v|^2
        q = (u.dot(v) / v.norm()) * v
        vectors_checks.projection_parts_match(u, v, q, u - q)
    with pytest.raises(CheckFailed):   # projecting v onto u
        q = (u.dot(v) / u.dot(u)) * u
        vectors_checks.projection_parts_match(u, v, q, u - q)


def test_most_similar_matches():
    q = Mat([1, 2, 0])
    docs = [Mat([2, 4, 1]), Mat([1, 2, 0]) * 5, Mat([0, 0, 3])]
    assert vectors_checks.most_similar_matches(q, docs, (None, True, None))
    with pytest.raises(CheckFailed):
        vectors_checks.most_similar_matches(q, docs, (True, None, None))


def test_np_norm_is_euclidean_and_frobenius():
    assert vectors_checks.np_norm(sympy.Matrix([3, 4])) == 5
    assert vectors_checks.np_norm(sympy.Matrix([[1, 2], [2, 4]])) == 5


# ---- weeks 1-6 linear algebra additions (issue 10) ----


def test_dot_cross_outer_by_numpy():
    u, v = Mat([1, -2, 3]), Mat([4, 0, -1])
    assert vectors_checks.np_dot(u, v) == 1
    assert vectors_checks.np_cross(u, v).tolist() == [2, 13, 8]
    assert np.allclose(vectors_checks.np_outer(u, v), np.array((u * v.T).tolist(), dtype=float))
    with pytest.raises(CheckFailed):
        vectors_checks.np_cross(Mat([1, 2]), Mat([3, 4]))


def test_heron_area_agrees_with_the_cross_product_and_catches_the_missing_half():
    rng = np.random.default_rng(3)
    for _ in range(100):
        P, Q, R = (rng.integers(-4, 5, size=3) for _ in range(3))
        half_cross = 0.5 * np.linalg.norm(np.cross(Q - P, R - P))
        assert vectors_checks.heron_area(list(P), list(Q), list(R)) == pytest.approx(half_cross, abs=1e-9)
    assert vectors_checks.heron_area([0, 0], [3, 0], [0, 4]) == pytest.approx(6.0)
    assert vectors_checks.heron_area([0, 0], [1, 1], [2, 2]) == pytest.approx(0.0, abs=1e-12)


def test_gram_dot_expands_without_the_bilinear_formula():
    G = Mat([[9, -2], [-2, 4]])
    assert vectors_checks.gram_dot(G, [1, 2], [3, -1]) == pytest.approx(3 * 9 + (-1 + 6) * (-2) - 2 * 4)
    assert vectors_checks.gram_dot(G, [2, -1], [2, -1]) == pytest.approx(36 + 8 + 4)
    with pytest.raises(CheckFailed, match="positive definite"):
        vectors_checks.gram_dot(Mat([[1, 2], [2, 1]]), [1, 0], [0, 1])   # |u.v| > |u||v|: no such vectors
