"""The stress test's quality rules: each rule caught on a template built to break it, the
known-violations list and its errors, and `mathexams check` output (table and JSON)."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from test_sampler import CHOICE  # four options, the first one right

from mathexams.bank import read_template
from mathexams.cli import main
from mathexams.quality import BadKnownList, Known, chi_square_p, judge, read_known, violations
from mathexams.stress import TemplateReport, stress_template

SEEDS = range(120)


def rules_broken(path: Path, seeds=SEEDS) -> dict[str, str]:
    report = stress_template(read_template(path), seeds)
    return {v.rule: v.detail for v in violations(report)}


def test_chi_square_p_value_against_the_closed_form():
    # two degrees of freedom: the survival function is exp(-x/2)
    assert chi_square_p([20, 5, 5]) == pytest.approx(math.exp(-7.5), rel=1e-9)
    assert chi_square_p([10, 10, 10]) == pytest.approx(1.0)
    assert chi_square_p([0, 0]) == 1.0 and chi_square_p([5]) == 1.0


def test_a_sound_uniform_template_breaks_no_rule(write_template):
    path = write_template(params="a: randint(1, 1000)")
    assert rules_broken(path) == {}


def test_a_concentrated_key_is_caught(write_template):
    path = write_template(params="a: randint(1, 1000)\nb: 1 if a < 500 else a")
    path.write_text(path.read_text().replace("value: a", "value: b").replace("close(answer, a)", "close(answer, b)"))
    detail = rules_broken(path)["key-concentration"]
    assert detail.startswith("answer: the key is '1' in ") and "of 120 draws" in detail


def test_a_predictable_key_position_is_caught_and_shuffling_cures_it(write_template):
    fixed = write_template(params="a: randint(1, 1000)", answer=CHOICE + "\norder: fixed",
                           verify="- close(answer[0], 1)")
    broken = rules_broken(fixed)
    assert "key-position" in broken and "[120, 0, 0, 0]" in broken["key-position"]
    shuffled = write_template(params="a: randint(1, 1000)", answer=CHOICE + "\norder: shuffle",
                              verify="- close(answer[0], 1)")
    assert rules_broken(shuffled) == {}


def test_an_unbalanced_true_false_key_is_caught(write_template):
    path = write_template(params="a: randint(1, 1000)", answer="kind: truefalse\nvalue: a > 100",
                          verify="- close(1 if answer else 0, 1 if a > 100 else 0)")
    assert "answer: key positions true/false [108, 12] over 120 draws" in rules_broken(path)["key-position"]


def test_a_relative_tolerance_looser_than_the_asked_place_is_caught_per_draw(write_template):
    path = write_template(params="a: randint(100, 999)", answer="kind: decimal\nvalue: a / 7\nplaces: 3\nrel_tol: 0.001",
                          verify="- close(answer, a / 7)")
    assert "the tolerance exceeds half a unit in the last asked place in 120 draws" in rules_broken(path)["tolerance"]


def test_a_decimal_key_that_needs_a_calculator_is_caught_unless_the_form_has_one(write_template):
    answer = "kind: decimal\nvalue: sqrt(a)\nplaces: 2"
    plain = write_template(params="a: randint(2, 9999)", answer=answer, verify="- close(answer, sqrt(a))")
    plain.write_text(plain.read_text() + "constraints:\n  - sqrt(a) != floor(sqrt(a))\n")
    assert "decimal keys in forms without a calculator need one (seed 0:" in rules_broken(plain)["calculator"]
    flagged = write_template(params="a: randint(2, 9999)", answer=answer, verify="- close(answer, sqrt(a))")
    flagged.write_text(flagged.read_text() + "calculator: true\n")
    assert rules_broken(flagged) == {}
    by_hand = write_template(params="a: randint(1, 999)", answer="kind: decimal\nvalue: a / 8\nplaces: 3",
                             verify="- close(answer, a / 8)")
    assert rules_broken(by_hand) == {}


def test_sizes_that_vary_within_a_form_are_caught_and_forms_cure_it(write_template):
    varying = write_template(params="n: randint(2, 3)\nv: randints(1, 1000, n)", answer="kind: vector\nvalue: v",
                             verify="- close(answer, v)", prompt="'$\\VAR{v}$'")
    assert rules_broken(varying)["shape"] == "answer: sizes 2, 3 within one form"
    forms = write_template(params="n: 2 if form == 'plane' else 3\nv: randints(1, 1000, n)",
                           answer="kind: vector\nvalue: v", verify="- close(answer, v)", prompt="'$\\VAR{v}$'")
    forms.write_text(forms.read_text() + "forms:\n  plane: {}\n  space: {}\n")
    assert rules_broken(forms) == {}


def test_few_variants_and_many_rejections_are_caught(write_template):
    few = write_template(params="a: randint(1, 8)")
    assert "two seeds give the same question once in 8" in rules_broken(few)["variety"]
    picky = write_template(params="a: randint(1, 1000)")
    picky.write_text(picky.read_text() + "constraints:\n  - a > 950\n")
    assert "of draws rejected (most by: a > 950)" in rules_broken(picky)["rejections"]


def test_a_wrong_key_is_a_soundness_violation(write_template):
    path = write_template(params="a: randint(1, 1000)", verify="- close(answer, a + 1)")
    assert "check 'close(answer, a + 1)'" in rules_broken(path, range(3))["sound"]


def test_statistical_rules_wait_for_enough_seeds(write_template):
    few = write_template(params="a: randint(1, 8)")
    assert rules_broken(few, range(30)) == {}


def test_simulation_misses_beyond_one_percent_fail():
    report = TemplateReport("calc.test.sim", "1-2/calculus", seeds=100, rejected=3, simulation_misses=3)
    assert [v.rule for v in violations(report)] == ["simulation"]
    report.simulation_misses = report.rejected = 1
    assert violations(report) == []


# ---------------------------------------------------------------- the known-violations list

KNOWN = """\
- template: calc.test.few
  rule: variety
  issue: 10
  why: a handful of values
"""


def known_file(tmp_path: Path, text: str) -> Path:
    folder = tmp_path / "kv"
    folder.mkdir(exist_ok=True)
    (folder / "known-violations.yaml").write_text(text)
    return folder


def test_known_violations_are_read_and_accepted(write_template, tmp_path):
    known = read_known([known_file(tmp_path, KNOWN)])
    assert list(known) == [("calc.test.few", "variety")] and known["calc.test.few", "variety"].issue == 10
    few = stress_template(read_template(write_template(params="a: randint(1, 8)", id="calc.test.few")), SEEDS)
    verdict = judge([few], known)
    assert verdict.ok and [v.rule for v in verdict.known] == ["variety"] and verdict.stale == []


def test_a_known_entry_that_no_longer_applies_is_stale(write_template, tmp_path):
    known = read_known([known_file(tmp_path, KNOWN)])
    fixed = stress_template(read_template(write_template(params="a: randint(1, 1000)", id="calc.test.few")), SEEDS)
    verdict = judge([fixed], known)
    assert verdict.ok and [k.template_id for k in verdict.stale] == ["calc.test.few"]
    unmeasured = judge([stress_template(read_template(write_template(id="calc.test.few")), range(10))], known)
    assert unmeasured.stale == [] and [k.rule for k in unmeasured.unmeasured] == ["variety"]


def test_a_known_entry_never_excuses_a_wrong_key(write_template):
    bad = stress_template(read_template(write_template(id="calc.test.bad", verify="- close(answer, a + 1)")), range(2))
    known = {("calc.test.bad", "sound"): Known("calc.test.bad", "sound", 1, "no", "x")}
    assert {v.rule for v in judge([bad], known).failures} == {"sound"}


@pytest.mark.parametrize("text, message", [
    ("template: x\n", "must be a list"),
    ("- template: x\n  rule: variety\n", "needs exactly template, rule, issue and why"),
    ("- {template: x, rule: fairness, issue: 1, why: y}\n", "[0].rule: 'fairness' is not one of"),
    ("- {template: x, rule: sound, issue: 1, why: y}\n", "[0].rule: 'sound' is not one of"),
    ("- {template: x, rule: variety, issue: ten, why: y}\n", "[0].issue: must be the number of the issue"),
    ("- {template: x, rule: variety, issue: 0, why: y}\n", "[0].issue"),
    ("- {template: x, rule: variety, issue: 1, why: ''}\n", "[0].why: must say what is wrong"),
    ("- {template: '', rule: variety, issue: 1, why: y}\n", "[0].template: must be a template id"),
    ("- {template: x, rule: variety, issue: 1, why: y}\n- {template: x, rule: variety, issue: 2, why: z}\n",
     "[1]: x / variety is listed twice"),
    ("- [unclosed\n", "line"),
])
def test_a_bad_known_violations_file_is_one_line_naming_it(tmp_path, text, message):
    folder = known_file(tmp_path, text)
    with pytest.raises(BadKnownList) as info:
        read_known([folder])
    assert str(info.value).startswith(str(folder / "known-violations.yaml")) and message in str(info.value)
    assert "\n" not in str(info.value)


# ---------------------------------------------------------------- mathexams check


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_check_fails_naming_template_and_rule_and_passes_once_known(write_template, tmp_path, capsys):
    write_template(params="a: randint(1, 8)", id="calc.test.few")
    bank = tmp_path / "bank"
    args = ["check", "--seeds", 100, "--jobs", 1, "--bank", bank, "--no-shipped-bank"]
    code, out, err = run(capsys, *args)
    assert code == 1
    assert "error: calc.test.few: variety: 8 distinct questions in 100 seeds; two seeds give the same question " \
           "once in 8" in err
    assert "  variety              1 failing,   0 known" in out
    (bank / "known-violations.yaml").write_text(KNOWN)
    code, out, err = run(capsys, *args)
    assert code == 0 and "known: calc.test.few: variety: " in out and "(issue 10)" in out and err == ""
    (bank / "calculus" / "t0.yaml").write_text((bank / "calculus" / "t0.yaml").read_text()
                                               .replace("randint(1, 8)", "randint(1, 1000)"))
    code, out, err = run(capsys, *args)
    assert code == 0 and "calc.test.few / variety is no longer broken over 100 seeds: remove the entry" in err


def test_check_json_lists_measures_and_violations(write_template, tmp_path, capsys):
    write_template(params="a: randint(1, 8)", id="calc.test.few")
    write_template(params="a: randint(1, 1000)", id="calc.test.many")
    code, out, _ = run(capsys, "check", "--seeds", 100, "--jobs", 1, "--json", "--bank", tmp_path / "bank",
                       "--no-shipped-bank")
    data = json.loads(out)
    assert code == 1 and data["seeds"] == 100 and "variety" in data["rules"]
    few, many = data["templates"]
    assert few["template_id"] == "calc.test.few" and few["distinct"] == 8 and few["effective_variants"] < 10
    assert few["fields"]["answer"]["top_key_draws"] > 10 and few["violations"][0]["rule"] == "variety"
    assert many["violations"] == [] and many["effective_variants"] is None or many["effective_variants"] > 100
    assert [f["template_id"] for f in data["failures"]] == ["calc.test.few"]


def test_check_says_when_statistics_are_not_measured(write_template, tmp_path, capsys):
    write_template(params="a: randint(1, 8)", id="calc.test.few")
    code, out, _ = run(capsys, "check", "--seeds", 20, "--jobs", 1, "--bank", tmp_path / "bank", "--no-shipped-bank")
    assert code == 0 and "measured from 100 seeds on (this run: 20)" in out


def test_a_template_that_is_not_deterministic_is_caught(write_template, monkeypatch):
    import itertools

    from mathexams.sandbox import Fn
    from mathexams.template import FUNCTIONS

    counter = itertools.count()
    monkeypatch.setitem(FUNCTIONS, "leaky", Fn(lambda: next(counter)))   # state outside the question's rng
    path = write_template(params="a: leaky()", id="calc.test.leaky")
    report = stress_template(read_template(path), range(3))
    assert report.failures == ["calc.test.leaky (seed 0): sampling twice gave different questions"]
