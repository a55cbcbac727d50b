"""Select-all-that-apply answers: every right option and no other, typed as letters ('A, C');
'none' when no option applies."""

from __future__ import annotations

from ..model import Answer
from .base import LETTERS, PaperSpace, register
from .choice import Choice, chosen_letters


@register
class MultiChoice(Choice):
    name = "multichoice"
    summary = "every option that applies"
    widget = "checkbox"
    fields_doc = "`options`, `order`"
    value_doc = "every option whose `correct` is true"
    space = PaperSpace("multiple_choice")
    single = False

    def blank_is_right(self, answer: Answer) -> bool:
        return not answer.correct

    def credit_rule(self, answer: Answer) -> str:
        none = " (here: no box ticked)" if not answer.correct else ""
        return (f"all or nothing: the points only for exactly the right boxes ticked{none}; "
                "no credit for a partial selection.")

    def check(self, answer: Answer, text: str) -> str:
        from ..judge import Wrong

        chosen = chosen_letters(text, len(answer.options) or len(LETTERS))
        if not chosen and not answer.correct:
            return "correct: none of the options applies"
        missing = [LETTERS[i] for i in answer.correct if i not in chosen]
        wrong = [LETTERS[i] for i in chosen if i not in answer.correct]
        if missing or wrong:
            parts = []
            if missing:
                parts.append("missing " + ", ".join(f"({m})" for m in missing))
            if wrong:
                parts.append(", ".join(f"({w})" for w in wrong) + (" is" if len(wrong) == 1 else " are")
                             + " not correct")
            raise Wrong("; ".join(parts))
        return "all the correct options"
