"""Assembly rules: forms per slot, the calculator policy, working-time bounds, no template of the
review before, and a practice exam that shares no question with the real one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mathexams.assemble import build_versions, choose_templates, templates_before
from mathexams.bank import load_bank
from mathexams.blueprint import load_blueprint
from mathexams.cli import main
from mathexams.errors import BadBlueprint

KEY = bytes(32)
HEAD = "title: T\nsections:\n  - title: S\n    slots:\n"


def blueprint(tmp_path: Path, name: str, slots: str, extra: str = ""):
    path = tmp_path / f"{name}.yaml"
    path.write_text(f"id: {name}\n{extra}{HEAD}{slots}")
    return load_blueprint(path)


def templates(write_template, specs: dict[str, str]):
    """Write templates by id with extra top-level YAML each; return the bank."""
    for tid, extra in specs.items():
        path = write_template(id=tid)
        path.write_text(path.read_text() + extra)
    return load_bank([path.parents[1]])


FORMS = "forms:\n  easy: {difficulty: L1, minutes: 2}\n  hard: {difficulty: L2, calculator: true, minutes: 6}\n"


def test_a_slot_draws_one_form_for_every_version(write_template, tmp_path):
    bank = templates(write_template, {"calc.test.f": FORMS})
    bp = blueprint(tmp_path, "one", "      - {ids: [calc.test.f]}\n")
    chosen = {choose_templates(bp, bank, seed)[0].form.name for seed in range(30)}
    assert chosen == {"easy", "hard"}
    for seed in range(5):
        exams = build_versions(bp, bank, seed, 3, code_key=KEY)
        assert len({e.items[0].question.form for e in exams}) == 1


def test_the_slot_difficulty_picks_the_form(write_template, tmp_path):
    bank = templates(write_template, {"calc.test.f": FORMS})
    bp = blueprint(tmp_path, "one", "      - {ids: [calc.test.f], difficulties: [L2]}\n")
    assert {choose_templates(bp, bank, seed)[0].form.name for seed in range(20)} == {"hard"}
    exam = build_versions(bp, bank, 1, 1, code_key=KEY)[0]
    assert exam.items[0].question.difficulty == "L2" and exam.items[0].question.calculator


def test_a_no_calculator_exam_never_draws_a_calculator_form_or_template(write_template, tmp_path):
    bank = templates(write_template, {"calc.test.f": FORMS, "calc.test.calc": "calculator: true\n",
                                      "calc.test.plain": ""})
    bp = blueprint(tmp_path, "none", "      - {cells: [1-2/calculus], count: 2}\n", "calculator: none\n")
    for seed in range(20):
        placements = choose_templates(bp, bank, seed)
        assert {p.template.id for p in placements} == {"calc.test.f", "calc.test.plain"}
        assert all(not p.form.calculator for p in placements)
    exam = build_versions(bp, bank, 3, 1, code_key=KEY)[0]
    assert exam.calculator == "none" and not any(i.question.calculator for i in exam.items)


def test_a_slot_that_only_calculator_templates_fit_says_so(write_template, tmp_path):
    bank = templates(write_template, {"calc.test.calc": "calculator: true\n"})
    bp = blueprint(tmp_path, "none", "      - {cells: [1-2/calculus]}\n", "calculator: none\n")
    with pytest.raises(BadBlueprint) as info:
        choose_templates(bp, bank, 1)
    assert ("sections[0].slots[0] (cells=1-2/calculus) cannot be filled: it needs 1 template(s), the bank has 0 "
            "that fit (1 need a calculator (the blueprint says calculator: none))") in str(info.value)


def test_working_time_is_fitted_by_redrawing_templates_and_forms(write_template, tmp_path):
    bank = templates(write_template, {f"calc.test.m{m}": f"minutes: {m}\n" for m in (2, 3, 4, 5, 8, 9)})
    slots = "      - {cells: [1-2/calculus], count: 2}\n"
    free = blueprint(tmp_path, "free", slots)
    totals = {sum(p.form.minutes for p in choose_templates(free, bank, s)) for s in range(40)}
    assert min(totals) < 12 and max(totals) > 13
    bounded = blueprint(tmp_path, "bounded", slots, "work_minutes: [12, 13]\n")
    for seed in range(40):
        placements = choose_templates(bounded, bank, seed)
        assert 12 <= sum(p.form.minutes for p in placements) <= 13
        assert placements == choose_templates(bounded, bank, seed)          # deterministic
    exam = build_versions(bounded, bank, 7, 1, code_key=KEY)[0]
    assert 12 <= exam.work_minutes <= 13


def test_working_time_that_cannot_fit_is_one_clear_error(write_template, tmp_path):
    bank = templates(write_template, {"calc.test.m2": "minutes: 2\n", "calc.test.m3": "minutes: 3\n"})
    bp = blueprint(tmp_path, "tight", "      - {cells: [1-2/calculus]}\n", "work_minutes: [50, 60]\n")
    with pytest.raises(BadBlueprint) as info:
        choose_templates(bp, bank, 1)
    assert str(info.value) == (f"{bp.source}: work_minutes: no choice of templates and forms in 1000 tries takes "
                               "50-60 minutes of work (closest: 3); widen the range or change the slots")


@pytest.mark.parametrize("extra, where, message", [
    ("calculator: sometimes\n", "calculator", "'sometimes' is not one of none, allowed, per-question"),
    ("work_minutes: 120\n", "work_minutes", "[least, most]"),
    ("work_minutes: [125, 110]\n", "work_minutes", "least <= most"),
    ("work_minutes: [0, 10]\n", "work_minutes", "0 < least"),
    ("work_minutes: [true, 10]\n", "work_minutes", "[least, most]"),
    ("follows: ../x\n", "follows", "must name another blueprint"),
    ("follows: b\n", "follows", "must name another blueprint"),
])
def test_bad_policies_are_refused_in_one_line(tmp_path, extra, where, message):
    path = tmp_path / "b.yaml"
    path.write_text(f"id: b\n{extra}{HEAD}      - {{cells: [1-2/calculus]}}\n")
    with pytest.raises(BadBlueprint) as info:
        load_blueprint(path)
    assert str(info.value).startswith(f"{path}: {where}: ") and message in str(info.value)


SIX = {f"calc.test.t{i}": "" for i in range(6)}


def test_a_review_draws_no_template_of_the_review_it_follows(write_template, tmp_path):
    bank = templates(write_template, SIX)
    first = blueprint(tmp_path, "first", "      - {cells: [1-2/calculus], count: 3}\n")
    second = blueprint(tmp_path, "second", "      - {cells: [1-2/calculus], count: 3}\n", "follows: first\n")
    for seed in range(10):
        before = {p.template.id for p in choose_templates(first, bank, seed)}
        assert templates_before(second, bank, seed) == before
        exam = build_versions(second, bank, seed, 1, code_key=KEY)[0]
        assert not {i.question.template_id for i in exam.items} & before


def test_a_chain_of_reviews_is_rebuilt_from_its_start(write_template, tmp_path):
    bank = templates(write_template, SIX)
    slots = "      - {cells: [1-2/calculus], count: 2}\n"
    blueprint(tmp_path, "r1", slots)
    r2 = blueprint(tmp_path, "r2", slots, "follows: r1\n")
    r3 = blueprint(tmp_path, "r3", slots, "follows: r2\n")
    for seed in range(10):
        used2 = {p.template.id for p in choose_templates(r2, bank, seed, exclude=templates_before(r2, bank, seed))}
        assert templates_before(r3, bank, seed) == used2


def test_following_needs_room_in_the_bank_and_says_why(write_template, tmp_path):
    bank = templates(write_template, {f"calc.test.t{i}": "" for i in range(4)})
    blueprint(tmp_path, "first", "      - {cells: [1-2/calculus], count: 3}\n")
    second = blueprint(tmp_path, "second", "      - {cells: [1-2/calculus], count: 2}\n", "follows: first\n")
    with pytest.raises(BadBlueprint, match=r"the bank has 1 that fit \(3 were used by the review before \(first\)\)"):
        build_versions(second, bank, 1, 1, code_key=KEY)


def test_a_missing_or_circular_review_chain_is_refused(write_template, tmp_path):
    bank = templates(write_template, SIX)
    lonely = blueprint(tmp_path, "lonely", "      - {cells: [1-2/calculus]}\n", "follows: nowhere\n")
    with pytest.raises(BadBlueprint, match=r"lonely.yaml: follows: no blueprint 'nowhere' beside it \(nowhere.yaml\)"):
        templates_before(lonely, bank, 1)
    blueprint(tmp_path, "a", "      - {cells: [1-2/calculus]}\n", "follows: b\n")
    b = blueprint(tmp_path, "b", "      - {cells: [1-2/calculus]}\n", "follows: a\n")
    with pytest.raises(BadBlueprint, match="follow each other in a circle"):
        templates_before(b, bank, 1)
    (tmp_path / "impostor.yaml").write_text(f"id: someone\n{HEAD}      - {{cells: [1-2/calculus]}}\n")
    follower = blueprint(tmp_path, "follower", "      - {cells: [1-2/calculus]}\n", "follows: impostor\n")
    with pytest.raises(BadBlueprint, match="id: 'someone', but .*follower.yaml follows 'impostor'"):
        templates_before(follower, bank, 1)


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_after_a_real_review_none_of_its_templates_is_drawn(write_template, tmp_path, capsys):
    templates(write_template, SIX)
    bank = ["--bank", tmp_path / "bank", "--no-shipped-bank", "--no-pdf", "--out", tmp_path / "out"]
    blueprint(tmp_path, "first", "      - {cells: [1-2/calculus], count: 3}\n")
    blueprint(tmp_path, "second", "      - {cells: [1-2/calculus], count: 3}\n", "follows: first\n")
    assert run(capsys, "build", tmp_path / "first.yaml", "--seed", 11, *bank)[0] == 0
    manifest = tmp_path / "out" / "first-seed11" / "manifest.json"
    used = {i["template_id"] for v in json.loads(manifest.read_text())["versions"] for s in v["sections"]
            for i in s["items"]}
    for seed in range(20, 26):   # another seed than the first review's: only --after knows what it drew
        code, out, err = run(capsys, "build", tmp_path / "second.yaml", "--seed", seed, "--after", manifest, *bank)
        assert code == 0, err
        record = json.loads((tmp_path / "out" / f"second-seed{seed}" / "manifest.json").read_text())
        drawn = {i["template_id"] for v in record["versions"] for s in v["sections"] for i in s["items"]}
        assert not drawn & used


def test_a_practice_exam_shares_no_question_with_the_real_one(write_template, tmp_path, capsys):
    path = write_template(params="a: randint(1, 6)", id="calc.test.few")
    bank = ["--bank", path.parents[1], "--no-shipped-bank", "--no-pdf", "--out", tmp_path / "out"]
    blueprint(tmp_path, "exam", "      - {ids: [calc.test.few]}\n")
    assert run(capsys, "build", tmp_path / "exam.yaml", "--seed", 1, "--versions", 3, *bank)[0] == 0
    real = tmp_path / "out" / "exam-seed1" / "manifest.json"
    pairs = fingerprints(real)
    assert len(pairs) == 3
    for seed in range(2, 12):   # six values, three taken: every practice draw must dodge them
        code, out, err = run(capsys, "build", tmp_path / "exam.yaml", "--practice", real, "--seed", seed,
                             "--versions", 3, *bank)
        assert code == 0, err
        practice = tmp_path / "out" / f"exam-seed{seed}" / "manifest.json"
        assert not fingerprints(practice) & pairs
        assert json.loads(practice.read_text())["title"] == "T (practice)"


def fingerprints(manifest: Path) -> set[tuple[str, str]]:
    return {(i["template_id"], i["fingerprint"]) for v in json.loads(manifest.read_text())["versions"]
            for s in v["sections"] for i in s["items"]}


def test_practice_errors_are_one_line(write_template, tmp_path, capsys):
    path = write_template(params="a: randint(1, 6)", id="calc.test.few")
    bank = ["--bank", path.parents[1], "--no-shipped-bank", "--no-pdf", "--out", tmp_path / "out"]
    blueprint(tmp_path, "exam", "      - {ids: [calc.test.few]}\n")
    blueprint(tmp_path, "other", "      - {ids: [calc.test.few]}\n")
    assert run(capsys, "build", tmp_path / "exam.yaml", "--seed", 1, *bank)[0] == 0
    real = tmp_path / "out" / "exam-seed1" / "manifest.json"

    def practice(bp: str, seed: int, manifest: Path) -> str:
        code, out, err = run(capsys, "build", tmp_path / bp, "--practice", manifest, "--seed", seed, *bank)
        assert code == 2 and len(err.splitlines()) == 1
        return err

    assert f"{real}: an exam of 'exam', not of 'other'" in practice("other.yaml", 2, real)
    assert "--seed 1 is the real exam's own seed" in practice("exam.yaml", 1, real)
    data = json.loads(real.read_text())
    for v in data["versions"]:
        for s in v["sections"]:
            for i in s["items"]:
                del i["fingerprint"]
    old = tmp_path / "old.json"
    old.write_text(json.dumps(data))
    assert "without a parameter fingerprint" in practice("exam.yaml", 2, old)
    assert "no such file" in practice("exam.yaml", 2, tmp_path / "missing.json")


def test_a_practice_exam_that_cannot_dodge_the_real_one_fails_clearly(write_template, tmp_path, capsys):
    path = write_template(params="a: randint(1, 2)", id="calc.test.two")
    bank = ["--bank", path.parents[1], "--no-shipped-bank", "--no-pdf", "--out", tmp_path / "out"]
    blueprint(tmp_path, "exam", "      - {ids: [calc.test.two]}\n")
    assert run(capsys, "build", tmp_path / "exam.yaml", "--seed", 1, "--versions", 2, *bank)[0] == 0
    real = tmp_path / "out" / "exam-seed1" / "manifest.json"
    code, _, err = run(capsys, "build", tmp_path / "exam.yaml", "--practice", real, "--seed", 2, *bank)
    assert code == 2
    assert err.strip().endswith("version A: 20 draws of calc.test.two all repeat a question of the exam to avoid")
    assert not (tmp_path / "out" / "exam-seed2").exists()


def test_final_practice_on_the_command_line(tmp_path, capsys):
    code, _, err = run(capsys, "final", "--seed", 5, "--no-pdf", "--out", tmp_path)
    assert code == 0, err
    real = tmp_path / "final-seed5" / "manifest.json"
    code, out, err = run(capsys, "final", "--practice", real, "--seed", 6, "--no-pdf", "--out", tmp_path)
    assert code == 0, err
    assert "(practice)" in out
    assert not fingerprints(real) & fingerprints(tmp_path / "final-seed6" / "manifest.json")
    code, _, err = run(capsys, "final", "--practice", real, "--seed", 5, "--no-pdf", "--out", tmp_path / "x")
    assert code == 2 and err == "mathexams: error: --seed 5 is the real exam's own seed: a practice exam needs another one\n"
