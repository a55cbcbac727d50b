"""The course's descriptive macros: each keeps its promise on many draws (exactness, ranges, structure, records)."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest
import sympy

from mathexams.macros import descriptive
from mathexams.sandbox import SandboxError
from mathexams.seeds import Rng

R = sympy.Rational

SEEDS = range(60)


def _binned_skew(data, lo, width, bins):
    c = np.array(descriptive.hist_class_counts(data, lo, width, bins))
    mids = lo + width * (np.arange(bins) + 0.5)
    m = (c * mids).sum() / c.sum()
    return float((c * (mids - m) ** 3).sum() / c.sum() / ((c * (mids - m) ** 2).sum() / c.sum()) ** 1.5)


def test_data_with_mean_mode_has_the_mean_and_a_unique_planted_mode():
    for seed in range(40):
        data = descriptive.data_with_mean_mode(Rng(seed), 9, 50, 15, 3)
        assert len(data) == 9 and sum(data) == 450
        counts = Counter(data).most_common()
        assert counts[0][1] == 3 and counts[1][1] == 1
        assert all(35 <= v <= 65 for v in data)


def test_data_with_outliers_plants_values_outside_the_band():
    data = descriptive.data_with_outliers(Rng(3), 12, 60, 80, 1, 2)
    assert len(data) == 12
    assert sum(v < 60 for v in data) == 1 and sum(v > 80 for v in data) == 2
    assert min(data) <= 40 and sorted(data)[-2] >= 100


@pytest.mark.parametrize("shape", descriptive.HISTOGRAM_SHAPES)


def test_histogram_sample_has_the_requested_shape(shape):
    for s in SEEDS:
        r = Rng(s)
        bins = r.integer(6, 9)
        data = descriptive.histogram_sample(r, 10, 5, bins, shape, 80)
        assert all(10 <= v < 10 + 5 * bins for v in data) and 60 <= len(data) <= 100
        g = _binned_skew(data, 10, 5, bins)
        counts = descriptive.hist_class_counts(data, 10, 5, bins)
        peaks = [i for i in range(bins) if counts[i] > max(counts[i - 1] if i else 0, counts[i + 1] if i + 1 < bins else 0)]
        assert {"right_skewed": g > 0.3, "left_skewed": g < -0.3, "symmetric": abs(g) < 1e-12,
                "bimodal": len(peaks) >= 2 and min(counts[peaks[0]:peaks[-1]]) < 0.6 * min(counts[p] for p in peaks),
                "uniform": max(counts) - min(counts) <= 1}[shape]


def test_hist_skewness_is_the_moment_skewness_of_the_midpoints():
    data = [1, 1, 1, 1, 6, 6, 11]                 # classes of width 5 from 0: counts 4, 2, 1
    mids = np.repeat([2.5, 7.5, 12.5], [4, 2, 1])
    d = mids - mids.mean()
    assert float(descriptive.hist_skewness(data, 0, 5, 3)) == round(float(np.mean(d**3) / np.mean(d**2) ** 1.5), 3)
    assert descriptive.hist_skewness([2, 7, 12], 0, 5, 3) == 0


def test_class_counts_midpoint_mean_and_range_count():
    data = [0, 4, 5, 9, 9, 12]
    assert descriptive.hist_class_counts(data, 0, 5, 3) == [2, 3, 1]
    assert descriptive.hist_midpoint_mean(data, 0, 5, 3) == R(2 * 5 + 3 * 15 + 25, 2 * 6)
    assert descriptive.hist_count_in(data, 5, 10) == 3
    with pytest.raises(SandboxError):
        descriptive.hist_class_counts([15], 0, 5, 3)


def test_tukey_box_uses_medians_of_halves_and_finds_outliers():
    data = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 40]
    box = descriptive.tukey_box(data)
    assert (box.low, box.q1, box.median, box.q3, box.high) == (1, 3, 6, 9, 10)
    assert descriptive.tukey_outliers(data) == [40]
    # even n: the halves split evenly, and the quartiles are medians of the halves
    box = descriptive.tukey_box([3, 1, 4, 1, 5, 9, 2, 6])
    assert (box.q1, box.median, box.q3) == (R(3, 2), R(7, 2), R(11, 2))


def test_boxplot_sample_puts_the_designed_outliers_beyond_the_fences():
    for s in SEEDS:
        r = Rng(s)
        k_lo, k_hi = r.integer(0, 2), r.integer(0, 2)
        data = descriptive.boxplot_sample(r, 15, 20, 30, k_lo, k_hi)
        out = descriptive.tukey_outliers(data)
        box = descriptive.tukey_box(data)
        assert len(data) == 15
        assert sum(1 for o in out if o > box.q3) >= k_hi and sum(1 for o in out if o < box.q1) >= k_lo


def test_data_with_mean_has_the_exact_mean():
    for s in SEEDS:
        data = descriptive.data_with_mean(Rng(s), 7, 40, 9)
        assert sum(data) == 7 * 40 and all(31 <= v <= 49 for v in data)


def test_exact_statistics():
    assert descriptive.mean([1, 2, 4]) == sympy.Rational(7, 3)
    assert descriptive.variance([1, 2, 3, 4], 1) == sympy.Rational(5, 3)
    assert descriptive.median([5, 1, 3, 2]) == sympy.Rational(5, 2)


def test_data_summary_matches_numpy():
    for seed in range(30):
        data = descriptive.data_with_mean(Rng(seed), 12, 40, 9)
        s = descriptive.data_summary(data)
        x = np.sort(np.array(data, dtype=float))
        assert s.n == 12 and float(s.mean) == pytest.approx(x.mean()) and float(s.median) == pytest.approx(np.median(x))
        assert float(s.sd_pop) == pytest.approx(x.std()) and float(s.sd_sample) == pytest.approx(x.std(ddof=1))
        assert float(s.q1) == pytest.approx(np.median(x[:6])) and float(s.q3) == pytest.approx(np.median(x[6:]))
        assert s.range == s.max - s.min and float(s.range) == x[-1] - x[0]


# ---- weeks 5-6 percentiles, tables, correlation, real-looking data (bank helper block)

def test_percentiles_against_numpy_and_by_hand():
    x = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3]
    for p in (10, 25, 30, 50, 85):
        assert float(descriptive.percentile_linear(x, p)) == pytest.approx(np.percentile(x, p))
    assert descriptive.percentile_rank(x, 5) == 70           # 6 below, 2 equal: (6 + 1)/10
    assert descriptive.percentile_rank(x, 7) == 90           # 9 below, none equal
    assert descriptive.expand_counts([0, 1, 2], [2, 0, 3]) == [0, 0, 2, 2, 2]


def test_paired_data_lands_in_its_band_with_the_right_sign():
    for seed in range(25):
        for strength, (lo, hi) in descriptive.CORRELATION_BANDS.items():
            for sign in (1, -1):
                p = descriptive.paired_data(Rng(seed), 6, strength, sign)
                r = np.corrcoef(np.array(p.x, float), np.array(p.y, float))[0, 1]
                assert float(p.r) == pytest.approx(r) and float(lo) <= abs(r) <= float(hi) and np.sign(r) == sign
                assert float(p.cov) == pytest.approx(np.cov(p.x, p.y, ddof=1)[0, 1])
                assert sum(p.x) % 6 == 0 and sum(p.y) % 6 == 0


def test_real_sample_is_positive_with_the_asked_decimals_and_skew():
    right, left = [], []
    for seed in range(20):
        xs = descriptive.real_sample(Rng(seed), 40, 30, 6, 1, 0)
        assert len(xs) == 40 and all(v > 0 and (v * 10).is_Integer for v in xs)
        right.append(np.mean(np.array(descriptive.real_sample(Rng(seed), 200, 30, 6, 1, 1), float)) - 30)
        left.append(np.mean(np.array(descriptive.real_sample(Rng(seed), 200, 30, 6, 1, -1), float)) - 30)
    assert np.mean(right) > 1 and np.mean(left) < -1          # the stretched side pulls the mean


def test_data_with_mean_ss_has_the_exact_mean_and_spread():
    for s in SEEDS:
        for n, ss, spread in [(6, 30, 5), (8, 224, 12), (5, 20, 4)]:
            data = descriptive.data_with_mean_ss(Rng(s), n, 50, ss, spread)
            assert len(data) == n and sum(data) == 50 * n
            assert sum((v - 50) ** 2 for v in data) == ss and all(abs(v - 50) <= spread for v in data)
    with pytest.raises(SandboxError):          # 3 values within +-1 cannot have squares adding to 5
        descriptive.data_with_mean_ss(Rng(0), 3, 0, 5, 1)


def test_correlated_sample_hits_its_target_correlation():
    for r in (-0.9, -0.3, 0.0, 0.5, 0.95):
        xs, ys = descriptive.correlated_sample(Rng(7), 40, r)
        assert len(xs) == len(ys) == 40 and abs(np.corrcoef(xs, ys)[0, 1] - r) <= 0.05 + 1e-9


# --- weeks 9-10: columns with an integer SD, and the fast exact mean and variance ---

@pytest.mark.parametrize("ddof", [0, 1])
def test_data_with_integer_sd(ddof):
    for s in SEEDS:
        col = descriptive.data_with_integer_sd(Rng(s), 5, 12, ddof, 6)
        sd = np.std(np.array(col, dtype=float), ddof=ddof)
        assert np.mean(col) == 12 and sd >= 1 and np.isclose(sd, round(sd))
    with pytest.raises(SandboxError):
        descriptive.data_with_integer_sd(Rng(0), 2, 0, 1, 3)


def test_mean_and_variance_fast_path_equal_the_symbolic_one():
    values = [sympy.Rational(31, 10), 2, sympy.Rational(-7, 4), 5]
    assert descriptive.mean(values) == sympy.Rational(1, 4) * sum(values, sympy.Integer(0))
    m = sum(values, sympy.Integer(0)) / 4
    assert descriptive.variance(values, 1) == sum(((v - m) ** 2 for v in values), sympy.Integer(0)) / 3
    assert descriptive.variance([1, sympy.sqrt(2), 3], 0) == descriptive.variance([1, sympy.sqrt(2), 3], 0)
