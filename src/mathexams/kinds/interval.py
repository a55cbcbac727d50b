"""Interval answers: an interval or a union of intervals written [0, 1) U (2, oo), compared as
sets, with the endpoint or the bracket that is wrong named."""

from __future__ import annotations

from typing import Any

from ..model import Answer
from .base import AnswerError, AnswerKind, PaperSpace, Settings, SpecReader, register
from .set import sort_key


def pieces_of(value: Any) -> list[Any]:
    """The intervals of an interval value, left to right."""
    import sympy

    if isinstance(value, sympy.Interval):
        return [value]
    if isinstance(value, sympy.Union) and all(isinstance(a, sympy.Interval) for a in value.args):
        return sorted(value.args, key=lambda i: sort_key(i.start))
    if value == sympy.S.Reals:
        return [sympy.Interval(-sympy.oo, sympy.oo)]
    raise AnswerError(f"expected an interval or a union of intervals, got {value}")


def typed_pieces(parsed: Any) -> list[tuple[str, Any, Any, str]]:
    """(open bracket, start, end, close bracket) of each typed interval."""
    from ..judge import Wrong, scalar
    from ..parse import Bracketed, Union

    parts = parsed.parts if isinstance(parsed, Union) else (parsed,)
    out = []
    for p in parts:
        if not (isinstance(p, Bracketed) and p.open in "([" and p.open and len(p.items) == 2):
            raise Wrong("expected an interval such as [0, 1) (or several joined with U)")
        out.append((p.open, scalar(p.items[0]), scalar(p.items[1]), p.close))
    return out


def _as_set(pieces: list[tuple[str, Any, Any, str]]) -> Any:
    import sympy

    return sympy.Union(*[sympy.Interval(a, b, o == "(", c == ")") for o, a, b, c in pieces])


@register
class Interval(AnswerKind):
    name = "interval"
    summary = "an interval or a union of intervals"
    input_hint = "an interval, e.g. [0, 1) U (2, oo)"
    fields_doc = "`places` (endpoints shown as decimals; the key stays exact)"
    value_doc = "`Interval(a, b, left_open, right_open)` or `Union(...)`"
    fields = frozenset({"value", "places"})
    space = PaperSpace("interval")

    def compile(self, spec: SpecReader) -> dict[str, Any]:
        return {"value": spec.value(), "places": spec.places(None)}

    def make(self, value: Any, settings: Settings) -> Answer:
        import sympy

        from ..answers import format_decimal, latex_of

        pieces = pieces_of(value)
        text = " U ".join(("(" if i.left_open else "[") + f"{sympy.sstr(i.start)}, {sympy.sstr(i.end)}"
                          + (")" if i.right_open else "]") for i in pieces)

        def end(v: Any) -> str:
            return format_decimal(v, settings.places) if settings.places is not None and v.is_finite else latex_of(v)

        latex = r" \cup ".join((r"\left(" if i.left_open else r"\left[") + f"{end(i.start)}, {end(i.end)}"
                               + (r"\right)" if i.right_open else r"\right]") for i in pieces)
        return Answer(kind=self.name, value=text, latex=latex, **settings.common())

    def value_from_text(self, text: str, settings: Settings) -> Any:
        import sympy

        from ..parse import parse

        pieces = [sympy.Interval(a, b, o == "(", c == ")")
                  for o, a, b, c in typed_pieces(parse(text, variables=frozenset(settings.variables or ())).value)]
        return pieces[0] if len(pieces) == 1 else sympy.Union(*pieces)

    def check_parsed(self, answer: Answer, parsed: Any) -> str:
        import sympy

        from ..judge import Wrong, entries_equal, expected
        from ..numeric import to_float

        response = typed_pieces(parsed.value)
        key = typed_pieces(expected(answer).value)
        try:
            if _as_set(response) == _as_set(key):  # the same set, however it is cut into pieces
                return "equivalent"
        except (TypeError, ValueError):
            pass
        if len(response) != len(key):
            raise Wrong(f"expected {len(key)} interval(s), got {len(response)}")
        response.sort(key=lambda i: to_float(i[1]))
        for (ro, ra, rb, rc), (ko, ka, kb, kc) in zip(response, key):
            for r, k in ((ra, ka), (rb, kb)):
                if not entries_equal(r, k, (), parsed.decimal):
                    raise Wrong(f"endpoint {sympy.sstr(r)} should be {sympy.sstr(k)}")
            if ro != ko and ka != -sympy.oo:
                raise Wrong(f"the left end {sympy.sstr(ka)} should be {'open (' if ko == '(' else 'closed ['}")
            if rc != kc and kb != sympy.oo:
                raise Wrong(f"the right end {sympy.sstr(kb)} should be {'open )' if kc == ')' else 'closed ]'}")
        return "equivalent"
