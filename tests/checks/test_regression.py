"""The course's regression checks: each accepts a right key and catches the typical wrong one, independently of the macros."""

from __future__ import annotations

import math

import numpy as np
import pytest
import sympy

from mathexams.checks import descriptive as descriptive_checks
from mathexams.checks import eigen as eigen_checks
from mathexams.checks import regression as regression_checks
from mathexams.checks.comparisons import close
from mathexams.errors import CheckFailed
from mathexams.macros import regression

x, y, w = sympy.symbols("x y w", real=True)

R = sympy.Rational


def test_line_values_and_exact_fit():
    xs = [0, 1, 3, 4]
    e = [1, -2, 2, -1]  # orthogonal to 1 and to xs
    ys = regression.line_values(xs, 2, -1, e)
    assert ys == [0, -1, 7, 6]
    assert close(regression_checks.np_polyfit(xs, ys, 1), [-1, 2])
    assert math.isclose(regression_checks.np_ls_predict(xs, ys, 2), 3)
    sse, sst = 10, float(np.var(np.array(ys, dtype=float)) * 4)
    assert math.isclose(regression_checks.np_r_squared(xs, ys), 1 - sse / sst)
    assert math.isclose(regression_checks.np_residual_sd(xs, ys, 2), math.sqrt(sse / 2))
    with pytest.raises(CheckFailed):  # ddof mistake: dividing by n instead of n - 2
        close(regression_checks.np_residual_sd(xs, ys, 2), math.sqrt(sse / 4))
    # no intercept: w = sum(xy) / sum(x^2), not sum(y) / sum(x)
    xs2, ys2 = [1, 2, 3], [2, 3, 7]
    assert close(regression_checks.np_polyfit(xs2, ys2, 1, False), R(29, 14))
    with pytest.raises(CheckFailed):
        close(regression_checks.np_polyfit(xs2, ys2, 1, False), R(12, 6))


def test_data_checks():
    xs, ys = [0, 1, 2, 3], [1, 3, 2, 5]
    assert np.allclose(regression_checks.np_polyfit(xs, ys, 1), [1.1, 1.1])
    X = sympy.Matrix([[1, x] for x in xs])
    assert regression_checks.normal_equations_hold(X, ys, [sympy.Rational(11, 10), sympy.Rational(11, 10)])
    with pytest.raises(CheckFailed):
        regression_checks.normal_equations_hold(X, ys, [1, 1])
    data = sympy.Matrix([[1, 2], [3, 4], [5, 9]])
    assert np.allclose(descriptive_checks.np_cov(data, 1), [[4, 7], [7, 13]])
    A = sympy.Matrix([[1, 0], [0, 1], [0, 0]])
    b = sympy.Matrix([3, 4, 5])
    assert np.allclose(regression_checks.np_projector(A), np.diag([1, 1, 0]))
    assert np.allclose(regression_checks.np_lstsq_fitted(A, b), [3, 4, 0])
    assert abs(regression_checks.np_residual_norm(A, b) - 5) < 1e-12
    assert regression_checks.orthogonal_to_columns(A, [0, 0, 5])
    with pytest.raises(CheckFailed):
        regression_checks.orthogonal_to_columns(A, [1, 0, 5])
    assert abs(eigen_checks.np_spectrum_share([1, 3, 6], 1) - 0.6) < 1e-12
    assert eigen_checks.np_spectrum_components([1, 3, 6], sympy.Rational(9, 10)) == 2
    assert eigen_checks.np_spectrum_components([1, 3, 6], sympy.Rational(91, 100)) == 3


def test_np_residuals_are_orthogonal_to_one_and_x():
    xs, ys = [0, 1, 2, 3, 4], [1, 3, 2, 5, 4]
    r = regression_checks.np_residuals(xs, ys)
    assert np.isclose(r.sum(), 0) and np.isclose(r @ np.array(xs), 0)
    assert not np.allclose(r, np.array(ys) - np.mean(ys))        # not the deviations from the mean
