"""Property tests of expression equivalence (Hypothesis, derandomized).

A key is a random combination c1 f1 + ... + ck fk of linearly independent functions of x with
non-zero coefficients. Then:
- the key after random algebraic rewrites (expand, factor, trig and exponential identities, a
  common denominator, other spellings: ^, implicit products, e^, ln, Unicode) is equivalent;
- the key with one coefficient changed is never equivalent, however it is rewritten;
- an antiderivative plus any constant (a number, C, k) is accepted, and one with a changed
  coefficient is not;
- SymPy's own text of an expression reads back as the same expression.
"""

from __future__ import annotations

import pytest
import sympy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mathexams.answers import make_answer
from mathexams.judge import check_answer
from mathexams.parse import parse

pytestmark = pytest.mark.slow   # about 14 s: 120 examples per property; `make test` and CI run them

x = sympy.Symbol("x", real=True)
sin, cos, exp, log = sympy.sin, sympy.cos, sympy.exp, sympy.log

# linearly independent functions: any combination with a changed coefficient is another function
BASIS = (
    x, x**2, x**3, sin(x), cos(x), sin(2 * x), cos(3 * x), exp(x), exp(-x), exp(2 * x), x * sin(x),
    x * exp(x), sympy.atan(x), 1 / (x**2 + 1), sympy.sinh(x), sympy.cosh(2 * x), sympy.tan(x),
    (x + 1) ** 2 * (x - 2), sympy.sqrt(x**2 + 1), log(x**2 + 1),
)
# functions whose antiderivatives are in closed form, for the antiderivative properties
ANTIDERIVATIVES = (x**2, x**3, sin(x), cos(2 * x), exp(x), exp(-2 * x), x * exp(x), sympy.atan(x),
                   log(x**2 + 1), x * sin(x), sympy.sinh(x), 1 / (x + 4))

SETTINGS = settings(max_examples=120, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow])

coefficient = st.one_of(st.integers(-6, 6).filter(bool).map(sympy.Integer),
                        st.tuples(st.integers(-5, 5).filter(bool), st.sampled_from([2, 3, 4])).map(
                            lambda pq: sympy.Rational(*pq)))


@st.composite
def combinations(draw, basis=BASIS):
    """(coefficients, functions): 1 to 4 distinct functions with non-zero coefficients."""
    indices = draw(st.lists(st.integers(0, len(basis) - 1), min_size=1, max_size=4, unique=True))
    return [draw(coefficient) for _ in indices], [basis[i] for i in indices]


def combine(coefficients, functions):
    return sympy.Add(*[c * f for c, f in zip(coefficients, functions)])


def _times_one(e):
    """Multiply by (x^2 + 1)/(x^2 + 1) with the numerator expanded, so nothing cancels on its own."""
    return sympy.expand(e * (x**2 + 1)) / (x**2 + 1)


def _pythagoras(e):
    return e + sin(x) ** 2 + cos(x) ** 2 - 1


def _exp_rewrite(e):
    """sinh, cosh and tanh written with exponentials (the trig functions stay: no complex numbers)."""
    return e.replace(lambda f: isinstance(f, (sympy.sinh, sympy.cosh, sympy.tanh)), lambda f: f.rewrite(sympy.exp))


REWRITES = {
    "none": lambda e: e,
    "expand": sympy.expand,
    "factor": sympy.factor,
    "expand-trig": sympy.expand_trig,
    "together": sympy.together,
    "times-one": _times_one,
    "pythagoras": _pythagoras,
    "hyperbolic-as-exp": _exp_rewrite,
    "tan-as-sin-over-cos": lambda e: e.replace(sympy.tan, lambda a: sin(a) / cos(a)),
}
rewrites = st.lists(st.sampled_from(sorted(REWRITES)), min_size=1, max_size=3)


@st.composite
def spellings(draw, text: str) -> str:
    """SymPy's text typed the way a person might: ^, implicit products, e^, ln, Unicode signs."""
    if draw(st.booleans()):
        text = text.replace("**", "^")
    if "**" not in text:
        text = text.replace("*", draw(st.sampled_from(["*", " ", "·", "×"])))
    if draw(st.booleans()):
        text = text.replace("exp(", "e^(")
    if draw(st.booleans()):
        text = text.replace("log(", "ln(")
    if draw(st.booleans()):
        text = text.replace(" - ", " − ")
    return text


def _typed(draw, expr) -> str:
    return draw(spellings(sympy.sstr(expr)))


@SETTINGS
@given(st.data(), combinations(), rewrites)
def test_rewritten_key_is_equivalent(data, combination, names):
    key = combine(*combination)
    response = key
    for name in names:
        response = REWRITES[name](response)
    text = _typed(data.draw, response)
    verdict = check_answer(make_answer("expression", key), text)
    assert verdict.correct, (sympy.sstr(key), names, text, verdict)


@SETTINGS
@given(st.data(), combinations(), rewrites, st.sampled_from([-2, -1, 1, 2, sympy.Rational(1, 2)]))
def test_changed_coefficient_is_never_equivalent(data, combination, names, change):
    coefficients, functions = combination
    key = combine(coefficients, functions)
    i = data.draw(st.integers(0, len(coefficients) - 1))
    changed = list(coefficients)
    changed[i] = changed[i] + change
    response = combine(changed, functions)
    for name in names:
        response = REWRITES[name](response)
    text = _typed(data.draw, response)
    verdict = check_answer(make_answer("expression", key), text)
    assert not verdict.correct, (sympy.sstr(key), names, text, verdict)
    assert not verdict.reason.startswith("not understood"), (text, verdict)


constants = st.sampled_from(["", " + C", " + c", " + k", " + 7", " - 3/2", " + C_1"])


@SETTINGS
@given(st.data(), combinations(ANTIDERIVATIVES), rewrites, constants)
def test_antiderivative_plus_any_constant_is_accepted(data, combination, names, constant):
    coefficients, functions = combination
    integrand = combine(coefficients, functions)
    antiderivative = sympy.integrate(integrand, x)
    response = antiderivative
    for name in names:
        response = REWRITES[name](response)
    text = f"{_typed(data.draw, response)}{constant}"
    key = make_answer("expression", antiderivative, equivalence="constant")
    verdict = check_answer(key, text)
    assert verdict.correct, (sympy.sstr(antiderivative), names, text, verdict)


@SETTINGS
@given(st.data(), combinations(ANTIDERIVATIVES), constants, st.sampled_from([-1, 1, 2]))
def test_antiderivative_with_changed_coefficient_is_refused(data, combination, constant, change):
    coefficients, functions = combination
    antiderivative = sympy.integrate(combine(coefficients, functions), x)
    i = data.draw(st.integers(0, len(coefficients) - 1))
    changed = list(coefficients)
    changed[i] = changed[i] + change
    wrong = sympy.integrate(combine(changed, functions), x)
    text = f"{_typed(data.draw, wrong)}{constant}"
    verdict = check_answer(make_answer("expression", antiderivative, equivalence="constant"), text)
    assert not verdict.correct, (sympy.sstr(antiderivative), text, verdict)
    assert not verdict.reason.startswith("not understood"), (text, verdict)


NAMES = [sympy.Symbol(n, real=True) for n in ("x", "y", "alpha", "theta_0", "w_12", "x_i", "lambda", "k")]
atoms = st.one_of(st.sampled_from(NAMES), st.integers(-9, 9).map(sympy.Integer),
                  st.sampled_from([sympy.pi, sympy.E, sympy.Rational(3, 7)]))


def _grow(children):
    unary = st.sampled_from([sympy.sin, sympy.cos, sympy.exp, sympy.atan, sympy.sinh, sympy.Abs, sympy.asinh,
                             sympy.sec, sympy.acot, sympy.floor])
    return st.one_of(
        st.tuples(children, children).map(lambda ab: ab[0] + ab[1]),
        st.tuples(children, children).map(lambda ab: ab[0] * ab[1]),
        st.tuples(children, st.integers(2, 4)).map(lambda ab: ab[0] ** ab[1]),
        st.tuples(unary, children).map(lambda fa: fa[0](fa[1])),
    )


expressions = st.recursive(atoms, _grow, max_leaves=8)


@SETTINGS
@given(expressions)
def test_sympy_text_reads_back_as_the_same_expression(expr):
    if expr.has(sympy.zoo, sympy.nan, sympy.oo):
        return
    names = frozenset(str(s) for s in expr.free_symbols)
    parsed = parse(sympy.sstr(expr), variables=names).value
    assert parsed == expr or sympy.simplify(parsed - expr) == 0, (sympy.sstr(expr), parsed)
