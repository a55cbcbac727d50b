"""Every template of the bank, over 20 seeds, exports to every LMS format without error, and what
each export writes is read back by its reader (the bank grows: this runs over whatever is in it)."""

from __future__ import annotations

import pytest
from moodle_reader import read_moodle
from test_gift import _read as read_gift

from mathexams.model import Exam, ExamItem, ExamSection
from mathexams.render import RenderOptions, render_outputs
from mathexams.render.lms import LMS_FORMATS
from mathexams.sampler import sample_question

pytestmark = [pytest.mark.latex, pytest.mark.slow]
SEEDS = range(1, 21)


@pytest.fixture(scope="module")
def every_template(bank):
    """One 'version' per seed, each holding every template of the bank drawn with that seed."""
    templates = list(bank)
    return [Exam(exam_id="bank", title="Every template", course="mathexams", version=f"S{seed}", master_seed=seed,
                 code=f"BANK-{seed}", minutes=0, instructions="", sections=(ExamSection("All", "", tuple(
                     ExamItem(number=i + 1, slot=i, occurrence=0, points=t.points, question=sample_question(t, seed))
                     for i, t in enumerate(templates))),))
            for seed in SEEDS]


def test_every_template_exports_to_moodle(every_template):
    data = render_outputs(every_template, ["moodle"], RenderOptions())["moodle.xml"]
    questions = read_moodle(data)
    assert len(questions) == sum(len(e.items) for e in every_template)


def test_every_template_exports_to_gift(every_template):
    text = render_outputs(every_template, ["gift"], RenderOptions())["gift.txt"].decode()
    questions = read_gift(text)
    assert len(questions) == sum(len(e.items) for e in every_template)
    assert all(q.title.startswith("Slot ") for q in questions)


def test_every_template_exports_to_html(every_template):
    files = render_outputs(every_template, ["html"], RenderOptions())
    assert len(files) == len(every_template) + 1
    keys = files["html/keys.html"].decode()
    assert all(f"{t.question.template_id}, seed {t.question.seed}]" in keys for t in every_template[0].items)


def test_every_template_exports_to_json_and_the_report(every_template):
    files = render_outputs(every_template, ["json", "export-report"], RenderOptions())
    report = files["export-report.md"].decode()
    for name in LMS_FORMATS:
        assert f"| {name} | " in report
