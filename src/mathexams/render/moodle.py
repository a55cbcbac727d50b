"""Moodle XML (`moodle.xml`): every version's questions, one question category per slot so a
Moodle quiz can draw one random question per category, as Moodle's "Question bank -> Import ->
Moodle XML" reads it (question/format/xml/format.php in Moodle's source; the format is
documented at docs.moodle.org/en/Moodle_XML_format).

The answer-kind mapping lives here and nowhere else (`_QUESTION`, `describe`): choice ->
multichoice (single), multichoice -> multichoice (multiple answers), truefalse -> truefalse, a
key the kind can state as numbers (`AnswerKind.numeric_key`) -> numerical (one number) or cloze
with one NUMERICAL field per entry, multi-part -> cloze with the paper's points as weights, and
anything Moodle cannot judge -> essay with the worked solution as grader information. Math stays
`\\( \\)` for Moodle's MathJax filter; figures are SVG files embedded in base64 and shown with
`@@PLUGINFILE@@`. The worked solution is every question's general feedback.
"""

from __future__ import annotations

import base64
import xml.etree.ElementTree as ET
from collections.abc import Sequence

from ..kinds import NumericKey, kind_of
from ..model import Answer, Exam, ExamItem
from . import RenderOptions, register
from .latex_html import HtmlText
from .lms import (
    Mapping,
    grading,
    html_texts,
    integer_weights,
    item_id,
    item_texts,
    number_text,
    numbers_key,
    option_shares,
    parts_html,
    register_mapping,
    slot_name,
    tolerance_text,
    why_not_gradable,
)
from .tikz_svg import Figure

# Moodle's multichoice accepts only grades from its list (question/format/xml/format.php checks
# them with match_grade_options); 100/n is in it for n = 1..10 except n = 7 (14.28571 is listed)
MOODLE_GRADES = (100, 90, 83.33333, 80, 75, 70, 66.66667, 60, 50, 40, 33.33333, 30, 25, 20, 16.66667,
                 14.28571, 12.5, 11.11111, 10, 5, 0)
CLOZE_SPECIAL = '\\}#~/"'
FIGURE_URL = "@@PLUGINFILE@@/"
Texts = dict[str, HtmlText]


# ---------------------------------------------------------------- the mapping (one place)

# how each way of grading (lms.grading) becomes a Moodle question on its own
MOODLE_TYPES = {"single": "multichoice (single)", "multiple": "multichoice (multiple)", "truth": "truefalse",
                "numbers": "numerical"}
NOTES = {"multiple": "Moodle gives partial credit per right option; the paper gives the points only for exactly "
                     "the right options"}


@register_mapping("moodle")
def describe(answer: Answer) -> Mapping:
    """How an answer is exported to Moodle, and what grading it keeps."""
    if answer.parts:
        lost = [p for p in answer.parts if grading(p) is None]
        if lost:
            return Mapping("essay", False, "; ".join(f"part ({p.label}): {why_not_gradable(p)}" for p in lost)
                           + ", so the whole question is graded by hand")
        return Mapping("cloze", True, "parts weighted by their points; each part and each entry scores on its own")
    way = grading(answer)
    if way is None:
        return Mapping("essay", False, why_not_gradable(answer))
    key = kind_of(answer).numeric_key(answer) if way == "numbers" else None
    if key is not None and key.shape:
        return Mapping("cloze (numerical fields)", True, "each entry scores on its own; the paper marks the whole")
    return Mapping(MOODLE_TYPES[way], True, NOTES.get(way, ""))


# ---------------------------------------------------------------- XML helpers


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attributes)
    if text is not None:
        element.text = text
    return element


def _html(parent: ET.Element, tag: str, html: str, figures: Sequence[Figure] = ()) -> ET.Element:
    element = _sub(parent, tag, format="html")
    _sub(element, "text", html)
    for figure in dict.fromkeys(figures):
        _sub(element, "file", base64.b64encode(figure.svg).decode("ascii"), name=figure.name, path="/",
             encoding="base64")
    return element


def _grade(share: float) -> str:
    """A fraction from Moodle's list (the nearest, which is within 0.00001 of 100/n)."""
    nearest = min(MOODLE_GRADES, key=lambda g: abs(g - abs(share)))
    return number_text(nearest if share >= 0 else -nearest)


def _cloze_escape(html: str) -> str:
    return "".join("\\" + c if c in CLOZE_SPECIAL else c for c in html)


# ---------------------------------------------------------------- cloze fields


def _numerical_fields(key: NumericKey, weight: int) -> list[str]:
    """One NUMERICAL field per entry; the weight is split evenly (integers: scaled by the caller)."""
    return [f"{{{weight}:NUMERICAL:={number_text(v)}:{tolerance_text(t)}}}" for v, t in zip(key.values, key.tolerances)]


def _numeric_layout(key: NumericKey, fields: list[str]) -> str:
    if len(key.shape) == 2:
        rows, cols = key.shape
        body = "".join("<tr>" + "".join(f"<td>{fields[r * cols + c]}</td>" for c in range(cols)) + "</tr>"
                       for r in range(rows))
        return f"<p>Enter {key.layout}.</p><table class=\"mx-matrix\">{body}</table>"
    if key.shape:
        return f"<p>Enter {key.layout}: ( {' , '.join(fields)} )</p>"
    return f"<p>{fields[0]}</p>"


def _choice_field(answer: Answer, weight: int, texts: Texts, way: str | None) -> str:
    if way == "truth":
        right = answer.value == "true"
        return f"{{{weight}:MULTICHOICE:{'=' if right else ''}True~{'' if right else '='}False}}"
    options = []
    for option, share in zip(answer.options, option_shares(answer, way)):
        text = _cloze_escape(texts[option].inline)
        options.append((("=" if share == 100 else "") if way == "single" else f"%{_grade(share)}%") + text)
    qtype = "MULTICHOICE_V" if way == "single" else "MULTIRESPONSE"
    return f"{{{weight}:{qtype}:{'~'.join(options)}}}"


def _cloze_body(answer: Answer, points: float, texts: Texts) -> str:
    """The embedded answers of a cloze question: one block per part (or one for a whole answer),
    weights in proportion to the paper's points (split evenly across a part's entries)."""
    parts = answer.parts or (answer,)
    fields_per_part = []
    for part in parts:
        key = kind_of(part).numeric_key(part) if grading(part) == "numbers" else None
        fields_per_part.append(len(key.values) if key else 1)
    shares = [float(p.points or 1) / n for p, n in zip(parts, fields_per_part)] if answer.parts else \
        [points / fields_per_part[0]]
    weights = integer_weights(shares)
    blocks = []
    for part, weight in zip(parts, weights):
        way = grading(part)
        if way == "numbers":
            key = numbers_key(part)
            body = _numeric_layout(key, _numerical_fields(key, weight))
        else:
            body = f"<p>{_choice_field(part, weight, texts, way)}</p>"
        if answer.parts:
            prompt = texts[part.prompt_latex].html
            body = f"<div class=\"mx-part\"><p><strong>({part.label})</strong></p>{prompt}{body}</div>"
        blocks.append(body)
    return "".join(blocks)


# ---------------------------------------------------------------- questions


def _common(question: ET.Element, exam: Exam, item: ExamItem, texts: Texts, text_html: str,
            figures: Sequence[Figure], grade: float | None) -> None:
    q = item.question
    _sub(_sub(question, "name"), "text", f"Slot {item.slot + 1:02d} · version {exam.version} · {q.template_id}")
    _html(question, "questiontext", text_html, figures)
    solution = texts[q.solution_latex]
    _html(question, "generalfeedback", solution.html, solution.figures)
    if grade is not None:
        _sub(question, "defaultgrade", number_text(grade))
    _sub(question, "penalty", "0")
    _sub(question, "hidden", "0")
    _sub(question, "idnumber", item_id(exam, item))


def _answer(parent: ET.Element, fraction: str, html: str, fmt: str = "html") -> ET.Element:
    element = _sub(parent, "answer", fraction=fraction, format=fmt)
    _sub(element, "text", html)
    _sub(_sub(element, "feedback", format="html"), "text", "")
    return element


def _question(quiz: ET.Element, exam: Exam, item: ExamItem, texts: Texts) -> None:
    q, answer = item.question, item.question.answer
    prompt = texts[q.prompt_latex]
    mapping = describe(answer)
    if mapping.qtype.startswith("cloze"):
        question = _sub(quiz, "question", type="cloze")
        _common(question, exam, item, texts, prompt.html + _cloze_body(answer, item.points, texts),
                prompt.figures + tuple(f for t in item_texts(answer) for f in texts[t].figures), None)
        return
    way = grading(answer)
    if mapping.qtype == "essay":
        question = _sub(quiz, "question", type="essay")
        _common(question, exam, item, texts, prompt.html + parts_html(answer, texts), prompt.figures, item.points)
        for name, value in (("responseformat", "editor"), ("responserequired", "1"), ("responsefieldlines", "10"),
                            ("attachments", "0"), ("attachmentsrequired", "0")):
            _sub(question, name, value)
        key = kind_of(answer).key_latex(answer)
        solution = texts[q.solution_latex]
        _html(question, "graderinfo", f"<p>Key (LaTeX): {_escape(key)}</p>{solution.html}", solution.figures)
        _html(question, "responsetemplate", "")
        return
    if way in ("single", "multiple"):
        question = _sub(quiz, "question", type="multichoice")
        _common(question, exam, item, texts, prompt.html, prompt.figures, item.points)
        _sub(question, "single", "true" if way == "single" else "false")
        _sub(question, "shuffleanswers", "0")   # the paper's order, so paper and screen agree
        _sub(question, "answernumbering", "ABCD")
        for option, share in zip(answer.options, option_shares(answer, way)):
            _answer(question, _grade(share), texts[option].inline)
        return
    if way == "truth":
        question = _sub(quiz, "question", type="truefalse")
        _common(question, exam, item, texts, prompt.html, prompt.figures, item.points)
        for word in ("true", "false"):
            _answer(question, "100" if answer.value == word else "0", word, "moodle_auto_format")
        return
    numbers = numbers_key(answer)
    question = _sub(quiz, "question", type="numerical")
    _common(question, exam, item, texts, prompt.html, prompt.figures, item.points)
    element = _answer(question, "100", number_text(numbers.values[0]), "moodle_auto_format")
    _sub(element, "tolerance", tolerance_text(numbers.tolerances[0]))
    for name, value in (("unitgradingtype", "0"), ("unitpenalty", "0"), ("showunits", "3"), ("unitsleft", "0")):
        _sub(question, name, value)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def moodle_xml(exams: Sequence[Exam]) -> bytes:
    """The Moodle XML of every version, slot by slot."""
    texts = html_texts(exams, math="tex", figure_src=lambda f: FIGURE_URL + f.name)
    quiz = ET.Element("quiz")
    slots = sorted({item.slot for exam in exams for item in exam.items})
    for slot in slots:
        placed = [(exam, item) for exam in exams for item in exam.items if item.slot == slot]
        category = _sub(quiz, "question", type="category")
        _sub(_sub(category, "category"), "text", f"$course$/top/{slot_name(*placed[0])}")
        _sub(_sub(category, "info", format="html"), "text", "")
        for exam, item in placed:
            _question(quiz, exam, item, texts)
    ET.indent(quiz)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(quiz, encoding="unicode") + "\n").encode("utf-8")


@register("moodle", summary="Moodle XML: one question category per slot, one question per version (moodle.xml)")
def moodle_output(exams: Sequence[Exam], options: RenderOptions) -> dict[str, bytes]:
    return {"moodle.xml": moodle_xml(exams)}
