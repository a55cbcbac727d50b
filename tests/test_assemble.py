"""Assembling versions: parallel forms, per-version numbers and order, distinct keys, determinism."""

from __future__ import annotations

from pathlib import Path

import pytest

from mathexams.assemble import build_versions, version_label
from mathexams.bank import load_bank
from mathexams.blueprint import load_blueprint, shipped_blueprint
from mathexams.codes import exam_code

KEY = bytes(range(32))


@pytest.fixture(scope="module")
def review(bank):
    blueprint = load_blueprint(shipped_blueprint("review-03-04"))
    return blueprint, build_versions(blueprint, bank, 2026, 3, code_key=KEY)


def test_versions_are_parallel_forms_with_different_numbers(review):
    _, (a, b, c) = review
    slots = lambda exam: {item.slot: (item.question.template_id, item.points) for item in exam.items}
    assert slots(a) == slots(b) == slots(c)
    assert a.total_points == b.total_points == 50
    prompts = lambda exam: {item.slot: item.question.prompt_latex for item in exam.items}
    assert sum(prompts(a)[s] != prompts(b)[s] for s in prompts(a)) >= 10


def test_order_within_sections_differs_between_versions(review):
    _, exams = review
    orders = {tuple(item.slot for item in exam.items) for exam in exams}
    assert len(orders) > 1


def test_interleaving_rules(review):
    _, exams = review
    for exam in exams:
        items = exam.items
        assert items[-1].question.answer.kind == "multi"
        assert [i.number for i in items] == list(range(1, len(items) + 1))
        adjacent_same_track = sum(a.question.track == b.question.track for a, b in zip(items, items[1:]))
        assert adjacent_same_track <= 1


def test_keys_do_not_repeat_across_versions_in_a_slot(review):
    _, exams = review
    for slot in {item.slot for item in exams[0].items}:
        keys = [next(i for i in e.items if i.slot == slot).question.answer for e in exams]
        assert len({(k.value, k.options, tuple(p.value for p in k.parts)) for k in keys}) == len(keys)


def test_assembly_is_deterministic_and_independent_of_workers(bank, review):
    blueprint, exams = review
    assert build_versions(blueprint, bank, 2026, 3, code_key=KEY, workers=2) == exams


def test_exam_codes_and_version_labels():
    assert [version_label(i) for i in (0, 1, 25, 26, 27, 51, 52)] == ["A", "B", "Z", "AA", "AB", "AZ", "BA"]
    code = exam_code("review-03-04", "B", KEY)
    assert code.startswith("B-") and len(code) == 7
    assert code != exam_code("review-03-04", "B", bytes(32))   # another exam's key, another code
    assert code != exam_code("review-03-04", "C", KEY)[:2] + code[2:]


def test_points_of_a_slot_rescale_a_multipart_question(review):
    _, exams = review
    item = exams[0].items[-1]
    assert item.points == 8
    assert sum(p.points for p in item.question.answer.parts) == 8
    assert all((2 * p.points).is_integer() for p in item.question.answer.parts)


def test_a_version_whose_key_repeats_is_redrawn(write_template, tmp_path):
    write_template(params="a: randint(1, 2)", id="calc.test.tiny")
    bank = load_bank([tmp_path / "bank"])
    path = tmp_path / "bp.yaml"
    path.write_text("id: tiny\ntitle: Tiny\nsections:\n  - title: S\n    slots:\n      - {ids: [calc.test.tiny]}\n")
    a, b = build_versions(load_blueprint(Path(path)), bank, 5, 2, code_key=KEY)
    assert a.items[0].question.answer.value != b.items[0].question.answer.value


def _multi(weights):
    from mathexams.model import Answer, Question

    parts = tuple(Answer(kind="number", value="1", latex="1", points=w, label="abcdef"[i]) for i, w in enumerate(weights))
    return Question(template_id="t", seed=1, title="t", weeks=(1,), track="calculus", cell="1-2/calculus", objective="o",
                    difficulty="L1", points=sum(weights), prompt_latex="p", solution_latex="s",
                    answer=Answer(kind="multi", parts=parts, points=sum(weights)))


@pytest.mark.parametrize("weights, points, expected", [
    ((2, 1), 5, (3, 2)),                 # was 3.5 and 1.5
    ((1, 1, 1), 4, (2, 1, 1)),
    ((6, 1, 1), 3, (1, 1, 1)),           # every part at least one point
    ((1, 2, 3), 12, (2, 4, 6)),
    ((1, 1, 1, 1), 3, (1, 1, 0.5, 0.5)), # fewer whole points than parts: half points
])
def test_part_points_are_whole_and_at_least_one_when_the_points_allow(weights, points, expected):
    from mathexams.assemble import reweighted

    shared = tuple(p.points for p in reweighted(_multi(weights), points).answer.parts)
    assert sum(shared) == points
    assert shared == expected
