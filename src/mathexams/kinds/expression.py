"""Expression answers: an exact symbolic expression in the question's variables, compared by
equivalence (equivalence.py), antiderivatives up to a constant."""

from __future__ import annotations

from typing import Any

from ..model import Answer
from .base import AnswerError, AnswerKind, PaperSpace, Settings, SpecReader, register


@register
class Expression(AnswerKind):
    name = "expression"
    summary = "an exact symbolic expression"
    input_hint = "an expression, e.g. 3x^2 + 2sin(x)"
    fields_doc = "`equivalence: constant`, `constant_penalty` (0 to 1, with `constant`), `exact_form`"
    value_doc = "SymPy expression"
    fields = frozenset({"value", "exact_form", "equivalence", "constant_penalty"})
    equivalences = ("", "constant")
    space = PaperSpace("box", {"work": "3cm", "box": "1.4cm"})
    working_cm = (0.75, 3.0, 9.0)

    def compile(self, spec: SpecReader) -> dict[str, Any]:
        out: dict[str, Any] = {"value": spec.value(), "exact_form": spec.flag("exact_form"),
                               "equivalence": spec.equivalence(self.equivalences)}
        out["constant_penalty"] = spec.constant_penalty(out["equivalence"])
        return out

    def make(self, value: Any, settings: Settings) -> Answer:
        import sympy

        from ..answers import latex_of

        v = single_value(value, self.name)
        if settings.constant_penalty and (settings.equivalence != "constant" or not 0 < settings.constant_penalty <= 1):
            raise AnswerError("constant_penalty is a share of the points (0 to 1) for antiderivatives "
                              "(equivalence: constant)")
        variables = {str(s) for s in v.free_symbols} | set(settings.variables or ())
        return Answer(kind=self.name, value=sympy.sstr(v), latex=latex_of(v), exact_form=settings.exact_form,
                      equivalence=settings.equivalence, constant_penalty=float(settings.constant_penalty),
                      variables=tuple(sorted(variables)), **settings.common())

    def value_from_text(self, text: str, settings: Settings) -> Any:
        value = super().value_from_text(text, settings)
        return _without_added_constant(value, settings.variables or ()) if settings.equivalence == "constant" else value

    def key_latex(self, answer: Answer, compact: bool = False) -> str:
        text = f"${answer.latex}$"
        if answer.equivalence == "constant" and not compact:
            text += r" \quad (any constant may be added)"
        return text

    def problem(self, answer: Answer) -> tuple[str, str] | None:
        if answer.constant_penalty and answer.equivalence != "constant":
            return "constant_penalty", "needs equivalence 'constant'"
        return super().problem(answer)

    def check_parsed(self, answer: Answer, parsed: Any) -> Any:
        import sympy

        from ..equivalence import Expression as Form
        from ..equivalence import compare_antiderivatives, compare_expressions, is_constant_name
        from ..judge import (
            DECIMAL_FOR_EXACT_RTOL,
            EXPRESSION_RTOL,
            ROUGH_RTOL,
            Partial,
            Wrong,
            exact_decimals,
            expected,
            scalar,
            unknown_names,
        )

        response = scalar(parsed.value)
        key = expected(answer)
        names = sorted(set(answer.variables) | {str(s) for s in key.value.free_symbols})
        antiderivative = answer.equivalence == "constant"
        constants = sorted({str(s) for s in response.free_symbols
                            if antiderivative and is_constant_name(str(s), names)})
        unknown = sorted({str(s) for s in response.free_symbols} - set(names) - set(constants))
        if unknown:
            raise Wrong(unknown_names(unknown, antiderivative))
        decimal = parsed.decimal
        loose = decimal and not answer.exact_form
        mine, theirs = Form(response, parsed.conditions), Form.of(key)

        def compare(rtol: float) -> tuple[str, bool]:
            if antiderivative:
                found = compare_antiderivatives(mine, theirs, names, constants, rtol=rtol)
                return found.reason, found.has_constant
            return compare_expressions(mine, theirs, names, rtol=rtol, exact=not decimal), True

        try:
            reason, has_constant = compare(DECIMAL_FOR_EXACT_RTOL if loose else EXPRESSION_RTOL)
        except Wrong:
            if decimal and answer.exact_form:
                compare(ROUGH_RTOL)   # still wrong at 2 %: the original reason stands
                raise Wrong("not exact: use exact values (fractions, pi, sqrt), not decimals") from None
            raise
        if decimal and answer.exact_form and not exact_decimals(mine, theirs, names, antiderivative):
            raise Wrong("not exact: use exact values (fractions, pi, sqrt), not decimals")
        if loose and reason == "equivalent" and response != key.value:
            reason = "equivalent (with decimals)"
        if answer.exact_form and sympy.count_ops(response) > sympy.count_ops(key.value) + 3:
            raise Wrong("not simplified")
        if antiderivative and not has_constant:
            if answer.constant_penalty:
                share = 1 - answer.constant_penalty
                return Partial(f"{reason}, but the constant of integration is missing", share)
            reason += "; remember the constant of integration"
        return reason


def single_value(value: Any, kind: str) -> Any:
    """The SymPy value of a single-valued answer, refusing containers, text and undefined values."""
    import sympy

    from ..coerce import to_sympy

    if isinstance(value, (list, tuple, sympy.MatrixBase, sympy.Set, str, bool)):
        raise AnswerError(f"a {kind} answer must be a single value, got {type(value).__name__}")
    v = to_sympy(value)
    if v.has(sympy.nan, sympy.zoo):
        raise AnswerError(f"the answer {v} is not a real number")
    return v


CONSTANT_KEY_NAMES = ("C", "c", "K", "k")   # a key typed for `mathexams judge` may end in + C


def _without_added_constant(value: Any, declared: Any) -> Any:
    """x^3/3 + C -> x^3/3: a lone constant name added to an antiderivative key (unless declared)."""
    import sympy

    terms = sympy.Add.make_args(value)
    kept = [t for t in terms if not (t.is_Symbol and t.name in CONSTANT_KEY_NAMES and t.name not in declared)]
    return sympy.Add(*kept) if len(kept) < len(terms) else value
