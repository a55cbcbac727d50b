"""Loading banks: metadata validation, one-line errors naming file and field, the shipped bank's shape."""

from __future__ import annotations

import pytest

from mathexams.bank import load_bank, read_template, shipped_curriculum
from mathexams.errors import BadTemplate, UnknownTemplate
from mathexams.sampler import compiled

CELLS = [f"{b}/{t}" for b, tracks in {
    "1-2": ("calculus", "linear_algebra", "probability"), "3-4": ("calculus", "linear_algebra", "probability"),
    "5-6": ("calculus", "linear_algebra", "statistics"), "7-8": ("calculus", "linear_algebra", "probability"),
    "9-10": ("calculus", "linear_algebra", "statistics"), "11-12": ("integrated", "coding", "visualization"),
}.items() for t in tracks]


def test_cells_are_derived_from_weeks_track_and_id():
    cell_of = shipped_curriculum().cell_of
    assert cell_of("prob.descriptive.centre", "probability", [5, 6]) == "5-6/statistics"
    assert cell_of("review.numpy.broadcast", "consolidation", [11, 12]) == "11-12/coding"
    assert cell_of("review.plot.ecdf", "consolidation", [12]) == "11-12/visualization"


@pytest.mark.parametrize("field, value, message", [
    ("id", "'Calc.Bad'", "not of the form"),
    ("id", "linalg.inv.x", "should start with calc."),
    ("track", "geometry", "is not one of"),
    ("weeks", "[2, 3]", "spans several"),
    ("weeks", "[13]", "week numbers 1-12"),
    ("weeks", "[11, 12]", "track consolidation"),
    ("difficulty", "hard", "is not one of"),
    ("difficulty", "[]", "is not one of"),          # a list is no level (it cannot even be looked up)
    ("points", "-1", "number in (0, 100]"),
    ("calculator", "'yes'", "true or false"),
    ("title", "''", "non-empty text"),
])
def test_bad_metadata_is_refused_naming_the_field(write_template, field, value, message):
    path = write_template()
    text = path.read_text()
    lines = [f"{field}: {value}" if line.startswith(f"{field}:") else line for line in text.splitlines()]
    if not any(line.startswith(f"{field}:") for line in text.splitlines()):
        lines.append(f"{field}: {value}")
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(BadTemplate) as info:
        read_template(path)
    assert f"{path}: {field}: " in str(info.value) and message in str(info.value)
    assert "\n" not in str(info.value)


def test_unknown_and_missing_fields(write_template):
    path = write_template()
    path.write_text(path.read_text() + "colour: blue\n")
    with pytest.raises(BadTemplate, match="colour: unknown field"):
        read_template(path)
    path.write_text("\n".join(l for l in path.read_text().splitlines() if not l.startswith(("objective", "colour"))))
    with pytest.raises(BadTemplate, match="objective: is required"):
        read_template(path)


def test_duplicate_yaml_keys_are_refused(write_template):
    path = write_template()
    path.write_text(path.read_text() + "title: Again\n")
    with pytest.raises(BadTemplate, match=r"yaml: line \d+: duplicate key 'title'"):
        read_template(path)


def test_yaml_syntax_errors_give_the_line(write_template):
    path = write_template(raw="id: calc.test.x\ntitle: [unclosed\n")
    with pytest.raises(BadTemplate, match=r"yaml: line \d+"):
        read_template(path)


def test_duplicate_ids_across_files_name_both(write_template, tmp_path):
    first = write_template(id="calc.test.same")
    second = write_template(id="calc.test.same")
    with pytest.raises(BadTemplate) as info:
        load_bank([tmp_path / "bank"])
    assert str(second) in str(info.value) and str(first) in str(info.value)


def test_missing_bank_folder(tmp_path):
    with pytest.raises(BadTemplate, match="is not a folder"):
        load_bank([tmp_path / "nope"])


def test_unknown_id(bank):
    with pytest.raises(UnknownTemplate, match="calc.no.such"):
        bank.get("calc.no.such")


@pytest.mark.parametrize("answer, field, message", [
    ("kind: fraction\nvalue: a", "answer.kind", "is not one of"),
    ("kind: number", "answer.value", "is required"),
    ("kind: number\nvalue: a\nplaces: 3", "answer.places", "not a field of a number answer"),
    ("kind: decimal\nvalue: a\nplaces: 40", "answer.places", "0..10"),
    ("kind: vector\nvalue: vector(a)\nplaces: 9", "answer.places", "0..6"),
    ("kind: vector\nvalue: vector(a)\nequivalence: span", "answer.equivalence", "must be one of"),
    ("kind: expression\nvalue: a*x\nconstant_penalty: 0.5", "answer.constant_penalty", "needs equivalence: constant"),
    ("kind: expression\nvalue: a*x\nequivalence: constant\nconstant_penalty: 2", "answer.constant_penalty",
     "must be a number from 0 to 1"),
    ("kind: expression\nvalue: a*x\nequivalence: constant\nconstant_penalty: yes", "answer.constant_penalty",
     "must be a number from 0 to 1"),
    ("kind: number\nvalue: a\nconstant_penalty: 0.5", "answer.constant_penalty", "not a field of a number answer"),
    ("kind: choice\noptions:\n  - text: one", "answer.options", "2 to 8 options"),
    ("kind: choice\noptions:\n  - text: one\n  - text: two", "answer.options", "no option has a correct"),
    ("kind: choice\noptions:\n  - text: one\n    value: a\n    correct: true\n  - text: two",
     "answer.options[0]", "exactly one of text or value"),
    ("kind: multi\nparts:\n  - {kind: number, value: a, points: 1}\n  - {kind: number, value: a, points: 1}",
     "answer.parts", "add up to 2, not 3"),
    ("kind: multi\nparts:\n  - {kind: number, value: a}\n  - {kind: multi, parts: []}",
     "answer.parts[1].kind", "cannot be multi-part"),
])
def test_bad_answer_specs_are_refused(write_template, bank, answer, field, message):
    path = write_template(answer=answer)
    with pytest.raises(BadTemplate) as info:
        compiled(read_template(path))
    assert f": {field}: " in str(info.value) and message in str(info.value)


@pytest.mark.parametrize("verify, message", [
    ("- a > 0", "no check function is called"),
    ("- close(a, a)", "no check looks at the key"),
    ("[]", "at least one independent check"),
])
def test_verify_must_check_the_key_independently(write_template, verify, message):
    path = write_template(verify=verify)
    with pytest.raises(BadTemplate, match=message):
        compiled(read_template(path))


def test_every_curriculum_cell_has_at_least_four_templates(bank):
    counts = {cell: 0 for cell in CELLS}
    for t in bank:
        assert t.cell in counts, f"{t.id} has an unknown cell {t.cell}"
        counts[t.cell] += 1
    assert {c: n for c, n in counts.items() if n < 4} == {}
    assert len(bank) >= 72


def test_every_template_has_a_description_and_compiles(bank):
    for t in bank:
        assert t.description, f"{t.id} has no description"
        compiled(t)
