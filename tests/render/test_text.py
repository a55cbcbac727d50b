"""The plain-text output, the worked example of a renderer: one module (render/text.py) and these
tests. It reads exams only, shows every question and option, keys by their kind, and no seed on
a paper."""

from __future__ import annotations

import re

import pytest

from mathexams.assemble import build_versions
from mathexams.blueprint import load_blueprint
from mathexams.cli import main
from mathexams.kinds import kind_of
from mathexams.render import RENDERERS, RenderOptions, render_outputs


@pytest.fixture(scope="module")
def exams(bank):
    blueprint = load_blueprint(bank.curriculum.review_blueprint("3-4"), bank.curriculum)
    return build_versions(blueprint, bank, 2**40 + 11, 2, code_key=bytes(32))


def test_text_is_a_registered_output_without_pdf():
    assert RENDERERS["text"].pdf == {}


def test_papers_and_keys_as_text(exams):
    files = render_outputs(exams, ["text"], RenderOptions())
    assert set(files) == {"text/papers.txt", "text/keys.txt"}
    papers, keys = (files[f"text/{n}.txt"].decode("utf-8") for n in ("papers", "keys"))
    versions = papers.split("\f")
    assert len(versions) == len(exams)
    for exam, paper in zip(exams, versions):
        assert exam.code in paper and exam.title in paper
        numbers = [int(n) for n in re.findall(r"^(\d+)\. \(", paper, re.MULTILINE)]
        assert numbers == list(range(1, len(exam.items) + 1))
        for item in exam.items:
            assert item.question.prompt_latex.strip().splitlines()[0] in paper
            for option in item.question.answer.options:
                assert option in paper
        assert not re.search(r"\bseed \d", paper) and str(exam.master_seed) not in paper
        assert not any(str(item.question.seed) in paper for item in exam.items)
    for exam in exams:
        for item in exam.items:
            key = kind_of(item.question.answer).key_text(item.question.answer)
            assert f"{item.number}. {key}    [{item.question.template_id}, seed {item.question.seed}," in keys


def test_build_writes_the_text_output_beside_the_latex(tmp_path, capsys):
    code = main(["quiz", "--weeks", "1-2", "--seed", "5", "--versions", "2", "--no-pdf", "--out", str(tmp_path),
                 "--format", "text", "--format", "paper"])
    assert code == 0, capsys.readouterr().err
    folder = tmp_path / "review-01-02-seed5"
    assert sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()) == [
        "latex/papers.tex", "manifest.json", "text/keys.txt", "text/papers.txt"]


def test_an_unknown_format_is_one_line_and_writes_nothing(tmp_path, capsys):
    code = main(["quiz", "--weeks", "1-2", "--seed", "5", "--no-pdf", "--out", str(tmp_path), "--format", "docx"])
    err = capsys.readouterr().err.strip()
    assert code == 2 and err.startswith("mathexams: error: no output format 'docx' (formats: ")
    assert all(name in err for name in ("latex", "moodle", "json", "paper", "text"))
    assert "\n" not in err and not list(tmp_path.iterdir())
