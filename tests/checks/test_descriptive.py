"""The course's descriptive checks: each accepts a right key and catches the typical wrong one, independently of the macros."""

from __future__ import annotations

import statistics
from fractions import Fraction

import numpy as np
import pytest
import sympy

from mathexams.checks import descriptive as descriptive_checks
from mathexams.errors import CheckFailed
from mathexams.macros import descriptive
from mathexams.sandbox import SandboxError
from mathexams.seeds import Rng

R = sympy.Rational

SEEDS = range(60)


def test_quartiles_of_macro_and_numpy_check_follow_the_convention():
    odd = [62, 66, 67, 69, 70, 72, 73, 74, 77]
    box, np_box = descriptive.tukey_box(odd), descriptive_checks.np_tukey_box(odd)
    assert (box.q1, box.q3) == (R(133, 2), R(147, 2))                  # median 70 excluded
    assert (np_box.q1, np_box.q3) == (66.5, 73.5)
    even = [1, 2, 3, 4, 5, 6, 7, 8]
    box, np_box = descriptive.tukey_box(even), descriptive_checks.np_tukey_box(even)
    assert (box.q1, box.q3) == (R(5, 2), R(13, 2)) and (np_box.q1, np_box.q3) == (2.5, 6.5)
    # NumPy's default (linear interpolation) differs: the convention matters
    assert np.percentile(odd, 25) != 66.5


def test_outliers_of_macro_and_numpy_check():
    data = [61, 62, 62, 64, 67, 67, 69, 70, 73, 73, 74, 76, 77, 112, 121]   # fences 46 and 94
    assert descriptive.tukey_outliers(data) == [112, 121]
    assert descriptive_checks.np_tukey_outliers(data) == [112.0, 121.0]
    assert descriptive.tukey_outliers([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 18]) == []   # on the fence (18) is not outside
    assert descriptive_checks.np_tukey_outliers([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 18]) == []


def test_unique_mode_and_counter_mode():
    assert descriptive.unique_mode([3, 5, 5, 7]) == 5
    assert descriptive_checks.counter_mode([3, 5, 5, 7]) == Fraction(5)
    with pytest.raises(SandboxError):
        descriptive.unique_mode([3, 3, 5, 5])
    with pytest.raises(CheckFailed, match="no unique mode"):
        descriptive_checks.counter_mode([3, 3, 5, 5])


def test_two_point_combined_and_variance_by_numpy():
    combined = descriptive_checks.two_point_combined(29, 42, 8, 31, 48, 6)
    mean, sd = combined.mean, combined.sd
    var = (29 * (64 + (42 - R(451, 10))**2) + 31 * (36 + (48 - R(451, 10))**2)) / 60
    assert mean == pytest.approx(45.1) and sd == pytest.approx(float(sympy.sqrt(var)))
    with pytest.raises(CheckFailed):
        descriptive_checks.two_point_combined(1, 42, 8, 31, 48, 6)
    data = [42, 45, 43, 48, 49, 49]
    assert statistics.variance(data) == pytest.approx(float(sum(descriptive.squared_deviations(data)) / 5))


def test_numpy_box_checks_agree_with_the_exact_macros():
    for s in SEEDS:
        data = descriptive.boxplot_sample(Rng(s), 19, 0, 20, 1, 1)
        box, np_box = descriptive.tukey_box(data), descriptive_checks.np_tukey_box(data)
        assert [np_box.low, np_box.q1, np_box.median, np_box.q3, np_box.high] == \
            [float(v) for v in (box.low, box.q1, box.median, box.q3, box.high)]
        for v in descriptive.tukey_outliers(data):
            assert descriptive_checks.np_tukey_outlier(data, v)
        assert not descriptive_checks.np_tukey_outlier(data, box.high)


def test_larger_iqr_marked():
    wide, narrow = list(range(0, 21, 2)), [10, 11, 11, 12, 12, 12, 13, 13, 14, 50, 60]
    assert descriptive_checks.larger_iqr_marked(wide, narrow, (True, False, False))
    assert descriptive_checks.larger_iqr_marked(wide, wide, (False, False, True))
    with pytest.raises(CheckFailed):
        descriptive_checks.larger_iqr_marked(wide, narrow, (False, True, False))


def test_ecdf_value_and_inverse():
    data = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3]
    assert descriptive.ecdf_value(data, 3) == R(5, 10)
    assert descriptive.ecdf_value(data, 0) == 0 and descriptive.ecdf_value(data, 9) == 1
    assert descriptive.ecdf_inverse(data, R(1, 2)) == 3          # F(3) = 0.5 exactly
    assert descriptive.ecdf_inverse(data, R(51, 100)) == 4
    assert descriptive_checks.np_ecdf_at(data, 3) == 0.5 and descriptive_checks.np_ecdf_inverse(data, 0.5) == 3.0


def test_histogram_numpy_checks_and_skew():
    data = descriptive.histogram_sample(Rng(5), 0, 10, 8, "left_skewed", 100)
    assert abs(descriptive_checks.np_hist_mean(data, 0, 10, 8) - float(descriptive.hist_midpoint_mean(data, 0, 10, 8))) < 1e-12
    assert descriptive_checks.np_count_in(data, 20, 50) == descriptive.hist_count_in(data, 20, 50)
    assert descriptive_checks.histogram_shape_matches(data, 0, 10, 8, ["right_skewed", "left_skewed"], (False, True))
    with pytest.raises(CheckFailed):
        descriptive_checks.histogram_shape_matches(data, 0, 10, 8, ["right_skewed", "left_skewed"], (True, False))


def test_histogram_shapes_a_reader_sees():
    def data_of(counts):
        return [5 * i + 1 for i, c in enumerate(counts) for _ in range(c)]
    shape = descriptive_checks.np_histogram_shape
    assert shape(data_of([10, 11, 10, 12, 11, 10]), 0, 5, 6) == "uniform"
    assert shape(data_of([4, 12, 5, 2, 5, 11, 3]), 0, 5, 7) == "bimodal"
    assert shape(data_of([2, 5, 9, 12, 9, 5, 2]), 0, 5, 7) == "symmetric"
    assert shape(data_of([3, 10, 7, 4, 2, 1, 1]), 0, 5, 7) == "right_skewed"
    assert shape(data_of([1, 1, 2, 4, 7, 10, 3]), 0, 5, 7) == "left_skewed"
    with pytest.raises(CheckFailed, match="no clear shape"):   # the audit's seed 33: skewness -0.31
        shape(data_of([3, 8, 12, 16, 22, 16, 8]), 0, 5, 7)


def test_statistics_follow_numpy():
    data = [2, 4, 4, 4, 5, 5, 7, 9]
    assert descriptive_checks.np_std(data, 0) == 2.0
    assert descriptive_checks.np_median(data) == 4.5
    assert descriptive_checks.np_percentile(data, 25) == 4.0


def test_numpy_centre_and_spread():
    data = [2, 4, 4, 4, 5, 5, 7, 9]
    assert descriptive_checks.np_mean(data) == 5.0
    assert descriptive_checks.np_var(data, 0) == 4.0 and descriptive_checks.np_var(data, 1) == pytest.approx(32 / 7)
    assert descriptive_checks.np_std(data, 0) == 2.0 and descriptive_checks.np_median(data) == 4.5
    assert descriptive_checks.np_percentile(data, 25) == 4.0
    assert descriptive_checks.np_percentile(data, 25, "inverted_cdf") == 4.0
    with pytest.raises(CheckFailed, match="method must be one of"):
        descriptive_checks.np_percentile(data, 25, "guess")


# ---- weeks 5-6 percentiles, tables, z-scores, correlation (bank helper block)

def test_percentile_rank_and_frequency_stats():
    assert descriptive_checks.np_percentile_rank([1, 2, 2, 3], 2) == 50.0      # (1 + 1)/4
    f = descriptive_checks.np_frequency_stats([0, 1, 2], [1, 2, 1])              # data 0, 1, 1, 2
    assert (f.mean, f.median) == (1.0, 1.0) and f.sd == pytest.approx((2 / 3) ** 0.5)


def test_best_z_respects_lower_is_better():
    scores, means, sds = [80, 70, 60], [70, 60, 40], [10, 5, 20]                 # z = 1, 2, 1
    assert descriptive_checks.np_best_z(scores, means, sds) == 1
    assert descriptive_checks.np_best_z(scores, means, sds, True) == 0


def test_pearson_modal_class_and_weighted_mean():
    p = descriptive_checks.np_pearson([1, 2, 3], [2, 4, 7])
    assert p.cov == pytest.approx(2.5) and p.r == pytest.approx(2.5 / (1 * (6.333333333333333 ** 0.5)))
    assert descriptive_checks.np_modal_class([1, 2, 11, 12, 13, 25], 0, 10, 3) == 10.0
    with pytest.raises(CheckFailed):
        descriptive_checks.np_modal_class([1, 11], 0, 10, 2)
    assert descriptive_checks.np_weighted_mean([80, 90], [1, 3]) == 87.5


def test_standardised_columns_and_zscores():
    X = sympy.Matrix([[1, 10], [3, 20], [5, 60]])
    Z = descriptive_checks.np_standardised(X, 1)
    assert np.allclose(Z.mean(axis=0), 0) and np.allclose(Z.std(axis=0, ddof=1), 1)
    assert np.allclose(descriptive_checks.np_column_sds(X, 0), [statistics.pstdev([1, 3, 5]), statistics.pstdev([10, 20, 60])])
    assert np.isclose(descriptive_checks.np_zscore([1, 3, 5], 2, 1), 1.0)
    assert not np.isclose(descriptive_checks.np_zscore([1, 3, 5], 2, 0), 1.0)       # the other divisor differs
