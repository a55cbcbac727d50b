"""Sampling: determinism, capped retries, key checks and error messages that name template and seed."""

from __future__ import annotations

import pytest

from mathexams.bank import read_template
from mathexams.errors import BadTemplate, KeyMismatch, SamplingExhausted
from mathexams.sampler import sample_question, sample_with_stats


def test_same_seed_same_question_different_seed_different_question(bank):
    t = bank.get("linalg.inv.inverse_2x2")
    assert sample_question(t, 5) == sample_question(t, 5)
    assert sample_question(t, 5) != sample_question(t, 6)


def test_question_carries_metadata_and_template_hash(bank):
    t = bank.get("calc.rules.chain")
    q = sample_question(t, 1)
    assert (q.template_id, q.seed, q.cell, q.weeks) == ("calc.rules.chain", 1, "3-4/calculus", (3, 4))
    assert q.template_hash == t.content_hash and len(q.template_hash) == 64


def test_exhausted_retries_name_template_seed_and_constraint(write_template):
    path = write_template(params="a: randint(1, 5)", answer="kind: number\nvalue: a", id="calc.test.never")
    path.write_text(path.read_text() + "constraints:\n  - a > 10\nmax_attempts: 20\n")
    with pytest.raises(SamplingExhausted) as info:
        sample_question(read_template(path), 3)
    message = str(info.value)
    assert "calc.test.never" in message and "seed 3" in message and "a > 10" in message and str(path) in message


def test_rejected_draws_are_counted(write_template):
    path = write_template(params="a: randint(1, 4)", answer="kind: number\nvalue: a")
    path.write_text(path.read_text() + "constraints:\n  - a != 1\n")
    rejected = sum(sample_with_stats(read_template(path), s)[1].rejected for s in range(40))
    assert 0 < rejected < 40


def test_wrong_key_is_caught_by_the_independent_check(write_template):
    path = write_template(params="f: x**3", answer="kind: expression\nvalue: 3*x", id="calc.test.wrongkey",
                          verify="- derivative_matches(f, answer, x)")
    with pytest.raises(KeyMismatch) as info:
        sample_question(read_template(path), 9)
    assert "calc.test.wrongkey (seed 9)" in str(info.value) and "derivative_matches" in str(info.value)


def test_runtime_error_names_field_template_and_seed(write_template):
    path = write_template(params="a: randint(0, 0)\nb: 1/a", id="calc.test.divzero")
    with pytest.raises(BadTemplate) as info:
        sample_question(read_template(path), 4)
    assert "params.b: division by zero (calc.test.divzero, seed 4)" in str(info.value)


def test_placeholder_error_names_the_field(write_template):
    path = write_template(prompt="'\\VAR{nothing}'", id="calc.test.undefined")
    with pytest.raises(BadTemplate, match=r"prompt: 'nothing' is undefined \(calc.test.undefined, seed 0\)"):
        sample_question(read_template(path), 0)


def test_answer_of_the_wrong_kind_is_refused(write_template):
    path = write_template(answer="kind: number\nvalue: x + a")
    with pytest.raises(BadTemplate, match="answer: a number answer has free symbols"):
        sample_question(read_template(path), 0)


CHOICE = """kind: choice
options:
  - value: a
    correct: true
  - value: a + 1
  - value: a + 2
  - value: a + 3"""


def test_choice_options_are_shuffled_per_seed_and_the_key_follows(write_template):
    path = write_template(answer=CHOICE, verify="- close(a, a)\n- close(answer[0], 1)")
    t = read_template(path)
    positions = set()
    for seed in range(30):
        q = sample_question(t, seed)
        a = q.prompt_latex.split("= ")[1].rstrip("$")
        (index,) = q.answer.correct
        assert q.answer.options[index] == f"${a}$"
        positions.add(index)
    assert positions == {0, 1, 2, 3}


def test_sorted_options_are_refused_because_they_reveal_the_key_position(write_template):
    path = write_template(answer=CHOICE + "\norder: sorted", verify="- close(answer[0], 1)")
    with pytest.raises(BadTemplate, match=r"answer.order: must be shuffle or fixed \(options are shuffled"):
        sample_question(read_template(path), 2)


def test_fixed_options_keep_their_order(write_template):
    path = write_template(answer=CHOICE + "\norder: fixed", verify="- close(answer[0], 1)")
    q = sample_question(read_template(path), 2)
    assert q.answer.correct == (0,)
    values = [int(o.strip("$")) for o in q.answer.options]
    assert values == [values[0] + i for i in range(4)]


def test_options_that_render_identically_force_a_redraw(write_template):
    answer = "kind: choice\noptions:\n  - value: a\n    correct: true\n  - value: 2*a - 1"
    path = write_template(params="a: randint(1, 3)", answer=answer, verify="- close(answer[0], 1)")
    t = read_template(path)
    stats = [sample_with_stats(t, s)[1] for s in range(20)]
    assert any(s.rejected for s in stats)
    assert all(sample_question(t, s).prompt_latex != "$a = 1$" for s in range(20))


def test_runaway_computation_hits_the_time_limit(write_template):
    path = write_template(params="n: 60\nf: expand((x + 1)**n * (x - 1)**n * (x + 2)**n * (x - 3)**n)",
                          answer="kind: expression\nvalue: f", verify="- derivative_matches(f, answer, x)",
                          id="calc.test.slow")
    with pytest.raises(BadTemplate, match="took longer than 0.05 s"):
        sample_question(read_template(path), 0, time_limit=0.05)


def test_a_macro_that_crashes_is_reported_with_template_and_seed(write_template, monkeypatch):
    from mathexams.sandbox import Fn
    from mathexams.template import FUNCTIONS

    def broken(n):
        return undefined_name  # noqa: F821 - the bug under test

    monkeypatch.setitem(FUNCTIONS, "broken_macro", Fn(broken))
    path = write_template(params="a: broken_macro(1)", id="calc.test.crash")
    with pytest.raises(BadTemplate, match=r"params.a: broken_macro\(\) failed: NameError.*calc.test.crash, seed 0"):
        sample_question(read_template(path), 0)


def test_a_sign_right_after_the_placeholder_delimiter_is_refused(write_template):
    # Jinja would read "{-" as whitespace control and print m instead of -m
    path = write_template(params="a: randint(1, 5)", prompt="'$\\VAR{-a}$'", id="calc.test.sign")
    with pytest.raises(BadTemplate, match=r"prompt: a '-' right after \\VAR\{ is read as Jinja whitespace control"):
        sample_question(read_template(path), 0)


def test_constraints_run_as_soon_as_their_parameters_exist(write_template):
    # without early constraints, b = 1/a would divide by zero whenever a = 0 is drawn
    path = write_template(params="a: randint(-1, 1)\nb: 1/a", answer="kind: number\nvalue: b",
                          verify="- close(answer, 1/a)")
    path.write_text(path.read_text() + "constraints:\n  - a != 0\n")
    t = read_template(path)
    assert {sample_question(t, s).answer.value for s in range(20)} == {"1", "-1"}
