"""The course's ml checks: each accepts a right key and catches the typical wrong one, independently of the macros."""

from __future__ import annotations

import math

import numpy as np
import pytest
import sympy

from mathexams.checks import ml as ml_checks
from mathexams.checks.comparisons import close
from mathexams.errors import CheckFailed, SimulationMiss

t = sympy.Symbol("t", real=True)

R = sympy.Rational


def np_rng(seed: int = 0) -> np.random.Generator:
    return np.random.default_rng(seed)

PTS = [[7, 0], [4, 4], [0, 5], [2, 5], [9, 4], [7, 1]]

CENTS = [[1, 5], [9, 1]]


def test_kmeans_numpy_checks():
    assert ml_checks.kmeans_assignment_matches(PTS, CENTS, sympy.FiniteSet(2, 3, 4))
    with pytest.raises(CheckFailed):
        ml_checks.kmeans_assignment_matches(PTS, CENTS, [1, 5, 6])
    assert close(ml_checks.np_kmeans_centroids(PTS, CENTS), [[2, R(14, 3)], [R(23, 3), R(5, 3)]])
    with pytest.raises(CheckFailed):  # centroids not recomputed
        close(ml_checks.np_kmeans_centroids(PTS, CENTS), CENTS)
    assert math.isclose(ml_checks.np_kmeans_sse(PTS, CENTS), 20)
    assert ml_checks.kmeans_reassign_matches(PTS, CENTS, False)
    with pytest.raises(CheckFailed):
        ml_checks.kmeans_reassign_matches(PTS, CENTS, True)


def test_gaussian_posterior_and_simulated_error():
    # equal priors, means 0 and 2, sigma 1: threshold 1, posterior at 1 is 1/2
    assert math.isclose(ml_checks.np_gaussian_posterior(1, 0, 2, 1, R(1, 2)), 0.5)
    p = ml_checks.np_gaussian_posterior(3, 1, 3, 2, R(1, 4))
    logit = (2 / 4) * (3 - 2) + math.log(1 / 3)
    assert math.isclose(p, 1 / (1 + math.exp(-logit)), rel_tol=1e-12)
    with pytest.raises(CheckFailed):  # likelihood ratio reported as the posterior (priors ignored)
        close(ml_checks.np_gaussian_posterior(3, 1, 3, 2, R(1, 4)), 1 / (1 + math.exp(-0.5)), 1e-6)
    exact = 0.5 * math.erfc(1 / math.sqrt(2))  # P(Z > 1)
    assert ml_checks.threshold_error_simulation(np_rng(1), 0, 2, 1, R(1, 2), 1, exact, 100_000)
    with pytest.raises(SimulationMiss):   # the error of the wrong threshold 0
        ml_checks.threshold_error_simulation(np_rng(1), 0, 2, 1, R(1, 2), 1, 0.5 * (exact + 0.5), 100_000)


def test_gaussian_threshold_and_rule_error():
    # priors 3/4 and 1/4, means 1 and 3, sigma 2: t = 2 + 2 ln 3
    t = 2 + 2 * math.log(3)
    assert math.isclose(ml_checks.np_gaussian_threshold(1, 3, 2, R(1, 4)), t, rel_tol=1e-10)
    with pytest.raises(CheckFailed):  # the midpoint rule ignores the priors
        close(ml_checks.np_gaussian_threshold(1, 3, 2, R(1, 4)), 2, 1e-6)
    phi = lambda v: 0.5 * math.erfc(-v / math.sqrt(2))
    exact = 0.75 * (1 - phi((t - 1) / 2)) + 0.25 * phi((t - 3) / 2)
    assert math.isclose(ml_checks.np_gaussian_rule_error(1, 3, 2, R(1, 4), t), exact, rel_tol=1e-9)
    with pytest.raises(CheckFailed):  # error of the midpoint rule is larger, not equal
        close(ml_checks.np_gaussian_rule_error(1, 3, 2, R(1, 4), 2), exact, 1e-6)


# ---------------------------------------------------------------- decisions under uncertainty (bank-review)

COSTS = [[50, 0], [20, 5], [0, 15]]


def test_expected_losses_simulation_accepts_the_product_and_catches_ignored_costs():
    probs = [R(1, 4), R(3, 4)]
    by_hand = [R(25, 2), R(35, 4), R(45, 4)]   # 50/4, 20/4 + 15/4, 45/4
    assert ml_checks.expected_losses_simulation(np_rng(1), COSTS, probs, by_hand)
    with pytest.raises(SimulationMiss):  # the costs weighted by the most probable state only
        ml_checks.expected_losses_simulation(np_rng(1), COSTS, probs, [0, 5, 15])
    with pytest.raises(CheckFailed):
        ml_checks.expected_losses_simulation(np_rng(1), COSTS, [R(1, 2), R(1, 3)], by_hand)


def test_best_action_marked_finds_the_least_expected_cost():
    probs = [R(1, 4), R(3, 4)]
    assert ml_checks.best_action_marked(COSTS, probs, (False, True, None))
    with pytest.raises(CheckFailed):  # acting on the more probable (negative) state: the first action
        ml_checks.best_action_marked(COSTS, probs, (True, False, False))
    with pytest.raises(CheckFailed):  # 50 p = 15 (1 - p) at p = 3/13 is a tie
        ml_checks.best_action_marked([[50, 0], [0, 15]], [R(3, 13), R(10, 13)], (True, False))
