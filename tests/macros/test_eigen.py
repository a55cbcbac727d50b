"""The course's eigen macros: each keeps its promise on many draws (exactness, ranges, structure, records)."""

from __future__ import annotations

import numpy as np
import pytest
import sympy

from mathexams.macros import eigen, sequences
from mathexams.sandbox import SandboxError
from mathexams.seeds import Rng

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


# --- weeks 7-10 builders: each property checked independently with NumPy ---

def test_triangular_and_block_triangular_have_the_promised_eigenvalues():
    for s in SEEDS:
        T = eigen.triangular_with_diagonal(Rng(s), [2, -1, 2], s % 2 == 0)
        assert T.is_upper if s % 2 == 0 else T.is_lower
        assert np.allclose(np.sort(np.linalg.eigvals(np.array(T, dtype=float)).real), [-1, 2, 2], atol=1e-6)
        B = sympy.Matrix([[1, 2], [3, 2]])          # eigenvalues -1 and 4
        bt = eigen.block_triangular(Rng(s), B, 5)
        A = np.array(bt.matrix, dtype=float)
        k = bt.isolated
        line = A[k] if bt.along == "row" else A[:, k]
        assert all(line[j] == 0 for j in range(3) if j != k) and A[k, k] == 5
        assert np.allclose(np.sort(np.linalg.eigvals(A).real), [-1, 4, 5])
    with pytest.raises(SandboxError):
        eigen.block_triangular(Rng(0), sympy.eye(3), 1)


def test_eigen_candidate_is_an_eigenvector_or_a_near_miss():
    for s in SEEDS:
        rng = Rng(s)
        ev = rng.sample([-3, -2, -1, 1, 2, 3, 4, 5], 3)
        eb = eigen.eigen_basis(rng, ev, 12)
        A = np.array(eb.matrix, dtype=float)
        for wanted in (True, False):
            c = eigen.eigen_candidate(rng, eb.matrix, eb.basis, ev, wanted)
            v = np.array(c.vector, dtype=float).ravel()
            assert 0 not in v and np.allclose(A @ v, np.array(c.image, dtype=float).ravel())
            parallel = np.linalg.matrix_rank(np.column_stack([v, A @ v])) == 1
            assert parallel == wanted == c.is_eigenvector
            if not wanted:      # agrees with c v in the first entry, differs in exactly one other
                diff = A @ v - float(c.ratio) * v
                assert diff[0] == 0 and np.count_nonzero(np.abs(diff) > 1e-9) == 1 and c.mismatch > 0


def test_symmetric_spectrum_and_normalised_basis():
    for s in SEEDS:
        sp = eigen.symmetric_spectrum(Rng(s), -4, 6, 12)
        A = np.array(sp.matrix, dtype=float)
        vals, vecs = np.linalg.eigh(A)
        assert np.allclose(vals[::-1], [float(v) for v in sp.eigenvalues]) and A[0, 1] != 0
        for u, ref in zip(sp.units, (vecs[:, 1], vecs[:, 0])):
            u = np.array(u, dtype=float).ravel()
            assert np.isclose(abs(u @ ref), 1) and u[0] > 0
        eb = eigen.normalised_eigen_basis(Rng(s), [-1, 2, 4], 12)
        P = np.array(eb.basis, dtype=float)
        assert np.allclose(P[-1], 1) and abs(round(np.linalg.det(P))) == 1
        assert np.allclose(np.array(eb.matrix, dtype=float), P @ np.diag([-1, 2, 4]) @ np.linalg.inv(P))
    two = eigen.normalised_eigen_basis(Rng(3), [1, 3], 12, 2)
    assert two.basis[1, 0] == two.basis[1, 1] == 1 and all(v.is_Integer for v in two.matrix)


@pytest.mark.parametrize("family", ["integer", "surd"])
def test_pca_plane_data_is_an_exact_pca(family):
    for s in SEEDS:
        pd = eigen.pca_plane_data(Rng(s), 6, family)
        X = np.array(pd.points, dtype=float)
        assert np.allclose(np.cov(X, rowvar=False), np.array(pd.covariance, dtype=float))
        _, sv, vt = np.linalg.svd(X - X.mean(axis=0))
        u = np.array(pd.direction, dtype=float).ravel()
        assert np.isclose(abs(u @ vt[0]), 1) and u[0] > 0
        assert np.allclose(sv**2 / 5, [float(v) for v in pd.eigenvalues])
        assert np.allclose((X - X.mean(axis=0)) @ u, np.array(pd.scores, dtype=float).ravel())
        w = np.array(pd.residuals, dtype=float).ravel()
        assert np.isclose(np.sum(w**2), 5 * float(pd.eigenvalues[1]))
        assert pd.off_axis == [i for i in range(6) if abs(w[i]) > 1e-9]


def test_svd_rank_one_is_the_numpy_svd():
    for m in (2, 3):
        for s in SEEDS:
            sv = eigen.svd_rank_one(Rng(s), m, 9)
            A = np.array(sv.matrix, dtype=float)
            u, sig, vt = np.linalg.svd(A)
            assert np.allclose(sig, [float(v) for v in sv.singular_values]) and sig[0] > sig[1] > 0
            assert np.allclose(np.array(sv.rank_one, dtype=float), sig[0] * np.outer(u[:, 0], vt[0]))
            assert all(v.is_Integer for v in sv.rank_one)
