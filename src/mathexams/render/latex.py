"""The LaTeX outputs: exam papers, answer keys and the master key, through the Jinja layouts in
`templates/` (paper.tex, key.tex, master_key.tex).

Renderers read `Exam` data and never compute mathematics; the answer kinds say how a key is
written and which space a student gets on paper. Text a user supplied (titles, course names,
instructions) goes through `latex_escape`, so it can never become a command. Must not import
sympy, the sampler or the bank.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, TemplateError

from ..errors import MathExamsError
from ..kinds import PaperSpace, kind_of, working_space
from ..model import OPTION_LETTERS as LETTERS
from ..model import Answer, Exam, ExamItem, parse_space
from ..resources import layout_folder
from . import PdfStep, RenderOptions, register

QUESTION_MARKER = "%% mathexams-question"

_ESCAPES = {
    "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "$": r"\$", "&": r"\&", "#": r"\#",
    "^": r"\textasciicircum{}", "_": r"\_", "%": r"\%", "~": r"\textasciitilde{}",
    "<": r"\textless{}", ">": r"\textgreater{}", "|": r"\textbar{}", '"': "''",
}


# Characters beyond ASCII that pdflatex with T1/TS1 encodings and utf8 input can typeset: those
# declared in TeX Live's t1enc.dfu, ts1enc.dfu, omsenc.dfu and ot1enc.dfu (others stop the build
# with "Unicode character ... not set up for use with LaTeX").
_TYPESET_RANGES = (
    (0xA0, 0x125), (0x128, 0x137), (0x139, 0x13E), (0x141, 0x148), (0x14A, 0x165), (0x168, 0x17E), (0x192, 0x192),
    (0x1C4, 0x1D4), (0x1E2, 0x1E3), (0x1E6, 0x1EB), (0x1F0, 0x1F0), (0x1F4, 0x1F5), (0x218, 0x21B), (0x232, 0x233),
    (0x237, 0x237), (0x2C7, 0x2C7), (0x2D8, 0x2D9), (0x2DB, 0x2DB), (0x2DD, 0x2DD), (0x1E02, 0x1E03),
    (0x1E0D, 0x1E0D), (0x1E1E, 0x1E21), (0x1E25, 0x1E25), (0x1E30, 0x1E31), (0x1E37, 0x1E37), (0x1E43, 0x1E43),
    (0x1E45, 0x1E45), (0x1E47, 0x1E47), (0x1E5B, 0x1E5B), (0x1E63, 0x1E63), (0x1E6D, 0x1E6D), (0x1E8E, 0x1E91),
    (0x1E9E, 0x1E9E), (0x1EF2, 0x1EF3), (0x2010, 0x2016), (0x2018, 0x201A), (0x201C, 0x201E), (0x2020, 0x2022),
    (0x2030, 0x2031), (0x2039, 0x203B), (0x203D, 0x203D), (0x2044, 0x2044), (0x204E, 0x204E), (0x2052, 0x2052),
    (0x20A1, 0x20A1), (0x20A4, 0x20A4), (0x20A6, 0x20A6), (0x20A9, 0x20A9), (0x20AB, 0x20AC), (0x20B1, 0x20B1),
    (0x2103, 0x2103), (0x2116, 0x2117), (0x211E, 0x211E), (0x2120, 0x2120), (0x2122, 0x2122), (0x2126, 0x2127),
    (0x212E, 0x212E), (0x2190, 0x2193), (0x2329, 0x232A), (0x2422, 0x2423), (0x25E6, 0x25E6), (0x25EF, 0x25EF),
    (0x266A, 0x266A), (0x27E8, 0x27E9), (0x3008, 0x3009), (0xFB00, 0xFB06),
)
_TYPESET = frozenset(c for lo, hi in _TYPESET_RANGES for c in range(lo, hi + 1))


def _typesettable(ch: str) -> str:
    """`ch` itself when pdflatex can print it, a plain equivalent (NFKD: 'ℌ' -> 'H'), a space for
    any separator (U+2028 included), or nothing (emoji, scripts the fonts lack, format characters)."""
    if ord(ch) in _TYPESET:
        return ch
    category = unicodedata.category(ch)
    if category in ("Zs", "Zl", "Zp"):
        return " "
    plain = unicodedata.normalize("NFKD", ch)
    if plain != ch and all((32 <= ord(c) < 127 or ord(c) in _TYPESET) for c in plain if not unicodedata.combining(c)):
        return "".join(c for c in plain if not unicodedata.combining(c))
    return ""


def latex_escape(text: object) -> str:
    """Text as LaTeX that prints it literally: specials escaped, control characters dropped,
    line breaks become spaces (a user's title can never start a command or a new paragraph),
    and characters pdflatex cannot typeset (emoji, U+2028) replaced or dropped."""
    out = []
    for ch in str(text):
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ch in "\n\r\t":
            out.append(" ")
        elif ord(ch) < 32 or ord(ch) == 127:
            continue
        elif ord(ch) < 127:
            out.append(ch)
        else:
            out.append(_escape_plain(_typesettable(ch)))
    return "".join(out)


def _escape_plain(text: str) -> str:
    return "".join(_ESCAPES.get(c, c) for c in text)


def format_points(value: float) -> str:
    """3.0 -> '3', 2.5 -> '2.5'."""
    return f"{value:g}"


def answer_text(answer: Answer, compact: bool = False) -> str:
    """LaTeX of a key, as its kind writes it: the value in math mode, the letter and text of the
    right option(s), the parts in turn."""
    return kind_of(answer).key_latex(answer, compact)


GRID_LONG_CHARS = 70     # a key longer than this LaTeX (or a matrix, a display) is "see key" in the grid


def grid_answer(answer: Answer) -> str:
    """A master-key cell: the compact key, shrunk to the column if need be; parts one per line; a
    key too long to read in a cell (a matrix, a long expression) refers to the version's key."""
    if answer.parts:
        return r"\newline ".join(_grid_key(p, f"({latex_escape(p.label)})~") for p in answer.parts)
    return _grid_key(answer)


def _grid_key(answer: Answer, label: str = "") -> str:
    key = answer_text(answer, compact=True)
    if len(key) > GRID_LONG_CHARS or r"\begin" in key or r"\\" in key:
        return label + r"\textit{see key}"
    return rf"\mxfit{{{label}{key}}}"


def row_points(exams: Sequence[Exam], row: int) -> str:
    """The points of question `row + 1` when every version gives it the same, else "" (each cell
    then shows its own)."""
    values = {exam.items[row].points for exam in exams}
    return format_points(values.pop()) if len(values) == 1 else ""


def credit_rule_text(answer: Answer) -> str:
    """The partial-credit rule the key states for an answer ("" when it is simply right or wrong)."""
    return kind_of(answer).credit_rule(answer)


def work_length(answer: Answer) -> str:
    """The working space left above an answer's box, as a LaTeX length: the template's `space`, or
    its kind's default for the answer's points (kinds.working_space)."""
    amount, unit = parse_space(working_space(answer) or "0cm")
    return f"{amount:g}cm" if unit == "cm" else f"{amount:g}\\baselineskip"


def paper_space(answer: Answer) -> PaperSpace:
    """The macro of spaces.tex (with arguments) that draws the answer's space on paper."""
    return kind_of(answer).paper_space(answer)


def question_marker(item: ExamItem) -> str:
    """A comment line that lets a LaTeX error be traced back to its question."""
    q = item.question
    return f"{QUESTION_MARKER} {item.number} {q.template_id} seed {q.seed}"


@lru_cache(maxsize=4)
def layout_environment(folder: Path) -> Environment:
    """The Jinja environment of the layouts in `folder`, with LaTeX-friendly delimiters."""
    env = Environment(
        loader=FileSystemLoader(str(folder)),
        block_start_string=r"\BLOCK{", block_end_string="}",
        variable_start_string=r"\VAR{", variable_end_string="}",
        comment_start_string=r"\#{", comment_end_string="}",
        trim_blocks=True, lstrip_blocks=True, autoescape=False, undefined=StrictUndefined,
        keep_trailing_newline=True,
    )
    env.filters["e"] = latex_escape
    env.filters["points"] = format_points
    env.globals.update(letters=LETTERS, answer_text=answer_text, paper_space=paper_space, marker=question_marker,
                       grid_answer=grid_answer, row_points=row_points,
                       credit_rule_text=credit_rule_text, work_length=work_length)
    return env


def render_layout(layout: str, exams: Sequence[Exam], options: RenderOptions = RenderOptions()) -> str:
    """Render one layout ('paper.tex', 'key.tex', 'master_key.tex') for the given versions."""
    folder = options.layouts or layout_folder()
    try:
        return layout_environment(folder).get_template(layout).render(exams=list(exams))
    except TemplateError as exc:
        lineno = getattr(exc, "lineno", None)
        where = f" line {lineno}" if lineno else ""
        raise MathExamsError(f"{folder / layout}{where}: layout error: {exc.message}") from None


def render_papers(exams: Sequence[Exam], options: RenderOptions = RenderOptions()) -> str:
    """The exam papers of all versions, as one LaTeX document."""
    return render_layout("paper.tex", exams, options)


def render_keys(exams: Sequence[Exam], options: RenderOptions = RenderOptions()) -> str:
    """The answer keys with worked solutions of all versions, as one LaTeX document."""
    return render_layout("key.tex", exams, options)


def render_master_key(exams: Sequence[Exam], options: RenderOptions = RenderOptions()) -> str:
    """The instructor's master key: one table of every version's answers."""
    return render_layout("master_key.tex", exams, options)


# Papers and keys print "page x of y", so they are typeset until the page references settle; the
# master key needs one pass (its only label marks where it ends).
@register("paper", summary="the exam papers of every version (LaTeX; PDF, one per version)",
          pdf={"latex/papers.tex": PdfStep(settle=True, per_version="paper")})
def paper_output(exams: Sequence[Exam], options: RenderOptions) -> dict[str, bytes]:
    return {"latex/papers.tex": render_papers(exams, options).encode("utf-8")}


@register("key", summary="answer keys with worked solutions (LaTeX; PDF, one per version)",
          pdf={"latex/keys.tex": PdfStep(settle=True, per_version="key")})
def key_output(exams: Sequence[Exam], options: RenderOptions) -> dict[str, bytes]:
    return {"latex/keys.tex": render_keys(exams, options).encode("utf-8")}


@register("master-key", summary="one table of every version's answers (LaTeX; PDF)",
          pdf={"latex/master-key.tex": PdfStep(settle=False)})
def master_key_output(exams: Sequence[Exam], options: RenderOptions) -> dict[str, bytes]:
    return {"latex/master-key.tex": render_master_key(exams, options).encode("utf-8")}
