"""The course's distributions macros: each keeps its promise on many draws (exactness, ranges, structure, records)."""

from __future__ import annotations

import numpy as np
import pytest
import sympy

from mathexams.sandbox import SandboxError
from mathexams.seeds import Rng
from mathexams.macros import distributions
from mathexams.macros import sequences

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
