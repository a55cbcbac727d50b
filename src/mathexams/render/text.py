"""The plain-text output: papers and keys as UTF-8 text (prompts keep their LaTeX), for a quick
look without TeX, for diffs and for tests that read an exam's content without parsing LaTeX.

Like every renderer it reads `Exam` data only: the kinds say how a key reads as text. A paper
shows no seed (the seed gives the answers away); the keys do.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..kinds import kind_of
from ..model import OPTION_LETTERS, Answer, Exam
from . import RenderOptions, register


def _points(value: float) -> str:
    return f"{value:g} point{'' if value == 1 else 's'}"


def _indent(text: str, prefix: str = "   ") -> list[str]:
    return [prefix + line if line.strip() else "" for line in text.strip().splitlines()]


def _options(answer: Answer, prefix: str) -> list[str]:
    return [f"{prefix}({OPTION_LETTERS[i]}) {option}" for i, option in enumerate(answer.options)]


def paper_text(exam: Exam) -> str:
    """One version's paper."""
    lines = [f"{exam.title}", f"{exam.course} · Version {exam.version} · {exam.code} · {exam.minutes} minutes · "
             f"{_points(exam.total_points)}"]
    if exam.instructions:
        lines += ["", exam.instructions]
    for section in exam.sections:
        lines += ["", f"## {section.title}"]
        if section.instructions:
            lines.append(section.instructions)
        for item in section.items:
            answer = item.question.answer
            lines += ["", f"{item.number}. ({_points(item.points)})", *_indent(item.question.prompt_latex)]
            lines += _options(answer, "   ")
            for part in answer.parts:
                lines += [f"   ({part.label}) {part.prompt_latex.strip()} ({_points(part.points)})",
                          *_options(part, "       ")]
    return "\n".join(lines) + "\n"


def key_text(exam: Exam) -> str:
    """One version's key: every answer as its kind writes it as text, with template id and seed."""
    lines = [f"Answer key: {exam.title}", f"Version {exam.version} · {exam.code} · seed {exam.master_seed}"]
    for item in exam.items:
        question = item.question
        lines.append(f"{item.number}. {kind_of(question.answer).key_text(question.answer)}"
                     f"    [{question.template_id}, seed {question.seed}, {_points(item.points)}]")
    return "\n".join(lines) + "\n"


@register("text", summary="papers and keys as plain text (no PDF)")
def text_output(exams: Sequence[Exam], options: RenderOptions) -> dict[str, bytes]:
    papers = "\n\f\n".join(paper_text(e) for e in exams)   # a form feed between versions
    keys = "\n".join(key_text(e) for e in exams)
    return {"text/papers.txt": papers.encode("utf-8"), "text/keys.txt": keys.encode("utf-8")}
