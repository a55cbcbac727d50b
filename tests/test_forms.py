"""Template forms, working minutes and working space: loading, sampling, and every error path."""

from __future__ import annotations

import json

import pytest

from mathexams.bank import default_minutes, read_template
from mathexams.errors import BadTemplate, UnknownForm
from mathexams.kinds import default_space, working_space
from mathexams.model import Answer, Question, parse_space
from mathexams.sampler import drawn_form, sample_question

FORMS = """\
forms:
  small:
    difficulty: L1
    minutes: 2
    description: a two-digit number
  large:
    difficulty: L2
    calculator: true
    minutes: 5
"""
PARAMS = "a: cases(form == 'small', randint(10, 99), randint(1000, 9999))"


def with_forms(write_template, forms: str = FORMS, params: str = PARAMS, **pieces):
    path = write_template(params=params, **pieces)
    path.write_text(path.read_text() + forms)
    return path


def test_forms_inherit_what_they_do_not_state(write_template):
    t = read_template(with_forms(write_template, FORMS.replace("    minutes: 5\n", "") + "minutes: 4\ncalculator: false\n"))
    small, large = t.forms
    assert (small.name, small.difficulty, small.calculator, small.minutes) == ("small", "L1", False, 2)
    assert small.description == "a two-digit number"
    assert (large.name, large.difficulty, large.calculator, large.minutes) == ("large", "L2", True, 4)
    assert t.variants == t.forms and t.form("large") is large


def test_a_template_without_forms_has_one_anonymous_variant(write_template):
    t = read_template(write_template())
    (only,) = t.variants
    assert (only.name, only.difficulty, only.calculator, only.minutes) == ("", "L1", False, default_minutes(3))
    assert t.forms == ()


def test_minutes_default_from_points_and_can_be_stated(write_template):
    assert default_minutes(3) == 3.5 and default_minutes(4) == 5 and default_minutes(10) == 12
    path = write_template()
    path.write_text(path.read_text() + "minutes: 2.5\n")
    assert read_template(path).minutes == 2.5


@pytest.mark.parametrize("extra, where, message", [
    ("forms: [small, large]\n", "forms", "must map 2 to 8 form names"),
    ("forms:\n  only: {}\n", "forms", "must map 2 to 8 form names"),
    ("forms:\n  Small: {}\n  large: {}\n", "forms", "'Small' is not a form name"),
    ("forms:\n  small: 3\n  large: {}\n", "forms.small", "must be a mapping"),
    ("forms:\n  small: {points: 3}\n  large: {}\n", "forms.small.points", "unknown field"),
    ("forms:\n  small: {difficulty: L4}\n  large: {}\n", "forms.small.difficulty", "'L4' is not one of"),
    ("forms:\n  small: {calculator: 'yes'}\n  large: {}\n", "forms.small.calculator", "true or false"),
    ("forms:\n  small: {minutes: 0}\n  large: {}\n", "forms.small.minutes", "(0, 60]"),
    ("forms:\n  small: {description: [a]}\n  large: {}\n", "forms.small.description", "must be text"),
    ("minutes: 90\n", "minutes", "(0, 60]"),
    ("minutes: true\n", "minutes", "(0, 60]"),
])
def test_bad_forms_and_minutes_are_refused_in_one_line(write_template, extra, where, message):
    path = write_template()
    path.write_text(path.read_text() + extra)
    with pytest.raises(BadTemplate) as info:
        read_template(path)
    assert str(info.value).startswith(f"{path}: {where}: ") and message in str(info.value)
    assert "\n" not in str(info.value)


def test_expressions_read_the_form_and_the_question_carries_it(write_template):
    t = read_template(with_forms(write_template))
    small = sample_question(t, 3, form="small")
    large = sample_question(t, 3, form="large")
    assert (small.form, small.difficulty, small.calculator, small.minutes) == ("small", "L1", False, 2)
    assert (large.form, large.difficulty, large.calculator, large.minutes) == ("large", "L2", True, 5)
    assert 10 <= int(small.answer.value) <= 99 and 1000 <= int(large.answer.value) <= 9999
    assert Question.from_dict(json.loads(json.dumps(large.to_dict()))) == large


def test_without_a_form_each_seed_draws_one_and_every_form_is_exercised(write_template):
    t = read_template(with_forms(write_template))
    drawn = [sample_question(t, seed) for seed in range(40)]
    assert {q.form for q in drawn} == {"small", "large"}
    for seed, q in enumerate(drawn):   # the same question as when the form is given explicitly
        assert q == sample_question(t, seed, form=drawn_form(t, seed).name)


def test_an_unknown_form_is_refused_naming_the_forms(write_template):
    t = read_template(with_forms(write_template))
    with pytest.raises(UnknownForm, match=r"has no form 'huge' \(forms: small, large\)"):
        sample_question(t, 0, form="huge")
    plain = read_template(write_template())
    with pytest.raises(UnknownForm, match="has no forms, so no form 'small'"):
        sample_question(plain, 0, form="small")


def test_a_comparison_with_an_undeclared_form_is_refused_at_load(write_template):
    t = read_template(with_forms(write_template, params="a: cases(form == 'smal', 1, 2)"))
    with pytest.raises(BadTemplate, match=r"params.a: compares form with 'smal', which is not one of"):
        sample_question(t, 0)
    t = read_template(with_forms(write_template, params="a: 1 if form in ['small', 'huge'] else 2"))
    with pytest.raises(BadTemplate, match="'huge'"):
        sample_question(t, 0)


def test_form_is_not_a_name_without_forms_nor_a_parameter_name(write_template):
    with pytest.raises(BadTemplate, match="params.a: "):
        sample_question(read_template(write_template(params="a: 1 if form == 'x' else 2")), 0)
    with pytest.raises(BadTemplate, match="params.form: shadows a constant, a symbol, `form` or `answer`"):
        sample_question(read_template(write_template(params="form: 1\na: 2")), 0)


def test_fingerprint_identifies_the_parameters_not_the_seed(write_template):
    t = read_template(write_template(params="a: randint(1, 2)"))
    questions = [sample_question(t, seed) for seed in range(12)]
    by_value: dict[str, set[str]] = {}
    for q in questions:
        by_value.setdefault(q.answer.value, set()).add(q.fingerprint)
    assert sorted(by_value) == ["1", "2"]
    assert all(len(prints) == 1 for prints in by_value.values())
    assert len({q.fingerprint for q in questions}) == 2
    forms = read_template(with_forms(write_template, params="a: 5"))
    assert sample_question(forms, 0, form="small").fingerprint != sample_question(forms, 0, form="large").fingerprint


# ---------------------------------------------------------------- working space


@pytest.mark.parametrize("text, parsed", [
    ("4cm", (4.0, "cm")), ("4.5 cm", (4.5, "cm")), ("6 lines", (6.0, "lines")), ("1 line", (1.0, "lines")),
])
def test_working_space_is_read_in_cm_or_lines(text, parsed):
    assert parse_space(text) == parsed


@pytest.mark.parametrize("text", ["4 inches", "6.5 lines", "30cm", "50 lines", "-2cm", "cm", 4, None, "4cm;"])
def test_bad_working_space_is_refused(text):
    with pytest.raises(ValueError):
        parse_space(text)


def test_default_space_grows_with_points_within_bounds_per_kind():
    assert default_space("expression", 2) == "3cm"          # at least 3 cm to work out an expression
    assert default_space("expression", 8) == "6cm"
    assert default_space("expression", 40) == "9cm"         # at most 9 cm
    assert default_space("choice", 3) == "1cm"
    assert default_space("matrix", 13) == "9cm"
    assert working_space(Answer(kind="number", points=4)) == "2.5cm"
    assert working_space(Answer(kind="number", points=4, space="6 lines")) == "6 lines"
    assert working_space(Answer(kind="multi", parts=(Answer(kind="number"),))) == ""


def test_templates_state_space_per_answer_and_part(write_template):
    path = write_template(answer="kind: number\nvalue: a\nspace: 4.5 cm")
    assert sample_question(read_template(path), 0).answer.space == "4.5cm"
    parts = """kind: multi
parts:
  - {kind: number, value: a, space: 6 lines}
  - {kind: number, value: a + 1}"""
    q = sample_question(read_template(write_template(answer=parts, verify="- close(answer[0], a)")), 0)
    assert [p.space for p in q.answer.parts] == ["6 lines", ""]
    assert [working_space(p) for p in q.answer.parts] == ["6 lines", default_space("number", q.answer.parts[1].points)]


@pytest.mark.parametrize("answer, where, message", [
    ("kind: number\nvalue: a\nspace: 4 inches", "answer.space", "not a working space"),
    ("kind: number\nvalue: a\nspace: 2.5 lines", "answer.space", "whole lines"),
    ("kind: multi\nspace: 4cm\nparts:\n  - {kind: number, value: a}\n  - {kind: number, value: a}",
     "answer.space", "states the space of each part"),
    ("kind: multi\nparts:\n  - {kind: number, value: a, space: 99cm}\n  - {kind: number, value: a}",
     "answer.parts[0].space", "at most 25 cm"),
])
def test_bad_space_in_a_template_names_the_field(write_template, answer, where, message):
    path = write_template(answer=answer)
    with pytest.raises(BadTemplate) as info:
        sample_question(read_template(path), 0)
    assert f"{path}: {where}: " in str(info.value) and message in str(info.value)


# ---------------------------------------------------------------- the command line


def test_mathexams_sample_takes_a_form(write_template, tmp_path, capsys):
    from mathexams.cli import main

    with_forms(write_template, id="calc.test.forms")
    bank = ["--bank", str(tmp_path / "bank"), "--no-shipped-bank"]
    assert main(["sample", "calc.test.forms", "--form", "large", "-n", "3", "--json", *bank]) == 0
    questions = json.loads(capsys.readouterr().out)
    assert [q["form"] for q in questions] == ["large"] * 3 and all(q["calculator"] for q in questions)
    assert main(["sample", "calc.test.forms", "--form", "small", *bank]) == 0
    assert "(form small, 1-2/calculus, L1, 3 pts, 2 min)" in capsys.readouterr().out
    assert main(["sample", "calc.test.forms", "--form", "huge", *bank]) == 2
    err = capsys.readouterr().err
    assert err == "mathexams: error: calc.test.forms has no form 'huge' (forms: small, large)\n"
