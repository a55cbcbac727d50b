"""export-report.md, written with every LMS export: for each question of each version, the
question type each LMS format maps its answer to, which ones lose automatic grading and why.
It reads the mappings the format modules register (`lms.LMS_FORMATS`), so it never disagrees
with what they write."""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Exam
from . import RenderOptions, register
from .lms import LMS_FORMATS, item_id


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def export_report(exams: Sequence[Exam]) -> str:
    formats = list(LMS_FORMATS)
    lines = [f"# Export report: {exams[0].title}" if exams else "# Export report", ""]
    if exams:
        lines += [f"Exam {exams[0].exam_id}, seed {exams[0].master_seed}, {len(exams)} version(s). "
                  "For each question: the question type in each LMS format, and whether the LMS grades it "
                  "automatically as the paper key does (yes) or it is graded by hand (no).", ""]
    rows = [(exam, item, {name: LMS_FORMATS[name](item.question.answer) for name in formats})
            for exam in exams for item in exam.items]
    lines += ["## Summary", "", "| format | questions graded automatically | graded by hand |", "|---|---|---|"]
    for name in formats:
        auto = sum(1 for _, _, m in rows if m[name].automatic)
        lines.append(f"| {name} | {auto} of {len(rows)} | {len(rows) - auto} |")
    lines += ["", "## Questions", "",
              "| version | no. | slot | template | kind | points | " + " | ".join(formats) + " | id |",
              "|---|---|---|---|---|---|" + "---|" * len(formats) + "---|"]
    for exam, item, mapped in rows:
        q = item.question
        cells = [f"{m.qtype} ({'yes' if m.automatic else 'no'})" for m in mapped.values()]
        lines.append(f"| {exam.version} | {item.number} | {item.slot + 1} | {q.template_id} | {q.answer.kind} | "
                     f"{item.points:g} | " + " | ".join(cells) + f" | {item_id(exam, item)} |")
    lines += ["", "## What differs from the paper", ""]
    notes = {(name, q.template_id, m[name].note) for _, item, m in rows for name in formats
             for q in (item.question,) if m[name].note}
    if not notes:
        lines.append("Nothing: every question is graded as on paper.")
    for name, template, note in sorted(notes):
        lines.append(f"- {name}, {template}: {_cell(note)}")
    return "\n".join(lines) + "\n"


@register("export-report", summary="how each question maps to each LMS format (export-report.md)")
def export_report_output(exams: Sequence[Exam], options: RenderOptions) -> dict[str, bytes]:
    return {"export-report.md": export_report(exams).encode("utf-8")}
