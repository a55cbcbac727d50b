"""True/false answers: a statement's truth value, typed as true/false, yes/no, t/f or 1/0."""

from __future__ import annotations

from typing import Any

from ..model import Answer
from .base import AnswerError, AnswerKind, PaperSpace, Settings, register

TRUE_WORDS = {"true", "t", "yes", "y", "1", "correct", "vrai"}
FALSE_WORDS = {"false", "f", "no", "n", "0", "incorrect", "faux"}


@register
class TrueFalse(AnswerKind):
    name = "truefalse"
    summary = "true or false"
    widget = "radio"

    def input_values(self, answer: Answer) -> tuple[str, ...]:
        return ("true", "false")
    value_doc = "a condition"
    space = PaperSpace("true_false")
    working_cm = (0.25, 0.0, 2.0)

    def make(self, value: Any, settings: Settings) -> Answer:
        import sympy

        if not isinstance(value, (bool, type(sympy.true), type(sympy.false))):
            raise AnswerError(f"a true/false answer must be a truth value, got {value}")
        flag = bool(value)
        return Answer(kind=self.name, value="true" if flag else "false",
                      latex=r"\text{True}" if flag else r"\text{False}", **settings.common())

    def value_from_text(self, text: str, settings: Settings) -> Any:
        from ..parse import ParseError

        word = text.strip().lower()
        if word not in TRUE_WORDS | FALSE_WORDS:
            raise ParseError("expected true or false")
        return word in TRUE_WORDS

    def key_positions(self, answer: Answer) -> tuple[int, tuple[int, ...]] | None:
        return 2, (0 if answer.value == "true" else 1,)

    def key_latex(self, answer: Answer, compact: bool = False) -> str:
        return "True" if answer.value == "true" else "False"

    def problem(self, answer: Answer) -> tuple[str, str] | None:
        if answer.value not in ("true", "false"):
            return "value", "a true/false answer's value is true or false"
        return super().problem(answer)

    def check(self, answer: Answer, text: str) -> str:
        from ..judge import Wrong
        from ..parse import ParseError

        word = text.strip().strip(".").lower()
        if word in TRUE_WORDS:
            given = "true"
        elif word in FALSE_WORDS:
            given = "false"
        else:
            raise ParseError("answer true or false")
        if given == answer.value:
            return "correct"
        raise Wrong("the statement is " + answer.value)
