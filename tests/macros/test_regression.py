"""The course's regression macros: each keeps its promise on many draws (exactness, ranges, structure, records)."""

from __future__ import annotations

import numpy as np
import pytest
import sympy

from mathexams.macros import regression
from mathexams.sandbox import SandboxError
from mathexams.seeds import Rng

y, w = sympy.symbols("y w", real=True)

R = sympy.Rational

SEEDS = range(60)


def test_exact_fit_noise_is_orthogonal_and_bounded():
    for s in SEEDS:
        xs = sorted(Rng(s).sample(list(range(10)), 5))
        e = regression.exact_fit_noise(Rng(s + 1000), [[1] * 5, xs], 3)
        assert any(e) and max(abs(v) for v in e) <= 3
        assert sum(e) == 0 and sum(a * b for a, b in zip(xs, e)) == 0
    with pytest.raises(SandboxError, match="dependent"):
        regression.exact_fit_noise(Rng(0), [[1, 1, 1], [2, 2, 2]], 3)


def test_mse_loss_is_the_mean_of_squares():
    L = regression.mse_loss([1, 2], [3, 1], w)
    assert sympy.expand(L - ((w - 3) ** 2 + (2 * w - 1) ** 2) / 2) == 0
    assert regression.mse_loss([1, 2], [3, 1], 1, 1) == R((1 + 1 - 3) ** 2 + (2 + 1 - 1) ** 2, 2)


def test_regression_line_data_has_exact_small_coefficients():
    for s in SEEDS:
        for n in (4, 5, 6):
            data = regression.regression_line_data(Rng(s), n)
            xs, ys = data.xs, data.ys
            assert len(xs) == len(ys) == n and all(isinstance(y, int) for y in ys)
            c1, c0 = np.polyfit(xs, ys, 1)
            assert abs(c1 * 2 - round(c1 * 2)) < 1e-9 and abs(c0 - round(c0)) < 1e-9
            residual = np.array(ys) - (c0 + c1 * np.array(xs))
            assert np.linalg.norm(residual) > 0.5  # the points are not on a line


def test_plane_spanning_pair():
    for s in SEEDS:
        plane = regression.plane_spanning_pair(Rng(s))
        a1, a2, n = plane.a1, plane.a2, plane.normal
        assert a1.dot(n) == 0 and a2.dot(n) == 0
        assert a1.cross(a2) != sympy.zeros(3, 1)
        assert 2 <= n.dot(n) <= 14
        A = a1.row_join(a2)
        P = A * (A.T * A).inv() * A.T
        assert P == sympy.eye(3) - n * n.T / n.dot(n)


# --- weeks 9-10: exact least-squares summaries and real-looking paired data ---

def test_least_squares_line_agrees_with_numpy():
    for s in SEEDS:
        d = regression.real_paired_data(Rng(s), 24, ["fuel", "study", "houses", "icecream", "body", "exams"][s % 6])
        fit = regression.least_squares_line(d.xs, d.ys)
        x, yv = np.array(d.xs, dtype=float), np.array(d.ys, dtype=float)
        slope, intercept = np.polyfit(x, yv, 1)
        assert np.isclose(float(fit.slope), slope) and np.isclose(float(fit.intercept), intercept)
        resid = yv - (intercept + slope * x)
        assert np.allclose([float(r) for r in fit.residuals], resid)
        assert np.isclose(float(fit.sse), np.sum(resid**2))
        assert np.isclose(float(fit.r_squared), np.corrcoef(x, yv)[0, 1] ** 2)
        assert all(v.q in (1, 2, 5, 10) for v in d.xs + d.ys)          # one decimal, exact
    with pytest.raises(SandboxError):
        regression.least_squares_line([1, 1, 1], [1, 2, 3])
    with pytest.raises(SandboxError, match="scenario"):
        regression.real_paired_data(Rng(0), 10, "nope")


def test_real_paired_data_looks_like_its_scenario():
    d = regression.real_paired_data(Rng(7), 40, "houses")
    x, yv = np.array(d.xs, dtype=float), np.array(d.ys, dtype=float)
    assert 50 <= x.min() and x.max() <= 200 and np.corrcoef(x, yv)[0, 1] > 0.6
    assert d.x_label.startswith("floor area")
