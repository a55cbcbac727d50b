"""Values become SymPy objects without text ever being run as Python."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest
import sympy

from mathexams.coerce import NotANumber, to_sympy
from mathexams.exact import to_fraction
from mathexams.numeric import to_float

MARKER = Path("/tmp/mathexams-coerce-marker")
CODE = f"__import__('os').system('touch {MARKER}') or 2"


@pytest.fixture(autouse=True)
def no_marker():
    MARKER.unlink(missing_ok=True)
    yield
    assert not MARKER.exists(), "text was run as Python"


@pytest.mark.parametrize("value", [CODE, [1, CODE], (1, CODE), {CODE: 1}, {CODE}, [[CODE]]])
def test_code_in_text_is_refused_not_run(value):
    with pytest.raises(NotANumber):
        to_sympy(value)


def test_to_fraction_refuses_code():
    with pytest.raises(ValueError):
        to_fraction(CODE)


def test_to_float_of_code_is_nan():
    assert to_float(CODE) != to_float(CODE)


@pytest.mark.parametrize("text, value", [("0.25", sympy.Rational(1, 4)), ("-3/4", sympy.Rational(-3, 4)),
                                         ("2", sympy.Integer(2)), ("pi", sympy.pi)])
def test_numbers_written_as_text_go_through_our_parser(text, value):
    assert to_sympy(text) == value


@pytest.mark.parametrize("text", ["x + 1", "1" * 200, "", "[1, 2]"])
def test_text_that_is_not_a_number_is_refused(text):
    with pytest.raises(NotANumber):
        to_sympy(text)


def test_numbers_and_sympy_objects_convert():
    assert to_sympy(3) == 3 and to_sympy(Fraction(1, 3)) == sympy.Rational(1, 3)
    assert to_sympy([1, (2, 3)]) == [1, sympy.Tuple(2, 3)]
    x = sympy.Symbol("x")
    assert to_sympy(x + 1) == x + 1
    with pytest.raises(NotANumber):
        to_sympy(None)
