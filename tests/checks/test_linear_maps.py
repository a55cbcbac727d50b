"""The course's linear_maps checks: each accepts a right key and catches the typical wrong one, independently of the macros."""

from __future__ import annotations

import numpy as np
import pytest
import sympy
from draw_helpers import rngs

from mathexams.checks import linear_maps as linear_maps_checks
from mathexams.macros import linear_maps

R = sympy.Rational

Mat = sympy.Matrix


@pytest.mark.parametrize("code", list(linear_maps.TRANSFORMATIONS))


def test_transformation_matrix_matches_the_geometric_map(code):
    for k in (-3, -1, 2, 3):
        A = linear_maps.transformation_matrix(code, k)
        assert np.allclose(linear_maps_checks.np_transform(code, k, sympy.eye(2)), np.array(A.tolist(), dtype=float))
        v = Mat([3, -2])
        assert np.allclose(linear_maps_checks.np_transform(code, k, v).reshape(-1), np.array((A * v).tolist(), dtype=float).reshape(-1))
        assert "$" in linear_maps.transformation_text(code, k)


def test_lattice_triangle_is_counter_clockwise_and_checks_use_the_shoelace_formula():
    for rng in rngs(200):
        P, Q, R = linear_maps.lattice_triangle(rng, -3, 3)
        assert linear_maps_checks.np_shoelace([P, Q, R]) > 0
        assert all(-3 <= v <= 3 for pt in (P, Q, R) for v in pt)
    assert linear_maps_checks.np_shoelace([Mat([0, 0]), Mat([2, 0]), Mat([0, 3])]) == pytest.approx(3.0)
    assert linear_maps_checks.np_shoelace([Mat([0, 0]), Mat([0, 3]), Mat([2, 0])]) == pytest.approx(-3.0)
    A = Mat([[0, 1], [1, 0]])  # a reflection reverses the orientation and keeps the area
    images = linear_maps_checks.np_apply(A, [Mat([0, 0]), Mat([2, 0]), Mat([0, 3])])
    assert linear_maps_checks.np_shoelace(images) == pytest.approx(-3.0)


def test_homogeneous_matches_refuses_the_typical_mistakes():
    from mathexams.errors import CheckFailed
    names, amounts = ["scale", "rotate_90", "translate"], [[2, 2], [0, 0], [3, -1]]
    right = Mat([[0, -2, 3], [2, 0, -1], [0, 0, 1]])
    assert linear_maps_checks.homogeneous_matches(right, names, amounts)
    with pytest.raises(CheckFailed, match="bottom row"):
        linear_maps_checks.homogeneous_matches(right.T, names, amounts)        # translation in the bottom row
    reversed_order = Mat([[0, -2, 2], [2, 0, 6], [0, 0, 1]])                # translate first, then rotate, then scale
    with pytest.raises(CheckFailed):
        linear_maps_checks.homogeneous_matches(reversed_order, names, amounts)


def test_transformed_moments_and_false_claims():
    from mathexams.errors import CheckFailed
    rng = np.random.default_rng(1)
    out = linear_maps_checks.np_transformed_moments(rng, Mat([[4, 1], [1, 9]]), [1, 2], Mat([[1, 1], [1, -1]]), [0, 5])
    assert np.allclose(out, [3, 4, 15, -5, -5, 11])
    with pytest.raises(CheckFailed):      # variance scales like c^2, not c
        linear_maps_checks.invariance_claim_matches(rng, "scale_variance", [40, R(1, 100), R(40, 100)], True)
    assert linear_maps_checks.invariance_claim_matches(rng, "scale_variance", [40, R(1, 100), R(40, 10000)], True)
