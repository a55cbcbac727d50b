"""The course's matrices checks: each accepts a right key and catches the typical wrong one, independently of the macros."""

from __future__ import annotations

import numpy as np
import pytest
import sympy

from mathexams.errors import CheckFailed
from mathexams.checks import matrices as matrices_checks
from mathexams.macros import matrices
from draw_helpers import rngs

Mat = sympy.Matrix


def np_rng(seed: int = 0) -> np.random.Generator:
    return np.random.default_rng(seed)


def test_structure_flags_match():
    A = Mat([[1, 0], [0, 1]])
    assert matrices_checks.structure_flags_match(A, (True, True, True, True, True, True))
    with pytest.raises(CheckFailed):
        matrices_checks.structure_flags_match(A, (True, True, True, True, True, None))
    U = Mat([[1, 5], [0, 1]])
    assert matrices_checks.structure_flags_match(U, (True, None, True, False, False, False))
    with pytest.raises(CheckFailed):
        matrices_checks.structure_flags_match(U, (True, True, True, False, False, False))
    assert matrices_checks.structure_flags_match(Mat([[1, 0, 0], [0, 1, 0]]), (False,) * 6)


def test_shape_rules_agree_with_numpy_on_random_shapes():
    exprs = ["AB", "BA", "A + B", "AB + C", "CA", "A^TC", "B^TA^T", "BC", "C^T + B^TA^T"]
    for rng in rngs(100):
        shapes = [(rng.integer(2, 4), rng.integer(2, 4)) for _ in range(3)]
        claims = [matrices.shape_claim(e, shapes, rng.integer(0, 1)) for e in exprs]
        flags = [matrices.shape_of(e, shapes) == c for e, c in zip(exprs, claims)]
        assert matrices_checks.shape_claims_match(np_rng(), exprs, shapes, claims, flags)
        if any(flags):
            wrong = [not f for f in flags]
            with pytest.raises(CheckFailed):
                matrices_checks.shape_claims_match(np_rng(), exprs, shapes, claims, wrong)


def test_shape_claims_refuse_sizes_of_one():
    with pytest.raises(CheckFailed):
        matrices_checks.shape_claims_match(np_rng(), ["A + B"], [(1, 3), (2, 3)], [(2, 3)], [False])


def test_commutes_matches():
    A = Mat([[1, 2], [3, 4]])
    assert matrices_checks.commutes_matches(A, 2 * A + sympy.eye(2), True)
    assert matrices_checks.commutes_matches(A, Mat([[0, 1], [1, 0]]), None)
    with pytest.raises(CheckFailed):
        matrices_checks.commutes_matches(A, Mat([[0, 1], [1, 0]]), True)


def test_numpy_matrix_operations_recompute_the_exact_ones():
    A = sympy.Matrix([[2, 1], [1, 1]])
    B = sympy.Matrix([[0, 1], [3, -2]])
    assert np.allclose(matrices_checks.np_matmul(A, B), np.array((A * B).tolist(), dtype=float))
    assert np.allclose(matrices_checks.np_inv(A), [[1, -1], [-1, 2]])
    assert matrices_checks.np_det(A) == pytest.approx(1) and matrices_checks.np_trace(A) == 3
    assert np.array_equal(matrices_checks.np_transpose(B), [[0, 3], [1, -2]])
    assert np.allclose(matrices_checks.np_solve(A, [3, 2]), [1, 1])
    assert np.array_equal(matrices_checks.np_matrix_power(A, 3), np.array((A**3).tolist(), dtype=float))
    with pytest.raises(CheckFailed, match="integer matrix"):
        matrices_checks.np_matrix_power(A / 2, 2)
