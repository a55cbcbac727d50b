"""The course's optimisation macros: each keeps its promise on many draws (exactness, ranges, structure, records)."""

from __future__ import annotations

import pytest
import sympy

from mathexams.answers import make_answer
from mathexams.sandbox import SandboxError
from mathexams.macros import optimisation

x = sympy.Symbol("x", real=True)


def test_closed_interval_extrema_picks_endpoints_and_interior_points():
    f = 2 * x**3 - 3 * x**2 - 12 * x  # critical points -1 and 2
    e = optimisation.closed_interval_extrema(f, x, -2, 4, [-1, 2])
    assert (e.maximum, e.argmax, e.minimum, e.argmin, e.unique) == (32, 4, -20, 2, True)
    assert [p for p, _ in e.table] == [-2, -1, 2, 4]
    # a critical point outside the interval is ignored
    e = optimisation.closed_interval_extrema(f, x, 0, 1, [-1, 2])
    assert (e.maximum, e.argmax, e.minimum, e.argmin) == (0, 0, -13, 1)
    assert len(e.table) == 2
    # ties are reported
    assert optimisation.closed_interval_extrema(x**2, x, -1, 1, [0]).unique is False


def test_point_set_works_as_a_set_answer():
    S = optimisation.point_set((1, -3), (-1, -3))
    a = make_answer("set", S)
    assert a.value == "{(-1, -3), (1, -3)}" and r"\left( 1, \  -3\right)" in a.latex
    assert [tuple(p) for p in optimisation.point_set([(0, 1)])] == [(0, 1)]
    with pytest.raises(SandboxError):
        optimisation.point_set(3)
