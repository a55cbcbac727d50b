"""Hostile input to `mathexams judge` and `check_answer`: a verdict or a one-line refusal, never a
crash, a hang or an answer that accepts anything."""

from __future__ import annotations

import math

import pytest
from conftest import parser_error, run_cli

from mathexams.judge import answer_from_text, check_answer
from mathexams.model import Answer


@pytest.mark.parametrize("argv, message", [
    (["--kind", "choice", "--expected", "B", "--response", "B", "--options", "10000000000"], "--options"),
    (["--kind", "choice", "--expected", "B", "--response", "B", "--options", "27"], "--options"),
    (["--kind", "choice", "--expected", "B", "--response", "B", "--options", "0"], "--options"),
    (["--kind", "decimal", "--expected", "1.5", "--response", "99", "--abs-tol", "inf"], "--abs-tol"),
    (["--kind", "decimal", "--expected", "1.5", "--response", "99", "--abs-tol", "-1"], "--abs-tol"),
    (["--kind", "decimal", "--expected", "1.5", "--response", "99", "--abs-tol", "0"], "--abs-tol"),
    (["--kind", "decimal", "--expected", "1.5", "--response", "99", "--rel-tol", "nan"], "--rel-tol"),
    (["--kind", "decimal", "--expected", "1.5", "--response", "99", "--rel-tol", "1e999"], "--rel-tol"),
    (["--kind", "decimal", "--expected", "1.5", "--response", "99", "--rel-tol", "lots"], "--rel-tol"),
    (["--kind", "expression", "--expected", "x", "--response", "x", "--variables", "x,__import__('os')"], "--variables"),
    (["--kind", "expression", "--expected", "x", "--response", "x", "--variables", ",".join("x" * 11)], "--variables"),
    (["--kind", "python", "--expected", "1", "--response", "1"], "--kind"),
])
def test_bad_judge_options_are_one_line(argv, message, capsys):
    line = parser_error(capsys, "judge", *argv)
    assert line.startswith("mathexams judge: error: ") and message in line


@pytest.mark.parametrize("expected", ["(" * 5000, "x" * 100_000, "__import__('os').system('id')", "1/0", "", "\x00"])
def test_an_unreadable_key_is_one_line(expected, capsys):
    code, _, err = run_cli(capsys, "judge", "--kind", "expression", "--expected", expected, "--response", "1")
    assert code == 2 and len(err.strip().splitlines()) == 1 and err.startswith("mathexams: error: --expected")


@pytest.mark.parametrize("response", ["(" * 5000, "9" * 100_000, "__import__('os').system('id')", "10^10^10^10",
                                      "\x1b[31mred", "sin(" * 500, "[[" * 2000, "x" * 1_000_000])
def test_hostile_responses_get_a_verdict(response, capsys):
    code, out, err = run_cli(capsys, "judge", "--kind", "expression", "--expected", "2x", "--response", response)
    assert code == 1 and err == ""
    assert out.startswith("incorrect (0/1): ") and "\x1b" not in out


@pytest.mark.parametrize("points", ["lots", None, float("nan"), float("inf"), -3, {"a": 1}, [1], "3"])
def test_check_answer_never_raises_whatever_the_points(points):
    answer = Answer(kind="number", value="2", latex="2", points=points)   # type: ignore[arg-type]
    verdict = check_answer(answer, "2")
    assert verdict.correct and verdict.max_points >= 0 and math.isfinite(verdict.max_points)


@pytest.mark.parametrize("options, tol", [(10**10, None), (None, float("inf")), (None, float("nan")), (None, -1.0)])
def test_answer_from_text_refuses_what_the_cli_refuses(options, tol):
    from mathexams.errors import MathExamsError

    with pytest.raises(MathExamsError):
        if options:
            answer_from_text("choice", "B", options=options)
        else:
            answer_from_text("decimal", "1.5", abs_tol=tol)


def test_a_tolerance_cannot_make_everything_right(capsys):
    code, out, _ = run_cli(capsys, "judge", "--kind", "decimal", "--expected", "1.5", "--response", "1e300",
                           "--abs-tol", "1e12")
    assert code == 1 and out.startswith("incorrect")
