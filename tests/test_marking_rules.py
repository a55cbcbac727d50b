"""Rules that make a template marked the way it is asked: tolerances no looser than the asked
precision, exact wording that demands exact form, and decimal keys with two significant figures."""

from __future__ import annotations

import pytest

from mathexams.bank import read_template
from mathexams.errors import BadTemplate, SamplingExhausted
from mathexams.judge import check_answer
from mathexams.kinds.decimal import half_unit
from mathexams.sampler import sample_question, sample_with_stats
from mathexams.template import asks_exact


def decimal(value: str, extra: str = "") -> str:
    return f"kind: decimal\nvalue: {value}\nplaces: 2{extra}"


def test_a_decimal_answer_defaults_to_half_a_unit_in_the_last_place(write_template):
    path = write_template(params="a: randint(100, 999)\nv: a / 7", answer=decimal("v"), verify="- close(answer, a/7)")
    q = sample_question(read_template(path), 1)
    assert q.answer.abs_tol == half_unit(2) == 0.005 and q.answer.rel_tol is None
    key = float(q.answer.value)
    rounded = f"{key:.2f}"
    assert check_answer(q.answer, rounded).correct                    # the key rounded as asked scores
    off_by_one = f"{float(rounded) + 0.01:.2f}"
    assert not check_answer(q.answer, off_by_one).correct             # one unit off in the last place does not


def test_a_tolerance_looser_than_the_asked_precision_is_refused_at_load(write_template):
    path = write_template(params="a: randint(100, 999)", answer=decimal("a / 7", "\nabs_tol: 0.01"),
                          verify="- close(answer, a/7)")
    with pytest.raises(BadTemplate) as info:
        sample_question(read_template(path), 0)
    assert f"{path}: answer.abs_tol: 0.01 is looser than half a unit in the last asked place (0.005 at 2 places)" \
        in str(info.value)


def test_a_tolerance_at_or_below_half_a_unit_is_kept(write_template):
    path = write_template(params="a: randint(100, 999)", answer=decimal("a / 7", "\nabs_tol: 0.005"),
                          verify="- close(answer, a/7)")
    assert sample_question(read_template(path), 0).answer.abs_tol == 0.005
    path = write_template(params="a: randint(100, 999)", answer=decimal("a / 7", "\nrel_tol: 0.0001"),
                          verify="- close(answer, a/7)")
    assert sample_question(read_template(path), 0).answer.rel_tol == 0.0001


@pytest.mark.parametrize("text, asks", [
    ("Give the exact value of $x$.", True),
    ("Find $P(A)$ (exact).", True),
    ("Give an exact fraction.", True),
    ("Evaluate exactly: $\\int_0^1 x\\,dx$.", True),
    ("Compute $E[X]$ exactly.", True),
    ("Compute $R^2$ exactly, where SSE is ...", True),
    ("What is the probability of exactly two heads?", False),
    ("The test rejects exactly when $p < 0.05$.", False),
    ("Each customer uses exactly one service.", False),
    ("$P = \\VAR{exact}$ to four places", False),
    ("\\BLOCK{if exact}x\\BLOCK{endif}", False),
    ("Exactness of a test", False),
])
def test_exact_wording(text, asks):
    assert asks_exact(text) is asks


def test_a_prompt_asking_for_the_exact_value_needs_exact_form(write_template):
    path = write_template(answer="kind: number\nvalue: a", prompt="'Give the exact value of $\\VAR{a}/3$.'")
    with pytest.raises(BadTemplate, match=r"answer.exact_form: the question's prompt asks for the exact value"):
        sample_question(read_template(path), 0)
    path = write_template(answer="kind: number\nvalue: a\nexact_form: true", prompt="'Give the exact value.'")
    assert sample_question(read_template(path), 0).answer.exact_form


def test_a_decimal_answer_cannot_be_asked_exactly(write_template):
    path = write_template(answer=decimal("a / 7"), prompt="'Give $a/7$ (exact).'", verify="- close(answer, a/7)")
    with pytest.raises(BadTemplate, match="answer.kind: the question's prompt asks for the exact value, but the answer "
                                          "is a decimal"):
        sample_question(read_template(path), 0)


def test_exact_wording_of_a_part_or_of_the_whole_question(write_template):
    parts = """kind: multi
parts:
  - {kind: number, value: a, prompt: 'the value (exact)'}
  - {kind: decimal, value: a / 7, places: 3, prompt: 'a seventh, to three places'}"""
    path = write_template(answer=parts, verify="- close(answer[0], a)")
    with pytest.raises(BadTemplate, match=r"answer.parts\[0\].exact_form: its prompt asks for the exact value"):
        sample_question(read_template(path), 0)
    whole = parts.replace(" prompt: 'the value (exact)'", " prompt: 'the value'")
    path = write_template(answer=whole, verify="- close(answer[0], a)", prompt="'Give exact answers.'")
    with pytest.raises(BadTemplate, match=r"answer.parts\[0\].exact_form: the question's prompt asks"):
        sample_question(read_template(path), 0)
    fixed = whole.replace("{kind: number, value: a,", "{kind: number, exact_form: true, value: a,")
    q = sample_question(read_template(write_template(answer=fixed, verify="- close(answer[0], a)",
                                                     prompt="'Give exact answers.'")), 0)
    assert q.answer.parts[0].exact_form and not q.answer.parts[1].exact_form   # the decimal part says decimals


def test_a_decimal_key_with_fewer_than_two_significant_figures_is_redrawn(write_template):
    # a/1000 at 3 places: 0.001 .. 0.009 keep one significant figure, 0.010 .. 0.012 two
    path = write_template(params="a: randint(1, 12)", answer="kind: decimal\nvalue: a / 1000\nplaces: 3",
                          verify="- close(answer, a / 1000)")
    t = read_template(path)
    values, reasons = set(), set()
    for seed in range(40):
        q, stats = sample_with_stats(t, seed)
        values.add(q.answer.latex)
        reasons.update(stats.reasons)
        assert stats.unfit_keys == stats.rejected
    assert values == {"0.010", "0.011", "0.012"}
    assert reasons == {"answer: key rounds to fewer than 2 significant figures at 3 places"}


def test_a_key_that_always_rounds_to_zero_exhausts_the_draws_saying_why(write_template):
    path = write_template(params="a: randint(1, 4)", answer="kind: multi\nparts:\n  - {kind: number, value: a}\n"
                          "  - {kind: decimal, value: a / 10**6, places: 4}", verify="- close(answer[0], a)")
    path.write_text(path.read_text() + "max_attempts: 10\n")
    with pytest.raises(SamplingExhausted, match=r"answer.parts\[1\]: key rounds to fewer than 2 significant figures "
                                                 r"at 4 places"):
        sample_question(read_template(path), 0)
