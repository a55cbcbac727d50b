"""The course's linear_maps macros: each keeps its promise on many draws (exactness, ranges, structure, records)."""

from __future__ import annotations

import pytest
import sympy
from draw_helpers import rngs

from mathexams.macros import linear_maps
from mathexams.sandbox import SandboxError
from mathexams.seeds import Rng

x, y = sympy.symbols("x y", real=True)


Mat = sympy.Matrix

SEEDS = range(60)


def test_transformation_conventions():
    # counter-clockwise rotation by 90 degrees sends e1 to e2; the shear text shows its formula
    assert linear_maps.transformation_matrix("rotate_90") * Mat([1, 0]) == Mat([0, 1])
    assert linear_maps.transformation_matrix("reflect_y_eq_x") * Mat([2, 5]) == Mat([5, 2])
    assert r"(x - 2y, y)" in linear_maps.transformation_text("shear_x", -2)
    assert r"(x, y + x)" in linear_maps.transformation_text("shear_y", 1)
    with pytest.raises(SandboxError, match="unknown plane map 'rotate_45'"):
        linear_maps.transformation_matrix("rotate_45")


def test_noncommuting_maps():
    seen = set()
    for rng in rngs(300):
        m = linear_maps.noncommuting_maps(rng)
        c1, k1, c2, k2 = m.first, m.first_factor, m.second, m.second_factor
        A, B = linear_maps.transformation_matrix(c1, k1), linear_maps.transformation_matrix(c2, k2)
        assert c1 != c2 and A * B != B * A and "rotate_180" not in (c1, c2)
        seen.add((c1, c2))
    assert len(seen) > 40


def test_map_matrix_has_four_different_relatives():
    for s in SEEDS:
        A = linear_maps.map_matrix_2x2(Rng(s), 3)
        assert abs(A.det()) == 1 and max(abs(v) for v in A) <= 3
        assert len({tuple(M) for M in (A, A.T, A.inv(), A[:, [1, 0]])}) == 4


def test_rational_rotation_is_orthogonal_with_rational_entries():
    for s in range(40):
        Q = linear_maps.rational_rotation(Rng(s))
        assert Q.T * Q == sympy.eye(2) and Q.det() == 1 and all(v.is_Rational for v in Q)


def test_rotations_by_any_angle_scalings_and_projections():
    r30 = linear_maps.transformation_matrix("rotate", 30)
    assert r30 == Mat([[sympy.sqrt(3) / 2, -sympy.Rational(1, 2)], [sympy.Rational(1, 2), sympy.sqrt(3) / 2]])
    assert linear_maps.transformation_matrix("rotate_cw", 30) == r30.T
    assert linear_maps.transformation_matrix("rotate", 90) == linear_maps.transformation_matrix("rotate_90")
    assert linear_maps.transformation_matrix("scale", sympy.Rational(1, 2)) == sympy.eye(2) / 2
    assert linear_maps.transformation_matrix("project_y_axis") * Mat([3, 4]) == Mat([0, 4])
    assert "clockwise" in linear_maps.transformation_text("rotate_cw", 45)
    assert "counter-clockwise" in linear_maps.transformation_text("rotate", 45)


def test_noncommuting_maps_keep_their_first_eleven_names():
    names = set()
    for rng in rngs(300):
        m = linear_maps.noncommuting_maps(rng)
        names.update((m.first, m.second))
    assert names <= set(linear_maps.TRANSFORMATIONS[:11])


# --- weeks 9-10: homogeneous matrices of affine steps, and invariance claims ---

def test_affine_steps_matrix_is_the_composition():
    import numpy as np

    from mathexams.checks import linear_maps as linear_maps_checks
    for s in SEEDS:
        st = linear_maps.affine_steps(Rng(s))
        assert sorted(n for n in st.names if n in ("scale", "translate")) == ["scale", "translate"]
        M = np.array(st.matrix, dtype=float)
        assert np.allclose(M[2], [0, 0, 1])
        for p in ((0, 0), (2, 5), (-3, 1)):
            assert np.allclose((M @ np.array([*p, 1.0]))[:2], linear_maps_checks.affine_steps_apply(st.names, st.amounts, p))
        assert "then" in st.text


def test_invariance_claims_cover_the_catalogue_both_ways():
    import numpy as np

    from mathexams.checks import linear_maps as linear_maps_checks
    seen = set()
    for s in range(400):
        c = linear_maps.invariance_claim(Rng(s))
        assert c.kind in linear_maps.INVARIANCE_CLAIMS
        assert linear_maps_checks.invariance_claim_matches(np.random.default_rng(s), c.kind, c.numbers, c.truth)
        seen.add((c.kind, c.truth))
    assert len(seen) == 2 * len(linear_maps.INVARIANCE_CLAIMS)
