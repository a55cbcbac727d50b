"""Blueprints: validation with one-line errors, and slots the bank cannot fill."""

from __future__ import annotations

from pathlib import Path

import pytest

from mathexams.assemble import choose_templates
from mathexams.blueprint import BLUEPRINT_DIR, load_blueprint, shipped_blueprint
from mathexams.errors import BadBlueprint

GOOD = """\
id: trial
title: Trial
minutes: 30
sections:
  - title: Only
    slots:
      - {cells: [1-2/calculus], points: 3}
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "bp.yaml"
    path.write_text(text)
    return path


@pytest.mark.parametrize("text, where, message", [
    (GOOD.replace("id: trial", "id: 'a b'"), "id", "short name"),
    (GOOD.replace("minutes: 30", "minutes: 0"), "minutes", "1..600"),
    (GOOD + "colour: red\n", "colour", "unknown field"),
    (GOOD.replace("    slots:\n      - {cells: [1-2/calculus], points: 3}\n", "    slots: []\n"),
     "sections[0].slots", "at least one slot"),
    (GOOD.replace("points: 3", "points: -3"), "sections[0].slots[0].points", "(0, 100]"),
    (GOOD.replace("cells: [1-2/calculus]", "difficulties: [L1]"), "sections[0].slots[0]", "needs ids"),
    (GOOD.replace("points: 3", "points: 3, kinds: [essay]"), "sections[0].slots[0].kinds", "'essay'"),
    (GOOD.replace("points: 3", "points: 3, count: 0"), "sections[0].slots[0].count", "1..50"),
    (GOOD.replace("points: 3", "points: 3, colour: 1"), "sections[0].slots[0].colour", "unknown field"),
    (GOOD.replace("    slots:", "    order: random\n    slots:"), "sections[0].order", "interleave"),
    ("- a list\n", "file", "YAML mapping"),
    ("id: [unclosed\n", "yaml", "line"),
])
def test_bad_blueprints_are_refused_with_one_line(tmp_path, text, where, message):
    path = write(tmp_path, text)
    with pytest.raises(BadBlueprint) as info:
        load_blueprint(path)
    text = str(info.value)
    assert text.startswith(f"{path}: {where}: ") and message in text and "\n" not in text


def test_a_slot_the_bank_cannot_fill_is_named(tmp_path, bank):
    path = write(tmp_path, GOOD.replace("{cells: [1-2/calculus], points: 3}", "{cells: [1-2/calculus], count: 40}"))
    with pytest.raises(BadBlueprint) as info:
        choose_templates(load_blueprint(path), bank, 1)
    assert "sections[0].slots[0] (cells=1-2/calculus) cannot be filled: it needs 40 template(s)" in str(info.value)


def test_unknown_template_id_in_a_slot(tmp_path, bank):
    path = write(tmp_path, GOOD.replace("cells: [1-2/calculus]", "ids: [calc.no.such]"))
    with pytest.raises(BadBlueprint, match="unknown template id 'calc.no.such'"):
        choose_templates(load_blueprint(path), bank, 1)


def test_unknown_shipped_blueprint_lists_the_available_ones():
    with pytest.raises(BadBlueprint, match="available: final, review-01-02"):
        shipped_blueprint("review-11-12")


SHIPPED = sorted(p.stem for p in BLUEPRINT_DIR.glob("*.yaml"))


@pytest.mark.parametrize("name", SHIPPED)
def test_shipped_blueprints_fit_the_bank(name, bank):
    blueprint = load_blueprint(shipped_blueprint(name))
    placements = choose_templates(blueprint, bank, 2026)
    assert len({p.template.id for p in placements}) == len(placements)
    total = sum(p.points for p in placements)
    assert total == (100 if name == "final" else 50)
    assert len(placements) == sum(slot.count for section in blueprint.sections for slot in section.slots)
    assert len(placements) == 24 if name == "final" else 10 <= len(placements) <= 12


@pytest.mark.parametrize("name", [n for n in SHIPPED if n != "final"])
def test_reviews_balance_tracks_and_end_with_one_multipart_item(name, bank):
    placements = choose_templates(load_blueprint(shipped_blueprint(name)), bank, 2026)
    by_track: dict[str, float] = {}
    for p in placements:
        by_track[p.template.track] = by_track.get(p.template.track, 0) + p.points
    assert all(abs(points - 50 / 3) <= 4 for points in by_track.values()), by_track
    assert sum(1 for p in placements if p.template.answer_kind == "multi" and 8 <= p.points <= 10) == 1


@pytest.mark.parametrize("name", [n for n in SHIPPED if n != "final"])
@pytest.mark.parametrize("seed", range(20))
def test_reviews_keep_the_answer_type_mix(name, seed, bank):
    kinds = [p.template.answer_kind for p in choose_templates(load_blueprint(shipped_blueprint(name)), bank, seed)]
    assert kinds.count("truefalse") <= 1
    assert kinds.count("choice") + kinds.count("multichoice") <= 4


def test_limits_that_cannot_be_met_name_the_slot(tmp_path, bank):
    text = GOOD.replace("sections:", "limits:\n  - {kinds: [number, expression, set, multi, choice, interval, "
                                     "vector, matrix, decimal, multichoice, truefalse], most: 0}\nsections:")
    with pytest.raises(BadBlueprint, match=r"sections\[0\].slots\[0\] .* cannot be filled within the answer-kind limits"):
        choose_templates(load_blueprint(write(tmp_path, text)), bank, 1)


@pytest.mark.parametrize("limits, where, message", [
    ("limits: {kinds: [choice]}", "limits", "must be a list"),
    ("limits:\n  - {kinds: [essay], most: 1}", "limits[0].kinds", "'essay'"),
    ("limits:\n  - {kinds: [choice], most: -1}", "limits[0].most", ">= 0"),
    ("limits:\n  - {kinds: [choice]}", "limits[0]", "kinds and most"),
])
def test_bad_limits_are_refused(tmp_path, limits, where, message):
    path = write(tmp_path, GOOD.replace("sections:", limits + "\nsections:"))
    with pytest.raises(BadBlueprint) as info:
        load_blueprint(path)
    assert str(info.value).startswith(f"{path}: {where}: ") and message in str(info.value)


# ---------------------------------------------------------------- the final's time and coverage (bank-review)


@pytest.mark.parametrize("seed", range(0, 400, 10))
def test_final_fits_its_working_time_and_table_of_specifications(seed, bank):
    blueprint = load_blueprint(shipped_blueprint("final"))
    placements = choose_templates(blueprint, bank, seed)
    assert 110 <= sum(p.form.minutes for p in placements) <= 125
    # section A follows the table of specifications: 6 L1 and 9 L2 three-point items, 3 five-point items at L2-L3
    core = [p for p in placements if p.section == 0]
    assert sorted(p.form.difficulty for p in core if p.points == 3) == ["L1"] * 6 + ["L2"] * 9
    assert all(p.form.difficulty in ("L2", "L3") for p in core if p.points == 5)
    # section B: one problem chaining calculus with linear algebra, one resting on probability or statistics
    integrated = [p.template.id for p in placements if p.section == 1]
    slots = blueprint.sections[1].slots
    assert integrated[0] in slots[0].ids and integrated[1] in slots[1].ids
