"""List helpers of templates: exact sorting and comparison, picking, replacing."""

from __future__ import annotations

import pytest
import sympy

from mathexams.macros import sequences
from mathexams.sandbox import SandboxError


def test_argmax_index():
    assert sequences.argmax_index([sympy.sqrt(2), sympy.Rational(3, 2), 1]) == 1
    with pytest.raises(SandboxError):
        sequences.argmax_index([sympy.sqrt(2), sympy.sqrt(8) / 2])


def test_distinct_picks():
    assert sequences.distinct_picks([5, 3, 5, 7, 9], 3, [3]) == [5, 7, 9]
    assert sequences.distinct_picks([1, 1], 2, [0]) == [1, 0]   # padded with the key: the options clash, the draw is redone


def test_lengths_sums_and_exact_sorting():
    assert sequences.length(sympy.Matrix([[1, 2], [3, 4]])) == 4 and sequences.length([1, 2]) == 2
    assert sequences.total([sympy.Rational(1, 3), sympy.Rational(2, 3)]) == 1
    # sqrt(2) < 1.4143 < 3/2: sorted exactly, not by a rough float
    values = [sympy.Rational(3, 2), sympy.Rational(14143, 10000), sympy.sqrt(2)]
    assert sequences.sorted_values(values) == [sympy.sqrt(2), sympy.Rational(14143, 10000), sympy.Rational(3, 2)]
    assert sequences.descending([1, 3, 2]) == [3, 2, 1]
    assert sequences.as_list(sympy.FiniteSet(3, 1)) == [1, 3]


def test_range_is_bounded():
    assert sequences.bounded_range(2, 7, 2) == [2, 4, 6]
    with pytest.raises(SandboxError, match="longer than 1000"):
        sequences.bounded_range(0, 5000)


def test_with_entry_fractions_over_and_closest_gap():
    assert sequences.with_entry([1, 2, 3], 1, 0) == [1, 0, 3]
    with pytest.raises(SandboxError, match="index out of range"):
        sequences.with_entry([1, 2, 3], 3, 0)
    assert sequences.fractions_over([3, 5], 20) == [sympy.Rational(3, 20), sympy.Rational(1, 4)]
    assert sequences.closest_gap([sympy.Rational(1, 2), sympy.Rational(9, 10)], sympy.Rational(17, 20)) == sympy.Rational(1, 20)
