"""Turn values from templates into SymPy objects without ever reading text as code.

`sympy.sympify` parses a string by running it as Python (`eval`), so the package never calls
it on anything a bank file could have written. `to_sympy` converts numbers, SymPy objects and
NumPy scalars only; a number given as text goes through the project's own response parser
(`parse.py`, which evaluates nothing) and must come out a plain number, or it is refused.
A test walks the package's source and fails if `sympify` is called anywhere but here.
"""

from __future__ import annotations

from typing import Any

import sympy

from .parse import ParseError, parse

MAX_NUMBER_TEXT = 100   # a number written as text: "0.25", "-3/4"; anything longer is not a number


class NotANumber(ValueError):
    """Text (or another value) that should have been a number; `str()` says what it was."""


def shown(text: str, limit: int = 40) -> str:
    """Text cut short and quoted with repr, for an error message."""
    return repr(text if len(text) <= limit else text[: limit - 3] + "...")


def number_from_text(text: str) -> sympy.Expr:
    """A number written as text ("0.25", "-3/4", "2 pi") as a SymPy number; NotANumber otherwise."""
    if len(text) > MAX_NUMBER_TEXT:
        raise NotANumber(f"expected a number, got text of {len(text)} characters")
    try:
        value = parse(text).value
    except ParseError:
        raise NotANumber(f"expected a number, got the text {shown(text)}") from None
    if not isinstance(value, sympy.Expr) or not value.is_number:
        raise NotANumber(f"expected a number, got the text {shown(text)}")
    return value


def to_sympy(value: Any) -> Any:
    """`value` as a SymPy object: numbers and SymPy objects convert, number text is parsed by our
    own parser, lists and tuples convert item by item, and anything else (other text, mappings,
    sets, arbitrary objects) raises NotANumber."""
    if isinstance(value, str):
        return number_from_text(value)
    # SymPy converts containers by sympifying their items without `strict`, which would parse
    # text inside them: convert the items here instead
    if isinstance(value, list):
        return [to_sympy(v) for v in value]
    if isinstance(value, tuple):
        return sympy.Tuple(*[to_sympy(v) for v in value])
    if isinstance(value, (dict, set, frozenset)):
        raise NotANumber(f"expected a number, got {type(value).__name__}")
    try:
        # strict: only types with an explicit conversion; a string or unknown object is refused
        # instead of being parsed as Python source
        return sympy.sympify(value, strict=True)
    except sympy.SympifyError:
        raise NotANumber(f"expected a number, got {type(value).__name__}") from None
