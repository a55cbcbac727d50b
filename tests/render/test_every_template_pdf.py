"""Every template of the bank, sampled and typeset through the real key layout, compiles with pdflatex.

The blueprint builds only compile the templates their seeds happen to draw; this puts every
template's prompt, options, key and worked solution (figures, code listings, tables) on paper.
"""

from __future__ import annotations

import re
import subprocess

import pytest

from mathexams.model import Exam, ExamItem, ExamSection
from mathexams.render.latex import render_keys
from mathexams.render.pdf import compile_latex
from mathexams.sampler import sample_question

pytestmark = pytest.mark.latex


def test_every_template_compiles_in_the_key_layout(bank, tmp_path):
    items = tuple(ExamItem(number=i + 1, slot=i, occurrence=0, points=t.points, question=sample_question(t, 1))
                  for i, t in enumerate(bank))
    exam = Exam(exam_id="bank", title="Every template", course="mathexams", version="A", master_seed=1,
                code="BANK-A", minutes=0, instructions="", sections=(ExamSection("All templates", "", items),))
    pdf = compile_latex(render_keys([exam]), "bank", tmp_path)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True, text=True).stdout
    printed = " ".join(text.split())
    headed = {int(n) for n in re.findall(r"Question (\d+)(?! continue)", printed)}
    missing = [t.id for i, t in enumerate(bank) if i + 1 not in headed]
    assert not missing and len(items) >= 90
