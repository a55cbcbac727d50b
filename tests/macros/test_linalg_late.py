"""Tests of the weeks 7-12 linear algebra and NumPy-coding macros and checks (macros/linalg_late.py, checks/linalg_late.py)."""

from __future__ import annotations

import shutil
import subprocess
from fractions import Fraction

import numpy as np
import pytest
import sympy

from mathexams.errors import CheckFailed
from mathexams.template import CHECKS
from mathexams.checks import linalg_late as C
from mathexams.template import FUNCTIONS
from mathexams.macros import linalg_late as M
from mathexams.sandbox import SandboxError
from mathexams.seeds import Rng

SEEDS = range(60)

OUR_TEMPLATES = (
    "linalg.eig.values_2x2", "linalg.eig.vector", "linalg.eig.spectral_relations",
    "linalg.eig.pca_explained", "linalg.eig.power",
    "linalg.data.normal_equations", "linalg.data.covariance_matrix", "linalg.data.projection_matrix",
    "linalg.data.choose_k", "linalg.data.orthonormal_coords",
    "review.numpy.broadcast", "review.numpy.axis_reduce", "review.numpy.boolean_mask",
    "review.numpy.dtype_division", "review.numpy.shape_after",
)


def test_everything_is_registered_with_a_docstring():
    macros = ["eigen_basis_dense", "primitive_int_vector", "matrix_from_columns", "poly_design_matrix",
              "centred_columns", "column_means", "regression_line_data", "plane_spanning_pair",
              "pca_block_covariance", "pca_eigen_spectrum", "pca_share_of_top", "pca_components_needed",
              "cumulative_shares", "closest_gap", "percent_list_text", "descending", "numpy_listing",
              "shape_text", "numpy_broadcast_item", "numpy_shape_item", "numpy_axis_item",
              "numpy_mask_item", "numpy_division_item"]
    checks = ["fast_close", "flagged_options_match", "simple_eigenvalue_numpy", "trace_numpy", "det_numpy", "eigvals_numpy",
              "matrix_power_numpy", "pca_share_numpy", "pca_k_numpy", "polyfit_numpy", "normal_equations_hold",
              "cov_matrix_numpy", "projector_numpy", "lstsq_fitted_numpy", "residual_norm_numpy",
              "orthogonal_to_columns", "spectrum_share_numpy", "spectrum_k_numpy", "broadcast_options_match",
              "broadcast_shape_plain", "shape_chain_plain", "reduce_by_loops", "mask_options_match",
              "division_by_rule", "dtype_options_match"]
    for name in macros:
        assert name in FUNCTIONS and FUNCTIONS[name].doc, name
    for name in checks:
        assert name in CHECKS and CHECKS[name].doc, name
    assert FUNCTIONS["numpy_listing"].strings_ok and FUNCTIONS["percent_list_text"].strings_ok is False


# ---------------------------------------------------------------- eigen-construction


@pytest.mark.parametrize("values", [[2, -3], [1, 6], [-5, 1], [-2, 3]])
def test_eigen_basis_dense_2x2_is_not_triangular(values):
    for s in SEEDS:
        A, P = M.eigen_basis_dense(Rng(s), values, 12)
        assert A == P * sympy.diag(*values) * P.inv()
        assert abs(P.det()) == 1 and 0 not in list(P)
        assert A[0, 1] != 0 and A[1, 0] != 0
        assert max(abs(v) for v in A) <= 12


def test_eigen_basis_dense_3x3():
    values = [-2, 1, 3]
    for s in SEEDS:
        A, P = M.eigen_basis_dense(Rng(s), values, 12)
        assert A == P * sympy.diag(*values) * P.inv()
        assert all(v.is_Integer for v in A) and max(abs(v) for v in A) <= 12
        assert not (A.is_upper or A.is_lower)
        assert np.allclose(np.sort(np.linalg.eigvals(np.array(A, dtype=float)).real), values)


def test_eigen_basis_dense_refuses_impossible_requests():
    with pytest.raises(SandboxError):
        M.eigen_basis_dense(Rng(0), [-5, 6], 12)  # gap 11: an off-diagonal entry is at least 22
    with pytest.raises(SandboxError):
        M.eigen_basis_dense(Rng(0), [1, 2, 3, 4], 12)


def test_inverse_3x3_unimodular():
    P = [[2, 0, -1], [-3, 1, 2], [-2, 1, 2]]
    Q = M._inverse_3x3_unimodular(P)
    assert sympy.Matrix(P) * sympy.Matrix(Q) == sympy.eye(3)


def test_primitive_int_vector():
    assert M.primitive_int_vector(sympy.Matrix([-4, 2, 6])) == sympy.Matrix([2, -1, -3])
    assert M.primitive_int_vector([0, -3, 3]) == sympy.Matrix([0, 1, -1])
    with pytest.raises(SandboxError):
        M.primitive_int_vector([0, 0])


# ---------------------------------------------------------------- data matrices


def test_matrix_helpers():
    X = M.matrix_from_columns([1, 2, 3], sympy.Matrix([4, 5, 9]))
    assert X == sympy.Matrix([[1, 4], [2, 5], [3, 9]])
    assert M.column_means(X) == [2, 6]
    assert M.centred_columns(X) == sympy.Matrix([[-1, -2], [0, -1], [1, 3]])
    assert M.poly_design_matrix([0, 2, 3], 2) == sympy.Matrix([[1, 0, 0], [1, 2, 4], [1, 3, 9]])
    with pytest.raises(SandboxError):
        M.matrix_from_columns([1, 2], [1, 2, 3])


def test_regression_line_data_has_exact_small_coefficients():
    for s in SEEDS:
        for n in (4, 5, 6):
            xs, ys = M.regression_line_data(Rng(s), n)
            assert len(xs) == len(ys) == n and all(isinstance(y, int) for y in ys)
            c1, c0 = np.polyfit(xs, ys, 1)
            assert abs(c1 * 2 - round(c1 * 2)) < 1e-9 and abs(c0 - round(c0)) < 1e-9
            residual = np.array(ys) - (c0 + c1 * np.array(xs))
            assert np.linalg.norm(residual) > 0.5  # the points are not on a line


def test_plane_spanning_pair():
    for s in SEEDS:
        a1, a2, n = M.plane_spanning_pair(Rng(s))
        assert a1.dot(n) == 0 and a2.dot(n) == 0
        assert a1.cross(a2) != sympy.zeros(3, 1)
        assert 2 <= n.dot(n) <= 14
        A = a1.row_join(a2)
        P = A * (A.T * A).inv() * A.T
        assert P == sympy.eye(3) - n * n.T / n.dot(n)


# ---------------------------------------------------------------- PCA


def test_pca_block_covariance():
    for s in SEEDS:
        S, lams, k, B = M.pca_block_covariance(Rng(s))
        assert S.is_symmetric() and len(set(lams)) == 3 and lams == sorted(lams, reverse=True)
        assert np.allclose(np.sort(np.linalg.eigvalsh(np.array(S, dtype=float)))[::-1], lams)
        assert all(S[k, j] == 0 for j in range(3) if j != k)
        assert sorted(B.eigenvals()) == sorted(v for v in lams if v != S[k, k])


def test_pca_spectrum_and_shares():
    for s in SEEDS:
        spec = M.pca_eigen_spectrum(Rng(s), 6)
        assert len(spec) == len(set(spec)) == 6 and min(spec) >= 1
    values = [5, 50, 20, 10, 15]            # sorted: 50, 20, 15, 10, 5 (total 100)
    assert M.descending(values) == [50, 20, 15, 10, 5]
    assert M.cumulative_shares(values) == [sympy.Rational(1, 2), sympy.Rational(7, 10), sympy.Rational(17, 20),
                                           sympy.Rational(19, 20), 1]
    assert M.pca_share_of_top(values, 2) == sympy.Rational(7, 10)
    assert M.pca_components_needed(values, sympy.Rational(9, 10)) == 4
    assert M.pca_components_needed(values, sympy.Rational(17, 20)) == 3   # "at least" includes equality
    assert M.closest_gap(M.cumulative_shares(values), sympy.Rational(9, 10)) == sympy.Rational(1, 20)
    assert M.percent_list_text([sympy.Rational(1, 3), 1], 1) == r"$33.3\%$, $100.0\%$"


# ---------------------------------------------------------------- code listings


def test_latex_code_escapes_every_special():
    text = M.latex_code("a\\b{c}$d&e#f^g_h%i~j")
    assert text == (r"a\textbackslash{}b\{c\}\$d\&e\#f\^{}g\_h\%i\~{}j")
    assert M.latex_code("  x  = 1") == r"\mbox{}\ \ x \ = 1"  # every space survives TeX


def test_numpy_listing():
    out = M.numpy_listing(["import numpy as np", "print(a[a % 2 == 0])"])
    assert out.count(r"\\{}") == 1 and r"{\ttfamily " in out and r"a \% 2" in out
    assert "verbatim" not in out
    with pytest.raises(SandboxError):
        M.numpy_listing(["x = 1"] * 13)
    assert M.shape_text([5]) == r"{\ttfamily (5,)}" and M.shape_text([2, 3]) == r"{\ttfamily (2, 3)}"


def test_numpy_broadcast_item_key_is_numpy_and_options_differ():
    errors = 0
    for s in range(120):
        listing, a, b, texts, payloads, note = M.numpy_broadcast_item(Rng(s))
        assert len(set(texts)) == 4 and len(payloads) == 4
        try:
            expected = list(np.broadcast_shapes(tuple(a), tuple(b)))
        except ValueError:
            expected = None
            errors += 1
        assert payloads[0] == expected and expected not in payloads[1:]
        assert f"np.ones({tuple(a)!r})" in listing.replace(r"\ ", " ")
        assert ("neither is 1" in note) == (expected is None)
    assert 30 <= errors <= 90  # about half of the pairs do not broadcast


def test_numpy_shape_item_matches_plain_arithmetic():
    for s in range(120):
        listing, sa, sb, sc, spec, notes = M.numpy_shape_item(Rng(s))
        assert [C.shape_chain_plain(spec, i) for i in range(3)] == [sa, sb, sc]
        assert len(sb) >= 2 and len(notes) == 3 and "-1" in listing


def test_numpy_axis_item_matches_loops():
    for s in range(120):
        listing, A, printed, op, axis, call, note = M.numpy_axis_item(Rng(s))
        assert C.reduce_by_loops(A, op, axis) == printed
        assert len(printed) == (A.cols if axis == 0 else A.rows)
        assert M._REDUCE_NAMES[op] in call


def test_numpy_mask_item():
    seen = set()
    for s in range(150):
        listing, values, k, m, code, texts, payloads = M.numpy_mask_item(Rng(s))
        seen.add(code)
        assert len(set(texts)) == 4
        assert payloads[0] == C._mask_rule(values, k, m, code)
        assert (payloads[0] is None) == (code in (2, 3))
        assert C.mask_options_match((True, None, None, None), values, k, m, code, payloads)
    assert seen == {0, 1, 2, 3, 4}


def test_numpy_division_item():
    for s in range(80):
        listing, values, k, fdiv, mod, trunc, texts, payloads = M.numpy_division_item(Rng(s))
        assert fdiv == [v // k for v in values] and mod == [v % k for v in values]
        assert trunc == [int(Fraction(v, k)) for v in values]
        assert trunc != fdiv  # a negative value makes truncation and floor division differ
        assert texts[0] == r"{\ttfamily float64 int64}" and payloads[0] == [1, 0]


# ---------------------------------------------------------------- checks


def test_fast_close():
    assert C.fast_close(sympy.Matrix([[sympy.Rational(1, 3), 2]]), np.array([1 / 3, 2.0]))
    assert C.fast_close(sympy.FiniteSet(3, 1), [1, 3])
    with pytest.raises(CheckFailed):
        C.fast_close([1, 2], [1, 2.001])
    with pytest.raises(CheckFailed):
        C.fast_close([1, 2], [1, 2, 3])


def test_flagged_options_match():
    ref = np.array([2.0, 5.0])
    assert C.flagged_options_match((True, None), [sympy.FiniteSet(2, 5), sympy.FiniteSet(1, 5)], ref)
    with pytest.raises(CheckFailed):
        C.flagged_options_match((None, True), [sympy.FiniteSet(2, 5), sympy.FiniteSet(1, 5)], ref)
    with pytest.raises(CheckFailed):  # a distractor equal to the reference
        C.flagged_options_match((True, None), [sympy.FiniteSet(2, 5), sympy.FiniteSet(5, 2)], ref)


def test_eigen_checks():
    A = sympy.Matrix([[2, 1], [0, 3]])
    assert C.simple_eigenvalue_numpy(A, 3)
    with pytest.raises(CheckFailed):
        C.simple_eigenvalue_numpy(sympy.eye(2), 1)
    assert C.trace_numpy(A) == 5 and abs(C.det_numpy(A) - 6) < 1e-12
    assert np.allclose(C.eigvals_numpy(A, -1), [1 / 3, 1 / 2])
    assert np.allclose(C.eigvals_numpy(A, 2, 1), [5, 10])
    assert np.array_equal(C.matrix_power_numpy(sympy.Matrix([[1, 1], [1, 0]]), 10), [[89, 55], [55, 34]])
    S = sympy.diag(6, 3, 1)
    assert abs(C.pca_share_numpy(S, 1) - 0.6) < 1e-12
    assert C.pca_k_numpy(S, sympy.Rational(9, 10)) == 2 and C.pca_k_numpy(S, sympy.Rational(95, 100)) == 3


def test_data_checks():
    xs, ys = [0, 1, 2, 3], [1, 3, 2, 5]
    assert np.allclose(C.polyfit_numpy(xs, ys, 1), [1.1, 1.1])
    X = sympy.Matrix([[1, x] for x in xs])
    assert C.normal_equations_hold(X, ys, [sympy.Rational(11, 10), sympy.Rational(11, 10)])
    with pytest.raises(CheckFailed):
        C.normal_equations_hold(X, ys, [1, 1])
    data = sympy.Matrix([[1, 2], [3, 4], [5, 9]])
    assert np.allclose(C.cov_matrix_numpy(data, 1), [[4, 7], [7, 13]])
    A = sympy.Matrix([[1, 0], [0, 1], [0, 0]])
    b = sympy.Matrix([3, 4, 5])
    assert np.allclose(C.projector_numpy(A), np.diag([1, 1, 0]))
    assert np.allclose(C.lstsq_fitted_numpy(A, b), [3, 4, 0])
    assert abs(C.residual_norm_numpy(A, b) - 5) < 1e-12
    assert C.orthogonal_to_columns(A, [0, 0, 5])
    with pytest.raises(CheckFailed):
        C.orthogonal_to_columns(A, [1, 0, 5])
    assert abs(C.spectrum_share_numpy([1, 3, 6], 1) - 0.6) < 1e-12
    assert C.spectrum_k_numpy([1, 3, 6], sympy.Rational(9, 10)) == 2
    assert C.spectrum_k_numpy([1, 3, 6], sympy.Rational(91, 100)) == 3


def test_coding_checks():
    assert C.broadcast_shape_plain([3, 1, 4], [5, 4]) == [3, 5, 4]
    assert C.broadcast_shape_plain([3, 2], [4, 2]) == []
    assert C.broadcast_options_match((True, None), [3, 1, 4], [5, 4], [[3, 5, 4], None])
    assert C.broadcast_options_match((None, True), [3, 2], [4, 2], [[4, 2], None])
    with pytest.raises(CheckFailed):
        C.broadcast_options_match((True, None), [3, 2], [4, 2], [[4, 2], None])
    assert C.shape_chain_plain([2, 0, 3, 24, 0, 2], 0) == [2, 4, 3]
    assert C.shape_chain_plain([2, 0, 3, 24, 0, 2], 1) == [3, 4, 2]
    assert C.shape_chain_plain([2, 0, 3, 24, 0, 2], 2) == [6, 4, 2]
    A = sympy.Matrix([[3, 1, 4], [1, 5, 9]])
    assert C.reduce_by_loops(A, 0, 0) == [4, 6, 13] and C.reduce_by_loops(A, 3, 1) == [2, 2]
    assert C.reduce_by_loops(A, 4, 0) == [1, 0, 0] and C.reduce_by_loops(A, 1, 1) == [4, 9]
    assert C.mask_options_match((None, True), [3, 8, 12, 5], 4, 2, 0, [[8], [8, 12]])
    with pytest.raises(CheckFailed):
        C.mask_options_match((True, None), [3, 8, 12, 5], 4, 2, 2, [[8, 12], None])
    assert C.division_by_rule([-7, 7], 3, 0) == [-3, 2]
    assert C.division_by_rule([-7, 7], -3, 1) == [-1, -2]
    assert C.division_by_rule([-7, 7], 3, 2) == [-2, 2]
    assert C.dtype_options_match((None, True), [[0, 0], [1, 0]])
    with pytest.raises(CheckFailed):
        C.dtype_options_match((True, None), [[0, 0], [1, 0]])


# ---------------------------------------------------------------- the templates themselves


def test_our_templates_pass_the_stress_test(bank):
    from mathexams.stress import stress_template

    for tid in OUR_TEMPLATES:
        report = stress_template(bank.get(tid), range(20))
        assert report.ok, report.failures
        assert report.distinct >= 15, tid


@pytest.mark.skipif(shutil.which("pdflatex") is None, reason="pdflatex not installed")
def test_our_templates_compile_with_plain_latex(bank, tmp_path):
    from mathexams.sampler import sample_question

    body = []
    for tid in OUR_TEMPLATES:
        for seed in range(4):
            q = sample_question(bank.get(tid), seed)
            body += [q.prompt_latex, *q.answer.options]
            for part in q.answer.parts:
                body += [part.prompt_latex, *part.options, f"${part.latex}$" if not part.options else ""]
            body += [q.solution_latex, r"\par\bigskip"]
    doc = "\n".join([r"\documentclass{article}", r"\usepackage{amsmath,amssymb,tikz}", r"\begin{document}",
                     *body, r"\end{document}"])
    (tmp_path / "t.tex").write_text(doc, encoding="utf-8")
    result = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "t.tex"],
                            cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout[-2000:]
