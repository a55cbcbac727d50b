"""Macros and independent checks of the weeks 1-6 calculus templates accept right keys and reject wrong ones."""

from __future__ import annotations

import math

import numpy as np
import pytest
import sympy

from mathexams.errors import CheckFailed
from mathexams.template import CHECKS
from mathexams.checks import calc_early as c
from mathexams.template import FUNCTIONS
from mathexams.macros import calc_early as m
from mathexams.sandbox import SandboxError

x, y, h, t = sympy.symbols("x y h t", real=True)
R = sympy.Rational

CALC_EARLY_IDS = [
    "calc.limits.rational_hole", "calc.limits.conjugate", "calc.deriv.definition", "calc.deriv.tangent_line",
    "calc.func.exp_log_solve", "calc.rules.table_combo", "calc.rules.higher", "calc.rules.implicit_slope",
    "calc.opt.closed_interval", "calc.int.definite_ftc", "calc.int.average_value", "calc.int.riemann",
    "calc.int.area_between", "calc.int.net_change",
]


# ---------------------------------------------------------------- registration


def test_everything_is_registered_with_a_docstring():
    for name in ("riemann_points", "riemann_sum", "closed_interval_extrema", "interior", "subs_each", "decimal_value"):
        assert name in FUNCTIONS and FUNCTIONS[name].doc
    for name in ("numeric_limit", "option_key_matches", "difference_quotient_matches", "fd_slope",
                 "tangent_line_matches", "scan_roots", "table_combo_numeric", "fd_sign_set_matches",
                 "implicit_slope_numeric", "grid_extrema", "riemann_numeric", "exceeds_matches"):
        assert name in CHECKS and CHECKS[name].doc
        assert name not in FUNCTIONS  # a check must not shadow a params function


# ---------------------------------------------------------------- macros


def test_riemann_points_left_mid_right():
    assert m.riemann_points(0, 2, 4, 0) == [0, R(1, 2), 1, R(3, 2)]
    assert m.riemann_points(0, 2, 4, 1) == [R(1, 2), 1, R(3, 2), 2]
    assert m.riemann_points(1, 3, 2, R(1, 2)) == [R(3, 2), R(5, 2)]
    with pytest.raises(SandboxError):
        m.riemann_points(0, 1, 0, 0)
    with pytest.raises(SandboxError):
        m.riemann_points(2, 1, 3, 0)
    with pytest.raises(SandboxError):
        m.riemann_points(0, 1, 4, 2)


def test_riemann_sum_is_exact():
    # R_4 of x^2 on [0, 2]: (1/4 + 1 + 9/4 + 4) / 2 = 15/4
    assert m.riemann_sum(x**2, x, 0, 2, 4, 1) == R(15, 4)
    assert m.riemann_sum(x**2, x, 0, 2, 4, 0) == R(7, 4)
    # midpoint rule is exact for linear functions
    assert m.riemann_sum(3 * x + 1, x, 1, 4, 3, R(1, 2)) == R(51, 2)
    assert m.riemann_sum(1 / x, x, 1, 5, 4, 0) == R(25, 12)


def test_closed_interval_extrema_picks_endpoints_and_interior_points():
    f = 2 * x**3 - 3 * x**2 - 12 * x  # critical points -1 and 2
    top, at_top, bottom, at_bottom, unique, table = m.closed_interval_extrema(f, x, -2, 4, [-1, 2])
    assert (top, at_top, bottom, at_bottom, unique) == (32, 4, -20, 2, True)
    assert [p for p, _ in table] == [-2, -1, 2, 4]
    # a critical point outside the interval is ignored
    top, at_top, bottom, at_bottom, unique, table = m.closed_interval_extrema(f, x, 0, 1, [-1, 2])
    assert (top, at_top, bottom, at_bottom) == (0, 0, -13, 1)
    assert len(table) == 2
    # ties are reported
    assert m.closed_interval_extrema(x**2, x, -1, 1, [0])[4] is False


def test_interior_and_subs_each():
    assert m.interior([-1, 2, 5], -1, 5) == [2]
    assert m.subs_each(x**2 + 1, x, [0, R(1, 2), 3]) == [1, R(5, 4), 10]
    with pytest.raises(SandboxError):
        m.subs_each(x, x, list(range(60)))


def test_decimal_value_rounds_half_away_from_zero():
    assert m.decimal_value(R(1, 8), 2) == R(13, 100)
    assert m.decimal_value(-R(1, 8), 2) == -R(13, 100)
    v = m.decimal_value(117 + 44 * sympy.exp(R(5, 2)) - 44 * sympy.exp(R(3, 4)), 12)
    assert isinstance(v, sympy.Rational)
    assert abs(float(v) - 559.881733540) < 1e-6
    with pytest.raises(SandboxError):
        m.decimal_value(sympy.I, 4)


# ---------------------------------------------------------------- checks


def test_vectorised_matches_pointwise_and_marks_undefined_points():
    f = sympy.log(x - 1) + sympy.sqrt(x) * sympy.exp(-x) + x**3
    fn = c.vectorised(f, x)
    xs = np.array([0.5, 2.0, 3.5])
    out = fn(xs)
    assert math.isnan(out[0])
    assert out[1] == pytest.approx(math.log(1) + math.sqrt(2) * math.exp(-2) + 8)
    assert out[2] == pytest.approx(math.log(2.5) + math.sqrt(3.5) * math.exp(-3.5) + 3.5**3)


def test_numeric_limit_of_a_hole_and_one_sided():
    f = (x**2 + x - 20) / (x**2 - 25)
    assert c.numeric_limit(f, x, -5) == pytest.approx(0.9, abs=1e-9)
    g = sympy.Abs(x) / x
    assert c.numeric_limit(g, x, 0, 1) == pytest.approx(1)
    assert c.numeric_limit(g, x, 0, -1) == pytest.approx(-1)
    with pytest.raises(CheckFailed, match="one-sided values differ"):
        c.numeric_limit(g, x, 0)


def test_option_key_matches():
    assert c.option_key_matches((True, None, None, None), [R(1, 4), R(1, 2), 4, None], 0.25)
    with pytest.raises(CheckFailed, match="differs from the reference"):
        c.option_key_matches((True, None, None), [R(1, 2), R(1, 4), 4], 0.25)
    with pytest.raises(CheckFailed, match="distractor"):
        c.option_key_matches((True, None, None), [R(1, 4), 0.25, 4], 0.25)
    with pytest.raises(CheckFailed, match="2 options are marked"):
        c.option_key_matches((True, True, None), [1, 2, 3], 1)
    with pytest.raises(CheckFailed, match="text"):
        c.option_key_matches((None, True), [1, None], 2)


def test_difference_quotient_matches():
    f = 3 * x**2 - x
    assert c.difference_quotient_matches(f, x, 2, 11 + 3 * h, h)
    with pytest.raises(CheckFailed, match="quotient"):
        c.difference_quotient_matches(f, x, 2, 11 + h, h)
    assert c.difference_quotient_matches(sympy.sqrt(x + 5), x, 4, 1 / (sympy.sqrt(h + 9) + 3), h)


def test_fd_slope():
    assert c.fd_slope(sympy.exp(2 * x), x, 1) == pytest.approx(2 * math.exp(2), rel=1e-9)
    with pytest.raises(CheckFailed):
        c.fd_slope(sympy.sqrt(x), x, 0)


def test_tangent_line_matches():
    f = x**3 - 2 * x
    assert c.tangent_line_matches(f, 10 * x - 16, x, 2)
    with pytest.raises(CheckFailed, match="slope"):
        c.tangent_line_matches(f, 4 * x - 4, x, 2)      # slope f(a) instead of f'(a), through the point
    with pytest.raises(CheckFailed, match="misses the point"):
        c.tangent_line_matches(f, 10 * x, x, 2)
    with pytest.raises(CheckFailed, match="straight line"):
        c.tangent_line_matches(f, x**2 + 6 * x - 12, x, 2)


def test_scan_roots_skips_the_extraneous_root():
    eq = sympy.log(x - 12) / sympy.log(10) + sympy.log(x - 3) / sympy.log(10) - 1
    roots = c.scan_roots(eq, x, -50, 50, 2000)
    assert len(roots) == 1 and roots[0] == pytest.approx(13, abs=1e-9)
    assert sorted(c.scan_roots((x - 2) * (x + 3), x, -20, 20, 1000)) == pytest.approx([-3, 2], abs=1e-9)


def test_table_combo_numeric_reproduces_the_rules():
    xs, f, fp, g, gp = [1, 2, 3], [4, 4, -5], [2, 1, -2], [2, 3, 1], [1, 5, -4]
    # (fg)'(2) = f'(2) g(2) + f(2) g'(2) = 3 + 20
    assert c.table_combo_numeric(xs, f, fp, g, gp, 2, 0) == pytest.approx(23, abs=1e-7)
    # (f/g)'(2) = (1*3 - 4*5) / 9
    assert c.table_combo_numeric(xs, f, fp, g, gp, 2, 1) == pytest.approx(-17 / 9, abs=1e-7)
    # (f o g)'(1) = f'(g(1)) g'(1) = f'(2) * 1
    assert c.table_combo_numeric(xs, f, fp, g, gp, 1, 2) == pytest.approx(1, abs=1e-7)


def test_fd_sign_set_matches_concavity():
    f = x**4 - 2 * x**3  # f'' = 12 x (x - 1)
    up = sympy.Union(sympy.Interval.open(-sympy.oo, 0), sympy.Interval.open(1, sympy.oo))
    assert c.fd_sign_set_matches(f, x, up, -4, 5, 2)
    with pytest.raises(CheckFailed, match="key set"):
        c.fd_sign_set_matches(f, x, sympy.Interval.open(0, 1), -4, 5, 2)
    # order 1: where f is increasing
    assert c.fd_sign_set_matches(x**2, x, sympy.Interval.open(0, sympy.oo), -3, 3, 1)


def test_implicit_slope_numeric():
    F = x**2 + x * y + y**2 - 19  # through (-2, -3); dy/dx = -(2x + y)/(x + 2y) = -7/8
    assert c.implicit_slope_numeric(F, x, y, -2, -3) == pytest.approx(-7 / 8, abs=1e-8)
    F2 = x**3 + x * y + 2 * y**2 + 28  # close to a vertical tangent: slope -28
    assert c.implicit_slope_numeric(F2, x, y, -3, 1) == pytest.approx(-28, rel=1e-7)
    with pytest.raises(CheckFailed, match="not on the curve"):
        c.implicit_slope_numeric(F, x, y, 1, 1)


def test_grid_extrema():
    f = 2 * x**3 - 3 * x**2 - 12 * x
    top, at_top, bottom, at_bottom = c.grid_extrema(f, x, -2, 4)
    assert (top, at_top, bottom, at_bottom) == pytest.approx((32, 4, -20, 2), abs=1e-6)
    top, at_top, _, _ = c.grid_extrema(f, x, -2, 1)
    assert (top, at_top) == pytest.approx((7, -1), abs=1e-6)


def test_riemann_numeric_and_exceeds_matches():
    assert c.riemann_numeric(x**2, x, 0, 2, 4, 1) == pytest.approx(3.75)
    assert c.riemann_numeric(x**2, x, 0, 2, 4, 0) == pytest.approx(1.75)
    exact = 8 / 3
    assert c.exceeds_matches(3.75, exact, True)
    assert c.exceeds_matches(1.75, exact, sympy.false)
    with pytest.raises(CheckFailed, match="key says"):
        c.exceeds_matches(1.75, exact, True)
    with pytest.raises(CheckFailed, match="too close"):
        c.exceeds_matches(1.0, 1.0, True)


# ---------------------------------------------------------------- the templates


@pytest.mark.parametrize("template_id", CALC_EARLY_IDS)
def test_calc_early_templates_sample_and_verify(bank, template_id):
    from mathexams.sampler import sample_question

    template = bank.get(template_id)
    prompts = {sample_question(template, seed).prompt_latex for seed in range(25)}
    assert len(prompts) >= 10
