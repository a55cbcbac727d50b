"""The course's eigen macros: each keeps its promise on many draws (exactness, ranges, structure, records)."""

from __future__ import annotations

import numpy as np
import pytest
import sympy

from mathexams.sandbox import SandboxError
from mathexams.seeds import Rng
from mathexams.macros import eigen
from mathexams.macros import sequences

SEEDS = range(60)


@pytest.mark.parametrize("values", [[2, -3], [1, 6], [-5, 1], [-2, 3]])


def test_eigen_basis_2x2_is_dense_and_not_triangular(values):
    for s in SEEDS:
        A, P = eigen.eigen_basis(Rng(s), values, 12).matrix, eigen.eigen_basis(Rng(s), values, 12).basis
        assert A == P * sympy.diag(*values) * P.inv()
        assert abs(P.det()) == 1 and 0 not in list(P)
        assert A[0, 1] != 0 and A[1, 0] != 0
        assert max(abs(v) for v in A) <= 12


def test_eigen_basis_3x3():
    values = [-2, 1, 3]
    for s in SEEDS:
        eb = eigen.eigen_basis(Rng(s), values, 12)
        A, P = eb.matrix, eb.basis
        assert A == P * sympy.diag(*values) * P.inv()
        assert all(v.is_Integer for v in A) and max(abs(v) for v in A) <= 12
        assert not (A.is_upper or A.is_lower)
        assert np.allclose(np.sort(np.linalg.eigvals(np.array(A, dtype=float)).real), values)


def test_eigen_basis_refuses_impossible_requests():
    with pytest.raises(SandboxError):
        eigen.eigen_basis(Rng(0), [-5, 6], 12)  # gap 11: an off-diagonal entry is at least 22
    with pytest.raises(SandboxError):
        eigen.eigen_basis(Rng(0), [1, 2, 3, 4], 12)


def test_pca_block_covariance():
    for s in SEEDS:
        item = eigen.pca_block_covariance(Rng(s))
        S, lams, k, B = item.covariance, item.eigenvalues, item.uncorrelated, item.block
        assert S.is_symmetric() and len(set(lams)) == 3 and lams == sorted(lams, reverse=True)
        assert np.allclose(np.sort(np.linalg.eigvalsh(np.array(S, dtype=float)))[::-1], lams)
        assert all(S[k, j] == 0 for j in range(3) if j != k)
        assert sorted(B.eigenvals()) == sorted(v for v in lams if v != S[k, k])


def test_pca_spectrum_and_shares():
    for s in SEEDS:
        spec = eigen.pca_eigen_spectrum(Rng(s), 6)
        assert len(spec) == len(set(spec)) == 6 and min(spec) >= 1
    values = [5, 50, 20, 10, 15]            # sorted: 50, 20, 15, 10, 5 (total 100)
    assert sequences.descending(values) == [50, 20, 15, 10, 5]
    assert eigen.cumulative_shares(values) == [sympy.Rational(1, 2), sympy.Rational(7, 10), sympy.Rational(17, 20),
                                           sympy.Rational(19, 20), 1]
    assert eigen.pca_share_of_top(values, 2) == sympy.Rational(7, 10)
    assert eigen.pca_components_needed(values, sympy.Rational(9, 10)) == 4
    assert eigen.pca_components_needed(values, sympy.Rational(17, 20)) == 3   # "at least" includes equality
    assert sequences.closest_gap(eigen.cumulative_shares(values), sympy.Rational(9, 10)) == sympy.Rational(1, 20)


def test_eigen_basis_columns_are_eigenvectors():
    eb = eigen.eigen_basis(Rng(5), [2, -1], 12)
    A, P = eb.matrix, eb.basis
    for i, lam in enumerate([2, -1]):
        assert A * P.col(i) == lam * P.col(i)


def test_symmetric_with_eigenvalues_is_symmetric_with_them():
    A = eigen.symmetric_with_eigenvalues(Rng(3), [5, -1])
    assert A.is_symmetric()
    assert sorted(A.eigenvals()) == [-1, 5]


def test_eigenvalues_and_characteristic_polynomial():
    lam = sympy.Symbol("lamda")
    A = sympy.Matrix([[2, 1], [1, 2]])
    assert eigen.eigenvalues(A) == [1, 3]
    assert sympy.expand(eigen.charpoly(A, lam) - (lam - 1) * (lam - 3)) == 0
    with pytest.raises(SandboxError, match="larger than 4x4"):
        eigen.eigenvalues(sympy.eye(5))
