"""Macros and independent checks of the weeks 1-6 probability and statistics templates.

Each check is shown to accept the right key and to raise CheckFailed (or disagree) on a wrong one;
each macro is compared with a hand count or a brute-force computation.
"""

from __future__ import annotations

import itertools
import statistics
from collections import Counter
from fractions import Fraction

import numpy as np
import pytest
import sympy

from mathexams.errors import CheckFailed, SimulationMiss
from mathexams.template import CHECKS
from mathexams.checks import prob_early as c
from mathexams.template import FUNCTIONS
from mathexams.macros import prob_early as m
from mathexams.sandbox import SandboxError
from mathexams.seeds import Rng

R = sympy.Rational

PROB_EARLY_IDS = [
    # 1-2/probability
    "prob.events.set_ops", "prob.rules.addition", "prob.events.dice", "prob.counting.hypergeom",
    "prob.events.at_least_one",
    # 3-4/probability
    "prob.cond.two_way_table", "prob.cond.restricted_space", "prob.bayes.diagnostic",
    "prob.bayes.total_probability", "prob.bayes.sequential_update",
    # 5-6/statistics
    "prob.descriptive.centre", "prob.descriptive.variance_sd", "prob.descriptive.quartiles_iqr",
    "prob.descriptive.linear_transform", "prob.descriptive.combine_groups",
]

MACROS = ["random_composition", "data_with_mean_mode", "data_with_outliers", "dice_probability",
          "dice_sum_by_first", "dice_pair_counts", "dice_conditional_draw", "dice_pair_text",
          "numbers_with_property", "property_text", "set_operation", "set_operation_latex",
          "quartiles_halves", "values_outside", "unique_mode", "squared_deviations", "fractions_over",
          "mixture_rows", "decimal_text"]
CHECK_NAMES = ["marked_option_matches", "equal_as_fractions", "count_addition_rule", "enumerate_set_operation",
               "same_integer_set", "enumerate_dice", "simulate_dice_agrees", "enumerate_two_dice_conditional",
               "enumerate_urn", "smallest_n_search", "enumerate_at_least_one", "simulate_at_least_one_agrees", "two_way_records",
               "natural_frequencies", "screening_simulation_agrees", "population_bayes",
               "sources_simulation_agrees", "enumerate_coin_posterior", "coin_posterior_simulation_agrees",
               "counter_mode", "np_quartiles_halves", "np_tukey_outliers", "affine_statistics_np",
               "statements_match", "two_point_combined"]


def gen(seed: int = 0) -> np.random.Generator:
    return np.random.default_rng(seed)


# ---------------------------------------------------------------- registration


def test_macros_and_checks_are_registered_with_a_docstring():
    for name in MACROS:
        assert name in FUNCTIONS, name
        assert FUNCTIONS[name].doc, name
    for name in CHECK_NAMES:
        assert name in CHECKS, name
        assert CHECKS[name].doc, name
    assert FUNCTIONS["random_composition"].needs_rng and FUNCTIONS["dice_conditional_draw"].needs_rng
    assert CHECKS["simulate_dice_agrees"].needs_rng and not CHECKS["enumerate_dice"].needs_rng


# ---------------------------------------------------------------- draws


def test_random_composition_sums_and_respects_the_minimum():
    for seed in range(50):
        parts = m.random_composition(Rng(seed), 20, 3, 2)
        assert len(parts) == 3 and sum(parts) == 20 and min(parts) >= 2
    seen = {tuple(m.random_composition(Rng(s), 4, 4, 1)) for s in range(5)}
    assert seen == {(1, 1, 1, 1)}
    with pytest.raises(SandboxError):
        m.random_composition(Rng(0), 5, 4, 2)


def test_data_with_mean_mode_has_the_mean_and_a_unique_planted_mode():
    for seed in range(40):
        data = m.data_with_mean_mode(Rng(seed), 9, 50, 15, 3)
        assert len(data) == 9 and sum(data) == 450
        counts = Counter(data).most_common()
        assert counts[0][1] == 3 and counts[1][1] == 1
        assert all(35 <= v <= 65 for v in data)


def test_data_with_outliers_plants_values_outside_the_band():
    data = m.data_with_outliers(Rng(3), 12, 60, 80, 1, 2)
    assert len(data) == 12
    assert sum(v < 60 for v in data) == 1 and sum(v > 80 for v in data) == 2
    assert min(data) <= 40 and sorted(data)[-2] >= 100


def test_dice_conditional_draw_gives_usable_pairs_only():
    for seed in range(30):
        ca, pa, cb, pb = m.dice_conditional_draw(Rng(seed))
        na, nb, nab = m.dice_pair_counts(ca, pa, cb, pb)
        assert 0 < nab < nb and nab < na
        assert R(nab, nb) != R(na, 36)


# ---------------------------------------------------------------- dice and sets


@pytest.mark.parametrize("nd", [2, 3])
@pytest.mark.parametrize("kind,params", [(0, range(2, 19)), (1, range(3, 19)), (2, range(1, 7)), (3, [0]),
                                         (4, range(1, 7)), (5, [0]), (6, range(1, 7)), (7, range(2, 18))])
def test_dice_probability_matches_brute_force(nd, kind, params):
    outcomes = list(itertools.product(range(1, 7), repeat=nd))
    tests = {0: lambda o, p: sum(o) == p, 1: lambda o, p: sum(o) >= p, 2: lambda o, p: max(o) <= p,
             3: lambda o, p: len(set(o)) == 1, 4: lambda o, p: p in o, 5: lambda o, p: len(set(o)) == nd,
             6: lambda o, p: min(o) >= p, 7: lambda o, p: sum(o) <= p}
    for p in params:
        brute = R(sum(tests[kind](o, p) for o in outcomes), 6**nd)
        assert m.dice_probability(nd, kind, p) == brute
        assert c.enumerate_dice(nd, kind, p) == Fraction(int(brute.p), int(brute.q))


def test_dice_sum_by_first_splits_the_count():
    assert m.dice_sum_by_first(2, 4) == [1, 1, 1, 0, 0, 0]
    assert sum(m.dice_sum_by_first(3, 10)) == 27
    assert sum(m.dice_sum_by_first(3, 11, 1)) == 108
    assert sum(m.dice_sum_by_first(2, 5, 7)) == 10


def test_simulate_dice_agrees_accepts_the_key_and_rejects_a_wrong_one():
    assert c.simulate_dice_agrees(gen(), 2, 0, 7, R(1, 6))
    with pytest.raises(CheckFailed, match="standard errors|SE"):
        c.simulate_dice_agrees(gen(), 2, 0, 7, R(1, 11))   # "all sums equally likely"


def test_dice_pair_counts_and_conditional_enumeration():
    # A = sum 8, B = at least one even: |A| = 5, |B| = 27, |A and B| = 3 ((2,6), (4,4), (6,2))
    assert m.dice_pair_counts(0, 8, 4, 0) == [5, 27, 3]
    assert c.enumerate_two_dice_conditional(0, 8, 4, 0) == Fraction(3, 27)
    # doubles given sum >= 9: (5,5), (6,6) among 10 outcomes
    assert c.enumerate_two_dice_conditional(2, 0, 1, 9) == Fraction(2, 10)
    assert m.dice_pair_text(3, 6) == "at least one die shows a $6$"
    with pytest.raises(SandboxError):
        m.dice_pair_text(42)


def test_every_pair_event_agrees_between_macro_and_check():
    for code_a in range(10):
        for code_b in range(10):
            na, nb, nab = m.dice_pair_counts(code_a, 4, code_b, 8)
            if nb:
                assert c.enumerate_two_dice_conditional(code_a, 4, code_b, 8) == Fraction(nab, nb)


def test_numbers_with_property_and_set_operations():
    assert m.numbers_with_property(10, 2) == sympy.FiniteSet(2, 3, 5, 7)
    assert m.numbers_with_property(10, 5, 3) == sympy.FiniteSet(3, 6, 9)
    assert m.property_text(4, 6) == "greater than $6$"
    A, B = m.numbers_with_property(10, 0), m.numbers_with_property(10, 4, 6)
    assert m.set_operation(10, A, B, 2) == sympy.FiniteSet(2, 4, 6)
    assert m.set_operation(10, A, B, 3) == sympy.FiniteSet(1, 3, 5)
    assert m.set_operation(10, A, B, 5) == sympy.FiniteSet(1, 2, 3, 4, 5, 6, 7, 9)
    assert m.set_operation_latex(3) == r"(A \cup B)^{c}"
    for op in range(6):
        assert c.enumerate_set_operation(10, 0, 0, 4, 6, op) == sorted(int(k) for k in m.set_operation(10, A, B, op))


def test_same_integer_set_rejects_a_missing_element():
    assert c.same_integer_set(sympy.FiniteSet(1, 3), [3, 1])
    assert c.same_integer_set([], sympy.S.EmptySet)
    with pytest.raises(CheckFailed, match="sets differ"):
        c.same_integer_set(sympy.FiniteSet(1, 3), [1, 3, 5])


# ---------------------------------------------------------------- counting


def test_count_addition_rule():
    union, neither, a_only = c.count_addition_rule(R(3, 5), R(13, 20), R(1, 2))
    assert (union, neither, a_only) == (Fraction(3, 4), Fraction(1, 4), Fraction(1, 10))
    with pytest.raises(CheckFailed, match="inconsistent"):
        c.count_addition_rule(R(1, 4), R(1, 4), R(1, 2))


def test_equal_as_fractions():
    assert c.equal_as_fractions(R(1, 3), Fraction(1, 3))
    assert c.equal_as_fractions([R(1, 2), 3], [Fraction(1, 2), Fraction(3)])
    with pytest.raises(CheckFailed):
        c.equal_as_fractions(R(1, 3), Fraction(1, 4))
    with pytest.raises(CheckFailed):
        c.equal_as_fractions(0.5, Fraction(1, 2))   # binary floats are not exact values


def test_enumerate_urn_and_marked_option_matches():
    key = sympy.binomial(5, 2) * sympy.binomial(4, 1) / sympy.binomial(9, 3)   # 10/21
    assert c.enumerate_urn(5, 4, 3, 2) == Fraction(int(key.p), int(key.q))
    with_replacement = 3 * R(5, 9)**2 * R(4, 9)
    values = [key, with_replacement, key / 3, sympy.binomial(5, 2) / sympy.binomial(9, 3)]
    assert c.marked_option_matches((True, None, None, None), values, c.enumerate_urn(5, 4, 3, 2))
    with pytest.raises(CheckFailed, match="marked"):
        c.marked_option_matches((None, True, None, None), values, c.enumerate_urn(5, 4, 3, 2))


def test_smallest_n_search_and_at_least_one_simulation():
    assert c.smallest_n_search(R(1, 4), R(9, 10)) == 9          # (3/4)^8 = 0.1001 > 0.1
    assert c.smallest_n_search(R(1, 6), R(1, 2)) == 4
    assert c.simulate_at_least_one_agrees(gen(), R(1, 6), 4, 1 - R(5, 6)**4)
    assert c.enumerate_at_least_one(R(1, 6), 4) == 1 - Fraction(5, 6)**4
    assert c.enumerate_at_least_one(R(1, 4), 2) == Fraction(7, 16) != Fraction(2, 4)
    with pytest.raises(CheckFailed):
        c.simulate_at_least_one_agrees(gen(), R(1, 6), 4, R(4, 6))   # the n*p mistake


# ---------------------------------------------------------------- conditional probability and Bayes


def test_two_way_records():
    table = [[56, 43, 66], [50, 79, 32]]
    p_row_given_col, p_col_given_row, independent = c.two_way_records(table, 0, 2)
    assert (p_row_given_col, p_col_given_row, independent) == (Fraction(66, 98), Fraction(66, 165), False)
    assert c.two_way_records([[20, 40, 60], [10, 20, 30]], 0, 1)[2] is True


def test_natural_frequencies_and_screening_simulation():
    positives, ppv, p_sick_neg = c.natural_frequencies(R(1, 200), R(98, 100), R(82, 100))
    assert positives == 18400 and ppv == Fraction(490, 18400) and p_sick_neg == Fraction(10, 81600)
    with pytest.raises(CheckFailed, match="whole people"):
        c.natural_frequencies(R(1, 3), R(1, 2), R(1, 2))
    assert c.screening_simulation_agrees(gen(), R(1, 200), R(98, 100), R(82, 100), R(490, 18400))
    with pytest.raises(CheckFailed):   # base-rate neglect: answering the sensitivity
        c.screening_simulation_agrees(gen(), R(1, 200), R(98, 100), R(82, 100), R(98, 100))


def test_population_bayes_and_sources_simulation():
    shares, rates = [R(1, 5), R(13, 20), R(3, 20)], [R(1, 50), R(1, 10), R(9, 200)]
    p_def, p3 = c.population_bayes(shares, rates, 2)
    assert p_def == Fraction(303, 4000) and p3 == Fraction(9, 101)
    assert c.sources_simulation_agrees(gen(), shares, rates, 2, R(303, 4000), R(9, 101))
    with pytest.raises(CheckFailed, match="P\\(defect\\)"):   # unweighted mean of the rates
        c.sources_simulation_agrees(gen(), shares, rates, 2, sum(rates) / 3, R(9, 101))
    with pytest.raises(CheckFailed, match="source"):          # the prior share instead of the posterior
        c.sources_simulation_agrees(gen(), shares, rates, 2, R(303, 4000), R(3, 20))
    with pytest.raises(CheckFailed, match="add up"):
        c.population_bayes([R(1, 2), R(1, 4)], rates[:2], 0)


def test_coin_posterior_enumeration_and_simulation():
    # prior 1/4, P(H) = 3/4, HHH: (1/4)(27/64) / ((1/4)(27/64) + (3/4)(1/8)) = 9/17
    assert c.enumerate_coin_posterior(R(1, 4), R(3, 4), [1, 1, 1]) == Fraction(9, 17)
    assert c.enumerate_coin_posterior(R(1, 2), R(2, 3), [1, 0, 1]) == Fraction(32, 59)
    assert c.coin_posterior_simulation_agrees(gen(), R(1, 4), R(3, 4), [1, 1, 1], R(9, 17))
    with pytest.raises(CheckFailed):   # re-using the prior
        c.coin_posterior_simulation_agrees(gen(), R(1, 4), R(3, 4), [1, 1, 1], R(1, 4))
    with pytest.raises(CheckFailed, match="heads"):
        c.enumerate_coin_posterior(R(1, 4), R(3, 4), [1, 2])


# ---------------------------------------------------------------- descriptive statistics


def test_quartiles_halves_macro_and_numpy_check_agree_with_the_convention():
    odd = [62, 66, 67, 69, 70, 72, 73, 74, 77]
    assert m.quartiles_halves(odd) == [R(133, 2), R(147, 2)]        # median 70 excluded
    assert c.np_quartiles_halves(odd) == [66.5, 73.5]
    even = [1, 2, 3, 4, 5, 6, 7, 8]
    assert m.quartiles_halves(even) == [R(5, 2), R(13, 2)]
    assert c.np_quartiles_halves(even) == [2.5, 6.5]
    # NumPy's default (linear interpolation) differs: the convention matters
    assert np.percentile(odd, 25) != 66.5


def test_outliers_values_outside_and_tukey_check():
    data = [61, 62, 62, 64, 67, 67, 69, 70, 73, 73, 74, 76, 77, 112, 121]
    assert m.values_outside(data, 46, 94) == [112, 121]
    assert c.np_tukey_outliers(data, 64, 76) == [112.0, 121.0]
    assert m.values_outside(data, 46, 121) == []          # strictly outside only


def test_unique_mode_and_counter_mode():
    assert m.unique_mode([3, 5, 5, 7]) == 5
    assert c.counter_mode([3, 5, 5, 7]) == Fraction(5)
    with pytest.raises(SandboxError):
        m.unique_mode([3, 3, 5, 5])
    with pytest.raises(CheckFailed, match="no unique mode"):
        c.counter_mode([3, 3, 5, 5])


def test_squared_deviations_and_decimal_text():
    assert m.squared_deviations([42, 45, 43, 48, 49, 49]) == [16, 1, 9, 4, 9, 9]
    assert sum(m.squared_deviations([1, 2, 4])) == R(14, 3)
    assert m.decimal_text(R(133, 2)) == "66.5"
    assert m.decimal_text(R(-9, 4)) == "-2.25"
    assert m.decimal_text(7) == "7"
    assert m.decimal_text(R(1, 3)) == r"\frac{1}{3}"


def test_fractions_over_and_mixture_rows():
    assert m.fractions_over([3, 5], 20) == [R(3, 20), R(1, 4)]
    rows = m.mixture_rows([R(1, 2), R(1, 2)], [R(1, 10), R(1, 20)])
    assert rows == [(1, R(1, 2), R(1, 10), R(1, 20), "+"), (2, R(1, 2), R(1, 20), R(1, 40), "")]
    with pytest.raises(SandboxError):
        m.mixture_rows([R(1, 2)], [])


def test_affine_statistics_and_statements_match():
    a, b = R(-2), 5
    actual = c.affine_statistics_np(gen(), a, b, 40, 6, 38, 8)
    assert actual == pytest.approx([-75, -71, 12, 144, 16], rel=1e-9)
    shown = [-75, -76, 12, 144 + 5, 16 + 5]       # second: forgot b; fourth: var + b; fifth: IQR + b
    assert c.statements_match((True, False, True, False, False), shown, actual)
    with pytest.raises(CheckFailed, match="statement 4"):
        c.statements_match((True, False, True, False, True), shown, actual)


def test_two_point_combined_and_variance_by_numpy():
    mean, sd = c.two_point_combined(29, 42, 8, 31, 48, 6)
    var = (29 * (64 + (42 - R(451, 10))**2) + 31 * (36 + (48 - R(451, 10))**2)) / 60
    assert mean == pytest.approx(45.1) and sd == pytest.approx(float(sympy.sqrt(var)))
    with pytest.raises(CheckFailed):
        c.two_point_combined(1, 42, 8, 31, 48, 6)
    data = [42, 45, 43, 48, 49, 49]
    assert statistics.variance(data) == pytest.approx(float(sum(m.squared_deviations(data)) / 5))


# ---------------------------------------------------------------- the templates themselves


PROB_EARLY_FILES = [
    "events_set_ops", "rules_addition", "events_dice", "counting_hypergeom", "events_at_least_one",
    "cond_two_way_table", "cond_restricted_space", "bayes_diagnostic", "bayes_total_probability",
    "bayes_sequential_update", "descriptive_centre", "descriptive_variance_sd", "descriptive_quartiles_iqr",
    "descriptive_linear_transform", "descriptive_combine_groups",
]


@pytest.mark.parametrize("template_id,stem", list(zip(PROB_EARLY_IDS, PROB_EARLY_FILES)))
def test_templates_sample_verify_and_vary(template_id, stem):
    from mathexams.bank import DEFAULT_BANK, read_template
    from mathexams.stress import stress_template

    template = read_template(DEFAULT_BANK / "probability" / f"{stem}.yaml")
    assert template.id == template_id
    report = stress_template(template, range(25))
    assert report.ok, report.failures
    assert report.distinct >= 12
    assert report.rejection_rate < 0.3


def test_a_missed_simulation_is_never_rerun():
    runs = iter([[(0.30, 0.25, 100_000, "first")], [(0.2501, 0.25, 100_000, "second")]])
    with pytest.raises(SimulationMiss, match="first"):       # the miss rejects the draw at once
        c._simulation_agrees(lambda: next(runs))
