"""The course's multivariable checks: each accepts a right key and catches the typical wrong one, independently of the macros."""

from __future__ import annotations

import math

import numpy as np
import pytest
import sympy

from mathexams.errors import CheckFailed
from mathexams.checks import multivariable as multivariable_checks
from mathexams.macros import optimisation
from mathexams.checks.comparisons import close

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
