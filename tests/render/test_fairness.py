"""fairness.md: per slot the form, kind and key position of every version, with warnings."""

from __future__ import annotations

import dataclasses

from mathexams.model import Answer, Exam, ExamItem, ExamSection, Question
from mathexams.render import render_outputs
from mathexams.render.fairness import fairness_markdown


def _exam(version: str, keys: list[int], form: str = "") -> Exam:
    items = []
    for slot, key in enumerate(keys):
        answer = Answer(kind="choice", value="ABCD"[key], latex="", options=("1", "2", "3", "4"), correct=(key,))
        q = Question(template_id=f"t.slot{slot}", seed=slot, title="t", weeks=(1,), track="calculus", cell="1-2/calculus",
                     objective="o", difficulty="L1", points=1, prompt_latex="p", solution_latex="s", answer=answer,
                     form=form)
        items.append(ExamItem(number=slot + 1, slot=slot, occurrence=0, points=1, question=q))
    return Exam(exam_id="e", title="T", course="c", version=version, master_seed=1, code=f"{version}-X", minutes=10,
                instructions="", sections=(ExamSection("S", "", tuple(items)),))


def test_each_slot_shows_the_key_letter_of_every_version_and_a_tally():
    text = fairness_markdown([_exam("A", [0, 1, 2, 3]), _exam("B", [3, 2, 1, 0])])
    assert "| 1 | `t.slot0` | – | choice | (A) | (D) |" in text
    assert "| 4 | `t.slot3` | – | choice | (D) | (A) |" in text
    assert "| A | 1 | 1 | 1 | 1 | 4 |" in text
    assert "None: every slot" in text


def test_a_version_whose_keys_lean_on_one_position_is_flagged():
    text = fairness_markdown([_exam("A", [2, 2, 2, 0]), _exam("B", [0, 1, 2, 3])])
    assert "- version A: (C) is the key of 3 of 4 choice items" in text
    assert "version B:" not in text


def test_versions_drawing_different_forms_in_a_slot_are_flagged():
    b = _exam("B", [0, 1])
    items = list(b.items)
    items[1] = dataclasses.replace(items[1], question=dataclasses.replace(items[1].question, form="hard"))
    b = dataclasses.replace(b, sections=(ExamSection("S", "", tuple(items)),))
    assert "- slot 2: versions draw different templates or forms (2)" in fairness_markdown([_exam("A", [0, 1]), b])


def test_the_report_is_a_default_output_of_the_exam_folder():
    files = render_outputs([_exam("A", [0, 1])], ("fairness",))
    assert list(files) == ["fairness.md"] and files["fairness.md"].startswith(b"# Fairness: T")
