"""GIFT (`gift.txt`): Moodle's plain-text question format (docs.moodle.org/en/GIFT_format), one
`$CATEGORY:` per slot holding that slot's question of every version, each question titled and
preceded by a comment with its stable id.

The answer-kind mapping lives here (`GIFT_TYPES`, `describe`): one right option -> multiple
choice `{=right ~wrong}`, several -> multiple answers with percentages, a truth value -> `{T}` /
`{F}`, one number -> numerical `{#value:tolerance}`; GIFT has no embedded answers, so lists of
numbers (vectors, matrices, sets) and multi-part questions become essays `{}`, graded by hand.
Texts are HTML (`[html]`), math stays `\\( \\)` for Moodle's MathJax filter, figures are inline
`data:` SVG images (GIFT cannot carry files). The worked solution is the general feedback
(`####`). GIFT's special characters `~ = # { } :` and the backslash are escaped everywhere.
"""

from __future__ import annotations

import base64
from collections.abc import Sequence

from ..kinds import kind_of
from ..model import Answer, Exam, ExamItem
from . import RenderOptions, register
from .latex_html import HtmlText
from .lms import (
    Mapping,
    grading,
    html_texts,
    item_id,
    number_text,
    numbers_key,
    option_shares,
    parts_html,
    register_mapping,
    slot_name,
    tolerance_text,
    why_not_gradable,
)

GIFT_SPECIAL = "\\~=#{}:"
GIFT_TYPES = {"single": "multiple choice", "multiple": "multiple answers", "truth": "true/false",
              "numbers": "numerical"}
NOTES = {"multiple": "partial credit per right option (the paper: all right options and no other, or nothing)"}
Texts = dict[str, HtmlText]


@register_mapping("gift")
def describe(answer: Answer) -> Mapping:
    """How an answer is exported to GIFT, and what grading it keeps."""
    if answer.parts:
        return Mapping("essay", False, "GIFT has no multi-part (embedded answers) question")
    way = grading(answer)
    if way is None:
        return Mapping("essay", False, why_not_gradable(answer))
    key = kind_of(answer).numeric_key(answer) if way == "numbers" else None
    if key is not None and key.shape:
        return Mapping("essay", False, f"GIFT has no field per entry for {key.layout}")
    return Mapping(GIFT_TYPES[way], True, NOTES.get(way, ""))


def escape(text: str) -> str:
    """GIFT text: special characters escaped, no blank line (that ends a question)."""
    escaped = "".join("\\" + c if c in GIFT_SPECIAL else c for c in text)
    return escaped.replace("\r", "").replace("\n", "&#10;")


def _data_uri(figure) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(figure.svg).decode("ascii")


def _answers(answer: Answer, texts: Texts) -> tuple[str, str]:
    """(extra question text, the answer block between the braces)."""
    if describe(answer).qtype == "essay":
        key = kind_of(answer).numeric_key(answer) if grading(answer) == "numbers" else None
        shape = f"<p>Enter {key.layout}.</p>" if key is not None else ""
        return parts_html(answer, texts) + shape, ""
    way = grading(answer)
    if way == "truth":
        return "", "T" if answer.value == "true" else "F"
    if way == "numbers":
        key = numbers_key(answer)
        return "", f"#{number_text(key.values[0])}:{tolerance_text(key.tolerances[0])}"
    options = []
    for option, share in zip(answer.options, option_shares(answer, way)):
        text = escape(texts[option].inline)
        mark = ("=" if share == 100 else "~") if way == "single" else f"~%{number_text(round(share, 5))}%"
        options.append(mark + text)
    return "", " ".join(options)


def _question(exam: Exam, item: ExamItem, texts: Texts) -> str:
    q = item.question
    prompt = texts[q.prompt_latex]
    extra, block = _answers(q.answer, texts)
    title = f"Slot {item.slot + 1:02d} version {exam.version} {q.template_id}"
    solution = texts[q.solution_latex].html
    return (f"// id: {item_id(exam, item)}; {item.points:g} points\n"
            f"::{escape(title)}::[html]{escape(prompt.html + extra)}"
            f"{{{block}####[html]{escape(solution)}}}\n")


def gift_text(exams: Sequence[Exam]) -> str:
    texts = html_texts(exams, math="tex", figure_src=_data_uri)
    blocks = []
    for slot in sorted({item.slot for exam in exams for item in exam.items}):
        placed = [(exam, item) for exam in exams for item in exam.items if item.slot == slot]
        blocks.append(f"$CATEGORY: $course$/top/{slot_name(*placed[0])}\n")
        blocks += [_question(exam, item, texts) for exam, item in placed]
    return "\n".join(blocks)


@register("gift", summary="GIFT text for Moodle's importer: a category per slot (gift.txt)")
def gift_output(exams: Sequence[Exam], options: RenderOptions) -> dict[str, bytes]:
    return {"gift.txt": gift_text(exams).encode("utf-8")}
