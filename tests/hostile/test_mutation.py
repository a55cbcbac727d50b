"""Mutated shipped templates and blueprints: a one-line error or a normal result, never a crash.

Hypothesis takes a shipped bank file or blueprint, deletes fields, swaps values for other types
and plants hostile strings, then loads and samples (or assembles) it the way the commands do.
Whatever comes out must be a question (or an exam), or a MathExamsError whose message is one
line; any other exception is a bug. The referee (conftest.py) also fails the example if the
mutant ran code, a command or opened a file. Example counts are kept small for CI; the file is
marked slow because sampling mutants costs a few seconds.
"""

from __future__ import annotations

import copy
import math
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from mathexams.assemble import build_versions
from mathexams.bank import DEFAULT_BANK, load_bank, template_files
from mathexams.blueprint import BLUEPRINT_DIR, load_blueprint
from mathexams.errors import MathExamsError
from mathexams.sampler import sample_question

pytestmark = pytest.mark.slow

TEMPLATE_FILES = template_files(DEFAULT_BANK)
BLUEPRINT_FILES = sorted(BLUEPRINT_DIR.glob("*.yaml"))
HOSTILE_STRINGS = [
    "\\input{/etc/passwd}", "__import__('os').system('id')", "^^5cinput", "\\VAR{x.__class__}", "\\BLOCK{",
    "%% mathexams-question 1 calc.x seed 1", "\x1b[2J", "9" * 3000, "'", "}", "$", "\\def\\x{}", "a" * 30_000,
    "../../etc/passwd", "\u202e", "\u2028", "", " ", "randint(1, 10**9)", "x**x**x**x", "factorial(10**6)",
]
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-10**20, 10**20), st.floats(allow_nan=True),
                    st.sampled_from(HOSTILE_STRINGS), st.text(max_size=20))
VALUES = st.one_of(SCALARS, st.lists(SCALARS, max_size=4), st.dictionaries(st.text(max_size=6), SCALARS, max_size=3))


def _paths(node: Any, prefix: tuple = ()) -> list[tuple]:
    out = [prefix] if prefix else []
    if isinstance(node, dict):
        for key, value in node.items():
            out += _paths(value, prefix + (key,))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            out += _paths(value, prefix + (i,))
    return out


def _parent(data: Any, path: tuple) -> Any:
    for key in path[:-1]:
        data = data[key]
    return data


@st.composite
def mutated(draw, files: list[Path]) -> tuple[Path, Any]:
    source = draw(st.sampled_from(files))
    data = copy.deepcopy(yaml.safe_load(source.read_text()))
    for _ in range(draw(st.integers(1, 3))):
        paths = _paths(data)
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent = _parent(data, path)
        action = draw(st.sampled_from(["delete", "replace", "plant"]))
        if action == "delete":
            del parent[path[-1]]
        elif action == "replace":
            parent[path[-1]] = draw(VALUES)
        else:
            parent[path[-1]] = draw(st.sampled_from(HOSTILE_STRINGS))
    return source, data


def _dump(data: Any, folder: Path, name: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    return path


def _assert_one_line(error: MathExamsError) -> None:
    message = str(error)
    assert message and "\n" not in message.strip() and "Traceback" not in message, message


SETTINGS = settings(max_examples=80, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                           HealthCheck.data_too_large])


@SETTINGS
@given(case=mutated(TEMPLATE_FILES), seed=st.integers(0, 2**63 - 1))
def test_mutated_templates_give_a_question_or_a_one_line_error(case, seed, tmp_path_factory):
    source, data = case
    folder = tmp_path_factory.mktemp("mutant") / source.parent.name
    _dump(data, folder, source.name)
    try:
        bank = load_bank([folder.parent])
        for template in bank:
            question = sample_question(template, seed, time_limit=3)
            assert question.prompt_latex
        event("sampled")
    except MathExamsError as exc:
        event(type(exc).__name__)
        _assert_one_line(exc)


@SETTINGS
@given(case=mutated(BLUEPRINT_FILES), seed=st.integers(0, 2**64 - 1))
def test_mutated_blueprints_give_an_exam_or_a_one_line_error(case, seed, tmp_path_factory, bank):
    source, data = case
    path = _dump(data, tmp_path_factory.mktemp("mutant"), source.name)
    try:
        blueprint = load_blueprint(path)
        exams = build_versions(blueprint, bank, seed, 1, code_key=bytes(32))
        assert exams[0].items and math.isfinite(exams[0].total_points)
        event("assembled")
    except MathExamsError as exc:
        event(type(exc).__name__)
        _assert_one_line(exc)
