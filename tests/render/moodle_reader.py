"""A reader of Moodle XML that checks what Moodle's importer needs, written from Moodle's own
importer (question/format/xml/format.php: import_headers, import_multichoice, import_truefalse,
import_numerical, import_essay, import_multianswer; the format is described at
docs.moodle.org/en/Moodle_XML_format) and the Cloze syntax (docs.moodle.org/en/Embedded_Answers_(Cloze)_question_type,
question/type/multianswer/questiontype.php). It is the tests' independent reading of what the
export wrote: any structural problem raises MoodleFormatError naming the question.
"""

from __future__ import annotations

import base64
import math
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

TYPES = {"category", "multichoice", "truefalse", "numerical", "essay", "cloze", "shortanswer", "description"}
TEXT_FORMATS = {"html", "moodle_auto_format", "plain_text", "markdown", "wiki_like"}
NUMBERINGS = {"abc", "ABCD", "123", "iii", "IIII", "none"}
# the grades Moodle's multichoice form accepts (question_bank::fraction_options_full)
GRADES = {100, 90, 83.33333, 80, 75, 70, 66.66667, 60, 50, 40, 33.33333, 30, 25, 20, 16.66667, 14.28571, 12.5,
          11.11111, 10, 5, 0}
# qtype_multianswer's subquestion pattern: {weight:TYPE:answers}
CLOZE_FIELD = re.compile(r"\{(\d*):(NUMERICAL|NM|MULTICHOICE(?:_[VHS]|_HS|_VS)?|MC[VHS]?|MULTIRESPONSE(?:_[HS]|_HS)?|"
                         r"MR[HS]?|SHORTANSWER(?:_C)?|SA|MW|SAC|MWC):((?:\\.|[^}\\])*)\}")


class MoodleFormatError(AssertionError):
    pass


@dataclass
class Choice:
    text: str
    fraction: float


@dataclass
class ClozeField:
    weight: int
    qtype: str
    answers: list[tuple[float, str, float | None]]   # (fraction, text or value, tolerance)


@dataclass
class MoodleQuestion:
    qtype: str
    category: str
    name: str
    text: str
    general_feedback: str
    idnumber: str
    default_grade: float | None
    choices: list[Choice] = field(default_factory=list)
    single: bool = True
    numerical: list[tuple[float, float, float]] = field(default_factory=list)   # (fraction, value, tolerance)
    truth: bool | None = None
    cloze: list[ClozeField] = field(default_factory=list)
    grader_info: str = ""
    files: dict[str, bytes] = field(default_factory=dict)


def _text(element: ET.Element | None, where: str, tag: str) -> str:
    if element is None:
        raise MoodleFormatError(f"{where}: no <{tag}>")
    text = element.find("text")
    if text is None:
        raise MoodleFormatError(f"{where}: <{tag}> without <text>")
    if element.get("format") is not None and element.get("format") not in TEXT_FORMATS:
        raise MoodleFormatError(f"{where}: <{tag}> has unknown format {element.get('format')!r}")
    return text.text or ""


def _files(element: ET.Element, where: str) -> dict[str, bytes]:
    out = {}
    for f in element.findall("file"):
        if f.get("encoding") != "base64" or not f.get("name"):
            raise MoodleFormatError(f"{where}: <file> needs a name and encoding=base64")
        out[f.get("name")] = base64.b64decode(f.text or "", validate=True)
    return out


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def _split(answers: str) -> list[str]:
    """Cloze answers separated by unescaped ~."""
    return [a for a in re.split(r"(?<!\\)~", answers)]


def parse_cloze(text: str, where: str) -> list[ClozeField]:
    fields = []
    for match in CLOZE_FIELD.finditer(text):
        weight = int(match.group(1) or 1)
        qtype = match.group(2)
        answers = []
        for raw in _split(match.group(3)):
            raw = re.split(r"(?<!\\)#", raw)[0]
            if raw.startswith("="):
                fraction, body = 100.0, raw[1:]
            elif raw.startswith("%"):
                grade, body = raw[1:].split("%", 1)
                fraction = float(grade)
            else:
                fraction, body = 0.0, raw
            if qtype in ("NUMERICAL", "NM"):
                value, _, tolerance = body.partition(":")
                answers.append((fraction, float(value), float(tolerance or 0)))
            else:
                answers.append((fraction, _unescape(body), None))
        if not any(a[0] == 100 for a in answers) and not qtype.startswith(("MULTIRESPONSE", "MR")):
            raise MoodleFormatError(f"{where}: cloze field {match.group(0)[:60]} has no fully correct answer")
        if qtype.startswith(("MULTIRESPONSE", "MR")) and not math.isclose(sum(a[0] for a in answers if a[0] > 0), 100,
                                                                        abs_tol=0.01):
            raise MoodleFormatError(f"{where}: positive grades of a MULTIRESPONSE field do not sum to 100")
        fields.append(ClozeField(weight, qtype, answers))
    if not fields:
        raise MoodleFormatError(f"{where}: a cloze question without any embedded answer")
    return fields


def read_moodle(data: bytes) -> list[MoodleQuestion]:
    root = ET.fromstring(data)
    if root.tag != "quiz":
        raise MoodleFormatError("the root element is not <quiz>")
    category = ""
    out = []
    ids = set()
    for n, q in enumerate(root):
        where = f"question {n}"
        if q.tag != "question" or q.get("type") not in TYPES:
            raise MoodleFormatError(f"{where}: <{q.tag} type={q.get('type')!r}> is not a Moodle question")
        qtype = q.get("type")
        if qtype == "category":
            category = _text(q.find("category"), where, "category")
            if not category.startswith("$course$/"):
                raise MoodleFormatError(f"{where}: category {category!r} outside the course's bank")
            continue
        if not category:
            raise MoodleFormatError(f"{where}: a question before any category")
        name = _text(q.find("name"), where, "name")
        where = f"{where} ({name})"
        questiontext = q.find("questiontext")
        text = _text(questiontext, where, "questiontext")
        feedback_element = q.find("generalfeedback")
        files = {**_files(questiontext, where), **_files(feedback_element, where)}
        for used in re.findall(r"@@PLUGINFILE@@/([^\"']+)", text):
            if used not in _files(questiontext, where):
                raise MoodleFormatError(f"{where}: the text shows {used}, which is not embedded with it")
        idnumber = (q.findtext("idnumber") or "").strip()
        if idnumber in ids or not idnumber:
            raise MoodleFormatError(f"{where}: missing or repeated idnumber {idnumber!r}")
        ids.add(idnumber)
        grade = q.findtext("defaultgrade")
        question = MoodleQuestion(qtype, category, name, text, _text(feedback_element, where, "generalfeedback"),
                                  idnumber, float(grade) if grade is not None else None, files=files)
        penalty = float(q.findtext("penalty", "0.3333333"))
        if not 0 <= penalty <= 1:
            raise MoodleFormatError(f"{where}: penalty {penalty} outside 0..1")
        if qtype == "multichoice":
            question.single = q.findtext("single", "true").strip() != "false"
            if q.findtext("answernumbering", "abc") not in NUMBERINGS:
                raise MoodleFormatError(f"{where}: unknown answernumbering")
            for a in q.findall("answer"):
                fraction = float(a.get("fraction", "0"))
                if abs(fraction) not in GRADES:
                    raise MoodleFormatError(f"{where}: fraction {fraction} is not one of Moodle's grades")
                question.choices.append(Choice(_text(a, where, "answer"), fraction))
            if len(question.choices) < 2:
                raise MoodleFormatError(f"{where}: a multichoice question needs two answers")
            if question.single and max(c.fraction for c in question.choices) != 100:
                raise MoodleFormatError(f"{where}: a single-answer question needs one answer at 100 %")
            if not question.single and not math.isclose(sum(c.fraction for c in question.choices if c.fraction > 0),
                                                        100, abs_tol=0.01):
                raise MoodleFormatError(f"{where}: the positive fractions of a multiple-answer question "
                                        "do not sum to 100 %")
        elif qtype == "truefalse":
            answers = {(_text(a, where, "answer")).strip(): float(a.get("fraction", "0")) for a in q.findall("answer")}
            if set(answers) != {"true", "false"} or sorted(answers.values()) != [0, 100]:
                raise MoodleFormatError(f"{where}: truefalse needs answers true and false, one at 100 %")
            question.truth = answers["true"] == 100
        elif qtype == "numerical":
            for a in q.findall("answer"):
                tolerance = a.findtext("tolerance")
                if tolerance is None:
                    raise MoodleFormatError(f"{where}: a numerical answer without <tolerance>")
                value = float(_text(a, where, "answer"))
                question.numerical.append((float(a.get("fraction", "0")), value, float(tolerance)))
            if not any(f == 100 for f, _, _ in question.numerical):
                raise MoodleFormatError(f"{where}: a numerical question without a 100 % answer")
            if any(t < 0 for _, _, t in question.numerical):
                raise MoodleFormatError(f"{where}: a negative tolerance")
        elif qtype == "essay":
            question.grader_info = _text(q.find("graderinfo"), where, "graderinfo")
            if q.findtext("responseformat") not in ("editor", "editorfilepicker", "plain", "monospaced", "noinline"):
                raise MoodleFormatError(f"{where}: unknown responseformat")
        elif qtype == "cloze":
            question.cloze = parse_cloze(text, where)
        out.append(question)
    return out
