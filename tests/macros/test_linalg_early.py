"""Tests for the weeks 1-6 linear algebra macros and checks (macros/linalg_early.py, checks/linalg_early.py)."""

from __future__ import annotations

import math

import numpy as np
import pytest
import sympy

from mathexams.errors import CheckFailed
from mathexams.template import CHECKS
from mathexams.checks import linalg_early as C
from mathexams.template import FUNCTIONS
from mathexams.macros import linalg_early as M
from mathexams.sandbox import SandboxError
from mathexams.seeds import Rng

Mat = sympy.Matrix


def rngs(n: int = 300):
    return (Rng(s) for s in range(n))


def np_rng(seed: int = 0) -> np.random.Generator:
    return np.random.default_rng(seed)


# ------------------------------------------------------------------ registration


def test_everything_is_registered_with_a_docstring():
    macros = ["combo_latex", "rowcol_latex", "approx", "decimal_matrix", "decimal_tuple", "system_latex",
              "angle_pair", "off_diagonal", "is_square", "is_diagonal", "is_upper_triangular",
              "is_lower_triangular", "is_identity", "structured_matrix", "similarity_documents",
              "argmax_index", "cosine_approx", "distance_approx", "dense_unimodular", "full_matrix", "shape_of", "naive_shape", "shape_claim",
              "shape_explain", "stochastic_matrix", "probability_vector", "random_digraph", "walk_endpoints",
              "digraph_tikz", "edge_list_latex", "walks_latex", "det3_matrix", "distinct_picks",
              "transformation_matrix", "transformation_text", "noncommuting_maps", "lattice_triangle", "det2_matrix"]
    checks = ["np_combination", "np_angle", "projection_parts_match", "np_cosine", "np_distance",
              "most_similar_matches", "structure_flags_match", "shape_claims_match", "commutes_matches",
              "np_markov", "markov_simulation_matches", "count_walks", "choice_matches", "sign_matches",
              "np_transform", "np_apply", "np_shoelace"]
    for name in macros:
        assert name in FUNCTIONS and FUNCTIONS[name].doc, name
    for name in checks:
        assert name in CHECKS and CHECKS[name].doc, name


# ------------------------------------------------------------------ text helpers


def test_combo_latex_signs_and_unit_coefficients():
    assert M.combo_latex([2, -1, 3], ["u", "v", "w"]) == r"2\mathbf{u} - \mathbf{v} + 3\mathbf{w}"
    assert M.combo_latex([-1, 0, -2], ["u", "v", "w"]) == r"-\mathbf{u} - 2\mathbf{w}"
    assert M.combo_latex([0], ["u"]) == "0"
    with pytest.raises(SandboxError):
        M.combo_latex([1, 2], ["u"])


def test_rowcol_latex_writes_the_products_and_decimals():
    A, B = Mat([[2, -3], [1, 0]]), Mat([[4, 1], [-1, 5]])
    assert M.rowcol_latex(A, B, 0, 0) == "(2)(4) + (-3)(-1)"
    P, p = Mat([[sympy.Rational(7, 10), sympy.Rational(4, 5)]]), Mat([sympy.Rational(1, 2), sympy.Rational(3, 10)])
    assert M.rowcol_latex(P, p, 0, 0, 2) == "(0.7)(0.5) + (0.8)(0.3)"
    with pytest.raises(SandboxError):
        M.rowcol_latex(A, Mat([1, 2, 3]), 0, 0)


def test_approx_rounds_half_away_from_zero_exactly():
    assert M.approx(sympy.sqrt(2), 3) == sympy.Rational(707, 500)
    assert M.approx(sympy.Rational(1, 200), 2) == sympy.Rational(1, 100)
    assert M.approx(sympy.Rational(-1, 200), 2) == sympy.Rational(-1, 100)
    assert M.approx(sympy.Rational(1, 3), 0) == 0
    with pytest.raises(SandboxError):
        M.approx(sympy.I, 2)


def test_decimal_matrix_and_tuple():
    P = Mat([[sympy.Rational(3, 10), 1], [sympy.Rational(7, 10), 0]])
    assert M.decimal_matrix(P, 1) == r"\begin{pmatrix}0.3 & 1.0\\0.7 & 0.0\end{pmatrix}"
    assert M.decimal_tuple([sympy.Rational(1, 8), sympy.Rational(-7, 8)], 2) == r"\left(0.13, -0.88\right)"


def test_system_latex():
    text = M.system_latex(Mat([[1, -2, 0], [0, -1, 3]]), Mat([4, -5]))
    assert text == r"\begin{aligned}x - 2y &= 4 \\ -y + 3z &= -5\end{aligned}"


# ------------------------------------------------------------------ vectors


@pytest.mark.parametrize("deg", [30, 45, 60, 90, 120, 135, 150])
def test_angle_pair_has_exactly_the_angle(deg):
    dims = (2, 3) if deg in (45, 90, 135) else (3,)
    for dim in dims:
        for rng in rngs(60):
            u, v = M.angle_pair(rng, deg, dim)
            assert u.shape == v.shape == (dim, 1)
            cos = u.dot(v) / (u.norm() * v.norm())
            assert sympy.simplify(cos - sympy.cos(sympy.pi * deg / 180)) == 0
            assert math.isclose(C.np_angle(u, v), math.radians(deg), abs_tol=1e-9)


def test_angle_pair_refuses_impossible_requests():
    with pytest.raises(SandboxError):
        M.angle_pair(Rng(0), 60, 2)   # no integer vectors in the plane make 60 degrees
    with pytest.raises(SandboxError):
        M.angle_pair(Rng(0), 50, 3)


def test_similarity_documents_have_three_different_winners():
    for rng in rngs(200):
        q, docs = M.similarity_documents(rng, 5, 5)
        assert all(0 <= x <= 5 for d in [q, *docs] for x in d)
        cos = [C.np_cosine(q, d) for d in docs]
        dots = [q.dot(d) for d in docs]
        dist = [C.np_distance(q, d) for d in docs]
        winners = {int(np.argmax(cos)), int(np.argmax(dots)), int(np.argmin(dist))}
        assert len(winners) == 3
        assert sorted(cos)[-1] - sorted(cos)[-2] >= 0.02


def test_cosine_and_distance_approximations():
    u, v = Mat([1, 2, 2]), Mat([2, 0, 1])
    assert M.cosine_approx(u, v, 12) == sympy.Rational(str(round(4 / (3 * math.sqrt(5)), 12)))
    assert M.distance_approx(u, v, 3) == sympy.Rational(2449, 1000)  # sqrt(6) = 2.4494...
    assert M.distance_approx(u, u, 3) == 0
    for rng in rngs(100):
        a, b = M.similarity_documents(rng, 5, 5)[1][:2]
        assert abs(float(M.cosine_approx(a, b)) - C.np_cosine(a, b)) < 1e-11
    with pytest.raises(SandboxError):
        M.cosine_approx(u, Mat([0, 0, 0]))
    with pytest.raises(SandboxError):
        M.cosine_approx(Mat([sympy.Rational(1, 2), 1]), Mat([1, 1]))


def test_argmax_index():
    assert M.argmax_index([sympy.sqrt(2), sympy.Rational(3, 2), 1]) == 1
    with pytest.raises(SandboxError):
        M.argmax_index([sympy.sqrt(2), sympy.sqrt(8) / 2])


# ------------------------------------------------------------------ structure


def test_structure_predicates():
    U = Mat([[1, 2], [0, 3]])
    assert M.is_upper_triangular(U) and not M.is_lower_triangular(U) and not M.is_diagonal(U)
    assert M.is_diagonal(Mat([[2, 0], [0, 2]])) and not M.is_identity(Mat([[2, 0], [0, 2]]))
    assert M.is_identity(sympy.eye(3))
    R = Mat([[1, 2, 3], [0, 4, 5]])  # zero below the diagonal, but not square
    assert not M.is_square(R) and not M.is_upper_triangular(R) and not M.is_diagonal(R)
    assert M.off_diagonal(Mat([[1, 2, 3], [4, 5, 6], [7, 8, 9]]), -1) == [4, 7, 8]
    assert M.off_diagonal(Mat([[1, 2, 3], [4, 5, 6], [7, 8, 9]]), 1) == [2, 3, 6]


@pytest.mark.parametrize("kind", M.STRUCTURE_KINDS)
def test_structured_matrix_has_the_class_and_the_near_miss_breaks_it(kind):
    for rng in rngs(80):
        n = rng.choice((3, 4))
        A = M.structured_matrix(rng, kind, n, False)
        B = M.structured_matrix(rng, kind, n, True)
        if kind == "rectangular":
            assert not M.is_square(A) and not M.is_square(B)
            continue
        assert A.shape == B.shape == (n, n)
        check = {"diagonal": M.is_diagonal, "scalar": M.is_diagonal, "identity": M.is_identity,
                 "upper": M.is_upper_triangular, "lower": M.is_lower_triangular,
                 "symmetric": lambda X: X.is_symmetric()}.get(kind)
        if check is None:  # general
            assert not A.is_symmetric() and not M.is_upper_triangular(A) and not M.is_lower_triangular(A)
            continue
        assert check(A)
        assert not check(B)
        if kind == "diagonal":
            assert len({A[i, i] for i in range(n)}) > 1  # not a scalar matrix


def test_structure_flags_match():
    A = Mat([[1, 0], [0, 1]])
    assert C.structure_flags_match(A, (True, True, True, True, True, True))
    with pytest.raises(CheckFailed):
        C.structure_flags_match(A, (True, True, True, True, True, None))
    U = Mat([[1, 5], [0, 1]])
    assert C.structure_flags_match(U, (True, None, True, False, False, False))
    with pytest.raises(CheckFailed):
        C.structure_flags_match(U, (True, True, True, False, False, False))
    assert C.structure_flags_match(Mat([[1, 0, 0], [0, 1, 0]]), (False,) * 6)


# ------------------------------------------------------------------ vector checks


def test_np_combination_and_projection_parts():
    u, v = Mat([3, 2, 1]), Mat([1, -2, 0])
    assert np.allclose(C.np_combination([2, -1], [u, v]), [5, 6, 2])
    p = sympy.Rational(-1, 5) * v
    assert C.projection_parts_match(u, v, p, u - p)
    with pytest.raises(CheckFailed):   # dividing by |v| instead of |v|^2
        q = (u.dot(v) / v.norm()) * v
        C.projection_parts_match(u, v, q, u - q)
    with pytest.raises(CheckFailed):   # projecting v onto u
        q = (u.dot(v) / u.dot(u)) * u
        C.projection_parts_match(u, v, q, u - q)


def test_most_similar_matches():
    q = Mat([1, 2, 0])
    docs = [Mat([2, 4, 1]), Mat([1, 2, 0]) * 5, Mat([0, 0, 3])]
    assert C.most_similar_matches(q, docs, (None, True, None))
    with pytest.raises(CheckFailed):
        C.most_similar_matches(q, docs, (True, None, None))


# ------------------------------------------------------------------ products and shapes


def test_full_matrix_has_no_zero_lines():
    for rng in rngs(200):
        A = M.full_matrix(rng, 3, 2, -1, 1)
        assert all(any(A.row(i)) for i in range(3)) and all(any(A.col(j)) for j in range(2))


def test_dense_unimodular():
    for rng in rngs(200):
        for n in (2, 3):
            A = M.dense_unimodular(rng, n, 4)
            assert abs(A.det()) == 1
            assert max(abs(v) for v in A) <= 4 and max(abs(v) for v in A.inv()) <= 4
            assert sum(1 for v in A if v == 0) <= (0 if n == 2 else 1)


def test_shape_rules():
    shapes = [(2, 3), (3, 4), (4, 2)]
    assert M.shape_of("AB", shapes) == (2, 4)
    assert M.shape_of("BA", shapes) == ()
    assert M.shape_of("ABC", shapes) == (2, 2)
    assert M.shape_of("B^TA^T", shapes) == (4, 2)
    assert M.shape_of("A + B", shapes) == ()
    assert M.shape_of("AB + C^T", shapes) == (2, 4)
    assert M.naive_shape("BA", shapes) == (3, 3)
    assert M.shape_claim("AB", shapes, 1) == (4, 2)
    assert M.shape_claim("AB", shapes, 0) == (2, 4)
    assert M.shape_claim("BA", shapes, 0) == (3, 3)
    assert "undefined" in M.shape_explain("BA", shapes) and r"4 \neq 2" in M.shape_explain("BA", shapes)
    assert M.shape_explain("AB", shapes).endswith(r"gives $2\times 4$")
    with pytest.raises(SandboxError):
        M.shape_of("AX", shapes)


def test_shape_rules_agree_with_numpy_on_random_shapes():
    exprs = ["AB", "BA", "A + B", "AB + C", "CA", "A^TC", "B^TA^T", "BC", "C^T + B^TA^T"]
    for rng in rngs(100):
        shapes = [(rng.integer(2, 4), rng.integer(2, 4)) for _ in range(3)]
        claims = [M.shape_claim(e, shapes, rng.integer(0, 1)) for e in exprs]
        flags = [M.shape_of(e, shapes) == c for e, c in zip(exprs, claims)]
        assert C.shape_claims_match(np_rng(), exprs, shapes, claims, flags)
        if any(flags):
            wrong = [not f for f in flags]
            with pytest.raises(CheckFailed):
                C.shape_claims_match(np_rng(), exprs, shapes, claims, wrong)


def test_shape_claims_refuse_sizes_of_one():
    with pytest.raises(CheckFailed):
        C.shape_claims_match(np_rng(), ["A + B"], [(1, 3), (2, 3)], [(2, 3)], [False])


def test_commutes_matches():
    A = Mat([[1, 2], [3, 4]])
    assert C.commutes_matches(A, 2 * A + sympy.eye(2), True)
    assert C.commutes_matches(A, Mat([[0, 1], [1, 0]]), None)
    with pytest.raises(CheckFailed):
        C.commutes_matches(A, Mat([[0, 1], [1, 0]]), True)


# ------------------------------------------------------------------ Markov chains


def test_stochastic_matrix_and_probability_vector():
    for rng in rngs(200):
        n = rng.choice((2, 3))
        P = M.stochastic_matrix(rng, n, 10)
        p = M.probability_vector(rng, n, 10)
        assert all(sum(P.col(j)) == 1 for j in range(n))
        assert all(0 < v < 1 and (10 * v).is_integer for v in P)
        assert sum(p) == 1 and all(0 <= v < 1 and (10 * v).is_integer for v in p)


def test_markov_checks():
    half = sympy.Rational(1, 2)
    P = Mat([[sympy.Rational(9, 10), sympy.Rational(2, 10)], [sympy.Rational(1, 10), sympy.Rational(8, 10)]])
    p0 = Mat([half, half])
    p2 = P * P * p0
    assert np.allclose(C.np_markov(P, p0, 2), [float(v) for v in p2])
    assert C.markov_simulation_matches(np_rng(1), P, p0, 2, p2)
    with pytest.raises(CheckFailed):  # the row-stochastic mistake: P^T instead of P
        C.markov_simulation_matches(np_rng(1), P, p0, 2, P.T * P.T * p0)
    with pytest.raises(CheckFailed):
        C.markov_simulation_matches(np_rng(1), P.T, p0, 1, p0)  # P.T is not column-stochastic


# ------------------------------------------------------------------ graphs


def test_random_digraph_and_walks():
    for rng in rngs(150):
        n, m, k = rng.choice((4, 5)), rng.integer(5, 8), rng.choice((2, 3))
        A = M.random_digraph(rng, n, m, k)
        assert sum(A) == m and all(A[i, i] == 0 for i in range(n))
        assert max(A ** k) >= 2
        i, j = M.walk_endpoints(rng, A, k)
        assert (A ** k)[i, j] >= 2
        assert C.count_walks(A, i, j, k) == (A ** k)[i, j]
        assert len(M.walks_latex(A, i, j, k).split(", ")) == (A ** k)[i, j]


def test_count_walks_by_hand():
    A = Mat([[0, 1, 1], [0, 0, 1], [1, 0, 0]])  # 1->2, 1->3, 2->3, 3->1
    assert C.count_walks(A, 0, 2, 2) == 1       # 1->2->3
    assert C.count_walks(A, 0, 0, 3) == 1       # 1->2->3->1
    assert M.walks_latex(A, 0, 0, 3) == r"1\to 2\to 3\to 1"
    assert M.edge_list_latex(A) == r"1\to 2, 1\to 3, 2\to 3, 3\to 1"
    pic = M.digraph_tikz(A)
    assert pic.count(r"\draw[->") == 4 and pic.startswith(r"\begin{tikzpicture}") and "-0.00" not in pic


# ------------------------------------------------------------------ determinants and choices


def test_det3_matrix():
    for rng in rngs(200):
        A = M.det3_matrix(rng, False, 4)
        S = M.det3_matrix(rng, True, 4)
        assert A.det() != 0 and all(v != 0 and abs(v) <= 4 for v in A)
        assert S.det() == 0 and S.rank() == 2 and max(abs(v) for v in S) <= 4


def test_distinct_picks():
    assert M.distinct_picks([5, 3, 5, 7, 9], 3, [3]) == [5, 7, 9]
    assert M.distinct_picks([1, 1], 2, [0]) == [1, 0]   # padded with the key: the options clash, the draw is redone


def test_choice_matches():
    assert C.choice_matches((None, True, None), [4, 7, -7], 7.0000000001)
    with pytest.raises(CheckFailed):
        C.choice_matches((True, None, None), [4, 7, -7], 7)     # wrong option marked
    with pytest.raises(CheckFailed):
        C.choice_matches((None, True, None), [7, 7, -7], 7)     # a distractor equals the key
    with pytest.raises(CheckFailed):
        C.choice_matches((None, True, True), [4, 7, -7], 7)     # two options marked


def test_sign_matches():
    assert C.sign_matches(2.5, True) and C.sign_matches(-1, None)
    with pytest.raises(CheckFailed):
        C.sign_matches(-1, True)
    with pytest.raises(CheckFailed):
        C.sign_matches(1e-12, True)


# ------------------------------------------------------------------ plane geometry


@pytest.mark.parametrize("code", list(M.TRANSFORMATIONS))
def test_transformation_matrix_matches_the_geometric_map(code):
    for k in (-3, -1, 2, 3):
        A = M.transformation_matrix(code, k)
        assert np.allclose(C.np_transform(code, k, sympy.eye(2)), np.array(A.tolist(), dtype=float))
        v = Mat([3, -2])
        assert np.allclose(C.np_transform(code, k, v).reshape(-1), np.array((A * v).tolist(), dtype=float).reshape(-1))
        assert "$" in M.transformation_text(code, k)


def test_transformation_conventions():
    # counter-clockwise rotation by 90 degrees sends e1 to e2; the shear text shows its formula
    assert M.transformation_matrix(1) * Mat([1, 0]) == Mat([0, 1])
    assert M.transformation_matrix(6) * Mat([2, 5]) == Mat([5, 2])
    assert r"(x - 2y, y)" in M.transformation_text(10, -2)
    assert r"(x, y + x)" in M.transformation_text(11, 1)


def test_noncommuting_maps():
    seen = set()
    for rng in rngs(300):
        c1, k1, c2, k2 = M.noncommuting_maps(rng)
        A, B = M.transformation_matrix(c1, k1), M.transformation_matrix(c2, k2)
        assert c1 != c2 and A * B != B * A and 2 not in (c1, c2)
        seen.add((c1, c2))
    assert len(seen) > 40


def test_det2_matrix_has_the_determinant():
    for rng in rngs(300):
        d = rng.choice((-4, -3, -2, -1, 1, 2, 3, 4))
        A = M.det2_matrix(rng, d, 5)
        assert A.shape == (2, 2) and A.det() == d
        assert max(abs(v) for v in A) <= 5 and sum(1 for v in A if v == 0) <= 1
    with pytest.raises(SandboxError):
        M.det2_matrix(Rng(0), 100, 5)


def test_lattice_triangle_is_counter_clockwise_and_checks_use_the_shoelace_formula():
    for rng in rngs(200):
        P, Q, R = M.lattice_triangle(rng, -3, 3)
        assert C.np_shoelace([P, Q, R]) > 0
        assert all(-3 <= v <= 3 for pt in (P, Q, R) for v in pt)
    assert C.np_shoelace([Mat([0, 0]), Mat([2, 0]), Mat([0, 3])]) == pytest.approx(3.0)
    assert C.np_shoelace([Mat([0, 0]), Mat([0, 3]), Mat([2, 0])]) == pytest.approx(-3.0)
    A = Mat([[0, 1], [1, 0]])  # a reflection reverses the orientation and keeps the area
    images = C.np_apply(A, [Mat([0, 0]), Mat([2, 0]), Mat([0, 3])])
    assert C.np_shoelace(images) == pytest.approx(-3.0)


# ------------------------------------------------------------------ the templates


MY_TEMPLATES = [
    "linalg.vec.lincomb", "linalg.mat.structure_classify", "linalg.vec.dot_angle", "linalg.vec.projection",
    "linalg.vec.similarity", "linalg.matmul.product", "linalg.matmul.defined_shape", "linalg.data.markov_step",
    "linalg.matmul.noncommute", "linalg.data.graph_walks", "linalg.inv.det_3x3", "linalg.inv.solve_system",
    "linalg.trans.compose", "linalg.trans.image_area",
]


@pytest.mark.parametrize("template_id", MY_TEMPLATES)
def test_template_stress(bank, template_id):
    from mathexams.stress import stress_template

    report = stress_template(bank.get(template_id), range(40))
    assert report.ok, report.failures
    assert report.distinct >= 30
    assert report.rejection_rate < 0.25
