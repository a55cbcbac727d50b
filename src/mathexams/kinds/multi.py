"""Multi-part answers: several parts, each of its own kind, with its own prompt and points;
marked part by part with partial credit."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ..model import Answer
from .base import AnswerKind, PaperSpace, Settings, SpecReader, kind_of, register

_PART_LABEL = re.compile(r"^\s*\(?([a-z])[).:]\s*(.*)$", re.IGNORECASE | re.DOTALL)


def _strip_label(text: str, label: str) -> str:
    """'b) 3/4' -> '3/4' for part b; a lone '(c)' stays, it may be the answer to a choice."""
    m = _PART_LABEL.match(text)
    if m and m.group(1).lower() == label.lower() and m.group(2).strip():
        return m.group(2)
    return text


def split_parts(answer: Answer, response: Any) -> list[str]:
    """One text per part from a list, a mapping by part label, or text with parts separated by ';'."""
    labels = [p.label for p in answer.parts]
    if response is None:
        return [""] * len(labels)
    if isinstance(response, Mapping):
        return ["" if response.get(label) is None else str(response.get(label)) for label in labels]
    if isinstance(response, (list, tuple)):
        items = ["" if r is None else str(r) for r in response]
    else:
        items = re.split(r"[;\n]", str(response))
    items = (items + [""] * len(labels))[: len(labels)]
    return [_strip_label(i, label) if i.strip() else "" for i, label in zip(items, labels)]


@register
class Multi(AnswerKind):
    name = "multi"
    summary = "several parts, each with its own kind"
    fields_doc = "`parts`: list of answers, each with `label`, `points`, `prompt`"
    fields = frozenset({"parts"})
    composite = True
    space = PaperSpace("parts")

    def compile(self, spec: SpecReader) -> dict[str, Any]:
        return {"parts": spec.parts()}

    def make(self, value: Any, settings: Settings) -> Answer:
        return Answer(kind=self.name, value="", latex="", parts=tuple(settings.parts), **settings.common())

    def answer_from_text(self, text: str, settings: Settings, option_count: int | None = None) -> Answer:
        from ..parse import ParseError

        raise ParseError("a multi-part key cannot be typed as one text")

    def key_latex(self, answer: Answer, compact: bool = False) -> str:
        sep = "; " if compact else r"\quad "
        return sep.join(f"({p.label})~{kind_of(p).key_latex(p, compact)}" for p in answer.parts)

    def credit_rule(self, answer: Answer) -> str:
        return "each part is marked on its own, for the points shown beside it."

    def key_text(self, answer: Answer) -> str:
        return "; ".join(f"({p.label}) {kind_of(p).key_text(p)}" for p in answer.parts)

    def problem(self, answer: Answer) -> tuple[str, str] | None:
        if not answer.parts:
            return "parts", "a multi-part answer has parts"
        for name in ("options", "correct", "equivalence"):
            if getattr(answer, name):
                return name, f"a multi-part answer has no {name} of its own"
        return None

    def verdict(self, answer: Answer, response: Any, max_points: float) -> Any:
        from ..judge import Verdict, judge_text

        texts = split_parts(answer, response)
        parts = tuple(judge_text(p, t, float(p.points or 1)) for p, t in zip(answer.parts, texts))
        scale = max_points / sum(p.max_points for p in parts)
        earned = round(sum(p.points for p in parts) * scale, 6)
        right = sum(p.correct for p in parts)
        return Verdict(right == len(parts), earned, max_points, f"{right} of {len(parts)} parts correct", parts)
