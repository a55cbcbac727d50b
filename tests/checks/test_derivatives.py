"""The course's derivatives checks: each accepts a right key and catches the typical wrong one, independently of the macros."""

from __future__ import annotations

import math

import pytest
import sympy

from mathexams.checks import derivatives as derivatives_checks
from mathexams.errors import CheckFailed

x, y, h = sympy.symbols("x y h", real=True)


def test_difference_quotient_matches():
    f = 3 * x**2 - x
    assert derivatives_checks.difference_quotient_matches(f, x, 2, 11 + 3 * h, h)
    with pytest.raises(CheckFailed, match="quotient"):
        derivatives_checks.difference_quotient_matches(f, x, 2, 11 + h, h)
    assert derivatives_checks.difference_quotient_matches(sympy.sqrt(x + 5), x, 4, 1 / (sympy.sqrt(h + 9) + 3), h)


def test_fd_slope():
    assert derivatives_checks.fd_slope(sympy.exp(2 * x), x, 1) == pytest.approx(2 * math.exp(2), rel=1e-9)
    with pytest.raises(CheckFailed):
        derivatives_checks.fd_slope(sympy.sqrt(x), x, 0)


def test_tangent_line_matches():
    f = x**3 - 2 * x
    assert derivatives_checks.tangent_line_matches(f, 10 * x - 16, x, 2)
    with pytest.raises(CheckFailed, match="slope"):
        derivatives_checks.tangent_line_matches(f, 4 * x - 4, x, 2)      # slope f(a) instead of f'(a), through the point
    with pytest.raises(CheckFailed, match="misses the point"):
        derivatives_checks.tangent_line_matches(f, 10 * x, x, 2)
    with pytest.raises(CheckFailed, match="straight line"):
        derivatives_checks.tangent_line_matches(f, x**2 + 6 * x - 12, x, 2)


def test_table_combo_numeric_reproduces_the_rules():
    xs, f, fp, g, gp = [1, 2, 3], [4, 4, -5], [2, 1, -2], [2, 3, 1], [1, 5, -4]
    # (fg)'(2) = f'(2) g(2) + f(2) g'(2) = 3 + 20
    assert derivatives_checks.table_combo_numeric(xs, f, fp, g, gp, 2, "product") == pytest.approx(23, abs=1e-7)
    # (f/g)'(2) = (1*3 - 4*5) / 9
    assert derivatives_checks.table_combo_numeric(xs, f, fp, g, gp, 2, "quotient") == pytest.approx(-17 / 9, abs=1e-7)
    # (f o g)'(1) = f'(g(1)) g'(1) = f'(2) * 1
    assert derivatives_checks.table_combo_numeric(xs, f, fp, g, gp, 1, "composition") == pytest.approx(1, abs=1e-7)


def test_fd_sign_set_matches_concavity():
    f = x**4 - 2 * x**3  # f'' = 12 x (x - 1)
    up = sympy.Union(sympy.Interval.open(-sympy.oo, 0), sympy.Interval.open(1, sympy.oo))
    assert derivatives_checks.fd_sign_set_matches(f, x, up, -4, 5, 2)
    with pytest.raises(CheckFailed, match="key set"):
        derivatives_checks.fd_sign_set_matches(f, x, sympy.Interval.open(0, 1), -4, 5, 2)
    # order 1: where f is increasing
    assert derivatives_checks.fd_sign_set_matches(x**2, x, sympy.Interval.open(0, sympy.oo), -3, 3, 1)


def test_implicit_slope_numeric():
    F = x**2 + x * y + y**2 - 19  # through (-2, -3); dy/dx = -(2x + y)/(x + 2y) = -7/8
    assert derivatives_checks.implicit_slope_numeric(F, x, y, -2, -3) == pytest.approx(-7 / 8, abs=1e-8)
    F2 = x**3 + x * y + 2 * y**2 + 28  # close to a vertical tangent: slope -28
    assert derivatives_checks.implicit_slope_numeric(F2, x, y, -3, 1) == pytest.approx(-28, rel=1e-7)
    with pytest.raises(CheckFailed, match="not on the curve"):
        derivatives_checks.implicit_slope_numeric(F, x, y, 1, 1)


def test_derivative_matches_accepts_and_rejects():
    f = x**3 * sympy.exp(x)
    assert derivatives_checks.derivative_matches(f, 3 * x**2 * sympy.exp(x) + x**3 * sympy.exp(x), x)
    with pytest.raises(CheckFailed, match="finite difference"):
        derivatives_checks.derivative_matches(f, 3 * x**2 * sympy.exp(x), x)


def test_derivative_matches_skips_points_outside_the_domain():
    assert derivatives_checks.derivative_matches(sympy.log(x), 1 / x, x)


def test_fd_local_extrema_classifies_and_skips_a_flat_point():
    f = 2 * x**3 - 3 * x**2 - 12 * x + 5            # f' = 6(x + 1)(x - 2)
    maxima, minima = derivatives_checks.fd_local_extrema(f, x, -5, 5)
    assert maxima == pytest.approx([-1], abs=1e-7) and minima == pytest.approx([2], abs=1e-7)
    assert derivatives_checks.fd_critical_points(f, x, -5, 5) == pytest.approx([-1, 2], abs=1e-7)
    # x^3 has f'(0) = 0 without a sign change: not an extremum
    assert derivatives_checks.fd_local_extrema(x**3, x, -2, 2) == [[], []]
