"""The course's integrals macros: each keeps its promise on many draws (exactness, ranges, structure, records)."""

from __future__ import annotations

import pytest
import sympy

from mathexams.macros import integrals
from mathexams.sandbox import SandboxError

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


# ---------------------------------------------------------------- accumulation and trapezoids (bank-calc1)


def test_rate_graph_keeps_its_promises():
    import numpy as np

    from tests.draw_helpers import rngs

    for rng in rngs(80):
        g = integrals.rate_graph(rng, 5, 3)
        xs, ys = np.array(g.xs, float), np.array(g.ys, float)
        assert len(g.xs) == 6 and g.xs[0] == 0 and all(b - a in (1, 2) for a, b in zip(g.xs, g.xs[1:]))
        assert len(g.crossings) >= 2 and all((2 * c).is_integer for c in g.crossings)
        # accumulation by NumPy's trapezoid rule, exact for piecewise-linear rates
        for i, value in enumerate(g.accumulation):
            assert float(value) == pytest.approx(np.trapezoid(ys[: i + 1], xs[: i + 1]), abs=1e-12)
        grid = np.linspace(0, xs[-1], 20001)
        running = np.concatenate([[0], np.cumsum(np.diff(grid) * (np.interp(grid[1:], xs, ys) + np.interp(grid[:-1], xs, ys)) / 2)])
        assert float(g.argmax) == pytest.approx(grid[np.argmax(running)], abs=1e-3)
        assert float(g.maximum) == pytest.approx(running.max(), abs=1e-6)
        probes = [R(2 * k + 1, 20) for k in range(10 * g.xs[-1])]      # never a crossing (those are halves)
        parts = g.increasing.args if isinstance(g.increasing, sympy.Union) else (g.increasing,)
        inside = [any(float(i.start) < v < float(i.end) for i in parts) for v in map(float, probes)]
        assert inside == list(np.interp([float(v) for v in probes], xs, ys) > 0)
    with pytest.raises(SandboxError):
        integrals.rate_graph(rngs(1)[0], 9, 3)


def test_trapezoid_sum_is_exact():
    assert integrals.trapezoid_sum(x**2, x, 0, 2, 2) == 3
    assert integrals.trapezoid_sum(1 / x, x, 1, 3, 2) == R(7, 6)
    assert integrals.trapezoid_sum(3 * x + 1, x, 0, 4, 4) == 28      # exact for lines
