"""The course's integrals checks: each accepts a right key and catches the typical wrong one, independently of the macros."""

from __future__ import annotations

import math

import pytest
import sympy

from mathexams.checks import derivatives as derivatives_checks
from mathexams.checks import functions as functions_checks
from mathexams.checks import integrals as integrals_checks
from mathexams.errors import CheckFailed

R = sympy.Rational

x = sympy.Symbol("x", real=True)


def test_quadrature_and_bisection_root():
    assert math.isclose(integrals_checks.quad_value(30 * x**2 * (1 - x) ** 2, x, 0, 1), 1, rel_tol=1e-12)
    assert math.isclose(integrals_checks.quad_value(2 * sympy.exp(-2 * x), x, 0, R(1, 2)), 1 - math.exp(-1), rel_tol=1e-12)
    with pytest.raises(CheckFailed, match="not finite"):
        integrals_checks.quad_value(sympy.log(x), x, -1, 1)
    assert math.isclose(functions_checks.bisection_root(x**3 - 2, x, 0, 3), 2 ** (1 / 3), rel_tol=1e-10)
    with pytest.raises(CheckFailed, match="change sign"):
        functions_checks.bisection_root(x**2 + 1, x, -1, 1)


def test_quadrature_integrates_polynomials_exactly():
    assert abs(integrals_checks.quad_value(3 * x**2 / 8, x, 0, 2) - 1) < 1e-14
    assert abs(integrals_checks.quad_value(x * (2 - x), x, 0, R(1, 2)) - float(R(1, 4) - R(1, 24))) < 1e-14


def test_second_derivative_and_antiderivative():
    assert derivatives_checks.second_derivative_matches(sympy.sin(2 * x), -4 * sympy.sin(2 * x), x)
    assert integrals_checks.antiderivative_matches(x**3 / 3 + 7, x**2, x)
    with pytest.raises(CheckFailed):
        integrals_checks.antiderivative_matches(x**3, x**2, x)


def test_integral_matches_uses_quadrature():
    assert integrals_checks.integral_matches(x * sympy.exp(x), x, 0, 1, 1)
    with pytest.raises(CheckFailed, match="quadrature"):
        integrals_checks.integral_matches(x * sympy.exp(x), x, 0, 1, sympy.E - 1)


# ---------------------------------------------------------------- accumulation, properties, trapezoids (bank-calc1)


def test_accumulation_derivative_catches_the_missing_chain_factor_and_the_lower_limit_sign():
    t = sympy.Symbol("t", real=True)
    f = sympy.exp(-t**2)
    key = 2 * x * sympy.exp(-x**4)
    assert integrals_checks.accumulation_derivative_matches(f, t, 1, x**2, x, key)
    with pytest.raises(CheckFailed, match="difference quotient"):
        integrals_checks.accumulation_derivative_matches(f, t, 1, x**2, x, sympy.exp(-x**4))
    assert integrals_checks.accumulation_derivative_matches(f, t, 3 * x, 2, x, -3 * sympy.exp(-9 * x**2))
    with pytest.raises(CheckFailed):
        integrals_checks.accumulation_derivative_matches(f, t, 3 * x, 2, x, 3 * sympy.exp(-9 * x**2))


def test_integrand_with_integrals_has_the_prescribed_pieces():
    p = integrals_checks.integrand_with_integrals(x, [-1, 2, 4], [5, -3])
    assert integrals_checks.quad_value(p, x, -1, 2) == pytest.approx(5, abs=1e-10)
    assert integrals_checks.quad_value(p, x, 2, 4) == pytest.approx(-3, abs=1e-10)
    assert integrals_checks.quad_value(p, x, -1, 4) == pytest.approx(2, abs=1e-10)
    with pytest.raises(CheckFailed):
        integrals_checks.integrand_with_integrals(x, [0, 1], [1, 2])


def test_trapezoid_numeric_against_the_hand_rule():
    # T_2 of x^2 on [0, 2]: (1/2)(0 + 2*1 + 4) = 3 (the exact integral is 8/3: convex => overestimate)
    assert integrals_checks.trapezoid_numeric(x**2, x, 0, 2, 2) == pytest.approx(3)
    assert integrals_checks.trapezoid_numeric(1 / x, x, 1, 3, 2) == pytest.approx(0.5 * (1 + 1 + R(1, 3)))


def test_quad_abs_splits_at_the_sign_changes():
    # v = (t - 1)(t - 3) on [0, 4]: |v| integrates to 4/3 + 4/3 + 4/3 = 4, the signed integral to 4/3
    v = (x - 1) * (x - 3)
    assert integrals_checks.quad_abs(v, x, 0, 4) == pytest.approx(4, abs=1e-12)
    assert integrals_checks.quad_value(v, x, 0, 4) == pytest.approx(R(4, 3), abs=1e-12)


def test_integral_to_infinity_converges_and_diverges():
    assert integrals_checks.integral_to_infinity(3 / x**2, x, 1) == pytest.approx(3, rel=1e-9)
    assert integrals_checks.integral_to_infinity(4 * sympy.exp(-2 * x), x, 0) == pytest.approx(2, rel=1e-9)
    assert integrals_checks.integral_to_infinity(x**sympy.Rational(-3, 2), x, 4) == pytest.approx(1, rel=1e-7)
    assert integrals_checks.integral_to_infinity(1 / x, x, 1) == math.inf
    assert integrals_checks.integral_to_infinity(-2 / sympy.sqrt(x), x, 1) == -math.inf
