"""The course's inference checks: each accepts a right key and catches the typical wrong one, independently of the macros."""

from __future__ import annotations

import pytest
import sympy
from draw_helpers import rng

from mathexams.checks import inference as inference_checks
from mathexams.errors import CheckFailed, SimulationMiss

R = sympy.Rational


def test_z_interval_coverage():
    half = R(196, 100) * 12 / 5
    good = sympy.Interval(40 - half, 40 + half)
    assert inference_checks.z_interval_coverage(rng(), good, 40, 12, 25, R(95, 100))
    with pytest.raises(CheckFailed):   # sigma instead of sigma / sqrt(n)
        inference_checks.z_interval_coverage(rng(), sympy.Interval(40 - half * 5, 40 + half * 5), 40, 12, 25, R(95, 100))
    with pytest.raises(CheckFailed):   # not centred at the sample mean
        inference_checks.z_interval_coverage(rng(), good, 41, 12, 25, R(95, 100))


def test_smallest_sample_size():
    assert inference_checks.smallest_sample_size(97, R(196, 100), 10, 2)    # (1.96*10/2)^2 = 96.04
    with pytest.raises(CheckFailed):
        inference_checks.smallest_sample_size(96, R(196, 100), 10, 2)       # rounded down
    with pytest.raises(CheckFailed):
        inference_checks.smallest_sample_size(98, R(196, 100), 10, 2)       # not the smallest


def test_z_test_checks():
    assert abs(inference_checks.z_pvalue_erf(R(196, 100), "two_sided") - 0.04999579) < 1e-7
    assert abs(inference_checks.z_pvalue_erf(R(-1645, 1000), "less") - 0.0499849) < 1e-6
    p = inference_checks.z_pvalue_erf(2, "two_sided")
    assert inference_checks.z_test_null_simulation(rng(), 54, 50, 10, 25, "two_sided", p)
    with pytest.raises(SimulationMiss):   # one-sided p for a two-sided test
        inference_checks.z_test_null_simulation(rng(), 54, 50, 10, 25, "two_sided", p / 2)
    with pytest.raises(CheckFailed, match="two_sided, greater, less"):
        inference_checks.z_pvalue_erf(2, 0)
    assert inference_checks.reject_iff_p_below(R(3, 100), R(1, 20), True)
    with pytest.raises(CheckFailed):
        inference_checks.reject_iff_p_below(R(3, 100), R(1, 100), True)


def test_claim_classifier_and_hypotheses_options():
    assert inference_checks.claim_alternative("is more than") == ">"
    assert inference_checks.claim_alternative("is at least") == "<"
    assert inference_checks.claim_alternative("is no more than") == ">"
    assert inference_checks.claim_alternative("differs from") == "!="
    with pytest.raises(CheckFailed):
        inference_checks.claim_alternative("is about")
    assert inference_checks.hypotheses_option_matches("exceeds", ["=", ">", "=", "="], [">", r"\leq", r"\neq", "<"],
                                        (True, False, False, False))
    with pytest.raises(CheckFailed):   # claim with equality put into Ha
        inference_checks.hypotheses_option_matches("is at least", ["=", "<"], [">", r"\geq"], (True, False))


@pytest.mark.parametrize("kind, version, a, b, c, truth", [
    ("type_one_rate", 0, R(1, 20), 25, 0, True), ("type_one_rate", 1, R(1, 20), 25, 0, False),
    ("width_vs_n", 0, 16, 144, 3, True), ("width_vs_n", 1, 16, 48, 3, False),
    ("coverage", 0, 25, 0, 95, True), ("coverage", 1, 25, 0, 95, False),
    ("width_vs_level", 0, 99, 95, 0, True), ("width_vs_level", 1, 99, 95, 0, False),
    ("width_vs_level", 0, 90, 95, 0, False),
    ("power_vs_n", 0, 9, 36, 0, True), ("power_vs_n", 1, 9, 36, 0, False),
    ("power_vs_alpha", 0, R(1, 20), R(1, 100), 16, True), ("power_vs_alpha", 1, R(1, 20), R(1, 100), 16, False),
    ("interval_test_duality", 0, 10, 14, 15, True), ("interval_test_duality", 0, 10, 14, 12, False),
    ("interval_test_duality", 1, 10, 14, 12, True),
])


def test_inference_claims_are_decided_by_simulation(kind, version, a, b, c, truth):
    k = inference_checks.CLAIM_KINDS.index(kind)
    assert inference_checks.inference_claim_holds(rng(k), kind, version, a, b, c, truth)
    # a wrong key is a simulation miss for the simulated kinds, a plain failure for the exact ones
    failure = SimulationMiss if kind in ("type_one_rate", "coverage", "power_vs_n", "power_vs_alpha") else CheckFailed
    with pytest.raises(failure) as caught:
        inference_checks.inference_claim_holds(rng(k), kind, version, a, b, c, not truth)
    assert failure is SimulationMiss or not isinstance(caught.value, SimulationMiss)


# ---- weeks 9-10: t procedures, proportions, power, errors (bank-prob2) ----

import math

import numpy as np


def test_critical_values_by_quadrature_and_erf():
    assert inference_checks.t_critical_matches(R(2571, 1000), 5, R(25, 1000))
    with pytest.raises(CheckFailed):                       # df = n instead of n - 1
        inference_checks.t_critical_matches(R(2447, 1000), 5, R(25, 1000))
    with pytest.raises(CheckFailed):                       # z* for t*
        inference_checks.t_critical_matches(R(196, 100), 5, R(25, 1000))
    assert inference_checks.z_critical_matches(R(1645, 1000), R(95, 100))
    with pytest.raises(CheckFailed):
        inference_checks.z_critical_matches(R(1645, 1000), R(975, 1000))


def test_t_statistics_from_raw_data():
    data = [52, 49, 55, 53, 51, 52]
    x = np.array(data, dtype=float)
    t = (x.mean() - 50) / (x.std(ddof=1) / math.sqrt(6))
    assert abs(inference_checks.np_t_statistic(data, 50) - t) < 1e-12
    assert abs(inference_checks.np_sample_sd([1, 2, 3, 4]) - math.sqrt(5 / 3)) < 1e-12
    assert inference_checks.np_paired_differences([5, 7], [4, 9]) == [1.0, -2.0]
    with pytest.raises(CheckFailed):
        inference_checks.np_paired_differences([5, 7], [4])


def test_t_test_simulation_decides_by_the_null_distribution():
    assert inference_checks.t_test_simulation(rng(), 3, 6, "two_sided", R(5, 100), True)
    with pytest.raises(SimulationMiss):                    # z critical value 1.96 would reject t = 2.3 at df 5
        inference_checks.t_test_simulation(rng(), R(23, 10), 6, "two_sided", R(5, 100), True)
    with pytest.raises(SimulationMiss, match="too close"):
        inference_checks.t_test_simulation(rng(), R(2571, 1000), 6, "two_sided", R(5, 100), True)


def test_t_interval_coverage_catches_a_z_multiplier():
    data = [52, 49, 55, 53, 51, 52]
    x = np.array(data, dtype=float)
    se = x.std(ddof=1) / math.sqrt(6)
    good = sympy.Interval(x.mean() - 2.571 * se, x.mean() + 2.571 * se)
    assert inference_checks.t_interval_coverage(rng(), good, data, R(95, 100))
    with pytest.raises(SimulationMiss):
        inference_checks.t_interval_coverage(rng(), sympy.Interval(x.mean() - 1.96 * se, x.mean() + 1.96 * se),
                                             data, R(95, 100))


def test_proportion_checks():
    half = R(196, 100) * sympy.sqrt(R(1, 5) * R(4, 5) / 400)
    assert inference_checks.proportion_interval_matches(sympy.Interval(R(1, 5) - half, R(1, 5) + half), 80, 400, R(196, 100))
    with pytest.raises(CheckFailed):                       # SE with p = 0.5
        wide = R(196, 100) * sympy.sqrt(R(1, 4) / 400)
        inference_checks.proportion_interval_matches(sympy.Interval(R(1, 5) - wide, R(1, 5) + wide), 80, 400, R(196, 100))
    assert inference_checks.proportion_se_simulation(rng(), 400, R(1, 5), R(1, 50))
    with pytest.raises(SimulationMiss):                    # the square root missing
        inference_checks.proportion_se_simulation(rng(), 400, R(1, 5), R(4, 10000))
    pooled, z, se = inference_checks.np_two_proportions(30, 200, 45, 200)
    assert abs(pooled - 0.1875) < 1e-12
    assert abs(z - 0.075 / math.sqrt(0.1875 * 0.8125 * 0.01)) < 1e-9
    assert abs(se - math.sqrt(0.15 * 0.85 / 200 + 0.225 * 0.775 / 200)) < 1e-12


def test_sample_mean_and_power_simulations():
    p = 1 - 0.5 * math.erfc(-1 / math.sqrt(2))                # P(xbar > mu + SE)
    assert inference_checks.sample_mean_simulation(rng(), 50, 12, 36, 52, sympy.oo, p)
    with pytest.raises(SimulationMiss):                    # sigma instead of sigma / sqrt(n)
        inference_checks.sample_mean_simulation(rng(), 50, 12, 36, 52, sympy.oo, 0.4338)
    power = 1 - 0.5 * math.erfc(-(1.96 - 2) / math.sqrt(2))   # effect 0.5 sigma, n = 16
    assert inference_checks.z_power_simulation(rng(), R(1, 2), 16, R(196, 100), power)
    with pytest.raises(SimulationMiss):                    # 1 - alpha
        inference_checks.z_power_simulation(rng(), R(1, 2), 16, R(196, 100), R(975, 1000))
    assert inference_checks.smallest_n_for_power(32, R(1, 2), R(196, 100), R(4, 5))     # (2.802 / 0.5)^2 = 31.4
    with pytest.raises(CheckFailed):                       # rounded down
        inference_checks.smallest_n_for_power(31, R(1, 2), R(196, 100), R(4, 5))


def test_error_statements_and_rates():
    codes = ["reject_true", "keep_false", "reject_false", "keep_true"]
    assert inference_checks.error_statement_matches("type_one", codes, (True, False, False, False))
    with pytest.raises(CheckFailed):                       # the two errors swapped
        inference_checks.error_statement_matches("type_two", codes, (True, False, False, False))
    assert inference_checks.error_rate_simulation(rng(), "type_two", R(5, 100), R(4, 5), R(1, 5))
    with pytest.raises(SimulationMiss):                    # beta taken as the power
        inference_checks.error_rate_simulation(rng(), "type_two", R(5, 100), R(4, 5), R(4, 5))


def test_two_mean_se_simulation():
    # SDs 30 and 20 in groups of 25 and 16: SE = sqrt(900/25 + 400/16) = sqrt(36 + 25) = sqrt(61)
    assert inference_checks.two_mean_se_simulation(rng(), 30, 25, 20, 16, sympy.sqrt(61))
    with pytest.raises(CheckFailed):   # standard errors added: 30/5 + 20/4 = 11
        inference_checks.two_mean_se_simulation(rng(), 30, 25, 20, 16, 11)
    with pytest.raises(CheckFailed):   # the n's forgotten: sqrt(900 + 400)
        inference_checks.two_mean_se_simulation(rng(), 30, 25, 20, 16, sympy.sqrt(1300))


def test_two_mean_interval_matches():
    tstar = R(2131, 1000)                                  # df = 15, upper-tail area 0.025
    half = tstar * sympy.sqrt(61)
    assert inference_checks.two_mean_interval_matches(sympy.Interval(5 - half, 5 + half), 40, 30, 25, 45, 20, 16, tstar)
    with pytest.raises(CheckFailed):   # the difference taken as mean A - mean B
        inference_checks.two_mean_interval_matches(sympy.Interval(-5 - half, -5 + half), 40, 30, 25, 45, 20, 16, tstar)
    with pytest.raises(CheckFailed):   # z* = 1.96 instead of t*
        inference_checks.two_mean_interval_matches(sympy.Interval(5 - R(196, 100) * sympy.sqrt(61), 5 + R(196, 100) * sympy.sqrt(61)),
                                                   40, 30, 25, 45, 20, 16, tstar)
    with pytest.raises(CheckFailed, match="bounded interval"):
        inference_checks.two_mean_interval_matches(sympy.Interval(0, sympy.oo), 40, 30, 25, 45, 20, 16, tstar)
