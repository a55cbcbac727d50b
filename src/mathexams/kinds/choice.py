"""Single-choice answers: options shown with letters, exactly one of them right, typed as its letter."""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from ..model import Answer
from .base import LETTERS, AnswerError, AnswerKind, PaperSpace, Settings, SpecReader, letters, register

NONE_WORDS = {"none", "no option", "no options", "nothing", "-", "{}", "∅"}
MIN_OPTIONS = 2


def chosen_letters(text: str, count: int) -> list[int]:
    """The option indices a response names ('B', 'a and c', 'none'); parse.ParseError otherwise."""
    from ..parse import ParseError

    if text.strip().lower() in NONE_WORDS:
        return []
    cleaned = re.sub(r"(?i)\b(and|or|option|options|answer)\b", " ", text)
    tokens = re.findall(r"[A-Za-z]+", cleaned)
    if not tokens:
        raise ParseError("no option letter")
    found: list[int] = []
    for token in tokens:
        token = token.upper()
        if len(token) > 1 and len(tokens) > 1:
            raise ParseError(f"unexpected {token!r}")
        for ch in token:
            index = LETTERS.index(ch)
            if index >= count:
                raise ParseError(f"there is no option {ch}")
            if index not in found:
                found.append(index)
    return sorted(found)


@register
class Choice(AnswerKind):
    name = "choice"
    summary = "one option of several"
    widget = "radio"

    def input_values(self, answer: Answer) -> tuple[str, ...]:
        return tuple(LETTERS[: len(answer.options)])
    fields_doc = "`options`, `order: shuffle / fixed`"
    value_doc = "exactly one option has a true `correct`"
    fields = frozenset({"options", "order"})
    space = PaperSpace("single_choice")
    working_cm = (0.4, 0.0, 4.0)
    single = True

    def compile(self, spec: SpecReader) -> dict[str, Any]:
        return spec.options()

    def make(self, value: Any, settings: Settings) -> Answer:
        correct = settings.correct
        if self.single and len(correct) != 1:
            raise AnswerError(f"a single-choice question needs exactly one correct option, got {len(correct)}")
        latex = ", ".join(rf"\textbf{{({LETTERS[i]})}}" for i in correct) if correct else r"\text{none}"
        return Answer(kind=self.name, value=letters(correct) or "none", latex=latex, options=tuple(settings.options),
                      correct=tuple(correct), **settings.common())

    def answer_from_text(self, text: str, settings: Settings, option_count: int | None = None) -> Answer:
        count = option_count or max(4, max(chosen_letters(text, len(LETTERS)), default=-1) + 1)
        return self.make(None, dataclasses.replace(settings, options=("",) * count,
                                                   correct=tuple(chosen_letters(text, count))))

    def key_positions(self, answer: Answer) -> tuple[int, tuple[int, ...]] | None:
        return len(answer.options), answer.correct

    def key_latex(self, answer: Answer, compact: bool = False) -> str:
        if not answer.correct:
            return "none of the options"
        if compact:
            return ", ".join(f"({LETTERS[i]})" for i in answer.correct)
        return "; ".join(f"\\textbf{{({LETTERS[i]})}}~{answer.options[i]}" for i in answer.correct)

    def problem(self, answer: Answer) -> tuple[str, str] | None:
        if len(answer.options) < MIN_OPTIONS:
            return "options", f"a choice answer needs at least {MIN_OPTIONS} options"
        if any(not 0 <= i < len(answer.options) for i in answer.correct):
            return "correct", "a correct option is not among the options"
        if self.single and len(answer.correct) != 1:
            return "correct", "a single-choice answer has exactly one correct option"
        if answer.parts:
            return "parts", f"a {self.name} answer has no parts"
        if answer.equivalence:
            return "equivalence", f"a {self.name} answer has no equivalence"
        return None

    def check(self, answer: Answer, text: str) -> str:
        from ..judge import Wrong

        chosen = chosen_letters(text, len(answer.options) or len(LETTERS))
        if len(chosen) != 1:
            raise Wrong("choose exactly one option")
        if chosen[0] in answer.correct:
            return "correct option"
        raise Wrong(f"({LETTERS[chosen[0]]}) is not the correct option")
