"""Macros used mainly by the probability and statistics templates of weeks 7-10 and the visualization templates of weeks 11-12.

Draws build data with the wanted shape directly (pmf tables, skewed histograms, box-plot
data with designed outliers, marked points away from ambiguous spots). Keys computed here
are exact (ints, SymPy Rationals). Figures are plain TikZ with coordinates computed in
Python from the same data; the checks in `checks/prob_late.py` read the drawn coordinates
back from the LaTeX and recompute every statistic with NumPy, independently.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any, Sequence

import sympy

from ..api import to_fraction as _frac, to_rational as _rat
from ..api import SandboxError
from .matrices import unimodular_matrix
from .plots import function_plot
from ..api import macro

MAX_DATA = 400


class Figure:
    """A TikZ picture held as a value.

    The evaluator refuses any text result longer than 1000 characters, and every figure is
    longer, so a figure returned as a plain string cannot be stored in `params`. A Figure is
    not a string: it passes the size limit, prints its TikZ through SymPy's `_latex` hook
    (which `\\VAR{}` uses), and `str()` gives the TikZ back to the checks that read it.
    """

    __slots__ = ("tikz",)

    def __init__(self, tikz: str):
        self.tikz = tikz

    def _latex(self, printer: Any = None) -> str:
        return self.tikz

    def __str__(self) -> str:
        return self.tikz

    def __repr__(self) -> str:
        return f"Figure({len(self.tikz)} characters)"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Figure) and other.tikz == self.tikz

    def __hash__(self) -> int:
        return hash(self.tikz)


def _int(v: Any, what: str) -> int:
    if isinstance(v, bool) or not (isinstance(v, int) or isinstance(v, sympy.Integer)):
        raise SandboxError(f"{what} needs an integer, got {v}")
    return int(v)


def _ints(values: Sequence[Any], what: str) -> list[int]:
    if not isinstance(values, (list, tuple)) or not values or len(values) > MAX_DATA:
        raise SandboxError(f"{what} needs a list of 1..{MAX_DATA} integers")
    return [_int(v, what) for v in values]


def _num(v: float) -> str:
    """A TikZ coordinate: at most 3 decimals, no trailing zeros, never '-0'."""
    s = f"{v:.3f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def _text(v: Any) -> str:
    """A tick label: an integer, or a short decimal."""
    f = _frac(v) if not isinstance(v, float) else Fraction(v).limit_denominator(1000)
    if f.denominator == 1:
        return str(f.numerator)
    return _num(float(f))


# --------------------------------------------------------------------------- decimals


@macro()
def approx_rational(value: Any, places: Any = 20) -> sympy.Rational:
    """The real value rounded (half away from zero) to `places` decimals, as an exact Rational.

    For decimal keys and printed decimals of closed forms (erf, exp): printing and grading a
    Rational is about fifty times faster than re-evaluating the closed form each time.
    """
    places = _int(places, "approx_rational")
    if not 1 <= places <= 40:
        raise SandboxError("approx_rational() needs 1..40 places")
    v = sympy.N(value, places + 15)
    if not v.is_real or not v.is_finite:
        raise SandboxError(f"approx_rational() of a non-real or infinite value {value}")
    scaled = Decimal(str(v)).scaleb(places).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return sympy.Rational(int(scaled), 10**places)


# --------------------------------------------------------------------------- discrete pmf tables


@macro(needs_rng=True)
def pmf_probabilities(rng: Any, n: Any, denominator: Any) -> list[sympy.Rational]:
    """[draws] n probabilities k/denominator (k >= 1) adding up to exactly 1, in random order."""
    n, d = _int(n, "pmf_probabilities"), _int(denominator, "pmf_probabilities")
    if not 2 <= n <= 10 or d < n or d > 1000:
        raise SandboxError("pmf_probabilities() needs 2 <= n <= 10 and n <= denominator <= 1000")
    cuts = sorted(rng.sample(range(1, d), n - 1))
    parts = [b - a for a, b in zip([0] + cuts, cuts + [d])]
    return [sympy.Rational(k, d) for k in parts]


@macro()
def pmf_moment(values: Sequence[Any], probs: Sequence[Any], power: Any = 1) -> sympy.Rational:
    """E[X**power] = sum of p * x**power over a pmf table, exactly."""
    power = _int(power, "pmf_moment")
    if len(values) != len(probs) or not 0 <= power <= 4:
        raise SandboxError("pmf_moment() needs equally long lists and power 0..4")
    return _rat(sum((_frac(p) * _frac(v) ** power for v, p in zip(values, probs)), Fraction(0)))


@macro()
def pmf_tail(values: Sequence[Any], probs: Sequence[Any], t: Any) -> sympy.Rational:
    """P(X >= t) from a pmf table, exactly."""
    t = _frac(t)
    return _rat(sum((_frac(p) for v, p in zip(values, probs) if _frac(v) >= t), Fraction(0)))


@macro()
def pmf_set_entry(probs: Sequence[Any], index: Any, value: Any) -> list[Any]:
    """A copy of the list with the entry at `index` replaced by `value` (e.g. a forgotten probability set to 0)."""
    index = _int(index, "pmf_set_entry")
    if not 0 <= index < len(probs):
        raise SandboxError("pmf_set_entry(): index out of range")
    out = list(probs)
    out[index] = value
    return out


def _prob_latex(p: Fraction) -> str:
    if 100 % p.denominator == 0:
        return _num(float(p))
    return rf"\tfrac{{{p.numerator}}}{{{p.denominator}}}"


@macro(strings_ok=True)
def pmf_table(values: Sequence[Any], probs: Sequence[Any], missing: Any, unknown: Any = "q") -> str:
    """LaTeX table x | P(X = x) with the probability at index `missing` shown as the letter `unknown`.

    Probabilities whose denominator divides 100 are printed as decimals, others as fractions.
    """
    missing = _int(missing, "pmf_table")
    if len(values) != len(probs) or not 0 <= missing < len(values) or not isinstance(unknown, str):
        raise SandboxError("pmf_table() needs equally long lists, a valid index and a text symbol")
    xs = " & ".join(f"${_text(v)}$" for v in values)
    ps = " & ".join(f"${unknown}$" if i == missing else f"${_prob_latex(_frac(p))}$" for i, p in enumerate(probs))
    cols = "c" * len(values)
    return (rf"\begin{{tabular}}{{c|{cols}}}" "\n" rf"$x$ & {xs} \\ \hline" "\n"
            rf"$P(X = x)$ & {ps}" "\n" r"\end{tabular}")


# --------------------------------------------------------------------------- histograms

_SYMMETRIC_PROFILES = ((10, 8, 5, 2, 1), (10, 9, 6, 3, 1), (10, 7, 4, 2, 1), (10, 8, 4, 1, 1))
_RISES = ((4, 10), (5, 10), (3, 7, 10))


def _shape_weights(shape: int, bins: int, rng: Any) -> list[int]:
    """Class weights: a peak near the left with a long decaying right tail (shape 0), its mirror
    image (1), or a mirror-symmetric bell (2)."""
    if shape == 2:
        prof = list(rng.choice(_SYMMETRIC_PROFILES)) + [1] * 5
        m = bins // 2
        if bins % 2:
            return list(reversed(prof[1:m + 1])) + [prof[0]] + prof[1:m + 1]
        return list(reversed(prof[:m])) + prof[:m]
    rise = list(rng.choice(_RISES if bins >= 7 else _RISES[:2]))
    rho = rng.choice((0.5, 0.6, 0.7))
    tail = [max(1, round(10 * rho ** (i + 1))) for i in range(bins - len(rise))]
    weights = rise + tail
    return weights[::-1] if shape == 1 else weights


def _shape_counts(shape: int, bins: int, total: int, rng: Any) -> list[int]:
    weights = _shape_weights(shape, bins, rng)
    scale = total / sum(weights)
    counts = [max(1, round(w * scale)) for w in weights]
    # a little noise, kept mirror-symmetric for the symmetric shape
    if shape == 2:
        for i in range(bins // 2):
            d = rng.choice((-1, 0, 1))
            counts[i] = counts[bins - 1 - i] = max(1, counts[i] + d)
    else:
        counts = [max(1, c + rng.choice((-1, 0, 1))) for c in counts]
    return counts


@macro(needs_rng=True)
def histogram_sample(rng: Any, lo: Any, width: Any, bins: Any, shape: Any, total: Any) -> list[int]:
    """[draws] About `total` integers in [lo, lo + bins*width) whose histogram is skewed right (shape 0),
    skewed left (1) or exactly symmetric (2); values are spread uniformly inside their class."""
    lo, width, bins = _int(lo, "histogram_sample"), _int(width, "histogram_sample"), _int(bins, "histogram_sample")
    shape, total = _int(shape, "histogram_sample"), _int(total, "histogram_sample")
    if not 5 <= bins <= 10 or width < 2 or shape not in (0, 1, 2) or not 20 <= total <= 300:
        raise SandboxError("histogram_sample() needs 5..10 bins, width >= 2, shape 0/1/2, total 20..300")
    counts = _shape_counts(shape, bins, total, rng)
    data = []
    for i, c in enumerate(counts):
        left = lo + i * width
        data.extend(rng.integer(left, left + width - 1) for _ in range(c))
    return rng.shuffled(data)


@macro()
def hist_class_counts(data: Sequence[Any], lo: Any, width: Any, bins: Any) -> list[int]:
    """Frequencies of the classes [lo + i*width, lo + (i+1)*width), i = 0..bins-1 (counted exactly)."""
    lo_f, w, bins = _frac(lo), _frac(width), _int(bins, "hist_class_counts")
    counts = [0] * bins
    for v in data:
        i = math.floor((_frac(v) - lo_f) / w)
        if not 0 <= i < bins:
            raise SandboxError(f"value {v} lies outside the classes")
        counts[i] += 1
    return counts


@macro()
def hist_midpoint_mean(data: Sequence[Any], lo: Any, width: Any, bins: Any) -> sympy.Rational:
    """Mean estimated from a histogram: class midpoints weighted by the class frequencies."""
    counts = hist_class_counts(data, lo, width, bins)
    lo_f, w = _frac(lo), _frac(width)
    total = sum(c * (lo_f + (i + Fraction(1, 2)) * w) for i, c in enumerate(counts))
    return _rat(total / sum(counts))


@macro()
def hist_count_in(data: Sequence[Any], a: Any, b: Any) -> int:
    """How many values v satisfy a <= v < b."""
    a, b = _frac(a), _frac(b)
    return sum(1 for v in data if a <= _frac(v) < b)


def _nice_step(top: float, target: int = 6) -> int:
    for step in (1, 2, 5, 10, 20, 25, 50):
        if top / step <= target:
            return step
    return 100


@macro(strings_ok=True)
def histogram_tikz(data: Sequence[Any], lo: Any, width: Any, bins: Any, xlabel: Any = "x",
                   figure_width: Any = 9, figure_height: Any = 5) -> Figure:
    """A TikZ frequency histogram of the data in classes [lo + i*width, ...): bars, class edges as
    x-ticks, a horizontal grid line at every count (at least 1.6 mm apart, the picture grows for
    tall bars) and labelled y-ticks."""
    counts = hist_class_counts(data, lo, width, bins)
    lo_f, w, bins = float(_frac(lo)), float(_frac(width)), int(bins)
    if not isinstance(xlabel, str):
        raise SandboxError("histogram_tikz() needs a text label")
    top = max(counts) + 1
    ystep = _nice_step(top)
    top = math.ceil(top / ystep) * ystep
    sx = float(_frac(figure_width)) / (bins * w)
    sy = max(float(_frac(figure_height)), 0.16 * top) / top   # at least 1.6 mm per count
    X = lambda v: _num((v - lo_f) * sx)  # noqa: E731
    Y = lambda c: _num(c * sy)  # noqa: E731
    hi = lo_f + bins * w
    lines = [r"\begin{tikzpicture}"]
    for c in range(0, top + 1):
        shade = "gray!45" if c % ystep == 0 else "gray!20"
        lines.append(rf"\draw[{shade}, very thin] (0,{Y(c)}) -- ({X(hi)},{Y(c)});")
    for i, c in enumerate(counts):
        a = lo_f + i * w
        lines.append(rf"\filldraw[fill=blue!25, draw=blue!60!black] ({X(a)},0) rectangle ({X(a + w)},{Y(c)});")
    lines.append(rf"\draw[->] (0,0) -- ({_num((hi - lo_f) * sx + 0.4)},0) node[right] {{${xlabel}$}};")
    lines.append(rf"\draw[->] (0,0) -- (0,{_num(top * sy + 0.4)}) node[above] {{frequency}};")
    for i in range(bins + 1):
        a = lo_f + i * w
        lines.append(rf"\node[below, font=\scriptsize] at ({X(a)},0) {{${_text(a)}$}};")
    for c in range(0, top + 1, ystep):
        lines.append(rf"\node[left, font=\scriptsize] at (0,{Y(c)}) {{${c}$}};")
    lines.append(r"\end{tikzpicture}")
    return Figure("\n".join(lines))


# --------------------------------------------------------------------------- box plots


def _median(xs: list[Fraction]) -> Fraction:
    n = len(xs)
    return xs[n // 2] if n % 2 else (xs[n // 2 - 1] + xs[n // 2]) / 2


def _summary(values: Sequence[Any]) -> tuple[list[Fraction], list[Fraction]]:
    xs = sorted(_frac(v) for v in values)
    n = len(xs)
    if n < 5:
        raise SandboxError("a box plot needs at least 5 values")
    lower, upper = xs[: n // 2], xs[(n + 1) // 2:]
    q1, med, q3 = _median(lower), _median(xs), _median(upper)
    iqr = q3 - q1
    lo_fence, hi_fence = q1 - Fraction(3, 2) * iqr, q3 + Fraction(3, 2) * iqr
    inside = [v for v in xs if lo_fence <= v <= hi_fence]
    outliers = [v for v in xs if v < lo_fence or v > hi_fence]
    return [inside[0], q1, med, q3, inside[-1]], outliers


@macro()
def tukey_box(values: Sequence[Any]) -> list[sympy.Rational]:
    """[lower whisker end, Q1, median, Q3, upper whisker end] with quartiles the medians of the
    lower and upper halves (median excluded for odd n) and whiskers to the most extreme values
    within 1.5 IQR of the box."""
    return [_rat(v) for v in _summary(values)[0]]


@macro()
def tukey_outliers(values: Sequence[Any]) -> list[sympy.Rational]:
    """The values beyond 1.5 IQR from the box (quartiles as in tukey_box), sorted."""
    return [_rat(v) for v in _summary(values)[1]]


@macro(needs_rng=True)
def boxplot_sample(rng: Any, n: Any, lo: Any, hi: Any, low_outliers: Any = 0, high_outliers: Any = 0) -> list[int]:
    """[draws] n integers: n - k core values in [lo, hi] plus k outliers placed beyond the 1.5 IQR
    fences (the outliers take the extreme ranks, so the quartiles are those of the design)."""
    n, lo, hi = _int(n, "boxplot_sample"), _int(lo, "boxplot_sample"), _int(hi, "boxplot_sample")
    k_lo, k_hi = _int(low_outliers, "boxplot_sample"), _int(high_outliers, "boxplot_sample")
    if not 7 <= n <= 60 or hi - lo < 6 or not 0 <= k_lo <= 2 or not 0 <= k_hi <= 2:
        raise SandboxError("boxplot_sample() needs 7 <= n <= 60, hi - lo >= 6, at most 2 outliers each side")
    core = [rng.integer(lo, hi) for _ in range(n - k_lo - k_hi)]
    # quartiles of the final data set depend only on ranks: compute them with placeholders
    placeholder = sorted([lo - 1000] * k_lo + core + [hi + 1000] * k_hi)
    xs = [Fraction(v) for v in placeholder]
    m = len(xs)
    q1, q3 = _median(xs[: m // 2]), _median(xs[(m + 1) // 2:])
    iqr = q3 - q1
    lo_fence, hi_fence = q1 - Fraction(3, 2) * iqr, q3 + Fraction(3, 2) * iqr
    out = list(core)
    start_hi = max(math.floor(hi_fence) + 1, max(core) + 1)
    start_lo = min(math.ceil(lo_fence) - 1, min(core) - 1)
    out += [start_hi + rng.integer(0, 3) + 2 * j for j in range(k_hi)]
    out += [start_lo - rng.integer(0, 3) - 2 * j for j in range(k_lo)]
    return rng.shuffled(out)


@macro(strings_ok=True)
def boxplot_tikz(groups: Sequence[Any], names: Sequence[Any], lo: Any, hi: Any, step: Any = 5,
                 figure_width: Any = 10) -> Figure:
    """Horizontal box plots (one row per group, first group on top) on a common axis [lo, hi]:
    box Q1..Q3 with the median, whiskers to the most extreme values within 1.5 IQR, outliers as
    dots; grid lines at every integer, labels every `step`."""
    if not isinstance(groups, (list, tuple)) or not 1 <= len(groups) <= 4 or len(names) != len(groups):
        raise SandboxError("boxplot_tikz() needs 1..4 groups and one name per group")
    lo_i, hi_i, step_i = _int(lo, "boxplot_tikz"), _int(hi, "boxplot_tikz"), _int(step, "boxplot_tikz")
    if hi_i - lo_i < 4 or hi_i - lo_i > 200 or step_i < 1:
        raise SandboxError("boxplot_tikz() needs a sensible axis range")
    sx = float(_frac(figure_width)) / (hi_i - lo_i)
    X = lambda v: _num((float(v) - lo_i) * sx)  # noqa: E731
    rows = len(groups)
    top = 1.2 * rows + 0.2
    lines = [r"\begin{tikzpicture}"]
    for t in range(lo_i, hi_i + 1):
        shade = "gray!45" if t % step_i == 0 else "gray!20"
        lines.append(rf"\draw[{shade}, very thin] ({X(t)},0) -- ({X(t)},{_num(top)});")
    lines.append(rf"\draw[->] ({X(lo_i)},0) -- ({_num((hi_i - lo_i) * sx + 0.4)},0);")
    for t in range(lo_i, hi_i + 1):
        if t % step_i == 0:
            lines.append(rf"\node[below, font=\scriptsize] at ({X(t)},0) {{${t}$}};")
    for r, (g, name) in enumerate(zip(groups, names)):
        if not isinstance(name, str):
            raise SandboxError("boxplot_tikz() group names must be text")
        (w_lo, q1, med, q3, w_hi), outliers = _summary(g)
        y = 1.2 * (rows - r) - 0.4
        y0, y1 = _num(y - 0.3), _num(y + 0.3)
        lines.append(rf"\node[left] at ({X(lo_i)},{_num(y)}) {{{name}}};")
        lines.append(rf"\filldraw[fill=orange!25, draw=black, thick] ({X(q1)},{y0}) rectangle ({X(q3)},{y1});")
        lines.append(rf"\draw[very thick] ({X(med)},{y0}) -- ({X(med)},{y1});")
        lines.append(rf"\draw[thick] ({X(w_lo)},{_num(y)}) -- ({X(q1)},{_num(y)});")
        lines.append(rf"\draw[thick] ({X(q3)},{_num(y)}) -- ({X(w_hi)},{_num(y)});")
        for wv in (w_lo, w_hi):
            lines.append(rf"\draw[thick] ({X(wv)},{_num(y - 0.15)}) -- ({X(wv)},{_num(y + 0.15)});")
        for o in outliers:
            lines.append(rf"\draw[thick] ({X(o)},{_num(y)}) circle (2pt);")
    lines.append(r"\end{tikzpicture}")
    return Figure("\n".join(lines))


# --------------------------------------------------------------------------- empirical CDF


@macro()
def ecdf_value(data: Sequence[Any], v: Any) -> sympy.Rational:
    """The empirical CDF F(v) = (number of values <= v) / n, exactly."""
    v = _frac(v)
    return sympy.Rational(sum(1 for d in data if _frac(d) <= v), len(data))


@macro()
def ecdf_inverse(data: Sequence[Any], q: Any) -> sympy.Rational:
    """The smallest data value x with F(x) >= q (the inverse of the empirical CDF)."""
    q = _frac(q)
    xs = sorted(_frac(d) for d in data)
    n = len(xs)
    for i, x in enumerate(xs):
        if Fraction(i + 1, n) >= q:
            return _rat(x)
    return _rat(xs[-1])


@macro(strings_ok=True)
def ecdf_tikz(data: Sequence[Any], lo: Any, hi: Any, xstep: Any = 1, xlabel: Any = "x",
              figure_width: Any = 10, figure_height: Any = 5) -> Figure:
    """A TikZ step plot of the empirical CDF of integer data on [lo, hi]: closed dots at the
    jumps, open dots at the left limits, grid lines at every integer and every multiple of 1/n,
    x-labels every `xstep`, y-labels every 0.1."""
    xs = sorted(_ints(data, "ecdf_tikz"))
    lo_i, hi_i, xstep = _int(lo, "ecdf_tikz"), _int(hi, "ecdf_tikz"), _int(xstep, "ecdf_tikz")
    if not lo_i < xs[0] or not xs[-1] < hi_i or hi_i - lo_i > 100 or xstep < 1 or not isinstance(xlabel, str):
        raise SandboxError("ecdf_tikz() needs lo < min(data), max(data) < hi and a text label")
    n = len(xs)
    sx = float(_frac(figure_width)) / (hi_i - lo_i)
    sy = float(_frac(figure_height))
    X = lambda v: _num((v - lo_i) * sx)  # noqa: E731
    Y = lambda f: _num(f * sy)  # noqa: E731
    lines = [r"\begin{tikzpicture}"]
    for k in range(n + 1):
        shade = "gray!45" if (10 * k) % n == 0 else "gray!20"
        lines.append(rf"\draw[{shade}, very thin] ({X(lo_i)},{Y(k / n)}) -- ({X(hi_i)},{Y(k / n)});")
    for t in range(lo_i, hi_i + 1):
        lines.append(rf"\draw[gray!20, very thin] ({X(t)},0) -- ({X(t)},{Y(1)});")
    lines.append(rf"\draw[->] ({X(lo_i)},0) -- ({_num((hi_i - lo_i) * sx + 0.4)},0) node[right] {{${xlabel}$}};")
    lines.append(rf"\draw[->] ({X(lo_i)},0) -- ({X(lo_i)},{_num(sy + 0.4)}) node[above] {{$F_n({xlabel})$}};")
    for t in range(lo_i, hi_i + 1):
        if t % xstep == 0:
            lines.append(rf"\node[below, font=\scriptsize] at ({X(t)},0) {{${t}$}};")
    for k in range(0, 11):
        lines.append(rf"\node[left, font=\scriptsize] at ({X(lo_i)},{Y(k / 10)}) {{${_num(k / 10)}$}};")
    distinct = sorted(set(xs))
    heights = [sum(1 for v in xs if v <= d) / n for d in distinct]
    edges = [lo_i] + distinct + [hi_i]
    levels = [0.0] + heights
    for i, level in enumerate(levels):
        a, b = edges[i], edges[i + 1]
        lines.append(rf"\draw[thick, blue] ({X(a)},{Y(level)}) -- ({X(b)},{Y(level)});")
    for i, d in enumerate(distinct):
        lines.append(rf"\draw[blue, fill=white] ({X(d)},{Y(levels[i])}) circle (1.6pt);")
        lines.append(rf"\fill[blue] ({X(d)},{Y(heights[i])}) circle (1.6pt);")
    lines.append(r"\end{tikzpicture}")
    return Figure("\n".join(lines))


# --------------------------------------------------------------------------- the unit square and its image


@macro(needs_rng=True)
def map_matrix_2x2(rng: Any, max_entry: Any = 3) -> sympy.Matrix:
    """[draws] A 2x2 integer matrix with determinant +-1 (integer inverse) whose transpose, inverse
    and column swap are four different matrices (not symmetric, not an involution, not orthogonal)."""
    for _ in range(200):
        A = unimodular_matrix(rng, 2, max_entry)
        At, Ai, S = A.T, A.inv(), A[:, [1, 0]]
        if len({tuple(M) for M in (A, At, Ai, S)}) == 4:
            return A
    raise SandboxError("map_matrix_2x2(): no suitable matrix found")


def _away(dx: float, dy: float) -> str:
    """The TikZ anchor that puts a label beyond the tip of an arrow pointing along (dx, dy)."""
    v = "south" if dy > 0 else ("north" if dy < 0 else "")
    h = "west" if dx > 0 else ("east" if dx < 0 else "")
    return " ".join(p for p in (v, h) if p) or "south west"


@macro()
def unit_square_tikz(A: Any, figure_unit: Any = 0.8) -> Figure:
    """The unit square (dashed) and its image under the 2x2 matrix A (filled), on an integer grid;
    the images of e1 and e2 are drawn as arrows labelled $A\\mathbf{e}_1$ and $A\\mathbf{e}_2$."""
    if not isinstance(A, sympy.MatrixBase) or A.shape != (2, 2):
        raise SandboxError("unit_square_tikz() needs a 2x2 matrix")
    a = [[float(_frac(A[i, j])) for j in range(2)] for i in range(2)]
    e1 = (a[0][0], a[1][0])
    e2 = (a[0][1], a[1][1])
    corner = (e1[0] + e2[0], e1[1] + e2[1])
    pts = [(0.0, 0.0), (1.0, 0.0), (0.0, 1.0), (1.0, 1.0), e1, e2, corner]
    xmin = math.floor(min(p[0] for p in pts)) - 1
    xmax = math.ceil(max(p[0] for p in pts)) + 1
    ymin = math.floor(min(p[1] for p in pts)) - 1
    ymax = math.ceil(max(p[1] for p in pts)) + 1
    u = float(_frac(figure_unit))
    P = lambda p: f"({_num(p[0] * u)},{_num(p[1] * u)})"  # noqa: E731
    lines = [r"\begin{tikzpicture}"]
    lines.append(rf"\draw[gray!30, very thin, step={_num(u)}] {P((xmin, ymin))} grid {P((xmax, ymax))};")
    lines.append(rf"\draw[->] {P((xmin, 0))} -- {P((xmax + 0.4, 0))} node[right] {{$x$}};")
    lines.append(rf"\draw[->] {P((0, ymin))} -- {P((0, ymax + 0.4))} node[above] {{$y$}};")
    for t in range(xmin, xmax + 1):
        lines.append(rf"\node[below, font=\scriptsize] at {P((t, ymin))} {{${t}$}};")
    for t in range(ymin, ymax + 1):
        lines.append(rf"\node[left, font=\scriptsize] at {P((xmin, t))} {{${t}$}};")
    lines.append(rf"\draw[dashed, thick] {P((0, 0))} -- {P((1, 0))} -- {P((1, 1))} -- {P((0, 1))} -- cycle;")
    lines.append(rf"\filldraw[fill=red!15, draw=red!70!black, thick] {P((0, 0))} -- {P(e1)} -- {P(corner)} -- {P(e2)} -- cycle;")
    lines.append(rf"\draw[->, very thick, blue] {P((0, 0))} -- {P(e1)} node[pos=1, anchor={_away(*e1)}, font=\small] {{$A\mathbf{{e}}_1$}};")
    lines.append(rf"\draw[->, very thick, teal] {P((0, 0))} -- {P(e2)} node[pos=1, anchor={_away(*e2)}, font=\small] {{$A\mathbf{{e}}_2$}};")
    lines.append(r"\end{tikzpicture}")
    return Figure("\n".join(lines))


# --------------------------------------------------------------------------- marked points on a graph


@macro()
def graph_tikz(f: Any, x: Any, lo: Any, hi: Any, ylo: Any = None, yhi: Any = None, xstep: Any = 1,
               ystep: Any = 1, width: Any = 8, height: Any = 5, samples: Any = 121,
               marks: Sequence[Any] = (), lettered: Any = False) -> Figure:
    """function_plot (same arguments) returned as a Figure, so that the graph can be kept in params."""
    return Figure(function_plot(f, x, lo, hi, ylo, yhi, xstep, ystep, width, height, samples, marks, lettered))


@macro(needs_rng=True)
def marks_away_from(rng: Any, lo: Any, hi: Any, n: Any, avoid: Sequence[Any] = (), gap: Any = 1,
                    include: Sequence[Any] = ()) -> list[sympy.Rational]:
    """[draws] n sorted half-integer x-values in [lo, hi]: all of `include`, the rest at distance
    >= gap from every point of `avoid` and from `include`."""
    lo_f, hi_f, gap_f, n = _frac(lo), _frac(hi), _frac(gap), _int(n, "marks_away_from")
    inc = sorted({_frac(v) for v in include})
    bad = [_frac(v) for v in avoid] + inc
    start, stop = math.ceil(lo_f * 2), math.floor(hi_f * 2)
    if stop - start > 400:
        raise SandboxError("marks_away_from(): range too wide")
    candidates = [Fraction(k, 2) for k in range(start, stop + 1)]
    candidates = [c for c in candidates if all(abs(c - b) >= gap_f for b in bad)]
    need = n - len(inc)
    if need < 0 or len(candidates) < need:
        raise SandboxError(f"marks_away_from(): only {len(candidates)} admissible points for {need} marks")
    chosen = rng.sample(candidates, need) + inc
    return [_rat(c) for c in sorted(chosen)]
