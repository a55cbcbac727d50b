"""The course's multivariable checks: each accepts a right key and catches the typical wrong one, independently of the macros."""

from __future__ import annotations

import math

import numpy as np
import pytest
import sympy

from mathexams.checks import multivariable as multivariable_checks
from mathexams.checks.comparisons import close
from mathexams.errors import CheckFailed
from mathexams.macros import optimisation

x, y, z = sympy.symbols("x y z", real=True)

R = sympy.Rational


def test_fd_gradient_directional_and_hessian():
    f = 3 * x**2 * y + 2 * x * y * z - sympy.exp(x - y)
    P = [1, 2, -1]
    exact = [6 * 1 * 2 + 2 * 2 * -1 - math.exp(-1), 3 + 2 * 1 * -1 + math.exp(-1), 2 * 1 * 2]
    assert close(multivariable_checks.fd_gradient_nd(f, [x, y, z], P), exact, 1e-6, 1e-7)
    with pytest.raises(CheckFailed):  # components swapped
        close(multivariable_checks.fd_gradient_nd(f, [x, y, z], P), [exact[1], exact[0], exact[2]], 1e-6, 1e-7)
    v = [1, 2, 2]
    assert math.isclose(multivariable_checks.fd_directional_nd(f, [x, y, z], P, v), np.dot(exact, v) / 3, rel_tol=1e-7)
    with pytest.raises(CheckFailed):  # direction not normalised
        close(multivariable_checks.fd_directional_nd(f, [x, y, z], P, v), np.dot(exact, v), 1e-6, 1e-7)
    g = x**3 * y + 2 * x * y**2
    H = sympy.Matrix([[6 * 2 * 1, 3 * 4 + 4 * 1], [3 * 4 + 4 * 1, 4 * 2]])  # at (2, 1)
    assert close(multivariable_checks.fd_hessian_nd(g, [x, y], [2, 1]), H, 1e-4, 1e-6)
    with pytest.raises(CheckFailed):  # off-diagonal entries doubled
        close(multivariable_checks.fd_hessian_nd(g, [x, y], [2, 1]), sympy.Matrix([[12, 32], [32, 8]]), 1e-4, 1e-6)


def test_critical_points_match_finds_all_of_them():
    f = x**3 - 12 * x + y**3 - 3 * y
    points = optimisation.point_set((2, 1), (2, -1), (-2, 1), (-2, -1))
    assert multivariable_checks.critical_points_match(f, [x, y], points, -4, 4)
    with pytest.raises(CheckFailed, match="Newton"):  # a point missing
        multivariable_checks.critical_points_match(f, [x, y], optimisation.point_set((2, 1), (2, -1), (-2, 1)), -4, 4)
    with pytest.raises(CheckFailed, match="does not vanish"):
        multivariable_checks.critical_points_match(f, [x, y], optimisation.point_set((2, 1), (2, -1), (-2, 1), (-2, 0)), -4, 4)
    q = 2 * x**2 + x * y + y**2 - 9 * x - 5 * y  # one critical point (13/7, 11/7)
    assert multivariable_checks.critical_points_match(q, [x, y], [(R(13, 7), R(11, 7))], -4, 4)


def test_classification_matches_hessian_signs():
    f = x**3 - 3 * x + y**2
    assert multivariable_checks.classification_matches(f, [x, y], [1, 0], (True, False, False))
    assert multivariable_checks.classification_matches(f, [x, y], [-1, 0], (False, False, True))
    assert multivariable_checks.classification_matches(-x**2 - y**2 + x * y, [x, y], [0, 0], (None, True, None))
    with pytest.raises(CheckFailed):  # the saddle labelled a minimum (D > 0 not checked)
        multivariable_checks.classification_matches(f, [x, y], [-1, 0], (True, False, False))
    with pytest.raises(CheckFailed):  # degenerate: no class applies
        multivariable_checks.classification_matches(x**4 + y**2, [x, y], [0, 0], (True, False, False))


def test_tangent_plane_option_accepts_only_the_plane():
    f = x**2 * y + y
    plane = 4 * (x - 1) + 2 * (y - 2) + 4  # tangent at (1, 2): f = 4, f_x = 4, f_y = 2
    swapped = 2 * (x - 1) + 4 * (y - 2) + 4
    unevaluated = 4 + 2 * x * y * (x - 1) + (x**2 + 1) * (y - 2)
    assert multivariable_checks.tangent_plane_option(f, [x, y], [1, 2], [plane, swapped], (True, None))
    with pytest.raises(CheckFailed):
        multivariable_checks.tangent_plane_option(f, [x, y], [1, 2], [plane, swapped], (None, True))
    # first-order contact is not enough: the candidate must be a plane
    assert multivariable_checks.tangent_plane_option(f, [x, y], [1, 2], [plane, unevaluated], (True, False))


def test_partials_match():
    f = x**2 * y + sympy.exp(x * y)
    grad = [2 * x * y + y * sympy.exp(x * y), x**2 + x * sympy.exp(x * y)]
    assert multivariable_checks.partials_match(f, grad, [x, y])
    with pytest.raises(CheckFailed):
        multivariable_checks.partials_match(f, grad[::-1], [x, y])


# ---------------------------------------------------------------- partials, steepest ascent, compositions, Jacobians


def test_mixed_partial_and_partials_in_the_plane():
    f = 3 * x**2 * y**3 + 2 * sympy.log(x + 2 * y) - sympy.exp(x * y)
    fx = 6 * x * y**3 + 2 / (x + 2 * y) - y * sympy.exp(x * y)
    fy = 9 * x**2 * y**2 + 4 / (x + 2 * y) - x * sympy.exp(x * y)
    fxy = 18 * x * y**2 - 4 / (x + 2 * y) ** 2 - sympy.exp(x * y) - x * y * sympy.exp(x * y)
    assert multivariable_checks.partials_match_in_plane(f, [fx, fy], x, y)
    assert multivariable_checks.mixed_partial_matches(f, fxy, x, y)
    with pytest.raises(CheckFailed):  # the chain factor of the logarithm missing in f_y
        multivariable_checks.partials_match_in_plane(f, [fx, fy - 2 / (x + 2 * y)], x, y)
    with pytest.raises(CheckFailed):  # the product rule forgotten in e^(xy)
        multivariable_checks.mixed_partial_matches(f, fxy + x * y * sympy.exp(x * y), x, y)
    with pytest.raises(CheckFailed, match="undefined"):
        multivariable_checks.mixed_partial_matches(sympy.log(-x**2 - y**2 - 1), x, x, y)


def test_steepest_matches_scans_the_circle_of_directions():
    f = x**2 * y + 3 * y  # grad at (1, 2) = (4, 4): length 4 sqrt(2)
    u = [1 / sympy.sqrt(2), 1 / sympy.sqrt(2)]
    assert multivariable_checks.steepest_matches(f, [x, y], [1, 2], "ascent", u, 4 * sympy.sqrt(2))
    assert multivariable_checks.steepest_matches(f, [x, y], [1, 2], "descent", [-u[0], -u[1]], -4 * sympy.sqrt(2))
    with pytest.raises(CheckFailed):  # -grad given for ascent
        multivariable_checks.steepest_matches(f, [x, y], [1, 2], "ascent", [-u[0], -u[1]], 4 * sympy.sqrt(2))
    with pytest.raises(CheckFailed, match="unit"):  # the unnormalised gradient
        multivariable_checks.steepest_matches(f, [x, y], [1, 2], "ascent", [4, 4], 4 * sympy.sqrt(2))
    with pytest.raises(CheckFailed, match="rate"):  # rate = sum of the components
        multivariable_checks.steepest_matches(f, [x, y], [1, 2], "ascent", u, 8)
    with pytest.raises(CheckFailed, match="senses"):
        multivariable_checks.steepest_matches(f, [x, y], [1, 2], "sideways", u, 1)


def test_composite_partial_differentiates_the_composition_numerically():
    s, t = sympy.symbols("s t", real=True)
    f = x**2 * y + y**2
    # x = s t, y = s + t: dw/ds at (1, 2) = f_x * t + f_y * 1 = (2*2*3)(2) + (4 + 6) = 34
    assert math.isclose(multivariable_checks.composite_partial(f, [x, y], [s * t, s + t], [s, t], [1, 2], 0), 34,
                        rel_tol=1e-7)
    # along a path: z = x y with x = t^2, y = 3t at t = 1: dz/dt = 9 t^2 = 9
    assert math.isclose(multivariable_checks.composite_partial(x * y, [x, y], [t**2, 3 * t], [t], [1]), 9, rel_tol=1e-7)
    with pytest.raises(CheckFailed):
        multivariable_checks.composite_partial(f, [x, y], [s], [s], [1])


def test_descent_signs_jacobian_and_linear_estimate():
    L = (x - 1) ** 2 + (y + 2) ** 2  # at (3, -5) the gradient is (4, -6)
    assert list(multivariable_checks.fd_descent_signs(L, [x, y], [3, -5])) == [-1, 1]
    with pytest.raises(CheckFailed, match="nearly"):
        multivariable_checks.fd_descent_signs(L, [x, y], [1, 0])
    J = multivariable_checks.fd_jacobian_nd([x**2 * y, x + y**3], [x, y], [2, -1])
    assert np.allclose(J, [[-4, 4], [1, 3]], atol=1e-6)
    assert not np.allclose(J, [[-4, 1], [4, 3]], atol=1e-3)  # the transpose is not the Jacobian
    # sqrt(x^2 + y^2) near (3, 4): 5 + (3/5)(0.1) + (4/5)(-0.05) = 5.02
    estimate = multivariable_checks.linear_estimate(sympy.sqrt(x**2 + y**2), [x, y], [3, 4], [R(1, 10), R(-1, 20)])
    assert math.isclose(estimate, 5.02, rel_tol=1e-9)
    assert not math.isclose(estimate, math.hypot(3.1, 3.95), rel_tol=1e-6)  # the true value differs
