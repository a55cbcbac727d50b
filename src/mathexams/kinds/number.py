"""Number answers: an exact real number (integer, fraction, surd, pi...), compared to 1e-9; a
decimal for a non-terminating value can be refused as "not exact"."""

from __future__ import annotations

from typing import Any

from ..model import Answer
from .base import AnswerError, AnswerKind, NumericKey, Settings, SpecReader, exact_numbers, register
from .expression import single_value


@register
class Number(AnswerKind):
    name = "number"
    summary = "an exact number"
    input_hint = "an exact number, e.g. 3/4 or sqrt(2)"
    fields_doc = "`exact_form: true` if a decimal must be refused"
    value_doc = "exact number (integer, rational, surd)"
    working_cm = (0.6, 2.5, 8.0)
    fields = frozenset({"value", "exact_form"})

    def compile(self, spec: SpecReader) -> dict[str, Any]:
        return {"value": spec.value(), "exact_form": spec.flag("exact_form")}

    def make(self, value: Any, settings: Settings) -> Answer:
        import sympy

        from ..answers import latex_of

        v = single_value(value, self.name)
        if v.free_symbols:
            raise AnswerError(f"a number answer has free symbols: {v}")
        if not (v.is_real or v in (sympy.oo, -sympy.oo)):
            raise AnswerError(f"the answer {v} is not a real number")
        if settings.constant_penalty:
            raise AnswerError("constant_penalty is a share of the points (0 to 1) for antiderivatives "
                              "(equivalence: constant)")
        return Answer(kind=self.name, value=sympy.sstr(v), latex=latex_of(v), exact_form=settings.exact_form,
                      **settings.common())

    def numeric_key(self, answer: Answer) -> NumericKey | None:
        from ..judge import expected

        found = exact_numbers([expected(answer).value], answer.exact_form)
        return NumericKey(*found) if found else None

    def check_parsed(self, answer: Answer, parsed: Any) -> str:
        import math

        import sympy

        from ..equivalence import diagnose
        from ..judge import (
            DECIMAL_FOR_EXACT_RTOL,
            EXACT_RTOL,
            ROUGH_RTOL,
            Wrong,
            close,
            expected,
            is_terminating,
            scalar,
            undefined,
        )
        from ..numeric import to_float

        response, decimal = scalar(parsed.value, "a number"), parsed.decimal
        if response.free_symbols:
            raise Wrong(f"expected a number, got an expression in {', '.join(sorted(map(str, response.free_symbols)))}")
        key = expected(answer).value
        if key.is_infinite or response.is_infinite:
            if response == key:
                return "equivalent"
            if response == -key:
                raise Wrong("off by a sign")
            shown = sympy.sstr(response)
            raise Wrong(f"{shown} is not {sympy.sstr(key)}" if response.is_infinite or len(shown) < 30
                        else f"a finite number is not {sympy.sstr(key)}")
        r, k = to_float(response), to_float(key)
        why = undefined(parsed)
        if math.isnan(r) or why:
            raise Wrong(why or "not a real number")
        if close(r, k, EXACT_RTOL):
            if decimal and answer.exact_form and not is_terminating(key):
                raise Wrong("not exact: give the exact value (a fraction or a surd), not a decimal")
            return "equivalent"
        if decimal and not answer.exact_form and close(r, k, DECIMAL_FOR_EXACT_RTOL):
            return "equivalent (as a decimal)"
        if decimal and close(r, k, ROUGH_RTOL):
            raise Wrong("not exact: give the exact value (a fraction or a surd), not a decimal" if answer.exact_form
                        else "rounded too much: give at least four significant figures or the exact value")
        raise Wrong(diagnose([r], [k]))
