"""The course's plots macros: each keeps its promise on many draws (exactness, ranges, structure, records)."""

from __future__ import annotations

import re

import pytest
import sympy

from mathexams.macros import descriptive, plots
from mathexams.sandbox import SandboxError
from mathexams.seeds import Rng

x, y = sympy.symbols("x y", real=True)


SEEDS = range(60)


def test_a_figure_is_latex_text_that_fits_the_size_limit(write_template):
    from mathexams.answers import latex_of
    from mathexams.sandbox import MAX_TEXT

    fig = plots.function_plot(x**2, x, -2, 2, marks=[1], lettered=True)
    assert isinstance(fig, str) and 1000 < len(fig) < MAX_TEXT
    assert latex_of(fig) == fig and "$A$" in fig


def test_marks_away_from_respects_gap_and_includes():
    for s in SEEDS:
        m = plots.marks_away_from(Rng(s), -2, 4, 5, [0, 3], 1, [3])
        assert m == sorted(m) and len(set(m)) == 5 and 3 in m
        assert all((2 * v).is_integer and -2 <= v <= 4 for v in m)
        assert all(v == 3 or (abs(v) >= 1 and abs(v - 3) >= 1) for v in m)
    with pytest.raises(SandboxError):
        plots.marks_away_from(Rng(0), 0, 1, 5, [], 1)


def test_figures_compile_to_plain_tikz_only():
    """No pgfplots, no libraries: only \\draw, \\filldraw, \\fill, \\node and a scope."""
    figs = [
        plots.histogram_tikz(descriptive.histogram_sample(Rng(0), 0, 5, 6, "symmetric", 50), 0, 5, 6),
        plots.boxplot_tikz([descriptive.boxplot_sample(Rng(0), 11, 0, 10)], ["G"], -5, 20, 5),
        plots.ecdf_tikz([1, 2, 2, 3], 0, 5),
        plots.unit_square_tikz(sympy.Matrix([[1, 2], [0, 1]])),
    ]
    for fig in figs:
        body = str(fig).splitlines()[1:-1]
        assert all(re.match(r"\\(draw|filldraw|fill|node)\b", line) for line in body)
        assert "axis" not in str(fig) and "pgfplots" not in str(fig)


def test_function_plot_draws_the_function_at_its_coordinates():
    tikz = plots.function_plot(x**2 - 2, x, -2, 2, width=4, height=4, samples=5, marks=[1], lettered=True)
    assert tikz.startswith(r"\begin{tikzpicture}") and tikz.endswith(r"\end{tikzpicture}")
    # x-scale 1 cm per unit (4 cm over [-2, 2]); y from -2 to 2 is also 4 cm
    assert "(-2,2) -- (-1,-1) -- (0,-2) -- (1,-1) -- (2,2)" in tikz
    assert re.search(r"\\fill \(1,-1\) circle \(1\.5pt\) node\[[^]]*\] \{\$A\$\}", tikz)


def test_function_plot_breaks_the_curve_where_undefined():
    tikz = plots.function_plot(1 / x, x, -2, 2, ylo=-4, yhi=4, samples=5)
    assert tikz.count(r"\draw[thick, blue]") == 2


def test_function_plot_refuses_bad_ranges():
    with pytest.raises(SandboxError):
        plots.function_plot(x, x, 2, 1)
    with pytest.raises(SandboxError):
        plots.function_plot(x, x, 0, 1, samples=10_000)


def test_contour_figure_draws_labelled_level_curves_marks_and_arrows():
    Q = sympy.Matrix([[2, sympy.Rational(1, 2)], [sympy.Rational(1, 2), 1]])
    fig = plots.contour_figure(Q, [sympy.Rational(1, 2), -1], [1, 2, 3, 4], [[2, [1, 1], "P"]],
                               [["gradient", "A"], ["tangent", "B"], ["negative_gradient", "C"], ["negative_tangent", "D"]])
    assert fig.startswith(r"\begin{tikzpicture}") and fig.endswith(r"\end{tikzpicture}")
    assert fig.count(r"\draw[mxcontour]") == 4 and fig.count(r"\node[mxlevel]") == 4
    assert fig.count(r"\draw[mxarrow]") == 4 and fig.count(r"\fill[mxmark]") == 1
    with pytest.raises(SandboxError, match="positive definite"):
        plots.contour_figure(sympy.Matrix([[1, 2], [2, 1]]), [0, 0], [1], [])
    with pytest.raises(SandboxError, match="arrow kind"):
        plots.contour_figure(Q, [0, 0], [1], [[1, [1, 0], "P"]], [["sideways", "A"]])
    with pytest.raises(SandboxError, match="first mark"):
        plots.contour_figure(Q, [0, 0], [1], [], [["gradient", "A"]])
    with pytest.raises(SandboxError, match="too large"):
        plots.contour_figure(sympy.Matrix([[1, 0], [0, sympy.Rational(1, 1000)]]), [0, 0], [4], [])


# ---------------------------------------------------------------- charts for reading plots (issue 11)

x = sympy.Symbol("x", real=True)


def test_series_chart_draws_styled_series_with_marks_and_a_key():
    fig = plots.series_chart([[[0, 1, 2], [4, 2, 1]], [[0, 1, 2], [5, 3, 3]]], ["train", "valid"], 1, 0, "t", "L",
                             6, 3, True)
    assert fig.count(r"\draw[mxs0] (0,0) -- ") == 0 and r"\draw[mxs0] (0," in fig
    assert fig.count(r"\fill[mxs0, solid]") == 3 and fig.count(r"\fill[mxs1, solid]") == 3   # dots and squares
    assert "{train}" in fig and "{valid}" in fig and "dashed" in fig
    with pytest.raises(SandboxError, match="one or two series"):
        plots.series_chart([[[0, 1], [1, 2]]] * 3, ["a", "b", "c"])


def test_scatter_panels_scale_each_panel_and_name_it():
    fig = plots.scatter_panels([[[0, 1, 2], [0, 10, 20]], [[5, 6, 7], [1, 0, 2]]], ["A", "B"], 3)
    assert fig.count(r"\begin{tikzpicture}") == 2 and fig.count(r"\fill[mxdot]") == 6
    assert r"\fill[mxdot] (0.3,0.3) circle" in fig and r"\fill[mxdot] (2.7,2.7) circle" in fig   # 10 % margins
    with pytest.raises(SandboxError, match="spread"):
        plots.scatter_panels([[[1, 1, 1], [0, 1, 2]]])


def test_area_plot_shades_between_graph_and_axis():
    fig = plots.area_plot(x * (x - 2), x, -1, 3, 0, 2)
    shade = re.search(r"\\fill\[mxshade\] (.*) -- cycle;", fig).group(1)
    assert shade.startswith("(0,0) -- ") and shade.endswith("-- (2,0) -- (0,0)")
    assert "(1,-1)" in shade                       # the vertex of the parabola, below the axis
    with pytest.raises(SandboxError, match="lo <= a < b <= hi"):
        plots.area_plot(x, x, 0, 2, 1, 3)
