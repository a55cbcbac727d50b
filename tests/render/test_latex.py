"""LaTeX layouts: user text is escaped, papers and keys hold what they must."""

from __future__ import annotations

import dataclasses
import re

import pytest

from mathexams.assemble import build_versions
from mathexams.blueprint import load_blueprint, shipped_blueprint
from mathexams.model import Answer
from mathexams.render.latex import (
    answer_text,
    grid_answer,
    latex_escape,
    render_keys,
    render_master_key,
    render_papers,
    row_points,
)

INJECTIONS = [
    r"\input{/etc/passwd}", r"\immediate\write18{touch /tmp/x}", "^^5cinput{/etc/passwd}", "$\\def\\x{}$",
    "100% & #1 {group} ~ _", "line\nbreak\\par", "\\\\newpage",
]


@pytest.mark.parametrize("text", INJECTIONS)
def test_escaped_text_contains_no_command_or_group(text):
    escaped = latex_escape(text)
    without_escapes = re.sub(r"\\(textbackslash|textasciicircum|textasciitilde|textless|textgreater|textbar)\{\}"
                             r"|\\[{}$&#_%]", "", escaped)
    assert "\\" not in without_escapes and "{" not in without_escapes and "}" not in without_escapes
    assert "^^" not in escaped and "\n" not in escaped


@pytest.fixture(scope="module")
def exams(bank):
    blueprint = load_blueprint(shipped_blueprint("review-01-02"))
    blueprint = dataclasses.replace(blueprint, title=r"Quiz \input{/etc/passwd}", course="Course #1 & 100%")
    return build_versions(blueprint, bank, 11, 2, code_key=bytes(32))


def test_paper_shows_escaped_title_points_table_and_every_prompt(exams):
    tex = render_papers(exams)
    assert r"Quiz \textbackslash{}input\{/etc/passwd\}" in tex and r"\input{/etc" not in tex
    assert r"Course \#1 \& 100\%" in tex
    for exam in exams:
        assert tex.count(rf"\mxversion{{{exam.code}}}") == 1
        assert "Points & " + " & ".join(f"{i.points:g}" for i in exam.items) + f" & {exam.total_points:g}" in tex
        for item in exam.items:
            assert item.question.prompt_latex in tex


def test_paper_holds_no_answers(exams):
    body = render_papers(exams).split(r"\begin{document}")[1]
    assert r"\mxkey" not in body and "Solution" not in body


def test_key_holds_every_answer_and_solution_of_its_version(exams):
    tex = render_keys(exams)
    for exam in exams:
        section = tex.split(rf"\mxversion{{{exam.code}}}")[1].split(r"\mxversion{")[0]
        for item in exam.items:
            answer = item.question.answer
            for part in answer.parts or (answer,):
                assert answer_text(part) in section
            assert item.question.solution_latex in section


def test_master_key_is_a_grid_of_questions_down_and_versions_across(exams):
    tex = render_master_key(exams)
    grid, record = tex.split("Instructor record")
    header = r"\textbf{Q} & \textbf{Pts}" + "".join(rf" & \textbf{{{e.code}}}" for e in exams) + r"\\"
    assert header in grid
    for row, item in enumerate(exams[0].items):
        points = row_points(exams, row)
        cells = " & ".join(("" if points else f"{{\\footnotesize[{e.items[row].points:g} pts]}}\\newline ") + grid_answer(e.items[row].question.answer)
                           for e in exams)
        assert f"\n{item.number} & {points} & " in grid and cells in grid
    for exam in exams:
        for item in exam.items:
            assert item.question.template_id.replace("_", r"\_") not in grid
            assert str(item.question.seed) in record and str(item.question.seed) not in grid


def test_a_long_key_is_referred_to_the_answer_key_in_the_grid():
    matrix = Answer(kind="matrix", value="[[1, 2], [3, 4]]", latex=r"\begin{pmatrix}1 & 2\\3 & 4\end{pmatrix}",
                    shape=(2, 2))
    short = Answer(kind="number", value="1/2", latex=r"\frac{1}{2}")
    assert grid_answer(matrix) == r"\textit{see key}"
    assert grid_answer(short) == r"\mxfit{$\frac{1}{2}$}"
    assert grid_answer(Answer(kind="multi", parts=(dataclasses.replace(short, label="a"),
                                                    dataclasses.replace(matrix, label="b")))) == \
        r"\mxfit{(a)~$\frac{1}{2}$}\newline (b)~\textit{see key}"


def test_rendering_is_byte_identical(exams):
    assert render_papers(exams) == render_papers(list(exams))


def test_a_long_points_table_wraps_so_it_fits_the_page(bank):
    exams = build_versions(load_blueprint(shipped_blueprint("final")), bank, 4, 1, code_key=bytes(32))
    tex = render_papers(exams)
    rows = [line for line in tex.splitlines() if line.startswith("Question & ")]
    assert len(rows) == 2
    assert all(line.count("&") <= 14 for line in rows)
    assert sum(line.count("Total") for line in rows) == 1
