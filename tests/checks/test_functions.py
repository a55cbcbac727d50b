"""The course's functions checks: each accepts a right key and catches the typical wrong one, independently of the macros."""

from __future__ import annotations

import pytest
import sympy

from mathexams.checks import functions as functions_checks
from mathexams.errors import CheckFailed

x = sympy.Symbol("x", real=True)


def test_scan_roots_skips_the_extraneous_root():
    eq = sympy.log(x - 12) / sympy.log(10) + sympy.log(x - 3) / sympy.log(10) - 1
    roots = functions_checks.scan_roots(eq, x, -50, 50, 2000)
    assert len(roots) == 1 and roots[0] == pytest.approx(13, abs=1e-9)
    assert sorted(functions_checks.scan_roots((x - 2) * (x + 3), x, -20, 20, 1000)) == pytest.approx([-3, 2], abs=1e-9)


def test_values_vanishing_and_bisection():
    y = sympy.Symbol("y", real=True)
    assert functions_checks.value_at(x**2 * y, [x, y], [3, 2]) == 18
    assert functions_checks.vanishes_at((x - 1) * (x + 2), x, [1, -2])
    with pytest.raises(CheckFailed, match="not 0"):
        functions_checks.vanishes_at((x - 1) * (x + 2), x, [2])
    assert functions_checks.bisection_root(x**3 - 2, x, 0, 2) == pytest.approx(2 ** (1 / 3), abs=1e-12)
    with pytest.raises(CheckFailed, match="does not change sign"):
        functions_checks.bisection_root(x**2 + 1, x, -1, 1)


# ---------------------------------------------------------------- function families (bank-calc1)


def test_domain_matches_finds_a_missing_excluded_point_and_wrong_brackets():
    f = sympy.sqrt(x - 2) / (x - 5)
    right = sympy.Union(sympy.Interval(2, 5, False, True), sympy.Interval(5, sympy.oo, True, True))
    assert functions_checks.domain_matches(f, x, right, -4, 11)
    with pytest.raises(CheckFailed, match="undefined at"):
        functions_checks.domain_matches(f, x, sympy.Interval(2, sympy.oo), -4, 11)      # forgot x != 5
    with pytest.raises(CheckFailed, match="finite at x = 2.0000"):
        open_at_2 = sympy.Union(sympy.Interval(2, 5, True, True), sympy.Interval(5, sympy.oo, True, True))
        functions_checks.domain_matches(f, x, open_at_2, -4, 11)
    g = sympy.log(x + 1) / (x**2 - 4)     # -2 lies outside (-1, oo) already
    key = sympy.Union(sympy.Interval(-1, 2, True, True), sympy.Interval(2, sympy.oo, True, True))
    assert functions_checks.domain_matches(g, x, key, -8, 8)
    with pytest.raises(CheckFailed):
        functions_checks.domain_matches(g, x, sympy.Union(sympy.Interval(-1, 2, True, True),
                                                          sympy.Interval(2, sympy.oo, True, True), sympy.Interval(-3, -2)), -8, 8)


def test_composition_matches_tells_the_two_orders_apart():
    f, g = 2 * x + 3, x**2 - 1
    assert functions_checks.composition_matches(f, g, x, 2 * x**2 + 1)
    with pytest.raises(CheckFailed, match="outer"):
        functions_checks.composition_matches(f, g, x, (2 * x + 3) ** 2 - 1)          # g(f(x)) instead


def test_inverse_function_matches_rejects_the_reciprocal_and_the_sign_slip():
    f = (2 * x + 1) / (x - 3)
    assert functions_checks.inverse_function_matches(f, (3 * x + 1) / (x - 2), x)
    with pytest.raises(CheckFailed):
        functions_checks.inverse_function_matches(f, 1 / f, x)
    with pytest.raises(CheckFailed):
        functions_checks.inverse_function_matches(f, (-3 * x - 1) / (x - 2), x)
