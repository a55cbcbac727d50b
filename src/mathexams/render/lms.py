"""What every LMS export shares: the questions' texts as HTML (one batched conversion for all
versions), stable identifiers derived from the exam record, slots as question banks, points
split into integer weights, and the per-format answer mappings that export-report.md lists.

Each format module (`moodle.py`, `gift.py`, ...) keeps its own answer-kind mapping in one place
and registers a `describe(answer) -> Mapping` here, so the report and the tests see every
format's choices without switching on kind names anywhere else.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from ..errors import MathExamsError
from ..kinds import NumericKey, kind_of
from ..model import Answer, Exam, ExamItem
from .latex_html import HtmlText, latex_to_html
from .tikz_svg import Figure

MAX_WEIGHT_SCALE = 1000


@dataclass(frozen=True)
class Mapping:
    """How one answer becomes an LMS question: the question type, whether the LMS grades it
    automatically as the paper key does, and what differs (empty when nothing does)."""

    qtype: str
    automatic: bool
    note: str = ""


LMS_FORMATS: dict[str, Callable[[Answer], Mapping]] = {}

# How an LMS can grade an answer, whatever the format: by one right option ("single"), by the
# set of right options ("multiple"), by a truth value ("truth") or by numbers within tolerances
# ("numbers", when the kind states its key as numbers: AnswerKind.numeric_key). Kinds not named
# here grade by numbers or not at all. Each format maps these to its own question types.
_GRADING = {"choice": "single", "multichoice": "multiple", "truefalse": "truth"}
# why an answer of these kinds cannot be graded by an LMS at all
_NOT_GRADABLE = {"expression": "an LMS cannot compare symbolic expressions as the checker does",
                 "interval": "an LMS has no interval answer (brackets and endpoints)"}


def grading(answer: Answer) -> str | None:
    """How an LMS grades a single (not multi-part) answer as the paper key does, or None."""
    way = _GRADING.get(answer.kind, "numbers")
    if way == "single" and len(answer.correct) != 1:
        return None
    if way == "multiple" and not answer.correct:
        return None
    if way == "numbers" and (answer.parts or kind_of(answer).numeric_key(answer) is None):
        return None
    return way


def numbers_key(answer: Answer) -> NumericKey:
    """The key as numbers of an answer that `grading` sends to "numbers" (it has one by then)."""
    key = kind_of(answer).numeric_key(answer)
    if key is None:
        raise MathExamsError(f"{answer.kind} answer has no numeric key to export")
    return key


def option_shares(answer: Answer, way: str | None) -> list[float]:
    """The share of the points each option earns in an LMS: the right one 100 % (single); each right
    one 100/n % and each wrong one -100 % (multiple), so choosing every option earns nothing."""
    if way == "single":
        return [100.0 if i in answer.correct else 0.0 for i in range(len(answer.options))]
    return [100 / len(answer.correct) if i in answer.correct else -100.0 for i in range(len(answer.options))]


def why_not_gradable(answer: Answer) -> str:
    """The reason `grading(answer)` is None, for export-report.md."""
    if answer.kind in _NOT_GRADABLE:
        return _NOT_GRADABLE[answer.kind]
    if answer.options:
        return "no option is right, and an LMS needs one"
    if answer.exact_form:
        return "an exact form is required, and an LMS's numerical answer takes decimals only"
    return "the key is not a fixed list of numbers (up to scale or sign, symbolic, or points)"


def register_mapping(name: str) -> Callable[[Callable[[Answer], Mapping]], Callable[[Answer], Mapping]]:
    def add(describe: Callable[[Answer], Mapping]) -> Callable[[Answer], Mapping]:
        LMS_FORMATS[name] = describe
        return describe
    return add


def item_label(item: ExamItem) -> str:
    """How errors name a question: template id and seed."""
    return f"{item.question.template_id} seed {item.question.seed}"


def item_id(exam: Exam, item: ExamItem) -> str:
    """A stable identifier of one question of one version, derived from what the record keeps
    (the same record exports the same ids, so re-importing updates instead of duplicating)."""
    key = "|".join(str(p) for p in (exam.exam_id, exam.master_seed, exam.version, item.slot, item.occurrence,
                                    item.question.template_id, item.question.seed, item.question.form))
    return "mx-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


def slot_name(exam: Exam, item: ExamItem) -> str:
    """The question bank (Moodle category, QTI section) of a slot, holding one variant per version:
    letters, digits, _ and / only, which every format's category syntax takes as it is."""
    exam_name = re.sub(r"\W", "_", exam.exam_id)
    return f"mathexams/{exam_name}_seed{exam.master_seed}/slot_{item.slot + 1:02d}"


def item_texts(answer: Answer) -> Iterable[str]:
    """Every LaTeX text an answer shows: options, part prompts and their options."""
    yield from answer.options
    for part in answer.parts:
        yield part.prompt_latex
        yield from item_texts(part)


def html_texts(exams: Sequence[Exam], *, math: str,
               figure_src: Callable[[Figure], str] | None = None) -> dict[str, HtmlText]:
    """Every text of every question of every version as HTML, by LaTeX text, in one conversion."""
    labelled: dict[str, str] = {}
    for exam in exams:
        for item in exam.items:
            q = item.question
            for text in (q.prompt_latex, q.solution_latex, *item_texts(q.answer)):
                labelled.setdefault(text, item_label(item))
    texts = list(labelled)
    return dict(zip(texts, latex_to_html(texts, math=math, where=list(labelled.values()), figure_src=figure_src)))


def parts_html(answer: Answer, texts: dict[str, HtmlText]) -> str:
    """Options and part prompts as HTML, for an LMS question that shows them without grading them
    (an essay: the student answers in the editor)."""
    out = []
    if answer.options:
        out.append("<ol type=\"A\">" + "".join(f"<li>{texts[o].inline}</li>" for o in answer.options) + "</ol>")
    for part in answer.parts:
        out.append(f"<p><strong>({part.label})</strong> ({part.points:g} points)</p>{texts[part.prompt_latex].html}"
                   + parts_html(part, texts))
    return "".join(out)


def integer_weights(points: Sequence[float]) -> list[int]:
    """Points as the smallest integers in the same proportions (cloze weights are integers)."""
    fractions = [Fraction(p).limit_denominator(MAX_WEIGHT_SCALE) for p in points]
    if any(f <= 0 for f in fractions):
        raise MathExamsError("every part needs positive points")
    scale = 1
    for f in fractions:
        scale = scale * f.denominator // _gcd(scale, f.denominator)
    weights = [int(f * scale) for f in fractions]
    common = 0
    for w in weights:
        common = _gcd(common, w)
    return [w // common for w in weights]


def _gcd(a: int, b: int) -> int:
    while b:
        a, b = b, a % b
    return abs(a)


def number_text(value: float) -> str:
    """A float as LMS files want it: plain decimal notation (no exponent: GIFT readers take none),
    the shortest digits that read back as the same float."""
    text = repr(float(value))
    if "e" in text or "E" in text:
        text = format(Decimal(text), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def tolerance_text(value: float) -> str:
    """A tolerance to 6 significant figures (0.0045000000000000005 -> 0.0045), never wider."""
    rounded = float(f"{value:.6g}")
    if rounded > value:
        rounded = float(f"{value * (1 - 1e-6):.6g}")
    return number_text(rounded)
