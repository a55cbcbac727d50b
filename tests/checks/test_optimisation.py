"""The course's optimisation checks: each accepts a right key and catches the typical wrong one, independently of the macros."""

from __future__ import annotations

import math

import numpy as np
import pytest
import sympy

from mathexams.checks import optimisation as optimisation_checks
from mathexams.checks.comparisons import close
from mathexams.errors import CheckFailed

x, y, w = sympy.symbols("x y w", real=True)

R = sympy.Rational


def np_rng(seed: int = 0) -> np.random.Generator:
    return np.random.default_rng(seed)


def test_grid_extrema():
    f = 2 * x**3 - 3 * x**2 - 12 * x
    top, at_top, bottom, at_bottom = optimisation_checks.grid_extrema(f, x, -2, 4)
    assert (top, at_top, bottom, at_bottom) == pytest.approx((32, 4, -20, 2), abs=1e-6)
    top, at_top, _, _ = optimisation_checks.grid_extrema(f, x, -2, 1)
    assert (top, at_top) == pytest.approx((7, -1), abs=1e-6)


def test_gradient_descent_iterates():
    f = 2 * (x - 1) ** 2 + (y + 2) ** 2
    # one step from (3, 0) with eta = 1/10: grad = (8, 4) -> (2.2, -0.4)
    assert close(optimisation_checks.gd_float_iterate(f, [x, y], [3, 0], R(1, 10), 1), [R(11, 5), R(-2, 5)], 1e-6)
    with pytest.raises(CheckFailed):  # gradient ascent
        close(optimisation_checks.gd_float_iterate(f, [x, y], [3, 0], R(1, 10), 1), [R(19, 5), R(2, 5)], 1e-6)
    path = optimisation_checks.gd_float_path(f, [x, y], [3, 0], R(1, 10), 2)
    assert path.shape == (2, 2) and close(path[1], [1 + R(6, 5) * R(3, 5), -2 + R(8, 5) * R(4, 5)], 1e-6)


def test_gd_convergence_matches():
    L = 3 * w**2 - 4 * w  # L'' = 6: converges iff eta < 1/3
    assert optimisation_checks.gd_convergence_matches(L, [w], [0], R(1, 4), True)
    assert optimisation_checks.gd_convergence_matches(L, [w], [0], R(1, 2), False)
    assert optimisation_checks.gd_convergence_matches(L, [w], [0], R(1, 6), True)  # one-step convergence
    with pytest.raises(CheckFailed):
        optimisation_checks.gd_convergence_matches(L, [w], [0], R(2, 5), True)
    with pytest.raises(CheckFailed, match="neither"):
        optimisation_checks.gd_convergence_matches(L, [w], [0], R(1, 3), True)  # oscillates forever


def test_golden_argmax_and_mle_numeric():
    assert math.isclose(optimisation_checks.golden_argmax(-(x - R(7, 3)) ** 2, x, 0, 5), 7 / 3, rel_tol=1e-7)
    bern = [1, 0, 1, 1, 0, 0, 1, 1]
    assert math.isclose(optimisation_checks.mle_numeric("bernoulli", bern, 0, 1), 5 / 8, rel_tol=1e-7)
    assert math.isclose(optimisation_checks.mle_numeric("poisson", [2, 0, 3, 6, 3], 0, 7), 14 / 5, rel_tol=1e-7)
    times = [2, 5, 1, 4]
    assert math.isclose(optimisation_checks.mle_numeric("exponential", times, 0, 2), 4 / 12, rel_tol=1e-7)
    with pytest.raises(CheckFailed):  # the mean instead of 1 / mean for the exponential rate
        close(optimisation_checks.mle_numeric("exponential", times, 0, 5), 3, 1e-6, 1e-6)
    assert math.isclose(optimisation_checks.mle_numeric("normal_mean", [-2, 5, 12, 9, 6], -4, 13), 6, rel_tol=1e-7)
    with pytest.raises(CheckFailed, match="unknown family"):
        optimisation_checks.mle_numeric("gamma", [1, 2], 0, 1)


def test_convexity_matches():
    assert optimisation_checks.convexity_matches(np_rng(), x**2 + x * y + y**2 + 2 * sympy.exp(x + y), [x, y], -3, 3, True)
    assert optimisation_checks.convexity_matches(np_rng(), x**2 + 3 * x * y + 2 * y**2 + (x - y) ** 4, [x, y], -3, 3, False)
    with pytest.raises(CheckFailed):  # "both diagonal entries positive" is not enough
        optimisation_checks.convexity_matches(np_rng(), x**2 + 3 * x * y + 2 * y**2, [x, y], -3, 3, True)
    with pytest.raises(CheckFailed):
        optimisation_checks.convexity_matches(np_rng(), 2 * x**2 + y**2 + sympy.exp(x - y), [x, y], -3, 3, False)


def test_newton_float_against_the_hand_iterates_for_a_square_root():
    x = sympy.Symbol("x", real=True)
    # x^2 - 10 from 3: 19/6, then 721/228
    assert optimisation_checks.newton_float(x**2 - 10, x, 3, 2) == pytest.approx([19 / 6, 721 / 228], rel=1e-9)
    with pytest.raises(CheckFailed, match="vanishes"):
        optimisation_checks.newton_float(x**2 - 10, x, 0, 1)


def test_np_best_constant_finds_mean_median_and_midrange_by_brute_force():
    data, ones = [2, 3, 3, 7, 15], [1, 1, 1, 1, 1]
    assert optimisation_checks.np_best_constant(data, ones, "squared") == pytest.approx(6, abs=1e-6)
    assert optimisation_checks.np_best_constant(data, ones, "absolute") == pytest.approx(3, abs=1e-6)
    assert optimisation_checks.np_best_constant(data, ones, "max") == pytest.approx(8.5, abs=1e-6)
    assert optimisation_checks.np_best_constant(data, ones, "zero_one") == 3          # the mode
    assert optimisation_checks.np_best_constant(data, [1, 1, 1, 1, 3], "zero_one") == 15
    # weights pull the squared-error optimum to the weighted mean (2*2 + 15/2) / 2.5 = 4.6
    assert optimisation_checks.np_best_constant([2, 15], [2, sympy.Rational(1, 2)], "squared") == pytest.approx(4.6, abs=1e-6)
    with pytest.raises(CheckFailed, match="unknown loss"):
        optimisation_checks.np_best_constant(data, ones, "hinge")


# ---------------------------------------------------------------- constrained extrema, rectangles, step sizes, Newton, momentum

s = sympy.Symbol("s", real=True)


def test_curve_checks_find_the_lagrange_points_on_a_circle_and_a_line():
    circle = [5 * sympy.cos(s), 5 * sympy.sin(s)]
    f = 3 * x + 4 * y  # on x^2 + y^2 = 25: max 25 at (3, 4), min -25 at (-3, -4)
    assert close(optimisation_checks.curve_extremes(f, [x, y], circle, s, 0, 2 * sympy.pi), [25, -25], 1e-8, 1e-8)
    assert optimisation_checks.curve_critical_points_match(f, [x, y], circle, s, 0, 2 * sympy.pi, [(3, 4), (-3, -4)])
    with pytest.raises(CheckFailed):  # only the maximum reported
        optimisation_checks.curve_critical_points_match(f, [x, y], circle, s, 0, 2 * sympy.pi, [(3, 4)])
    q = x**2 - 2 * y**2  # four Lagrange points on x^2 + y^2 = 4
    ring = [2 * sympy.cos(s), 2 * sympy.sin(s)]
    assert optimisation_checks.curve_critical_points_match(q, [x, y], ring, s, 0, 2 * sympy.pi,
                                                           [(2, 0), (-2, 0), (0, 2), (0, -2)])
    # the line 2x + 3y = 12 through (0, 4) with direction (3, -2): x y is largest at (3, 2)
    line = [3 * s, 4 - 2 * s]
    assert close(optimisation_checks.curve_extremes(x * y, [x, y], line, s, -40, 40, "max", False), [6], 1e-8, 1e-8)
    with pytest.raises(CheckFailed, match="end"):  # x y has no minimum on the line
        optimisation_checks.curve_extremes(x * y, [x, y], line, s, -40, 40, "min", False)
    assert optimisation_checks.curve_critical_points_match(x * y, [x, y], line, s, -40, 40, [(3, 2)], False)
    with pytest.raises(CheckFailed, match="constant"):
        optimisation_checks.curve_critical_points_match(x**2 + y**2, [x, y], ring, s, 0, 2 * sympy.pi, [(2, 0)])


def test_lagrange_multiplier_at():
    # max of x y on 2x + 3y = 12 at (3, 2): (2, 3) = lambda (2, 3), lambda = 1
    assert math.isclose(optimisation_checks.lagrange_multiplier_at(x * y, 2 * x + 3 * y, [x, y], [3, 2]), 1, rel_tol=1e-7)
    with pytest.raises(CheckFailed, match="parallel"):  # not a Lagrange point
        optimisation_checks.lagrange_multiplier_at(x * y, 2 * x + 3 * y, [x, y], [0, 4])


def test_box_extrema_zooms_onto_interior_and_boundary_extrema():
    f = x**2 - x * y + y**2 - 3 * x  # minimum -3 at (2, 1) inside [0, 3] x [0, 2]
    top, bottom = optimisation_checks.box_extrema(f, [x, y], [0, 0], [3, 2])
    corners = [f.subs({x: a, y: b}) for a in (0, 3) for b in (0, 2)]
    assert math.isclose(bottom, -3, abs_tol=1e-9) and math.isclose(top, float(max(corners)), abs_tol=1e-9)
    top, bottom = optimisation_checks.box_extrema(f, [x, y], [R(5, 2), 0], [3, 2])  # minimum on the edge x = 5/2
    assert math.isclose(bottom, float(f.subs({x: R(5, 2), y: R(5, 4)})), abs_tol=1e-9)


def test_gradient_descent_step_size_checks():
    f = 2 * x**2 + y**2 / 2  # curvatures 4 and 1: converges for eta < 1/2, best eta 2/5
    start = [1, 1]
    assert optimisation_checks.gd_step_interval_matches(f, [x, y], start, sympy.Interval(0, R(1, 2), True, True))
    with pytest.raises(CheckFailed):  # eta < 2 / l_min
        optimisation_checks.gd_step_interval_matches(f, [x, y], start, sympy.Interval(0, 2, True, True))
    with pytest.raises(CheckFailed):  # eta < 1 / l_max
        optimisation_checks.gd_step_interval_matches(f, [x, y], start, sympy.Interval(0, R(1, 4), True, True))
    assert optimisation_checks.gd_best_step_matches(f, [x, y], start, R(2, 5))
    with pytest.raises(CheckFailed):  # 1 / l_max is not the best fixed step
        optimisation_checks.gd_best_step_matches(f, [x, y], start, R(1, 4))
    assert optimisation_checks.gd_best_step_matches(3 * (x - 1) ** 2, [x], [3], R(1, 6))  # one step lands on 1
    g = 2 * (x - 1) ** 2  # f' = 4(x - 1): factor 1 - 4 eta
    cases = [(R(1, 8), 0), (R(3, 8), 1), (R(1, 2), 2), (R(5, 8), 3)]
    for eta, kind in cases:
        flags = [i == kind for i in range(4)]
        assert optimisation_checks.gd_behaviour_matches(g, [x], [3], [1], eta, flags)
        with pytest.raises(CheckFailed):
            optimisation_checks.gd_behaviour_matches(g, [x], [3], [1], eta, [i == (kind + 1) % 4 for i in range(4)])


def test_newton_step_and_momentum_path():
    f = x**3 - 3 * x  # f'(2) = 9, f''(2) = 12: x1 = 2 - 3/4
    assert math.isclose(optimisation_checks.fd_newton_step(f, x, 2), 1.25, rel_tol=1e-6)
    assert not math.isclose(optimisation_checks.fd_newton_step(f, x, 2), 2 - 12 / 9, rel_tol=1e-3)  # f''/f'
    with pytest.raises(CheckFailed, match="vanishes"):
        optimisation_checks.fd_newton_step(f, x, 0)
    # f = (x - 1)^2 from 2, eta 1/10, beta 9/10: x1 = 9/5, x2 = 73/50
    path = optimisation_checks.momentum_float_path((x - 1) ** 2, [x], [2], R(1, 10), R(9, 10), 2)
    assert np.allclose(path, [[1.8], [1.46]], atol=1e-7)
    assert not np.allclose(path[1], [1.8 - 0.1 * 1.6], atol=1e-3)  # the plain gradient step
