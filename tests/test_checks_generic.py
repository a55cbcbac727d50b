"""Generic independent checks accept right keys and reject wrong ones."""

from __future__ import annotations

import pytest
import sympy

from mathexams.errors import CheckFailed
from mathexams.checks import generic as g

x, y = sympy.symbols("x y", real=True)


def test_derivative_matches_accepts_and_rejects():
    f = x**3 * sympy.exp(x)
    assert g.derivative_matches(f, 3 * x**2 * sympy.exp(x) + x**3 * sympy.exp(x), x)
    with pytest.raises(CheckFailed, match="finite difference"):
        g.derivative_matches(f, 3 * x**2 * sympy.exp(x), x)


def test_derivative_matches_skips_points_outside_the_domain():
    assert g.derivative_matches(sympy.log(x), 1 / x, x)


def test_second_derivative_and_antiderivative():
    assert g.second_derivative_matches(sympy.sin(2 * x), -4 * sympy.sin(2 * x), x)
    assert g.antiderivative_matches(x**3 / 3 + 7, x**2, x)
    with pytest.raises(CheckFailed):
        g.antiderivative_matches(x**3, x**2, x)


def test_partials_match():
    f = x**2 * y + sympy.exp(x * y)
    grad = [2 * x * y + y * sympy.exp(x * y), x**2 + x * sympy.exp(x * y)]
    assert g.partials_match(f, grad, [x, y])
    with pytest.raises(CheckFailed):
        g.partials_match(f, grad[::-1], [x, y])


def test_integral_matches_uses_quadrature():
    assert g.integral_matches(x * sympy.exp(x), x, 0, 1, 1)
    with pytest.raises(CheckFailed, match="quadrature"):
        g.integral_matches(x * sympy.exp(x), x, 0, 1, sympy.E - 1)


def test_limit_matches_including_infinite_limits():
    assert g.limit_matches((x**2 - 4) / (x - 2), x, 2, 4)
    assert g.limit_matches((3 * x**2 + 1) / (x**2 - 5), x, sympy.oo, 3)
    assert g.limit_matches(1 / x**2, x, 0, sympy.oo)
    with pytest.raises(CheckFailed):
        g.limit_matches((x**2 - 4) / (x - 2), x, 2, 2)


def test_linear_algebra_checks():
    A = sympy.Matrix([[2, 1], [1, 1]])
    assert g.inverse_matches(A, A.inv())
    with pytest.raises(CheckFailed):
        g.inverse_matches(A, A.T)
    assert g.eigenpair_matches(sympy.Matrix([[2, 0], [0, 3]]), [0, 1], 3)
    with pytest.raises(CheckFailed, match="zero"):
        g.eigenpair_matches(A, [0, 0], 1)
    assert g.eigenvalues_match(sympy.Matrix([[4, 1], [2, 3]]), [2, 5])
    with pytest.raises(CheckFailed):
        g.eigenvalues_match(sympy.Matrix([[4, 1], [2, 3]]), [4, 3])
    assert g.close(g.np_solve(A, [3, 2]), [1, 1])


def test_close_compares_shapes_and_values():
    assert g.close(sympy.Rational(1, 3), 0.3333333333333333)
    with pytest.raises(CheckFailed, match="shapes"):
        g.close([1, 2], [1, 2, 3])
    with pytest.raises(CheckFailed):
        g.close(1, 1.01)
    assert g.close(1, 1.01, 0.02)


def test_statistics_follow_numpy():
    data = [2, 4, 4, 4, 5, 5, 7, 9]
    assert g.np_std(data, 0) == 2.0
    assert g.np_median(data) == 4.5
    assert g.np_percentile(data, 25) == 4.0


def test_same_set_ignores_order():
    assert g.same_set([3, 1, 2], sympy.FiniteSet(1, 2, 3))
    with pytest.raises(CheckFailed):
        g.same_set([1, 2], [1, 3])
