"""The course's eigen checks: each accepts a right key and catches the typical wrong one, independently of the macros."""

from __future__ import annotations

import math

import numpy as np
import pytest
import sympy

from mathexams.checks import comparisons as comparisons_checks
from mathexams.checks import eigen as eigen_checks
from mathexams.checks import matrices as matrices_checks
from mathexams.errors import CheckFailed


def test_eigen_checks():
    A = sympy.Matrix([[2, 1], [0, 3]])
    assert eigen_checks.simple_eigenvalue_matches(A, 3)
    with pytest.raises(CheckFailed):
        eigen_checks.simple_eigenvalue_matches(sympy.eye(2), 1)
    assert matrices_checks.np_trace(A) == 5 and abs(matrices_checks.np_det(A) - 6) < 1e-12
    assert np.allclose(eigen_checks.np_eigvals(A, -1), [1 / 3, 1 / 2])
    assert np.allclose(eigen_checks.np_eigvals(A, 2, 1), [5, 10])
    assert np.array_equal(matrices_checks.np_matrix_power(sympy.Matrix([[1, 1], [1, 0]]), 10), [[89, 55], [55, 34]])
    S = sympy.diag(6, 3, 1)
    assert abs(eigen_checks.np_pca_share(S, 1) - 0.6) < 1e-12
    assert eigen_checks.np_pca_components(S, sympy.Rational(9, 10)) == 2 and eigen_checks.np_pca_components(S, sympy.Rational(95, 100)) == 3


def test_linear_algebra_checks():
    A = sympy.Matrix([[2, 1], [1, 1]])
    assert matrices_checks.inverse_matches(A, A.inv())
    with pytest.raises(CheckFailed):
        matrices_checks.inverse_matches(A, A.T)
    assert eigen_checks.eigenpair_matches(sympy.Matrix([[2, 0], [0, 3]]), [0, 1], 3)
    with pytest.raises(CheckFailed, match="zero"):
        eigen_checks.eigenpair_matches(A, [0, 0], 1)
    assert eigen_checks.eigenvalues_match(sympy.Matrix([[4, 1], [2, 3]]), [2, 5])
    with pytest.raises(CheckFailed):
        eigen_checks.eigenvalues_match(sympy.Matrix([[4, 1], [2, 3]]), [4, 3])
    assert comparisons_checks.close(matrices_checks.np_solve(A, [3, 2]), [1, 1])


# ---------------------------------------------------------------- PCA of a data table (bank-review)


def test_np_pca_svd_agrees_with_the_correlation_matrix_worked_by_hand():

    x = [3, 5, 7, 5, 5]          # mean 5, SS 8: s = sqrt(2)
    y = [10, 14, 18, 10, 8]      # mean 12, SS 64: s = 4
    fit = eigen_checks.np_pca_svd([x, y], 1)
    # r = sum(dx dy) / sqrt(SS_x SS_y) = (4 + 12) / sqrt(8 * 64) = 16 / sqrt(512) = 1/sqrt(2)
    r = 1 / math.sqrt(2)
    assert fit.variances == pytest.approx([1 + r, 1 - r])
    assert fit.loading == pytest.approx([1 / math.sqrt(2), 1 / math.sqrt(2)])
    z1 = (3 - 5) / math.sqrt(2), (10 - 12) / 4
    assert fit.scores[0] == pytest.approx((z1[0] + z1[1]) / math.sqrt(2))
    # raw (unstandardised) variances would give 2 and 16, not 1 +- r
    assert fit.variances != pytest.approx([16, 2])
    with pytest.raises(CheckFailed):
        eigen_checks.np_pca_svd([x, [1, 1, 1, 1, 1]], 1)


# --- weeks 7-10 checks: each accepts the right key and refuses the typical wrong one ---

def test_charpoly_matches_both_conventions():
    t = sympy.Symbol("t")
    A = sympy.Matrix([[2, 1, 0], [1, 3, 0], [4, 5, 1]])
    right = sympy.expand((t - 1) * (t**2 - 5 * t + 5))
    assert eigen_checks.charpoly_matches(A, right, t, "t_minus_A")
    assert eigen_checks.charpoly_matches(A, -right, t, "A_minus_t")
    with pytest.raises(CheckFailed):
        eigen_checks.charpoly_matches(A, right, t, "A_minus_t")          # the other sign convention
    with pytest.raises(CheckFailed):
        eigen_checks.charpoly_matches(A, sympy.expand((t - 1) * (t**2 + 5 * t + 5)), t)   # trace sign


def test_eigenvector_and_multiplicity_checks():
    A = sympy.Matrix([[2, 1], [0, 3]])
    assert eigen_checks.np_is_eigenvector(A, [1, 1]) and not eigen_checks.np_is_eigenvector(A, [1, 2])
    assert eigen_checks.np_eigen_multiplicity(sympy.Matrix([[2, 5, 1], [0, 2, 3], [0, 0, 4]]), 2) == 2
    S = sympy.Matrix([[2, 1], [1, 2]])
    assert eigen_checks.unit_eigenvector_matches(S, [-1 / np.sqrt(2), -1 / np.sqrt(2)], "largest")
    with pytest.raises(CheckFailed):
        eigen_checks.unit_eigenvector_matches(S, [1, 1], "largest")      # not normalised
    with pytest.raises(CheckFailed):
        eigen_checks.unit_eigenvector_matches(S, [1 / np.sqrt(2), -1 / np.sqrt(2)], "largest")
    assert np.allclose(eigen_checks.np_spectral_projector(S, "largest"), [[0.5, 0.5], [0.5, 0.5]])
    assert np.allclose(eigen_checks.rayleigh_scan(S), [1, 3], atol=1e-8)
    assert np.isclose(eigen_checks.np_quadratic_form(S, [1, 0]), 2)


def test_pca_and_svd_checks():
    X = sympy.Matrix([[0, 0], [3, 4], [6, 8], [4, -3]])
    d = eigen_checks.np_pca_direction(X)
    assert d[0] > 0 and np.isclose(np.linalg.norm(d), 1)
    scores = eigen_checks.np_pca_scores(X)
    assert np.isclose(np.sum(scores), 0)
    total = float(np.sum((np.array(X, dtype=float) - np.array(X, dtype=float).mean(axis=0)) ** 2))
    assert np.isclose(eigen_checks.np_reconstruction_error(X, 1) + float(np.sum(scores**2)), total)
    assert np.isclose(eigen_checks.np_pca_residual_norm(X, 1) ** 2 + scores[1] ** 2,
                      float(np.sum((np.array(X.row(1), dtype=float) - np.array(X, dtype=float).mean(axis=0)) ** 2)))
    A = sympy.Matrix([[3, 0], [4, 5]])
    assert np.allclose(eigen_checks.np_singular_values(A), [3 * np.sqrt(5), np.sqrt(5)])
    assert np.allclose(eigen_checks.np_svd_right(A), np.array([1, 1]) / np.sqrt(2))
    assert np.linalg.matrix_rank(eigen_checks.np_rank_one(A)) == 1
    assert np.isclose(np.linalg.norm(np.array(A, dtype=float) - eigen_checks.np_rank_one(A)), np.sqrt(5))


def test_definite_interval_and_power_limit():
    t = sympy.Symbol("t")
    A = sympy.Matrix([[t, 2], [2, 4]])
    assert eigen_checks.definite_interval_matches(A, t, sympy.Interval.open(1, sympy.oo))
    with pytest.raises(CheckFailed):
        eigen_checks.definite_interval_matches(A, t, sympy.Interval.open(0, sympy.oo))   # t > 0 is not enough
    M = sympy.Matrix([[sympy.Rational(9, 10), sympy.Rational(2, 10)], [sympy.Rational(1, 10), sympy.Rational(8, 10)]])
    assert np.allclose(eigen_checks.power_iteration_limit(M, [300, 0]), [200, 100])
