"""The course's distributions macros: each keeps its promise on many draws (exactness, ranges, structure, records)."""

from __future__ import annotations

import numpy as np
import pytest
import sympy

from mathexams.macros import distributions, sequences
from mathexams.sandbox import SandboxError
from mathexams.seeds import Rng

R = sympy.Rational

SEEDS = range(60)


def test_pmf_probabilities_are_positive_and_add_to_one():
    for s in SEEDS:
        ps = distributions.pmf_probabilities(Rng(s), 5, 12)
        assert len(ps) == 5 and sum(ps) == 1 and all(p > 0 and (12 * p).is_integer for p in ps)
    with pytest.raises(SandboxError):
        distributions.pmf_probabilities(Rng(0), 6, 5)


def test_pmf_moments_tail_and_set_entry():
    vals, probs = [0, 1, 3], [R(1, 2), R(1, 4), R(1, 4)]
    assert distributions.pmf_moment(vals, probs, 1) == 1
    assert distributions.pmf_moment(vals, probs, 2) == R(5, 2)
    assert distributions.pmf_tail(vals, probs, 1) == R(1, 2)
    assert sequences.with_entry(probs, 0, 0) == [0, R(1, 4), R(1, 4)] and probs[0] == R(1, 2)


def test_pmf_table_hides_the_missing_entry_and_prints_decimals_or_fractions():
    table = distributions.pmf_table([-1, 2, 5], [R(3, 10), R(1, 12), R(37, 60)], 2, "q")
    assert "$-1$ & $2$ & $5$" in table
    assert "$0.3$" in table and r"$\tfrac{1}{12}$" in table and "$q$" in table and "37" not in table


def test_closed_form_probabilities_agree_with_numpy_simulation():
    rng = np.random.default_rng(0)
    sample = rng.binomial(10, 0.3, 200_000)
    assert abs(float(distributions.binomial_cdf(10, sympy.Rational(3, 10), 3)) - np.mean(sample <= 3)) < 0.005
    normal = rng.normal(50, 10, 200_000)
    assert abs(float(distributions.normal_cdf(62, 50, 10)) - np.mean(normal <= 62)) < 0.005
    poisson = rng.poisson(2.5, 200_000)
    assert abs(float(distributions.poisson_cdf(sympy.Rational(5, 2), 2)) - np.mean(poisson <= 2)) < 0.005


def test_binomial_pmf_and_z_values():
    assert distributions.binomial_pmf(4, sympy.Rational(1, 2), 2) == sympy.Rational(3, 8)
    assert distributions.binomial_pmf(4, sympy.Rational(1, 2), 5) == 0
    assert sum(distributions.binomial_pmf(5, sympy.Rational(1, 3), k) for k in range(6)) == 1
    for s in range(50):
        z = distributions.table_z(Rng(s), -1, 1)
        assert z != 0 and -1 <= z <= 1 and (z * 100).is_integer


# ---- printed tables and the weeks 7-10 distribution helpers (bank-prob2) ----

import math

from mathexams.macros import decimals as decimal_macros


def test_phi_table_is_erf_rounded_to_four_decimals_and_symmetric():
    for h in range(-349, 350, 7):
        z = R(h, 100)
        exact = 0.5 * math.erfc(-h / 100 / math.sqrt(2))
        assert abs(float(distributions.phi_table(z)) - exact) <= 0.5e-4 + 1e-12
        assert distributions.phi_table(z) + distributions.phi_table(-z) == 1
    assert distributions.phi_table(R(196, 100)) == R(9750, 10000)      # the textbook entry
    with pytest.raises(SandboxError):
        distributions.phi_table(R(1234, 1000))                          # three decimals: not a table entry
    with pytest.raises(SandboxError):
        distributions.phi_table(4)


def test_z_table_prints_the_rows_a_lookup_needs():
    text = distributions.z_table([R(123, 100), R(-5, 100)], 0)
    assert "$1.2$ & $0.8849$ & $0.8869$ & $0.8888$ & $0.8907$" in text      # Phi(1.23) = 0.8907
    assert "$0.0$ & $0.5000$" in text and "$1.1$" not in text
    assert "$1.1$" in distributions.z_table([R(123, 100)], 1)
    with pytest.raises(SandboxError):
        distributions.z_table([R(k, 10) for k in range(0, 34, 3)], 1)     # more than 8 rows


@pytest.mark.parametrize("q, z", [("0.95", "1.645"), ("0.975", "1.96"), ("0.995", "2.576"), ("0.9", "1.282"),
                                  ("0.99", "2.326"), ("0.8", "0.842"), ("0.75", "0.674"), ("0.025", "-1.96")])
def test_z_quantiles_are_the_textbook_values(q, z):
    assert distributions.z_quantile(R(q)) == R(z)


@pytest.mark.parametrize("df, area, t", [(1, "0.025", "12.706"), (5, "0.025", "2.571"), (9, "0.005", "3.25"),
                                         (14, "0.05", "1.761"), (30, "0.01", "2.457"), (2, "0.1", "1.886")])
def test_t_quantiles_are_the_textbook_values(df, area, t):
    assert distributions.t_quantile(df, R(area)) == R(t)


def test_t_table_has_the_rows_around_df_and_the_z_row():
    text = distributions.t_table([9], 1)
    assert "$9$ & $1.383$ & $1.833$ & $2.262$ & $2.821$ & $3.250$" in text
    assert "$8$ &" in text and "$10$ &" in text and "$11$ &" not in text
    assert "$1.282$ & $1.645$ & $1.960$ & $2.326$ & $2.576$" in text
    with pytest.raises(SandboxError):
        distributions.t_quantile(5, R(3, 100))


def test_binomial_between_and_numeric_pmf():
    assert distributions.binomial_between(4, R(1, 2), 1, 2) == R(10, 16)
    assert distributions.binomial_between(4, R(1, 2), -3, 9) == 1
    big = distributions.binomial_pmf_numeric(1000, R(3, 1000), 2)
    log_pmf = math.lgamma(1001) - math.lgamma(3) - math.lgamma(999) + 2 * math.log(0.003) + 998 * math.log(0.997)
    assert abs(float(big) - math.exp(log_pmf)) < 1e-12


def test_model_scenarios_put_the_right_model_first_with_distinct_options():
    seen = set()
    for s in range(200):
        m = distributions.model_scenario(Rng(s))
        seen.add(m.mechanism)
        assert m.family == m.families[0] and len(set(m.options)) == 4
        assert all(f in distributions.MODEL_FAMILIES for f in m.families)
    assert seen == {"fixed_trials", "events_in_window", "until_success", "periodic_wait", "small_effects"}


def test_significant_figures():
    assert decimal_macros.sig_places(R(1234, 100000), 2) == 3
    assert decimal_macros.sig_places(R(99996, 100000), 4) == 3        # rounds up to 1.000
    assert decimal_macros.sig_places(1234, 4) == 0
    assert decimal_macros.sig_decimal(R(9, 128), 4) == sympy.Float("0.07031", 15)
    with pytest.raises(SandboxError):
        decimal_macros.sig_places(0, 4)
    assert decimal_macros.decimal_list_text([R(55, 2), 23, R(-1, 10)], 1) == "27.5, 23.0, -0.1"


def test_sqrt_decimal_rounds_like_the_exact_root():
    for a in [R(2), R(1, 3), R(123456, 789), R(0), R(9, 4), R(10**12 + 1, 7)]:
        for places in (0, 3, 12):
            exact = sympy.sqrt(a)
            got = decimal_macros.sqrt_decimal(a, places)
            assert abs(got - exact) <= R(1, 2 * 10**places) and (got * 10**places).is_integer
    with pytest.raises(SandboxError):
        decimal_macros.sqrt_decimal(-1, 3)


def test_normal_density_points_integrate_to_one():
    xs, ys = distributions.normal_density_points(2, 3, -16, 20, 361)
    assert abs(np.trapezoid(ys, xs) - 1) < 1e-4 and xs[0] == -16 and xs[-1] == 20
    assert max(ys) == ys[180] and abs(ys[180] - 1 / (3 * np.sqrt(2 * np.pi))) < 1e-12
