"""The course's integrals macros: each keeps its promise on many draws (exactness, ranges, structure, records)."""

from __future__ import annotations

import pytest
import sympy

from mathexams.sandbox import SandboxError
from mathexams.macros import integrals

R = sympy.Rational

x = sympy.Symbol("x", real=True)


def test_riemann_points_left_mid_right():
    assert integrals.riemann_points(0, 2, 4, 0) == [0, R(1, 2), 1, R(3, 2)]
    assert integrals.riemann_points(0, 2, 4, 1) == [R(1, 2), 1, R(3, 2), 2]
    assert integrals.riemann_points(1, 3, 2, R(1, 2)) == [R(3, 2), R(5, 2)]
    with pytest.raises(SandboxError):
        integrals.riemann_points(0, 1, 0, 0)
    with pytest.raises(SandboxError):
        integrals.riemann_points(2, 1, 3, 0)
    with pytest.raises(SandboxError):
        integrals.riemann_points(0, 1, 4, 2)


def test_riemann_sum_is_exact():
    # R_4 of x^2 on [0, 2]: (1/4 + 1 + 9/4 + 4) / 2 = 15/4
    assert integrals.riemann_sum(x**2, x, 0, 2, 4, 1) == R(15, 4)
    assert integrals.riemann_sum(x**2, x, 0, 2, 4, 0) == R(7, 4)
    # midpoint rule is exact for linear functions
    assert integrals.riemann_sum(3 * x + 1, x, 1, 4, 3, R(1, 2)) == R(51, 2)
    assert integrals.riemann_sum(1 / x, x, 1, 5, 4, 0) == R(25, 12)
