"""Every shipped blueprint builds, over several master seeds, two versions that keep the exam rules:
the same template and form per slot in every version, a calculator policy that holds, at most one
multi-part item per review, working time within the blueprint's bounds (the final's 110-125
minutes), no template of the review before, and the answer-kind limits."""

from __future__ import annotations

from pathlib import Path

import pytest

from mathexams.assemble import build_versions, templates_before
from mathexams.blueprint import BLUEPRINT_DIR, load_blueprint, parse_blueprint
from mathexams.errors import BadBlueprint
from mathexams.yamlio import parse_yaml

pytestmark = pytest.mark.slow   # about 10 s: 6 blueprints x 3 seeds x 2 versions

NAMES = sorted(p.stem for p in BLUEPRINT_DIR.glob("*.yaml"))
SEEDS = (1, 2, 2026)


@pytest.fixture(scope="module")
def built(bank):
    out = {}
    for name in NAMES:
        blueprint = load_blueprint(BLUEPRINT_DIR / f"{name}.yaml", bank.curriculum)
        for seed in SEEDS:
            out[name, seed] = blueprint, build_versions(blueprint, bank, seed, 2, code_key=bytes(32))
    return out


@pytest.mark.parametrize("name", NAMES)
def test_versions_share_template_form_and_points_per_slot(built, name):
    for seed in SEEDS:
        _, (a, b) = built[name, seed]
        slots = lambda exam: {i.slot: (i.question.template_id, i.question.form, i.points) for i in exam.items}
        assert slots(a) == slots(b)
        assert a.total_points == b.total_points


@pytest.mark.parametrize("name", NAMES)
def test_the_calculator_policy_holds(built, bank, name):
    for seed in SEEDS:
        blueprint, exams = built[name, seed]
        for exam in exams:
            assert exam.calculator == blueprint.calculator
            for item in exam.items:
                q = item.question
                assert q.calculator == bank.get(q.template_id).form(q.form).calculator
                if blueprint.calculator == "none":
                    assert not q.calculator, f"{name} seed {seed}: {q.template_id} needs a calculator"


@pytest.mark.parametrize("name", NAMES)
def test_working_time_and_kind_limits(built, name):
    for seed in SEEDS:
        blueprint, exams = built[name, seed]
        least, most = blueprint.work_minutes
        for exam in exams:
            assert least <= exam.work_minutes <= most
            for limit in blueprint.limits:
                assert sum(i.question.answer.kind in limit.kinds for i in exam.items) <= limit.most
    if name == "final":
        assert blueprint.work_minutes == (110, 125)


@pytest.mark.parametrize("name", [n for n in NAMES if n.startswith("review-")])
def test_a_review_has_one_multi_part_item_and_none_of_the_review_before(built, bank, name):
    for seed in SEEDS:
        blueprint, exams = built[name, seed]
        before = templates_before(blueprint, bank, seed)
        assert bool(before) == bool(blueprint.follows)
        for exam in exams:
            assert sum(i.question.answer.kind == "multi" for i in exam.items) == 1
            assert not {i.question.template_id for i in exam.items} & before


# Where the bank is still too small for the plan (the blueprint's description says so): this fails
# once the bank has grown enough, which is the signal to restore the plan's version of the blueprint.

def _variant(bank, name: str, edit) -> object:
    path = BLUEPRINT_DIR / f"{name}.yaml"
    text = edit(path.read_text())
    return parse_blueprint(text, Path(path), parse_yaml(text))


def test_review_1_cannot_yet_have_four_items_per_track(bank):
    twelve = _variant(bank, "review-01-02", lambda t: t.replace(
        "      - {cells: [1-2/calculus], points: 3}\n      - {cells: [1-2/linear_algebra], points: 5}",
        "      - {cells: [1-2/linear_algebra], points: 5}\n      - {cells: [1-2/linear_algebra], points: 5}", 1)
        .replace("      - {cells: [1-2/probability], points: 5}\n",
                 "      - {cells: [1-2/probability], points: 5}\n      - {cells: [1-2/probability], points: 5}\n", 1))
    assert sum(len(s.slots) for s in twelve.sections) == 12
    with pytest.raises(BadBlueprint, match="1-2/probability"):
        build_versions(twelve, bank, 1, 1, code_key=bytes(32))
