"""Macros and checks of the weeks 7-10 calculus and weeks 11-12 integrated templates.

Every check is shown to accept a correct key and to raise CheckFailed (or return a value
that `close` rejects) on a key built from a typical mistake.
"""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest
import sympy

from mathexams.answers import make_answer
from mathexams.checks import calc_late as C
from mathexams.errors import CheckFailed, SimulationMiss
from mathexams.checks.generic import close
from mathexams.macros import calc_late as M
from mathexams.sandbox import SandboxError
from mathexams.seeds import Rng

x, y, z, w = sympy.symbols("x y z w", real=True)
R = sympy.Rational
SEEDS = range(60)


def np_rng(seed: int = 0) -> np.random.Generator:
    return np.random.default_rng(seed)


# --- Markov chains -------------------------------------------------------------------------


def test_chain_stationary_solves_pi_p_equals_pi_exactly():
    P = sympy.Matrix([[R(1, 2), R(1, 2)], [R(1, 4), R(3, 4)]])
    assert M.chain_stationary(P) == [R(1, 3), R(2, 3)]
    with pytest.raises(SandboxError, match="summing to 1"):
        M.chain_stationary(sympy.Matrix([[R(1, 2), R(1, 3)], [R(1, 4), R(3, 4)]]))


def test_reversible_chain_is_stochastic_with_the_promised_stationary_vector():
    for s in SEEDS:
        for n in (2, 3):
            P, pi = M.reversible_chain(Rng(s), n, 10)
            assert P.shape == (n, n)
            assert all(sum(P.row(i)) == 1 for i in range(n))
            assert all(P[i, i] > 0 for i in range(n)) and all(v >= 0 for v in P)
            assert all(v.q <= 10 for v in P)
            assert sympy.Matrix([pi]) * P == sympy.Matrix([pi]) and sum(pi) == 1
            assert len(set(pi)) > 1  # never uniform
            assert M.chain_stationary(P) == pi
            # irreducible: every state reachable from every other in n - 1 steps or fewer
            reach = sum(((P ** k) for k in range(1, n)), sympy.zeros(n, n))
            assert all(reach[i, j] > 0 for i in range(n) for j in range(n) if i != j)


def test_markov_stationary_power_and_return_time():
    P = sympy.Matrix([[R(1, 2), R(1, 8), R(3, 8)], [R(1, 4), R(1, 4), R(1, 2)], [R(3, 8), R(1, 4), R(3, 8)]])
    pi = M.chain_stationary(P)
    assert close(C.markov_stationary_power(P), pi)
    with pytest.raises(CheckFailed):
        close(C.markov_stationary_power(P), [R(1, 3), R(1, 3), R(1, 3)])
    for s in range(3):  # first-step analysis agrees with Kac's formula 1 / pi_s
        assert math.isclose(C.markov_return_time_np(P, s), float(1 / pi[s]), rel_tol=1e-12)
    with pytest.raises(CheckFailed):  # the "return time = pi_s" mistake
        close(C.markov_return_time_np(P, 1), pi[1])
    with pytest.raises(CheckFailed, match="row-stochastic"):
        C.markov_stationary_power(sympy.Matrix([[R(1, 2), R(1, 3)], [R(1, 4), R(3, 4)]]))


# --- least squares -------------------------------------------------------------------------


def test_exact_fit_noise_is_orthogonal_and_bounded():
    for s in SEEDS:
        xs = sorted(Rng(s).sample(list(range(10)), 5))
        e = M.exact_fit_noise(Rng(s + 1000), [[1] * 5, xs], 3)
        assert any(e) and max(abs(v) for v in e) <= 3
        assert sum(e) == 0 and sum(a * b for a, b in zip(xs, e)) == 0
    with pytest.raises(SandboxError, match="dependent"):
        M.exact_fit_noise(Rng(0), [[1, 1, 1], [2, 2, 2]], 3)


def test_line_values_and_exact_fit():
    xs = [0, 1, 3, 4]
    e = [1, -2, 2, -1]  # orthogonal to 1 and to xs
    ys = M.line_values(xs, 2, -1, e)
    assert ys == [0, -1, 7, 6]
    assert close(C.ls_line_coefficients(xs, ys, 1), [-1, 2])
    assert math.isclose(C.ls_predict_np(xs, ys, 2), 3)
    sse, sst = 10, float(np.var(np.array(ys, dtype=float)) * 4)
    assert math.isclose(C.ls_r_squared_np(xs, ys), 1 - sse / sst)
    assert math.isclose(C.ls_residual_sd_np(xs, ys, 2), math.sqrt(sse / 2))
    with pytest.raises(CheckFailed):  # ddof mistake: dividing by n instead of n - 2
        close(C.ls_residual_sd_np(xs, ys, 2), math.sqrt(sse / 4))
    # no intercept: w = sum(xy) / sum(x^2), not sum(y) / sum(x)
    xs2, ys2 = [1, 2, 3], [2, 3, 7]
    assert close(C.ls_line_coefficients(xs2, ys2, 0), R(29, 14))
    with pytest.raises(CheckFailed):
        close(C.ls_line_coefficients(xs2, ys2, 0), R(12, 6))


def test_mse_loss_is_the_mean_of_squares():
    L = M.mse_loss([1, 2], [3, 1], w)
    assert sympy.expand(L - ((w - 3) ** 2 + (2 * w - 1) ** 2) / 2) == 0
    assert M.mse_loss([1, 2], [3, 1], 1, 1) == R((1 + 1 - 3) ** 2 + (2 + 1 - 1) ** 2, 2)


# --- multivariable calculus by finite differences -------------------------------------------


def test_fd_gradient_directional_and_hessian():
    f = 3 * x**2 * y + 2 * x * y * z - sympy.exp(x - y)
    P = [1, 2, -1]
    exact = [6 * 1 * 2 + 2 * 2 * -1 - math.exp(-1), 3 + 2 * 1 * -1 + math.exp(-1), 2 * 1 * 2]
    assert close(C.fd_gradient_nd(f, [x, y, z], P), exact, 1e-6, 1e-7)
    with pytest.raises(CheckFailed):  # components swapped
        close(C.fd_gradient_nd(f, [x, y, z], P), [exact[1], exact[0], exact[2]], 1e-6, 1e-7)
    v = [1, 2, 2]
    assert math.isclose(C.fd_directional_nd(f, [x, y, z], P, v), np.dot(exact, v) / 3, rel_tol=1e-7)
    with pytest.raises(CheckFailed):  # direction not normalised
        close(C.fd_directional_nd(f, [x, y, z], P, v), np.dot(exact, v), 1e-6, 1e-7)
    g = x**3 * y + 2 * x * y**2
    H = sympy.Matrix([[6 * 2 * 1, 3 * 4 + 4 * 1], [3 * 4 + 4 * 1, 4 * 2]])  # at (2, 1)
    assert close(C.fd_hessian_nd(g, [x, y], [2, 1]), H, 1e-4, 1e-6)
    with pytest.raises(CheckFailed):  # off-diagonal entries doubled
        close(C.fd_hessian_nd(g, [x, y], [2, 1]), sympy.Matrix([[12, 32], [32, 8]]), 1e-4, 1e-6)


def test_critical_points_match_finds_all_of_them():
    f = x**3 - 12 * x + y**3 - 3 * y
    points = M.point_set((2, 1), (2, -1), (-2, 1), (-2, -1))
    assert C.critical_points_match(f, [x, y], points, -4, 4)
    with pytest.raises(CheckFailed, match="Newton"):  # a point missing
        C.critical_points_match(f, [x, y], M.point_set((2, 1), (2, -1), (-2, 1)), -4, 4)
    with pytest.raises(CheckFailed, match="does not vanish"):
        C.critical_points_match(f, [x, y], M.point_set((2, 1), (2, -1), (-2, 1), (-2, 0)), -4, 4)
    q = 2 * x**2 + x * y + y**2 - 9 * x - 5 * y  # one critical point (13/7, 11/7)
    assert C.critical_points_match(q, [x, y], [(R(13, 7), R(11, 7))], -4, 4)


def test_classification_matches_hessian_signs():
    f = x**3 - 3 * x + y**2
    assert C.classification_matches(f, [x, y], [1, 0], (True, False, False))
    assert C.classification_matches(f, [x, y], [-1, 0], (False, False, True))
    assert C.classification_matches(-x**2 - y**2 + x * y, [x, y], [0, 0], (None, True, None))
    with pytest.raises(CheckFailed):  # the saddle labelled a minimum (D > 0 not checked)
        C.classification_matches(f, [x, y], [-1, 0], (True, False, False))
    with pytest.raises(CheckFailed):  # degenerate: no class applies
        C.classification_matches(x**4 + y**2, [x, y], [0, 0], (True, False, False))


def test_tangent_plane_option_accepts_only_the_plane():
    f = x**2 * y + y
    plane = 4 * (x - 1) + 2 * (y - 2) + 4  # tangent at (1, 2): f = 4, f_x = 4, f_y = 2
    swapped = 2 * (x - 1) + 4 * (y - 2) + 4
    unevaluated = 4 + 2 * x * y * (x - 1) + (x**2 + 1) * (y - 2)
    assert C.tangent_plane_option(f, [x, y], [1, 2], [plane, swapped], (True, None))
    with pytest.raises(CheckFailed):
        C.tangent_plane_option(f, [x, y], [1, 2], [plane, swapped], (None, True))
    # first-order contact is not enough: the candidate must be a plane
    assert C.tangent_plane_option(f, [x, y], [1, 2], [plane, unevaluated], (True, False))


def test_single_option_equals():
    assert C.single_option_equals([R(1, 2), R(1, 3), 2], (True, None, None), 0.5)
    with pytest.raises(CheckFailed):
        C.single_option_equals([R(1, 2), R(1, 3), 2], (None, True, None), 0.5)
    with pytest.raises(CheckFailed):  # two options equal the target
        C.single_option_equals([R(1, 2), R(2, 4)], (True, None), 0.5)


def test_point_set_works_as_a_set_answer():
    S = M.point_set((1, -3), (-1, -3))
    a = make_answer("set", S)
    assert a.value == "{(-1, -3), (1, -3)}" and r"\left( 1, \  -3\right)" in a.latex
    assert [tuple(p) for p in M.point_set([(0, 1)])] == [(0, 1)]
    with pytest.raises(SandboxError):
        M.point_set(3)


# --- optimisation ------------------------------------------------------------------------------


def test_gradient_descent_iterates():
    f = 2 * (x - 1) ** 2 + (y + 2) ** 2
    # one step from (3, 0) with eta = 1/10: grad = (8, 4) -> (2.2, -0.4)
    assert close(C.gd_float_iterate(f, [x, y], [3, 0], R(1, 10), 1), [R(11, 5), R(-2, 5)], 1e-6)
    with pytest.raises(CheckFailed):  # gradient ascent
        close(C.gd_float_iterate(f, [x, y], [3, 0], R(1, 10), 1), [R(19, 5), R(2, 5)], 1e-6)
    path = C.gd_float_path(f, [x, y], [3, 0], R(1, 10), 2)
    assert path.shape == (2, 2) and close(path[1], [1 + R(6, 5) * R(3, 5), -2 + R(8, 5) * R(4, 5)], 1e-6)


def test_gd_convergence_matches():
    L = 3 * w**2 - 4 * w  # L'' = 6: converges iff eta < 1/3
    assert C.gd_convergence_matches(L, [w], [0], R(1, 4), True)
    assert C.gd_convergence_matches(L, [w], [0], R(1, 2), False)
    assert C.gd_convergence_matches(L, [w], [0], R(1, 6), True)  # one-step convergence
    with pytest.raises(CheckFailed):
        C.gd_convergence_matches(L, [w], [0], R(2, 5), True)
    with pytest.raises(CheckFailed, match="neither"):
        C.gd_convergence_matches(L, [w], [0], R(1, 3), True)  # oscillates forever


def test_golden_argmax_and_mle_numeric():
    assert math.isclose(C.golden_argmax(-(x - R(7, 3)) ** 2, x, 0, 5), 7 / 3, rel_tol=1e-7)
    bern = [1, 0, 1, 1, 0, 0, 1, 1]
    assert math.isclose(C.mle_numeric(1, bern, 0, 1), 5 / 8, rel_tol=1e-7)
    assert math.isclose(C.mle_numeric(2, [2, 0, 3, 6, 3], 0, 7), 14 / 5, rel_tol=1e-7)
    times = [2, 5, 1, 4]
    assert math.isclose(C.mle_numeric(3, times, 0, 2), 4 / 12, rel_tol=1e-7)
    with pytest.raises(CheckFailed):  # the mean instead of 1 / mean for the exponential rate
        close(C.mle_numeric(3, times, 0, 5), 3, 1e-6, 1e-6)
    assert math.isclose(C.mle_numeric(4, [-2, 5, 12, 9, 6], -4, 13), 6, rel_tol=1e-7)
    with pytest.raises(CheckFailed, match="unknown family"):
        C.mle_numeric(7, [1, 2], 0, 1)


def test_convexity_matches():
    assert C.convexity_matches(np_rng(), x**2 + x * y + y**2 + 2 * sympy.exp(x + y), [x, y], -3, 3, True)
    assert C.convexity_matches(np_rng(), x**2 + 3 * x * y + 2 * y**2 + (x - y) ** 4, [x, y], -3, 3, False)
    with pytest.raises(CheckFailed):  # "both diagonal entries positive" is not enough
        C.convexity_matches(np_rng(), x**2 + 3 * x * y + 2 * y**2, [x, y], -3, 3, True)
    with pytest.raises(CheckFailed):
        C.convexity_matches(np_rng(), 2 * x**2 + y**2 + sympy.exp(x - y), [x, y], -3, 3, False)


def test_quad_vectorised_and_bisection_root():
    assert math.isclose(C.quad_vectorised(30 * x**2 * (1 - x) ** 2, x, 0, 1), 1, rel_tol=1e-12)
    assert math.isclose(C.quad_vectorised(2 * sympy.exp(-2 * x), x, 0, R(1, 2)), 1 - math.exp(-1), rel_tol=1e-12)
    with pytest.raises(CheckFailed, match="not finite"):
        C.quad_vectorised(sympy.log(x), x, -1, 1)
    assert math.isclose(C.bisection_root(x**3 - 2, x, 0, 3), 2 ** (1 / 3), rel_tol=1e-10)
    with pytest.raises(CheckFailed, match="change sign"):
        C.bisection_root(x**2 + 1, x, -1, 1)


# --- k-means -------------------------------------------------------------------------------------


PTS = [[7, 0], [4, 4], [0, 5], [2, 5], [9, 4], [7, 1]]
CENTS = [[1, 5], [9, 1]]


def test_kmeans_exact_macros():
    labels = M.kmeans_labels(PTS, CENTS)
    assert labels == [1, 0, 0, 0, 1, 1]
    assert M.kmeans_members(PTS, CENTS, 0) == [2, 3, 4]
    assert M.kmeans_sqdists(PTS, CENTS[0]) == [61, 10, 1, 1, 65, 52]
    new = M.kmeans_update(PTS, CENTS)
    assert new == [[2, R(14, 3)], [R(23, 3), R(5, 3)]]
    assert M.kmeans_sse(PTS, CENTS, labels) == 30 and M.kmeans_sse(PTS, new, labels) == 20
    with pytest.raises(SandboxError, match="equally far"):
        M.kmeans_labels([[0, 0]], [[1, 0], [-1, 0]])


def test_kmeans_numpy_checks():
    assert C.kmeans_assignment_matches(PTS, CENTS, sympy.FiniteSet(2, 3, 4))
    with pytest.raises(CheckFailed):
        C.kmeans_assignment_matches(PTS, CENTS, [1, 5, 6])
    assert close(C.kmeans_centroids_np(PTS, CENTS), [[2, R(14, 3)], [R(23, 3), R(5, 3)]])
    with pytest.raises(CheckFailed):  # centroids not recomputed
        close(C.kmeans_centroids_np(PTS, CENTS), CENTS)
    assert math.isclose(C.kmeans_sse_np(PTS, CENTS), 20)
    assert C.kmeans_reassign_matches(PTS, CENTS, False)
    with pytest.raises(CheckFailed):
        C.kmeans_reassign_matches(PTS, CENTS, True)


def test_kmeans_instance_keeps_its_promises():
    seen = set()
    for s in SEEDS:
        for moves in (True, False):
            pts, cents = M.kmeans_instance(Rng(s), 6, moves)
            assert len({tuple(p) for p in pts}) == 6 and all(0 <= v <= 9 for p in pts for v in p)
            labels = M.kmeans_labels(pts, cents)
            assert min(labels.count(0), labels.count(1)) >= 2
            again = M.kmeans_labels(pts, M.kmeans_update(pts, cents))
            assert (again != labels) == moves
            seen.add(moves)
    assert seen == {True, False}


# --- Gaussian classifier -------------------------------------------------------------------------


def test_gaussian_posterior_and_simulated_error():
    # equal priors, means 0 and 2, sigma 1: threshold 1, posterior at 1 is 1/2
    assert math.isclose(C.gaussian_posterior_np(1, 0, 2, 1, R(1, 2)), 0.5)
    p = C.gaussian_posterior_np(3, 1, 3, 2, R(1, 4))
    logit = (2 / 4) * (3 - 2) + math.log(1 / 3)
    assert math.isclose(p, 1 / (1 + math.exp(-logit)), rel_tol=1e-12)
    with pytest.raises(CheckFailed):  # likelihood ratio reported as the posterior (priors ignored)
        close(C.gaussian_posterior_np(3, 1, 3, 2, R(1, 4)), 1 / (1 + math.exp(-0.5)), 1e-6)
    exact = 0.5 * math.erfc(1 / math.sqrt(2))  # P(Z > 1)
    assert C.threshold_error_simulation(np_rng(1), 0, 2, 1, R(1, 2), 1, exact, 100_000)
    with pytest.raises(SimulationMiss):   # the error of the wrong threshold 0
        C.threshold_error_simulation(np_rng(1), 0, 2, 1, R(1, 2), 1, 0.5 * (exact + 0.5), 100_000)


def test_gaussian_threshold_and_rule_error():
    # priors 3/4 and 1/4, means 1 and 3, sigma 2: t = 2 + 2 ln 3
    t = 2 + 2 * math.log(3)
    assert math.isclose(C.gaussian_threshold_np(1, 3, 2, R(1, 4)), t, rel_tol=1e-10)
    with pytest.raises(CheckFailed):  # the midpoint rule ignores the priors
        close(C.gaussian_threshold_np(1, 3, 2, R(1, 4)), 2, 1e-6)
    phi = lambda v: 0.5 * math.erfc(-v / math.sqrt(2))
    exact = 0.75 * (1 - phi((t - 1) / 2)) + 0.25 * phi((t - 3) / 2)
    assert math.isclose(C.gaussian_rule_error_np(1, 3, 2, R(1, 4), t), exact, rel_tol=1e-9)
    with pytest.raises(CheckFailed):  # error of the midpoint rule is larger, not equal
        close(C.gaussian_rule_error_np(1, 3, 2, R(1, 4), 2), exact, 1e-6)


# --- the templates themselves ----------------------------------------------------------------------

TEMPLATE_IDS = [
    "calc.multi.gradient_point", "calc.multi.directional", "calc.multi.hessian", "calc.multi.tangent_plane",
    "calc.multi.critical_classify", "calc.ml.gd_quadratic", "calc.ml.least_squares_1d", "calc.ml.mle",
    "calc.ml.convexity", "calc.ml.normalising_constant", "review.integrated.markov_steady_state",
    "review.integrated.linreg_pipeline", "review.integrated.kmeans_step", "review.integrated.gd_vs_closed_form",
    "review.integrated.gaussian_classifier",
]


@pytest.mark.parametrize("template_id", TEMPLATE_IDS)
def test_template_samples_verify_and_vary(bank, template_id):
    from mathexams.stress import stress_template

    report = stress_template(bank.get(template_id), range(25))
    assert report.ok, report.failures
    assert report.distinct >= 15
    assert report.rejection_rate < 0.25


def test_fraction_helpers_are_exact():
    assert M._det([[Fraction(2), Fraction(1)], [Fraction(1), Fraction(1)]]) == 1
    assert M._solve([[Fraction(2), Fraction(1)], [Fraction(1), Fraction(3)]], [Fraction(3), Fraction(4)]) == [1, 1]
