"""Moodle XML export: read back by a checker written from Moodle's importer (moodle_reader.py),
round-tripped against the exams, and graded by mathexams' own answer checker: every value the
export keys as right is right for the checker, and a response just outside the exported
tolerance is wrong for it too (so tolerances mean on Moodle what they mean on paper)."""

from __future__ import annotations

import html
import json
import re

import pytest
from moodle_reader import MoodleFormatError, read_moodle

from mathexams.assemble import build_versions
from mathexams.blueprint import load_blueprint
from mathexams.cli import main
from mathexams.judge import judge_text
from mathexams.model import Answer
from mathexams.render import RenderOptions, render_outputs
from mathexams.render.lms import integer_weights, item_id
from mathexams.render.moodle import describe

pytestmark = pytest.mark.latex   # figures are typeset by pdflatex


@pytest.fixture(scope="module")
def exams(bank):
    blueprint = load_blueprint(bank.curriculum.review_blueprint("5-6"), bank.curriculum)
    return build_versions(blueprint, bank, 2**33 + 5, 3, code_key=bytes(32))


@pytest.fixture(scope="module")
def moodle(exams):
    return render_outputs(exams, ["moodle"], RenderOptions())["moodle.xml"]


def _number(value: float) -> str:
    return repr(float(value))


def _accepted(answer: Answer, text: str) -> bool:
    return judge_text(answer, text, 1).correct


def _check_numeric_entries(answer: Answer, entries: list[tuple[float, float]], where: str) -> None:
    """The exported values are right for the checker; each one pushed 1.5 tolerances off is wrong."""
    def typed(values: list[float]) -> str:
        shown = ", ".join(_number(v) for v in values)
        if answer.kind == "vector":
            return f"({shown})"
        if answer.kind == "set":
            return "{" + shown + "}"
        if answer.kind == "matrix":
            rows, cols = answer.shape
            return "[" + ", ".join("[" + ", ".join(_number(values[r * cols + c]) for c in range(cols)) + "]"
                                   for r in range(rows)) + "]"
        return shown
    values = [v for v, _ in entries]
    assert _accepted(answer, typed(values)), f"{where}: the exported key {typed(values)} is wrong for the checker"
    for i, (value, tolerance) in enumerate(entries):
        if tolerance == 0:
            continue
        inside = values[:i] + [value + 0.9 * tolerance] + values[i + 1:]
        outside = values[:i] + [value + 1.5 * tolerance] + values[i + 1:]
        assert _accepted(answer, typed(inside)), f"{where}: inside the tolerance but wrong for the checker"
        assert not _accepted(answer, typed(outside)), f"{where}: outside the tolerance but right for the checker"


def _check_choice_field(answer: Answer, answers: list, where: str) -> None:
    if answer.kind == "truefalse":
        assert [t for f, t, _ in answers if f == 100] == ["True" if answer.value == "true" else "False"], where
        return
    assert len(answers) == len(answer.options), where
    right = [i for i, (f, _, _) in enumerate(answers) if f > 0]
    assert right == list(answer.correct), where


def _inline_math(latex: str) -> list[str]:
    return [m.strip() for m in re.findall(r"(?<!\\)\$([^$]+)\$", latex)]


def test_every_question_round_trips(exams, moodle):
    questions = {q.idnumber: q for q in read_moodle(moodle)}
    assert len(questions) == sum(len(e.items) for e in exams)
    categories = {}
    for exam in exams:
        for item in exam.items:
            q = questions[item_id(exam, item)]
            answer = item.question.answer
            where = f"version {exam.version} question {item.number} ({item.question.template_id})"
            categories.setdefault(item.slot, set()).add(q.category)
            text = html.unescape(q.text)
            for formula in _inline_math(item.question.prompt_latex):
                assert f"\\({formula}\\)" in text, f"{where}: formula {formula!r} lost"
            assert q.general_feedback.strip(), f"{where}: no worked solution"
            mapping = describe(answer)
            if q.qtype != "cloze":
                assert q.default_grade == item.points, where
            if mapping.qtype == "essay":
                assert q.qtype == "essay" and not mapping.automatic
                assert q.grader_info.strip(), where
            elif q.qtype == "multichoice":
                assert q.single == (answer.kind == "choice"), where
                assert len(q.choices) == len(answer.options), where
                right = [i for i, c in enumerate(q.choices) if c.fraction > 0]
                assert right == list(answer.correct), where
            elif q.qtype == "truefalse":
                assert q.truth == (answer.value == "true"), where
            elif q.qtype == "numerical":
                [(fraction, value, tolerance)] = q.numerical
                assert fraction == 100
                _check_numeric_entries(answer, [(value, tolerance)], where)
            else:
                assert q.qtype == "cloze", where
                parts = answer.parts or (answer,)
                fields = iter(q.cloze)
                weights = []
                for part in parts:
                    if part.kind in ("choice", "multichoice", "truefalse"):
                        field = next(fields)
                        _check_choice_field(part, field.answers, f"{where} part {part.label}")
                        weights.append(field.weight)
                    else:
                        taken = [next(fields) for _ in range(_entry_count(part))]
                        _check_numeric_entries(part, [(f.answers[0][1], f.answers[0][2]) for f in taken],
                                               f"{where} part {part.label}")
                        weights.append(sum(f.weight for f in taken))
                assert next(fields, None) is None, f"{where}: more fields than parts"
                if answer.parts:   # weights in the proportions of the paper's points
                    assert integer_weights([p.points for p in parts]) == integer_weights(weights), where
    # one category per slot, holding that slot's question of every version
    assert all(len(c) == 1 for c in categories.values())
    assert len({next(iter(c)) for c in categories.values()}) == len(categories)


def _entry_count(answer: Answer) -> int:
    if answer.kind == "matrix":
        return answer.shape[0] * answer.shape[1]
    if answer.kind == "vector":
        return answer.shape[0]
    if answer.kind == "set":
        return len(answer.value.strip("{}").split(","))
    return 1


def test_the_mapping_is_reported_and_counts_automatic_grading(exams):
    files = render_outputs(exams, ["moodle", "export-report"], RenderOptions())
    report = files["export-report.md"].decode()
    automatic = sum(describe(i.question.answer).automatic for e in exams for i in e.items)
    total = sum(len(e.items) for e in exams)
    assert f"| moodle | {automatic} of {total} |" in report
    for exam in exams:
        for item in exam.items:
            assert item_id(exam, item) in report


def test_choice_kinds_map_to_moodle_types():
    assert describe(Answer("choice", options=("a", "b"), correct=(1,))).qtype == "multichoice (single)"
    assert describe(Answer("multichoice", options=("a", "b", "c"), correct=(0, 2))).qtype == "multichoice (multiple)"
    assert describe(Answer("truefalse", value="true")).qtype == "truefalse"
    none_right = describe(Answer("multichoice", options=("a", "b"), correct=()))
    assert none_right.qtype == "essay" and "no option is right" in none_right.note
    assert describe(Answer("expression", value="x**2", variables=("x",))).qtype == "essay"
    assert describe(Answer("number", value="1/3", exact_form=True)).qtype == "essay"
    assert describe(Answer("number", value="1/3")).qtype == "numerical"


def test_the_reader_refuses_what_moodle_would(moodle):
    broken = moodle.replace(b'fraction="100"', b'fraction="99"', 1)
    with pytest.raises(MoodleFormatError):
        read_moodle(broken)
    with pytest.raises(MoodleFormatError, match="tolerance"):
        read_moodle(re.sub(rb"<tolerance>[^<]*</tolerance>", b"", moodle, count=1))


def test_versions_share_ids_only_with_themselves(exams, bank):
    again = build_versions(load_blueprint(bank.curriculum.review_blueprint("5-6"), bank.curriculum), bank,
                           2**33 + 5, 3, code_key=bytes(32))
    assert render_outputs(again, ["moodle"], RenderOptions())["moodle.xml"] == \
        render_outputs(exams, ["moodle"], RenderOptions())["moodle.xml"]


def test_export_from_the_record_is_byte_identical_to_build_time(tmp_path, capsys):
    assert main(["quiz", "--weeks", "1-2", "--seed", "5", "--versions", "2", "--format", "moodle", "--format", "json",
                 "--out", str(tmp_path / "built")]) == 0
    built = tmp_path / "built" / "review-01-02-seed5"
    manifest = json.loads((built / "manifest.json").read_text())
    assert set(manifest["files_sha256"]) == {"moodle.xml", "questions.json", "export-report.md"}
    later = tmp_path / "later"
    later.mkdir()
    (later / "manifest.json").write_text((built / "manifest.json").read_text())
    assert main(["export", str(later / "manifest.json"), "--format", "moodle", "--format", "json"]) == 0
    for name in ("moodle.xml", "questions.json", "export-report.md"):
        assert (later / name).read_bytes() == (built / name).read_bytes(), name


def test_export_never_overwrites_silently(tmp_path, capsys):
    assert main(["quiz", "--weeks", "1-2", "--seed", "6", "--format", "json", "--out", str(tmp_path)]) == 0
    manifest = tmp_path / "review-01-02-seed6" / "manifest.json"
    before = (manifest.parent / "questions.json").read_bytes()
    capsys.readouterr()
    assert main(["export", str(manifest), "--format", "json"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "questions.json already there; pass --force" in err
    assert (manifest.parent / "questions.json").read_bytes() == before
    assert not list(manifest.parent.glob(".export-*"))
    assert main(["export", str(manifest), "--format", "json", "--force"]) == 0
    assert (manifest.parent / "questions.json").read_bytes() == before


def test_export_refuses_latex_and_unknown_formats(tmp_path, capsys):
    assert main(["quiz", "--weeks", "1-2", "--seed", "7", "--format", "json", "--out", str(tmp_path)]) == 0
    manifest = tmp_path / "review-01-02-seed7" / "manifest.json"
    capsys.readouterr()
    assert main(["export", str(manifest), "--format", "latex"]) == 2
    assert "regen" in capsys.readouterr().err
    assert main(["export", str(manifest), "--format", "nosuch"]) == 2
    err = capsys.readouterr().err
    assert "no output format 'nosuch'" in err and "moodle" in err and err.count("\n") == 1
    assert main(["export", str(tmp_path / "missing.json"), "--format", "json"]) == 2
    assert "no such file" in capsys.readouterr().err
