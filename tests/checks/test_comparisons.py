"""The course's comparisons checks: each accepts a right key and catches the typical wrong one, independently of the macros."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
import sympy

from mathexams.checks import comparisons as comparisons_checks
from mathexams.checks import descriptive as descriptive_checks
from mathexams.checks import integrals as integrals_checks
from mathexams.errors import CheckFailed

R = sympy.Rational

x = sympy.Symbol("x", real=True)


def gen(seed: int = 0) -> np.random.Generator:
    return np.random.default_rng(seed)


def test_marked_options_match_numbers_and_text_options():
    assert comparisons_checks.marked_options_match((True, None, None, None), [R(1, 4), R(1, 2), 4, None], 0.25)
    with pytest.raises(CheckFailed, match="the key marks options \\[0\\], the options equal to it are \\[1\\]"):
        comparisons_checks.marked_options_match((True, None, None), [R(1, 2), R(1, 4), 4], 0.25)
    with pytest.raises(CheckFailed, match="equal to it are \\[0, 1\\]"):       # a distractor equals the key
        comparisons_checks.marked_options_match((True, None, None), [R(1, 4), 0.25, 4], 0.25)
    with pytest.raises(CheckFailed, match="marks options \\[0, 1\\]"):
        comparisons_checks.marked_options_match((True, True, None), [1, 2, 3], 1)
    with pytest.raises(CheckFailed):                                      # a text option never equals a number
        comparisons_checks.marked_options_match((None, True), [1, None], 2)
    with pytest.raises(CheckFailed, match="3 option flags for 2 option values"):
        comparisons_checks.marked_options_match((True, None, None), [1, 2], 1)


def test_marked_options_match_uses_a_relative_tolerance_with_a_floor():
    assert comparisons_checks.marked_options_match((None, True, None), [4, 7, -7], 7.0000000001)
    assert comparisons_checks.marked_options_match((True, None), [1000.0000005, 1000.1], 1000, 1e-9)
    with pytest.raises(CheckFailed):                                      # outside 1e-9 relative
        comparisons_checks.marked_options_match((True, None), [1000.00001, 1000.1], 1000, 1e-9)
    assert comparisons_checks.marked_options_match((True, None), [0.5 + 5e-7, 0.6], 0.5, 1e-6)   # a loose check


def test_marked_options_match_compares_vectors_matrices_and_sets():
    M = sympy.Matrix([[1, 2], [3, 4]])
    assert comparisons_checks.marked_options_match((None, True), [M.T, M], np.array([[1.0, 2.0], [3.0, 4.0]]))
    assert comparisons_checks.marked_options_match((True, None), [sympy.FiniteSet(2, 1), sympy.FiniteSet(1, 3)], [1, 2])
    with pytest.raises(CheckFailed):                                      # a shape mismatch is no match
        comparisons_checks.marked_options_match((True, None), [sympy.Matrix([1, 2, 3]), M], [1, 2])


def test_riemann_numeric_and_exceeds_matches():
    assert integrals_checks.riemann_numeric(x**2, x, 0, 2, 4, 1) == pytest.approx(3.75)
    assert integrals_checks.riemann_numeric(x**2, x, 0, 2, 4, 0) == pytest.approx(1.75)
    exact = 8 / 3
    assert comparisons_checks.exceeds_matches(3.75, exact, True)
    assert comparisons_checks.exceeds_matches(1.75, exact, sympy.false)
    with pytest.raises(CheckFailed, match="key says"):
        comparisons_checks.exceeds_matches(1.75, exact, True)
    with pytest.raises(CheckFailed, match="too close"):
        comparisons_checks.exceeds_matches(1.0, 1.0, True)


def test_sign_matches():
    assert comparisons_checks.sign_matches(2.5, True) and comparisons_checks.sign_matches(-1, None)
    with pytest.raises(CheckFailed):
        comparisons_checks.sign_matches(-1, True)
    with pytest.raises(CheckFailed):
        comparisons_checks.sign_matches(1e-12, True)


def test_close_compares_matrices_sets_and_arrays():
    assert comparisons_checks.close(sympy.Matrix([[sympy.Rational(1, 3), 2]]), np.array([1 / 3, 2.0]))
    assert comparisons_checks.close(sympy.FiniteSet(3, 1), [1, 3])
    with pytest.raises(CheckFailed):
        comparisons_checks.close([1, 2], [1, 2.001])
    with pytest.raises(CheckFailed):
        comparisons_checks.close([1, 2], [1, 2, 3])


def test_flagged_options_match():
    ref = np.array([2.0, 5.0])
    assert comparisons_checks.marked_options_match((True, None), [sympy.FiniteSet(2, 5), sympy.FiniteSet(1, 5)], ref)
    with pytest.raises(CheckFailed):
        comparisons_checks.marked_options_match((None, True), [sympy.FiniteSet(2, 5), sympy.FiniteSet(1, 5)], ref)
    with pytest.raises(CheckFailed):  # a distractor equal to the reference
        comparisons_checks.marked_options_match((True, None), [sympy.FiniteSet(2, 5), sympy.FiniteSet(5, 2)], ref)


def test_same_integer_set_rejects_a_missing_element():
    assert comparisons_checks.same_integer_set(sympy.FiniteSet(1, 3), [3, 1])
    assert comparisons_checks.same_integer_set([], sympy.S.EmptySet)
    with pytest.raises(CheckFailed, match="sets differ"):
        comparisons_checks.same_integer_set(sympy.FiniteSet(1, 3), [1, 3, 5])


def test_equal_as_fractions():
    assert comparisons_checks.equal_as_fractions(R(1, 3), Fraction(1, 3))
    assert comparisons_checks.equal_as_fractions([R(1, 2), 3], [Fraction(1, 2), Fraction(3)])
    with pytest.raises(CheckFailed):
        comparisons_checks.equal_as_fractions(R(1, 3), Fraction(1, 4))
    with pytest.raises(CheckFailed):
        comparisons_checks.equal_as_fractions(0.5, Fraction(1, 2))   # binary floats are not exact values


def test_affine_statistics_and_statements_match():
    a, b = R(-2), 5
    actual = descriptive_checks.np_affine_statistics(gen(), a, b, 40, 6, 38, 8)
    assert actual == pytest.approx([-75, -71, 12, 144, 16], rel=1e-9)
    shown = [-75, -76, 12, 144 + 5, 16 + 5]       # second: forgot b; fourth: var + b; fifth: IQR + b
    assert comparisons_checks.statements_match((True, False, True, False, False), shown, actual)
    with pytest.raises(CheckFailed, match="statement 4"):
        comparisons_checks.statements_match((True, False, True, False, True), shown, actual)


def test_option_key_near():
    assert comparisons_checks.marked_options_match((False, True, None), [0.1, 0.25, 0.9], 0.25)
    with pytest.raises(CheckFailed):
        comparisons_checks.marked_options_match((True, False, None), [0.1, 0.25, 0.9], 0.25)
    with pytest.raises(CheckFailed):
        comparisons_checks.marked_options_match((False, True, None), [0.25, 0.25, 0.9], 0.25)


def test_close_compares_shapes_and_values():
    assert comparisons_checks.close(sympy.Rational(1, 3), 0.3333333333333333)
    with pytest.raises(CheckFailed, match="shapes"):
        comparisons_checks.close([1, 2], [1, 2, 3])
    with pytest.raises(CheckFailed):
        comparisons_checks.close(1, 1.01)
    assert comparisons_checks.close(1, 1.01, 0.02)


def test_same_set_ignores_order():
    assert comparisons_checks.same_set([3, 1, 2], sympy.FiniteSet(1, 2, 3))
    with pytest.raises(CheckFailed):
        comparisons_checks.same_set([1, 2], [1, 3])


def test_interval_ends():
    assert comparisons_checks.interval_ends(sympy.Interval(R(1, 4), 3)) == [0.25, 3.0]
    with pytest.raises(CheckFailed):
        comparisons_checks.interval_ends(sympy.Interval(0, sympy.oo))


def test_same_up_to_sign():
    assert comparisons_checks.same_up_to_sign([0.6, -0.8], [-0.6, 0.8])
    with pytest.raises(CheckFailed):
        comparisons_checks.same_up_to_sign([0.6, 0.8], [-0.6, 0.8])
