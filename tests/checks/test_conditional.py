"""The course's conditional checks: each accepts a right key and catches the typical wrong one, independently of the macros."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
import sympy

from mathexams.checks import conditional as conditional_checks
from mathexams.errors import CheckFailed

R = sympy.Rational


def gen(seed: int = 0) -> np.random.Generator:
    return np.random.default_rng(seed)


def test_two_way_records():
    table = [[56, 43, 66], [50, 79, 32]]
    t = conditional_checks.two_way_records(table, 0, 2)
    assert (t.row_given_col, t.col_given_row, t.independent) == (Fraction(66, 98), Fraction(66, 165), False)
    assert conditional_checks.two_way_records([[20, 40, 60], [10, 20, 30]], 0, 1).independent is True


def test_natural_frequencies_and_screening_simulation():
    positives, ppv, p_sick_neg = conditional_checks.natural_frequencies(R(1, 200), R(98, 100), R(82, 100))
    assert positives == 18400 and ppv == Fraction(490, 18400) and p_sick_neg == Fraction(10, 81600)
    with pytest.raises(CheckFailed, match="whole people"):
        conditional_checks.natural_frequencies(R(1, 3), R(1, 2), R(1, 2))
    assert conditional_checks.screening_simulation_agrees(gen(), R(1, 200), R(98, 100), R(82, 100), R(490, 18400))
    with pytest.raises(CheckFailed):   # base-rate neglect: answering the sensitivity
        conditional_checks.screening_simulation_agrees(gen(), R(1, 200), R(98, 100), R(82, 100), R(98, 100))


def test_population_bayes_and_sources_simulation():
    shares, rates = [R(1, 5), R(13, 20), R(3, 20)], [R(1, 50), R(1, 10), R(9, 200)]
    sources = conditional_checks.population_bayes(shares, rates, 2)
    assert sources.p_defect == Fraction(303, 4000) and sources.p_source_given_defect == Fraction(9, 101)
    assert conditional_checks.sources_simulation_agrees(gen(), shares, rates, 2, R(303, 4000), R(9, 101))
    with pytest.raises(CheckFailed, match="P\\(defect\\)"):   # unweighted mean of the rates
        conditional_checks.sources_simulation_agrees(gen(), shares, rates, 2, sum(rates) / 3, R(9, 101))
    with pytest.raises(CheckFailed, match="source"):          # the prior share instead of the posterior
        conditional_checks.sources_simulation_agrees(gen(), shares, rates, 2, R(303, 4000), R(3, 20))
    with pytest.raises(CheckFailed, match="add up"):
        conditional_checks.population_bayes([R(1, 2), R(1, 4)], rates[:2], 0)


def test_coin_posterior_enumeration_and_simulation():
    # prior 1/4, P(H) = 3/4, HHH: (1/4)(27/64) / ((1/4)(27/64) + (3/4)(1/8)) = 9/17
    assert conditional_checks.enumerate_coin_posterior(R(1, 4), R(3, 4), [1, 1, 1]) == Fraction(9, 17)
    assert conditional_checks.enumerate_coin_posterior(R(1, 2), R(2, 3), [1, 0, 1]) == Fraction(32, 59)
    assert conditional_checks.coin_posterior_simulation_agrees(gen(), R(1, 4), R(3, 4), [1, 1, 1], R(9, 17))
    with pytest.raises(CheckFailed):   # re-using the prior
        conditional_checks.coin_posterior_simulation_agrees(gen(), R(1, 4), R(3, 4), [1, 1, 1], R(1, 4))
    with pytest.raises(CheckFailed, match="heads"):
        conditional_checks.enumerate_coin_posterior(R(1, 4), R(3, 4), [1, 2])


# ---- weeks 3-4 urns, naive Bayes, classifiers (bank helper block)

def test_urn_draw_probabilities_by_listing_pairs():
    u = conditional_checks.urn_draw_probabilities(3, 2)              # by hand: 2/4, 3/5 * 2/4, 2 * 3/5 * 2/4
    assert (u.second_red_given_first_red, u.both_red, u.one_each) == (Fraction(1, 2), Fraction(3, 10), Fraction(3, 5))
    assert u.both_red != Fraction(9, 25)                        # the with-replacement value


def test_two_stage_urn_posterior_uses_the_unequal_priors():
    # die faces 1-2 pick urn A (3 red of 5), 3-6 urn B (1 red of 4): (1/3 * 3/5) / (1/3 * 3/5 + 2/3 * 1/4) = 6/11
    assert conditional_checks.two_stage_urn_posterior([2, 4], [3, 1], [5, 4], 0, 1) == Fraction(6, 11)
    assert conditional_checks.two_stage_urn_posterior([2, 4], [3, 1], [5, 4], 1, 0) == 1 - Fraction(1, 3) * Fraction(2, 5) / (
        Fraction(1, 3) * Fraction(2, 5) + Fraction(2, 3) * Fraction(3, 4))
    with pytest.raises(CheckFailed):
        conditional_checks.two_stage_urn_posterior([2, 3], [1, 1], [2, 2], 0, 1)


def test_naive_bayes_enumerate_matches_the_product_formula():
    got = conditional_checks.naive_bayes_enumerate(Fraction(2, 5), Fraction(3, 5), Fraction(1, 10), Fraction(3, 10),
                                            Fraction(1, 2), 1, 0)
    num = Fraction(2, 5) * Fraction(3, 5) * Fraction(7, 10)
    assert got == num / (num + Fraction(3, 5) * Fraction(1, 10) * Fraction(1, 2))


def test_confusion_metrics_and_counted_conditionals():
    m = conditional_checks.np_confusion_metrics(40, 10, 5, 45)
    assert (m.precision, m.recall, m.accuracy, m.specificity) == pytest.approx((40 / 45, 40 / 50, 85 / 100, 45 / 50))
    c = conditional_checks.count_conditionals(Fraction(1, 2), Fraction(2, 5), Fraction(1, 5))
    assert (c.a_given_b, c.b_given_a, c.union) == (Fraction(1, 2), Fraction(2, 5), Fraction(7, 10))


def test_enumerate_given_at_least_one_is_the_two_child_problem():
    g = conditional_checks.enumerate_given_at_least_one(Fraction(1, 2), 2)
    assert (g.all_given_any, g.all_given_first, g.one_given_any) == (Fraction(1, 3), Fraction(1, 2), Fraction(2, 3))
