"""Exact rational values as Python Fractions and back, for macros and checks that do exact
arithmetic without SymPy's overhead. Imports nothing from the package."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import sympy

from .coerce import to_sympy


def to_fraction(value: Any) -> Fraction:
    """An exact number (int, Fraction, SymPy Integer or Rational, or a float default written as a
    decimal such as 0.5) as a Fraction; ValueError for anything else."""
    if isinstance(value, bool):
        raise ValueError(f"expected a number, got the truth value {value}")
    if isinstance(value, (int, Fraction)):
        return Fraction(value)
    if isinstance(value, float):
        return Fraction(str(value))  # the decimal as written, 0.1 -> 1/10
    rational = to_sympy(value)
    if not rational.is_Rational:
        raise ValueError(f"expected an exact rational number, got {value}")
    return Fraction(int(rational.p), int(rational.q))


def to_rational(value: Fraction) -> sympy.Rational:
    """A Fraction as a SymPy Rational."""
    return sympy.Rational(value.numerator, value.denominator)
