"""Render exams to LaTeX through the Jinja layouts in `templates/` (paper, key, master key).

Renderers read `Exam` data and never compute mathematics; text a user supplied (titles,
course names, instructions) goes through `latex_escape`, so it can never become a command.
Must not import sympy, the sampler or the bank.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Sequence

from jinja2 import Environment, FileSystemLoader, StrictUndefined, TemplateError

from ..errors import MathExamsError
from ..model import OPTION_LETTERS as LETTERS, Answer, Exam, ExamItem

LAYOUT_DIR = Path(__file__).resolve().parents[3] / "templates"
QUESTION_MARKER = "%% mathexams-question"

_ESCAPES = {
    "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "$": r"\$", "&": r"\&", "#": r"\#",
    "^": r"\textasciicircum{}", "_": r"\_", "%": r"\%", "~": r"\textasciitilde{}",
    "<": r"\textless{}", ">": r"\textgreater{}", "|": r"\textbar{}", '"': "''",
}


def latex_escape(text: object) -> str:
    """Text as LaTeX that prints it literally: specials escaped, control characters dropped,
    line breaks become spaces (a user's title can never start a command or a new paragraph)."""
    out = []
    for ch in str(text):
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ch in "\n\r\t":
            out.append(" ")
        elif ord(ch) < 32 or ord(ch) == 127:
            continue
        else:
            out.append(ch)
    return "".join(out)


def format_points(value: float) -> str:
    """3.0 -> '3', 2.5 -> '2.5'."""
    return f"{value:g}"


def answer_text(answer: Answer, compact: bool = False) -> str:
    """LaTeX of a key: the value in math mode, the letter and text of the right option(s)."""
    if answer.parts:
        sep = "; " if compact else r"\quad "
        return sep.join(f"({p.label})~{answer_text(p, compact)}" for p in answer.parts)
    if answer.kind in ("choice", "multichoice"):
        if not answer.correct:
            return "none of the options"
        if compact:
            return ", ".join(f"({LETTERS[i]})" for i in answer.correct)
        return "; ".join(f"\\textbf{{({LETTERS[i]})}}~{answer.options[i]}" for i in answer.correct)
    if answer.kind == "truefalse":
        return "True" if answer.value == "true" else "False"
    text = f"${answer.latex}$"
    if answer.kind == "decimal" and not compact:
        tol = f"\\pm {answer.abs_tol:g}" if answer.abs_tol else f"\\text{{relative }} {answer.rel_tol:g}"
        text += f" \\quad (accepted within ${tol}$)"
    if answer.equivalence == "constant" and not compact:
        text += r" \quad (any constant may be added)"
    if answer.equivalence == "scale" and not compact:
        text += r" \quad (or any non-zero multiple)"
    if answer.equivalence == "sign" and not compact:
        text += r" \quad (or its negative)"
    return text


def question_marker(item: ExamItem) -> str:
    """A comment line that lets a LaTeX error be traced back to its question."""
    q = item.question
    return f"{QUESTION_MARKER} {item.number} {q.template_id} seed {q.seed}"


@lru_cache(maxsize=1)
def layout_environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(LAYOUT_DIR)),
        block_start_string=r"\BLOCK{", block_end_string="}",
        variable_start_string=r"\VAR{", variable_end_string="}",
        comment_start_string=r"\#{", comment_end_string="}",
        trim_blocks=True, lstrip_blocks=True, autoescape=False, undefined=StrictUndefined,
        keep_trailing_newline=True,
    )
    env.filters["e"] = latex_escape
    env.filters["points"] = format_points
    env.globals.update(letters=LETTERS, answer_text=answer_text, marker=question_marker)
    return env


def render_layout(layout: str, exams: Sequence[Exam]) -> str:
    """Render one layout ('paper.tex', 'key.tex', 'master_key.tex') for the given versions."""
    try:
        return layout_environment().get_template(layout).render(exams=list(exams))
    except TemplateError as exc:
        where = f" line {exc.lineno}" if getattr(exc, "lineno", None) else ""
        raise MathExamsError(f"{LAYOUT_DIR / layout}{where}: layout error: {exc.message}") from None


def render_papers(exams: Sequence[Exam]) -> str:
    """The exam papers of all versions, as one LaTeX document."""
    return render_layout("paper.tex", exams)


def render_keys(exams: Sequence[Exam]) -> str:
    """The answer keys with worked solutions of all versions, as one LaTeX document."""
    return render_layout("key.tex", exams)


def render_master_key(exams: Sequence[Exam]) -> str:
    """The instructor's master key: one table of every version's answers."""
    return render_layout("master_key.tex", exams)
