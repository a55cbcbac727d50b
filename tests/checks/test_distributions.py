"""The course's distributions checks: each accepts a right key and catches the typical wrong one, independently of the macros."""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy
from draw_helpers import rng

from mathexams.checks import distributions as distributions_checks
from mathexams.checks import inference as inference_checks
from mathexams.errors import CheckFailed
from mathexams.macros.distributions import normal_cdf, poisson_cdf, poisson_pmf

R = sympy.Rational

x = sympy.Symbol("x", real=True)


def test_binomial_checks():
    exact = sympy.binomial(6, 2) * R(1, 3) ** 2 * R(2, 3) ** 4
    assert distributions_checks.enumerate_binomial_pmf(6, R(1, 3), 2) == Fraction(int(exact.p), int(exact.q))
    assert distributions_checks.binomial_pmf_simulation(rng(), 6, R(1, 3), 2, exact)
    with pytest.raises(CheckFailed, match="standard errors"):   # exponents swapped
        distributions_checks.binomial_pmf_simulation(rng(), 6, R(1, 3), 2, sympy.binomial(6, 2) * R(1, 3) ** 4 * R(2, 3) ** 2)


def test_poisson_checks():
    lam = R(5, 2)
    assert abs(distributions_checks.poisson_recursion(lam, 3) - float(poisson_pmf(lam, 3))) < 1e-14
    assert abs(distributions_checks.poisson_recursion(lam, 3, True) - float(1 - poisson_cdf(lam, 2))) < 1e-14
    p_eq, p_ge = poisson_pmf(lam, 3), 1 - poisson_cdf(lam, 2)
    assert distributions_checks.poisson_window_simulation(rng(), 10, 60, 15, 3, p_eq, p_ge)
    with pytest.raises(CheckFailed):   # unscaled rate: lambda = 10
        distributions_checks.poisson_window_simulation(rng(), 10, 60, 15, 3, poisson_pmf(10, 3), 1 - poisson_cdf(10, 2))


def test_normal_checks():
    assert abs(distributions_checks.erf_normal_prob(50, 10, 60, sympy.oo) - 0.15865525393145707) < 1e-12
    assert abs(distributions_checks.erf_normal_prob(50, 10, -sympy.oo, 40) - 0.15865525393145707) < 1e-12
    assert distributions_checks.normal_simulation(rng(), 50, 10, 60, sympy.oo, R(15866, 100000))
    with pytest.raises(CheckFailed):   # variance used as the SD
        distributions_checks.normal_simulation(rng(), 50, 10, 60, sympy.oo, 1 - normal_cdf(R(1, 10)))
    assert inference_checks.z_star_level(R(196, 100), R(95, 100)) and inference_checks.z_star_level(R(2576, 1000), R(99, 100))
    with pytest.raises(CheckFailed):   # one-sided critical value for a two-sided level
        inference_checks.z_star_level(R(1645, 1000), R(95, 100))


def test_pmf_checks():
    vals, probs = [0, 1, 4], [R(1, 5), R(1, 2), R(3, 10)]
    assert distributions_checks.probabilities_complete(probs, 2, R(3, 10))
    with pytest.raises(CheckFailed):
        distributions_checks.probabilities_complete(probs, 2, R(2, 5))
    mean = R(17, 10)
    var = R(1, 2) + R(48, 10) - mean**2
    assert abs(distributions_checks.np_pmf_variance(vals, probs) - float(var)) < 1e-12
    assert distributions_checks.pmf_simulation(rng(), vals, probs, mean, var, 1, R(4, 5))
    with pytest.raises(CheckFailed):   # Var = E[X^2] - E[X]
        distributions_checks.pmf_simulation(rng(), vals, probs, mean, R(53, 10) - mean, 1, R(4, 5))


def test_pdf_rejection_sample():
    f = 3 * x**2 / 8   # on [0, 2]
    med = 2 * R(1, 2) ** R(1, 3)
    assert distributions_checks.pdf_rejection_sample(rng(), f, x, 0, 2, 1, R(1, 8), R(3, 2), med)
    with pytest.raises(CheckFailed):   # median = L/2
        distributions_checks.pdf_rejection_sample(rng(), f, x, 0, 2, 1, R(1, 8), R(3, 2), 1)


# ---- weeks 7-8 distributions (bank-prob2) ----

import math

from mathexams.errors import SimulationMiss
from mathexams.macros.distributions import binomial_between, model_scenario
from mathexams.seeds import Rng


def test_binomial_float_and_range_simulation():
    exact = binomial_between(12, R(3, 10), 4, 12)          # P(X >= 4)
    assert abs(distributions_checks.binomial_float(12, R(3, 10), 4, 12) - float(exact)) < 1e-12
    assert distributions_checks.binomial_range_simulation(rng(), 12, R(3, 10), 4, 12, exact)
    with pytest.raises(SimulationMiss):                    # > read as >=: P(X >= 5) for "more than 4"
        distributions_checks.binomial_range_simulation(rng(), 12, R(3, 10), 5, 12, exact)


def test_binomial_moments_by_definition_and_lgamma():
    mean, var = distributions_checks.binomial_moments_by_definition(40, R(1, 4))
    assert abs(mean - 10) < 1e-9 and abs(var - 7.5) < 1e-9      # np and np(1 - p), not assumed by the check
    p = distributions_checks.binomial_pmf_lgamma(500, R(1, 100), 3)
    assert abs(p - math.comb(500, 3) * 0.01**3 * 0.99**497) < 1e-12


def test_normal_quantile_and_empirical_rule():
    assert abs(distributions_checks.normal_quantile_bisect(100, 15, R(975, 1000)) - (100 + 15 * 1.959964)) < 1e-4
    assert distributions_checks.empirical_rule_matches(-1, 2, R(815, 10))
    assert distributions_checks.empirical_rule_matches(2, sympy.oo, R(25, 10))
    with pytest.raises(CheckFailed):                       # 95 % for +-1 sigma
        distributions_checks.empirical_rule_matches(-1, 1, 95)
    with pytest.raises(CheckFailed):                       # forgetting to halve for one tail
        distributions_checks.empirical_rule_matches(2, sympy.oo, 5)


def test_normal_combination_and_poisson_sum():
    assert distributions_checks.normal_combination_simulation(rng(), 50, 6, 40, 8, -1, 10, 10)
    with pytest.raises(SimulationMiss):                    # SDs added instead of variances
        distributions_checks.normal_combination_simulation(rng(), 50, 6, 40, 8, -1, 10, 14)
    p3 = poisson_pmf(R(5, 2), 3)
    assert distributions_checks.poisson_sum_simulation(rng(), 1, R(3, 2), 3, 3, p3)
    with pytest.raises(SimulationMiss):                    # only one of the two rates
        distributions_checks.poisson_sum_simulation(rng(), 1, R(3, 2), 3, 3, poisson_pmf(R(3, 2), 3))


def test_geometric_and_memoryless_simulations():
    p = R(1, 4)
    assert distributions_checks.geometric_simulation(rng(), p, 3, R(9, 64), 2, R(9, 16), 4)
    with pytest.raises(SimulationMiss):                    # an extra failure: (1 - p)^k p
        distributions_checks.geometric_simulation(rng(), p, 3, R(27, 256), 2, R(9, 16), 4)
    assert distributions_checks.exponential_memoryless_simulation(rng(), 10, 7, 5, sympy.exp(-R(1, 2)))
    with pytest.raises(SimulationMiss):                    # P(X > s + t) instead of the conditional probability
        distributions_checks.exponential_memoryless_simulation(rng(), 10, 7, 5, sympy.exp(-R(12, 10)))


def test_model_fits_scenario_accepts_the_catalogue_and_catches_a_swapped_key():
    for s in range(30):
        m = model_scenario(Rng(s))
        assert distributions_checks.model_fits_scenario(rng(s), m.mechanism, m.numbers, m.families, m.params,
                                                        (True, False, False, False))
    m = model_scenario(Rng(2))
    with pytest.raises(CheckFailed):                       # the key marked on a mistake
        distributions_checks.model_fits_scenario(rng(), m.mechanism, m.numbers, m.families, m.params,
                                                 (False, True, False, False))
    with pytest.raises(CheckFailed, match="unknown mechanism"):
        distributions_checks.model_fits_scenario(rng(), "magic", [1], ["poisson"], [[1]], (True,))


def test_uniform_simulation_accepts_the_keys_and_catches_the_slips():
    # U(10, 30) by hand: P(18 < X < 27) = 9/20, Var = 20^2/12 = 100/3, P(X > 28 | X > 26) = 2/4
    assert distributions_checks.uniform_simulation(rng(), 10, 30, 18, 27, 26, 28, R(9, 20), R(100, 3), R(1, 2))
    with pytest.raises(CheckFailed):        # (b - a)/12 for the variance
        distributions_checks.uniform_simulation(rng(), 10, 30, 18, 27, 26, 28, R(9, 20), R(5, 3), R(1, 2))
    with pytest.raises(CheckFailed):        # P(X > 28) = 1/10 instead of the conditional probability
        distributions_checks.uniform_simulation(rng(), 10, 30, 18, 27, 26, 28, R(9, 20), R(100, 3), R(1, 10))
    with pytest.raises(CheckFailed):        # the interval measured from 0: 9/30
        distributions_checks.uniform_simulation(rng(), 10, 30, 18, 27, 26, 28, R(3, 10), R(100, 3), R(1, 2))
