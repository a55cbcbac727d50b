"""The SymPy vocabulary of templates: substitution, bounded counting functions, evaluation."""

from __future__ import annotations

import pytest
import sympy

from mathexams.macros import sequences, symbolic
from mathexams.sandbox import SandboxError
from mathexams.template import FUNCTIONS

R = sympy.Rational

x = sympy.Symbol("x", real=True)


def test_interior_and_subs_each():
    assert sequences.interior([-1, 2, 5], -1, 5) == [2]
    assert symbolic.subs_each(x**2 + 1, x, [0, R(1, 2), 3]) == [1, R(5, 4), 10]
    with pytest.raises(SandboxError):
        symbolic.subs_each(x, x, list(range(60)))


def test_subs_takes_symbol_value_pairs_and_lists():
    y = sympy.Symbol("y", real=True)
    assert symbolic.subs(x**2 + y, x, 3, y, 1) == 10
    assert symbolic.subs([x, x + 1], x, 2) == [2, 3]
    with pytest.raises(SandboxError, match="symbol, value pairs"):
        symbolic.subs(x, x)


@pytest.mark.parametrize("call", [lambda: symbolic.factorial(501), lambda: symbolic.binomial(10**5, 2),
                                  lambda: symbolic.ff(20_000, 3), lambda: symbolic.isprime(10**13),
                                  lambda: symbolic.factorial(R(1, 2))])


def test_costly_integer_functions_are_bounded(call):
    with pytest.raises(SandboxError):
        call()


def test_counting_and_evaluation():
    assert symbolic.factorial(5) == 120 and symbolic.binomial(6, 2) == 15 and symbolic.ff(5, 2) == 20
    assert symbolic.isprime(97) and not symbolic.isprime(91)
    assert symbolic.coeff((x + 2) ** 3, x, 2) == 6
    assert abs(float(symbolic.evalf(sympy.pi, 30)) - 3.141592653589793) < 1e-15
    eq = sympy.Eq(2 * x, 4)
    assert (symbolic.lhs(eq), symbolic.rhs(eq)) == (2 * x, 4)


def test_the_real_line_and_the_empty_set():
    assert FUNCTIONS["Reals"].func() == sympy.S.Reals and FUNCTIONS["EmptySet"].func() == sympy.S.EmptySet


def test_endpoints_of_intervals_and_unions():
    from mathexams.macros import symbolic as symbolic_macros

    assert symbolic_macros.endpoints(sympy.Interval(2, 7)) == [2, 7]
    assert symbolic_macros.endpoints(sympy.Union(sympy.Interval.open(-1, 0), sympy.Interval(3, 4))) == [-1, 4]
    with pytest.raises(SandboxError):
        symbolic_macros.endpoints(sympy.S.EmptySet)
