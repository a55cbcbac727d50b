"""Turn SymPy values into typed answers: canonical text for machines and LaTeX for paper.

This is the instance boundary: after `make_answer` nothing downstream needs SymPy.
"""

from __future__ import annotations

import math
from typing import Any, Sequence

import sympy

from .coerce import to_sympy
from .numeric import round_decimal
from .model import OPTION_LETTERS as LETTERS, Answer



class AnswerError(ValueError):
    """A computed value does not fit the declared answer kind."""


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


def _decimal_entries(values: Sequence[Any], places: int) -> list[str]:
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


# ---------------------------------------------------------------- shapes


def as_vector(value: Any) -> list[Any]:
    if isinstance(value, sympy.MatrixBase):
        if value.rows != 1 and value.cols != 1:
            raise AnswerError(f"expected a vector, got a {value.rows}x{value.cols} matrix")
        return list(value)
    if isinstance(value, (list, tuple)):
        return [to_sympy(v) for v in value]
    raise AnswerError(f"expected a vector, got {type(value).__name__}")


def as_matrix(value: Any) -> sympy.Matrix:
    if isinstance(value, sympy.MatrixBase):
        return sympy.Matrix(value)
    if isinstance(value, (list, tuple)) and value and all(isinstance(r, (list, tuple)) for r in value):
        return sympy.Matrix(value)
    raise AnswerError(f"expected a matrix, got {type(value).__name__}")


def _numeric_key(v: Any) -> tuple:
    """Sort numbers by value; anything else (points, expressions) after them, in SymPy's order."""
    try:
        return (0, float(sympy.N(v, 30)), sympy.default_sort_key(v))
    except (TypeError, ValueError, AttributeError):
        return (1, 0.0, sympy.default_sort_key(v))


def as_set(value: Any) -> list[Any]:
    if isinstance(value, sympy.FiniteSet) or value == sympy.S.EmptySet:
        items = list(value)
    elif isinstance(value, (list, tuple, set, frozenset)):
        items = list({to_sympy(v) for v in value})
    else:
        raise AnswerError(f"expected a finite set, got {type(value).__name__}")
    return sorted(items, key=_numeric_key)


def _interval_parts(value: Any) -> list[sympy.Interval]:
    if isinstance(value, sympy.Interval):
        return [value]
    if isinstance(value, sympy.Union) and all(isinstance(a, sympy.Interval) for a in value.args):
        return sorted(value.args, key=lambda i: _numeric_key(i.start))
    if value == sympy.S.Reals:
        return [sympy.Interval(-sympy.oo, sympy.oo)]
    raise AnswerError(f"expected an interval or a union of intervals, got {value}")


# ---------------------------------------------------------------- canonical text


def _text(v: Any) -> str:
    return sympy.sstr(v)


def _interval_text(parts: list[sympy.Interval]) -> str:
    return " U ".join(
        ("(" if i.left_open else "[") + f"{_text(i.start)}, {_text(i.end)}" + (")" if i.right_open else "]")
        for i in parts
    )


def _interval_latex(parts: list[sympy.Interval], places: int | None = None) -> str:
    def end(v: Any) -> str:
        return format_decimal(v, places) if places is not None and v.is_finite else latex_of(v)

    return r" \cup ".join(
        (r"\left(" if i.left_open else r"\left[") + f"{end(i.start)}, {end(i.end)}"
        + (r"\right)" if i.right_open else r"\right]")
        for i in parts
    )


def _variables(values: Sequence[Any]) -> tuple[str, ...]:
    """Names of the free symbols in a vector's or matrix's entries."""
    return tuple(sorted({str(s) for v in values for s in to_sympy(v).free_symbols}))


def letters(indices: Sequence[int]) -> str:
    return ",".join(LETTERS[i] for i in indices)


def make_answer(kind: str, value: Any = None, *, label: str = "", points: float = 0,
                places: int | None = None, abs_tol: float | None = None, rel_tol: float | None = None,
                exact_form: bool = False, equivalence: str = "", constant_penalty: float = 0.0,
                options: Sequence[str] = (),
                correct: Sequence[int] = (), parts: Sequence[Answer] = (), prompt_latex: str = "",
                space: str = "") -> Answer:
    """Build a typed Answer from a computed value; raise AnswerError if the value does not fit."""
    common = dict(kind=kind, label=label, points=points, prompt_latex=prompt_latex, space=space)
    if kind in ("expression", "number"):
        if isinstance(value, (list, tuple, sympy.MatrixBase, sympy.Set, str, bool)):
            raise AnswerError(f"a {kind} answer must be a single value, got {type(value).__name__}")
        v = to_sympy(value)
        if kind == "number" and v.free_symbols:
            raise AnswerError(f"a number answer has free symbols: {v}")
        if v.has(sympy.nan, sympy.zoo) or (kind == "number" and not (v.is_real or v in (sympy.oo, -sympy.oo))):
            raise AnswerError(f"the answer {v} is not a real number")
        variables = tuple(sorted(str(s) for s in v.free_symbols))
        if constant_penalty and (kind != "expression" or equivalence != "constant" or not 0 < constant_penalty <= 1):
            raise AnswerError("constant_penalty is a share of the points (0 to 1) for antiderivatives "
                              "(equivalence: constant)")
        return Answer(value=_text(v), latex=latex_of(v), exact_form=exact_form, equivalence=equivalence,
                      constant_penalty=float(constant_penalty), variables=variables, **common)
    if kind == "decimal":
        v = to_sympy(value)
        f = float(sympy.N(v, 20)) if v.is_real else math.nan
        if not math.isfinite(f):
            raise AnswerError(f"a decimal answer must be a finite real number, got {v}")
        shown = format_decimal(v, places if places is not None else 4)
        return Answer(value=repr(float(f"{f:.12g}")), latex=shown, abs_tol=abs_tol, rel_tol=rel_tol, **common)
    if kind == "vector":
        items = as_vector(value)
        latex = vector_latex(items) if places is None else r"\left(" + ", ".join(_decimal_entries(items, places)) + r"\right)"
        return Answer(value="[" + ", ".join(_text(v) for v in items) + "]", latex=latex,
                      equivalence=equivalence, exact_form=exact_form, shape=(len(items),),
                      variables=_variables(items), **common)
    if kind == "matrix":
        m = as_matrix(value)
        text = "[" + ", ".join("[" + ", ".join(_text(v) for v in m.row(i)) + "]" for i in range(m.rows)) + "]"
        latex = latex_of(m) if places is None else (
            r"\begin{pmatrix}" + r"\\".join(" & ".join(_decimal_entries(r, places)) for r in m.tolist())
            + r"\end{pmatrix}")
        return Answer(value=text, latex=latex, exact_form=exact_form, shape=(m.rows, m.cols),
                      variables=_variables(list(m)), **common)
    if kind == "set":
        items = as_set(value)
        latex = r"\{" + ", ".join(latex_of(v) for v in items) + r"\}" if items else r"\varnothing"
        return Answer(value="{" + ", ".join(_text(v) for v in items) + "}", latex=latex, exact_form=exact_form,
                      **common)
    if kind == "interval":
        parts_ = _interval_parts(value)
        return Answer(value=_interval_text(parts_), latex=_interval_latex(parts_, places), **common)
    if kind == "truefalse":
        if not isinstance(value, (bool, type(sympy.true), type(sympy.false))):
            raise AnswerError(f"a true/false answer must be a truth value, got {value}")
        flag = bool(value)
        return Answer(value="true" if flag else "false", latex=r"\text{True}" if flag else r"\text{False}", **common)
    if kind in ("choice", "multichoice"):
        if kind == "choice" and len(correct) != 1:
            raise AnswerError(f"a single-choice question needs exactly one correct option, got {len(correct)}")
        latex = ", ".join(rf"\textbf{{({LETTERS[i]})}}" for i in correct) if correct else r"\text{none}"
        return Answer(value=letters(correct) or "none", latex=latex, options=tuple(options),
                      correct=tuple(correct), **common)
    if kind == "multi":
        return Answer(value="", latex="", parts=tuple(parts), **common)
    raise AnswerError(f"unknown answer kind {kind!r}")
