"""Hostile command-line options: one-line refusals, bounded work, and titles that cannot break or
inject LaTeX (emoji, U+2028, bidi overrides, TeX commands) but are printed as text."""

from __future__ import annotations

import json
import subprocess

import pytest
from conftest import assert_one_line_error, parser_error, run_cli

HOSTILE_TITLES = {
    "emoji": "Quiz 🎉🔥 review",
    "line_separator": "Quiz\u2028second line",
    "paragraph_separator": "Quiz\u2029next",
    "bidi_override": "Quiz \u202eweiver",
    "zero_width": "Qu\u200bi\u200dz",
    "escape_sequence": "Quiz \x1b[31mred",
    "tex_input": r"Quiz \input{/etc/passwd}",
    "tex_catcode": r"Quiz \catcode`\^=7 ^^5c",
    "braces": "Quiz }}}{{{",
    "hash_and_percent": "Quiz #1 100% & $x$ ~ _",
    "greek": "Κουίζ",
    "cjk": "测验",
    "latin_extended": "Ħarġa ŁÓDŹ ßœ",
    "nul": "Quiz\x00",
}


@pytest.mark.parametrize("argv, message", [
    (["sample", "calc.rules.chain", "-n", "1000000000"], "-n"),
    (["sample", "calc.rules.chain", "--seed", str(2**63)], "--seed"),
    (["sample", "calc.rules.chain", "--seed", "-1"], "--seed"),
    (["check", "--seeds", "1000000000"], "--seeds"),
    (["check", "--jobs", "1000000"], "--jobs"),
    (["quiz", "--weeks", "3-4", "--seed", str(2**64)], "--seed"),
    (["quiz", "--weeks", "3-4", "--seed", "1e9"], "--seed"),
    (["quiz", "--weeks", "3-4", "--versions", "0"], "--versions"),
    (["quiz", "--weeks", "3-4", "--title", "x" * 201], "--title"),
    (["quiz", "--weeks", "3-4", "--course", "y" * 5000], "--course"),
    (["selfcheck"], "manifest"),
])
def test_bad_options_are_one_line(argv, message, capsys):
    line = parser_error(capsys, *argv)
    assert "error:" in line and message in line


@pytest.mark.parametrize("argv, message", [
    (["quiz", "--weeks", "3-4; rm -rf /"], "--weeks '3-4; rm -rf /': the course plan has reviews after weeks"),
    (["quiz", "--weeks", "11-12"], "--weeks '11-12': the course plan has reviews after weeks"),
    (["list", "--week", "13"], "--week 13: the course plan has weeks 1-12"),
    (["list", "--track", "../../etc"], "--track '../../etc': the course plan's tracks are"),
])
def test_options_checked_against_the_course_plan_are_one_line(argv, message, tmp_path, capsys):
    """Weeks and tracks come from the bank's curriculum.yaml, so they are checked once it is read."""
    code, out, err = run_cli(capsys, *argv, *(["--no-pdf", "--out", tmp_path] if argv[0] == "quiz" else []))
    assert_one_line_error(code, err, message)
    assert out == "" and not list(tmp_path.iterdir())


@pytest.mark.parametrize("versions", ["61", "1000000000"])
def test_too_many_versions_is_one_line(versions, tmp_path, capsys):
    code, _, err = run_cli(capsys, "quiz", "--weeks", "1-2", "--versions", versions, "--no-pdf", "--out", tmp_path)
    assert_one_line_error(code, err, "--versions must be 1..60")
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize("argv, message", [
    (["list", "--bank", "/nonexistent/bank"], "is not a folder"),
    (["list", "--bank", "/etc/hostname"], "is not a folder"),
    (["selfcheck", "/nonexistent/manifest.json", "--version", "A"], "no such file"),
    (["grade", "/etc/hostname", "/etc/hostname"], "not a readable JSON exam record"),
    (["build", "/nonexistent/blueprint.yaml", "--no-pdf"], "blueprint.yaml"),
])
def test_paths_that_lead_nowhere_are_one_line(argv, message, capsys, referee):
    code, _, err = run_cli(capsys, *argv)
    assert_one_line_error(code, err, message)
    referee.clear()   # these commands were asked, by their user, to open those system paths


@pytest.mark.parametrize("name", sorted(HOSTILE_TITLES))
def test_hostile_titles_are_printed_as_text(name, tmp_path, capsys):
    code, _, err = run_cli(capsys, "quiz", "--weeks", "1-2", "--seed", "4", "--no-pdf", "--out", tmp_path,
                           "--title", HOSTILE_TITLES[name], "--course", HOSTILE_TITLES[name])
    assert code == 0, err
    tex = (tmp_path / "review-01-02-seed4" / "latex" / "papers.tex").read_text()
    header = tex.split(r"\begin{document}")[1].split(r"\begin{center}")[1].split(r"\end{center}")[0]
    for bad in ("\u2028", "\u2029", "\u202e", "\u200b", "\x1b", "\x00", r"\input", r"\catcode", "^^", "🎉"):
        assert bad not in header
    assert "Quiz" in header or name in ("greek", "cjk", "latin_extended")


@pytest.mark.latex
def test_a_title_with_emoji_and_separators_still_builds_the_pdf(tmp_path, capsys):
    title = "Quiz 🎉 week\u2028two \u202eΚ Ħarġa café"
    code, _, err = run_cli(capsys, "quiz", "--weeks", "1-2", "--seed", "4", "--out", tmp_path, "--title", title)
    assert code == 0, err
    pdf = tmp_path / "review-01-02-seed4" / "papers.pdf"
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Quiz" in text and "week two" in " ".join(text.split()) and "café" in text
    record = json.loads((tmp_path / "review-01-02-seed4" / "manifest.json").read_text())
    assert record["title"] == title   # the record keeps what was asked; only the LaTeX is made printable


def test_a_hostile_version_name_in_selfcheck_is_one_line(built_exam, capsys):
    code, _, err = run_cli(capsys, "selfcheck", built_exam / "manifest.json", "--version", "\x1b[2J" + "Z" * 500)
    line = assert_one_line_error(code, err, "no version")
    assert "\x1b" not in line and len(line) < 300
