"""Descriptive statistics done exactly: data sets built to order, centre and spread, box plots, histograms, ECDFs.

Data are drawn with the wanted property built in (an exact mean, a unique mode, outliers beyond
the fences, a skewed or symmetric histogram); statistics are exact (Fractions and SymPy
Rationals). Quartiles follow one convention throughout: medians of the lower and upper halves,
the overall median left out when n is odd (the convention of the course's box plots).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import sympy

from ..api import Record, SandboxError, as_int, macro, to_float, to_fraction, to_rational, to_sympy

# Shapes a drawn histogram can have.
HISTOGRAM_SHAPES = ("right_skewed", "left_skewed", "symmetric", "bimodal", "uniform")


class Box(Record):
    """A Tukey box plot: whisker ends, quartiles and median (quartiles are medians of halves)."""

    low: Any            # lower whisker end: the smallest value within 1.5 IQR of the box
    q1: Any
    median: Any
    q3: Any
    high: Any           # upper whisker end


def _middle(xs: Sequence[Any]) -> Any:
    """The median of values already sorted (the mean of the two middle ones for even n)."""
    n = len(xs)
    return xs[n // 2] if n % 2 else (xs[n // 2 - 1] + xs[n // 2]) / 2


@macro()
def centred_columns(X: Any) -> sympy.Matrix:
    """X with each column's (exact) mean subtracted from that column."""
    if not isinstance(X, sympy.MatrixBase) or X.rows < 2:
        raise SandboxError("centred_columns() needs a matrix with at least two rows")
    means = [sum(X.col(j), sympy.Integer(0)) / X.rows for j in range(X.cols)]
    return sympy.Matrix(X.rows, X.cols, lambda i, j: X[i, j] - means[j])


@macro()
def column_means(X: Any) -> list[Any]:
    """The exact mean of each column of X, as a list."""
    if not isinstance(X, sympy.MatrixBase) or X.rows < 1:
        raise SandboxError("column_means() needs a matrix")
    return [sum(X.col(j), sympy.Integer(0)) / X.rows for j in range(X.cols)]


@macro(needs_rng=True)
def data_with_mean(rng: Any, n: Any, mean: Any, spread: Any) -> list[int]:
    """n integers whose mean is exactly `mean` (an integer), within mean +- spread.

    Built by drawing n - 1 offsets and balancing with the last one, redrawing the
    offsets (not the data) until the balancing value fits.
    """
    n, mean, spread = as_int(n, "data_with_mean"), as_int(mean, "data_with_mean"), as_int(spread, "data_with_mean")
    if not 2 <= n <= 100 or spread < 1:
        raise SandboxError("data_with_mean() needs 2 <= n <= 100 and spread >= 1")
    for _ in range(200):
        offsets = [rng.integer(-spread, spread) for _ in range(n - 1)]
        last = -sum(offsets)
        if abs(last) <= spread:
            data = [mean + o for o in offsets + [last]]
            return rng.shuffled(data)
    raise SandboxError("data_with_mean() could not balance the data")


def _fractions(values: Sequence[Any]) -> list[Fraction] | None:
    """The values as Fractions when every one is a plain rational (fast exact arithmetic), else None."""
    out = []
    for v in values:
        if isinstance(v, int) and not isinstance(v, bool):
            out.append(Fraction(v))
        elif isinstance(v, sympy.Rational):
            out.append(Fraction(int(v.p), int(v.q)))
        else:
            return None
    return out


def _rational(f: Fraction) -> sympy.Rational:
    return sympy.Rational(f.numerator, f.denominator)


@macro()
def mean(values: Sequence[Any]) -> Any:
    """Exact arithmetic mean."""
    values = list(values)
    if not values:
        raise SandboxError("mean() of no values")
    fr = _fractions(values)
    if fr is not None:                      # rational data: Fractions are much faster than SymPy sums
        return _rational(sum(fr, Fraction(0)) / len(fr))
    return sympy.Rational(1, len(values)) * sum(values, sympy.Integer(0))


@macro()
def variance(values: Sequence[Any], ddof: Any = 1) -> Any:
    """Exact variance with the stated divisor n - ddof."""
    values = list(values)
    n = len(values) - int(ddof)
    if n <= 0:
        raise SandboxError("variance() needs more values than ddof")
    fr = _fractions(values)
    if fr is not None:
        m = sum(fr, Fraction(0)) / len(fr)
        return _rational(sum(((v - m) ** 2 for v in fr), Fraction(0)) / n)
    m = mean(values)
    return sum(((v - m) ** 2 for v in values), sympy.Integer(0)) / n


@macro()
def median(values: Sequence[Any]) -> Any:
    """Exact median (mean of the two middle values for even n)."""
    vals = [to_sympy(v) for v in values]
    # rationals sort exactly and fast as Fractions; anything else (surds) by a 30-digit value
    s = sorted(vals, key=to_fraction if all(v.is_Rational for v in vals) else (lambda v: v.evalf(30)))
    if not s:
        raise SandboxError("median() of no values")
    return _middle(s)


@macro(needs_rng=True)
def data_with_mean_mode(rng: Any, n: Any, mean: Any, spread: Any, repeats: Any = 2) -> list[int]:
    """n integers with integer mean `mean`, within mean +- spread, and one unique mode repeated `repeats` times."""
    n, mean, spread, repeats = (as_int(n, "data_with_mean_mode"), as_int(mean, "data_with_mean_mode"),
                                as_int(spread, "data_with_mean_mode"), as_int(repeats, "data_with_mean_mode"))
    if not 2 <= repeats < n <= 40 or spread < n:
        raise SandboxError("data_with_mean_mode() needs 2 <= repeats < n <= 40 and spread >= n")
    singles = n - repeats
    for _ in range(500):
        mode_off = rng.integer(-spread, spread)
        pool = [v for v in range(-spread, spread + 1) if v != mode_off]
        others = rng.sample(pool, singles - 1)
        last = -(repeats * mode_off + sum(others))
        if abs(last) <= spread and last != mode_off and last not in others:
            data = [mean + mode_off] * repeats + [mean + o for o in others + [last]]
            return rng.shuffled(data)
    raise SandboxError("data_with_mean_mode() could not balance the data")


@macro(needs_rng=True)
def data_with_outliers(rng: Any, n: Any, lo: Any, hi: Any, low_out: Any, high_out: Any) -> list[int]:
    """n integers: n - low_out - high_out from lo..hi, plus that many far below lo / far above hi (obvious outliers)."""
    n, lo, hi = as_int(n, "data_with_outliers"), as_int(lo, "data_with_outliers"), as_int(hi, "data_with_outliers")
    k_lo, k_hi = as_int(low_out, "data_with_outliers"), as_int(high_out, "data_with_outliers")
    core = n - k_lo - k_hi
    if not 4 <= core <= 60 or hi <= lo or k_lo < 0 or k_hi < 0:
        raise SandboxError("data_with_outliers() needs at least 4 core values and lo < hi")
    width = hi - lo
    data = [rng.integer(lo, hi) for _ in range(core)]
    data += [lo - rng.integer(width, 2 * width) for _ in range(k_lo)]
    data += [hi + rng.integer(width, 2 * width) for _ in range(k_hi)]
    return rng.shuffled(data)


@macro()
def unique_mode(values: Sequence[Any]) -> Any:
    """The unique most frequent value (an error if the top frequency is shared)."""
    counts: dict[Any, int] = {}
    for v in values:
        v = to_sympy(v)
        counts[v] = counts.get(v, 0) + 1
    top = max(counts.values())
    modes = [v for v, c in counts.items() if c == top]
    if len(modes) != 1:
        raise SandboxError(f"no unique mode: {sorted(modes)}")
    return modes[0]


@macro()
def squared_deviations(values: Sequence[Any]) -> list[Any]:
    """The squared deviations (x - mean)^2, in the order of the data, exactly."""
    vals = [to_sympy(v) for v in values]
    if not vals:
        raise SandboxError("squared_deviations() of no values")
    m = sum(vals, sympy.Integer(0)) / len(vals)
    return [(v - m) ** 2 for v in vals]


def box_summary(values: Sequence[Any]) -> tuple[list[Fraction], list[Fraction]]:
    """([low whisker end, Q1, median, Q3, high whisker end], outliers) as Fractions (see tukey_box)."""
    xs = sorted(to_fraction(v) for v in values)
    n = len(xs)
    if n < 5:
        raise SandboxError("a box plot needs at least 5 values")
    lower, upper = xs[: n // 2], xs[(n + 1) // 2:]
    q1, med, q3 = _middle(lower), _middle(xs), _middle(upper)
    iqr = q3 - q1
    lo_fence, hi_fence = q1 - Fraction(3, 2) * iqr, q3 + Fraction(3, 2) * iqr
    inside = [v for v in xs if lo_fence <= v <= hi_fence]
    outliers = [v for v in xs if v < lo_fence or v > hi_fence]
    return [inside[0], q1, med, q3, inside[-1]], outliers


@macro()
def tukey_box(values: Sequence[Any]) -> Box:
    """Box (low, q1, median, q3, high) of at least 5 values: quartiles the medians of the halves,
    whiskers to the most extreme values within 1.5 IQR of the box."""
    return Box(*[to_rational(v) for v in box_summary(values)[0]])


@macro()
def tukey_outliers(values: Sequence[Any]) -> list[sympy.Rational]:
    """The values beyond 1.5 IQR from the box (quartiles as in tukey_box), sorted."""
    return [to_rational(v) for v in box_summary(values)[1]]


@macro(needs_rng=True)
def boxplot_sample(rng: Any, n: Any, lo: Any, hi: Any, low_outliers: Any = 0, high_outliers: Any = 0) -> list[int]:
    """n integers: n - k core values in [lo, hi] plus k outliers placed just beyond the 1.5 IQR fences.

    The outliers take the extreme ranks, so the quartiles are those of the design.
    """
    n, lo, hi = as_int(n, "boxplot_sample"), as_int(lo, "boxplot_sample"), as_int(hi, "boxplot_sample")
    k_lo, k_hi = as_int(low_outliers, "boxplot_sample"), as_int(high_outliers, "boxplot_sample")
    if not 7 <= n <= 60 or hi - lo < 6 or not 0 <= k_lo <= 2 or not 0 <= k_hi <= 2:
        raise SandboxError("boxplot_sample() needs 7 <= n <= 60, hi - lo >= 6, at most 2 outliers each side")
    core = [rng.integer(lo, hi) for _ in range(n - k_lo - k_hi)]
    # quartiles of the final data set depend only on ranks: compute them with placeholders
    placeholder = sorted([lo - 1000] * k_lo + core + [hi + 1000] * k_hi)
    xs = [Fraction(v) for v in placeholder]
    m = len(xs)
    q1, q3 = _middle(xs[: m // 2]), _middle(xs[(m + 1) // 2:])
    iqr = q3 - q1
    lo_fence, hi_fence = q1 - Fraction(3, 2) * iqr, q3 + Fraction(3, 2) * iqr
    out = list(core)
    start_hi = max(math.floor(hi_fence) + 1, max(core) + 1)
    start_lo = min(math.ceil(lo_fence) - 1, min(core) - 1)
    out += [start_hi + rng.integer(0, 3) + 2 * j for j in range(k_hi)]
    out += [start_lo - rng.integer(0, 3) - 2 * j for j in range(k_lo)]
    return rng.shuffled(out)


_SYMMETRIC_PROFILES = ((10, 8, 5, 2, 1), (10, 9, 6, 3, 1), (10, 7, 4, 2, 1), (10, 8, 4, 1, 1))


_RISES = ((4, 10), (5, 10), (3, 7, 10))


def _shape_weights(shape: str, bins: int, rng: Any) -> list[int]:
    """Class weights: a peak near the left with a long decaying right tail (right_skewed), its
    mirror image (left_skewed), or a mirror-symmetric bell (symmetric)."""
    if shape == "uniform":      # every class about as full: 9 or 10 in ten
        return [rng.choice((9, 10, 10)) for _ in range(bins)]
    if shape == "bimodal":      # two peaks of similar height, a deep valley between them
        left = rng.integer(1, bins // 2 - 1)
        right = rng.integer(max(left + 3, bins // 2), bins - 1) if max(left + 3, bins // 2) <= bins - 1 else bins - 1
        peaks = (10, rng.choice((8, 9, 10)))
        return [max(1, round(max(p * 0.45 ** abs(i - c) for p, c in zip(peaks, (left, right))))) for i in range(bins)]
    if shape == "symmetric":
        prof = list(rng.choice(_SYMMETRIC_PROFILES)) + [1] * 5
        m = bins // 2
        if bins % 2:
            return list(reversed(prof[1:m + 1])) + [prof[0]] + prof[1:m + 1]
        return list(reversed(prof[:m])) + prof[:m]
    rise = list(rng.choice(_RISES if bins >= 7 else _RISES[:2]))
    rho = rng.choice((0.5, 0.6, 0.7))
    tail = [max(1, round(10 * rho ** (i + 1))) for i in range(bins - len(rise))]
    weights = rise + tail
    return weights[::-1] if shape == "left_skewed" else weights


def _shape_counts(shape: str, bins: int, total: int, rng: Any) -> list[int]:
    weights = _shape_weights(shape, bins, rng)
    scale = total / sum(weights)
    counts = [max(1, round(w * scale)) for w in weights]
    # a little noise, kept mirror-symmetric for the symmetric shape
    if shape == "uniform":      # flat: every class within one of the others
        base = max(1, round(total / bins))
        return [base + rng.choice((0, 1)) for _ in range(bins)]
    if shape == "symmetric":
        for i in range(bins // 2):
            d = rng.choice((-1, 0, 1))
            counts[i] = counts[bins - 1 - i] = max(1, counts[i] + d)
    else:
        counts = [max(1, c + rng.choice((-1, 0, 1))) for c in counts]
    return counts


@macro(needs_rng=True, strings_ok=True)
def histogram_sample(rng: Any, lo: Any, width: Any, bins: Any, shape: Any, total: Any) -> list[int]:
    """About `total` integers in [lo, lo + bins*width) whose histogram has a shape from HISTOGRAM_SHAPES.

    right_skewed, left_skewed, exactly symmetric (one peak), bimodal (two peaks of similar height
    at least three classes apart) or uniform (every class about as full); values spread uniformly
    inside their class.
    """
    lo, width, bins = as_int(lo, "histogram_sample"), as_int(width, "histogram_sample"), as_int(bins, "histogram_sample")
    total = as_int(total, "histogram_sample")
    if not 5 <= bins <= 10 or width < 2 or shape not in HISTOGRAM_SHAPES or not 20 <= total <= 300:
        raise SandboxError(f"histogram_sample() needs 5..10 bins, width >= 2, a shape from {HISTOGRAM_SHAPES}, "
                           "total 20..300")
    counts = _shape_counts(shape, bins, total, rng)
    data = []
    for i, c in enumerate(counts):
        left = lo + i * width
        data.extend(rng.integer(left, left + width - 1) for _ in range(c))
    return rng.shuffled(data)


@macro()
def hist_class_counts(data: Sequence[Any], lo: Any, width: Any, bins: Any) -> list[int]:
    """Frequencies of the classes [lo + i*width, lo + (i+1)*width), i = 0..bins-1 (counted exactly)."""
    lo_f, w, bins = to_fraction(lo), to_fraction(width), as_int(bins, "hist_class_counts")
    counts = [0] * bins
    for v in data:
        i = math.floor((to_fraction(v) - lo_f) / w)
        if not 0 <= i < bins:
            raise SandboxError(f"value {v} lies outside the classes")
        counts[i] += 1
    return counts


@macro()
def hist_midpoint_mean(data: Sequence[Any], lo: Any, width: Any, bins: Any) -> sympy.Rational:
    """Mean estimated from a histogram: class midpoints weighted by the class frequencies."""
    counts = hist_class_counts(data, lo, width, bins)
    lo_f, w = to_fraction(lo), to_fraction(width)
    total = sum(c * (lo_f + (i + Fraction(1, 2)) * w) for i, c in enumerate(counts))
    return to_rational(total / sum(counts))


@macro()
def hist_count_in(data: Sequence[Any], a: Any, b: Any) -> int:
    """How many values v satisfy a <= v < b."""
    a, b = to_fraction(a), to_fraction(b)
    return sum(1 for v in data if a <= to_fraction(v) < b)


@macro()
def ecdf_value(data: Sequence[Any], v: Any) -> sympy.Rational:
    """The empirical CDF F(v) = (number of values <= v) / n, exactly."""
    v = to_fraction(v)
    return sympy.Rational(sum(1 for d in data if to_fraction(d) <= v), len(data))


@macro()
def ecdf_inverse(data: Sequence[Any], q: Any) -> sympy.Rational:
    """The smallest data value x with F(x) >= q (the inverse of the empirical CDF)."""
    q = to_fraction(q)
    xs = sorted(to_fraction(d) for d in data)
    n = len(xs)
    for i, x in enumerate(xs):
        if Fraction(i + 1, n) >= q:
            return to_rational(x)
    return to_rational(xs[-1])


# --------------------------------------------------------------------------- summaries of generated data
# (bank helper for weeks 1-6 probability/statistics: linear transforms, percentiles, frequency
# tables, correlation and real-looking data sets)


class Summary(Record):
    """Exact summary of a data set: n, mean, median, q1, q3 and iqr (medians of halves),
    population and sample variance and SD (SDs exact, as square roots), min, max and range."""

    n: int
    mean: Any
    median: Any
    q1: Any
    q3: Any
    iqr: Any
    var_pop: Any
    var_sample: Any
    sd_pop: Any
    sd_sample: Any
    min: Any
    max: Any
    range: Any


@macro()
def data_summary(values: Sequence[Any]) -> Summary:
    """Summary (n, mean, median, q1, q3, iqr, var_pop, var_sample, sd_pop, sd_sample, min, max, range) of at least 5 values, exactly.

    The SDs are exact square roots left unevaluated (sqrt(119/3), not 2*sqrt(357)/6): simplifying a
    surd factors its radicand, which cost more than the rest of a question; approx() rounds them.
    """
    xs = sorted(to_fraction(v) for v in values)
    n = len(xs)
    if not 5 <= n <= 400:
        raise SandboxError("data_summary() needs 5 to 400 values")
    m = sum(xs) / n
    ss = sum((x - m) ** 2 for x in xs)
    q1, q3 = _middle(xs[: n // 2]), _middle(xs[(n + 1) // 2:])
    r = [to_rational(v) for v in (m, _middle(xs), q1, q3, q3 - q1, ss / n, ss / (n - 1))]
    half = sympy.Rational(1, 2)
    return Summary(n, *r, sympy.Pow(r[5], half, evaluate=False), sympy.Pow(r[6], half, evaluate=False),
                   to_rational(xs[0]), to_rational(xs[-1]),
                   to_rational(xs[-1] - xs[0]))


@macro()
def percentile_linear(values: Sequence[Any], p: Any) -> sympy.Rational:
    """The p-th percentile by linear interpolation between order statistics (NumPy's default):
    position h = (n - 1) p / 100 counted from 0, value x[floor h] + (h - floor h)(x[floor h + 1] - x[floor h])."""
    xs = sorted(to_fraction(v) for v in values)
    p = to_fraction(p)
    if not xs or not 0 <= p <= 100:
        raise SandboxError("percentile_linear() needs values and 0 <= p <= 100")
    h = (len(xs) - 1) * p / 100
    lo = math.floor(h)
    hi = min(lo + 1, len(xs) - 1)
    return to_rational(xs[lo] + (h - lo) * (xs[hi] - xs[lo]))


@macro()
def percentile_rank(values: Sequence[Any], v: Any) -> sympy.Rational:
    """Percentile rank of v: 100 (number below v + half the number equal to v) / n, exactly."""
    xs = [to_fraction(x) for x in values]
    v = to_fraction(v)
    if not xs:
        raise SandboxError("percentile_rank() needs values")
    below = sum(1 for x in xs if x < v)
    equal = sum(1 for x in xs if x == v)
    return to_rational(Fraction(100) * (below + Fraction(equal, 2)) / len(xs))


@macro()
def expand_counts(values: Sequence[Any], counts: Sequence[Any]) -> list[Any]:
    """The data set behind a frequency table: each value repeated as often as its count."""
    counts = [as_int(c, "expand_counts") for c in counts]
    if len(values) != len(counts) or min(counts, default=0) < 0 or sum(counts) > 2000:
        raise SandboxError("expand_counts() needs one count (>= 0) per value, at most 2000 in all")
    return [to_sympy(v) for v, c in zip(values, counts) for _ in range(c)]


class Pairs(Record):
    """Paired data (x, y) with exact sample covariance, Pearson r (a surd) and the sums behind them."""

    x: list
    y: list
    sxx: Any
    syy: Any
    sxy: Any
    cov: Any
    r: Any


# Strength bands for generated correlations: |r| inside the band, stated in the prompt's rule.
CORRELATION_BANDS = {"strong": (Fraction(3, 4), Fraction(49, 50)), "weak": (Fraction(3, 20), Fraction(2, 5))}


@macro(needs_rng=True, strings_ok=True)
def paired_data(rng: Any, n: Any, strength: Any, sign: Any) -> Pairs:
    """Pairs (x, y, sxx, syy, sxy, cov, r): n integer pairs with integer means, whose Pearson r has
    the sign (+1 / -1) and lies in the band CORRELATION_BANDS[strength] ('strong': 0.75..0.98,
    'weak': 0.15..0.40); y is a line in x plus integer noise that sums to zero."""
    n, sign = as_int(n, "paired_data"), as_int(sign, "paired_data")
    if strength not in CORRELATION_BANDS or sign not in (-1, 1) or not 4 <= n <= 12:
        raise SandboxError(f"paired_data() needs 4 <= n <= 12, sign +-1 and a strength from {tuple(CORRELATION_BANDS)}")
    lo, hi = CORRELATION_BANDS[strength]
    noise = 2 if strength == "strong" else 6
    for _ in range(2000):
        mx, my = rng.integer(3, 12), rng.integer(10, 40)
        dx = [rng.integer(-5, 5) for _ in range(n - 1)]
        dx.append(-sum(dx))
        if abs(dx[-1]) > 6 or len(set(dx)) < 3:
            continue
        slope = sign * rng.integer(1, 3)
        e = [rng.integer(-noise, noise) for _ in range(n - 1)]
        e.append(-sum(e))
        dy = [slope * a + b for a, b in zip(dx, e)]
        sxx, syy, sxy = sum(a * a for a in dx), sum(b * b for b in dy), sum(a * b for a, b in zip(dx, dy))
        if syy == 0 or sxy == 0:
            continue
        r2 = Fraction(sxy * sxy, sxx * syy)
        if not (lo * lo <= r2 <= hi * hi) or (sxy > 0) != (sign > 0):
            continue
        order = rng.shuffled(list(range(n)))
        x = [mx + dx[i] for i in order]
        y = [my + dy[i] for i in order]
        return Pairs(x, y, sympy.Integer(sxx), sympy.Integer(syy), sympy.Integer(sxy), sympy.Rational(sxy, n - 1),
                     sympy.Integer(sxy) / sympy.sqrt(sxx * syy))
    raise SandboxError("paired_data() found no data set in the band")


@macro(needs_rng=True)
def real_sample(rng: Any, n: Any, centre: Any, spread: Any, places: Any = 1, skew: Any = 0) -> list[sympy.Rational]:
    """n real-looking measurements with `places` decimals: centre + spread * (a bell-shaped draw,
    the sum of four uniforms), stretched on the right when skew = 1 (or the left, -1); no two
    draws need be distinct, all are positive."""
    n, places, skew = as_int(n, "real_sample"), as_int(places, "real_sample"), as_int(skew, "real_sample")
    centre, spread = to_fraction(centre), to_fraction(spread)
    if not 5 <= n <= 200 or not 0 <= places <= 3 or skew not in (-1, 0, 1) or spread <= 0:
        raise SandboxError("real_sample() needs 5 <= n <= 200, 0..3 places, skew -1/0/1 and spread > 0")
    unit = 10 ** places
    out = []
    while len(out) < n:
        z = Fraction(sum(rng.integer(0, 1000) for _ in range(4)) - 2000, 577)   # about standard normal
        if skew and z * skew > 0:
            z *= Fraction(9, 5)
        v = centre + spread * z
        if v <= 0:
            continue
        out.append(sympy.Rational(round(v * unit), unit))
    return out


# ---------------------------------------------------------------------------------------------
# Data with a prescribed spread (weeks 9-10: t procedures by hand need a sample whose mean and
# sum of squared deviations are chosen, so that s / sqrt(n) comes out round).
# ---------------------------------------------------------------------------------------------

def _deviations(rng: Any, n: int, total: int, squares: int, spread: int, budget: list[int]) -> list[int] | None:
    """n integers in [-spread, spread] adding to `total` with squares adding to `squares`, by a
    randomised depth-first search that prunes what the remaining values cannot reach."""
    if n == 0:
        return [] if total == 0 and squares == 0 else None
    budget[0] -= 1
    if budget[0] < 0:
        return None
    # n values with sum T need squares >= T^2 / n, at most n spread^2, and squares = T (mod 2)
    if squares * n < total * total or squares > n * spread * spread or (squares - total) % 2:
        return None
    top = min(spread, math.isqrt(squares))
    for d in rng.shuffled(list(range(-top, top + 1))):
        rest = _deviations(rng, n - 1, total - d, squares - d * d, spread, budget)
        if rest is not None:
            return [d] + rest
    return None


def _spread_deviations(rng: Any, n: int, squares: int, spread: int) -> list[int] | None:
    """n integers in [-spread, spread] adding to 0 with squares adding to `squares`, looking like data: the
    first n - 2 drawn bell-shaped around 0 at about the target spread, the last two solving the two sums
    (d + e = -s, d^2 + e^2 = r has integer roots when 2r - s^2 is a square of the right parity)."""
    scale = math.sqrt(squares / n)
    for _ in range(400):
        head = []
        for _ in range(n - 2):
            z = sum(rng.integer(-6, 6) for _ in range(4)) / 7.2          # about standard normal
            head.append(max(-spread, min(spread, round(z * scale))))
        s, r = sum(head), squares - sum(d * d for d in head)
        disc = 2 * r - s * s
        if disc < 0:
            continue
        root = math.isqrt(disc)
        if root * root != disc or (root + s) % 2:
            continue
        d, e = (-s + root) // 2, (-s - root) // 2
        if max(abs(d), abs(e)) <= spread:
            return head + [d, e]
    return None


@macro(needs_rng=True)
def data_with_mean_ss(rng: Any, n: Any, mean: Any, ss: Any, spread: Any) -> list[int]:
    """n integers within mean +- spread whose mean is exactly `mean` (an integer) and whose squared
    deviations from it add up to exactly `ss` (so the sample variance is ss / (n - 1)); drawn to look like
    a sample (bell-shaped, mostly distinct values), by an exhaustive search only when that fails."""
    n, m = as_int(n, "data_with_mean_ss"), as_int(mean, "data_with_mean_ss")
    ss, spread = as_int(ss, "data_with_mean_ss"), as_int(spread, "data_with_mean_ss")
    if not 2 <= n <= 30 or ss < 0 or not 1 <= spread <= 1000:
        raise SandboxError("data_with_mean_ss() needs 2 <= n <= 30, ss >= 0 and 1 <= spread <= 1000")
    devs = _spread_deviations(rng, n, ss, spread) if n > 2 else None
    if devs is None:
        devs = _deviations(rng, n, 0, ss, spread, [20_000])
    if devs is None:
        raise SandboxError(f"data_with_mean_ss() found no {n} values within +-{spread} with squares adding to {ss}")
    return rng.shuffled([m + d for d in devs])


# ---------------------------------------------------------------- histogram shape (bank-code, issue 11)


@macro()
def hist_skewness(data: Sequence[Any], lo: Any, width: Any, bins: Any) -> sympy.Rational:
    """Moment skewness g = m3 / m2^(3/2) of the class midpoints (each value at the midpoint of its
    class), rounded to three decimals: what the drawn histogram shows, not the raw data."""
    counts = hist_class_counts(data, lo, width, bins)
    n = sum(counts)
    mids = [Fraction(2 * i + 1, 2) for i in range(len(counts))]   # in class widths: the shape is scale-free
    mean = sum(c * m for c, m in zip(counts, mids)) / n
    m2 = sum(c * (m - mean) ** 2 for c, m in zip(counts, mids)) / n
    m3 = sum(c * (m - mean) ** 3 for c, m in zip(counts, mids)) / n
    if m2 == 0:
        return sympy.Integer(0)
    return sympy.Rational(round(float(m3) / float(m2) ** 1.5 * 1000), 1000)


# ---------------------------------------------------------------- correlated samples (bank-code, issue 11)


def _normal_pair(rng: Any) -> tuple[float, float]:
    """Two independent standard normal deviates (Box-Muller on the seeded generator)."""
    u1, u2 = 1.0 - rng.unit(), rng.unit()
    radius = math.sqrt(-2.0 * math.log(u1))
    return radius * math.cos(2 * math.pi * u2), radius * math.sin(2 * math.pi * u2)


def _pearson(xs: Sequence[float], ys: Sequence[float]) -> float:
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    sxy = sum((a - mx) * (b - my) for a, b in zip(xs, ys))
    sxx, syy = sum((a - mx) ** 2 for a in xs), sum((b - my) ** 2 for b in ys)
    return sxy / math.sqrt(sxx * syy)


@macro(needs_rng=True)
def correlated_sample(rng: Any, n: Any, r: Any, tol: Any = Fraction(1, 20)) -> list:
    """[xs, ys]: n points of a bivariate normal with correlation r (y = r z1 + sqrt(1 - r^2) z2),
    redrawn until the sample correlation is within `tol` of r, rounded to 2 decimals."""
    size, target, within = as_int(n, "correlated_sample"), to_float(r), to_float(tol)
    if not 5 <= size <= 100 or not -1 < target < 1 or within <= 0:
        raise SandboxError("correlated_sample() needs 5 <= n <= 100, -1 < r < 1 and tol > 0")
    for _ in range(200):
        pairs = [_normal_pair(rng) for _ in range(size)]
        xs = [round(z1, 2) for z1, _ in pairs]
        ys = [round(target * z1 + math.sqrt(1 - target * target) * z2, 2) for z1, z2 in pairs]
        if abs(_pearson(xs, ys) - target) <= within:
            return [xs, ys]
    raise SandboxError(f"correlated_sample() found no sample within {within} of r = {target}")  # pragma: no cover


# ---------------------------------------------------------------------------------------------
# Weeks 9-10: columns built for standardising by hand (integer mean and integer SD).
# ---------------------------------------------------------------------------------------------

@macro(needs_rng=True)
def data_with_integer_sd(rng: Any, n: Any, mean: Any, ddof: Any = 1, spread: Any = 6) -> list[int]:
    """n integers with integer mean `mean` and an integer standard deviation under the divisor n - ddof.

    Deviations from the mean are drawn within +-spread, balanced to sum 0, and kept when their sum
    of squares is (n - ddof) s^2 for a whole s >= 1, so every z-score (x - mean)/s is a small fraction.
    """
    n, m, d, top = (as_int(n, "data_with_integer_sd"), as_int(mean, "data_with_integer_sd"),
                    as_int(ddof, "data_with_integer_sd"), as_int(spread, "data_with_integer_sd"))
    if not 3 <= n <= 12 or d not in (0, 1) or top < 1:
        raise SandboxError("data_with_integer_sd() needs 3 <= n <= 12, ddof 0 or 1 and spread >= 1")
    for _ in range(5000):
        dev = [rng.integer(-top, top) for _ in range(n - 1)]
        last = -sum(dev)
        if abs(last) > top:
            continue
        dev.append(last)
        q, r = divmod(sum(v * v for v in dev), n - d)
        s = math.isqrt(q)
        if r or q == 0 or s * s != q or len(set(dev)) < 3:
            continue
        return [m + v for v in dev]
    raise SandboxError("data_with_integer_sd() could not build the data")
