"""The course's optimisation checks: each accepts a right key and catches the typical wrong one, independently of the macros."""

from __future__ import annotations

import math

import numpy as np
import pytest
import sympy

from mathexams.errors import CheckFailed
from mathexams.checks import optimisation as optimisation_checks
from mathexams.checks.comparisons import close

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
    # weights pull the squared-error optimum to the weighted mean (2*2 + 15/2) / 2.5 = 4.6
    assert optimisation_checks.np_best_constant([2, 15], [2, sympy.Rational(1, 2)], "squared") == pytest.approx(4.6, abs=1e-6)
    with pytest.raises(CheckFailed, match="unknown loss"):
        optimisation_checks.np_best_constant(data, ones, "hinge")
