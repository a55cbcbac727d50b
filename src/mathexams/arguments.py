"""Check and convert the arguments a template hands to a macro or check, with one-line errors.

Templates pass SymPy numbers, Python ints, lists and matrices; course functions turn them into
the plain types they compute with through these helpers, which never read text as code.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sympy

from .sandbox import SandboxError

MAX_ITEMS = 400


def as_int(value: Any, what: str) -> int:
    """An integer argument (Python int or SymPy Integer; not a truth value)."""
    if isinstance(value, bool) or not isinstance(value, (int, sympy.Integer)):
        raise SandboxError(f"{what} needs an integer, got {value}")
    return int(value)


def as_ints(values: Any, what: str, *, limit: int = MAX_ITEMS) -> list[int]:
    """A list, tuple or vector of integers as a list of ints (1 to `limit` items)."""
    if isinstance(values, sympy.MatrixBase):
        values = list(values)
    if not isinstance(values, (list, tuple)) or not 1 <= len(values) <= limit:
        raise SandboxError(f"{what} needs a list of 1 to {limit} integers")
    return [as_int(v, what) for v in values]


def as_matrix(value: Any, what: str = "matrix") -> sympy.Matrix:
    """A SymPy matrix, or a list of rows (or of entries, for a column) as one."""
    if isinstance(value, sympy.MatrixBase):
        return sympy.Matrix(value)
    if isinstance(value, (list, tuple)) and value:
        return sympy.Matrix(value)
    raise SandboxError(f"{what}: expected a matrix or a list, got {type(value).__name__}")


def option_flags(truths: Sequence[Any]) -> list[bool]:
    """The truth values of a choice's options as the sampler hands them over (None: a distractor)."""
    if not isinstance(truths, (list, tuple)):
        raise SandboxError(f"expected the options' truth values, got {truths!r}")
    return [False if t is None else bool(t) for t in truths]
