"""Hostile LaTeX in bank files: refused when the template loads (file and field named) or, when
placeholders or macros only make it at sample time, when the question is sampled (template id and
seed named); and the preamble's lockdown stops a file attack that got past the list anyway."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import pikepdf
import pytest
from conftest import assert_one_line_error, run_cli

from mathexams.latex_allowlist import latex_problem

SECRET_FILE = "/etc/hostname"
SECRET = Path(SECRET_FILE).read_bytes().strip()   # read before the referee watches opens

LOAD_TIME = {
    "input": r"\input{/etc/passwd}",
    "input_primitive_spacing": r"\input /etc/passwd ",
    "include": r"\include{secrets}",
    "openin": r"\openin5=/etc/passwd",
    "read": r"\read5 to \x",
    "write18": r"\immediate\write18{id}",
    "write": r"\write16{x}",
    "openout": r"\openout1=evil.tex",
    "catcode": r"\catcode`\~=13",
    "caret_escape": r"^^5cinput{/etc/passwd}",
    "caret_escape_hex": r"x^^41",
    "def": r"\def\x{1}",
    "edef": r"\edef\x{1}",
    "let": r"\let\x\relax",
    "csname": r"\csname input\endcsname{/etc/passwd}",
    "expandafter": r"\expandafter\x",
    "newcommand": r"\newcommand{\x}{1}",
    "renewcommand": r"\renewcommand{\mxbox}{x}",
    "pdfobj_file": r"\immediate\pdfobj stream attr {/Type /EmbeddedFile} file {/etc/passwd}",
    "pdfximage": r"\pdfximage{/etc/passwd}",
    "pdffiledump": r"\pdffiledump length 100 {/etc/passwd}",
    "pdfmdfivesum": r"\pdfmdfivesum file {/etc/passwd}",
    "pdfannot": r"\pdfannot width 1cm {/Subtype /FileAttachment}",
    "pdfcatalog": r"\pdfcatalog{/OpenAction << /S /JavaScript /JS (app.alert(1)) >>}",
    "pdfliteral": r"\pdfliteral{0 0 m}",
    "special": r"\special{pdf: put @catalog}",
    "loop": r"\loop\message{x}\repeat",
    "message": r"\message{hello}",
    "usepackage": r"\usepackage{shellesc}",
    "filecontents": r"\begin{filecontents}{x.tex}x\end{filecontents}",
    "verbatim_env": r"\begin{verbatim}x\end{verbatim}",
    "bare_end": r"x \end",
    "verb": r"\verb|x|",
    "makeatletter": r"\makeatletter",
    "at_command": r"\@input{/etc/passwd}",
    "tikz_plot_file": r"\tikz\draw plot file {/etc/passwd};",
    "tikz_plot_options_file": r"\tikz\draw plot[mark=*] file {data.txt};",
    "tikz_plot_function": r"\tikz\draw plot function {x};",
    "foreach_bomb": r"\foreach \x in {1,...,99999999}{.}",
    "includegraphics": r"\includegraphics{/etc/passwd}",
    "scantokens": r"\scantokens{x}",
    "string": r"\string\input",
    "uppercase": r"\uppercase{x}",
    "question_marker": "x\n%% mathexams-question 1 calc.other.template seed 3\ny",
    "non_ascii_control_symbol": "\\\u00e9",
    "mx_layout_command": r"\mxversion{A}{B}{C}",
}

# Text that passes the load-time scan but renders to something refused.
SAMPLE_TIME = {
    "placeholder_concatenation": (r"\VAR{'\\' ~ 'input{/etc/passwd}'}", None),
    "param_concatenation": (r"$\VAR{evil}$", "'\\\\' + 'immediate\\\\write18{id}'"),
    "macro_label": (r"\VAR{figure}", "histogram_tikz([1, 2, 3], 0, 1, 4, '\\\\' + 'input{/etc/passwd}')"),
    "combo_name": (r"$\VAR{evil}$", "combo_latex([1], ['u}' + '\\\\' + 'def\\\\x{'])"),
    "caret_concatenation": (r"\VAR{'^' ~ '^5c'}", None),
    "marker_concatenation": (r"\VAR{'mathexams-' ~ 'question'}", None),
}


@pytest.mark.parametrize("name", sorted(LOAD_TIME))
def test_hostile_prompt_latex_is_refused_at_load(name, write_template, capsys):
    path = write_template(prompt=json.dumps(LOAD_TIME[name]), id=f"calc.latex.{name}")
    code, _, err = run_cli(capsys, "sample", f"calc.latex.{name}", "--bank", path.parent.parent, "--no-shipped-bank")
    line = assert_one_line_error(code, err, str(path), ": prompt: ")
    assert "seed" not in line   # refused before anything was sampled


@pytest.mark.parametrize("field", ["solution", "option", "part_prompt"])
@pytest.mark.parametrize("name", ["input", "pdfobj_file", "caret_escape", "csname", "write18"])
def test_hostile_latex_in_every_text_field_is_refused(name, field, write_template, capsys):
    text = json.dumps(LOAD_TIME[name])
    if field == "solution":
        path = write_template(solution=text, id="calc.latex.field")
        where = "solution"
    elif field == "option":
        path = write_template(answer=f"kind: choice\noptions:\n  - text: {text}\n    correct: 'True'\n  - text: 'b'",
                              verify="- close(a, answer) or True", id="calc.latex.field")
        where = "answer.options[0].text"
    else:
        path = write_template(answer=f"kind: multi\nparts:\n  - kind: number\n    value: a\n    prompt: {text}\n"
                                     "  - kind: number\n    value: a", verify="- close(answer[0], a)",
                              id="calc.latex.field")
        where = "answer.parts[0].prompt"
    code, _, err = run_cli(capsys, "sample", "calc.latex.field", "--bank", path.parent.parent, "--no-shipped-bank")
    assert_one_line_error(code, err, str(path), where)


@pytest.mark.parametrize("name", sorted(SAMPLE_TIME))
def test_latex_made_at_sample_time_is_refused_with_id_and_seed(name, write_template, capsys):
    prompt, evil = SAMPLE_TIME[name]
    params = "a: randint(1, 5)" + (f"\nevil: {json.dumps(evil)}" if evil and "figure" not in prompt else "")
    if evil and "figure" in prompt:
        params += f"\nfigure: {json.dumps(evil)}"
    path = write_template(params=params, prompt=json.dumps(prompt), id=f"calc.latex.{name}")
    code, _, err = run_cli(capsys, "sample", f"calc.latex.{name}", "--seed", "7", "--bank", path.parent.parent,
                           "--no-shipped-bank")
    assert_one_line_error(code, err, str(path), "prompt: rendered LaTeX", f"calc.latex.{name}", "seed 7")


@pytest.mark.slow   # samples every shipped template
def test_every_shipped_template_passes_the_scan(bank):
    from mathexams.sampler import sample_question

    for template in bank:
        for field in ("prompt", "solution"):
            assert latex_problem(template.spec[field], placeholders=True) is None, (template.id, field)
        sample_question(template, 1)   # the sample-time scan runs inside


# ---------------------------------------------------------------- the preamble behind the list


def _exams_with_prompt(bank, text):
    from mathexams.assemble import build_versions
    from mathexams.blueprint import load_blueprint, shipped_blueprint

    exams = build_versions(load_blueprint(shipped_blueprint("review-01-02")), bank, 3, 1, code_key=bytes(32))
    section = exams[0].sections[0]
    item = section.items[0]
    hostile = dataclasses.replace(item, question=dataclasses.replace(item.question, prompt_latex=text))
    sections = (dataclasses.replace(section, items=(hostile, *section.items[1:])), *exams[0].sections[1:])
    return [dataclasses.replace(exams[0], sections=sections)]


def _embedded_secret(pdf) -> bool:
    with pikepdf.open(pdf) as doc:
        for obj in doc.objects:
            if isinstance(obj, pikepdf.Stream) and (obj.get("/Type") == "/EmbeddedFile" or SECRET in obj.read_bytes()):
                return True
    return False


ATTACHMENT = (r"\immediate\pdfobj stream attr {/Type /EmbeddedFile} file {" + SECRET_FILE + "}"
              r"\pdfannot width 1cm height 1cm depth 0pt {/Subtype /FileAttachment /FS << /Type /Filespec "
              r"/F (x.txt) /EF << /F \the\pdflastobj\space 0 R >> >>}")


@pytest.mark.latex
@pytest.mark.parametrize("attack", [ATTACHMENT, r"\pdfobj stream FILE {" + SECRET_FILE + "}",
                                    r"\pdfximage{" + SECRET_FILE + "}", r"\pdfmdfivesum file {" + SECRET_FILE + "}",
                                    r"\input{" + SECRET_FILE + "}"])
def test_the_preamble_stops_a_file_attack_that_got_past_the_list(attack, bank, tmp_path, pdflatex_required):
    from mathexams.render.latex import render_papers
    from mathexams.render.pdf import LatexFailed, compile_latex

    assert latex_problem(attack) is not None   # the list would have refused it: here we bypass it
    source = render_papers(_exams_with_prompt(bank, attack))
    with pytest.raises(LatexFailed) as info:
        compile_latex(source, "papers", tmp_path / "locked", settle=False)
    assert "disabled in exam documents" in str(info.value) or "not found" in str(info.value) or "paranoid" in str(info.value)
    assert not list((tmp_path / "locked").glob("*.pdf"))


@pytest.mark.latex
def test_without_the_lockdown_the_attack_would_embed_the_file(bank, tmp_path, pdflatex_required):
    """The control experiment: the same document minus \\mxlockdown attaches the file, so the test
    above is measuring the lockdown and not an attack that never worked."""
    from mathexams.render.latex import render_papers
    from mathexams.render.pdf import compile_latex

    source = render_papers(_exams_with_prompt(bank, ATTACHMENT)).replace(r"\begin{document}\mxlockdown",
                                                                          r"\begin{document}")
    pdf = compile_latex(source, "papers", tmp_path / "open", settle=False, use_format=False)
    assert _embedded_secret(pdf)


def test_the_scan_is_one_compiled_pass():
    from mathexams import latex_allowlist

    assert isinstance(latex_allowlist._CONTROL, re.Pattern)


@pytest.mark.latex
def test_a_document_that_runs_too_long_is_stopped(monkeypatch, tmp_path, pdflatex_required):
    import time

    from mathexams.render import pdf

    monkeypatch.setattr(pdf, "DOCUMENT_SECONDS", 2.0)
    start = time.monotonic()
    with pytest.raises(pdf.LatexFailed, match="ran longer than 2 s"):
        pdf.compile_latex("\\documentclass{article}\\begin{document}\\loop\\iftrue\\repeat\\end{document}",
                          "loop", tmp_path, use_format=False)
    assert time.monotonic() - start < 10


@pytest.mark.latex
def test_a_document_that_fills_its_log_is_stopped(monkeypatch, tmp_path, pdflatex_required):
    from mathexams.render import pdf

    monkeypatch.setattr(pdf, "MAX_FILE_BYTES", 2 * 2**20)
    with pytest.raises(pdf.LatexFailed, match="larger than 2 MiB"):
        pdf.compile_latex("\\documentclass{article}\\begin{document}\\loop\\message{" + "x" * 500 + "}\\iftrue\\repeat"
                          "\\end{document}", "fill", tmp_path, use_format=False)
    assert all(p.stat().st_size <= 2 * 2**20 for p in tmp_path.iterdir())
