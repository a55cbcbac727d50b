"""The course's decimals macros: one rounding rule for keys and for print, and decimals written as text."""

from __future__ import annotations

import pytest
import sympy

from mathexams.macros import decimals
from mathexams.macros.distributions import normal_cdf
from mathexams.sandbox import SandboxError

R = sympy.Rational


@pytest.mark.parametrize("value, places, rounded", [
    (R(1, 8), 2, R(13, 100)), (-R(1, 8), 2, -R(13, 100)),        # ties away from zero
    (R(1, 200), 2, R(1, 100)), (R(-1, 200), 2, R(-1, 100)),     # exact: no binary float in between
    (R(1, 3), 0, 0), (R(1, 3), 4, R(3333, 10000)), (R(2, 3), 4, R(6667, 10000)), (R(-5, 8), 2, R(-63, 100)),
    (sympy.sqrt(2), 3, R(707, 500)),
])


def test_approx_rounds_half_away_from_zero_exactly(value, places, rounded):
    assert decimals.approx(value, places) == rounded


def test_approx_turns_closed_forms_into_exact_rationals():
    v = decimals.approx(117 + 44 * sympy.exp(R(5, 2)) - 44 * sympy.exp(R(3, 4)), 12)
    assert isinstance(v, sympy.Rational) and abs(float(v) - 559.881733540) < 1e-6
    v = decimals.approx(normal_cdf(R(196, 100)), 20)
    assert (v * 10**20).is_integer and abs(float(v) - 0.9750021048517795) < 1e-15
    # the old cosine_approx / distance_approx: a closed form, rounded
    q, a = sympy.Matrix([1, 2, 3]), sympy.Matrix([2, 2, 1])
    assert decimals.approx(q.dot(a) / (q.norm() * a.norm()), 12) == R(801783725737, 10**12)   # 9 / (3 sqrt 14)


@pytest.mark.parametrize("bad", [sympy.I, sympy.oo, sympy.zoo])


def test_approx_refuses_what_is_not_a_finite_real_number(bad):
    with pytest.raises(SandboxError, match="finite real number"):
        decimals.approx(bad, 4)


def test_approx_needs_places_in_range():
    with pytest.raises(SandboxError, match="places must be 0..40"):
        decimals.approx(R(1, 3), 41)


def test_decimal_text_is_the_short_decimal_of_a_terminating_rational():
    assert decimals.decimal_text(R(133, 2)) == "66.5"
    assert decimals.decimal_text(R(-9, 4)) == "-2.25"
    assert decimals.decimal_text(7) == "7"
    assert decimals.decimal_text(R(1, 3)) == r"\frac{1}{3}"


def test_decimal_matrix_tuple_and_percent_list():
    P = sympy.Matrix([[R(3, 10), 1], [R(7, 10), 0]])
    assert decimals.decimal_matrix(P, 1) == r"\begin{pmatrix}0.3 & 1.0\\0.7 & 0.0\end{pmatrix}"
    assert decimals.decimal_tuple([R(1, 8), R(-7, 8)], 2) == r"\left(0.13, -0.88\right)"
    assert decimals.percent_list_text([R(293, 500), 1], 1) == r"$58.6\%$, $100.0\%$"


def test_short_decimal_matrix():
    A = sympy.Matrix([[R(1, 2), 1], [R(3, 4), 0]])
    assert decimals.short_decimal_matrix(A) == r"\begin{pmatrix}0.5 & 1\\0.75 & 0\end{pmatrix}"


def test_data_table_numbers_rows_and_splits_blocks():
    xs = [sympy.Rational(i, 10) for i in range(7)]
    text = decimals.data_table(["$x$", "$y$"], [xs, list(range(7))], 2, 1)
    lines = text.splitlines()
    assert lines[0] == r"\begin{tabular}{rrr|rrr}" and len(lines) == 2 + 4 + 1
    assert lines[2].startswith("1 & 0.0 & 0.0 & 5 & 0.4 & 4.0")
    assert lines[5].endswith(r" &  &  \\")                 # the empty cell of an unfinished block
    with pytest.raises(SandboxError):
        decimals.data_table(["$x$"], [xs, xs], 1, 1)
