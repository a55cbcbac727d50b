"""Matplotlib questions: which call draws a figure, with the figure Matplotlib itself drew.

A `matplotlib_call_item` builds a short program from drawn numbers (trusted text written here,
never taken from a bank file) for one family of the catalogue `CALL_FAMILIES`, runs the right
program in the sandboxed snippet worker and takes the figure from Matplotlib's PGF backend. The
PGF text is not passed on as it is: `pgf_figure` rewrites it line by line into a small set of
drawing commands that the LaTeX allow-list admits (paths, dashes, widths, scopes, shifts, text at a
point, colours through `\\mxpgffill`, `\\mxpgfstroke`, `\\mxpgftext`), expands the marker objects
the backend defines (`\\pgfsys@defobject`) at each use, and refuses any other line, a raster
image included. The options are other programs of the same family, each modelled on a typical
mistake; the check (`checks/matplotlib_calls.py`) runs every option and compares the figure it
draws with the family's specification.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from ..api import Record, SandboxError, macro, run_program
from .numpy_snippets import code_block, code_inline

_ATTEMPTS = 100
MAX_FIGURE_CHARS = 60_000

# ---------------------------------------------------------------- PGF text, rewritten into allowed commands

_N = r"(-?\d+(?:\.\d+)?(?:e[-+]?\d+)?)"
_LEN = _N + r"(in|pt)"
_POINT = r"\\pgfqpoint\{" + _LEN + r"\}\{" + _LEN + r"\}"


def _num(v: str) -> str:
    """A number written back with at most four decimals (the input is only ever read as numbers)."""
    s = f"{float(v):.4f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def _point(m: re.Match, at: int) -> str:
    return rf"\pgfqpoint{{{_num(m.group(at))}{m.group(at + 1)}}}{{{_num(m.group(at + 2))}{m.group(at + 3)}}}"


_SIMPLE = {   # lines copied as they are (no argument, or a fixed one)
    r"\begin{pgfscope}", r"\end{pgfscope}", r"\pgfsetbuttcap", r"\pgfsetroundcap", r"\pgfsetrectcap",
    r"\pgfsetmiterjoin", r"\pgfsetroundjoin", r"\pgfsetbeveljoin", r"\pgfpathclose",
}
_USES = {"fill", "stroke", "clip", "stroke,fill", "fill,stroke", "use as bounding box, clip", "stroke,clip"}
_DROPPED = {r"\begingroup", r"\endgroup", r"\makeatletter", r"\makeatother", r"\begin{pgfpicture}", r"\end{pgfpicture}"}
_TEXT_BODY = re.compile(r"[A-Za-z0-9 .,:;()+\-=/$^{}]*|(?:[A-Za-z0-9 .,:;()+\-=/$^{}]|\\times|\\_|\\%|\\#|\\&)*")
_COLOURS = {"currentfill": "mxpgffill", "currentstroke": "mxpgfstroke", "textcolor": "mxpgftext"}


def _line(line: str, colours: dict[str, str]) -> str | None:
    """One PGF line in allowed commands, None for a line that draws nothing; SandboxError for any other line."""
    if line in _SIMPLE:
        return line
    if line in _DROPPED or line == "":
        return None
    m = re.fullmatch(r"\\definecolor\{(currentfill|currentstroke|textcolor)\}\{rgb\}\{" + _N + "," + _N + "," + _N + r"\}", line)
    if m:
        colours[m.group(1)] = ",".join(_num(v) for v in m.group(2, 3, 4))
        return None
    m = re.fullmatch(r"\\pgfset(fill|stroke)color\{(currentfill|currentstroke|textcolor)\}", line)
    if m:
        if m.group(2) not in colours:
            raise SandboxError(f"PGF figure: colour {m.group(2)} used before it is defined")
        command = "mxpgffill" if m.group(1) == "fill" else "mxpgfstroke"
        return rf"\{command}{{{colours[m.group(2)]}}}"
    m = re.fullmatch(r"\\pgfpath(moveto|lineto)\{" + _POINT + r"\}", line)
    if m:
        return rf"\pgfpath{m.group(1)}{{{_point(m, 2)}}}"
    m = re.fullmatch(r"\\pgfpath(curveto|quadraticcurveto)\{" + _POINT + r"\}\{" + _POINT + r"\}(?:\{" + _POINT + r"\})?", line)
    if m:
        points = [_point(m, k) for k in (2, 6, 10) if m.group(k) is not None]
        if len(points) != (3 if m.group(1) == "curveto" else 2):
            raise SandboxError(f"PGF figure: refused line {line[:60]!r}")
        return rf"\pgfpath{m.group(1)}" + "".join("{" + p + "}" for p in points)
    m = re.fullmatch(r"\\pgfpathrectangle\{(\\pgfpointorigin|" + _POINT + r")\}\{" + _POINT + r"\}", line)
    if m:
        corner = r"\pgfpointorigin" if m.group(1) == r"\pgfpointorigin" else _point(m, 2)
        return rf"\pgfpathrectangle{{{corner}}}{{{_point(m, 6)}}}"
    m = re.fullmatch(r"\\pgfusepath\{([a-z ,]+)\}", line)
    if m and m.group(1) in _USES:
        return line
    m = re.fullmatch(r"\\pgfsetlinewidth\{" + _LEN + r"\}", line)
    if m:
        return rf"\pgfsetlinewidth{{{_num(m.group(1))}{m.group(2)}}}"
    m = re.fullmatch(r"\\pgfset(stroke|fill)opacity\{" + _N + r"\}", line)
    if m:
        return rf"\pgfset{m.group(1)}opacity{{{_num(m.group(2))}}}"
    m = re.fullmatch(r"\\pgfsetdash\{((?:\{" + _LEN + r"\})*)\}\{" + _LEN + r"\}", line)
    if m:
        dashes = "".join("{" + _num(a) + b + "}" for a, b in re.findall(r"\{" + _LEN + r"\}", m.group(1)))
        return rf"\pgfsetdash{{{dashes}}}{{{_num(m.group(m.lastindex - 1))}{m.group(m.lastindex)}}}"
    m = re.fullmatch(r"\\pgfsys@transformshift\{" + _LEN + r"\}\{" + _LEN + r"\}", line)
    if m:
        return rf"\pgftransformshift{{\pgfqpoint{{{_num(m.group(1))}{m.group(2)}}}{{{_num(m.group(3))}{m.group(4)}}}}}"
    m = re.fullmatch(r"\\pgftext\[x=" + _LEN + r", ?y=" + _LEN + r",((?: ?(?:left|right|top|bottom|base))?,?(?: ?(?:left|right|top|bottom|base))?)"
                     r"(?:, ?rotate=" + _N + r")?\]\{\\color\{textcolor\}\{\\fontsize\{" + _N + r"\}\{" + _N + r"\}\\selectfont (.*)\}\}", line)
    if m:
        body = m.group(9)
        if not _TEXT_BODY.fullmatch(body) or body.count("{") != body.count("}") or body.count("$") % 2:
            raise SandboxError(f"PGF figure: refused text {body[:40]!r}")
        anchors = ",".join(a for a in re.split(r"[ ,]+", m.group(5)) if a)
        rotate = f",rotate={_num(m.group(6))}" if m.group(6) else ""
        colour = colours.get("textcolor", "0,0,0")
        return (rf"\pgftext[x={_num(m.group(1))}{m.group(2)},y={_num(m.group(3))}{m.group(4)}"
                rf"{',' + anchors if anchors else ''}{rotate}]{{\mxpgftext{{{colour}}}"
                rf"{{\fontsize{{{_num(m.group(7))}}}{{{_num(m.group(8))}}}\selectfont {body}}}}}")
    raise SandboxError(f"PGF figure: refused line {line[:60]!r}")


def pgf_figure(pgf: str, *, scale: float = 1.0) -> str:
    """Matplotlib's PGF output as a `pgfpicture` of allowed commands (see the module docstring).

    Comment lines are dropped; marker objects are expanded where they are used; any line not in the
    translation table, an image (`\\pgfimage`, `\\includegraphics`) included, raises SandboxError."""
    out = [r"\begin{pgfpicture}"]
    if scale != 1.0:
        out.append(rf"\pgftransformscale{{{_num(str(scale))}}}")
    colours: dict[str, str] = {}
    objects: dict[str, list[str]] = {}
    collecting: list[str] | None = None
    name = ""
    for raw in pgf.splitlines():
        line = raw.strip()
        if line.startswith("%%") or line == "":
            continue
        line = line[:-1] if line.endswith("%") else line
        start = re.fullmatch(r"\\pgfsys@defobject\{([a-z]+)\}\{" + _POINT + r"\}\{" + _POINT + r"\}\{", line)
        if start:
            name, collecting = start.group(1), []
            continue
        if collecting is not None:
            if line == "}":
                objects[name], collecting = collecting, None
                continue
            translated = _line(line, colours)
            if translated is not None:
                collecting.append(translated)
            continue
        use = re.fullmatch(r"\\pgfsys@useobject\{([a-z]+)\}\{\}", line)
        if use:
            if use.group(1) not in objects:
                raise SandboxError(f"PGF figure: object {use.group(1)} used before it is defined")
            out += objects[use.group(1)]
            continue
        translated = _line(line, colours)
        if translated is not None:
            out.append(translated)
    out.append(r"\end{pgfpicture}")
    text = "\n".join(out)
    if len(text) > MAX_FIGURE_CHARS:
        raise SandboxError("PGF figure longer than the limit")
    return text


# ---------------------------------------------------------------- the catalogue of calls

# family -> option name -> (line template); the first name of each family is the right call.
# Placeholders: {x}, {y} data names; {k} bins; {k2} other bins; {r}, {c} grid; {i}, {j} panel.
CALL_FAMILIES: dict[str, dict[str, str]] = {
    "histogram": {
        "hist": "plt.hist(x, bins={k})",
        "hist_other_bins": "plt.hist(x, bins={k2})",
        "bar_of_values": "plt.bar(range(len(x)), x)",
        "histogram_missing": "plt.histogram(x, bins={k})",
        "plot_of_values": "plt.plot(x)",
    },
    "log_scale": {
        "set_scale": "ax.plot(x, y); ax.set_{a}scale('log')",
        "other_axis": "ax.plot(x, y); ax.set_{b}scale('log')",
        "log_scale_missing": "ax.plot(x, y); ax.log_scale('{a}')",
        "scale_linear": "ax.plot(x, y); ax.set_{a}scale('linear')",
        "both_axes": "ax.loglog(x, y)",
    },
    "subplots": {
        "grid_index": "fig, axs = plt.subplots({r}, {c}); axs[{i}, {j}].plot(x, y)",
        "index_swapped": "fig, axs = plt.subplots({r}, {c}); axs[{j}, {i}].plot(x, y)",
        "grid_swapped": "fig, axs = plt.subplots({c}, {r}); axs[{i}, {j}].plot(x, y)",
        "one_based": "fig, axs = plt.subplots({r}, {c}); axs[{i1}, {j1}].plot(x, y)",
        "flat_index": "fig, axs = plt.subplots({r}, {c}); axs[{flat}].plot(x, y)",
    },
}
# what each family's setup line is, and the prompt's description of the figure
SETUP = {
    "histogram": ["import matplotlib.pyplot as plt", "x = {data}"],
    "log_scale": ["import matplotlib.pyplot as plt", "x = {xs}", "y = {ys}", "fig, ax = plt.subplots()"],
    "subplots": ["import matplotlib.pyplot as plt", "x = {xs}", "y = {ys}"],
}


class CallItem(Record):
    """A which-call question: the setup lines, the options' code (the right one first), the figure the
    right one draws, and the numbers the check rebuilds every option from."""

    family: str
    listing: str        # the setup lines, a code block
    names: list         # option names in CALL_FAMILIES[family]; the first is the right one
    options: list       # the option lines in typewriter type
    figure: str         # the right program's figure, a pgfpicture of allowed commands
    values: dict        # the numbers of the family (k, k2, r, c, i, j, axis, data)
    outcomes: list      # what each option does, one LaTeX phrase each (for the solution)


def _fill(template: str, values: dict[str, Any]) -> str:
    return template.format(**{k: (v if isinstance(v, (int, str)) else _literal(v)) for k, v in values.items()})


def _literal(values: Sequence[Any]) -> str:
    return "[" + ", ".join(str(v) for v in values) + "]"


def call_program(family: str, name: str, values: dict[str, Any]) -> str:
    """The full program of one option (setup lines and the option's line)."""
    if family not in CALL_FAMILIES or name not in CALL_FAMILIES[family]:
        raise SandboxError(f"unknown call {family}/{name}")
    lines = [_fill(s, values) for s in SETUP[family]] + [_fill(CALL_FAMILIES[family][name], values)]
    return "\n".join(lines)


def _bin_counts(data: Sequence[int], k: int) -> list[int]:
    """Counts of k equal bins from min to max, the last one closed (numpy.histogram's rule)."""
    lo, hi = min(data), max(data)
    counts = [0] * k
    for v in data:
        counts[min(k - 1, (v - lo) * k // (hi - lo))] += 1
    return counts


def _draw_values(rng: Any, family: str) -> dict[str, Any]:
    if family == "histogram":
        k = rng.choice((3, 4, 5, 6))
        k2 = rng.choice([v for v in (3, 4, 5, 6, 8) if abs(v - k) >= 2])
        n = rng.integer(10, 16)
        while True:
            data = [rng.integer(0, 9) for _ in range(n)]
            if min(data) < max(data) and all(_bin_counts(data, k)):   # no empty bar: bars can be counted
                return {"k": k, "k2": k2, "data": data}
    if family == "log_scale":
        a = rng.choice(("x", "y"))
        base = rng.choice((2, 3, 10))
        n = rng.integer(4, 6)
        xs = [base ** t for t in range(1, n + 1)] if a == "x" else list(range(1, n + 1))
        ys = [base ** t for t in range(1, n + 1)] if a == "y" else list(range(1, n + 1))
        return {"a": a, "b": "y" if a == "x" else "x", "xs": xs, "ys": ys}
    r, c = rng.choice(((2, 3), (3, 2), (2, 4), (4, 2)))
    while True:   # i != j, so that swapping the indices names another panel
        i, j = rng.integer(0, r - 1), rng.integer(0, c - 1)
        if i != j:
            break
    xs = [0, 1, 2, 3]
    ys = [rng.integer(0, 5) for _ in xs]
    return {"r": r, "c": c, "i": i, "j": j, "i1": i + 1, "j1": j + 1, "flat": i * c + j, "xs": xs, "ys": ys}


def describe(result: Any) -> str:
    """What a program's run shows, as a short LaTeX phrase (for the solution)."""
    if result.error:
        return rf"raises {code_inline(result.error)}"
    if not result.axes:
        return "draws nothing"
    drawn = [a for a in result.axes if a.lines or a.patches > 0 and a.patches != 1]
    if len(result.axes) > 1:
        where = ", ".join(f"row {a.position // a.cols + 1}, column {a.position % a.cols + 1}" for a in drawn) or "no panel"
        return rf"draws a {result.axes[0].rows}\,$\times$\,{result.axes[0].cols} grid with the line in {where}"
    a = result.axes[0]
    scales = f"{a.xscale} $x$-axis, {a.yscale} $y$-axis"
    if a.lines:
        return f"draws {a.lines} line{'s' if a.lines > 1 else ''} ({scales})"
    return f"draws {a.patches} bars"


@macro(needs_rng=True, strings_ok=True)
def matplotlib_call_item(rng: Any, family: Any) -> CallItem:
    """CallItem for a family of CALL_FAMILIES: 'histogram' (plt.hist with k bins against bar, another
    bin count, plt.histogram, plt.plot), 'log_scale' (set_xscale/set_yscale('log') against the other
    axis, a non-existent ax.log_scale, 'linear', loglog) or 'subplots' (plt.subplots(r, c) and the
    panel axs[i, j] against swapped indices, a swapped grid, 1-based indices, a flat index). The right
    program and three of the four mistaken ones are offered; the figure is the right one's, drawn by
    Matplotlib (PGF backend) in the snippet worker."""
    if family not in CALL_FAMILIES:
        raise SandboxError(f"matplotlib_call_item() family must be one of {', '.join(CALL_FAMILIES)}")
    calls = CALL_FAMILIES[family]
    right = next(iter(calls))
    for _ in range(_ATTEMPTS):
        values = _draw_values(rng, family)
        names = [right] + rng.sample([n for n in calls if n != right], 3)
        results = [run_program(call_program(family, n, values), figure=True, pgf=(n == right)) for n in names]
        key = results[0]
        if sum(r.error is not None for r in results[1:]) > 1:
            continue   # at most one option that fails: the others must be told apart by their figures
        if key.error or key.warnings or key.pgf is None:
            raise SandboxError(f"matplotlib_call_item(): the right program failed: {key.error} {key.message}")
        setup = [_fill(s, values) for s in SETUP[family]]
        return CallItem(family, code_block(setup), names, [code_inline(_fill(calls[n], values)) for n in names],
                        pgf_figure(key.pgf), values, [describe(r) for r in results])
    raise SandboxError("matplotlib_call_item() could not draw a figure")  # pragma: no cover
