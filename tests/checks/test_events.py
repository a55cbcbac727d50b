"""The course's events checks: each accepts a right key and catches the typical wrong one, independently of the macros."""

from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np
import pytest
import sympy

from mathexams.checks import comparisons as comparisons_checks
from mathexams.checks import events as events_checks
from mathexams.errors import CheckFailed, SimulationMiss
from mathexams.macros import events
from mathexams.sandbox import SandboxError
from mathexams.seeds import Rng

R = sympy.Rational


def gen(seed: int = 0) -> np.random.Generator:
    return np.random.default_rng(seed)


def test_the_event_catalogues_of_macros_and_checks_name_the_same_events():
    assert set(events.DICE_EVENTS) == set(events_checks.DICE_EVENT_TESTS)
    assert set(events.PAIR_EVENTS) == set(events_checks.PAIR_EVENT_TESTS)
    assert set(events.PROPERTIES) == set(events_checks.PROPERTY_TESTS)
    assert set(events.SET_OPERATIONS) == set(events_checks.SET_OPERATION_RULES)


@pytest.mark.parametrize("nd", [2, 3])


@pytest.mark.parametrize("event,params", [("sum_equals", range(2, 19)), ("sum_at_least", range(3, 19)),
                                          ("max_at_most", range(1, 7)), ("all_equal", [0]),
                                          ("some_die_shows", range(1, 7)), ("all_different", [0]),
                                          ("min_at_least", range(1, 7)), ("sum_at_most", range(2, 18))])


def test_dice_probability_matches_brute_force(nd, event, params):
    outcomes = list(itertools.product(range(1, 7), repeat=nd))
    tests = {"sum_equals": lambda o, p: sum(o) == p, "sum_at_least": lambda o, p: sum(o) >= p,
             "max_at_most": lambda o, p: max(o) <= p, "all_equal": lambda o, p: len(set(o)) == 1,
             "some_die_shows": lambda o, p: p in o, "all_different": lambda o, p: len(set(o)) == nd,
             "min_at_least": lambda o, p: min(o) >= p, "sum_at_most": lambda o, p: sum(o) <= p}
    for p in params:
        brute = R(sum(tests[event](o, p) for o in outcomes), 6**nd)
        assert events.dice_probability(nd, event, p) == brute
        assert events_checks.enumerate_dice(nd, event, p) == Fraction(int(brute.p), int(brute.q))


def test_an_unknown_event_is_refused_by_name():
    with pytest.raises(SandboxError, match="unknown event 'sum_is'"):
        events.dice_probability(2, "sum_is", 7)
    with pytest.raises(CheckFailed, match="unknown dice event 'sum_is'"):
        events_checks.enumerate_dice(2, "sum_is", 7)


def test_simulate_dice_agrees_accepts_the_key_and_rejects_a_wrong_one():
    assert events_checks.simulate_dice_agrees(gen(), 2, "sum_equals", 7, R(1, 6))
    with pytest.raises(SimulationMiss, match="standard errors"):
        events_checks.simulate_dice_agrees(gen(), 2, "sum_equals", 7, R(1, 11))   # "all sums equally likely"


def test_dice_pair_counts_and_conditional_enumeration():
    # A = sum 8, B = at least one even: |A| = 5, |B| = 27, |A and B| = 3 ((2,6), (4,4), (6,2))
    c = events.dice_pair_counts("sum_equals", 8, "some_die_even", 0)
    assert (c.a, c.b, c.both) == (5, 27, 3)
    assert events_checks.enumerate_two_dice_conditional("sum_equals", 8, "some_die_even", 0) == Fraction(3, 27)
    # doubles given sum >= 9: (5,5), (6,6) among 10 outcomes
    assert events_checks.enumerate_two_dice_conditional("doubles", 0, "sum_at_least", 9) == Fraction(2, 10)
    assert events.dice_pair_text("some_die_shows", 6) == "at least one die shows a $6$"
    with pytest.raises(SandboxError):
        events.dice_pair_text("no_such_event")


def test_every_pair_event_agrees_between_macro_and_check():
    for event_a in events.PAIR_EVENTS:
        for event_b in events.PAIR_EVENTS:
            for pa, pb in ((4, 8), (6, 3)):
                c = events.dice_pair_counts(event_a, pa, event_b, pb)
                if c.b:
                    assert events_checks.enumerate_two_dice_conditional(event_a, pa, event_b, pb) == Fraction(c.both, c.b)


def test_numbers_with_property_and_set_operations():
    assert events.numbers_with_property(10, "prime") == sympy.FiniteSet(2, 3, 5, 7)
    assert events.numbers_with_property(10, "multiple_of", 3) == sympy.FiniteSet(3, 6, 9)
    assert events.property_text("greater_than", 6) == "greater than $6$"
    A, B = events.numbers_with_property(10, "even"), events.numbers_with_property(10, "greater_than", 6)
    assert events.set_operation(10, A, B, "a_minus_b") == sympy.FiniteSet(2, 4, 6)
    assert events.set_operation(10, A, B, "neither") == sympy.FiniteSet(1, 3, 5)
    assert events.set_operation(10, A, B, "not_both") == sympy.FiniteSet(1, 2, 3, 4, 5, 6, 7, 9)
    assert events.set_operation_latex("neither") == r"(A \cup B)^{c}"
    for op in events.SET_OPERATIONS:
        assert events_checks.enumerate_set_operation(10, "even", 0, "greater_than", 6, op) == \
            sorted(int(k) for k in events.set_operation(10, A, B, op))


def test_count_addition_rule():
    union, neither, a_only = events_checks.count_addition_rule(R(3, 5), R(13, 20), R(1, 2))
    assert (union, neither, a_only) == (Fraction(3, 4), Fraction(1, 4), Fraction(1, 10))
    with pytest.raises(CheckFailed, match="inconsistent"):
        events_checks.count_addition_rule(R(1, 4), R(1, 4), R(1, 2))


def test_enumerate_urn_and_marked_option_matches():
    key = sympy.binomial(5, 2) * sympy.binomial(4, 1) / sympy.binomial(9, 3)   # 10/21
    assert events_checks.enumerate_urn(5, 4, 3, 2) == Fraction(int(key.p), int(key.q))
    with_replacement = 3 * R(5, 9)**2 * R(4, 9)
    values = [key, with_replacement, key / 3, sympy.binomial(5, 2) / sympy.binomial(9, 3)]
    assert comparisons_checks.marked_options_match((True, None, None, None), values, events_checks.enumerate_urn(5, 4, 3, 2))
    with pytest.raises(CheckFailed, match="the key marks options \\[1\\], the options equal to it are \\[0\\]"):
        comparisons_checks.marked_options_match((None, True, None, None), values, events_checks.enumerate_urn(5, 4, 3, 2))


def test_smallest_n_search_and_at_least_one_simulation():
    assert events_checks.smallest_n_search(R(1, 4), R(9, 10)) == 9          # (3/4)^8 = 0.1001 > 0.1
    assert events_checks.smallest_n_search(R(1, 6), R(1, 2)) == 4
    assert events_checks.simulate_at_least_one_agrees(gen(), R(1, 6), 4, 1 - R(5, 6)**4)
    assert events_checks.enumerate_at_least_one(R(1, 6), 4) == 1 - Fraction(5, 6)**4
    assert events_checks.enumerate_at_least_one(R(1, 4), 2) == Fraction(7, 16) != Fraction(2, 4)
    with pytest.raises(SimulationMiss):
        events_checks.simulate_at_least_one_agrees(gen(), R(1, 6), 4, R(4, 6))   # the n*p mistake


def test_a_missed_simulation_is_never_rerun():
    runs = iter([[(0.30, 0.25, 100_000, "first")], [(0.2501, 0.25, 100_000, "second")]])
    with pytest.raises(SimulationMiss, match="first"):       # the miss rejects the draw at once
        events_checks.estimates_agree(lambda: next(runs))


# ---- weeks 1-2 rules, counting and sample spaces (bank helper block)

def test_count_independence_tells_independent_from_disjoint():
    rel = events_checks.count_independence(R(1, 2), R(1, 3), R(1, 6))
    assert rel.independent and not rel.disjoint and rel.product == Fraction(1, 6)
    rel = events_checks.count_independence(R(2, 5), R(1, 2), 0)
    assert rel.disjoint and not rel.independent          # mutually exclusive is not independent
    with pytest.raises(CheckFailed):
        events_checks.count_independence(R(1, 2), R(1, 3), R(1, 2))


def test_counting_checks_agree_with_formulas():
    assert events_checks.count_arrangements("LETTER") == 180           # 6!/(2! 2!)
    assert events_checks.count_selections("committee", 7, 3) == 35
    assert events_checks.count_selections("officers", 7, 3) == 210
    assert events_checks.count_selections("committee_with_chair", 6, 3) == 60
    assert events_checks.count_selections("code_with_repetition", 5, 3) == 125
    assert events_checks.count_selections("code_without_repetition", 5, 3) == 60
    with pytest.raises(CheckFailed):
        events_checks.count_selections("jury", 5, 3)


def test_birthday_checks():
    assert abs(events_checks.birthday_float_product(365, 23) - 0.492703) < 1e-6
    assert events_checks.birthday_smallest_group(365, R(1, 2)) == 23
    p = 1 - events_checks.birthday_float_product(30, 6)
    assert events_checks.birthday_simulation_agrees(np.random.default_rng(1), 30, 6, R(p).limit_denominator(10**9))
    with pytest.raises(SimulationMiss):
        events_checks.birthday_simulation_agrees(np.random.default_rng(1), 30, 6, R(6, 30))   # k/N mistake


def test_count_divisible_by_loop_matches_inclusion_exclusion():
    assert events_checks.count_divisible(100, [4, 6], "any") == 25 + 16 - 8        # lcm 12, not 24
    assert events_checks.count_divisible(100, [4, 6], "exactly_one") == 25 + 16 - 16
    assert events_checks.count_divisible(100, [4, 6], "none") == 100 - 33


def test_axiom_claim_holds_agrees_with_the_rules():
    for seed in range(15):
        for kind in events.AXIOM_CLAIMS:
            for truth in (True, False):
                c = events.axiom_claim(Rng(seed), kind, truth)
                assert events_checks.axiom_claim_holds(kind, c.a, c.b, c.c) == truth


def test_enumerate_two_stage_and_venn_people():
    assert events_checks.enumerate_two_stage(2, 6, "both_odd") == [(1, 1), (1, 3), (1, 5)]
    v = events_checks.venn_people([5, 4, 3, 2, 2, 1, 1, 10])
    assert (v.none, v.exactly_one, v.exactly_two, v.all_three) == (10, 12, 5, 1)
    assert comparisons_checks.same_tuple_set([sympy.Tuple(1, 2)], [(1, 2)])
    with pytest.raises(CheckFailed):
        comparisons_checks.same_tuple_set([(1, 2)], [(2, 1)])


def test_enumerate_cards_by_hand_values():
    c = events_checks.enumerate_cards("heart", "face")       # 13 + 12 - 3 = 22 of 52
    assert (c.union, c.a_not_b) == (Fraction(22, 52), Fraction(10, 52))
    assert events_checks.enumerate_cards("spade", "red").union == Fraction(39, 52)      # disjoint: add
