"""questions.json: every version's questions as data (LaTeX texts, typed answers, points, slots
and the stable ids the LMS exports use), for tools of your own. Instructor material: it holds
the keys, the worked solutions and each question's template id and seed."""

from __future__ import annotations

import json
from collections.abc import Sequence

from ..model import Exam
from . import RenderOptions, register
from .lms import item_id

JSON_FORMAT = "mathexams-questions/1"


def questions_data(exams: Sequence[Exam]) -> dict:
    return {
        "format": JSON_FORMAT,
        "exam_id": exams[0].exam_id if exams else "",
        "title": exams[0].title if exams else "",
        "course": exams[0].course if exams else "",
        "master_seed": exams[0].master_seed if exams else 0,
        "versions": [{
            "version": exam.version, "code": exam.code, "total_points": exam.total_points,
            "items": [{
                "id": item_id(exam, item), "number": item.number, "slot": item.slot, "section": section.title,
                "points": item.points, "template_id": item.question.template_id, "seed": item.question.seed,
                "form": item.question.form, "prompt_latex": item.question.prompt_latex,
                "solution_latex": item.question.solution_latex, "answer": item.question.answer.to_dict(),
            } for section in exam.sections for item in section.items],
        } for exam in exams],
    }


@register("json", summary="every version's questions, answers and solutions as JSON (questions.json)")
def json_output(exams: Sequence[Exam], options: RenderOptions) -> dict[str, bytes]:
    return {"questions.json": (json.dumps(questions_data(exams), indent=2, ensure_ascii=False) + "\n").encode("utf-8")}
