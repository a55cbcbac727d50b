"""The course's events macros: each keeps its promise on many draws (exactness, ranges, structure, records)."""

from __future__ import annotations

import pytest
import sympy

from mathexams.macros import events, sequences
from mathexams.sandbox import SandboxError
from mathexams.seeds import Rng

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


# ---- weeks 1-2 rules, counting and sample spaces (bank helper block)

def test_two_event_probabilities_keep_their_relation_and_fit_a_whole_sample_space():
    for seed in range(60):
        for relation in events.EVENT_RELATIONS:
            ev = events.two_event_probabilities(Rng(seed), relation)
            assert 0 < ev.p_a < 1 and 0 < ev.p_b < 1 and ev.p_a + ev.p_b - ev.p_ab < 1
            assert 0 <= ev.p_ab <= min(ev.p_a, ev.p_b)
            assert (ev.p_ab == ev.p_a * ev.p_b) == (relation == "independent")
            assert (ev.p_ab == 0) == (relation == "disjoint")
            assert ev.size >= 20 and all((p * ev.size).is_Integer for p in (ev.p_a, ev.p_b, ev.p_ab))


def test_word_arrangements_divide_by_the_repeats():
    rec = events.word_arrangements("BANANA")           # 6!/(3! 2!) by hand
    assert (rec.n, rec.count, rec.naive, rec.repeats_latex) == (6, 60, 720, r"2!\,3!")
    assert all(any(w.count(c) > 1 for c in w) and 5 <= len(w) <= 8 for w in events.ARRANGEMENT_WORDS)
    with pytest.raises(SandboxError):
        events.word_arrangements("QUIZ")


def test_axiom_claims_have_the_truth_asked_for():
    # spot values by hand: P(A) = 0.3, P(B) = 0.5 allow P(A or B) in [0.5, 0.8] only
    assert events._claim_truth("union_possible", R(3, 10), R(1, 2), R(4, 5))
    assert not events._claim_truth("union_possible", R(3, 10), R(1, 2), R(17, 20))
    assert not events._claim_truth("disjoint_possible", R(3, 5), R(1, 2), 0)
    for seed in range(20):
        for kind in events.AXIOM_CLAIMS:
            for truth in (True, False):
                claim = events.axiom_claim(Rng(seed), kind, truth)
                assert claim.truth == truth and "{" not in claim.text.replace("^{c}", "")


def test_two_stage_event_lists_ordered_pairs():
    assert events.two_stage_event(3, 4, "sum_equals", 5) == sympy.FiniteSet(
        sympy.Tuple(1, 4), sympy.Tuple(2, 3), sympy.Tuple(3, 2))
    assert len(events.two_stage_event(4, 6, "same_number")) == 4
    assert "at least $7$" in events.stage_event_text("sum_at_least", 7)


def test_birthday_threshold_is_the_classic_23():
    assert events.birthday_threshold(365, R(1, 2)) == 23
    assert events.birthday_threshold(12, R(1, 2)) == 5


def test_card_counts_match_a_listed_deck():
    c = events.card_counts("heart", "face")
    assert (c.a, c.b, c.both) == (13, 12, 3)
    c = events.card_counts("red", "ace")
    assert (c.a, c.b, c.both) == (26, 4, 2)
    assert events.card_event_text("king") == "a king"
