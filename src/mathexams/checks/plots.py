"""Figures, read back from their TikZ: bars, boxes, whiskers, steps, arrows and marks in data units.

A figure is text; these checks parse the drawn coordinates and tick labels with regular
expressions (reading numbers only, never running the text) and compare them with NumPy's
statistics of the data, so a scaling slip in a figure macro cannot agree with the key by accident.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import Any

import numpy as np

from ..api import CheckFailed, Record, check, option_flags, to_float
from .derivatives import _interval_parts, _member
from .descriptive import np_box

_NUM = r"(-?\d+(?:\.\d+)?)"


_PT = rf"\({_NUM},{_NUM}\)"


def _floats(*groups: str) -> tuple[float, ...]:
    return tuple(float(g) for g in groups)


def _tick_scale(figure: str, axis: str) -> tuple[float, float]:
    """(offset, scale) with coordinate = offset + scale * value, fitted to the numeric tick labels."""
    side = "below" if axis == "x" else "left"
    pat = rf"\\node\[{side}, font=\\scriptsize\] at {_PT} \{{\$(-?\d+(?:\.\d+)?)\$\}}"
    pairs = [(float(m.group(3)), float(m.group(1) if axis == "x" else m.group(2))) for m in re.finditer(pat, figure)]
    if len(pairs) < 2:
        raise CheckFailed(f"the figure has fewer than two {axis}-tick labels")
    vals, coords = np.array(pairs).T
    scale, offset = np.polyfit(vals, coords, 1)
    if np.max(np.abs(offset + scale * vals - coords)) > 2e-3:
        raise CheckFailed(f"the {axis}-ticks are not equally spaced")
    return float(offset), float(scale)


def figure_histogram(figure: Any) -> list[list[float]]:
    """[[left edge, right edge, count], ...] read from a histogram figure: bar rectangles
    converted to data units with the tick labels."""
    fig = str(figure)
    ox, sx = _tick_scale(fig, "x")
    oy, sy = _tick_scale(fig, "y")
    bars = []
    for m in re.finditer(rf"\\filldraw\[fill=blue!25[^\]]*\] {_PT} rectangle {_PT};", fig):
        x0, y0, x1, y1 = _floats(*m.groups())
        bars.append([(x0 - ox) / sx, (x1 - ox) / sx, (y1 - oy) / sy])
    if not bars:
        raise CheckFailed("no bars in the figure")
    return bars


@check(strings_ok=True)
def histogram_figure_matches(figure: Any, data: Sequence[Any], lo: Any, width: Any, bins: Any) -> bool:
    """The drawn bars are numpy.histogram of the data with edges lo, lo + width, ... (counts and edges)."""
    bars = figure_histogram(figure)
    edges = to_float(lo) + to_float(width) * np.arange(int(bins) + 1)
    counts, _ = np.histogram(np.array([to_float(v) for v in data]), bins=edges)
    if len(bars) != len(counts):
        raise CheckFailed(f"{len(bars)} bars drawn, {len(counts)} classes")
    for (a, b, h), e0, e1, c in zip(bars, edges[:-1], edges[1:], counts):
        if abs(a - e0) > 0.01 or abs(b - e1) > 0.01 or abs(h - c) > 0.01:
            raise CheckFailed(f"bar [{a:.3f}, {b:.3f}] of height {h:.3f} vs class [{e0}, {e1}) with {c} values")
    return True


@check(strings_ok=True)
def boxplot_figure_matches(figure: Any, groups: Sequence[Any]) -> bool:
    """Read each drawn box plot back (box ends, median line, whisker caps, outlier circles; in
    data units from the x-tick labels) and compare with the NumPy summary of its group."""
    fig = str(figure)
    ox, sx = _tick_scale(fig, "x")
    u = lambda c: (c - ox) / sx  # noqa: E731
    boxes = [(_floats(*m.groups())) for m in re.finditer(rf"\\filldraw\[fill=orange!25[^\]]*\] {_PT} rectangle {_PT};", fig)]
    medians = [_floats(*m.groups()) for m in re.finditer(rf"\\draw\[very thick\] {_PT} -- {_PT};", fig)]
    caps = [_floats(*m.groups()) for m in re.finditer(rf"\\draw\[thick\] {_PT} -- {_PT};", fig)]
    circles = [_floats(*m.groups()) for m in re.finditer(rf"\\draw\[thick\] {_PT} circle \(2pt\);", fig)]
    if len(boxes) != len(groups) or len(medians) != len(groups):
        raise CheckFailed(f"{len(boxes)} boxes drawn for {len(groups)} groups")
    for (x0, y0, x1, y1), (mx, _, _, _), g in zip(boxes, medians, groups):
        (w_lo, q1, med, q3, w_hi), outliers = np_box(g)
        yc = (y0 + y1) / 2
        row_caps = sorted(u(a[0]) for a in caps if a[0] == a[2] and a[1] != a[3] and abs((a[1] + a[3]) / 2 - yc) < 1e-6)
        row_out = sorted(u(c[0]) for c in circles if abs(c[1] - yc) < 1e-6)
        drawn = [u(x0), u(mx), u(x1)]
        if any(abs(d - e) > 0.01 for d, e in zip(drawn, [q1, med, q3])):
            raise CheckFailed(f"box {drawn} vs NumPy quartiles {[q1, med, q3]}")
        if len(row_caps) != 2 or abs(row_caps[0] - w_lo) > 0.01 or abs(row_caps[1] - w_hi) > 0.01:
            raise CheckFailed(f"whiskers {row_caps} vs {[w_lo, w_hi]}")
        if len(row_out) != len(outliers) or any(abs(a - b) > 0.01 for a, b in zip(row_out, outliers)):
            raise CheckFailed(f"outliers drawn {row_out} vs {outliers}")
    return True


@check(strings_ok=True)
def ecdf_figure_matches(figure: Any, data: Sequence[Any]) -> bool:
    """Read the drawn ECDF back (step levels and jump positions in data units, from the tick
    labels) and compare with the NumPy empirical CDF of the data at every jump and between jumps."""
    fig = str(figure)
    ox, sx = _tick_scale(fig, "x")
    oy, sy = _tick_scale(fig, "y")
    steps = [_floats(*m.groups()) for m in re.finditer(rf"\\draw\[thick, blue\] {_PT} -- {_PT};", fig)]
    x = np.sort(np.array([to_float(v) for v in data]))
    if not steps:
        raise CheckFailed("no steps drawn")
    for x0, y0, x1, y1 in steps:
        a, b, level = (x0 - ox) / sx, (x1 - ox) / sx, (y0 - oy) / sy
        if abs(y0 - y1) > 1e-9:
            raise CheckFailed("a step is not horizontal")
        mid = (a + b) / 2
        expected = float(np.searchsorted(x, mid, side="right")) / x.size
        if abs(level - expected) > 0.003:
            raise CheckFailed(f"step over [{a:.2f}, {b:.2f}] at {level:.4f}, ECDF {expected:.4f}")
        if a > x[0] - 1e-9 and not np.any(np.abs(x - a) < 0.01):
            raise CheckFailed(f"a step starts at {a:.3f}, which is no data value")
    return True


@check(strings_ok=True)
def square_image_matches(figure: Any, options: Sequence[Any], truths: Sequence[Any]) -> bool:
    """Read the tips of the arrows labelled A e1 and A e2 off the figure (grid unit from the tick
    labels) and mark, with NumPy, the option matrices M with M e1, M e2 equal to them; the marks
    must be exactly the key's."""
    fig = str(figure)
    ox, sx = _tick_scale(fig, "x")
    oy, sy = _tick_scale(fig, "y")
    tips = {}
    for m in re.finditer(rf"\\draw\[->, very thick, \w+\] {_PT} -- {_PT} node\[[^\]]*\] \{{\$A\\mathbf\{{e\}}_(\d)\$\}};", fig):
        x1, y1 = float(m.group(3)), float(m.group(4))
        tips[m.group(5)] = np.array([(x1 - ox) / sx, (y1 - oy) / sy])
    if set(tips) != {"1", "2"}:
        raise CheckFailed("the figure does not show both A e1 and A e2")
    drawn = np.column_stack([tips["1"], tips["2"]])
    flags = option_flags(truths)
    for i, (M, f) in enumerate(zip(options, flags)):
        Mf = np.array([[to_float(M[r, c]) for c in range(2)] for r in range(2)])
        images = Mf @ np.eye(2)
        match = bool(np.allclose(images, drawn, atol=0.01))
        if match != f:
            raise CheckFailed(f"option {i} maps e1, e2 to {images.T.tolist()}, figure shows {drawn.T.tolist()}; marked {f}")
    return True


@check(strings_ok=True)
def graph_marks_signs(figure: Any, order: Any, sign: Any, truths: Sequence[Any]) -> bool:
    """Read the plotted curve and the lettered marks from a function_plot figure; estimate f' or
    f'' (order 1 or 2) at each mark by a local least-squares quadratic through the plotted points,
    and check that the marks whose estimated sign is `sign` (-1, 0, 1) are exactly those marked
    true. Signs of derivatives do not depend on the (positive) axis scales."""
    fig = str(figure)
    pts = []
    for m in re.finditer(r"\\draw\[thick, blue\] ([^;]*);", fig):
        pts += [_floats(a, b) for a, b in re.findall(_PT, m.group(1))]
    marks = [(_floats(a, b), letter) for a, b, letter in
             re.findall(rf"\\fill {_PT} circle \(1.5pt\) node\[[^\]]*\] \{{\$([A-Z])\$\}};", fig)]
    if len(pts) < 20 or not marks:
        raise CheckFailed("no curve or no marks in the figure")
    P = np.array(sorted(pts))
    xs, ys = P[:, 0], P[:, 1]
    span = xs[-1] - xs[0]
    h = 0.06 * span
    slopes_all = np.gradient(ys, xs)
    scale = float(np.max(np.abs(slopes_all)))
    curv_scale = float(np.max(np.abs(np.gradient(slopes_all, xs))))
    flags = option_flags(truths)
    marks.sort(key=lambda t: t[1])
    if len(marks) != len(flags):
        raise CheckFailed(f"{len(marks)} marks for {len(flags)} options")
    order, want = int(order), int(sign)
    for ((mx, _), letter), f in zip(marks, flags):
        near = np.abs(xs - mx) <= h
        c2, c1, _ = np.polyfit(xs[near] - mx, ys[near], 2)
        value, ref = (c1, scale) if order == 1 else (2 * c2, curv_scale)
        est = 0 if abs(value) < 0.04 * ref else (1 if value > 0 else -1)
        if abs(value) < 0.12 * ref and est != 0:
            raise CheckFailed(f"mark {letter}: derivative estimate {value:.4g} too close to 0 to read")
        if (est == want) != f:
            raise CheckFailed(f"mark {letter}: estimated sign {est}, marked {f} for sign {want}")
    return True


# ---------------------------------------------------------------- piecewise-linear graphs (bank-calc1)


def figure_polyline(figure: Any) -> tuple[np.ndarray, np.ndarray]:
    """The vertices (x, y) of the one thick polyline of a figure, in data units from its tick labels."""
    fig = str(figure)
    ox, sx = _tick_scale(fig, "x")
    oy, sy = _tick_scale(fig, "y")
    paths = re.findall(r"\\draw\[very thick, blue\] ((?:\(-?[\d.]+,-?[\d.]+\)(?: -- )?)+);", fig)
    if len(paths) != 1:
        raise CheckFailed(f"expected one polyline in the figure, found {len(paths)}")
    pts = np.array([_floats(a, b) for a, b in re.findall(_PT, paths[0])])
    return np.round((pts[:, 0] - ox) / sx, 6), np.round((pts[:, 1] - oy) / sy, 6)


def _accumulation_grid(figure: Any, step: float = 1e-3) -> tuple[np.ndarray, np.ndarray]:
    """A fine grid from the first vertex and the running integral of the drawn graph on it (trapezoids)."""
    xs, ys = figure_polyline(figure)
    grid = np.union1d(np.arange(xs[0], xs[-1], step), xs)
    values = np.interp(grid, xs, ys)
    running = np.concatenate([[0.0], np.cumsum((values[1:] + values[:-1]) / 2 * np.diff(grid))])
    return grid, running


@check(strings_ok=True)
def polyline_figure_integral(figure: Any, a: Any, b: Any) -> float:
    """The integral from a to b of the drawn piecewise-linear graph (numpy.trapezoid, exact for such graphs)."""
    xs, ys = figure_polyline(figure)
    lo, hi = to_float(a), to_float(b)
    nodes = np.union1d(xs[(xs > lo) & (xs < hi)], [lo, hi])
    return float(np.trapezoid(np.interp(nodes, xs, ys), nodes))


@check(strings_ok=True)
def polyline_figure_argmax(figure: Any) -> float:
    """Where the integral of the drawn graph from its first vertex to x is largest (grid of step 1e-3)."""
    grid, running = _accumulation_grid(figure)
    return float(grid[int(np.argmax(running))])


@check(strings_ok=True)
def polyline_figure_positive_matches(figure: Any, S: Any) -> bool:
    """S (an open interval or a union) is where the drawn graph is above the axis: tested on a fine grid,
    away from the boundaries of S."""
    xs, ys = figure_polyline(figure)
    parts = _interval_parts(S)
    bounds = np.array([e for p in parts for e in p[:2] if np.isfinite(e)], dtype=float)
    grid = np.arange(xs[0], xs[-1], 1e-3) + 3.17e-4
    if bounds.size:
        grid = grid[np.min(np.abs(grid[:, None] - bounds[None, :]), axis=1) >= 0.01]
    bad = (np.interp(grid, xs, ys) > 0) != _member(parts, grid)
    if np.any(bad):
        v = float(grid[int(np.argmax(bad))])
        raise CheckFailed(f"at {v:.4f} the drawn graph is {'above' if np.interp(v, xs, ys) > 0 else 'not above'} "
                          f"the axis, but the key set {'excludes' if np.interp(v, xs, ys) > 0 else 'contains'} it")
    return True


# ---------------------------------------------------------------- contour figures (level curves)


def _contour_scale(fig: str) -> tuple[float, float, float, float]:
    ox, sx = _tick_scale(fig, "x")
    oy, sy = _tick_scale(fig, "y")
    return ox, sx, oy, sy


def figure_contours(figure: Any) -> list[tuple[float, np.ndarray]]:
    """[(labelled level, points of the curve in data units), ...] read from a contour figure.

    Each closed `mxcontour` polyline is followed by the `mxlevel` label drawn on it; the label
    must sit on the curve (within one chord of the polyline).
    """
    fig = str(figure)
    ox, sx, oy, sy = _contour_scale(fig)
    to_data = lambda pts: np.column_stack([(pts[:, 0] - ox) / sx, (pts[:, 1] - oy) / sy])  # noqa: E731
    pattern = (r"\\draw\[mxcontour\] ((?:\([^)]*\) -- )+)cycle;\n"
               rf"\\node\[mxlevel\] at {_PT} \{{\$(-?\d+(?:\.\d+)?)\$\}};")
    out = []
    for m in re.finditer(pattern, fig):
        curve = to_data(np.array([_floats(a, b) for a, b in re.findall(_PT, m.group(1))]))
        at = to_data(np.array([_floats(m.group(2), m.group(3))]))[0]
        chord = float(np.max(np.linalg.norm(np.diff(curve, axis=0), axis=1)))
        if np.min(np.linalg.norm(curve - at, axis=1)) > chord:
            raise CheckFailed(f"the label {m.group(4)} is not on its level curve")
        out.append((float(m.group(4)), curve))
    if not out or len(out) != fig.count(r"\draw[mxcontour]"):
        raise CheckFailed("the figure has level curves without a label")
    return out


def figure_marks(figure: Any) -> dict[str, np.ndarray]:
    """{label: point in data units} of the marked points of a contour figure."""
    fig = str(figure)
    ox, sx, oy, sy = _contour_scale(fig)
    return {lab: np.array([(float(a) - ox) / sx, (float(b) - oy) / sy]) for a, b, lab in
            re.findall(rf"\\fill\[mxmark\] {_PT} circle \(2pt\) node\[[^\]]*\] \{{\$([A-Za-z])\$\}};", fig)}


def figure_arrows(figure: Any) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """{label: (tail, direction)} of the arrows of a contour figure, in data units."""
    fig = str(figure)
    ox, sx, oy, sy = _contour_scale(fig)
    out = {}
    for a, b, c, d, lab in re.findall(rf"\\draw\[mxarrow\] {_PT} -- {_PT} node\[[^\]]*\] \{{\$([A-Za-z])\$\}};", fig):
        tail = np.array([(float(a) - ox) / sx, (float(b) - oy) / sy])
        head = np.array([(float(c) - ox) / sx, (float(d) - oy) / sy])
        out[lab] = (tail, head - tail)
    return out


def _levels_surface(contours: list[tuple[float, np.ndarray]]) -> Any:
    """The gradient field of the drawn curves alone, as a function of a point.

    The drawn levels are fitted by a quadratic in (x, y) (least squares over every drawn vertex,
    with f = the curve's label there), whose gradient is returned: the figure is read, not f.
    """
    P = np.vstack([curve for _, curve in contours])
    rhs = np.concatenate([np.full(len(curve), value) for value, curve in contours])
    x, y = P[:, 0], P[:, 1]
    coef, *_ = np.linalg.lstsq(np.column_stack([x * x, x * y, y * y, x, y, np.ones_like(x)]), rhs, rcond=None)
    a, b, c, d, e, _ = coef
    return lambda p: np.array([2 * a * p[0] + b * p[1] + d, b * p[0] + 2 * c * p[1] + e])


@check(strings_ok=True)
def contour_arrow_matches(figure: Any, labels: Sequence[Any], truths: Sequence[Any], direction: Any = 1) -> bool:
    """The option marked correct names the drawn arrow that points along the gradient (`direction`
    -1: against it, the steepest descent).

    The gradient at the arrows' tail is estimated from the drawn, labelled level curves (a
    quadratic fitted to them), so the check reads the picture the student sees; the right arrow
    must be within 3 degrees of it and every other arrow more than 30 degrees away.
    """
    arrows = figure_arrows(figure)
    g = _levels_surface(figure_contours(figure))(next(iter(arrows.values()))[0]) if arrows else None
    if g is not None and int(direction) == -1:
        g = -g
    if g is None or len(arrows) != len(list(labels)):
        raise CheckFailed("the figure does not draw one arrow per option")
    marks = option_flags(truths)
    for label, mark in zip(labels, marks):
        tail, d = arrows[str(label)]
        cosine = float(np.dot(d, g) / (np.linalg.norm(d) * np.linalg.norm(g)))
        if mark and cosine < math.cos(math.radians(3)):
            raise CheckFailed(f"arrow {label} is marked right but makes {math.degrees(math.acos(min(1, cosine))):.1f} degrees with the gradient")
        if not mark and cosine > math.cos(math.radians(30)):
            raise CheckFailed(f"arrow {label} is marked wrong but points along the gradient")
    return True


@check(strings_ok=True)
def contour_steepest_mark_matches(figure: Any, labels: Sequence[Any], truths: Sequence[Any]) -> bool:
    """The option marked correct names the marked point where the gradient is longest.

    Gradients are estimated from the drawn level curves (see contour_arrow_matches); the longest
    must beat the next by 10 %, so the answer can be read off the spacing of the curves.
    """
    gradient = _levels_surface(figure_contours(figure))
    marks = figure_marks(figure)
    sizes = [float(np.linalg.norm(gradient(marks[str(lab)]))) for lab in labels]
    order = sorted(range(len(sizes)), key=lambda i: -sizes[i])
    if sizes[order[0]] < 1.1 * sizes[order[1]]:
        raise CheckFailed(f"gradient lengths {sizes} have no clear largest")
    flags = option_flags(truths)
    if flags != [i == order[0] for i in range(len(sizes))]:
        raise CheckFailed(f"gradient lengths {sizes}; the key marks {flags}")
    return True


# ---------------------------------------------------------------- charts for reading plots (bank-code, issue 11)


def figure_series(figure: Any) -> list[tuple[np.ndarray, np.ndarray]]:
    """[(xs, ys), ...] of a series_chart figure, in data units from its tick labels (key lines, which
    have two points right of the plot, are left out)."""
    fig = str(figure)
    ox, sx = _tick_scale(fig, "x")
    oy, sy = _tick_scale(fig, "y")
    out = []
    for k in (0, 1):
        paths = [p for p in re.findall(rf"\\draw\[mxs{k}\] ((?:{_PT}(?: -- )?)+)(?:;| node)", fig)]
        drawn = [np.array([_floats(a, b) for a, b in re.findall(_PT, p[0])]) for p in paths]
        drawn = [d for d in drawn if len(d) > 2]
        if len(drawn) > 1:
            raise CheckFailed(f"series {k} is drawn twice")
        if drawn:
            out.append(((drawn[0][:, 0] - ox) / sx, (drawn[0][:, 1] - oy) / sy))
    if not out:
        raise CheckFailed("no series in the figure")
    return out


def loss_curve_kind(train: np.ndarray, validation: np.ndarray) -> str:
    """The kind of a training run read from its curves: 'diverging' (the training loss ends above its
    start), 'oscillating' (its differences change sign at least twice), 'overfitting' (the validation
    loss ends clearly above its minimum, reached before the last quarter), 'slow' (the last three steps
    still remove more than a tenth of all that was removed), 'good' (they remove less than 2 %: the
    curve has levelled off); CheckFailed in between."""
    steps = np.diff(train)
    if train[-1] > train[0]:
        return "diverging"
    if int(np.sum(np.diff(np.sign(steps[np.abs(steps) > 1e-3])) != 0)) >= 2:
        return "oscillating"
    lowest = int(np.argmin(validation))
    if validation[-1] - validation[lowest] > 0.1 * (validation[0] - validation[lowest]) and lowest < 0.75 * len(validation):
        return "overfitting"
    late = (train[-4] - train[-1]) / (train[0] - train[-1])
    if late > 0.1:
        return "slow"
    if late < 0.02:
        return "good"
    raise CheckFailed(f"the last steps remove {late:.0%} of the drop: neither clearly slow nor clearly levelled off")


@check(strings_ok=True)
def loss_figure_matches(figure: Any, kinds: Sequence[Any], truths: Sequence[Any]) -> bool:
    """The options (each naming the kind of run it describes, from LOSS_KINDS; a remedy names the kinds
    it fixes joined by '+') marked correct are those naming the kind read from the drawn curves."""
    series = figure_series(figure)
    if len(series) != 2:
        raise CheckFailed("a loss figure draws training and validation curves")
    seen = loss_curve_kind(series[0][1], series[1][1])
    flags = option_flags(truths)
    named = [str(k).split("+") for k in kinds]
    if flags != [seen in n for n in named]:
        raise CheckFailed(f"the curves show a {seen} run; the key marks {flags} of {named}")
    return True


def figure_scatter_panels(figure: Any) -> list[np.ndarray]:
    """The points of each scatter panel, in drawing units (correlation is unchanged by the scaling)."""
    panels = str(figure).split(r"\begin{tikzpicture}")[1:]
    out = [np.array([_floats(a, b) for a, b in re.findall(rf"\\fill\[mxdot\] {_PT} circle", p)]) for p in panels]
    if not out or any(len(p) < 3 for p in out):
        raise CheckFailed("a scatter panel without points")
    return out


@check(strings_ok=True)
def scatter_closest_matches(figure: Any, target: Any, truths: Sequence[Any]) -> bool:
    """The option marked correct is the panel whose drawn points' correlation (numpy.corrcoef) is
    closest to `target`, by at least 0.15 more than any other panel."""
    rs = [float(np.corrcoef(p[:, 0], p[:, 1])[0, 1]) for p in figure_scatter_panels(figure)]
    gaps = [abs(r - to_float(target)) for r in rs]
    order = sorted(range(len(rs)), key=lambda i: gaps[i])
    if gaps[order[1]] - gaps[order[0]] < 0.15:
        raise CheckFailed(f"correlations {rs}: no panel is clearly closest to {target}")
    flags = option_flags(truths)
    if flags != [i == order[0] for i in range(len(rs))]:
        raise CheckFailed(f"correlations {rs}; the key marks {flags}")
    return True


def _density_moments(xs: np.ndarray, ys: np.ndarray) -> tuple[float, float]:
    """Mean and standard deviation of a drawn density (trapezoid rule over the drawn points)."""
    mass = np.trapezoid(ys, xs)
    mean = np.trapezoid(xs * ys, xs) / mass
    return float(mean), float(np.sqrt(np.trapezoid((xs - mean) ** 2 * ys, xs) / mass))


@check(strings_ok=True)
def normal_figure_claims(figure: Any, claims: Sequence[Any], truths: Sequence[Any]) -> bool:
    """Each claim [larger mean, larger SD] names curves 0 or 1; the claims marked true are exactly those
    the drawn densities bear out (means and SDs from the drawn points, differences of at least 0.5)."""
    series = figure_series(figure)
    if len(series) != 2:
        raise CheckFailed("two densities expected")
    (m0, s0), (m1, s1) = (_density_moments(xs, ys) for xs, ys in series)
    if abs(m0 - m1) < 0.5 or abs(s0 - s1) < 0.5:
        raise CheckFailed(f"means {m0:.2f}, {m1:.2f} and SDs {s0:.2f}, {s1:.2f} are too close to compare")
    mean_larger, sd_larger = (0 if m0 > m1 else 1), (0 if s0 > s1 else 1)
    flags = option_flags(truths)
    if flags != [[int(c[0]), int(c[1])] == [mean_larger, sd_larger] for c in claims]:
        raise CheckFailed(f"the figure has means {m0:.2f}, {m1:.2f}, SDs {s0:.2f}, {s1:.2f}; the key marks {flags}")
    return True


@check(strings_ok=True)
def normal_figure_tail(figure: Any, which: Any, c: Any) -> float:
    """P(X > c) for the drawn density `which` (0 or 1): the area under its drawn points right of c over
    the whole area (trapezoid rule)."""
    xs, ys = figure_series(figure)[int(which)]
    cut = to_float(c)
    right = xs >= cut
    grid = np.concatenate([[cut], xs[right]])
    values = np.concatenate([[np.interp(cut, xs, ys)], ys[right]])
    return float(np.trapezoid(values, grid) / np.trapezoid(ys, xs))


def figure_shaded_region(figure: Any) -> tuple[np.ndarray, np.ndarray]:
    """The upper boundary (the curve part) of the shaded polygon of an area_plot, in data units."""
    fig = str(figure)
    ox, sx = _tick_scale(fig, "x")
    oy, sy = _tick_scale(fig, "y")
    m = re.search(r"\\fill\[mxshade\] ((?:\([^)]*\) -- )+)cycle;", fig)
    if not m:
        raise CheckFailed("no shaded region in the figure")
    pts = np.array([_floats(a, b) for a, b in re.findall(_PT, m.group(1))])[:-2]   # the last two close it along the axis
    return (pts[:, 0] - ox) / sx, (pts[:, 1] - oy) / sy


class ShadedAreas(Record):
    """The shaded region's area (above and below the axis both counted) and the signed integral."""

    area: float
    integral: float


@check(strings_ok=True)
def shaded_areas(figure: Any) -> ShadedAreas:
    """Area and signed integral of the shaded region read from the figure, by the trapezoid rule on a
    fine resampling of its drawn boundary (|y| for the area)."""
    xs, ys = figure_shaded_region(figure)
    grid = np.linspace(xs[0], xs[-1], 4001)
    values = np.interp(grid, xs, ys)
    return ShadedAreas(float(np.trapezoid(np.abs(values), grid)), float(np.trapezoid(values, grid)))


def figure_graph(figure: Any) -> tuple[np.ndarray, np.ndarray]:
    """The curve of a function_plot figure, in data units (sorted by x)."""
    fig = str(figure)
    ox, sx = _tick_scale(fig, "x")
    oy, sy = _tick_scale(fig, "y")
    pts = [_floats(a, b) for m in re.finditer(r"\\draw\[thick, blue\] ([^;]*);", fig) for a, b in re.findall(_PT, m.group(1))]
    if len(pts) < 20:
        raise CheckFailed("no curve in the figure")
    P = np.array(sorted(pts))
    return (P[:, 0] - ox) / sx, (P[:, 1] - oy) / sy


@check(strings_ok=True)
def derivative_graph_matches(shown: Any, candidates: Sequence[Any], order: Any, truths: Sequence[Any]) -> bool:
    """The candidate graph marked correct is the one closest (root-mean-square over the common x-range,
    relative to the derivative's size) to the numerical derivative of the shown graph (np.gradient,
    once or twice), and every other candidate is at least three times farther."""
    xs, ys = figure_graph(shown)
    d = ys
    for _ in range(int(order)):
        d = np.gradient(d, xs)
    inner = slice(4, -4)   # one-sided differences at the ends are less accurate
    size = float(np.sqrt(np.mean(d[inner] ** 2)))
    distances = []
    for figure in candidates:
        cx, cy = figure_graph(figure)
        distances.append(float(np.sqrt(np.mean((np.interp(xs[inner], cx, cy) - d[inner]) ** 2))) / size)
    order_ = sorted(range(len(distances)), key=lambda i: distances[i])
    if distances[order_[0]] > 0.1 or distances[order_[1]] < 3 * distances[order_[0]]:
        raise CheckFailed(f"relative distances {distances}: no candidate is clearly the derivative")
    flags = option_flags(truths)
    if flags != [i == order_[0] for i in range(len(distances))]:
        raise CheckFailed(f"relative distances {distances}; the key marks {flags}")
    return True


@check(strings_ok=True)
def contour_minimum(figure: Any) -> list[float]:
    """Where the quadratic fitted to the drawn, labelled level curves has its minimum (its stationary point)."""
    gradient = _levels_surface(figure_contours(figure))
    g0 = gradient(np.array([0.0, 0.0]))
    H = np.column_stack([gradient(np.array([1.0, 0.0])) - g0, gradient(np.array([0.0, 1.0])) - g0])
    return [float(v) for v in np.linalg.solve(H, -g0)]


@check()
def interval_options_match(value: Any, lows: Sequence[Any], truths: Sequence[Any], width: Any = 1) -> bool:
    """Options 'between L and L + width', one per low end L: exactly those containing `value` (a value
    read from a figure, at least 0.1 from either end) are marked correct."""
    v, w = to_float(value), to_float(width)
    flags = option_flags(truths)
    inside = [to_float(lo) <= v <= to_float(lo) + w for lo in lows]
    if any(min(abs(v - to_float(lo)), abs(v - to_float(lo) - w)) < 0.1 for lo in lows):
        raise CheckFailed(f"{v:.3f} is too close to an end of an offered interval")
    if flags != inside:
        raise CheckFailed(f"{v:.3f} lies in the intervals {inside}; the key marks {flags}")
    return True
