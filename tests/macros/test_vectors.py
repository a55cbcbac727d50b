"""The course's vectors macros: each keeps its promise on many draws (exactness, ranges, structure, records)."""

from __future__ import annotations

import pytest
import sympy

from mathexams.macros import vectors
from mathexams.sandbox import SandboxError
from mathexams.seeds import Rng

w = sympy.Symbol("w", real=True)

SEEDS = range(60)


def test_combo_latex_signs_and_unit_coefficients():
    assert vectors.combo_latex([2, -1, 3], ["u", "v", "w"]) == r"2\mathbf{u} - \mathbf{v} + 3\mathbf{w}"
    assert vectors.combo_latex([-1, 0, -2], ["u", "v", "w"]) == r"-\mathbf{u} - 2\mathbf{w}"
    assert vectors.combo_latex([0], ["u"]) == "0"
    with pytest.raises(SandboxError):
        vectors.combo_latex([1, 2], ["u"])


def test_angle_pair_refuses_impossible_requests():
    with pytest.raises(SandboxError):
        vectors.angle_pair(Rng(0), 60, 2)   # no integer vectors in the plane make 60 degrees
    with pytest.raises(SandboxError):
        vectors.angle_pair(Rng(0), 50, 3)


def test_primitive_int_vector():
    assert vectors.primitive_int_vector(sympy.Matrix([-4, 2, 6])) == sympy.Matrix([2, -1, -3])
    assert vectors.primitive_int_vector([0, -3, 3]) == sympy.Matrix([0, 1, -1])
    with pytest.raises(SandboxError):
        vectors.primitive_int_vector([0, 0])


def test_pythagorean_vector_has_integer_length():
    for s in SEEDS:
        v = vectors.pythagorean_vector(Rng(s), 3)
        assert v.norm().is_integer


def test_random_vector_is_never_zero():
    for s in range(200):
        v = vectors.random_vector(Rng(s), 3, -1, 1)
        assert v.shape == (3, 1) and any(v) and all(-1 <= e <= 1 for e in v)
    with pytest.raises(SandboxError, match="can only be zero"):
        vectors.random_vector(Rng(0), 2, 0, 0)


def test_combinations_of_matrices_and_of_columns_print_cleanly():
    assert vectors.combo_latex([2, -1, 3], ["A^T", "B", "I"], False) == "2A^T - B + 3I"
    assert vectors.combo_latex([-1, 0, 1], ["A", "B", "I"], False) == "-A + I"
    Mat = sympy.Matrix
    text = vectors.column_combo_latex([1, -2, 0], [Mat([1, 2]), Mat([3, 4]), Mat([5, 6])])
    assert text == r"\begin{pmatrix}1\\2\end{pmatrix} - 2\begin{pmatrix}3\\4\end{pmatrix}"
    assert vectors.column_combo_latex([0], [Mat([1, 2])]) == "0"
    with pytest.raises(SandboxError):
        vectors.column_combo_latex([1, 2], [Mat([1, 2])])


def test_similarity_documents_extra_documents_win_nothing():
    import numpy as np
    from draw_helpers import rngs

    from mathexams.checks import vectors as vectors_checks
    winners = []
    for rng in rngs(150):
        item = vectors.similarity_documents(rng, 5, 5, 2)
        q, docs = item.query, item.docs
        assert len(docs) == len({tuple(d) for d in docs}) == 5
        cos = [vectors_checks.np_cosine(q, d) for d in docs]
        dots = [q.dot(d) for d in docs]
        dist = [vectors_checks.np_distance(q, d) for d in docs]
        best, longest, nearest = int(np.argmax(cos)), int(np.argmax(dots)), int(np.argmin(dist))
        assert len({best, longest, nearest}) == 3 and sorted(cos)[-1] - sorted(cos)[-2] >= 0.02
        winners.append(best)
    assert all(winners.count(k) >= 15 for k in range(5))      # the winner's letter is spread out


def test_combo_latex_plain_names_and_orthogonal_bases():
    assert vectors.combo_latex([1, -2], ["A", "I"], False) == "A - 2I"
    assert vectors.combo_latex([-1], ["v"], False) == "-v"
    assert vectors.combo_latex([1, 0], ["v", "w"], False) == "v"
    for s in SEEDS:
        ob = vectors.orthogonal_basis(Rng(s), 7)
        a, b, c = ob.vectors
        assert ob.length in (3, 7) and a.dot(b) == a.dot(c) == b.dot(c) == 0
        assert a.dot(a) == b.dot(b) == c.dot(c) == ob.length**2
    with pytest.raises(SandboxError):
        vectors.orthogonal_basis(Rng(0), 2)
