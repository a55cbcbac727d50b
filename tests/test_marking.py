"""Self-check and class grading against an exam record, through the command line."""

from __future__ import annotations

import csv
import io
import json

import pytest

from mathexams.cli import main
from mathexams.stress import typed_key


@pytest.fixture(scope="module")
def manifest(tmp_path_factory):
    out = tmp_path_factory.mktemp("exam")
    assert main(["quiz", "--weeks", "1-2", "--seed", "21", "--versions", "2", "--no-pdf", "--out", str(out)]) == 0
    return out / "review-01-02-seed21" / "manifest.json"


def key_lines(manifest, version: str) -> list[str]:
    record = json.loads(manifest.read_text())
    v = next(v for v in record["versions"] if v["version"] == version)
    lines = []
    for item in sorted((i for s in v["sections"] for i in s["items"]), key=lambda i: i["number"]):
        for part in item["answer"].get("parts") or [item["answer"]]:
            label = part.get("label", "") if item["answer"].get("parts") else ""
            lines.append(f"{item['number']}{label}: {part['value']}")
    return lines


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_selfcheck_with_the_key_scores_full_marks_by_track(manifest, tmp_path, capsys):
    answers = tmp_path / "answers.txt"
    answers.write_text("\n".join(key_lines(manifest, "B")) + "\n")
    code, out, _ = run(capsys, "selfcheck", manifest, "--version", "B", "--answers", answers)
    assert code == 0
    assert "Score: 50/50 (100%)" in out
    assert "By track:" in out and "calculus" in out and "By objective:" in out
    assert "MISS" not in out


def test_selfcheck_shows_the_solution_of_each_miss(manifest, tmp_path, capsys):
    lines = key_lines(manifest, "A")
    number, _, value = lines[0].partition(": ")
    lines[0] = f"{number}: 12345"
    answers = tmp_path / "answers.txt"
    answers.write_text("\n".join(lines))
    code, out, _ = run(capsys, "selfcheck", manifest, "--version", "A", "--answers", answers)
    miss = [line for line in out.splitlines() if line.startswith("MISS")]
    assert len(miss) == 1 and miss[0].startswith(f"MISS Q{number.rstrip('abc')}")
    assert "key: " in out and "Score: " in out


def test_selfcheck_reads_answers_from_the_terminal(manifest, capsys, monkeypatch):
    typed = iter(line.split(": ", 1)[1] for line in key_lines(manifest, "A"))
    monkeypatch.setattr("builtins.input", lambda prompt="": next(typed))
    code, out, _ = run(capsys, "selfcheck", manifest, "--version", "A")
    assert code == 0 and "Score: 50/50 (100%)" in out


@pytest.mark.parametrize("argv, message", [
    (["--version", "Q"], "no version 'Q' in this exam (versions: A, B)"),
    (["--version", "A", "--answers", "/nonexistent/answers.txt"], "/nonexistent/answers.txt"),
])
def test_selfcheck_errors(manifest, capsys, argv, message):
    code, _, err = run(capsys, "selfcheck", manifest, *argv)
    assert code == 2 and message in err and len(err.strip().splitlines()) == 1


def test_bad_manifest_is_one_line_error(tmp_path, capsys):
    bad = tmp_path / "manifest.json"
    bad.write_text("{not json")
    code, _, err = run(capsys, "selfcheck", bad, "--version", "A")
    assert code == 2 and "not a readable JSON exam record" in err
    bad.write_text('{"format": "other"}')
    code, _, err = run(capsys, "grade", bad, bad)
    assert code == 2 and "format: not a mathexams exam record" in err


def class_file(manifest, tmp_path, rows_extra: list[list[str]] = ()) -> tuple:
    columns = sorted({line.split(":")[0] for v in "AB" for line in key_lines(manifest, v)},
                     key=lambda c: (int(c.rstrip("abcdefgh")), c))
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["student", "version", *columns])
    for s, version in enumerate("ABAB"):
        keys = dict(line.split(": ", 1) for line in key_lines(manifest, version))
        if s == 1:  # this student misses the first answer of their version
            keys[next(c for c in columns if c in keys)] = "999"
        writer.writerow([f"s{s}", version, *[keys.get(c, "") for c in columns]])
    for row in rows_extra:
        writer.writerow(row)
    path = tmp_path / "responses.csv"
    path.write_text(out.getvalue())
    return path, columns


def test_grade_writes_gradebook_and_report_and_keeps_bad_rows_out(manifest, tmp_path, capsys):
    _, columns = class_file(manifest, tmp_path)
    blank = [""] * len(columns)
    responses, _ = class_file(manifest, tmp_path, [["s9", "Z", *blank], ["", "A", *blank], ["s10", "A", "1"]])
    out_dir = tmp_path / "grades"
    code, out, err = run(capsys, "grade", manifest, responses, "--out", out_dir)
    assert code == 0
    assert "4 student(s) graded, 3 row(s) not read" in out
    assert "line 6: unknown version 'Z' for s9" in err and "line 7: no student id" in err
    assert "line 8: 3 fields, the header has" in err
    book = list(csv.DictReader(io.StringIO((out_dir / "gradebook.csv").read_text())))
    assert [r["student"] for r in book] == ["s0", "s1", "s2", "s3"]
    assert [float(r["percent"]) for r in book] != [100.0] * 4
    assert float(book[0]["percent"]) == 100.0 and float(book[1]["percent"]) < 100.0
    report = (out_dir / "report.md").read_text()
    assert "| slot | template | students | share correct | discrimination |" in report
    assert "## Objectives" in report and "line 6: unknown version 'Z'" in report


def test_grade_refuses_to_overwrite_without_force(manifest, tmp_path, capsys):
    responses, _ = class_file(manifest, tmp_path)
    out_dir = tmp_path / "grades"
    assert run(capsys, "grade", manifest, responses, "--out", out_dir)[0] == 0
    code, _, err = run(capsys, "grade", manifest, responses, "--out", out_dir)
    assert code == 2 and "already exists: pass --force" in err
    assert run(capsys, "grade", manifest, responses, "--out", out_dir, "--force")[0] == 0


@pytest.mark.parametrize("text, message", [("", "the responses file is empty"),
                                          ("name,answers\n", "needs 'student' and 'version' columns")])
def test_grade_refuses_unusable_csv(manifest, tmp_path, capsys, text, message):
    path = tmp_path / "r.csv"
    path.write_text(text)
    code, _, err = run(capsys, "grade", manifest, path, "--out", tmp_path / "g")
    assert code == 2 and message in err


def test_judge_command(capsys):
    code, out, _ = run(capsys, "judge", "--kind", "expression", "--expected", "2x cos(x^2)",
                       "--response", "2*x*cos(x**2)")
    assert code == 0 and out.startswith("correct (1/1): equivalent")
    code, out, _ = run(capsys, "judge", "--kind", "number", "--expected", "1/3", "--response", "0.333", "--exact",
                       "--json")
    assert code == 1 and json.loads(out)["reason"].startswith("not exact")
    code, _, err = run(capsys, "judge", "--kind", "vector", "--expected", "(1, 2", "--response", "(1, 2)")
    assert code == 2 and "--expected '(1, 2': unexpected end of input" in err


def test_public_api_is_importable_from_the_package():
    import mathexams
    from mathexams.answers import make_answer

    verdict = mathexams.check_answer(make_answer("set", [1, 2]), "{2, 1}")
    assert isinstance(verdict, mathexams.Verdict) and verdict.correct


def test_typed_key_of_multipart_answers_is_by_label():
    from mathexams.answers import make_answer

    answer = make_answer("multi", parts=(make_answer("number", 1, label="a"), make_answer("number", 2, label="b")))
    assert typed_key(answer) == {"a": "1", "b": "2"}
