"""The course's events macros: each keeps its promise on many draws (exactness, ranges, structure, records)."""

from __future__ import annotations

import pytest
import sympy

from mathexams.sandbox import SandboxError
from mathexams.seeds import Rng
from mathexams.macros import events
from mathexams.macros import sequences

R = sympy.Rational


def test_dice_conditional_draw_gives_usable_pairs_only():
    for seed in range(30):
        d = events.dice_conditional_draw(Rng(seed))
        assert d.event in events.PAIR_EVENTS and d.condition in events.PAIR_EVENTS
        c = events.dice_pair_counts(d.event, d.event_param, d.condition, d.condition_param)
        na, nb, nab = c.a, c.b, c.both
        assert 0 < nab < nb and nab < na
        assert R(nab, nb) != R(na, 36)


def test_dice_sum_by_first_splits_the_count():
    assert events.dice_sum_by_first(2, 4) == [1, 1, 1, 0, 0, 0]
    assert sum(events.dice_sum_by_first(3, 10)) == 27
    assert sum(events.dice_sum_by_first(3, 11, "sum_at_least")) == 108
    assert sum(events.dice_sum_by_first(2, 5, "sum_at_most")) == 10
    with pytest.raises(SandboxError, match="unknown event 'sum_at_leest'"):
        events.dice_sum_by_first(2, 5, "sum_at_leest")


def test_fractions_over_and_mixture_rows():
    assert sequences.fractions_over([3, 5], 20) == [R(3, 20), R(1, 4)]
    rows = events.mixture_rows([R(1, 2), R(1, 2)], [R(1, 10), R(1, 20)])
    assert [(r.k, r.share, r.rate, r.joint, r.plus) for r in rows] == [(1, R(1, 2), R(1, 10), R(1, 20), "+"),
                                                                        (2, R(1, 2), R(1, 20), R(1, 40), "")]
    with pytest.raises(SandboxError):
        events.mixture_rows([R(1, 2)], [])
