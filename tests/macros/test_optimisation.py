"""The course's optimisation macros: each keeps its promise on many draws (exactness, ranges, structure, records)."""

from __future__ import annotations

import pytest
import sympy

from mathexams.answers import make_answer
from mathexams.macros import optimisation
from mathexams.sandbox import SandboxError

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


def test_rectangle_extrema_agrees_with_a_brute_force_grid():
    import itertools
    from fractions import Fraction

    # f = x^2 - xy + y^2 - 3x on [0, 3] x [0, 2]: the interior minimum -3 at (2, 1)
    e = optimisation.rectangle_extrema([1, -1, 1, -3, 0, 0], 0, 3, 0, 2)
    assert (e.minimum, tuple(e.argmin)) == (-3, (2, 1))
    assert e.inside and e.denominator == 4  # the edge candidate (3/2, 0) with f = -9/4
    assert ("interior" in [w for _, _, w in e.candidates]) and len(e.candidates) >= 4
    # a grid of fractions with denominator 12 contains every candidate: its extremes are the key's
    for coeffs, box in (([1, -1, 1, -3, 0, 0], (0, 3, 0, 2)), ([-2, 1, 3, 4, -5, 0], (-1, 2, -2, 1)),
                        ([1, 2, -1, 0, 3, 0], (-2, 1, 0, 3))):
        a, b, c, d, g, h = coeffs
        X1, X2, Y1, Y2 = box
        f = lambda p, q: a * p * p + b * p * q + c * q * q + d * p + g * q + h  # noqa: E731
        values = [f(Fraction(i, 12), Fraction(j, 12)) for i, j in
                  itertools.product(range(12 * X1, 12 * X2 + 1), range(12 * Y1, 12 * Y2 + 1))]
        e = optimisation.rectangle_extrema(coeffs, *box)
        assert e.maximum >= max(values) - Fraction(1, 10**9) and e.minimum <= min(values)
        assert e.maximum == max(values) or e.denominator > 12
    # only corners: a plane
    e = optimisation.rectangle_extrema([0, 0, 0, 1, 1, 0], 0, 1, 0, 1)
    assert (e.maximum, e.minimum, e.inside) == (2, 0, False)
    with pytest.raises(SandboxError):
        optimisation.rectangle_extrema([1, 0, 1], 0, 1, 0, 1)
    with pytest.raises(SandboxError):
        optimisation.rectangle_extrema([1, 0, 1, 0, 0, 0], 1, 0, 0, 1)


def test_best_constant_for_each_loss_and_its_ties():
    data, weights = [3, 7, 7, 10, 20], [1, 2, 1, 1, sympy.Rational(1, 2)]
    assert optimisation.best_constant(data, weights, "squared").value == sympy.Rational(3 + 14 + 7 + 10 + 10, 11) * 2
    median = optimisation.best_constant(data, weights, "absolute")
    assert median.value == 7 and median.unique        # weight below 7: 1 of 5.5; up to 7: 4 > 2.75
    assert optimisation.best_constant(data, [1] * 5, "max").value == sympy.Rational(23, 2)
    assert optimisation.best_constant(data, [1] * 5, "zero_one").value == 7
    # an even split of the weight: every c in [3, 7] minimises the absolute error
    assert not optimisation.best_constant([3, 7], [1, 1], "absolute").unique
    assert not optimisation.best_constant([3, 7], [1, 1], "zero_one").unique
    with pytest.raises(SandboxError):
        optimisation.best_constant(data, weights, "hinge")


def test_loss_history_runs_gradient_descent_with_the_kind_s_rate():
    from mathexams.macros.optimisation import LOSS_KINDS, loss_history
    from mathexams.seeds import Rng
    for kind in LOSS_KINDS:
        run = loss_history(Rng(3), kind, 12)
        assert run.iterations == list(range(13)) and len(run.train) == len(run.validation) == 13
        # L(w) = a (w - w*)^2 + L0 from w0 = w* + d: the first loss is a d^2 + L0 with a d^2 in {2, 9/2, 4, 9}
        assert run.train[0] - float(run.train[-1] if kind == 'good' else 0) > 1
        if kind == "diverging":
            assert run.train[-1] > 20 * run.train[0]
        elif kind == "oscillating":
            assert run.momentum > 0 and any(b > a for a, b in zip(run.train, run.train[1:]))
        else:
            assert all(b <= a for a, b in zip(run.train, run.train[1:])) and run.momentum == 0
        if kind == "overfitting":
            assert run.validation[-1] > min(run.validation) + 0.3
    with pytest.raises(SandboxError, match="kind must be one of"):
        loss_history(Rng(0), "exploding")
