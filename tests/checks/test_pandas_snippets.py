"""The pandas_snippets checks accept the right values and catch the typical mistakes, with no pandas involved."""

from __future__ import annotations

from fractions import Fraction

import pytest

from mathexams.checks import pandas_snippets as checks
from mathexams.errors import CheckFailed


def test_label_slices_include_their_end_position_slices_do_not():
    s = checks.select_by_hand([10, 20, 30, 40, 50], [5, 1, 9, 7, 3], [11, 12, 13, 14, 15], [20, 40], [1, 3], 5)
    assert s.by_loc == [12, 13, 14]          # labels 20, 30 and 40: both ends
    assert s.by_iloc == [1, 9]               # positions 1 and 2: not 3
    assert s.by_mask == [13, 14]             # first > 5


def test_groups_sorted_missing_value_skipped():
    stats = checks.group_by_hand(["b", "a", "b", "a", "c"], [4, 1, None, 2, 7])
    assert (stats.sums, stats.counts, stats.means) == ([3, 4, 7], [2, 1, 1], [Fraction(3, 2), 4, 7])
    with pytest.raises(CheckFailed, match="no value"):
        checks.group_by_hand(["a", "b"], [1, None])


def test_statistics_conventions():
    c = checks.conventions_by_hand([1, 3, 5, 7, 9], "0.3", [9, 2, None, 10])
    assert (c.var_sample, c.var_population, c.quantile, c.mean_skipna) == (10, 8, Fraction(17, 5), 7)
    assert checks.conventions_by_hand([2, 4, 4, 4, 6], "0.9", [1, None]).quantile == Fraction(26, 5)   # 4 + 0.6 (6 - 4)


def test_missing_values_by_hand():
    m = checks.missing_by_hand([4, None, 6, 2, None], [1, 2, None, 3, 5])
    assert (m.missing, m.kept) == ([2, 1], [2, 2])          # rows 0 and 3 are complete
    assert (m.filled_mean, m.skipped_mean) == (Fraction(12, 5), 4)
