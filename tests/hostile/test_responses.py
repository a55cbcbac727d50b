"""Hostile responses spreadsheets for `grade`: formulas stay text, Markdown and terminals stay
clean, oversized cells, lines and files are refused row by row, never with a crash."""

from __future__ import annotations

import csv
import io
import os
import re
import subprocess
import sys

import pytest
from conftest import assert_one_line_error, run_cli, unwatched

FORMULAS = ['=HYPERLINK("http://evil.example/x","click")', "+1+1", "-2+3", "@SUM(A1:A9)", "\t=1", "\r=1",
            "=cmd|' /C calc'!A0"]


def _grade(capsys, built_exam, tmp_path, content: str | bytes, *extra):
    responses = tmp_path / "responses.csv"
    if isinstance(content, str):
        content = content.encode("utf-8")
    responses.write_bytes(content)
    out = tmp_path / "grades"
    code, stdout, stderr = run_cli(capsys, "grade", built_exam / "manifest.json", responses, "--out", out, *extra)
    return code, stdout, stderr, out


def _row(student: str, version: str = "A", answer: str = "1") -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow([student, version, answer])
    return buffer.getvalue()


@pytest.mark.parametrize("name", FORMULAS)
def test_a_formula_in_a_name_stays_text_in_the_gradebook(name, built_exam, tmp_path, capsys):
    code, _, err, out = _grade(capsys, built_exam, tmp_path, "student,version,1\n" + _row(name))
    assert code == 0, err
    rows = list(csv.reader(io.StringIO((out / "gradebook.csv").read_text())))
    assert rows[1][0] == "'" + name.strip()   # ids are stripped of surrounding blanks


@pytest.mark.parametrize("name", ["ann\n# Fake heading", "![x](http://evil.example/pixel.png)", "[click](http://evil)",
                                  "<img src=x onerror=alert(1)>", "| a | b |"])
def test_names_cannot_add_markdown_to_the_report(name, built_exam, tmp_path, capsys):
    code, _, err, out = _grade(capsys, built_exam, tmp_path, "student,version,1\n" + _row(name, version="Z"))
    assert code == 0, err
    report = (out / "report.md").read_text()
    assert "# Fake heading" not in report.replace("\\# Fake heading", "")
    assert "](http" not in report and not re.search(r"(?<!\\)<img", report)
    assert not any(line.startswith("# Fake") for line in report.splitlines())


@pytest.mark.parametrize("name", ["\x1b[2J\x1b[31mred", "a\rb", "rtl\u202eevil", "line\u2028sep", "bell\x07", "\x9b31m"])
def test_control_characters_never_reach_the_terminal(name, built_exam, tmp_path, capsys):
    code, out, err, _ = _grade(capsys, built_exam, tmp_path, "student,version,1\n" + _row(name, version="Z"))
    assert code == 0, err
    for text in (out, err):
        assert not any(ch in text for ch in "\x1b\r\x07\x9b\u202e\u2028")


def test_a_field_over_128_kib_rejects_its_row_only(built_exam, tmp_path, capsys):
    content = "student,version,1\n" + _row("big", answer="1" * (129 * 1024)) + _row("ann")
    code, out, err, gradebook = _grade(capsys, built_exam, tmp_path, content)
    assert code == 0, err
    assert "1 student(s) graded, 1 row(s) not read" in out
    assert "line 2" in err and "field larger than field limit" in err


def test_a_line_over_a_mebibyte_is_skipped_in_pieces(built_exam, tmp_path, capsys):
    content = "student,version,1\n" + "x" * (3 * 1024 * 1024) + "\n" + _row("ann")
    code, out, err, _ = _grade(capsys, built_exam, tmp_path, content)
    assert code == 0, err
    assert "1 student(s) graded, 1 row(s) not read" in out and "longer than" in err


def test_a_nul_byte_is_harmless(built_exam, tmp_path, capsys):
    code, out, err, _ = _grade(capsys, built_exam, tmp_path, "student,version,1\n" + "a\0b,A,1\n" + _row("ann"))
    assert code == 0, err
    assert "2 student(s) graded" in out and "\0" not in out + err


@pytest.mark.parametrize("content, message", [
    (b"", "the responses file is empty"),
    (b"name,group,1\nann,A,1\n", "needs 'student' and 'version' columns"),
    (b"\xff\xfe\x00garbage", "not UTF-8"),
    (b'student,version,1\n"unclosed,A,1\n', None),
])
def test_unreadable_responses_files_are_one_line(content, message, built_exam, tmp_path, capsys):
    code, out, err, _ = _grade(capsys, built_exam, tmp_path, content)
    if message is None:   # an unclosed quote swallows the rest of the file: a row not read, no crash
        assert code == 0 and "Traceback" not in err
        return
    assert_one_line_error(code, err, message)


@pytest.mark.parametrize("kind", ["fifo", "folder"])
def test_a_responses_path_that_is_not_a_file_is_one_line(kind, built_exam, tmp_path, capsys):
    path = tmp_path / "responses.csv"
    os.mkfifo(path) if kind == "fifo" else path.mkdir()
    code, _, err = run_cli(capsys, "grade", built_exam / "manifest.json", path, "--out", tmp_path / "g")
    assert_one_line_error(code, err, str(path))


def test_hostile_answers_get_a_verdict_not_a_crash(built_exam, tmp_path, capsys):
    answers = ["(" * 5000, "9" * 5000, "x" * 200_000, "__import__('os').system('id')", "1/0", "10^10^10^10",
               "[[" * 1000, "\x00", "∞" * 100, "sin" * 300]
    content = "student,version,1,2\n" + "".join(f"s{i},A,{a!r},{a!r}\n".replace("'", '"') for i, a in enumerate(answers))
    code, out, err, _ = _grade(capsys, built_exam, tmp_path, content)
    assert code == 0, err
    # every answer gets a verdict; the 200 000-character one is a cell over 128 KiB: its row is not read
    assert f"{len(answers) - 1} student(s) graded, 1 row(s) not read" in out


@pytest.mark.slow   # writes and grades 10**6 rows
def test_a_million_rows_are_read_in_bounded_memory(built_exam, tmp_path):
    """10**6 rows: grading stops after MAX_STUDENTS, reports the rest, and the process stays small."""
    path = tmp_path / "huge.csv"
    with open(path, "w") as handle:
        handle.write("student,version,1\n")
        for i in range(1_000_000):
            handle.write(f"s{i},A,{i % 7}\n")
    script = ("import resource, sys; from mathexams.cli import main; code = main(sys.argv[1:]); "
              "print('maxrss', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss); sys.exit(code)")
    with unwatched():
        result = subprocess.run([sys.executable, "-c", script, "grade", str(built_exam / "manifest.json"), str(path),
                                 "--out", str(tmp_path / "g")], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-500:]
    assert "20000 student(s) graded" in result.stdout and "980000 row(s) not read" in result.stdout
    rss_kib = int(result.stdout.split("maxrss")[1].split()[0])
    assert rss_kib < 600 * 1024, f"grading took {rss_kib // 1024} MiB"
    assert len(result.stderr.splitlines()) <= 3


def test_rejections_listed_are_capped(built_exam, tmp_path, capsys):
    content = "student,version,1\n" + "".join(f"s{i},Z,1\n" for i in range(3000))
    code, out, err, gradebook = _grade(capsys, built_exam, tmp_path, content)
    assert code == 0
    assert "3000 row(s) not read" in out
    assert len(err.splitlines()) == 1001
    assert "and 2000 more" in (gradebook / "report.md").read_text()


