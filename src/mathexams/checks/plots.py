"""Figures, read back from their TikZ: bars, boxes, whiskers, steps, arrows and marks in data units.

A figure is text; these checks parse the drawn coordinates and tick labels with regular
expressions (reading numbers only, never running the text) and compare them with NumPy's
statistics of the data, so a scaling slip in a figure macro cannot agree with the key by accident.
"""

from __future__ import annotations

import math
import re
from typing import Any, Sequence

import numpy as np

from ..api import CheckFailed, check, option_flags, to_float
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
def contour_arrow_matches(figure: Any, labels: Sequence[Any], truths: Sequence[Any]) -> bool:
    """The option marked correct names the drawn arrow that points along the gradient.

    The gradient at the arrows' tail is estimated from the drawn, labelled level curves (a
    quadratic fitted to them), so the check reads the picture the student sees; the right arrow
    must be within 3 degrees of it and every other arrow more than 30 degrees away.
    """
    arrows = figure_arrows(figure)
    g = _levels_surface(figure_contours(figure))(next(iter(arrows.values()))[0]) if arrows else None
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
