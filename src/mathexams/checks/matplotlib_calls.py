"""Matplotlib calls, checked by running every offered program and comparing what it draws with the
figure the question asks for (number of Axes and their grid, scales, bars and lines per panel).

The programs are written here again from the option names and the drawn numbers (never taken as
text from a template), and run in the sandboxed snippet worker; the specification of the figure
comes from the numbers alone, not from the right program's run.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ..api import CheckFailed, check, option_flags, run_program

_LINES = {
    "histogram": {"hist": "plt.hist(x, bins={k})", "hist_other_bins": "plt.hist(x, bins={k2})",
                  "bar_of_values": "plt.bar(range(len(x)), x)", "histogram_missing": "plt.histogram(x, bins={k})",
                  "plot_of_values": "plt.plot(x)"},
    "log_scale": {"set_scale": "ax.plot(x, y)\nax.set_{a}scale('log')", "other_axis": "ax.plot(x, y)\nax.set_{b}scale('log')",
                  "log_scale_missing": "ax.plot(x, y)\nax.log_scale('{a}')",
                  "scale_linear": "ax.plot(x, y)\nax.set_{a}scale('linear')", "both_axes": "ax.loglog(x, y)"},
    "subplots": {"grid_index": "fig, axs = plt.subplots({r}, {c})\naxs[{i}, {j}].plot(x, y)",
                 "index_swapped": "fig, axs = plt.subplots({r}, {c})\naxs[{j}, {i}].plot(x, y)",
                 "grid_swapped": "fig, axs = plt.subplots({c}, {r})\naxs[{i}, {j}].plot(x, y)",
                 "one_based": "fig, axs = plt.subplots({r}, {c})\naxs[{i1}, {j1}].plot(x, y)",
                 "flat_index": "fig, axs = plt.subplots({r}, {c})\naxs[{flat}].plot(x, y)"},
}
_SETUP = {"histogram": "x = {data}", "log_scale": "x = {xs}\ny = {ys}\nfig, ax = plt.subplots()", "subplots": "x = {xs}\ny = {ys}"}


def _clean(values: Mapping[str, Any]) -> dict[str, Any]:
    """The numbers of a family: integers, lists of integers, and an axis letter; anything else is refused."""
    out: dict[str, Any] = {}
    for key, v in values.items():
        if key in ("a", "b"):
            if v not in ("x", "y"):
                raise CheckFailed(f"axis {v!r} is not x or y")
            out[key] = v
        elif isinstance(v, (list, tuple)):
            out[key] = "[" + ", ".join(str(int(t)) for t in v) + "]"
        else:
            out[key] = int(v)
    return out


def _program(family: str, name: str, values: dict[str, Any]) -> str:
    return "import matplotlib.pyplot as plt\n" + (_SETUP[family] + "\n" + _LINES[family][name]).format(**values)


def _draws_the_figure(family: str, values: dict[str, Any], result: Any) -> bool:
    """Whether one run draws the asked figure: the family's specification from the numbers."""
    if result.error or len(result.axes) == 0:
        return False
    if family == "histogram":
        (ax,) = result.axes if len(result.axes) == 1 else (None,)
        return ax is not None and ax.lines == 0 and ax.patches == int(values["k"])
    if family == "log_scale":
        if len(result.axes) != 1:
            return False
        ax = result.axes[0]
        scales = {"x": ax.xscale, "y": ax.yscale}
        other = "y" if values["a"] == "x" else "x"
        return ax.lines == 1 and scales[values["a"]] == "log" and scales[other] == "linear"
    r, c, i, j = (int(values[k]) for k in ("r", "c", "i", "j"))
    if len(result.axes) != r * c:
        return False
    return all((a.rows, a.cols) == (r, c) and a.lines == (1 if a.position == i * c + j else 0) for a in result.axes)


@check(strings_ok=True)
def which_call_matches(flags: Any, family: Any, names: Sequence[Any], values: Mapping[str, Any]) -> bool:
    """Exactly the marked options draw the figure of the family's specification (one Axes with k bars;
    one line with a log scale on the named axis only; an r x c grid with the line in panel (i, j)),
    each run in the snippet worker; an option that raises draws nothing."""
    family = str(family)
    if family not in _LINES or any(str(n) not in _LINES[family] for n in names):
        raise CheckFailed(f"unknown family {family!r} or calls {list(names)}")
    clean = _clean(values)
    marks = option_flags(flags)
    for mark, name in zip(marks, names):
        result = run_program(_program(family, str(name), clean), figure=True)
        if _draws_the_figure(family, values, result) != mark:
            raise CheckFailed(f"option {name!r} {'does not draw' if mark else 'also draws'} the figure "
                              f"({result.error or result.axes})")
    return True
