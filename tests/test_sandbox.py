"""The template expression evaluator: exact arithmetic, names, calls and limits."""

from __future__ import annotations

import pytest
import sympy

from mathexams.sandbox import Fn, Interpreter, Record, SandboxError, parse_expression
from mathexams.seeds import Rng
from mathexams.template import FUNCTIONS

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


# ---------------------------------------------------------------- named records


class Pair(Record):
    """A record as a macro would return it."""

    first: object
    second: object

    @property
    def total(self):  # a property is not a declared field: templates cannot reach it
        return self.first + self.second


def evaluate_with(text: str, functions=None, **names):
    table = {**FUNCTIONS, **(functions or {})}
    expr = parse_expression(text, known=set(names), functions=table)
    return Interpreter(table, Rng(7)).evaluate(expr, names)


def test_a_record_field_is_read_by_name():
    p = Pair(sympy.Integer(3), [4, 5])
    assert evaluate("p.first + 1", p=p) == 4
    assert evaluate("p.second[1]", p=p) == 5
    assert evaluate_with("make().first", functions={"make": Fn(lambda: Pair(1, 2))}) == 1
    assert evaluate("p.first.second", p=Pair(Pair(1, 2), 0)) == 2   # records nest


def test_a_record_is_frozen_and_lists_its_fields():
    p = Pair(1, 2)
    assert Pair.FIELDS == {"first", "second"}
    with pytest.raises(AttributeError):
        p.first = 3


@pytest.mark.parametrize("text, message", [
    ("p.__class__", "leading underscore"),
    ("p._hint", "leading underscore"),
    ("p.__dict__", "leading underscore"),
    ("p.first.__class__", "leading underscore"),
])
def test_underscore_attributes_are_refused_before_anything_runs(text, message):
    with pytest.raises(SandboxError, match=message):
        parse_expression(text, known={"p"}, functions=FUNCTIONS)


@pytest.mark.parametrize("text, message", [
    ("p.total", "has no field 'total'"),        # a property
    ("p.FIELDS", "has no field 'FIELDS'"),       # class data
    ("p.third", "has no field 'third'"),
    ("x.func", "only on a macro's record, not on a Symbol"),
    ("x.subs", "only on a macro's record"),
    ("s.upper", "only on a macro's record, not on a str"),
    ("v.append", "only on a macro's record, not on a list"),
    ("A.T", "only on a macro's record, not on a MutableDenseMatrix"),
    ("p.second.append", "only on a macro's record, not on a list"),
    ("n.real", "only on a macro's record, not on a int"),
])
def test_attributes_of_anything_but_a_record_field_are_refused(text, message):
    names = dict(p=Pair(1, [2]), x=x, s="text", v=[1], A=sympy.eye(2), n=3)
    with pytest.raises(SandboxError, match=message):
        evaluate(text, **names)


def test_a_record_is_not_a_value():
    p = Pair(1, 2)
    with pytest.raises(SandboxError, match="Pair is a record: use one of its fields"):
        evaluate("sin(p)", p=p)
    for text in ("p + 1", "2 * p", "p ** 2", "-p", "p % 3"):
        with pytest.raises(SandboxError, match="Pair is a record: use one of its fields"):
            evaluate(text, p=p)


def test_a_record_field_name_must_not_start_with_an_underscore():
    with pytest.raises(TypeError, match="must not start with '_'"):
        type("Bad", (Record,), {"__annotations__": {"_hidden": int}})


# ---------------------------------------------------------------- cases(...)


def test_cases_picks_the_value_after_the_first_true_condition():
    assert evaluate("cases(k == 0, 'zero', k == 1, 'one', 'many')", k=1) == "one"
    assert evaluate("cases(k == 0, 'zero', k == 1, 'one', 'many')", k=7) == "many"
    assert evaluate("cases(k > 0, 'positive', k < 0, 'negative')", k=-2) == "negative"


def test_cases_evaluates_only_the_chosen_branch():
    # the other branches would divide by zero, or draw from the generator
    assert evaluate("cases(k == 0, 1/k, k == 1, 10, 1/0)", k=1) == 10
    draws = evaluate_with("[cases(k == 1, 5, randint(1, 100)), randint(1, 100)]", k=1)
    assert draws[1] == evaluate_with("randint(1, 100)")   # no draw was spent on the branch not taken


def test_cases_without_a_true_condition_or_an_otherwise_is_an_error():
    with pytest.raises(SandboxError, match="no condition holds"):
        evaluate("cases(k == 0, 'zero', k == 1, 'one')", k=2)


@pytest.mark.parametrize("text", ["cases()", "cases(1)", "cases(a=1, b=2)"])
def test_cases_needs_pairs(text):
    with pytest.raises(SandboxError, match="cases\\(\\) takes condition, value pairs"):
        parse_expression(text, known=set(), functions=FUNCTIONS)


def test_cases_arguments_are_validated_like_any_expression():
    with pytest.raises(SandboxError, match="not allowed"):
        parse_expression("cases(True, __import__('os'), 0)", known=set(), functions=FUNCTIONS)
