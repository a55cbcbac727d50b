"""The course's markov checks: each accepts a right key and catches the typical wrong one, independently of the macros."""

from __future__ import annotations

import math

import numpy as np
import pytest
import sympy

from mathexams.checks import markov as markov_checks
from mathexams.checks.comparisons import close
from mathexams.errors import CheckFailed
from mathexams.macros import markov

R = sympy.Rational

Mat = sympy.Matrix


def np_rng(seed: int = 0) -> np.random.Generator:
    return np.random.default_rng(seed)


def test_markov_stationary_power_and_return_time():
    P = sympy.Matrix([[R(1, 2), R(1, 8), R(3, 8)], [R(1, 4), R(1, 4), R(1, 2)], [R(3, 8), R(1, 4), R(3, 8)]])
    pi = markov.chain_stationary(P)
    assert close(markov_checks.np_stationary(P), pi)
    with pytest.raises(CheckFailed):
        close(markov_checks.np_stationary(P), [R(1, 3), R(1, 3), R(1, 3)])
    for s in range(3):  # first-step analysis agrees with Kac's formula 1 / pi_s
        assert math.isclose(markov_checks.np_return_time(P, s), float(1 / pi[s]), rel_tol=1e-12)
    with pytest.raises(CheckFailed):  # the "return time = pi_s" mistake
        close(markov_checks.np_return_time(P, 1), pi[1])
    with pytest.raises(CheckFailed, match="row-stochastic"):
        markov_checks.np_stationary(sympy.Matrix([[R(1, 2), R(1, 3)], [R(1, 4), R(3, 4)]]))


def test_markov_checks():
    half = sympy.Rational(1, 2)
    P = Mat([[sympy.Rational(9, 10), sympy.Rational(2, 10)], [sympy.Rational(1, 10), sympy.Rational(8, 10)]])
    p0 = Mat([half, half])
    p2 = P * P * p0
    assert np.allclose(markov_checks.np_markov(P, p0, 2), [float(v) for v in p2])
    assert markov_checks.markov_simulation_matches(np_rng(1), P, p0, 2, p2)
    with pytest.raises(CheckFailed):  # the row-stochastic mistake: P^T instead of P
        markov_checks.markov_simulation_matches(np_rng(1), P, p0, 2, P.T * P.T * p0)
    with pytest.raises(CheckFailed):
        markov_checks.markov_simulation_matches(np_rng(1), P.T, p0, 1, p0)  # P.T is not column-stochastic
