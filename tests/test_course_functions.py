"""Every function a template may call is registered once, explained, and earns its place.

A function earns its place by being used by a shipped template or named in the author's guide
(docs/TEMPLATES.md) as part of the vocabulary; anything else is dead code and fails here.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mathexams.template import CHECKS, FUNCTIONS

ROOT = Path(__file__).resolve().parents[1]
GUIDE = (ROOT / "docs" / "TEMPLATES.md").read_text(encoding="utf-8")
BANK_TEXT = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "question_bank").rglob("*.yaml"))


def _called(name: str, text: str) -> bool:
    return re.search(r"(?<![A-Za-z0-9_.])" + re.escape(name) + r"\s*\(", text) is not None


def _documented(name: str) -> bool:
    return re.search(r"`" + re.escape(name) + r"[`(]", GUIDE) is not None


ALL = sorted([("macro", n) for n in FUNCTIONS] + [("check", n) for n in CHECKS])


@pytest.mark.parametrize("kind, name", ALL)
def test_every_function_is_used_by_a_template_or_documented(kind, name):
    assert _called(name, BANK_TEXT) or _documented(name), (
        f"{kind} {name!r} is used by no template and named nowhere in docs/TEMPLATES.md: "
        "remove it, or document it as general vocabulary")


@pytest.mark.parametrize("kind, name", ALL)
def test_every_course_function_says_what_it_does(kind, name):
    fn = (FUNCTIONS if kind == "macro" else CHECKS)[name]
    if fn.func.__module__.startswith("mathexams."):      # SymPy's own functions are documented by SymPy
        assert fn.doc.strip(), f"{name} has no one-line summary"


SIMULATION_CHECKS = sorted(name for name, fn in CHECKS.items() if fn.simulation)
_RATE = re.compile(r"False alarm: (about|below|at most) ([0-9.]+e-[0-9]+) per question")


@pytest.mark.parametrize("name", SIMULATION_CHECKS)
def test_every_simulation_check_states_its_false_alarm_rate_in_docstring_and_guide(name):
    doc = " ".join((CHECKS[name].func.__doc__ or "").split())
    rate = _RATE.search(doc)
    assert rate, f"{name}: the docstring must say 'False alarm: about <rate> per question'"
    table = GUIDE.split("| simulation check |", 1)[1].split("\n\n", 1)[0]
    row = next((line for line in table.splitlines() if f"`{name}`" in line), "")
    assert f"{rate.group(1)} {rate.group(2)}" in row, f"{name}: docs/TEMPLATES.md's table must give {rate.group(0)}"


def test_no_name_is_both_a_macro_and_a_check():
    assert not set(FUNCTIONS) & set(CHECKS)


def test_course_functions_live_in_concept_modules():
    modules = {fn.func.__module__ for fn in [*FUNCTIONS.values(), *CHECKS.values()]
               if fn.func.__module__.startswith("mathexams.")}
    stems = {m.rsplit(".", 1)[-1] for m in modules}
    # no module named by track or half-term
    assert not {s for s in stems if re.search(r"(calc|linalg|prob)_(early|late)|generic", s)}


def test_every_course_module_has_a_test_file_of_its_own():
    for kind in ("macros", "checks"):
        for path in (ROOT / "src" / "mathexams" / kind).glob("*.py"):
            if path.name == "__init__.py":
                continue
            assert (ROOT / "tests" / kind / f"test_{path.stem}.py").exists(), f"no tests/{kind}/test_{path.stem}.py"


def test_functions_that_take_text_are_registered_to_take_it():
    for name in ("combo_latex", "pmf_table", "histogram_tikz", "dice_probability", "transformation_matrix"):
        assert FUNCTIONS[name].strings_ok
    for name in ("histogram_figure_matches", "graph_marks_signs", "enumerate_dice", "inference_claim_holds"):
        assert CHECKS[name].strings_ok
    for name in ("diff", "sin", "approx", "vector"):     # SymPy would read text as code
        assert not FUNCTIONS[name].strings_ok
