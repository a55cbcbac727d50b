"""Turn SymPy values into typed answers (each kind's `make`), and the LaTeX of computed values.

This is the instance boundary: after `make_answer` nothing downstream needs SymPy.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import sympy

from .coerce import to_sympy
from .kinds import AnswerError, Settings, kind_named
from .model import Answer
from .numeric import round_decimal

__all__ = ["AnswerError", "make_answer", "latex_of", "vector_latex", "format_decimal", "decimal_entries"]


# ---------------------------------------------------------------- LaTeX


def latex_of(value: Any) -> str:
    """LaTeX for a value a template computed (numbers, expressions, matrices, lists, text)."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return r"\text{true}" if value else r"\text{false}"
    if isinstance(value, sympy.MatrixBase):
        entries = value.tolist()      # one pass; indexing a SymPy matrix entry by entry is slow
        if all(isinstance(v, sympy.Rational) for r in entries for v in r):  # the common case, ten times faster
            rows = [" & ".join(_rational_latex(v) for v in r) for r in entries]
            return r"\begin{pmatrix}" + r"\\".join(rows) + r"\end{pmatrix}"
        return sympy.latex(value, mat_str="pmatrix", mat_delim="", ln_notation=True)
    if isinstance(value, (list, tuple)):
        return ", ".join(latex_of(v) for v in value)
    if isinstance(value, float):
        raise AnswerError("binary floats are not allowed in templates; use exact values")
    return sympy.latex(value, ln_notation=True)


def _rational_latex(v: sympy.Rational) -> str:
    """What sympy.latex prints for an integer or a fraction."""
    if v.q == 1:
        return str(v.p)
    return ("- " if v.p < 0 else "") + rf"\frac{{{abs(v.p)}}}{{{v.q}}}"


def decimal_entries(values: Sequence[Any], places: int) -> list[str]:
    """Entries written with `places` decimals; each must be exactly that decimal (the key stays exact)."""
    out = []
    for v in values:
        v = to_sympy(v)
        if not v.is_Rational or round_decimal(v, places) != v:
            raise AnswerError(f"the entry {v} is not a decimal with {places} places: print it exactly or drop places")
        out.append(format_decimal(v, places))
    return out


def vector_latex(values: Sequence[Any]) -> str:
    """A vector written as a tuple: (1, 2, 3)."""
    return r"\left(" + ", ".join(latex_of(v) for v in values) + r"\right)"


def format_decimal(value: Any, places: int) -> str:
    """A number rounded half away from zero to `places` decimals, as plain text ("-2.50")."""
    rounded = round_decimal(value, places)
    digits = str(abs(rounded.p) * (10**places // rounded.q)).rjust(places + 1, "0")
    sign = "-" if rounded < 0 else ""
    return sign + (digits[:-places] + "." + digits[-places:] if places else digits)


def make_answer(kind: str, value: Any = None, *, label: str = "", points: float = 0,
                places: int | None = None, abs_tol: float | None = None, rel_tol: float | None = None,
                exact_form: bool = False, equivalence: str = "", constant_penalty: float = 0.0,
                options: Sequence[str] = (), correct: Sequence[int] = (), parts: Sequence[Answer] = (),
                prompt_latex: str = "", space: str = "", extra: Mapping[str, Any] | None = None) -> Answer:
    """Build a typed Answer from a computed value with the kind's own rules (`kinds/<kind>.py`);
    raise AnswerError if the value does not fit."""
    try:
        answer_kind = kind_named(kind)
    except KeyError:
        raise AnswerError(f"unknown answer kind {kind!r}") from None
    return answer_kind.make(value, Settings(
        label=label, points=points, prompt_latex=prompt_latex, space=space, places=places, abs_tol=abs_tol, rel_tol=rel_tol,
        exact_form=exact_form, equivalence=equivalence, constant_penalty=constant_penalty, options=tuple(options),
        correct=tuple(correct), parts=tuple(parts), extra=dict(extra or {})))
