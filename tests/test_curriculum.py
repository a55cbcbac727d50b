"""The course plan (curriculum.yaml): read and checked field by field, and the only source of weeks,
tracks and cells; a second, tiny course (tests/data/algebra) goes from bank to PDF on the same engine."""

from __future__ import annotations

import copy
import shutil
from pathlib import Path

import pytest

from mathexams.bank import DEFAULT_BANK, load_bank, read_template
from mathexams.blueprint import load_blueprint
from mathexams.cli import main
from mathexams.curriculum import BadCurriculum, curriculum_from_data, read_curriculum
from mathexams.errors import BadBlueprint, BadTemplate
from mathexams.yamlio import read_yaml

ALGEBRA = Path(__file__).resolve().parent / "data" / "algebra"
SHIPPED = DEFAULT_BANK / "curriculum.yaml"


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_every_shipped_template_lies_in_a_cell_of_the_plan_and_every_cell_has_templates(bank):
    plan = bank.curriculum
    cells = {t.cell for t in bank}
    assert cells == set(plan.cells)
    for cell in plan.cells.values():
        assert cell.title and len(cell.objectives) >= 4


def test_the_plan_names_the_shipped_blueprints():
    plan = read_curriculum(SHIPPED)
    for name, path in plan.blueprints().items():
        assert path.is_file(), name
        load_blueprint(path, plan)
    assert plan.review_blueprint("3-4") == plan.review_blueprint("4") == plan.review_blueprint("3")


GOOD = read_yaml(SHIPPED)


def _mutated(path: str, value):
    data = copy.deepcopy(GOOD)
    *parents, last = path.split(".")
    node = data
    for key in parents:
        node = node[int(key)] if isinstance(node, list) else node[key]
    if value is KeyError:
        del node[last]
    elif isinstance(node, list):
        node[int(last)] = value
    else:
        node[last] = value
    return data


@pytest.mark.parametrize("path, value, message", [
    ("weeks", 0, "weeks: must be the number of weeks"),
    ("weeks", "twelve", "weeks: must be the number of weeks"),
    ("course", KeyError, "course: is required"),
    ("colour", "blue", "colour: unknown field"),
    ("blocks.1.weeks", [2, 3], "blocks[1].weeks: week 2 is already in another block"),
    ("blocks.1.weeks", [13], "blocks[1].weeks: must list week numbers 1-12"),
    ("blocks.1.id", "1-2", "blocks[1].id: 1-2 is already a block"),
    ("blocks.1.id", "a b", "blocks[1].id:"),
    ("tracks.calculus.prefix", "prob", "tracks.probability.prefix: prob is already the prefix of another track"),
    ("tracks.calculus.prefix", "Calc", "tracks.calculus.prefix: 'Calc' is not a name"),
    ("tracks.calculus.blocks", ["13-14"], "tracks.calculus.blocks[0]: '13-14' is not one of 1-2, 3-4"),
    ("difficulties.L1", 0, "difficulties.L1: must be the default points"),
    ("cell_rules.0.track", "chemistry", "cell_rules[0].track: 'chemistry' is not one of calculus"),
    ("cell_rules.0.colour", "red", "cell_rules[0].colour: unknown field"),
    ("cells.1-2/calculus.objectives", [], "cells.1-2/calculus.objectives: must list at least one objective"),
    ("reviews.3-4", "../../etc/passwd.yaml", "reviews.3-4: '../../etc/passwd.yaml' is not a .yaml path inside"),
    ("reviews.3-4", "/etc/x.yaml", "reviews.3-4:"),
    ("final", "blueprints/final.txt", "final: 'blueprints/final.txt' is not a .yaml path"),
])
def test_a_bad_plan_is_refused_in_one_line_naming_the_field(path, value, message):
    with pytest.raises(BadCurriculum) as info:
        curriculum_from_data(_mutated(path, value), "plan.yaml")
    assert str(info.value).startswith("plan.yaml: ") and message in str(info.value)
    assert "\n" not in str(info.value)


def test_a_cell_key_must_name_a_block():
    data = copy.deepcopy(GOOD)
    data["cells"]["13-14/calculus"] = data["cells"]["1-2/calculus"]
    with pytest.raises(BadCurriculum, match=r"cells\.13-14/calculus: a cell is <block>/<area>"):
        curriculum_from_data(data, "plan.yaml")


def test_yaml_errors_name_the_file(tmp_path):
    path = tmp_path / "curriculum.yaml"
    path.write_text("course: [unclosed\n")
    with pytest.raises(BadCurriculum, match=r"curriculum.yaml: yaml: line \d+"):
        read_curriculum(path)


def test_a_bank_without_a_plan_follows_the_shipped_one(write_template, tmp_path):
    write_template(id="calc.test.follow")
    bank = load_bank([DEFAULT_BANK, tmp_path / "bank"])
    assert bank.get("calc.test.follow").cell == "1-2/calculus"
    assert bank.curriculum.source == str(SHIPPED)


def test_two_different_plans_cannot_be_mixed(capsys):
    code, out, err = run(capsys, "list", "--bank", ALGEBRA)
    assert code == 2 and out == ""
    assert err.strip() == (f"mathexams: error: {ALGEBRA / 'curriculum.yaml'}: a different course plan from "
                           f"{SHIPPED}; banks of different courses cannot be loaded together (use --no-shipped-bank)")


def test_the_second_course_has_its_own_weeks_tracks_cells_and_points():
    bank = load_bank([ALGEBRA])
    assert bank.curriculum.course == "Algebra warm-up"
    assert {t.id: t.cell for t in bank} == {"eq.linear.again": "w2/review", "eq.linear.solve": "w1/equations",
                                            "poly.expand.product": "w2/polynomials"}
    assert bank.get("eq.linear.again").points == 5 and bank.get("poly.expand.product").points == 2


@pytest.mark.parametrize("field, value, message", [
    ("track", "calculus", "track: 'calculus' is not one of equations, polynomials"),
    ("id", "calc.linear.solve", "id: calc.linear.solve should start with eq. for track equations"),
    ("weeks", "[3]", "weeks: must be a list of week numbers 1-2"),
    ("weeks", "[1, 2]", "weeks: [1, 2] spans several blocks of w1, w2"),
    ("difficulty", "L1", "difficulty: 'L1' is not one of easy, hard"),
])
def test_templates_are_checked_against_their_own_plan(tmp_path, field, value, message):
    bank = tmp_path / "algebra"
    shutil.copytree(ALGEBRA, bank)
    path = bank / "equations" / "solve.yaml"
    path.write_text("\n".join(f"{field}: {value}" if line.startswith(f"{field}:") else line
                              for line in path.read_text().splitlines()) + "\n")
    with pytest.raises(BadTemplate) as info:
        load_bank([bank])
    assert str(info.value).startswith(f"{path}: {message}")


def test_a_track_outside_its_blocks_is_refused(tmp_path):
    bank = tmp_path / "algebra"
    shutil.copytree(ALGEBRA, bank)
    path = bank / "polynomials" / "expand.yaml"
    path.write_text(path.read_text().replace("weeks: [2]", "weeks: [1]"))
    with pytest.raises(BadTemplate, match="weeks: track polynomials has no weeks w1 .it runs in w2.; weeks w1 "
                                          "templates use track equations"):
        read_template(path, read_curriculum(bank / "curriculum.yaml"))


def test_blueprints_are_checked_against_the_plan(tmp_path, capsys):
    blueprint = tmp_path / "quiz.yaml"
    blueprint.write_text((ALGEBRA / "blueprints" / "quiz-1.yaml").read_text().replace("w1/equations", "1-2/calculus"))
    with pytest.raises(BadBlueprint, match=r"quiz.yaml: sections\[0\].slots\[0\].cells: '1-2/calculus' is not one "
                                           r"of w1/equations, w2/review, w2/polynomials"):
        load_blueprint(blueprint, read_curriculum(ALGEBRA / "curriculum.yaml"))
    code, _, err = run(capsys, "build", blueprint, "--no-shipped-bank", "--bank", ALGEBRA, "--no-pdf",
                       "--out", tmp_path / "out")
    assert code == 2 and "slots[0].cells: '1-2/calculus' is not one of" in err
    assert not (tmp_path / "out").exists()


def test_list_filters_by_the_second_course_weeks_and_tracks(capsys):
    code, out, _ = run(capsys, "list", "--no-shipped-bank", "--bank", ALGEBRA, "--track", "equations", "--week", "2")
    assert code == 0 and out.split()[0] == "eq.linear.again" and len(out.strip().splitlines()) == 1
    code, _, err = run(capsys, "list", "--no-shipped-bank", "--bank", ALGEBRA, "--week", "3")
    assert code == 2 and "--week 3: the course plan has weeks 1-2" in err
    code, _, err = run(capsys, "quiz", "--weeks", "3-4", "--no-shipped-bank", "--bank", ALGEBRA, "--no-pdf")
    assert code == 2 and "--weeks '3-4': the course plan has reviews after weeks w1, w2" in err
    code, _, err = run(capsys, "final", "--no-shipped-bank", "--bank", ALGEBRA, "--no-pdf")
    assert code == 2 and "the course plan names no final exam" in err


@pytest.mark.latex
def test_the_second_course_builds_to_pdf(tmp_path, capsys):
    import subprocess

    code, out, err = run(capsys, "quiz", "--weeks", "w2", "--no-shipped-bank", "--bank", ALGEBRA, "--seed", "1",
                         "--versions", "2", "--out", tmp_path)
    assert code == 0, err
    folder = tmp_path / "algebra-quiz-2-seed1"
    text = subprocess.run(["pdftotext", "-layout", folder / "papers.pdf", "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "Algebra quiz 2" in text and "Algebra warm-up" in text and "Expand" in text and "Solve" in text
    assert "Math for AI" not in text
    keys = subprocess.run(["pdftotext", folder / "keys.pdf", "-"], capture_output=True, text=True, check=True).stdout
    assert keys.count("Answer key") >= 2
