"""Typed answers: canonical text, LaTeX and refusal of values that do not fit the kind."""

from __future__ import annotations

import json

import pytest
import sympy

from mathexams.answers import AnswerError, format_decimal, make_answer
from mathexams.model import Answer

x = sympy.Symbol("x", real=True)


@pytest.mark.parametrize("kind, value, text, latex", [
    ("expression", 3 * x**2 + sympy.exp(x), "3*x**2 + exp(x)", r"3 x^{2} + e^{x}"),
    ("expression", sympy.log(x), "log(x)", r"\ln{\left(x \right)}"),
    ("number", sympy.Rational(-3, 4), "-3/4", r"- \frac{3}{4}"),
    ("number", sympy.sqrt(8), "2*sqrt(2)", r"2 \sqrt{2}"),
    ("number", sympy.oo, "oo", r"\infty"),
    ("vector", sympy.Matrix([1, -2, sympy.Rational(1, 2)]), "[1, -2, 1/2]", r"\left(1, -2, \frac{1}{2}\right)"),
    ("matrix", sympy.Matrix([[1, 2], [3, 4]]), "[[1, 2], [3, 4]]",
     r"\begin{pmatrix}1 & 2\\3 & 4\end{pmatrix}"),
    ("set", sympy.FiniteSet(3, -1, sympy.Rational(1, 2)), "{-1, 1/2, 3}", r"\{-1, \frac{1}{2}, 3\}"),
    ("set", [], "{}", r"\varnothing"),
    ("interval", sympy.Interval(0, 1, False, True), "[0, 1)", r"\left[0, 1\right)"),
    ("interval", sympy.Union(sympy.Interval(-sympy.oo, 1, True, True), sympy.Interval(2, sympy.oo)),
     "(-oo, 1) U [2, oo)", r"\left(-\infty, 1\right) \cup \left[2, \infty\right)"),
    ("truefalse", sympy.true, "true", r"\text{True}"),
    ("truefalse", False, "false", r"\text{False}"),
])
def test_canonical_text_and_latex(kind, value, text, latex):
    answer = make_answer(kind, value)
    assert (answer.value, answer.latex) == (text, latex)


def test_expression_records_its_variables():
    assert make_answer("expression", x * sympy.Symbol("y")).variables == ("x", "y")


def test_decimal_keeps_precision_and_shows_rounding():
    answer = make_answer("decimal", sympy.Rational(2, 3), places=3, abs_tol=0.001)
    assert answer.value == "0.666666666667"
    assert answer.latex == "0.667"
    assert answer.abs_tol == 0.001


def test_choice_answers_record_letters():
    answer = make_answer("multichoice", options=["a", "b", "c"], correct=[0, 2])
    assert answer.value == "A,C"
    with pytest.raises(AnswerError, match="exactly one correct"):
        make_answer("choice", options=["a", "b"], correct=[0, 1])


@pytest.mark.parametrize("kind, value, message", [
    ("number", x + 1, "free symbols"),
    ("number", sympy.I, "not a real number"),
    ("expression", [1, 2], "single value"),
    ("vector", sympy.Matrix([[1, 2], [3, 4]]), "expected a vector"),
    ("matrix", 3, "expected a matrix"),
    ("interval", sympy.FiniteSet(1), "expected an interval"),
    ("truefalse", 3, "truth value"),
    ("decimal", sympy.zoo, "finite real"),
    ("nonsense", 1, "unknown answer kind"),
])
def test_values_that_do_not_fit_the_kind_are_refused(kind, value, message):
    with pytest.raises(AnswerError, match=message):
        make_answer(kind, value)


@pytest.mark.parametrize("value, places, shown", [
    (sympy.Rational(1, 8), 2, "0.13"), (sympy.Rational(-1, 8), 2, "-0.13"), (sympy.Rational(-1, 1000), 2, "0.00"),
    (sympy.pi, 4, "3.1416"), (sympy.Integer(2), 0, "2"), (sympy.Rational(5, 2), 0, "3"),
])
def test_format_decimal_rounds_half_away_from_zero(value, places, shown):
    assert format_decimal(value, places) == shown


def test_multi_answer_round_trips_through_json():
    parts = (make_answer("number", 3, label="a", points=2), make_answer("set", [1, 2], label="b", points=2))
    answer = make_answer("multi", parts=parts, points=4)
    assert Answer.from_dict(json.loads(json.dumps(answer.to_dict()))) == answer


def test_interval_endpoints_can_be_shown_as_decimals_while_the_key_stays_exact():
    answer = make_answer("interval", sympy.Interval(sympy.Rational(3464, 125), sympy.oo, False, True), places=2)
    assert answer.value == "[3464/125, oo)"
    assert answer.latex == r"\left[27.71, \infty\right)"


def test_vector_and_matrix_entries_can_be_shown_as_exact_decimals():
    v = make_answer("vector", [sympy.Rational(179, 2), 83, sympy.Rational(222479, 100)], places=2)
    assert v.latex == r"\left(89.50, 83.00, 2224.79\right)" and v.value == "[179/2, 83, 222479/100]"
    m = make_answer("matrix", sympy.Matrix([[sympy.Rational(1, 4), 2]]), places=2)
    assert m.latex == r"\begin{pmatrix}0.25 & 2.00\end{pmatrix}"
    with pytest.raises(AnswerError, match="not a decimal with 2 places"):
        make_answer("vector", [sympy.Rational(1, 3)], places=2)
