"""Matrix answers: rows of exact entries written [[1, 2], [3, 4]], compared entry by entry (a
transposed response is named as such)."""

from __future__ import annotations

from typing import Any

from ..model import Answer
from .base import AnswerError, AnswerKind, NumericKey, PaperSpace, Settings, SpecReader, exact_numbers, register
from .vector import MAX_ENTRY_PLACES, as_list, free_names


@register
class Matrix(AnswerKind):
    name = "matrix"
    summary = "a matrix of exact entries"
    widget = "grid"
    input_hint = "one entry per box"
    fields_doc = "`exact_form`; `places` (as for vectors)"
    value_doc = "`Matrix([[…], […]])`"
    fields = frozenset({"value", "exact_form", "places"})
    space = PaperSpace("matrix")
    working_cm = (0.75, 3.0, 9.0)

    def compile(self, spec: SpecReader) -> dict[str, Any]:
        return {"value": spec.value(), "exact_form": spec.flag("exact_form"),
                "places": spec.places(None, most=MAX_ENTRY_PLACES)}

    def make(self, value: Any, settings: Settings) -> Answer:
        import sympy

        from ..answers import decimal_entries, latex_of

        if isinstance(value, sympy.MatrixBase) or isinstance(value, (list, tuple)) and value and all(isinstance(r, (list, tuple)) for r in value):
            m = sympy.Matrix(value)
        else:
            raise AnswerError(f"expected a matrix, got {type(value).__name__}")
        text = "[" + ", ".join("[" + ", ".join(sympy.sstr(v) for v in m.row(i)) + "]" for i in range(m.rows)) + "]"
        latex = latex_of(m) if settings.places is None else (
            r"\begin{pmatrix}" + r"\\".join(" & ".join(decimal_entries(r, settings.places)) for r in m.tolist())
            + r"\end{pmatrix}")
        return Answer(kind=self.name, value=text, latex=latex, exact_form=settings.exact_form,
                      shape=(m.rows, m.cols), variables=free_names(list(m)), **settings.common())

    def value_from_text(self, text: str, settings: Settings) -> Any:
        import sympy

        from ..judge import scalar
        from ..parse import parse

        rows = as_list(parse(text, variables=frozenset(settings.variables or ())).value, "a matrix")
        return sympy.Matrix([[scalar(v) for v in row.items] for row in rows])

    def problem(self, answer: Answer) -> tuple[str, str] | None:
        if len(answer.shape) != 2:
            return "shape", "a matrix answer has a shape of rows and columns"
        return super().problem(answer)

    def numeric_key(self, answer: Answer) -> NumericKey | None:
        """Entry by entry, row by row."""
        from ..judge import expected

        if answer.variables:
            return None
        found = exact_numbers([v for row in expected(answer).value.items for v in row.items], answer.exact_form)
        rows, cols = answer.shape
        return (NumericKey(*found, shape=(rows, cols), layout=f"the entries of the {rows}×{cols} matrix, row by row")
                if found else None)

    def check_parsed(self, answer: Answer, parsed: Any) -> str:
        from ..judge import Wrong, entries_equal, expected
        from ..parse import Bracketed

        loose = parsed.decimal and not answer.exact_form
        rows = as_list(parsed.value, "a matrix")
        if not all(isinstance(r, Bracketed) for r in rows):
            raise Wrong("expected a matrix as rows, such as [[1, 2], [3, 4]]")
        rows = [list(r.items) for r in rows]
        key = [list(r.items) for r in expected(answer).value.items]
        shape = (len(rows), len(rows[0]) if rows else 0)
        if any(len(r) != shape[1] for r in rows):
            raise Wrong("rows of different lengths")
        if shape != (len(key), len(key[0])):
            raise Wrong(f"expected a {len(key)}x{len(key[0])} matrix, got {shape[0]}x{shape[1]}")
        wrong = [(i + 1, j + 1) for i, (rr, kr) in enumerate(zip(rows, key)) for j, (r, k) in enumerate(zip(rr, kr))
                 if not entries_equal(r, k, answer.variables, loose)]
        if wrong:
            transposed = ([[rows[j][i] for j in range(shape[0])] for i in range(shape[1])]
                          if shape[0] == shape[1] else None)
            if transposed and all(entries_equal(r, k, answer.variables, loose)
                                  for rr, kr in zip(transposed, key) for r, k in zip(rr, kr)):
                raise Wrong("this is the transpose of the answer")
            shown = ", ".join(f"({i},{j})" for i, j in wrong[:4])
            raise Wrong(f"entr{'y' if len(wrong) == 1 else 'ies'} {shown}{'…' if len(wrong) > 4 else ''} wrong")
        return "equivalent"
