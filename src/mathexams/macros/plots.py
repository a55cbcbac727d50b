"""Figures: TikZ pictures with coordinates computed in Python, returned as LaTeX text.

Plain TikZ paths from precomputed points compile about three times faster than the same graph
through pgfplots, and the numbers drawn are exactly the ones the key was built from. The checks
read the drawn coordinates back from this text (`checks/plots.py`), so the drawing conventions
below (styles of bars, boxes, steps and tick labels) are part of the contract with them.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import sympy

from ..api import SandboxError, as_int, as_ints, float_function, macro, to_float, to_fraction, to_rational
from .descriptive import box_summary, hist_class_counts
from .matrices import matrix_of

MAX_SAMPLES = 400
MAX_DATA = 400


def _fmt(v: float) -> str:
    """A TikZ coordinate: at most 3 decimals, no trailing zeros, never '-0'."""
    s = f"{v:.3f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def _ticks(lo: float, hi: float, step: float) -> list[float]:
    first = math.ceil(lo / step - 1e-9)
    last = math.floor(hi / step + 1e-9)
    return [k * step for k in range(first, last + 1)]


def _axes(xmin: float, xmax: float, ymin: float, ymax: float, xstep: float, ystep: float,
          sx: float, sy: float, xlabel: str, ylabel: str) -> list[str]:
    lines = [
        rf"\draw[gray!30, very thin, xstep={_fmt(xstep * sx)}, ystep={_fmt(ystep * sy)}] "
        rf"({_fmt(xmin * sx)},{_fmt(ymin * sy)}) grid ({_fmt(xmax * sx)},{_fmt(ymax * sy)});",
    ]
    if ymin <= 0 <= ymax:
        lines.append(rf"\draw[->] ({_fmt(xmin * sx)},0) -- ({_fmt(xmax * sx + 0.3)},0) node[right] {{${xlabel}$}};")
    if xmin <= 0 <= xmax:
        lines.append(rf"\draw[->] (0,{_fmt(ymin * sy)}) -- (0,{_fmt(ymax * sy + 0.3)}) node[above] {{${ylabel}$}};")
    xaxis_y = 0 if ymin <= 0 <= ymax else ymin
    yaxis_x = 0 if xmin <= 0 <= xmax else xmin
    for t in _ticks(xmin, xmax, xstep):
        if abs(t) > 1e-9 or not (ymin <= 0 <= ymax and xmin <= 0 <= xmax):
            lines.append(rf"\node[below, font=\scriptsize] at ({_fmt(t * sx)},{_fmt(xaxis_y * sy)}) {{${_fmt(t)}$}};")
    for t in _ticks(ymin, ymax, ystep):
        if abs(t) > 1e-9 or not (ymin <= 0 <= ymax and xmin <= 0 <= xmax):
            lines.append(rf"\node[left, font=\scriptsize] at ({_fmt(yaxis_x * sx)},{_fmt(t * sy)}) {{${_fmt(t)}$}};")
    return lines


@macro()
def function_plot(f: Any, x: Any, lo: Any, hi: Any, ylo: Any = None, yhi: Any = None,
                  xstep: Any = 1, ystep: Any = 1, width: Any = 8, height: Any = 5,
                  samples: Any = 121, marks: Sequence[Any] = (), lettered: Any = False) -> str:
    """A TikZ graph of y = f(x) on [lo, hi] with a grid, ticks and optional marked points.

    `marks` lists x-values to mark with a dot (labelled A, B, ... when `lettered`). The y-range defaults to the range of f,
    widened to whole ticks. Returns LaTeX for a `tikzpicture`.
    """
    samples = int(samples)
    if not 2 <= samples <= MAX_SAMPLES:
        raise SandboxError(f"function_plot() samples must be 2..{MAX_SAMPLES}")
    xmin, xmax = to_float(lo), to_float(hi)
    if not xmin < xmax:
        raise SandboxError("function_plot() needs lo < hi")
    fn = float_function(f, [x])
    xs = [xmin + (xmax - xmin) * k / (samples - 1) for k in range(samples)]
    ys = [fn(v) for v in xs]
    finite = [y for y in ys if math.isfinite(y)]
    if not finite:
        raise SandboxError("function_plot(): the function is undefined on the whole range")
    xstep_f, ystep_f = to_float(xstep), to_float(ystep)
    ymin = to_float(ylo) if ylo is not None else math.floor(min(finite) / ystep_f) * ystep_f
    ymax = to_float(yhi) if yhi is not None else math.ceil(max(finite) / ystep_f) * ystep_f
    if ymax <= ymin:
        ymax = ymin + ystep_f
    sx = to_float(width) / (xmax - xmin)
    sy = to_float(height) / (ymax - ymin)
    lines = [r"\begin{tikzpicture}"]
    lines += _axes(xmin, xmax, ymin, ymax, xstep_f, ystep_f, sx, sy, "x", "y")
    lines.append(rf"\begin{{scope}}\clip ({_fmt(xmin * sx)},{_fmt(ymin * sy)}) rectangle ({_fmt(xmax * sx)},{_fmt(ymax * sy)});")
    segment: list[str] = []
    span = ymax - ymin
    for xv, yv in zip(xs, ys):
        if math.isfinite(yv) and ymin - 2 * span <= yv <= ymax + 2 * span:
            segment.append(f"({_fmt(xv * sx)},{_fmt(yv * sy)})")
        elif segment:
            lines.append(r"\draw[thick, blue] " + " -- ".join(segment) + ";")
            segment = []
    if segment:
        lines.append(r"\draw[thick, blue] " + " -- ".join(segment) + ";")
    lines.append(r"\end{scope}")
    for k, m in enumerate(marks):
        mx = to_float(m)
        my = fn(mx)
        if math.isfinite(my):
            label = rf" node[above right, font=\small] {{${chr(65 + k)}$}}" if lettered else ""
            lines.append(rf"\fill ({_fmt(mx * sx)},{_fmt(my * sy)}) circle (1.5pt){label};")
    lines.append(r"\end{tikzpicture}")
    return "\n".join(lines)


@macro()
def digraph_tikz(A: Any) -> str:
    """A TikZ picture of the directed graph with adjacency matrix A (nodes 1..n on a circle)."""
    A = matrix_of(A)
    n = A.rows
    lines = [r"\begin{tikzpicture}[every node/.style={draw, circle, inner sep=2pt}]"]
    for k in range(n):
        angle = math.pi / 2 - 2 * math.pi * k / n
        x, y = (round(1.6 * f(angle), 2) + 0.0 for f in (math.cos, math.sin))  # + 0.0 turns -0.0 into 0.0
        lines.append(r"\node (v%d) at (%.2f,%.2f) {%d};" % (k + 1, x, y, k + 1))
    for i in range(n):
        for j in range(n):
            if A[i, j]:
                lines.append(r"\draw[->, thick] (v%d) to[bend left=12] (v%d);" % (i + 1, j + 1))
    lines.append(r"\end{tikzpicture}")
    return "\n".join(lines)


def _label(v: Any) -> str:
    """A tick label: an integer, or a short decimal."""
    f = to_fraction(v) if not isinstance(v, float) else Fraction(v).limit_denominator(1000)
    if f.denominator == 1:
        return str(f.numerator)
    return _fmt(float(f))


def _nice_step(top: float, target: int = 6) -> int:
    for step in (1, 2, 5, 10, 20, 25, 50):
        if top / step <= target:
            return step
    return 100


@macro(strings_ok=True)
def histogram_tikz(data: Sequence[Any], lo: Any, width: Any, bins: Any, xlabel: Any = "x",
                   figure_width: Any = 9, figure_height: Any = 5) -> str:
    """A TikZ frequency histogram of the data in classes [lo + i*width, ...): bars, class edges as
    x-ticks, a horizontal grid line at every count (at least 1.6 mm apart, the picture grows for
    tall bars) and labelled y-ticks."""
    counts = hist_class_counts(data, lo, width, bins)
    lo_f, w, bins = float(to_fraction(lo)), float(to_fraction(width)), int(bins)
    if not isinstance(xlabel, str):
        raise SandboxError("histogram_tikz() needs a text label")
    top = max(counts) + 1
    ystep = _nice_step(top)
    top = math.ceil(top / ystep) * ystep
    sx = float(to_fraction(figure_width)) / (bins * w)
    sy = max(float(to_fraction(figure_height)), 0.16 * top) / top   # at least 1.6 mm per count
    X = lambda v: _fmt((v - lo_f) * sx)  # noqa: E731
    Y = lambda c: _fmt(c * sy)  # noqa: E731
    hi = lo_f + bins * w
    lines = [r"\begin{tikzpicture}"]
    for c in range(0, top + 1):
        shade = "gray!45" if c % ystep == 0 else "gray!20"
        lines.append(rf"\draw[{shade}, very thin] (0,{Y(c)}) -- ({X(hi)},{Y(c)});")
    for i, c in enumerate(counts):
        a = lo_f + i * w
        lines.append(rf"\filldraw[fill=blue!25, draw=blue!60!black] ({X(a)},0) rectangle ({X(a + w)},{Y(c)});")
    lines.append(rf"\draw[->] (0,0) -- ({_fmt((hi - lo_f) * sx + 0.4)},0) node[right] {{${xlabel}$}};")
    lines.append(rf"\draw[->] (0,0) -- (0,{_fmt(top * sy + 0.4)}) node[above] {{frequency}};")
    for i in range(bins + 1):
        a = lo_f + i * w
        lines.append(rf"\node[below, font=\scriptsize] at ({X(a)},0) {{${_label(a)}$}};")
    for c in range(0, top + 1, ystep):
        lines.append(rf"\node[left, font=\scriptsize] at (0,{Y(c)}) {{${c}$}};")
    lines.append(r"\end{tikzpicture}")
    return "\n".join(lines)


@macro(strings_ok=True)
def boxplot_tikz(groups: Sequence[Any], names: Sequence[Any], lo: Any, hi: Any, step: Any = 5,
                 figure_width: Any = 10) -> str:
    """Horizontal box plots (one row per group, first group on top) on a common axis [lo, hi]:
    box Q1..Q3 with the median, whiskers to the most extreme values within 1.5 IQR, outliers as
    dots; grid lines at every integer, labels every `step`."""
    if not isinstance(groups, (list, tuple)) or not 1 <= len(groups) <= 4 or len(names) != len(groups):
        raise SandboxError("boxplot_tikz() needs 1..4 groups and one name per group")
    lo_i, hi_i, step_i = as_int(lo, "boxplot_tikz"), as_int(hi, "boxplot_tikz"), as_int(step, "boxplot_tikz")
    if hi_i - lo_i < 4 or hi_i - lo_i > 200 or step_i < 1:
        raise SandboxError("boxplot_tikz() needs a sensible axis range")
    sx = float(to_fraction(figure_width)) / (hi_i - lo_i)
    X = lambda v: _fmt((float(v) - lo_i) * sx)  # noqa: E731
    rows = len(groups)
    top = 1.2 * rows + 0.2
    lines = [r"\begin{tikzpicture}"]
    for t in range(lo_i, hi_i + 1):
        shade = "gray!45" if t % step_i == 0 else "gray!20"
        lines.append(rf"\draw[{shade}, very thin] ({X(t)},0) -- ({X(t)},{_fmt(top)});")
    lines.append(rf"\draw[->] ({X(lo_i)},0) -- ({_fmt((hi_i - lo_i) * sx + 0.4)},0);")
    for t in range(lo_i, hi_i + 1):
        if t % step_i == 0:
            lines.append(rf"\node[below, font=\scriptsize] at ({X(t)},0) {{${t}$}};")
    for r, (g, name) in enumerate(zip(groups, names)):
        if not isinstance(name, str):
            raise SandboxError("boxplot_tikz() group names must be text")
        (w_lo, q1, med, q3, w_hi), outliers = box_summary(g)
        y = 1.2 * (rows - r) - 0.4
        y0, y1 = _fmt(y - 0.3), _fmt(y + 0.3)
        lines.append(rf"\node[left] at ({X(lo_i)},{_fmt(y)}) {{{name}}};")
        lines.append(rf"\filldraw[fill=orange!25, draw=black, thick] ({X(q1)},{y0}) rectangle ({X(q3)},{y1});")
        lines.append(rf"\draw[very thick] ({X(med)},{y0}) -- ({X(med)},{y1});")
        lines.append(rf"\draw[thick] ({X(w_lo)},{_fmt(y)}) -- ({X(q1)},{_fmt(y)});")
        lines.append(rf"\draw[thick] ({X(q3)},{_fmt(y)}) -- ({X(w_hi)},{_fmt(y)});")
        for wv in (w_lo, w_hi):
            lines.append(rf"\draw[thick] ({X(wv)},{_fmt(y - 0.15)}) -- ({X(wv)},{_fmt(y + 0.15)});")
        for o in outliers:
            lines.append(rf"\draw[thick] ({X(o)},{_fmt(y)}) circle (2pt);")
    lines.append(r"\end{tikzpicture}")
    return "\n".join(lines)


@macro(strings_ok=True)
def ecdf_tikz(data: Sequence[Any], lo: Any, hi: Any, xstep: Any = 1, xlabel: Any = "x",
              figure_width: Any = 10, figure_height: Any = 5) -> str:
    """A TikZ step plot of the empirical CDF of integer data on [lo, hi]: closed dots at the
    jumps, open dots at the left limits, grid lines at every integer and every multiple of 1/n,
    x-labels every `xstep`, y-labels every 0.1."""
    xs = sorted(as_ints(data, "ecdf_tikz"))
    lo_i, hi_i, xstep = as_int(lo, "ecdf_tikz"), as_int(hi, "ecdf_tikz"), as_int(xstep, "ecdf_tikz")
    if not lo_i < xs[0] or not xs[-1] < hi_i or hi_i - lo_i > 100 or xstep < 1 or not isinstance(xlabel, str):
        raise SandboxError("ecdf_tikz() needs lo < min(data), max(data) < hi and a text label")
    n = len(xs)
    sx = float(to_fraction(figure_width)) / (hi_i - lo_i)
    sy = float(to_fraction(figure_height))
    X = lambda v: _fmt((v - lo_i) * sx)  # noqa: E731
    Y = lambda f: _fmt(f * sy)  # noqa: E731
    lines = [r"\begin{tikzpicture}"]
    for k in range(n + 1):
        shade = "gray!45" if (10 * k) % n == 0 else "gray!20"
        lines.append(rf"\draw[{shade}, very thin] ({X(lo_i)},{Y(k / n)}) -- ({X(hi_i)},{Y(k / n)});")
    for t in range(lo_i, hi_i + 1):
        lines.append(rf"\draw[gray!20, very thin] ({X(t)},0) -- ({X(t)},{Y(1)});")
    lines.append(rf"\draw[->] ({X(lo_i)},0) -- ({_fmt((hi_i - lo_i) * sx + 0.4)},0) node[right] {{${xlabel}$}};")
    lines.append(rf"\draw[->] ({X(lo_i)},0) -- ({X(lo_i)},{_fmt(sy + 0.4)}) node[above] {{$F_n({xlabel})$}};")
    for t in range(lo_i, hi_i + 1):
        if t % xstep == 0:
            lines.append(rf"\node[below, font=\scriptsize] at ({X(t)},0) {{${t}$}};")
    for k in range(0, 11):
        lines.append(rf"\node[left, font=\scriptsize] at ({X(lo_i)},{Y(k / 10)}) {{${_fmt(k / 10)}$}};")
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
    return "\n".join(lines)


def _away(dx: float, dy: float) -> str:
    """The TikZ anchor that puts a label beyond the tip of an arrow pointing along (dx, dy)."""
    v = "south" if dy > 0 else ("north" if dy < 0 else "")
    h = "west" if dx > 0 else ("east" if dx < 0 else "")
    return " ".join(p for p in (v, h) if p) or "south west"


@macro()
def unit_square_tikz(A: Any, figure_unit: Any = 0.8) -> str:
    """The unit square (dashed) and its image under the 2x2 matrix A (filled), on an integer grid;
    the images of e1 and e2 are drawn as arrows labelled $A\\mathbf{e}_1$ and $A\\mathbf{e}_2$."""
    if not isinstance(A, sympy.MatrixBase) or A.shape != (2, 2):
        raise SandboxError("unit_square_tikz() needs a 2x2 matrix")
    a = [[float(to_fraction(A[i, j])) for j in range(2)] for i in range(2)]
    e1 = (a[0][0], a[1][0])
    e2 = (a[0][1], a[1][1])
    corner = (e1[0] + e2[0], e1[1] + e2[1])
    pts = [(0.0, 0.0), (1.0, 0.0), (0.0, 1.0), (1.0, 1.0), e1, e2, corner]
    xmin = math.floor(min(p[0] for p in pts)) - 1
    xmax = math.ceil(max(p[0] for p in pts)) + 1
    ymin = math.floor(min(p[1] for p in pts)) - 1
    ymax = math.ceil(max(p[1] for p in pts)) + 1
    u = float(to_fraction(figure_unit))
    P = lambda p: f"({_fmt(p[0] * u)},{_fmt(p[1] * u)})"  # noqa: E731
    lines = [r"\begin{tikzpicture}"]
    lines.append(rf"\draw[gray!30, very thin, step={_fmt(u)}] {P((xmin, ymin))} grid {P((xmax, ymax))};")
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
    return "\n".join(lines)


@macro(needs_rng=True)
def marks_away_from(rng: Any, lo: Any, hi: Any, n: Any, avoid: Sequence[Any] = (), gap: Any = 1,
                    include: Sequence[Any] = ()) -> list[sympy.Rational]:
    """n sorted half-integer x-values in [lo, hi] to mark on a graph: all of `include`, the rest at
    distance >= gap from every point of `avoid` (where a sign is hard to read) and from `include`."""
    lo_f, hi_f, gap_f, n = to_fraction(lo), to_fraction(hi), to_fraction(gap), as_int(n, "marks_away_from")
    inc = sorted({to_fraction(v) for v in include})
    bad = [to_fraction(v) for v in avoid] + inc
    start, stop = math.ceil(lo_f * 2), math.floor(hi_f * 2)
    if stop - start > 400:
        raise SandboxError("marks_away_from(): range too wide")
    candidates = [Fraction(k, 2) for k in range(start, stop + 1)]
    candidates = [c for c in candidates if all(abs(c - b) >= gap_f for b in bad)]
    need = n - len(inc)
    if need < 0 or len(candidates) < need:
        raise SandboxError(f"marks_away_from(): only {len(candidates)} admissible points for {need} marks")
    chosen = rng.sample(candidates, need) + inc
    return [to_rational(c) for c in sorted(chosen)]


# ---------------------------------------------------------------- piecewise-linear graphs (bank-calc1)

UNIT_WIDTHS = (1.5, 1.25, 1.0, 0.75, 0.5, 0.25)   # cm per unit on the x-axis, largest that fits


@macro(strings_ok=True)
def polyline_tikz(xs: Sequence[Any], ys: Sequence[Any], xlabel: Any = "x", ylabel: Any = "y",
                  width: Any = 9, unit_height: Any = 0.6) -> str:
    """A TikZ graph of the piecewise-linear function through the points (xs[i], ys[i]), with grid and ticks.

    Ticks every unit on both axes; the y-range is the range of ys widened by one unit. The graph is
    one `\\draw[very thick, blue]` path through the vertices (read back by checks/plots.py).
    """
    if len(xs) != len(ys) or not 2 <= len(xs) <= 40:
        raise SandboxError("polyline_tikz() needs 2 to 40 points, as many x as y values")
    px, py = [to_float(v) for v in xs], [to_float(v) for v in ys]
    if any(b <= a for a, b in zip(px, px[1:])):
        raise SandboxError("polyline_tikz() needs increasing x values")
    xmin, xmax = math.floor(px[0]), math.ceil(px[-1])
    ymin, ymax = math.floor(min(py + [0.0])) - 1, math.ceil(max(py + [0.0])) + 1
    # a unit with at most three decimals, so every drawn coordinate is exact
    sx = next((u for u in UNIT_WIDTHS if u * (xmax - xmin) <= to_float(width)), UNIT_WIDTHS[-1])
    sy = round(to_float(unit_height), 3)
    lines = [r"\begin{tikzpicture}"]
    lines += _axes(xmin, xmax, ymin, ymax, 1, 1, sx, sy, str(xlabel), str(ylabel))
    lines.append(r"\draw[very thick, blue] " + " -- ".join(f"({_fmt(a * sx)},{_fmt(b * sy)})" for a, b in zip(px, py)) + ";")
    lines.append(r"\end{tikzpicture}")
    return "\n".join(lines)


# ---------------------------------------------------------------- level curves of a quadratic
# (contour plots for gradient-reading questions). The check `contour_*` functions in
# checks/plots.py read these drawings back: contours are closed `\draw[mxcontour]` polylines,
# level labels `\node[mxlevel]`, marked points `\fill[mxmark]` and arrows `\draw[mxarrow]`.

# Arrows a contour figure can draw at its first marked point, each of length ARROW_LENGTH.
ARROW_KINDS = ("gradient", "negative_gradient", "tangent", "negative_tangent")
ARROW_LENGTH = 1.25


def _quadratic_form(Q: Any) -> list[list[float]]:
    M = matrix_of(Q)
    if M.shape != (2, 2) or M[0, 1] != M[1, 0]:
        raise SandboxError("contour_figure() needs a symmetric 2x2 matrix Q")
    q = [[float(to_fraction(M[i, j])) for j in range(2)] for i in range(2)]
    if not (q[0][0] > 0 and q[0][0] * q[1][1] - q[0][1] ** 2 > 0):
        raise SandboxError("contour_figure() needs a positive definite Q (closed level curves)")
    return q


def _on_level(q: list[list[float]], c: tuple[float, float], level: float, v: Sequence[float]) -> tuple[float, float]:
    """The point c + r v with (r v)^T Q (r v) = level, r > 0."""
    quad = q[0][0] * v[0] ** 2 + 2 * q[0][1] * v[0] * v[1] + q[1][1] * v[1] ** 2
    r = math.sqrt(level / quad)
    return (c[0] + r * v[0], c[1] + r * v[1])


# Where a level label may sit: the long axis of the ellipses turned by these angles (degrees),
# at either end; the long axis itself is tried first, as there the curves are farthest apart.
LABEL_TURNS = (0, 180, 25, 205, -25, 155)


def _turn(v: Sequence[float], degrees: float) -> tuple[float, float]:
    a = math.radians(degrees)
    return (v[0] * math.cos(a) - v[1] * math.sin(a), v[0] * math.sin(a) + v[1] * math.cos(a))


def _frame_axes(xmin: int, xmax: int, ymin: int, ymax: int, u: float) -> list[str]:
    """A grid in a frame with integer tick labels outside it (below and to the left), so no label
    sits on top of the curves; the checks read the scale from these labels as from `_axes`."""
    P = lambda p: f"({_fmt(p[0] * u)},{_fmt(p[1] * u)})"  # noqa: E731
    lines = [rf"\draw[gray!30, very thin, step={_fmt(u)}] {P((xmin, ymin))} grid {P((xmax, ymax))};",
             rf"\draw[gray!70] {P((xmin, ymin))} rectangle {P((xmax, ymax))};"]
    lines += [rf"\node[below, font=\scriptsize] at {P((t, ymin))} {{${t}$}};" for t in range(xmin, xmax + 1)]
    lines += [rf"\node[left, font=\scriptsize] at {P((xmin, t))} {{${t}$}};" for t in range(ymin, ymax + 1)]
    lines.append(rf"\node[below right] at {P((xmax, ymin))} {{$x$}};")
    lines.append(rf"\node[above left] at {P((xmin, ymax))} {{$y$}};")
    return lines


@macro(strings_ok=True)
def contour_figure(Q: Any, centre: Sequence[Any], levels: Sequence[Any], marks: Sequence[Any],
                   arrows: Sequence[Any] = (), width: Any = 6) -> str:
    """Level curves f = L of f(z) = (z - centre)^T Q (z - centre), each labelled with its value.

    `marks` lists [level, direction, label]: the point of that level curve in the given direction
    from the centre (a non-zero vector, or an angle in degrees), drawn as a dot with its label. `arrows` lists
    [kind, label] with kind from ARROW_KINDS, drawn from the first mark with length ARROW_LENGTH
    (data units). The window is the smallest integer box around everything drawn, plus a margin,
    scaled to `width` centimetres, framed, with tick labels outside the frame; each level label
    sits near an end of the long axis of the ellipses (where consecutive curves are farthest
    apart), at the place of LABEL_TURNS farthest from marks, arrows and other labels. Returns a
    tikzpicture.
    """
    q = _quadratic_form(Q)
    if len(centre) != 2:
        raise SandboxError("contour_figure() needs a centre (h, k)")
    c = (float(to_fraction(centre[0])), float(to_fraction(centre[1])))
    values = [to_fraction(v) for v in levels]
    if not 1 <= len(values) <= 8 or any(v <= 0 for v in values):
        raise SandboxError("contour_figure() needs 1 to 8 positive levels")
    rings = [[_on_level(q, c, float(v), (math.cos(2 * math.pi * k / 72), math.sin(2 * math.pi * k / 72)))
              for k in range(72)] for v in values]
    points = []
    for mark in marks:
        if len(mark) != 3:
            raise SandboxError("contour_figure() marks are [level, direction, label]")
        level, direction, label = mark
        if isinstance(direction, (list, tuple)):
            v = [float(to_fraction(t)) for t in direction]
        else:  # an angle in degrees, measured from the positive x-axis
            angle = math.radians(to_float(direction))
            v = [math.cos(angle), math.sin(angle)] if math.isfinite(angle) else []
        if len(v) != 2 or v == [0.0, 0.0]:
            raise SandboxError("contour_figure() mark directions are non-zero vectors (a, b) or angles in degrees")
        points.append((_on_level(q, c, float(to_fraction(level)), v), label))
    tips = []
    for arrow in arrows:
        if not points:
            raise SandboxError("contour_figure() draws arrows from the first mark: give one")
        kind, label = arrow
        if kind not in ARROW_KINDS:
            raise SandboxError(f"unknown arrow kind {kind!r}; the kinds are {', '.join(ARROW_KINDS)}")
        base = points[0][0]
        g = (2 * (q[0][0] * (base[0] - c[0]) + q[0][1] * (base[1] - c[1])),
             2 * (q[0][1] * (base[0] - c[0]) + q[1][1] * (base[1] - c[1])))
        d = {"gradient": g, "negative_gradient": (-g[0], -g[1]), "tangent": (-g[1], g[0]),
             "negative_tangent": (g[1], -g[0])}[kind]
        norm = math.hypot(*d)
        tips.append((base, (base[0] + ARROW_LENGTH * d[0] / norm, base[1] + ARROW_LENGTH * d[1] / norm), d, label))
    drawn = [p for ring in rings for p in ring] + [p for p, _ in points] + [t[1] for t in tips]
    xmin, xmax = math.floor(min(p[0] for p in drawn) - 0.5), math.ceil(max(p[0] for p in drawn) + 0.5)
    ymin, ymax = math.floor(min(p[1] for p in drawn) - 0.5), math.ceil(max(p[1] for p in drawn) + 0.5)
    if max(xmax - xmin, ymax - ymin) > 24:
        raise SandboxError("contour_figure(): the drawing is too large for one figure")
    u = min(1.0, float(to_fraction(width)) / max(xmax - xmin, ymax - ymin))
    P = lambda p: f"({_fmt(p[0] * u)},{_fmt(p[1] * u)})"  # noqa: E731
    # the long axis of the ellipses: the eigenvector of Q's smaller eigenvalue
    half_gap = (q[0][0] - q[1][1]) / 2
    small = (q[0][0] + q[1][1]) / 2 - math.hypot(half_gap, q[0][1])
    axis = (q[0][1], small - q[0][0]) if abs(q[0][1]) > 1e-12 else ((1.0, 0.0) if q[0][0] <= q[1][1] else (0.0, 1.0))
    lines = [r"\begin{tikzpicture}[mxcontour/.style={thick, black!70}, mxlevel/.style={font=\scriptsize, fill=white, inner sep=1pt},"
             r" mxmark/.style={black}, mxarrow/.style={->, very thick, black}]"]
    lines += _frame_axes(xmin, xmax, ymin, ymax, u)
    # each level label sits where its curve crosses the long axis, on the side farther from the
    # marks, the arrows and the labels placed so far
    taken = [p for p, _ in points] + [t[1] for t in tips] + [((t[0][0] + t[1][0]) / 2, (t[0][1] + t[1][1]) / 2) for t in tips]
    for value, ring in zip(values, rings):
        lines.append(r"\draw[mxcontour] " + " -- ".join(P(p) for p in ring) + " -- cycle;")
        sides = [_on_level(q, c, float(value), _turn(axis, turn)) for turn in LABEL_TURNS]
        at = max(sides, key=lambda p: min((math.dist(p, t) for t in taken), default=math.inf))
        taken.append(at)
        lines.append(rf"\node[mxlevel] at {P(at)} {{${_label(value)}$}};")
    for p, label in points:
        lines.append(rf"\fill[mxmark] {P(p)} circle (2pt) node[above left, font=\small] {{${label}$}};")
    for base, tip, d, label in tips:
        lines.append(rf"\draw[mxarrow] {P(base)} -- {P(tip)} node[pos=1, anchor={_away(*d)}, font=\small] {{${label}$}};")
    lines.append(r"\end{tikzpicture}")
    return "\n".join(lines)


# ---------------------------------------------------------------- charts for reading plots (bank-code, issue 11)
# Series charts (loss curves, densities), scatter panels and shaded areas. Black-and-white styles:
# series 0 is a solid black line with round marks, series 1 a dashed grey line with square marks;
# the checks (checks/plots.py) read the `\draw[mxs<k>]` paths, `\fill[mxdot]` points and the tick
# labels back from the text.

_SERIES_STYLE = r"mxs0/.style={very thick, black}, mxs1/.style={very thick, dashed, black!70}, mxdot/.style={black}"
_MARKS = (r"circle (1.6pt)", r"+(-1.6pt,-1.6pt) rectangle +(1.6pt,1.6pt)")


@macro(strings_ok=True)
def series_chart(series: Sequence[Any], labels: Sequence[Any], xstep: Any = 1, ystep: Any = 1, xlabel: Any = "x",
                 ylabel: Any = "y", width: Any = 8, height: Any = 5, marks: Any = False) -> str:
    """One or two series [xs, ys] on common axes with a grid and ticks, told apart by line style (solid
    black, dashed grey) and, with `marks`, by mark shape (dots, squares); `labels` name them in a key
    to the right of the plot. The y-range is the series' range (and 0) widened to whole ticks; a
    `ystep` of 0 picks a whole-number step for about six ticks. Returns a tikzpicture."""
    if not 1 <= len(series) <= 2 or len(labels) != len(series):
        raise SandboxError("series_chart() draws one or two series, each with a label")
    data = []
    for s in series:
        if len(s) != 2 or len(s[0]) != len(s[1]) or not 2 <= len(s[0]) <= MAX_SAMPLES:
            raise SandboxError("series_chart() series are [xs, ys] of equal length, 2 to 400 points")
        data.append(([to_float(v) for v in s[0]], [to_float(v) for v in s[1]]))
    xsf, ysf = [v for d in data for v in d[0]], [v for d in data for v in d[1]]
    if not all(math.isfinite(v) for v in xsf + ysf):
        raise SandboxError("series_chart() values must be finite")
    xstep_f, ystep_f = to_float(xstep), to_float(ystep)
    if ystep_f == 0:   # a whole-number step giving about six ticks
        ystep_f = float(_nice_step(max(abs(v) for v in ysf)))
    if xstep_f <= 0 or ystep_f <= 0:
        raise SandboxError("series_chart() steps must be positive (a y step of 0: chosen to fit)")
    xmin, xmax = math.floor(min(xsf) / xstep_f) * xstep_f, math.ceil(max(xsf) / xstep_f) * xstep_f
    ymin = min(0.0, math.floor(min(ysf) / ystep_f) * ystep_f)
    ymax = math.ceil(max(ysf) / ystep_f) * ystep_f
    if xmax <= xmin or ymax <= ymin or (xmax - xmin) / xstep_f > 40 or (ymax - ymin) / ystep_f > 40:
        raise SandboxError("series_chart(): empty range or more than 40 ticks")
    sx, sy = to_float(width) / (xmax - xmin), to_float(height) / (ymax - ymin)
    lines = [rf"\begin{{tikzpicture}}[{_SERIES_STYLE}]"]
    lines += _axes(xmin, xmax, ymin, ymax, xstep_f, ystep_f, sx, sy, str(xlabel), str(ylabel))
    for k, (xs, ys) in enumerate(data):
        pts = [f"({_fmt(a * sx)},{_fmt(b * sy)})" for a, b in zip(xs, ys)]
        lines.append(rf"\draw[mxs{k}] " + " -- ".join(pts) + ";")
        if marks:
            lines += [rf"\fill[mxs{k}, solid] {p} {_MARKS[k]};" for p in pts]
    right, top = xmax * sx + 0.6, ymax * sy
    for k, label in enumerate(labels):
        y = top - 0.5 * k
        lines.append(rf"\draw[mxs{k}] ({_fmt(right)},{_fmt(y)}) -- ({_fmt(right + 0.8)},{_fmt(y)}) "
                     rf"node[right, black, font=\small] {{{label}}};")
    lines.append(r"\end{tikzpicture}")
    return "\n".join(lines)


@macro(strings_ok=True)
def scatter_panels(panels: Sequence[Any], names: Sequence[Any] = ("A", "B", "C", "D"), size: Any = 3) -> str:
    """Scatter plots side by side, each panel [xs, ys] in its own square frame of `size` cm (scaled to
    its data, no ticks: correlation does not depend on the units), named below. Points are
    `\\fill[mxdot]` dots. Returns a tabular of tikzpictures, two panels a row."""
    if not 1 <= len(panels) <= 4 or len(names) < len(panels):
        raise SandboxError("scatter_panels() draws 1 to 4 panels, each with a name")
    u = to_float(size)
    cells = []
    for (xs, ys), name in zip(panels, names):
        px, py = [to_float(v) for v in xs], [to_float(v) for v in ys]
        if len(px) != len(py) or not 3 <= len(px) <= 100:
            raise SandboxError("scatter_panels() panels are [xs, ys] with 3 to 100 points")
        x0, x1, y0, y1 = min(px), max(px), min(py), max(py)
        if x1 <= x0 or y1 <= y0:
            raise SandboxError("scatter_panels(): a panel's points must spread in x and y")
        fx, fy = lambda v: 0.1 * u + 0.8 * u * (v - x0) / (x1 - x0), lambda v: 0.1 * u + 0.8 * u * (v - y0) / (y1 - y0)
        body = [rf"\begin{{tikzpicture}}[{_SERIES_STYLE}]", rf"\draw[gray!70] (0,0) rectangle ({_fmt(u)},{_fmt(u)});"]
        body += [rf"\fill[mxdot] ({_fmt(fx(a))},{_fmt(fy(b))}) circle (1.2pt);" for a, b in zip(px, py)]
        body.append(rf"\node[below] at ({_fmt(u / 2)},0) {{{name}}};")
        body.append(r"\end{tikzpicture}")
        cells.append("\n".join(body))
    rows = [" & ".join(cells[i:i + 2]) for i in range(0, len(cells), 2)]
    return r"\begin{tabular}{cc}" + "\n" + (r"\\[4pt]" + "\n").join(rows) + "\n" + r"\end{tabular}"


@macro()
def area_plot(f: Any, x: Any, lo: Any, hi: Any, a: Any, b: Any, width: Any = 8) -> str:
    """A graph of y = f(x) on [lo, hi] on a unit grid (ticks every unit, both axes at the same scale),
    with the region between the graph and the x-axis over [a, b] shaded grey (`\\fill[mxshade]`, one
    closed polygon). The y-range is the graph's range and 0, widened to whole units. Returns a tikzpicture."""
    xmin, xmax = to_float(lo), to_float(hi)
    left, right = to_float(a), to_float(b)
    fn = float_function(f, [x])
    values = [fn(xmin + (xmax - xmin) * k / 64) for k in range(65)]
    if not all(math.isfinite(v) for v in values):
        raise SandboxError("area_plot(): f is not finite on [lo, hi]")
    y0, y1 = math.floor(min(values + [-0.5])), math.ceil(max(values + [0.5]))
    if not xmin <= left < right <= xmax or xmax - xmin > 16 or y1 - y0 > 16:
        raise SandboxError("area_plot() needs lo <= a < b <= hi and at most 16 units each way")
    u = min(1.0, to_float(width) / (xmax - xmin))
    n = 160
    xs = [xmin + (xmax - xmin) * k / n for k in range(n + 1)]
    shade_xs = [left + (right - left) * k / 80 for k in range(81)]
    lines = [r"\begin{tikzpicture}[mxshade/.style={fill=gray!35}, mxcurve/.style={very thick, black}]"]
    lines.append(r"\fill[mxshade] " + " -- ".join(f"({_fmt(v * u)},{_fmt(fn(v) * u)})" for v in shade_xs)
                 + f" -- ({_fmt(right * u)},0) -- ({_fmt(left * u)},0) -- cycle;")
    lines += _axes(xmin, xmax, y0, y1, 1, 1, u, u, "x", "y")
    lines.append(rf"\begin{{scope}}\clip ({_fmt(xmin * u)},{_fmt(y0 * u)}) rectangle ({_fmt(xmax * u)},{_fmt(y1 * u)});")
    lines.append(r"\draw[mxcurve] " + " -- ".join(f"({_fmt(v * u)},{_fmt(fn(v) * u)})" for v in xs) + ";")
    lines.append(r"\end{scope}")
    lines.append(r"\end{tikzpicture}")
    return "\n".join(lines)
