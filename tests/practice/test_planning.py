"""The adaptive rule and the planner: mastery numbers, a review shaped like its blueprint, the spaced part
leaning on weak objectives, no (template, seed) asked twice, and a reason for every question."""

from __future__ import annotations

import pytest

from mathexams.assemble import slot_pool
from mathexams.practice.mastery import FLOOR, PRIOR, Mastery, mastery_by, review_weight, updated
from mathexams.practice.planning import (
    CannotPlan,
    choose_review_templates,
    plan_practice,
    plan_review,
    review_blueprint,
)


def test_mastery_moves_forty_percent_towards_each_score():
    m = updated(Mastery(), 1.0)
    assert m.value == pytest.approx(0.7) and m.attempts == 1
    m = updated(m, 0.0)
    assert m.value == pytest.approx(0.42)
    assert mastery_by([("a", 1.0), ("b", 0.0), ("a", 1.0)])["a"].value == pytest.approx(0.82)
    assert Mastery().value == PRIOR


def test_a_mastered_objective_keeps_the_floor_weight():
    assert review_weight(1.0) == FLOOR
    assert review_weight(0.0) == 1.0
    assert review_weight(0.7) == pytest.approx(0.3)


def test_the_review_has_the_blueprints_slots_and_cells(bank):
    blueprint = review_blueprint(bank, "5-6")
    slots = [slot for section in blueprint.sections for slot in section.slots for _ in range(slot.count)]
    plan = plan_review(bank, "5-6", {}, session_seed=7, seen=set())
    assert len(plan) == len(slots)
    assert sorted(p.cell for p in plan) == sorted(slot.cells[0] for slot in slots)
    assert len({p.template_id for p in plan}) == len(plan)
    for p in plan:
        assert ("new material of weeks 5-6" in p.reason) == p.cell.startswith("5-6/")


def test_the_spaced_part_leans_on_the_weakest_objective(bank):
    """One weak objective among mastered ones is drawn far more often than its uniform share, close to the
    share its weight gives it among the templates the slot can draw."""
    blueprint = review_blueprint(bank, "5-6")
    spaced_cell = "3-4/linear_algebra"
    slot = next(slot for section in blueprint.sections for slot in section.slots if slot.cells == (spaced_cell,))
    # the templates the slot really draws (the blueprint's answer-kind limits can rule some out)
    drawn = {c.template.id for seed in range(60) for c in choose_review_templates(bank, blueprint, "5-6", {}, seed)}
    pool = [t for t, _ in slot_pool(bank, slot, blueprint.calculator) if t.id in drawn]
    weak = pool[0].objective
    mastery = {t.objective: Mastery(1.0, 5) for t in pool}
    mastery[weak] = Mastery(0.0, 5)
    runs = 300
    hits = 0
    for seed in range(runs):
        chosen = choose_review_templates(bank, blueprint, "5-6", mastery, seed)
        hits += any(c.template.objective == weak and c.template.cell == spaced_cell for c in chosen)
    share = hits / runs
    weak_templates = sum(t.objective == weak for t in pool)
    expected = weak_templates / (weak_templates + FLOOR * (len(pool) - weak_templates))
    assert share > 3 * weak_templates / len(pool)
    assert abs(share - expected) < 0.1, (share, expected)


def test_the_reason_names_the_mastery_behind_a_spaced_choice(bank):
    mastery = {t.objective: Mastery(0.25, 3) for t in bank}
    plan = plan_review(bank, "5-6", mastery, session_seed=3, seen=set())
    spaced = [p for p in plan if not p.cell.startswith("5-6/")]
    assert spaced and all("your mastery of this objective is 25% after 3 answer(s)" in p.reason for p in spaced)


def test_no_template_and_seed_is_planned_twice_for_a_learner(bank):
    first = plan_review(bank, "3-4", {}, session_seed=11, seen=set())
    seen = {(p.template_id, p.seed) for p in first}
    again = plan_review(bank, "3-4", {}, session_seed=11, seen=seen)     # the same draw of templates
    assert {p.template_id for p in again} == {p.template_id for p in first}
    assert not seen & {(p.template_id, p.seed) for p in again}
    practice = plan_practice(bank, weeks=[3, 4], tracks=[], difficulties=[], count=30, session_seed=11, seen=seen)
    assert len({(p.template_id, p.seed) for p in practice}) == 30
    assert not seen & {(p.template_id, p.seed) for p in practice}


def test_practice_keeps_to_the_picked_weeks_tracks_and_levels(bank):
    plan = plan_practice(bank, weeks=[7], tracks=["probability"], difficulties=["L1"], count=4, session_seed=5,
                         seen=set())
    for p in plan:
        template = bank.get(p.template_id)
        assert 7 in template.weeks and template.track == "probability"
        assert template.form(p.form).difficulty == "L1"


def test_a_choice_nothing_fits_is_one_clear_error(bank):
    with pytest.raises(CannotPlan, match="no template fits"):
        plan_practice(bank, weeks=[12], tracks=["calculus"], difficulties=[], count=3, session_seed=1, seen=set())
    with pytest.raises(CannotPlan, match="1..30"):
        plan_practice(bank, weeks=[], tracks=[], difficulties=[], count=0, session_seed=1, seen=set())
