"""The template expression evaluator: exact arithmetic, names, calls and limits."""

from __future__ import annotations

import pytest
import sympy

from mathexams.macros import FUNCTIONS
from mathexams.sandbox import Interpreter, SandboxError, parse_expression
from mathexams.seeds import Rng

x = sympy.Symbol("x", real=True)


def evaluate(text: str, **names):
    expr = parse_expression(text, known=set(names), functions=FUNCTIONS)
    return Interpreter(FUNCTIONS, Rng(7)).evaluate(expr, names)


def test_integer_division_is_exact():
    assert evaluate("7/2") == sympy.Rational(7, 2)
    assert evaluate("a/b", a=1, b=3) == sympy.Rational(1, 3)


def test_decimal_literal_means_the_exact_fraction():
    assert evaluate("0.1 + 0.2") == sympy.Rational(3, 10)


def test_negative_integer_power_is_exact():
    assert evaluate("2**-3") == sympy.Rational(1, 8)


def test_symbolic_arithmetic_and_calls():
    assert evaluate("diff(sin(x**2), x)", x=x) == 2 * x * sympy.cos(x**2)
    assert evaluate("subs(x**2 + 1, x, 3)", x=x) == 10


def test_conditionals_comparisons_and_boolean_logic():
    assert evaluate("1 if 2 < a <= 5 else 0", a=5) == 1
    assert evaluate("a > 1 and not a > 3", a=2) is True


def test_indexing_and_slices():
    assert evaluate("v[1]", v=[4, 5, 6]) == 5
    assert evaluate("v[1:]", v=[4, 5, 6]) == [5, 6]
    assert evaluate("A[1, 0]", A=sympy.Matrix([[1, 2], [3, 4]])) == 3


def test_draws_are_reproducible_per_seed():
    expr = parse_expression("randints(1, 100, 5)", known=set(), functions=FUNCTIONS)
    first = Interpreter(FUNCTIONS, Rng(3)).evaluate(expr, {})
    assert first == Interpreter(FUNCTIONS, Rng(3)).evaluate(expr, {})
    assert first != Interpreter(FUNCTIONS, Rng(4)).evaluate(expr, {})


def test_name_must_be_defined_before_use():
    with pytest.raises(SandboxError, match="unknown name 'b'"):
        parse_expression("a + b", known={"a"}, functions=FUNCTIONS)


def test_function_used_without_call_is_refused():
    with pytest.raises(SandboxError, match="must be called"):
        evaluate("sin")


def test_draw_outside_params_is_refused():
    expr = parse_expression("randint(1, 3)", known=set(), functions=FUNCTIONS)
    with pytest.raises(SandboxError, match="only allowed in params"):
        Interpreter(FUNCTIONS, None).evaluate(expr, {})


@pytest.mark.parametrize("text, message", [
    ("1/0", "division by zero"),
    ("a % 0", "division by zero"),
    ("v[10]", "IndexError"),
    ("x < 1", "cannot decide"),
])
def test_runtime_errors_become_sandbox_errors(text, message):
    with pytest.raises(SandboxError, match=message):
        evaluate(f"1 if {text} else 0" if "<" in text else text, a=3, v=[1], x=x)


def test_limits_on_size():
    with pytest.raises(SandboxError, match="power too large"):
        evaluate("3**100000")
    with pytest.raises(SandboxError, match="larger than 4096 bits"):
        evaluate("a * a * a * a * a", a=2**1000)
    assert evaluate("2**4000") == 2**4000
    with pytest.raises(SandboxError, match="nested deeper"):
        parse_expression("+".join(["1"] * 100), known=set(), functions=FUNCTIONS)


def test_node_count_limit():
    with pytest.raises(SandboxError, match="parts"):
        parse_expression("[" + ",".join(["1"] * 500) + "]", known=set(), functions=FUNCTIONS)
