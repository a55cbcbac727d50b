"""The course's plots checks: each accepts a right key and catches the typical wrong one, independently of the macros."""

from __future__ import annotations

import numpy as np
import pytest
import sympy

from mathexams.checks import plots as plots_checks
from mathexams.errors import CheckFailed
from mathexams.macros import descriptive, plots
from mathexams.sandbox import SandboxError
from mathexams.seeds import Rng

R = sympy.Rational

x = sympy.Symbol("x", real=True)


def test_histogram_figure_reads_back_as_numpy_histogram():
    data = descriptive.histogram_sample(Rng(3), 20, 10, 7, "right_skewed", 90)
    fig = plots.histogram_tikz(data, 20, 10, 7, "t")
    assert fig.startswith(r"\begin{tikzpicture}")
    bars = plots_checks.figure_histogram(fig)
    counts, _ = np.histogram(data, bins=20 + 10 * np.arange(8))
    assert [round(b[2], 2) for b in bars] == list(counts)
    assert plots_checks.histogram_figure_matches(fig, data, 20, 10, 7)
    with pytest.raises(CheckFailed):
        plots_checks.histogram_figure_matches(fig, data + [25], 20, 10, 7)


def test_boxplot_figure_reads_back_and_catches_a_wrong_group():
    a = descriptive.boxplot_sample(Rng(1), 15, 10, 30, 0, 2)
    b = descriptive.boxplot_sample(Rng(2), 11, 15, 25, 1, 0)
    fig = plots.boxplot_tikz([a, b], ["A", "B"], 0, 60, 5)
    assert plots_checks.boxplot_figure_matches(fig, [a, b])
    with pytest.raises(CheckFailed):
        plots_checks.boxplot_figure_matches(fig, [b, a])


def test_ecdf_figure_reads_back():
    data = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3]
    fig = plots.ecdf_tikz(data, 0, 10, 1, "x")
    assert plots_checks.ecdf_figure_matches(fig, data)
    with pytest.raises(CheckFailed):
        plots_checks.ecdf_figure_matches(fig, [3, 1, 4, 1, 5, 9, 2, 6, 5, 4])
    with pytest.raises(SandboxError):
        plots.ecdf_tikz(data, 1, 10)       # lo must lie below the data


def test_unit_square_figure_is_read_back_to_the_right_matrix_only():
    A = sympy.Matrix([[2, 1], [1, 1]]) * sympy.Matrix([[1, 0], [1, 1]])  # [[3, 1], [2, 1]]
    fig = plots.unit_square_tikz(A)
    options = [A, A.T, A[:, [1, 0]], A.inv()]
    assert plots_checks.square_image_matches(fig, options, (True, False, False, False))
    with pytest.raises(CheckFailed):
        plots_checks.square_image_matches(fig, options, (False, True, False, False))


def test_graph_marks_signs_reads_slopes_and_curvature_from_the_figure():
    f = x**3 / 3 - x  # f' = x^2 - 1, f'' = 2x
    marks = [R(-2), R(-1), R(0), R(1, 2), R(2)]
    fig = plots.function_plot(f, x, R(-5, 2), R(5, 2), ystep=2, marks=marks, lettered=True)
    assert plots_checks.graph_marks_signs(fig, 1, -1, (False, False, True, True, False))
    assert plots_checks.graph_marks_signs(fig, 1, 0, (False, True, False, False, False))
    with pytest.raises(CheckFailed):        # sign of f instead of f'
        plots_checks.graph_marks_signs(fig, 1, -1, (True, False, False, False, False))
    fig2 = plots.function_plot(f, x, R(-5, 2), R(5, 2), ystep=2, marks=[R(-2), R(-3, 2), R(1), R(3, 2), R(2)], lettered=True)
    assert plots_checks.graph_marks_signs(fig2, 2, 1, (False, False, True, True, True))


# ---------------------------------------------------------------- piecewise-linear graphs (bank-calc1)


def test_polyline_figure_reads_back_its_vertices_and_areas():
    xs, ys = [0, 1, 3, 4, 6], [2, -2, 0, 1, -1]
    fig = plots.polyline_tikz(xs, ys, "t", "y")
    px, py = plots_checks.figure_polyline(fig)
    assert list(px) == xs and list(py) == ys
    assert plots_checks.polyline_figure_integral(fig, 0, 1) == pytest.approx(0)
    assert plots_checks.polyline_figure_integral(fig, 0, 3) == pytest.approx(-2)
    assert plots_checks.polyline_figure_integral(fig, 0, R(1, 2)) == pytest.approx(0.5)
    assert plots_checks.polyline_figure_argmax(fig) == pytest.approx(0.5, abs=1e-3)
    above = sympy.Union(sympy.Interval.open(0, R(1, 2)), sympy.Interval.open(3, 5))
    assert plots_checks.polyline_figure_positive_matches(fig, above)
    with pytest.raises(CheckFailed):
        plots_checks.polyline_figure_positive_matches(fig, sympy.Interval.open(3, 5))
    with pytest.raises(SandboxError):
        plots.polyline_tikz([0, 2, 1], [0, 1, 2])


def test_contour_checks_read_the_gradient_off_the_drawn_curves():
    Q = sympy.Matrix([[3, 1], [1, 1]])  # eigenvalues 2 +- sqrt(2): the curves crowd along the short axis
    kinds = ["tangent", "gradient", "negative_tangent", "negative_gradient"]
    fig = plots.contour_figure(Q, [0, R(1, 2)], [1, 2, 3, 4], [[2, [1, 2], "P"]],
                               [[k, label] for k, label in zip(kinds, "ABCD")])
    curves = plots_checks.figure_contours(fig)
    assert [v for v, _ in curves] == [1, 2, 3, 4]
    assert plots_checks.contour_arrow_matches(fig, list("ABCD"), [False, True, False, False])
    with pytest.raises(CheckFailed):  # the arrow towards lower values
        plots_checks.contour_arrow_matches(fig, list("ABCD"), [False, False, False, True])
    with pytest.raises(CheckFailed):  # an arrow along the level curve
        plots_checks.contour_arrow_matches(fig, list("ABCD"), [True, False, False, False])
    marks = [[3, [1, 0], "A"], [3, [0, 1], "B"], [3, [1, -1], "C"], [3, [1, 1], "D"]]
    fig = plots.contour_figure(Q, [0, 0], [1, 2, 3, 4], marks)
    # |Q v|^2 / v^T Q v: (1,0): 10/3, (0,1): 2, (1,-1): 4/2 = 2, (1,1): 20/6: (1, 0) and (1, 1) tie
    with pytest.raises(CheckFailed, match="no clear"):
        plots_checks.contour_steepest_mark_matches(fig, list("ABCD"), [True, False, False, False])
    marks = [[3, [1, 0], "A"], [3, [0, 1], "B"], [3, [1, -2], "C"], [3, [-1, 1], "D"]]
    fig = plots.contour_figure(Q, [0, 0], [1, 2, 3, 4], marks)
    # (1,0): 10/3, (0,1): 2, (1,-2): 1/ (3 - 4 + 4) = 1/3, (-1,1): 4/2 = 2: A is steepest
    assert plots_checks.contour_steepest_mark_matches(fig, list("ABCD"), [True, False, False, False])
    with pytest.raises(CheckFailed):  # the point farthest from the centre is not the steepest
        plots_checks.contour_steepest_mark_matches(fig, list("ABCD"), [False, False, True, False])


# ---------------------------------------------------------------- charts for reading plots (issue 11)


def test_loss_curves_are_classified_from_the_drawing():
    from mathexams.macros import optimisation
    for kind in optimisation.LOSS_KINDS:
        for s in range(8):
            run = optimisation.loss_history(Rng(s), kind, 12)
            fig = plots.series_chart([[run.iterations, run.train], [run.iterations, run.validation]], ["t", "v"], 2, 0)
            assert plots_checks.loss_figure_matches(fig, [kind, "good" if kind != "good" else "slow"], (True, None))
            with pytest.raises(CheckFailed):
                plots_checks.loss_figure_matches(fig, [kind], (None,))


def test_scatter_closest_panel_by_corrcoef():
    fig = plots.scatter_panels([[[0, 1, 2, 3], [0, 1, 2, 3.2]], [[0, 1, 2, 3], [3, 1, 2, 0]]], ["A", "B"])
    assert plots_checks.scatter_closest_matches(fig, 0.95, (True, None))
    with pytest.raises(CheckFailed):
        plots_checks.scatter_closest_matches(fig, -0.8, (True, None))


def test_normal_figure_moments_and_tail():
    from mathexams.macros import distributions
    a = distributions.normal_density_points(0, 1, -8, 14, 241)
    b = distributions.normal_density_points(3, 2, -8, 14, 241)
    fig = plots.series_chart([a, b], ["A", "B"], 1, 0.1)
    claims = [[0, 0], [0, 1], [1, 1], [1, 0]]
    assert plots_checks.normal_figure_claims(fig, claims, (None, None, True, None))   # B: larger mean and SD
    with pytest.raises(CheckFailed):
        plots_checks.normal_figure_claims(fig, claims, (None, None, None, True))    # taller is not wider
    assert abs(plots_checks.normal_figure_tail(fig, 1, 5) - 0.1587) < 0.005


def test_shaded_areas_and_interval_options():
    fig = plots.area_plot(x * (x - 2), x, -1, 3, 0, 3)    # -4/3 below the axis, then 4/3 above
    areas = plots_checks.shaded_areas(fig)
    assert abs(areas.area - 8 / 3) < 0.01 and abs(areas.integral) < 0.01
    assert plots_checks.interval_options_match(2.6, [2, 1, 3], (True, None, None))
    with pytest.raises(CheckFailed, match="too close"):
        plots_checks.interval_options_match(2.05, [2, 1], (True, None))


def test_derivative_graph_is_found_among_candidates():
    f = x**3 / 3 - x
    shown = plots.function_plot(f, x, -2, 2)
    cands = [plots.function_plot(g, x, -2, 2, -3, 3) for g in (x**2 - 1, 1 - x**2, 2 * x, x**4 / 12 - x**2 / 2)]
    assert plots_checks.derivative_graph_matches(shown, cands, 1, (True, None, None, None))
    assert plots_checks.derivative_graph_matches(shown, cands, 2, (None, None, True, None))
    with pytest.raises(CheckFailed):
        plots_checks.derivative_graph_matches(shown, cands, 1, (None, True, None, None))   # -f' is the mirror image


def test_contour_minimum_and_descent_arrow():
    Q = sympy.Matrix([[2, sympy.Rational(1, 2)], [sympy.Rational(1, 2), 1]])
    arrows = [["negative_gradient", "A"], ["gradient", "B"], ["tangent", "C"], ["negative_tangent", "D"]]
    fig = plots.contour_figure(Q, [1, -1], [2, 4, 6, 8], [[4, [1, 1], "P"]], arrows)
    assert max(abs(a - b) for a, b in zip(plots_checks.contour_minimum(fig), (1, -1))) < 0.05
    assert plots_checks.contour_arrow_matches(fig, "ABCD", (True, None, None, None), -1)
    assert plots_checks.contour_arrow_matches(fig, "ABCD", (None, True, None, None))
    with pytest.raises(CheckFailed):
        plots_checks.contour_arrow_matches(fig, "ABCD", (None, True, None, None), -1)
