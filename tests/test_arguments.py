"""Arguments handed from templates to course functions: converted, or refused in one line."""

from __future__ import annotations

import pytest
import sympy

from mathexams.arguments import as_int, as_ints, as_matrix, option_flags
from mathexams.sandbox import SandboxError


def test_integers_come_from_python_or_sympy_integers_only():
    assert as_int(sympy.Integer(4), "n") == 4 and as_int(-3, "n") == -3
    for bad in (True, sympy.Rational(1, 2), 2.0, "3", [3]):
        with pytest.raises(SandboxError, match="n needs an integer"):
            as_int(bad, "n")


def test_lists_of_integers():
    assert as_ints(sympy.Matrix([1, 2]), "xs") == [1, 2]
    with pytest.raises(SandboxError, match="1 to 3 integers"):
        as_ints([1, 2, 3, 4], "xs", limit=3)
    with pytest.raises(SandboxError, match="1 to"):
        as_ints([], "xs")


def test_matrices_from_matrices_or_rows():
    assert as_matrix([[1, 2], [3, 4]]) == sympy.Matrix([[1, 2], [3, 4]])
    with pytest.raises(SandboxError, match="expected a matrix"):
        as_matrix("[[1]]")


def test_option_flags_read_none_as_a_distractor():
    assert option_flags((True, None, sympy.false, 1)) == [True, False, False, True]
    with pytest.raises(SandboxError):
        option_flags(True)
