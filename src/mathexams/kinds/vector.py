"""Vector answers: a list of entries written (a, b, c), compared entry by entry, or up to scale
or sign when the answer says so (eigenvectors, directions)."""

from __future__ import annotations

from typing import Any

from ..model import Answer
from .base import AnswerError, AnswerKind, NumericKey, PaperSpace, Settings, SpecReader, exact_numbers, register


def entries(value: Any) -> list[Any]:
    """The entries of a vector value: a row or column Matrix, or a list."""
    import sympy

    from ..coerce import to_sympy

    if isinstance(value, sympy.MatrixBase):
        if value.rows != 1 and value.cols != 1:
            raise AnswerError(f"expected a vector, got a {value.rows}x{value.cols} matrix")
        return list(value)
    if isinstance(value, (list, tuple)):
        return [to_sympy(v) for v in value]
    raise AnswerError(f"expected a vector, got {type(value).__name__}")


def free_names(values: Any) -> tuple[str, ...]:
    """Names of the free symbols in a vector's or matrix's entries."""
    from ..coerce import to_sympy

    return tuple(sorted({str(s) for v in values for s in to_sympy(v).free_symbols}))


def as_list(parsed: Any, what: str) -> list[Any]:
    """The items of a typed (...) or [...] list; judge.Wrong for anything else."""
    from ..judge import Wrong
    from ..parse import Bracketed

    if isinstance(parsed, Bracketed) and parsed.open != "{":
        return list(parsed.items)
    raise Wrong(f"expected {what} such as (1, 2, 3)")


MAX_ENTRY_PLACES = 6


@register
class Vector(AnswerKind):
    name = "vector"
    summary = "a vector of exact entries"
    widget = "entries"
    input_hint = "one entry per box"
    fields_doc = ("`equivalence: scale` (any non-zero multiple) or `sign` (up to sign), `exact_form`; `places` "
                  "(entries shown as decimals with that many places, each exactly; the key stays exact)")
    value_doc = "list or column `vector(...)`"
    fields = frozenset({"value", "equivalence", "exact_form", "places"})
    equivalences = ("", "scale", "sign")
    space = PaperSpace("vector")
    working_cm = (0.7, 2.5, 9.0)

    def compile(self, spec: SpecReader) -> dict[str, Any]:
        return {"value": spec.value(), "equivalence": spec.equivalence(self.equivalences),
                "exact_form": spec.flag("exact_form"), "places": spec.places(None, most=MAX_ENTRY_PLACES)}

    def make(self, value: Any, settings: Settings) -> Answer:
        import sympy

        from ..answers import decimal_entries, vector_latex

        items = entries(value)
        latex = (vector_latex(items) if settings.places is None
                 else r"\left(" + ", ".join(decimal_entries(items, settings.places)) + r"\right)")
        return Answer(kind=self.name, value="[" + ", ".join(sympy.sstr(v) for v in items) + "]",
                      latex=latex, equivalence=settings.equivalence, exact_form=settings.exact_form,
                      shape=(len(items),), variables=free_names(items), **settings.common())

    def value_from_text(self, text: str, settings: Settings) -> Any:
        from ..judge import scalar
        from ..parse import parse

        return [scalar(v) for v in as_list(parse(text, variables=frozenset(settings.variables or ())).value,
                                           "a vector")]

    def key_latex(self, answer: Answer, compact: bool = False) -> str:
        text = f"${answer.latex}$"
        if answer.equivalence == "scale" and not compact:
            text += r" \quad (or any non-zero multiple)"
        if answer.equivalence == "sign" and not compact:
            text += r" \quad (or its negative)"
        return text

    def problem(self, answer: Answer) -> tuple[str, str] | None:
        if len(answer.shape) != 1:
            return "shape", "a vector answer has a shape of one length"
        return super().problem(answer)

    def numeric_key(self, answer: Answer) -> NumericKey | None:
        """Entry by entry; a key up to scale or sign has no fixed entries to compare."""
        from ..judge import expected

        if answer.equivalence or answer.variables:
            return None
        found = exact_numbers(expected(answer).value.items, answer.exact_form)
        n = answer.shape[0]
        return NumericKey(*found, shape=(n,), layout=f"the {n} entries of the vector, in order") if found else None

    def check_parsed(self, answer: Answer, parsed: Any) -> str:
        import math

        from ..judge import DECIMAL_FOR_EXACT_RTOL, Wrong, close, entries_equal, expected, scalar
        from ..numeric import to_float
        from ..parse import Bracketed, Union

        value, decimal = parsed.value, parsed.decimal
        loose = decimal and not answer.exact_form
        items = as_list(value, "a vector")
        if any(isinstance(i, (Bracketed, Union)) for i in items):
            raise Wrong("expected a vector, got nested brackets")
        key = list(expected(answer).value.items)
        if len(items) != len(key):
            raise Wrong(f"expected {len(key)} entries, got {len(items)}")
        if answer.equivalence in ("scale", "sign"):
            r = [to_float(scalar(i)) for i in items]
            k = [to_float(v) for v in key]
            if any(math.isnan(v) for v in r + k):
                raise Wrong("entries must be numbers")
            if all(abs(v) < 1e-12 for v in r):
                raise Wrong("the zero vector is never accepted here")
            pivot = max(range(len(k)), key=lambda i: abs(k[i]))
            factor = r[pivot] / k[pivot]
            tolerance = DECIMAL_FOR_EXACT_RTOL if loose else 1e-9
            if not all(close(a, factor * b, tolerance, tolerance) for a, b in zip(r, k)) or abs(factor) < 1e-12:
                raise Wrong("not parallel to the answer" if answer.equivalence == "scale"
                            else "not the answer up to sign")
            if answer.equivalence == "sign" and not close(abs(factor), 1, tolerance):
                raise Wrong("right direction, wrong length")
            return "equivalent" if close(factor, 1, tolerance) else (
                "equivalent (a multiple of the answer)" if answer.equivalence == "scale" else "equivalent (up to sign)")
        wrong = [i + 1 for i, (r, k) in enumerate(zip(items, key)) if not entries_equal(r, k, answer.variables, loose)]
        if wrong:
            if all(entries_equal(-scalar(r), k, answer.variables, loose) for r, k in zip(items, key)):
                raise Wrong("off by a sign")
            raise Wrong(f"entr{'y' if len(wrong) == 1 else 'ies'} {', '.join(map(str, wrong))} wrong")
        return "equivalent"
