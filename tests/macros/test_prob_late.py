"""Macros and checks of weeks 7-12 (distributions, inference, reading plots) keep their promises.

Each check is shown to accept the right key and to reject a typical wrong one.
"""

from __future__ import annotations

import re
from fractions import Fraction

import numpy as np
import pytest
import sympy

from mathexams.errors import CheckFailed
from mathexams.template import CHECKS
from mathexams.checks import prob_late as ck
from mathexams.template import FUNCTIONS
from mathexams.macros import prob_late as mc
from mathexams.macros.distributions import normal_cdf, poisson_cdf, poisson_pmf
from mathexams.sandbox import SandboxError
from mathexams.seeds import Rng

x = sympy.Symbol("x", real=True)
R = sympy.Rational
SEEDS = range(40)


def rng(seed: int = 0) -> np.random.Generator:
    return np.random.default_rng(seed)


# --------------------------------------------------------------------------- registration


def test_everything_is_registered_under_its_name():
    for name in ("approx_rational", "pmf_probabilities", "pmf_table", "histogram_tikz", "boxplot_tikz",
                 "ecdf_tikz", "unit_square_tikz", "graph_tikz", "marks_away_from", "map_matrix_2x2"):
        assert name in FUNCTIONS
    for name in ("poisson_window_simulation", "graph_marks_signs", "square_image_matches",
                 "inference_claim_holds", "hypotheses_option_matches"):
        assert name in CHECKS
    # checks that read figures or sentences accept text
    assert CHECKS["claim_alternative"].strings_ok and CHECKS["graph_marks_signs"].strings_ok


# --------------------------------------------------------------------------- macros: numbers and pmfs


def test_approx_rational_rounds_half_up_to_the_places():
    assert mc.approx_rational(R(1, 3), 4) == R(3333, 10000)
    assert mc.approx_rational(R(2, 3), 4) == R(6667, 10000)
    assert mc.approx_rational(R(-5, 8), 2) == R(-63, 100)   # -0.625 -> -0.63 (away from zero)
    v = mc.approx_rational(normal_cdf(R(196, 100)))
    assert (v * 10**20).is_integer and abs(float(v) - 0.9750021048517795) < 1e-15
    with pytest.raises(SandboxError):
        mc.approx_rational(sympy.oo)


def test_pmf_probabilities_are_positive_and_add_to_one():
    for s in SEEDS:
        ps = mc.pmf_probabilities(Rng(s), 5, 12)
        assert len(ps) == 5 and sum(ps) == 1 and all(p > 0 and (12 * p).is_integer for p in ps)
    with pytest.raises(SandboxError):
        mc.pmf_probabilities(Rng(0), 6, 5)


def test_pmf_moments_tail_and_set_entry():
    vals, probs = [0, 1, 3], [R(1, 2), R(1, 4), R(1, 4)]
    assert mc.pmf_moment(vals, probs, 1) == 1
    assert mc.pmf_moment(vals, probs, 2) == R(5, 2)
    assert mc.pmf_tail(vals, probs, 1) == R(1, 2)
    assert mc.pmf_set_entry(probs, 0, 0) == [0, R(1, 4), R(1, 4)] and probs[0] == R(1, 2)


def test_pmf_table_hides_the_missing_entry_and_prints_decimals_or_fractions():
    table = mc.pmf_table([-1, 2, 5], [R(3, 10), R(1, 12), R(37, 60)], 2, "q")
    assert "$-1$ & $2$ & $5$" in table
    assert "$0.3$" in table and r"$\tfrac{1}{12}$" in table and "$q$" in table and "37" not in table


# --------------------------------------------------------------------------- macros: histograms


def _binned_skew(data, lo, width, bins):
    c = np.array(mc.hist_class_counts(data, lo, width, bins))
    mids = lo + width * (np.arange(bins) + 0.5)
    m = (c * mids).sum() / c.sum()
    return float((c * (mids - m) ** 3).sum() / c.sum() / ((c * (mids - m) ** 2).sum() / c.sum()) ** 1.5)


@pytest.mark.parametrize("shape", [0, 1, 2])
def test_histogram_sample_has_the_requested_shape(shape):
    for s in SEEDS:
        r = Rng(s)
        bins = r.integer(6, 9)
        data = mc.histogram_sample(r, 10, 5, bins, shape, 80)
        assert all(10 <= v < 10 + 5 * bins for v in data) and 60 <= len(data) <= 100
        g = _binned_skew(data, 10, 5, bins)
        assert {0: g > 0.3, 1: g < -0.3, 2: abs(g) < 1e-12}[shape]


def test_class_counts_midpoint_mean_and_range_count():
    data = [0, 4, 5, 9, 9, 12]
    assert mc.hist_class_counts(data, 0, 5, 3) == [2, 3, 1]
    assert mc.hist_midpoint_mean(data, 0, 5, 3) == R(2 * 5 + 3 * 15 + 25, 2 * 6)
    assert mc.hist_count_in(data, 5, 10) == 3
    with pytest.raises(SandboxError):
        mc.hist_class_counts([15], 0, 5, 3)


def test_histogram_figure_reads_back_as_numpy_histogram():
    data = mc.histogram_sample(Rng(3), 20, 10, 7, 0, 90)
    fig = mc.histogram_tikz(data, 20, 10, 7, "t")
    assert isinstance(fig, mc.Figure) and str(fig).startswith(r"\begin{tikzpicture}")
    bars = ck.figure_histogram(fig)
    counts, _ = np.histogram(data, bins=20 + 10 * np.arange(8))
    assert [round(b[2], 2) for b in bars] == list(counts)
    assert ck.histogram_figure_matches(fig, data, 20, 10, 7)
    with pytest.raises(CheckFailed):
        ck.histogram_figure_matches(fig, data + [25], 20, 10, 7)


def test_figure_prints_through_sympy_and_passes_the_size_limit():
    fig = mc.graph_tikz(x**2, x, -2, 2, marks=[1], lettered=True)
    assert len(str(fig)) > 1000
    assert sympy.latex(fig) == str(fig)
    from mathexams.answers import latex_of
    assert latex_of(fig) == str(fig)
    assert fig == mc.Figure(str(fig)) and "$A$" in str(fig)


# --------------------------------------------------------------------------- macros: box plots


def test_tukey_box_uses_medians_of_halves_and_finds_outliers():
    data = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 40]
    assert mc.tukey_box(data) == [1, 3, 6, 9, 10]
    assert mc.tukey_outliers(data) == [40]


def test_boxplot_sample_puts_the_designed_outliers_beyond_the_fences():
    for s in SEEDS:
        r = Rng(s)
        k_lo, k_hi = r.integer(0, 2), r.integer(0, 2)
        data = mc.boxplot_sample(r, 15, 20, 30, k_lo, k_hi)
        out = mc.tukey_outliers(data)
        box = mc.tukey_box(data)
        assert len(data) == 15
        assert sum(1 for o in out if o > box[3]) >= k_hi and sum(1 for o in out if o < box[1]) >= k_lo


def test_boxplot_figure_reads_back_and_catches_a_wrong_group():
    a = mc.boxplot_sample(Rng(1), 15, 10, 30, 0, 2)
    b = mc.boxplot_sample(Rng(2), 11, 15, 25, 1, 0)
    fig = mc.boxplot_tikz([a, b], ["A", "B"], 0, 60, 5)
    assert ck.boxplot_figure_matches(fig, [a, b])
    with pytest.raises(CheckFailed):
        ck.boxplot_figure_matches(fig, [b, a])


def test_numpy_box_checks_agree_with_the_exact_macros():
    for s in SEEDS:
        data = mc.boxplot_sample(Rng(s), 19, 0, 20, 1, 1)
        assert ck.np_tukey_box(data) == [float(v) for v in mc.tukey_box(data)]
        for v in mc.tukey_outliers(data):
            assert ck.np_tukey_outlier(data, v)
        assert not ck.np_tukey_outlier(data, mc.tukey_box(data)[4])


def test_larger_iqr_marked():
    wide, narrow = list(range(0, 21, 2)), [10, 11, 11, 12, 12, 12, 13, 13, 14, 50, 60]
    assert ck.larger_iqr_marked(wide, narrow, (True, False, False))
    assert ck.larger_iqr_marked(wide, wide, (False, False, True))
    with pytest.raises(CheckFailed):
        ck.larger_iqr_marked(wide, narrow, (False, True, False))


# --------------------------------------------------------------------------- macros: ECDF


def test_ecdf_value_and_inverse():
    data = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3]
    assert mc.ecdf_value(data, 3) == R(5, 10)
    assert mc.ecdf_value(data, 0) == 0 and mc.ecdf_value(data, 9) == 1
    assert mc.ecdf_inverse(data, R(1, 2)) == 3          # F(3) = 0.5 exactly
    assert mc.ecdf_inverse(data, R(51, 100)) == 4
    assert ck.np_ecdf_at(data, 3) == 0.5 and ck.np_ecdf_inverse(data, 0.5) == 3.0


def test_ecdf_figure_reads_back():
    data = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3]
    fig = mc.ecdf_tikz(data, 0, 10, 1, "x")
    assert ck.ecdf_figure_matches(fig, data)
    with pytest.raises(CheckFailed):
        ck.ecdf_figure_matches(fig, [3, 1, 4, 1, 5, 9, 2, 6, 5, 4])
    with pytest.raises(SandboxError):
        mc.ecdf_tikz(data, 1, 10)       # lo must lie below the data


# --------------------------------------------------------------------------- macros: unit square, marks


def test_map_matrix_has_four_different_relatives():
    for s in SEEDS:
        A = mc.map_matrix_2x2(Rng(s), 3)
        assert abs(A.det()) == 1 and max(abs(v) for v in A) <= 3
        assert len({tuple(M) for M in (A, A.T, A.inv(), A[:, [1, 0]])}) == 4


def test_unit_square_figure_is_read_back_to_the_right_matrix_only():
    A = sympy.Matrix([[2, 1], [1, 1]]) * sympy.Matrix([[1, 0], [1, 1]])  # [[3, 1], [2, 1]]
    fig = mc.unit_square_tikz(A)
    options = [A, A.T, A[:, [1, 0]], A.inv()]
    assert ck.square_image_matches(fig, options, (True, False, False, False))
    with pytest.raises(CheckFailed):
        ck.square_image_matches(fig, options, (False, True, False, False))


def test_marks_away_from_respects_gap_and_includes():
    for s in SEEDS:
        m = mc.marks_away_from(Rng(s), -2, 4, 5, [0, 3], 1, [3])
        assert m == sorted(m) and len(set(m)) == 5 and 3 in m
        assert all((2 * v).is_integer and -2 <= v <= 4 for v in m)
        assert all(v == 3 or (abs(v) >= 1 and abs(v - 3) >= 1) for v in m)
    with pytest.raises(SandboxError):
        mc.marks_away_from(Rng(0), 0, 1, 5, [], 1)


def test_graph_marks_signs_reads_slopes_and_curvature_from_the_figure():
    f = x**3 / 3 - x  # f' = x^2 - 1, f'' = 2x
    marks = [R(-2), R(-1), R(0), R(1, 2), R(2)]
    fig = mc.graph_tikz(f, x, R(-5, 2), R(5, 2), ystep=2, marks=marks, lettered=True)
    assert ck.graph_marks_signs(fig, 1, -1, (False, False, True, True, False))
    assert ck.graph_marks_signs(fig, 1, 0, (False, True, False, False, False))
    with pytest.raises(CheckFailed):        # sign of f instead of f'
        ck.graph_marks_signs(fig, 1, -1, (True, False, False, False, False))
    fig2 = mc.graph_tikz(f, x, R(-5, 2), R(5, 2), ystep=2, marks=[R(-2), R(-3, 2), R(1), R(3, 2), R(2)], lettered=True)
    assert ck.graph_marks_signs(fig2, 2, 1, (False, False, True, True, True))


# --------------------------------------------------------------------------- checks: distributions


def test_binomial_checks():
    exact = sympy.binomial(6, 2) * R(1, 3) ** 2 * R(2, 3) ** 4
    assert ck.enumerate_binomial_pmf(6, R(1, 3), 2) == Fraction(int(exact.p), int(exact.q))
    assert ck.binomial_pmf_simulation(rng(), 6, R(1, 3), 2, exact)
    with pytest.raises(CheckFailed, match="standard errors"):   # exponents swapped
        ck.binomial_pmf_simulation(rng(), 6, R(1, 3), 2, sympy.binomial(6, 2) * R(1, 3) ** 4 * R(2, 3) ** 2)


def test_option_key_near():
    assert ck.option_key_near((False, True, None), [0.1, 0.25, 0.9], 0.25)
    with pytest.raises(CheckFailed):
        ck.option_key_near((True, False, None), [0.1, 0.25, 0.9], 0.25)
    with pytest.raises(CheckFailed):
        ck.option_key_near((False, True, None), [0.25, 0.25, 0.9], 0.25)


def test_poisson_checks():
    lam = R(5, 2)
    assert abs(ck.poisson_recursion(lam, 3) - float(poisson_pmf(lam, 3))) < 1e-14
    assert abs(ck.poisson_recursion(lam, 3, True) - float(1 - poisson_cdf(lam, 2))) < 1e-14
    p_eq, p_ge = poisson_pmf(lam, 3), 1 - poisson_cdf(lam, 2)
    assert ck.poisson_window_simulation(rng(), 10, 60, 15, 3, p_eq, p_ge)
    with pytest.raises(CheckFailed):   # unscaled rate: lambda = 10
        ck.poisson_window_simulation(rng(), 10, 60, 15, 3, poisson_pmf(10, 3), 1 - poisson_cdf(10, 2))


def test_normal_checks():
    assert abs(ck.erf_normal_prob(50, 10, 60, sympy.oo) - 0.15865525393145707) < 1e-12
    assert abs(ck.erf_normal_prob(50, 10, -sympy.oo, 40) - 0.15865525393145707) < 1e-12
    assert ck.normal_simulation(rng(), 50, 10, 60, sympy.oo, R(15866, 100000))
    with pytest.raises(CheckFailed):   # variance used as the SD
        ck.normal_simulation(rng(), 50, 10, 60, sympy.oo, 1 - normal_cdf(R(1, 10)))
    assert ck.z_star_level(R(196, 100), R(95, 100)) and ck.z_star_level(R(2576, 1000), R(99, 100))
    with pytest.raises(CheckFailed):   # one-sided critical value for a two-sided level
        ck.z_star_level(R(1645, 1000), R(95, 100))


def test_pmf_checks():
    vals, probs = [0, 1, 4], [R(1, 5), R(1, 2), R(3, 10)]
    assert ck.probabilities_complete(probs, 2, R(3, 10))
    with pytest.raises(CheckFailed):
        ck.probabilities_complete(probs, 2, R(2, 5))
    mean = R(17, 10)
    var = R(1, 2) + R(48, 10) - mean**2
    assert abs(ck.np_pmf_variance(vals, probs) - float(var)) < 1e-12
    assert ck.pmf_simulation(rng(), vals, probs, mean, var, 1, R(4, 5))
    with pytest.raises(CheckFailed):   # Var = E[X^2] - E[X]
        ck.pmf_simulation(rng(), vals, probs, mean, R(53, 10) - mean, 1, R(4, 5))


def test_pdf_rejection_sample():
    f = 3 * x**2 / 8   # on [0, 2]
    med = 2 * R(1, 2) ** R(1, 3)
    assert ck.pdf_rejection_sample(rng(), f, x, 0, 2, 1, R(1, 8), R(3, 2), med)
    with pytest.raises(CheckFailed):   # median = L/2
        ck.pdf_rejection_sample(rng(), f, x, 0, 2, 1, R(1, 8), R(3, 2), 1)


# --------------------------------------------------------------------------- checks: inference


def test_z_interval_coverage():
    half = R(196, 100) * 12 / 5
    good = sympy.Interval(40 - half, 40 + half)
    assert ck.z_interval_coverage(rng(), good, 40, 12, 25, R(95, 100))
    with pytest.raises(CheckFailed):   # sigma instead of sigma / sqrt(n)
        ck.z_interval_coverage(rng(), sympy.Interval(40 - half * 5, 40 + half * 5), 40, 12, 25, R(95, 100))
    with pytest.raises(CheckFailed):   # not centred at the sample mean
        ck.z_interval_coverage(rng(), good, 41, 12, 25, R(95, 100))


def test_smallest_sample_size():
    assert ck.smallest_sample_size(97, R(196, 100), 10, 2)    # (1.96*10/2)^2 = 96.04
    with pytest.raises(CheckFailed):
        ck.smallest_sample_size(96, R(196, 100), 10, 2)       # rounded down
    with pytest.raises(CheckFailed):
        ck.smallest_sample_size(98, R(196, 100), 10, 2)       # not the smallest


def test_z_test_checks():
    assert abs(ck.z_pvalue_erf(R(196, 100), 0) - 0.04999579) < 1e-7
    assert abs(ck.z_pvalue_erf(R(-1645, 1000), -1) - 0.0499849) < 1e-6
    p = ck.z_pvalue_erf(2, 0)
    assert ck.z_test_null_simulation(rng(), 54, 50, 10, 25, 0, p)
    with pytest.raises(CheckFailed):   # one-sided p for a two-sided test
        ck.z_test_null_simulation(rng(), 54, 50, 10, 25, 0, p / 2)
    assert ck.reject_iff_p_below(R(3, 100), R(1, 20), True)
    with pytest.raises(CheckFailed):
        ck.reject_iff_p_below(R(3, 100), R(1, 100), True)


def test_claim_classifier_and_hypotheses_options():
    assert ck.claim_alternative("is more than") == ">"
    assert ck.claim_alternative("is at least") == "<"
    assert ck.claim_alternative("is no more than") == ">"
    assert ck.claim_alternative("differs from") == "!="
    with pytest.raises(CheckFailed):
        ck.claim_alternative("is about")
    assert ck.hypotheses_option_matches("exceeds", ["=", ">", "=", "="], [">", r"\leq", r"\neq", "<"],
                                        (True, False, False, False))
    with pytest.raises(CheckFailed):   # claim with equality put into Ha
        ck.hypotheses_option_matches("is at least", ["=", "<"], [">", r"\geq"], (True, False))


@pytest.mark.parametrize("kind, version, a, b, c, truth", [
    (0, 0, R(1, 20), 25, 0, True), (0, 1, R(1, 20), 25, 0, False),
    (1, 0, 16, 144, 3, True), (1, 1, 16, 48, 3, False),
    (2, 0, 25, 0, 95, True), (2, 1, 25, 0, 95, False),
    (3, 0, 99, 95, 0, True), (3, 1, 99, 95, 0, False), (3, 0, 90, 95, 0, False),
    (4, 0, 9, 36, 0, True), (4, 1, 9, 36, 0, False),
    (5, 0, R(1, 20), R(1, 100), 16, True), (5, 1, R(1, 20), R(1, 100), 16, False),
    (6, 0, 10, 14, 15, True), (6, 0, 10, 14, 12, False), (6, 1, 10, 14, 12, True),
])
def test_inference_claims_are_decided_by_simulation(kind, version, a, b, c, truth):
    assert ck.inference_claim_holds(rng(kind), kind, version, a, b, c, truth)
    with pytest.raises(CheckFailed):
        ck.inference_claim_holds(rng(kind), kind, version, a, b, c, not truth)


def test_histogram_numpy_checks_and_skew():
    data = mc.histogram_sample(Rng(5), 0, 10, 8, 1, 100)
    assert abs(ck.np_hist_mean(data, 0, 10, 8) - float(mc.hist_midpoint_mean(data, 0, 10, 8))) < 1e-12
    assert ck.np_count_in(data, 20, 50) == mc.hist_count_in(data, 20, 50)
    assert ck.skew_direction_matches(data, 0, 10, 8, (False, True, False))
    with pytest.raises(CheckFailed):
        ck.skew_direction_matches(data, 0, 10, 8, (True, False, False))


def test_figures_compile_to_plain_tikz_only():
    """No pgfplots, no libraries: only \\draw, \\filldraw, \\fill, \\node and a scope."""
    figs = [
        mc.histogram_tikz(mc.histogram_sample(Rng(0), 0, 5, 6, 2, 50), 0, 5, 6),
        mc.boxplot_tikz([mc.boxplot_sample(Rng(0), 11, 0, 10)], ["G"], -5, 20, 5),
        mc.ecdf_tikz([1, 2, 2, 3], 0, 5),
        mc.unit_square_tikz(sympy.Matrix([[1, 2], [0, 1]])),
    ]
    for fig in figs:
        body = str(fig).splitlines()[1:-1]
        assert all(re.match(r"\\(draw|filldraw|fill|node)\b", line) for line in body)
        assert "axis" not in str(fig) and "pgfplots" not in str(fig)


def test_np_poly_quad_integrates_polynomials_exactly():
    assert abs(ck.np_poly_quad(3 * x**2 / 8, x, 0, 2) - 1) < 1e-14
    assert abs(ck.np_poly_quad(x * (2 - x), x, 0, R(1, 2)) - float(R(1, 4) - R(1, 24))) < 1e-14
