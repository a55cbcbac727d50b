"""The course's inference checks: each accepts a right key and catches the typical wrong one, independently of the macros."""

from __future__ import annotations

import pytest
import sympy

from mathexams.errors import CheckFailed, SimulationMiss
from mathexams.checks import inference as inference_checks
from draw_helpers import rng

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
