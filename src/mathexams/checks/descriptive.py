"""Descriptive statistics, recomputed with NumPy: centre, spread, quartiles, box plots, histograms, ECDFs, covariance.

Quartiles follow the course's convention (medians of the lower and upper halves, the median left
out for odd n), computed here with NumPy medians of sorted slices.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from typing import Any

import numpy as np

from ..api import CheckFailed, Record, check, option_flags, to_float, to_fraction
from .comparisons import as_array


class NpBox(Record):
    """A Tukey box plot recomputed with NumPy (floats): whisker ends, quartiles and median."""

    low: float
    q1: float
    median: float
    q3: float
    high: float


class Combined(Record):
    """Mean and population standard deviation of two groups pooled."""

    mean: float
    sd: float


@check()
def np_mean(values: Sequence[Any]) -> float:
    """Mean by NumPy."""
    return float(np.mean(as_array(list(values))))


@check()
def np_var(values: Sequence[Any], ddof: Any = 1) -> float:
    """Variance by NumPy with the given ddof."""
    return float(np.var(as_array(list(values)), ddof=int(ddof)))


@check()
def np_std(values: Sequence[Any], ddof: Any = 1) -> float:
    """Standard deviation by NumPy with the given ddof."""
    return float(np.std(as_array(list(values)), ddof=int(ddof)))


@check()
def np_median(values: Sequence[Any]) -> float:
    """Median by NumPy."""
    return float(np.median(as_array(list(values))))


PERCENTILE_METHODS = ("linear", "lower", "higher", "midpoint", "nearest", "inverted_cdf")


@check(strings_ok=True)
def np_percentile(values: Sequence[Any], q: Any, method: Any = "linear") -> float:
    """The q-th percentile by NumPy with a method from PERCENTILE_METHODS ('linear', NumPy's default)."""
    if method not in PERCENTILE_METHODS:
        raise CheckFailed(f"np_percentile() method must be one of {', '.join(PERCENTILE_METHODS)}")
    return float(np.percentile(as_array(list(values)), to_float(q), method=method))


@check()
def np_cov(X: Any, ddof: Any = 1) -> np.ndarray:
    """Covariance matrix of the columns of a data matrix by numpy.cov(rowvar=False) with the given ddof."""
    return np.atleast_2d(np.cov(as_array(X), rowvar=False, ddof=int(ddof)))


@check()
def counter_mode(values: Sequence[Any]) -> Any:
    """The unique most common value by collections.Counter (fails if the top count is shared)."""
    counts = Counter(to_fraction(v) for v in values).most_common()
    if len(counts) > 1 and counts[0][1] == counts[1][1]:
        raise CheckFailed("the data have no unique mode")
    return counts[0][0]


def _shaped_sample(rng: np.random.Generator, centre: float, scale: float, how: str, size: int = 2001) -> np.ndarray:
    z = rng.standard_normal(size)
    if how == "moments":          # exact mean `centre`, population SD `scale`
        return centre + scale * (z - z.mean()) / z.std()
    q1, med, q3 = np.percentile(z, [25, 50, 75])   # exact median `centre`, IQR `scale`
    return centre + scale * (z - med) / (q3 - q1)


@check(needs_rng=True)
def np_affine_statistics(rng: np.random.Generator, a: Any, b: Any, mean: Any, sd: Any, median: Any,
                         iqr: Any) -> list[float]:
    """[mean, median, SD, variance, IQR] of y = a x + b, in NumPy on synthetic samples x with the given statistics."""
    a, b = to_float(a), to_float(b)
    x1 = _shaped_sample(rng, to_float(mean), to_float(sd), "moments")
    x2 = _shaped_sample(rng, to_float(median), to_float(iqr), "quantiles")
    y1, y2 = a * x1 + b, a * x2 + b
    q1, q3 = np.percentile(y2, [25, 75])
    return [float(y1.mean()), float(np.median(y2)), float(y1.std()), float(y1.var()), float(q3 - q1)]


def _two_point_group(n: int, mean: float, sd: float) -> np.ndarray:
    k = n // 2
    return np.concatenate([np.full(k, mean - sd * math.sqrt((n - k) / k)),
                           np.full(n - k, mean + sd * math.sqrt(k / (n - k)))])


@check()
def two_point_combined(n1: Any, mean1: Any, sd1: Any, n2: Any, mean2: Any, sd2: Any) -> Combined:
    """Combined (mean, sd) of two synthetic groups with exactly the given sizes, means and population SDs."""
    n1, n2 = int(n1), int(n2)
    if n1 < 2 or n2 < 2:
        raise CheckFailed("each group needs at least 2 values")
    g1 = _two_point_group(n1, to_float(mean1), to_float(sd1))
    g2 = _two_point_group(n2, to_float(mean2), to_float(sd2))
    both = np.concatenate([g1, g2])
    return Combined(float(both.mean()), float(both.std()))


@check()
def np_hist_mean(data: Sequence[Any], lo: Any, width: Any, bins: Any) -> float:
    """Mean from numpy.histogram: class midpoints weighted by the counts."""
    edges = to_float(lo) + to_float(width) * np.arange(int(bins) + 1)
    counts, _ = np.histogram(np.array([to_float(v) for v in data]), bins=edges)
    mids = (edges[:-1] + edges[1:]) / 2
    return float(np.dot(counts, mids) / counts.sum())


@check()
def np_count_in(data: Sequence[Any], a: Any, b: Any) -> int:
    """How many values lie in [a, b) (NumPy mask)."""
    x = np.array([to_float(v) for v in data])
    return int(np.count_nonzero((x >= to_float(a)) & (x < to_float(b))))


def np_box(values: Sequence[Any]) -> tuple[list[float], list[float]]:
    """([low whisker end, Q1, median, Q3, high whisker end], outliers) in floats, with NumPy."""
    x = np.sort(np.array([to_float(v) for v in values]))
    n = x.size
    q1, med, q3 = float(np.median(x[: n // 2])), float(np.median(x)), float(np.median(x[(n + 1) // 2:]))
    iqr = q3 - q1
    inside = x[(x >= q1 - 1.5 * iqr) & (x <= q3 + 1.5 * iqr)]
    outliers = x[(x < q1 - 1.5 * iqr) | (x > q3 + 1.5 * iqr)]
    return [float(inside.min()), q1, med, q3, float(inside.max())], [float(v) for v in outliers]


@check()
def np_tukey_box(values: Sequence[Any]) -> NpBox:
    """NpBox (low, q1, median, q3, high): NumPy medians of the sorted halves (median excluded for odd n),
    whiskers to the extreme values within 1.5 IQR (NumPy masks)."""
    return NpBox(*np_box(values)[0])


@check()
def np_tukey_outlier(values: Sequence[Any], v: Any) -> bool:
    """Whether v lies beyond 1.5 IQR from the box (quartiles as in np_tukey_box)."""
    (_, q1, _, q3, _), _ = np_box(values)
    iqr, w = q3 - q1, to_float(v)
    return bool(w < q1 - 1.5 * iqr or w > q3 + 1.5 * iqr)


@check()
def np_tukey_outliers(values: Sequence[Any]) -> list[float]:
    """The values beyond 1.5 IQR from the box (quartiles as in np_tukey_box), sorted, by a NumPy mask."""
    return sorted(np_box(values)[1])


@check()
def larger_iqr_marked(first: Sequence[Any], second: Sequence[Any], truths: Sequence[Any]) -> bool:
    """Options 'first group', 'second group', 'same IQR': exactly the one matching the NumPy
    IQRs (medians of halves) is marked."""
    (_, a1, _, a3, _), _ = np_box(first)
    (_, b1, _, b3, _), _ = np_box(second)
    d = (a3 - a1) - (b3 - b1)
    right = [d > 1e-9, d < -1e-9, abs(d) <= 1e-9]
    if option_flags(truths) != right:
        raise CheckFailed(f"IQRs {a3 - a1} and {b3 - b1}; key marks {option_flags(truths)}")
    return True


@check()
def np_ecdf_at(data: Sequence[Any], v: Any) -> float:
    """Share of the data <= v (numpy.searchsorted on the sorted data)."""
    x = np.sort(np.array([to_float(d) for d in data]))
    return float(np.searchsorted(x, to_float(v), side="right")) / x.size


@check()
def np_ecdf_inverse(data: Sequence[Any], q: Any) -> float:
    """numpy.quantile with method='inverted_cdf': the smallest x with F(x) >= q."""
    return float(np.quantile(np.array([to_float(d) for d in data]), to_float(q), method="inverted_cdf"))


# --------------------------------------------------------------------------- weeks 5-6: percentiles, tables, z-scores, correlation
# (bank helper for the 5-6/statistics cell)


@check()
def np_percentile_rank(values: Sequence[Any], v: Any) -> float:
    """Percentile rank of v as the mean of the strict and the weak rank (scipy's kind='mean'), with NumPy counts."""
    x = np.array([to_float(t) for t in values])
    w = to_float(v)
    return float(50.0 * (np.count_nonzero(x < w) + np.count_nonzero(x <= w)) / x.size)


class FreqStats(Record):
    """Mean, median and sample SD of a frequency table expanded with numpy.repeat."""

    mean: float
    median: float
    sd: float


@check()
def np_frequency_stats(values: Sequence[Any], counts: Sequence[Any]) -> FreqStats:
    """FreqStats of the data set behind a frequency table (numpy.repeat, then mean, median, std(ddof=1))."""
    data = np.repeat(np.array([to_float(v) for v in values]), [int(to_float(c)) for c in counts])
    if data.size < 2:
        raise CheckFailed("a frequency table needs at least two values")
    return FreqStats(float(data.mean()), float(np.median(data)), float(data.std(ddof=1)))


@check()
def np_best_z(scores: Sequence[Any], means: Sequence[Any], sds: Sequence[Any], lower_is_better: Any = False) -> int:
    """Index of the relatively best score: the largest z = (x - mean)/sd, or the smallest when lower is better (NumPy)."""
    z = (as_array(list(scores)) - as_array(list(means))) / as_array(list(sds))
    return int(np.argmin(z) if bool(lower_is_better) else np.argmax(z))


class Pearson(Record):
    """Sample covariance (numpy.cov) and Pearson r (numpy.corrcoef) of paired data."""

    cov: float
    r: float


@check()
def np_pearson(x: Sequence[Any], y: Sequence[Any]) -> Pearson:
    """Pearson (cov, r) by numpy.cov (ddof 1) and numpy.corrcoef."""
    a, b = as_array(list(x)), as_array(list(y))
    return Pearson(float(np.cov(a, b, ddof=1)[0, 1]), float(np.corrcoef(a, b)[0, 1]))


@check()
def np_modal_class(data: Sequence[Any], lo: Any, width: Any, bins: Any) -> float:
    """Left end of the tallest class of numpy.histogram (fails if two classes tie)."""
    edges = to_float(lo) + to_float(width) * np.arange(int(bins) + 1)
    counts, _ = np.histogram(np.array([to_float(v) for v in data]), bins=edges)
    top = np.flatnonzero(counts == counts.max())
    if top.size != 1:
        raise CheckFailed("two classes share the largest count")
    return float(edges[top[0]])


@check()
def np_weighted_mean(values: Sequence[Any], weights: Sequence[Any]) -> float:
    """Weighted mean by numpy.average."""
    return float(np.average(as_array(list(values)), weights=as_array(list(weights))))


# ---------------------------------------------------------------- histogram shape (bank-code, issue 11)

HISTOGRAM_SHAPE_NAMES = ("right_skewed", "left_skewed", "symmetric", "bimodal", "uniform")


def np_histogram_shape(data: Sequence[Any], lo: Any, width: Any, bins: Any) -> str:
    """The shape a reader sees in numpy.histogram's counts: uniform (every class within 1.3 times the
    emptiest), bimodal (the two highest local peaks within a factor 2 of each other, with a class
    between them at most 0.6 of the lower peak), else by the moment skewness of the class midpoints:
    > 0.5 right_skewed, < -0.5 left_skewed, |g| < 0.05 symmetric; CheckFailed when none is clear."""
    edges = to_float(lo) + to_float(width) * np.arange(int(bins) + 1)
    counts, _ = np.histogram(np.array([to_float(v) for v in data]), bins=edges)
    if counts.min() > 0 and counts.max() <= 1.3 * counts.min():
        return "uniform"
    padded = np.concatenate([[-1], counts, [-1]])
    peaks = [i for i in range(len(counts)) if padded[i + 1] > padded[i] and padded[i + 1] >= padded[i + 2]]
    if len(peaks) >= 2:
        top = sorted(sorted(peaks, key=lambda i: -counts[i])[:2])
        low_peak = min(counts[top[0]], counts[top[1]])
        if 2 * low_peak >= max(counts[top[0]], counts[top[1]]) and counts[top[0]:top[1] + 1].min() <= 0.6 * low_peak:
            return "bimodal"
    mids = np.repeat((edges[:-1] + edges[1:]) / 2, counts)
    d = mids - mids.mean()
    g = float(np.mean(d**3) / np.mean(d**2) ** 1.5)
    if g > 0.5:
        return "right_skewed"
    if g < -0.5:
        return "left_skewed"
    if abs(g) < 0.05:
        return "symmetric"
    raise CheckFailed(f"the histogram has no clear shape (counts {counts.tolist()}, skewness {g:.3f})")


@check(strings_ok=True)
def histogram_shape_matches(data: Sequence[Any], lo: Any, width: Any, bins: Any, shapes: Sequence[Any],
                            truths: Sequence[Any]) -> bool:
    """The options marked correct are those naming the shape np_histogram_shape sees (options named
    from HISTOGRAM_SHAPE_NAMES, in the options' order)."""
    seen = np_histogram_shape(data, lo, width, bins)
    if any(s not in HISTOGRAM_SHAPE_NAMES for s in shapes):
        raise CheckFailed(f"shapes must be from {HISTOGRAM_SHAPE_NAMES}")
    flags = option_flags(truths)
    if flags != [s == seen for s in shapes]:
        raise CheckFailed(f"the histogram looks {seen}; the key marks {flags} of {list(shapes)}")
    return True


@check()
def np_standardised(X: Any, ddof: Any = 1) -> np.ndarray:
    """Each column of X minus its mean, divided by its standard deviation numpy.std(ddof=ddof)."""
    x = as_array(X)
    return (x - x.mean(axis=0)) / x.std(axis=0, ddof=int(ddof))


@check()
def np_column_sds(X: Any, ddof: Any = 1) -> np.ndarray:
    """The standard deviation of each column of X, numpy.std(axis=0, ddof=ddof)."""
    return as_array(X).std(axis=0, ddof=int(ddof))


@check()
def np_zscore(values: Sequence[Any], i: Any, ddof: Any = 1) -> float:
    """(x_i - mean)/SD of one value of a list, with numpy.mean and numpy.std(ddof=ddof); i is 0-based."""
    x = np.array([to_float(v) for v in values], dtype=float)
    return float((x[int(i)] - x.mean()) / x.std(ddof=int(ddof)))
