"""GIFT export read back by a third-party GIFT parser (pygiftparser, from PyPI) and compared with
the exams: texts, options, right answers, numerical values and tolerances, categories. The values
read back are graded by mathexams' own checker (right), and 1.5 tolerances off (wrong)."""

from __future__ import annotations

import io
import warnings

import pytest

with warnings.catch_warnings():   # pygiftparser asks for the locale the deprecated way when imported
    warnings.simplefilter("ignore", DeprecationWarning)
    from pygiftparser import parser as gift_parser
    from pygiftparser.utils import transformSpecials

from mathexams.assemble import build_versions
from mathexams.blueprint import load_blueprint
from mathexams.judge import judge_text
from mathexams.render import RenderOptions, render_outputs
from mathexams.render.gift import describe, escape
from mathexams.render.latex_html import latex_to_html
from mathexams.render.lms import slot_name

pytestmark = pytest.mark.latex   # figures are typeset by pdflatex


@pytest.fixture(scope="module")
def exams(bank):
    """Weeks 1-2 (choices, true/false, numbers) and 5-6 (figures, vectors, parts), two versions each."""
    out = []
    for weeks in ("1-2", "5-6"):
        blueprint = load_blueprint(bank.curriculum.review_blueprint(weeks), bank.curriculum)
        out += build_versions(blueprint, bank, 2**35 + 1, 2, code_key=bytes(32))
    return out


def _read(text: str):
    return gift_parser.parseFile(io.StringIO(text))


def _plain(gift_text: str) -> str:
    """pygiftparser keeps GIFT escapes in the text; its transformSpecials undoes them, except the
    doubled backslash, which it leaves alone. It also turns every backslash-n into a newline, even
    in an escaped backslash followed by n (\\\\ne); the export writes no newline of its own (they
    are &#10;), so any newline read back was one of those."""
    return transformSpecials(gift_text.replace("\n", "\\n")).replace("\\\\", "\\")


def _right(answer, value: float) -> bool:
    return judge_text(answer, repr(value), 1).correct


@pytest.mark.parametrize("weeks", [0, 1])
def test_every_question_round_trips_through_pygiftparser(exams, weeks):
    exams = exams[2 * weeks: 2 * weeks + 2]
    text = render_outputs(exams, ["gift"], RenderOptions())["gift.txt"].decode()
    questions = _read(text)
    items = [(exam, item) for slot in sorted({i.slot for e in exams for i in e.items})
             for exam in exams for item in exam.items if item.slot == slot]
    assert len(questions) == len(items)
    kinds = set()
    for q, (exam, item) in zip(questions, items):
        answer = item.question.answer
        where = f"{exam.version} {item.number} {item.question.template_id}"
        assert q.title == f"Slot {item.slot + 1:02d} version {exam.version} {item.question.template_id}"
        assert q.cat == f"$course$/top/{slot_name(exam, item)}", where
        assert q.markup == "html"
        prompt, solution = latex_to_html([item.question.prompt_latex, item.question.solution_latex],
                                         figure_src=lambda f: "x")
        assert prompt.html.split("<img")[0][:80] in _plain(q.text), where
        assert solution.html.split("<img")[0][:80] in _plain(q.generalFeedback), where
        mapped = describe(answer).qtype
        kind = type(q.answers).__name__
        kinds.add(kind)
        if mapped == "essay":
            assert kind == "Essay", where
        elif mapped == "true/false":
            assert kind == "TrueFalseSet" and q.answers.answer == (answer.value == "true"), where
        elif mapped == "numerical":
            if q.valid is False:   # pygiftparser reads no negative number (its NUMERIC is [0-9]+(.[0-9]+)?)
                assert "{#-" in text.split(q.title)[1].split("\n")[0], where
                continue
            [a] = q.answers.answers
            assert a.fraction == 100 and _right(answer, a.value), where
            if a.tolerance:
                assert _right(answer, a.value + 0.9 * a.tolerance), where
                assert not _right(answer, a.value + 1.5 * a.tolerance), where
        else:
            assert kind in ("MultipleChoicesSet", "SelectSet"), (where, kind)
            right = [i for i, a in enumerate(q.answers.answers) if a.fraction > 0]
            assert right == list(answer.correct), where
            assert len(q.answers.answers) == len(answer.options), where
            if mapped == "multiple answers":
                assert abs(sum(a.fraction for a in q.answers.answers if a.fraction > 0) - 100) < 0.01
    assert "Essay" in kinds and len(kinds) >= 2


def test_escaping_survives_the_parser():
    hostile = r"a ~ b = c # d { e } f : g \frac{1}{2} \\ end"
    [q] = _read(f"::t::[html]{escape(hostile)}{{T####{escape('sol: {x}')}}}\n")
    assert _plain(q.text) == hostile and q.answers.answer is True
    assert _plain(q.generalFeedback) == "sol: {x}"
