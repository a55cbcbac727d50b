"""The course's draws macros: each keeps its promise on many draws (exactness, ranges, structure, records)."""

from __future__ import annotations

import pytest

from mathexams.macros import draws
from mathexams.sandbox import SandboxError
from mathexams.seeds import Rng

SEEDS = range(60)


def test_random_composition_sums_and_respects_the_minimum():
    for seed in range(50):
        parts = draws.random_composition(Rng(seed), 20, 3, 2)
        assert len(parts) == 3 and sum(parts) == 20 and min(parts) >= 2
    seen = {tuple(draws.random_composition(Rng(s), 4, 4, 1)) for s in range(5)}
    assert seen == {(1, 1, 1, 1)}
    with pytest.raises(SandboxError):
        draws.random_composition(Rng(0), 5, 4, 2)


def test_nonzero_never_draws_zero_and_covers_the_range():
    values = {draws.nonzero(Rng(s), -3, 3) for s in range(300)}
    assert values == {-3, -2, -1, 1, 2, 3}
    with pytest.raises(SandboxError, match="no non-zero"):
        draws.nonzero(Rng(0), 0, 0)


def test_rational_respects_bounds_and_denominators():
    for s in SEEDS:
        r = draws.rational(Rng(s), -2, 2, [2, 3])
        assert -2 <= r <= 2 and r.q in (2, 3)


def test_distinct_ints_are_distinct():
    for s in SEEDS:
        v = draws.distinct_ints(Rng(s), 1, 10, 6)
        assert len(set(v)) == 6 and all(1 <= a <= 10 for a in v)
    with pytest.raises(SandboxError):
        draws.distinct_ints(Rng(0), 1, 3, 5)


def test_nice_probability_is_strictly_between_zero_and_one():
    for s in SEEDS:
        p = draws.nice_probability(Rng(s))
        assert 0 < p < 1 and p.q in draws.NICE_DENOMINATORS


def test_signed_and_shuffle():
    values = {draws.signed(Rng(s), 2, 3) for s in range(100)}
    assert values == {-3, -2, 2, 3}
    assert sorted(draws.shuffle(Rng(4), [1, 2, 3, 4])) == [1, 2, 3, 4]
    with pytest.raises(SandboxError):
        draws.signed(Rng(0), 0, 3)
