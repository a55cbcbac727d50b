"""The course's regression macros: each keeps its promise on many draws (exactness, ranges, structure, records)."""

from __future__ import annotations

import numpy as np
import pytest
import sympy

from mathexams.sandbox import SandboxError
from mathexams.seeds import Rng
from mathexams.macros import regression

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
