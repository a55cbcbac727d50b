"""TikZ figures with coordinates computed in Python.

Plain TikZ paths from precomputed points compile about three times faster than the same
graph through pgfplots, and the numbers drawn are exactly the ones the key was built from.
"""

from __future__ import annotations

import math
from typing import Any, Sequence


from ..api import float_function, to_float
from ..api import SandboxError
from ..api import macro

MAX_SAMPLES = 400


def _fmt(v: float) -> str:
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
