"""The course's functions checks: each accepts a right key and catches the typical wrong one, independently of the macros."""

from __future__ import annotations

import pytest
import sympy

from mathexams.errors import CheckFailed
from mathexams.checks import functions as functions_checks

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
