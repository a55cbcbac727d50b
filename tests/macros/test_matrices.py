"""The course's matrices macros: each keeps its promise on many draws (exactness, ranges, structure, records)."""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy
from draw_helpers import rngs

from mathexams.macros import descriptive, matrices, regression
from mathexams.sandbox import SandboxError
from mathexams.seeds import Rng

x, y = sympy.symbols("x y", real=True)

R = sympy.Rational


Mat = sympy.Matrix

SEEDS = range(60)


def test_fraction_helpers_are_exact():
    assert matrices.det_exact([[Fraction(2), Fraction(1)], [Fraction(1), Fraction(1)]]) == 1
    assert matrices.solve_exact([[Fraction(2), Fraction(1)], [Fraction(1), Fraction(3)]], [Fraction(3), Fraction(4)]) == [1, 1]


def test_rowcol_latex_writes_the_products_and_decimals():
    A, B = Mat([[2, -3], [1, 0]]), Mat([[4, 1], [-1, 5]])
    assert matrices.rowcol_latex(A, B, 0, 0) == "(2)(4) + (-3)(-1)"
    P, p = Mat([[sympy.Rational(7, 10), sympy.Rational(4, 5)]]), Mat([sympy.Rational(1, 2), sympy.Rational(3, 10)])
    assert matrices.rowcol_latex(P, p, 0, 0, 2) == "(0.7)(0.5) + (0.8)(0.3)"
    with pytest.raises(SandboxError):
        matrices.rowcol_latex(A, Mat([1, 2, 3]), 0, 0)


def test_system_latex():
    text = matrices.system_latex(Mat([[1, -2, 0], [0, -1, 3]]), Mat([4, -5]))
    assert text == r"\begin{aligned}x - 2y &= 4 \\ -y + 3z &= -5\end{aligned}"


def test_structure_predicates():
    U = Mat([[1, 2], [0, 3]])
    assert matrices.is_upper_triangular(U) and not matrices.is_lower_triangular(U) and not matrices.is_diagonal(U)
    assert matrices.is_diagonal(Mat([[2, 0], [0, 2]])) and not matrices.is_identity(Mat([[2, 0], [0, 2]]))
    assert matrices.is_identity(sympy.eye(3))
    R = Mat([[1, 2, 3], [0, 4, 5]])  # zero below the diagonal, but not square
    assert not matrices.is_square(R) and not matrices.is_upper_triangular(R) and not matrices.is_diagonal(R)
    assert matrices.off_diagonal(Mat([[1, 2, 3], [4, 5, 6], [7, 8, 9]]), "below") == [4, 7, 8]
    assert matrices.off_diagonal(Mat([[1, 2, 3], [4, 5, 6], [7, 8, 9]]), "above") == [2, 3, 6]
    with pytest.raises(SandboxError, match="'below' or 'above'"):
        matrices.off_diagonal(Mat([[1, 2], [3, 4]]), -1)


@pytest.mark.parametrize("kind", matrices.STRUCTURE_KINDS)


def test_structured_matrix_has_the_class_and_the_near_miss_breaks_it(kind):
    for rng in rngs(80):
        n = rng.choice((3, 4))
        A = matrices.structured_matrix(rng, kind, n, False)
        B = matrices.structured_matrix(rng, kind, n, True)
        if kind == "rectangular":
            assert not matrices.is_square(A) and not matrices.is_square(B)
            continue
        assert A.shape == B.shape == (n, n)
        check = {"diagonal": matrices.is_diagonal, "scalar": matrices.is_diagonal, "identity": matrices.is_identity,
                 "upper": matrices.is_upper_triangular, "lower": matrices.is_lower_triangular,
                 "symmetric": lambda X: X.is_symmetric()}.get(kind)
        if check is None:  # general
            assert not A.is_symmetric() and not matrices.is_upper_triangular(A) and not matrices.is_lower_triangular(A)
            continue
        assert check(A)
        assert not check(B)
        if kind == "diagonal":
            assert len({A[i, i] for i in range(n)}) > 1  # not a scalar matrix


def test_full_matrix_has_no_zero_lines():
    for rng in rngs(200):
        A = matrices.full_matrix(rng, 3, 2, -1, 1)
        assert all(any(A.row(i)) for i in range(3)) and all(any(A.col(j)) for j in range(2))


def test_unimodular_matrix_with_few_zeros():
    for rng in rngs(200):
        for n in (2, 3):
            A = matrices.unimodular_matrix(rng, n, 4, n - 2)
            assert abs(A.det()) == 1
            assert max(abs(v) for v in A) <= 4 and max(abs(v) for v in A.inv()) <= 4
            assert sum(1 for v in A if v == 0) <= n - 2


@pytest.mark.parametrize("permute", ["rows", "columns"])


@pytest.mark.parametrize("n", [1, 2, 3, 4])


def test_unimodular_tracks_its_inverse_and_keeps_every_bound(permute, n):
    for rng in rngs(60):
        M, Minv = matrices.unimodular(rng, n, max_entry=5, inverse_max_entry=7, max_zeros=n - 1, steps=2 * n + 1,
                                      permute=permute)
        A, B = Mat(M), Mat(Minv)
        assert A * B == sympy.eye(n) and abs(A.det()) == 1          # the tracked inverse is the inverse
        assert max(abs(v) for v in A) <= 5 and max(abs(v) for v in B) <= 7
        assert sum(1 for v in A if v == 0) <= n - 1
        if n > 1:   # never merely a signed permutation
            assert sum(1 for v in A if v == 0) < n * n - n


def test_unimodular_draws_are_reproducible_and_say_when_impossible():
    first = matrices.unimodular(Rng(9), 3, max_entry=3, steps=9)
    assert first == matrices.unimodular(Rng(9), 3, max_entry=3, steps=9)
    with pytest.raises(SandboxError, match="could not build a 3x3 unimodular matrix"):
        matrices.unimodular(Rng(0), 3, max_entry=1, steps=9, max_zeros=0)


def test_shape_rules():
    shapes = [(2, 3), (3, 4), (4, 2)]
    assert matrices.shape_of("AB", shapes) == (2, 4)
    assert matrices.shape_of("BA", shapes) == ()
    assert matrices.shape_of("ABC", shapes) == (2, 2)
    assert matrices.shape_of("B^TA^T", shapes) == (4, 2)
    assert matrices.shape_of("A + B", shapes) == ()
    assert matrices.shape_of("AB + C^T", shapes) == (2, 4)
    assert matrices.naive_shape("BA", shapes) == (3, 3)
    assert matrices.shape_claim("AB", shapes, True) == (4, 2)
    assert matrices.shape_claim("AB", shapes, False) == (2, 4)
    assert matrices.shape_claim("BA", shapes, False) == (3, 3)
    assert "undefined" in matrices.shape_explain("BA", shapes) and r"4 \neq 2" in matrices.shape_explain("BA", shapes)
    assert matrices.shape_explain("AB", shapes).endswith(r"gives $2\times 4$")
    with pytest.raises(SandboxError):
        matrices.shape_of("AX", shapes)


def test_det3_matrix():
    for rng in rngs(200):
        A = matrices.det3_matrix(rng, False, 4)
        S = matrices.det3_matrix(rng, True, 4)
        assert A.det() != 0 and all(v != 0 and abs(v) <= 4 for v in A)
        assert S.det() == 0 and S.rank() == 2 and max(abs(v) for v in S) <= 4


def test_det2_matrix_has_the_determinant():
    for rng in rngs(300):
        d = rng.choice((-4, -3, -2, -1, 1, 2, 3, 4))
        A = matrices.det2_matrix(rng, d, 5)
        assert A.shape == (2, 2) and A.det() == d
        assert max(abs(v) for v in A) <= 5 and sum(1 for v in A if v == 0) <= 1
    with pytest.raises(SandboxError):
        matrices.det2_matrix(Rng(0), 100, 5)


def test_matrix_helpers():
    X = matrices.matrix_from_columns([1, 2, 3], sympy.Matrix([4, 5, 9]))
    assert X == sympy.Matrix([[1, 4], [2, 5], [3, 9]])
    assert descriptive.column_means(X) == [2, 6]
    assert descriptive.centred_columns(X) == sympy.Matrix([[-1, -2], [0, -1], [1, 3]])
    assert regression.poly_design_matrix([0, 2, 3], 2) == sympy.Matrix([[1, 0, 0], [1, 2, 4], [1, 3, 9]])
    with pytest.raises(SandboxError):
        matrices.matrix_from_columns([1, 2], [1, 2, 3])


def test_unimodular_matrix_has_integer_inverse():
    for s in SEEDS:
        M = matrices.unimodular_matrix(Rng(s), 3, 6)
        assert abs(M.det()) == 1
        assert all(v.is_integer for v in M.inv())
        assert max(abs(v) for v in M) <= 6


@pytest.mark.parametrize("d", [-5, -2, 1, 3, 7])


def test_invertible_matrix_has_the_requested_determinant(d):
    for s in SEEDS:
        A = matrices.invertible_matrix(Rng(s), 2, d, 9)
        assert A.det() == d and max(abs(v) for v in A) <= 9


def test_matrix_operations_as_functions():
    A = Mat([[1, 2, 3], [2, 4, 6]])
    assert (matrices.rows(A), matrices.cols(A)) == (2, 3)
    assert matrices.entries(A) == [1, 2, 3, 2, 4, 6]
    assert matrices.transpose(A) == A.T and matrices.trace(Mat([[1, 2], [3, 4]])) == 5
    assert matrices.rref(A) == Mat([[1, 2, 3], [0, 0, 0]])
    assert len(matrices.nullspace(A)) == 2 and all(A * v == Mat([0, 0]) for v in matrices.nullspace(A))
    assert matrices.row(A, 1) == Mat([[2, 4, 6]]) and matrices.col(A, 0) == Mat([1, 2])
    with pytest.raises(SandboxError, match="larger than 8x8"):
        matrices.det(sympy.eye(9))


def test_random_matrix_stays_in_range():
    for rng in rngs(50):
        A = matrices.random_matrix(rng, 2, 3, -2, 2)
        assert A.shape == (2, 3) and all(-2 <= v <= 2 for v in A)


# ---- weeks 1-6 linear algebra additions (issue 10) ----


def test_system_latex_with_named_unknowns():
    text = matrices.system_latex(Mat([[1, -2], [3, 1]]), Mat([4, 5]), ["c_1", "c_2"])
    assert text == r"\begin{aligned}c_1 - 2c_2 &= 4 \\ 3c_1 + c_2 &= 5\end{aligned}"
    for bad in (["c_1"], ["x", r"\input"], ["ab", "c"], [1, 2]):
        with pytest.raises(SandboxError, match="unknowns"):
            matrices.system_latex(Mat([[1, 2], [3, 4]]), Mat([1, 1]), bad)


def test_permutation_and_one_hot_select_rows():
    X = Mat([[1, 10], [2, 20], [3, 30]])
    assert matrices.permutation_matrix([2, 0, 1]) * X == Mat([[3, 30], [1, 10], [2, 20]])
    assert matrices.one_hot(3, 1) * X == Mat([[2, 20]])
    with pytest.raises(SandboxError):
        matrices.permutation_matrix([0, 0, 1])
    with pytest.raises(SandboxError):
        matrices.one_hot(3, 3)


def test_matrix_law_statements_mix_true_and_false_laws():
    seen = set()
    for rng in rngs(200):
        laws = matrices.matrix_law_statements(rng, 5)
        assert len(laws.names) == len(set(laws.names)) == 5
        assert 2 <= sum(laws.truths) <= 3
        assert laws.texts == [matrices.MATRIX_LAWS[n][0] for n in laws.names]
        seen.update(laws.names)
    assert seen == set(matrices.MATRIX_LAWS)


def test_gauss_jordan_steps_invert_without_fractions_for_unimodular_matrices():
    for rng in rngs(200):
        A = matrices.unimodular_matrix(rng, 3, 9, 2, 4)
        elimination = matrices.gauss_jordan_steps(A)
        assert elimination.inverse * A == sympy.eye(3)
        assert not any("frac" in step for step in elimination.steps)
        assert 1 <= len(elimination.steps) <= 15
    with pytest.raises(SandboxError, match="singular"):
        matrices.gauss_jordan_steps(Mat([[1, 2, 3], [2, 4, 6], [0, 1, 1]]))
    # a pivot that cannot be made an integer 1 is scaled: the fraction shows in the steps
    steps = matrices.gauss_jordan_steps(Mat([[2, 0], [0, 4]])).steps
    assert steps == [r"R_1 \to \tfrac{1}{2}R_1", r"R_2 \to \tfrac{1}{4}R_2"]


def test_gauss_jordan_steps_replay_to_the_identity():
    """Apply the written steps to [A | I] independently of the macro: they must give [I | A^-1]."""
    import re
    for rng in rngs(40):
        A = matrices.unimodular_matrix(rng, 3, 9, 2, 4)
        aug = A.row_join(sympy.eye(3))
        for step in matrices.gauss_jordan_steps(A).steps:
            if m := re.fullmatch(r"R_(\d) \\leftrightarrow R_(\d)", step):
                i, j = int(m[1]) - 1, int(m[2]) - 1
                aug.row_swap(i, j)
            elif m := re.fullmatch(r"R_(\d) \\to (-?)(\d*)R_\1", step):
                c = (-1 if m[2] else 1) * int(m[3] or 1)
                aug[int(m[1]) - 1, :] = c * aug[int(m[1]) - 1, :]
            else:
                m = re.fullmatch(r"R_(\d) \\to R_\1 ([+-]) (\d*)R_(\d)", step)
                assert m, step
                c = (1 if m[2] == "+" else -1) * int(m[3] or 1)
                i, j = int(m[1]) - 1, int(m[4]) - 1
                aug[i, :] = aug[i, :] + c * aug[j, :]
        assert aug[:, :3] == sympy.eye(3) and aug[:, 3:] == A.inv()


def test_singular_at_two_values_vanishes_exactly_at_its_roots():
    k = sympy.Symbol("k")
    for rng in rngs(60):
        pm = matrices.singular_at_two_values(rng, k, 4, 6)
        d = pm.matrix.det()
        assert sympy.expand(d - pm.det) == 0 and sympy.expand(pm.det_factored - pm.det) == 0
        r1, r2 = pm.roots
        assert r1 < r2 and -6 <= r1 and r2 <= 6
        assert d.subs(k, r1) == 0 and d.subs(k, r2) == 0 and sympy.degree(d, k) == 2
    with pytest.raises(SandboxError):
        matrices.singular_at_two_values(Rng(0), 3)


def test_row_operation_sequence_factor_is_the_product_of_its_steps():
    for rng in rngs(200):
        ops = matrices.row_operation_sequence(rng, 3, 3)
        kinds = [c[0] for c in ops.codes]
        assert "add" in kinds and kinds != ["add"] * 3
        expected = sympy.Integer(1)
        for kind, _i, _j, c in ops.codes:
            expected *= {"swap": -1, "scale": c, "add": 1}[kind]
        assert ops.factor == expected == sympy.Mul(*ops.factors)
        A = sympy.randMatrix(3, 3, -5, 5, seed=7)
        B = A.copy()
        for kind, i, j, c in ops.codes:
            if kind == "swap":
                B.row_swap(i, j)
            elif kind == "scale":
                B[i, :] = c * B[i, :]
            else:
                B[i, :] = B[i, :] + c * B[j, :]
        assert B.det() == ops.factor * A.det()


def test_unimodular_matrix_steps_argument():
    for rng in rngs(50):
        A = matrices.unimodular_matrix(rng, 3, 9, 2, 4)
        assert abs(A.det()) == 1 and max(abs(v) for v in A) <= 9 and list(A).count(0) <= 2
    with pytest.raises(SandboxError):
        matrices.unimodular_matrix(Rng(0), 3, 9, None, 20)
