"""Set answers: a finite set written {1, 2}, compared by content (elements may be points)."""

from __future__ import annotations

from typing import Any

from ..model import Answer
from .base import AnswerError, AnswerKind, NumericKey, PaperSpace, Settings, SpecReader, exact_numbers, register


def sort_key(v: Any) -> tuple:
    """Numbers by value; anything else (points, expressions) after them, in SymPy's order."""
    import sympy

    try:
        return (0, float(sympy.N(v, 30)), sympy.default_sort_key(v))
    except (TypeError, ValueError, AttributeError):
        return (1, 0.0, sympy.default_sort_key(v))


def items_of(parsed: Any, points: bool = False) -> list[Any]:
    """The elements of a typed set; a lone value is a one-element set.

    When the key is a set of points, a lone point written (2, 5) without braces is that one
    point, not the numbers 2 and 5.
    """
    from ..judge import Wrong
    from ..parse import Bracketed, Union

    if isinstance(parsed, Bracketed):
        if points and parsed.open == "(" and not any(isinstance(i, Bracketed) for i in parsed.items):
            return [parsed]
        return list(parsed.items)
    if isinstance(parsed, Union):
        raise Wrong("expected a set such as {1, 2}")
    return [parsed]


@register
class Set(AnswerKind):
    name = "set"
    summary = "a finite set"
    input_hint = "a set, e.g. {1, 2, 3} (or {} for the empty set)"
    fields_doc = "`exact_form`"
    value_doc = "`FiniteSet(...)` or a list"
    fields = frozenset({"value", "exact_form"})
    space = PaperSpace("set")

    def compile(self, spec: SpecReader) -> dict[str, Any]:
        return {"value": spec.value(), "exact_form": spec.flag("exact_form")}

    def make(self, value: Any, settings: Settings) -> Answer:
        import sympy

        from ..answers import latex_of
        from ..coerce import to_sympy

        if isinstance(value, sympy.FiniteSet) or value == sympy.S.EmptySet:
            items = list(value)
        elif isinstance(value, (list, tuple, set, frozenset)):
            items = list({to_sympy(v) for v in value})
        else:
            raise AnswerError(f"expected a finite set, got {type(value).__name__}")
        items = sorted(items, key=sort_key)
        latex = r"\{" + ", ".join(latex_of(v) for v in items) + r"\}" if items else r"\varnothing"
        return Answer(kind=self.name, value="{" + ", ".join(sympy.sstr(v) for v in items) + "}", latex=latex,
                      exact_form=settings.exact_form, **settings.common())

    def value_from_text(self, text: str, settings: Settings) -> Any:
        from ..judge import scalar
        from ..parse import parse

        return [scalar(v) for v in items_of(parse(text, variables=frozenset(settings.variables or ())).value)]

    def numeric_key(self, answer: Answer) -> NumericKey | None:
        """The elements from smallest to largest (fields have an order, a set has none); a set of
        points or an empty set has no such form."""
        from ..judge import expected
        from ..parse import Bracketed

        items = list(expected(answer).value.items)
        if not items or any(isinstance(i, Bracketed) for i in items) or answer.variables:
            return None
        found = exact_numbers(sorted(items, key=sort_key), answer.exact_form)
        n = len(items)
        return (NumericKey(*found, shape=(n,), layout=f"the {n} elements of the set, from smallest to largest")
                if found else None)

    def check_parsed(self, answer: Answer, parsed: Any) -> str:
        from ..judge import Wrong, entries_equal, expected, scalar
        from ..parse import Bracketed

        loose = parsed.decimal and not answer.exact_form

        def same(r: Any, k: Any) -> bool:
            """Elements: numbers or expressions, or tuples such as points (1, 2) entry by entry."""
            if isinstance(k, Bracketed) or isinstance(r, Bracketed):
                return (isinstance(r, Bracketed) and isinstance(k, Bracketed) and len(r.items) == len(k.items)
                        and all(entries_equal(a, b, answer.variables, loose) for a, b in zip(r.items, k.items)))
            return entries_equal(r, k, answer.variables, loose)

        key = list(expected(answer).value.items)
        points = bool(key) and all(isinstance(k, Bracketed) for k in key)
        items = [i if isinstance(i, Bracketed) else scalar(i) for i in items_of(parsed.value, points)]
        missing = [k for k in key if not any(same(r, k) for r in items)]
        extra = [r for r in items if not any(same(r, k) for k in key)]
        if missing or extra:
            parts = []
            if missing:
                parts.append("missing " + ", ".join(_show(m) for m in missing[:3]))
            if extra:
                parts.append(", ".join(_show(e) for e in extra[:3]) + (" is" if len(extra) == 1 else " are")
                             + " not in the set")
            raise Wrong("; ".join(parts))
        return "equivalent"


def _show(value: Any) -> str:
    import sympy

    from ..parse import Bracketed

    if isinstance(value, Bracketed):
        return value.open + ", ".join(_show(v) for v in value.items) + value.close
    return sympy.sstr(value)
