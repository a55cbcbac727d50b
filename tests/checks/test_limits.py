"""The course's limits checks: each accepts a right key and catches the typical wrong one, independently of the macros."""

from __future__ import annotations

import pytest
import sympy

from mathexams.checks import limits as limits_checks
from mathexams.errors import CheckFailed

x = sympy.Symbol("x", real=True)


def test_numeric_limit_of_a_hole_and_one_sided():
    f = (x**2 + x - 20) / (x**2 - 25)
    assert limits_checks.numeric_limit(f, x, -5) == pytest.approx(0.9, abs=1e-9)
    g = sympy.Abs(x) / x
    assert limits_checks.numeric_limit(g, x, 0, 1) == pytest.approx(1)
    assert limits_checks.numeric_limit(g, x, 0, -1) == pytest.approx(-1)
    with pytest.raises(CheckFailed, match="one-sided values differ"):
        limits_checks.numeric_limit(g, x, 0)


def test_limit_matches_including_infinite_limits():
    assert limits_checks.limit_matches((x**2 - 4) / (x - 2), x, 2, 4)
    assert limits_checks.limit_matches((3 * x**2 + 1) / (x**2 - 5), x, sympy.oo, 3)
    assert limits_checks.limit_matches(1 / x**2, x, 0, sympy.oo)
    with pytest.raises(CheckFailed):
        limits_checks.limit_matches((x**2 - 4) / (x - 2), x, 2, 2)


def test_continuity_class_of_the_four_kinds_of_point():
    jump = sympy.Piecewise((x + 1, sympy.Lt(x, 1)), (3 * x, True))
    removable = sympy.Piecewise((x + 1, sympy.Lt(x, 1)), (5, sympy.Le(x, 1)), (2 * x, True))
    continuous = sympy.Piecewise((x + 1, sympy.Lt(x, 1)), (2 * x, True))
    assert limits_checks.continuity_class(jump, x, 1) == "jump"
    assert limits_checks.continuity_class(removable, x, 1) == "removable"
    assert limits_checks.continuity_class(continuous, x, 1) == "continuous"
    assert limits_checks.continuity_class(1 / (x - 1), x, 1) == "infinite"
    assert limits_checks.continuity_class((x**2 - 1) / (x - 1), x, 1) == "removable"   # undefined at 1
    assert limits_checks.continuous_at(continuous, x, 1)
    with pytest.raises(CheckFailed, match="removable"):
        limits_checks.continuous_at(removable, x, 1)
    assert limits_checks.continuity_class_matches([None, None, True, None], jump, x, 1)
    with pytest.raises(CheckFailed, match="jump"):
        limits_checks.continuity_class_matches([True, None, None, None], jump, x, 1)
