"""The engine's numbers: one SymPy-to-float table in scalar and vectorised form, quadrature, rounding."""

from __future__ import annotations

import math

import numpy as np
import pytest
import sympy

from mathexams.numeric import array_function, float_function, quadrature, round_decimal

x, y = sympy.symbols("x y", real=True)

EXPRESSIONS = [
    sympy.sin(x) * sympy.exp(-x**2) + sympy.log(x**2 + 1),
    sympy.sqrt(x**2 + 3) / (x - 5),
    sympy.atan(x) * sympy.cosh(x / 3) - sympy.Abs(x) ** 3,
    sympy.erf(x) + sympy.tanh(x),                        # erf has no NumPy ufunc: point by point
    sympy.Piecewise((x**2, x < 0), (sympy.cos(x), True)),
    sympy.log(x + 10, 3),
]


@pytest.mark.parametrize("expr", EXPRESSIONS, ids=range(len(EXPRESSIONS)))
def test_vectorised_and_scalar_forms_agree(expr):
    points = np.array([-2.31, -0.52, 0.0, 0.83, 2.73])
    vector = array_function(expr, [x])(points)
    scalar = [float_function(expr, [x])(p) for p in points]
    # against a third opinion: SymPy's own arbitrary-precision evaluation
    reference = [float(expr.subs(x, sympy.Float(p, 30)).evalf(20)) for p in points]
    assert np.allclose(vector, scalar, rtol=1e-12, atol=1e-12)
    assert np.allclose(vector, reference, rtol=1e-12, atol=1e-12)


def test_several_variables_take_one_point_per_row():
    f = array_function(x**2 * y - sympy.exp(y), [x, y])
    P = np.array([[1.0, 2.0], [3.0, -1.0]])
    assert np.allclose(f(P), [2 - math.exp(2), -9 - math.exp(-1)])


def test_undefined_and_infinite_values_are_nan():
    f = array_function(sympy.log(x) + 1 / x, [x])
    assert np.isnan(f(np.array([-1.0, 0.0]))).all()
    assert np.isnan(array_function(sympy.exp(x), [x])(np.array([1e6]))).all()


def test_quadrature_integrates_smooth_functions_to_machine_precision():
    assert math.isclose(quadrature(x**5 - 2 * x, x, -1, 3), (3**6 - 1) / 6 - (9 - 1), rel_tol=1e-13)
    assert math.isclose(quadrature(sympy.exp(-x**2), x, -8, 8), math.sqrt(math.pi), rel_tol=1e-12)
    assert math.isclose(quadrature(1 / x, x, 1, sympy.E), 1.0, rel_tol=1e-13)


@pytest.mark.parametrize("value, places, rounded", [
    (sympy.Rational(1, 8), 2, sympy.Rational(13, 100)),      # a tie rounds away from zero
    (sympy.Rational(-5, 2), 0, -3),
    (sympy.Rational(1, 200), 2, sympy.Rational(1, 100)),     # exact: no binary float in between
    (sympy.Rational(-1, 1000), 2, 0),                          # no negative zero
    (sympy.sqrt(2), 3, sympy.Rational(1414, 1000)),
    (sympy.pi * 1000, 1, sympy.Rational(31416, 10)),
    (sympy.erf(1), 6, sympy.Rational(842701, 10**6)),
    (7, 2, 7),
])
def test_round_decimal_rounds_half_away_from_zero_exactly(value, places, rounded):
    assert round_decimal(value, places) == rounded


def test_round_decimal_refuses_what_is_not_a_real_number():
    with pytest.raises(ValueError):
        round_decimal(sympy.I, 2)
    with pytest.raises(ValueError):
        round_decimal(sympy.oo, 2)


@pytest.mark.parametrize("value", [sympy.false, sympy.true, sympy.FiniteSet(1, 2), sympy.Matrix([1])])
def test_round_decimal_refuses_what_is_not_a_number(value):
    with pytest.raises(TypeError, match="not a number"):
        round_decimal(value, 2)
