"""The stress test over the whole shipped bank: every template, 25 seeds, keys verified independently."""

from __future__ import annotations

import os

import pytest

from mathexams.bank import load_bank
from mathexams.stress import stress_bank

pytestmark = pytest.mark.slow   # about 11 s on two cores: `make test` runs it, `make test-fast` does not

SEEDS = list(range(25))
IDS = load_bank().ids()


@pytest.fixture(scope="module")
def reports(bank):
    jobs = min(2, os.cpu_count() or 1)
    return {r.template_id: r for r in stress_bank(list(bank), SEEDS, jobs=jobs)}


@pytest.mark.parametrize("template_id", IDS)
def test_template_is_sound_over_25_seeds(reports, template_id):
    report = reports[template_id]
    assert report.failures == []
    assert report.seeds == len(SEEDS)
    # 25 seeds of a template that can produce 50+ questions rarely collide more than a few times
    assert report.distinct >= 15, f"only {report.distinct} distinct questions in {len(SEEDS)} seeds"
    assert report.rejection_rate < 0.9
    # a right key misses a simulation band about once in 16 000 checks: on these fixed seeds, never
    assert report.simulation_misses == 0
