"""The Monte Carlo policy: the band, its false-alarm rate, and what a miss does to sampling."""

from __future__ import annotations

import math

import numpy as np
import pytest

from mathexams.bank import load_bank
from mathexams.errors import KeyMismatch, SimulationMiss
from mathexams.registry import CHECKS
from mathexams.sampler import sample_question, sample_with_stats
from mathexams.simulation import FALSE_ALARM, STANDARD_ERRORS, agrees, false_alarm_rate, mean_agrees, share_agrees


def test_the_band_is_four_binomial_standard_errors():
    se = math.sqrt(0.25 * 0.75 / 10_000)
    agrees(0.25 + 3.99 * se, 0.25, n=10_000, what="p")
    with pytest.raises(SimulationMiss, match="p: simulation gives 0.2673"):
        agrees(0.25 + 4.01 * se, 0.25, n=10_000, what="p")
    with pytest.raises(SimulationMiss, match="no cases"):
        agrees(0.3, 0.25, n=0, what="conditional share")
    with pytest.raises(SimulationMiss):
        agrees(float("nan"), 0.25, n=100, what="undefined estimate")


def test_the_false_alarm_rate_is_the_normal_tail_beyond_four_standard_errors():
    assert STANDARD_ERRORS == 4
    assert math.isclose(FALSE_ALARM, 6.334e-5, rel_tol=1e-3)
    assert math.isclose(false_alarm_rate(3), 3 * FALSE_ALARM)


def test_the_false_alarm_rate_holds_in_practice():
    # with the band narrowed to 2 standard errors (4.55 % two-sided) the same rule must miss about
    # that often: the standard error it uses is the right one
    rng = np.random.default_rng(5)
    p, n, runs = 0.3, 400, 20_000
    shares = rng.binomial(n, p, size=runs) / n
    se = math.sqrt(p * (1 - p) / n)
    rate = float(np.mean(np.abs(shares - p) > 2 * se))
    assert abs(rate - math.erfc(2 / math.sqrt(2))) < 0.01


def test_share_and_mean_agree_with_their_keys():
    rng = np.random.default_rng(1)
    share_agrees(rng.random(100_000) < 0.2, 0.2, "share")
    mean_agrees(rng.exponential(3.0, 100_000), 3.0, "mean")
    with pytest.raises(SimulationMiss, match="mean"):
        mean_agrees(rng.exponential(3.0, 100_000), 3.1, "mean")


def test_every_simulation_check_states_its_false_alarm_rate():
    simulations = {name: fn for name, fn in CHECKS.items() if fn.simulation}
    assert len(simulations) >= 10
    for name, fn in simulations.items():
        assert "false alarm" in (fn.func.__doc__ or "").lower(), name


# ---------------------------------------------------------------- what a miss does to sampling

MISSES_FOR_A_ONE = """\
  a: randint(1, 8)
  key: cases(a == 1, 1/2, 3/8)"""


def _template(write_template, params: str, tid: str):
    path = write_template(params=params, answer="kind: number\nvalue: key", id=tid,
                          verify="- binomial_pmf_simulation(4, 1/2, 2, answer)")
    return load_bank([path.parent.parent]).get(tid)


def test_a_simulation_miss_rejects_the_draw_and_is_recorded(write_template):
    t = _template(write_template, MISSES_FOR_A_ONE, "calc.test.sometimes_wrong")
    misses = []
    for seed in range(20):
        question, stats = sample_with_stats(t, seed)
        assert question.answer.value == "3/8"          # the draw with the wrong key never survives
        misses.append(stats.simulation_misses)
        assert stats.rejected == stats.simulation_misses
        if stats.simulation_misses:
            assert any("simulation check 'binomial_pmf_simulation(4, 1/2, 2, answer)' missed" in reason
                       for reason in stats.reasons)
        again, again_stats = sample_with_stats(t, seed)  # same seed, same question, same misses
        assert (again, again_stats.reasons) == (question, stats.reasons)
    assert any(misses)                                   # some first draws had a == 1


def test_a_key_that_always_misses_is_a_key_mismatch(write_template):
    t = _template(write_template, "  a: randint(1, 2)\n  key: 1/2", "calc.test.always_wrong")
    with pytest.raises(KeyMismatch, match="3 draws missed their simulation check"):
        sample_question(t, 0)


def test_the_shipped_bank_has_no_simulation_miss_on_the_stress_seeds():
    # the bank stress test checks every template; this pins the policy's count for one of them
    t = load_bank().get("prob.events.dice")
    assert all(sample_with_stats(t, seed)[1].simulation_misses == 0 for seed in range(5))
