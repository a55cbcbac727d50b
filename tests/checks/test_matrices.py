"""The course's matrices checks: each accepts a right key and catches the typical wrong one, independently of the macros."""

from __future__ import annotations

import numpy as np
import pytest
import sympy
from draw_helpers import rngs

from mathexams.checks import matrices as matrices_checks
from mathexams.errors import CheckFailed
from mathexams.macros import matrices

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
    with pytest.raises(CheckFailed, match="integers or fractions"):
        matrices_checks.np_matrix_power(A * sympy.sqrt(2), 2)


# ---- weeks 1-6 linear algebra additions (issue 10) ----


def test_numpy_views_of_a_matrix():
    A = Mat([[1, 2, 3], [4, 5, 6]])
    assert matrices_checks.np_shape(A) == (2, 3)
    assert matrices_checks.np_array(A)[1, 0] == 4
    assert matrices_checks.np_rank(Mat([[1, 2], [2, 4]])) == 1
    assert matrices_checks.np_rows(A, [1, 0]).tolist() == [[4, 5, 6], [1, 2, 3]]


def test_is_permutation_matrix():
    assert matrices_checks.is_permutation_matrix(Mat([[0, 1], [1, 0]]))
    for bad in (Mat([[1, 1], [0, 0]]), Mat([[2, 0], [0, 1]]), Mat([[1, 0, 0], [0, 1, 0]])):
        with pytest.raises(CheckFailed):
            matrices_checks.is_permutation_matrix(bad)


@pytest.mark.parametrize("name", list(matrices.MATRIX_LAWS))
def test_every_matrix_law_is_re_derived_numerically(name):
    holds = matrices.MATRIX_LAWS[name][1]
    assert matrices_checks.law_holds(name, np_rng(3)) is holds
    assert matrices_checks.matrix_laws_match(np_rng(4), [name], [holds])
    with pytest.raises(CheckFailed):
        matrices_checks.matrix_laws_match(np_rng(4), [name], [not holds])


def test_np_singular_parameters_finds_both_roots():
    k = sympy.Symbol("k")
    A = Mat([[k, 1, 0], [2, k + 1, 0], [0, 0, 1]])      # det = k^2 + k - 2 = (k + 2)(k - 1)
    assert sorted(round(r, 9) for r in matrices_checks.np_singular_parameters(A, k, -10, 10)) == [-2, 1]
    assert matrices_checks.np_singular_parameters(Mat([[k, 0], [0, 1]]) + sympy.eye(2) * 0, k, 2, 5) == []
    with pytest.raises(CheckFailed, match="linear"):
        matrices_checks.np_singular_parameters(Mat([[k**2, 0], [0, 1]]), k)


def test_determinant_rules_on_random_matrices():
    assert matrices_checks.np_det_of_product(np_rng(1), 3, 2, -3, 2, ["A^-1", "B", "B^T"]) == pytest.approx(2**3 * 9 / 2)
    assert matrices_checks.np_det_of_product(np_rng(2), 4, 5, 2, 1, ["A^T", "B^-1", "A"]) == pytest.approx(25 / 2)
    with pytest.raises(CheckFailed):
        matrices_checks.np_det_of_product(np_rng(2), 2, 1, 1, 1, ["C"])
    ops = [["swap", 0, 2, 1], ["scale", 1, 1, sympy.Rational(1, 2)], ["add", 2, 0, 3]]
    assert matrices_checks.np_det_after_row_ops(np_rng(5), 3, 6, ops) == pytest.approx(-3)


def test_np_matrix_power_takes_fractions():
    A = Mat([[sympy.Rational(1, 2), 1], [0, sympy.Rational(1, 3)]])
    assert np.allclose(matrices_checks.np_matrix_power(A, 3), np.array((A**3).tolist(), dtype=float))


def test_qr_checks_give_gram_schmidt_signs():
    A = sympy.Matrix([[2, 4], [-1, 4], [-2, 2]])
    Q, R = matrices_checks.np_qr_q(A), matrices_checks.np_qr_r(A)
    assert np.all(np.diag(R) > 0) and np.allclose(Q @ R, np.array(A, dtype=float))
    assert np.allclose(Q[:, 0], [2 / 3, -1 / 3, -2 / 3]) and np.allclose(Q.T @ Q, np.eye(2))
