"""The command line: each command's output, and one-line errors with a non-zero exit."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from mathexams.cli import build_parser, main


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_list_filters_by_week_and_track(capsys):
    code, out, _ = run(capsys, "list", "--week", "5", "--track", "linear_algebra")
    assert code == 0
    rows = out.strip().splitlines()
    assert rows and all("5-6/linear_algebra" in r for r in rows)
    assert any(r.startswith("linalg.inv.inverse_2x2 ") for r in rows)


def test_list_json(capsys):
    code, out, _ = run(capsys, "list", "--json", "--week", "3")
    data = json.loads(out)
    assert code == 0 and all(3 in row["weeks"] for row in data)
    assert {"id", "title", "weeks", "track", "cell", "objective", "difficulty", "answer_kind"} <= set(data[0])


def test_sample_json_has_every_documented_field(capsys):
    code, out, _ = run(capsys, "sample", "prob.dist.poisson", "--seed", "3", "--json")
    q = json.loads(out)
    assert code == 0
    for key in ("template_id", "seed", "weeks", "track", "objective", "answer_kind", "prompt_latex",
                "solution_latex", "answer", "choices"):
        assert key in q
    assert q["seed"] == 3 and q["answer"]["kind"] == "multi"


def test_sample_several_seeds_in_a_row(capsys):
    code, out, _ = run(capsys, "sample", "calc.rules.chain", "--seed", "10", "-n", "3", "--json")
    assert [q["seed"] for q in json.loads(out)] == [10, 11, 12]


def test_sample_text_output_shows_answer_and_solution(capsys):
    code, out, _ = run(capsys, "sample", "linalg.inv.inverse_2x2")
    assert code == 0 and "% answer: [[" in out and "% solution:" in out


def test_check_prints_a_table_and_succeeds(capsys):
    code, out, _ = run(capsys, "check", "calc.rules.chain", "--seeds", "5", "--jobs", "1")
    assert code == 0
    assert "calc.rules.chain" in out and "1 template(s), 5 question(s), 0 violation(s)" in out


def test_check_fails_on_a_broken_template(write_template, capsys, tmp_path):
    write_template(params="f: x**2", answer="kind: expression\nvalue: x", id="calc.test.broken",
                   verify="- derivative_matches(f, answer, x)")
    code, out, err = run(capsys, "check", "--bank", str(tmp_path / "bank"), "--no-shipped-bank", "--seeds", "2")
    assert code == 1
    assert "FAIL" in out and "error: calc.test.broken (seed 0): check" in err


@pytest.mark.parametrize("argv, message", [
    (["sample", "calc.no.such"], "no template with id 'calc.no.such'"),
    (["list", "--bank", "/nonexistent/bank"], "/nonexistent/bank: bank: is not a folder"),
    (["list", "--no-shipped-bank"], "needs at least one --bank"),
    (["list", "--week", "13"], "--week 13: the course plan has weeks 1-12"),
    (["list", "--track", "geometry"], "--track 'geometry': the course plan's tracks are calculus, linear_algebra"),
    (["quiz", "--weeks", "11-12", "--no-pdf"], "--weeks '11-12': the course plan has reviews after weeks 1-2, 3-4"),
    (["quiz", "--weeks", "2-3", "--no-pdf"], "--weeks '2-3': the course plan has reviews after weeks"),
])
def test_errors_are_one_line_with_exit_code_2(capsys, argv, message):
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert err.strip().splitlines() == [f"mathexams: error: {message}"] or (
        len(err.strip().splitlines()) == 1 and message in err)


@pytest.mark.parametrize("argv", [["sample", "x", "--seed", "-4"], ["sample", "x", "-n", "0"],
                                  ["list", "--week", "0"], ["check", "--seeds", "many"]])
def test_bad_arguments_are_refused_by_the_parser(capsys, argv):
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 2
    assert "Traceback" not in capsys.readouterr().err


def test_every_command_has_help():
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    for name, command in sub.choices.items():
        assert command.format_help().strip(), name
        assert sub._choices_actions and any(c.dest == name and c.help for c in sub._choices_actions)


def test_functions_lists_macros_and_checks(capsys):
    code, out, _ = run(capsys, "functions")
    assert code == 0 and "eigen_basis" in out and "derivative_matches" in out and "[simulation]" in out


def test_help_starts_without_importing_sympy():
    code = "import sys; from mathexams.cli import build_parser; build_parser(); print('sympy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_bank_index_is_up_to_date(capsys, bank):
    from pathlib import Path

    code, out, _ = run(capsys, "index")
    index = Path(__file__).resolve().parents[1] / "question_bank" / "INDEX.md"
    assert code == 0
    assert index.read_text() == out, "question_bank/INDEX.md is stale: run `make index`"
    for t in bank:
        assert f"`{t.id}`" in out
