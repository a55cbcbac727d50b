"""The answer-kind registry: one module per kind, every kind complete, and no switch on kind names
anywhere else (code, layouts, docs)."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

from mathexams import kinds
from mathexams.kinds import REGISTRY, AnswerKind, kind_named, kinds_table
from mathexams.model import Answer
from mathexams.resources import layout_folder

PACKAGE = Path(kinds.__file__).resolve().parents[1]
KINDS_DIR = PACKAGE / "kinds"
DOCS = PACKAGE.parents[1] / "docs" / "TEMPLATES.md"


def test_every_kind_module_registers_the_kind_it_is_named_after():
    modules = {p.stem for p in KINDS_DIR.glob("*.py")} - {"__init__", "base"}
    assert modules == set(REGISTRY)
    for name, kind in REGISTRY.items():
        assert type(kind).__module__ == f"mathexams.kinds.{name}"
        assert kind.name == name and kind.summary and isinstance(kind, AnswerKind)


def test_kinds_import_only_the_model_at_module_level():
    """Renderers read kinds, so a kind module loads SymPy, the parser or the checker only inside
    the methods that construct or check answers."""
    for path in sorted(KINDS_DIR.glob("*.py")):
        tree = ast.parse(path.read_text())
        for node in tree.body:
            if isinstance(node, ast.ImportFrom):
                module = node.module or ""
                allowed = (node.level == 0 and module in ("__future__", "collections.abc", "dataclasses", "typing", "re")) or (
                    node.level == 2 and module == "model") or node.level == 1
                assert allowed, f"{path.name} imports {'.' * node.level}{module} at module level"
            elif isinstance(node, ast.Import):
                assert all(a.name in ("re", "dataclasses") for a in node.names), path.name


def test_every_paper_space_is_a_macro_of_the_layouts():
    spaces = (layout_folder() / "spaces.tex").read_text()
    macros = dict(re.findall(r"\\BLOCK\{macro (\w+)\(a((?:, \w+)*)", spaces))
    for kind in REGISTRY.values():
        if kind.composite:
            continue   # the layouts write each part with its own space
        assert kind.space.macro in macros, kind.name
        params = {p.strip() for p in macros[kind.space.macro].split(",") if p.strip()}
        assert set(kind.space.args) == params, kind.name


def test_the_docs_table_is_the_registry():
    assert kinds_table() in DOCS.read_text(), "docs/TEMPLATES.md: paste the output of `mathexams kinds`"


def _compares_kind_names(tree: ast.AST) -> list[int]:
    names = set(REGISTRY)

    def named_kind(node: ast.AST) -> bool:
        return (isinstance(node, ast.Name) and node.id.endswith("kind")) or (
            isinstance(node, ast.Attribute) and node.attr.endswith("kind"))

    def kind_literal(node: ast.AST) -> bool:
        if isinstance(node, ast.Constant):
            return node.value in names
        if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
            return any(isinstance(e, ast.Constant) and e.value in names for e in node.elts)
        return False

    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare):
            sides = [node.left, *node.comparators]
            if any(named_kind(s) for s in sides) and any(kind_literal(s) for s in sides):
                found.append(node.lineno)
    return found


# modules whose own `kind` means something else
OTHER_KINDS = {"parse.py": "token kinds of the response tokenizer ('number', 'name', ...)"}


def test_nothing_outside_the_kinds_switches_on_kind_names():
    for path in sorted(PACKAGE.rglob("*.py")):
        if KINDS_DIR in path.parents or path.name in OTHER_KINDS:
            continue
        lines = _compares_kind_names(ast.parse(path.read_text()))
        assert not lines, f"{path.relative_to(PACKAGE)} compares a kind with a kind name on line(s) {lines}"
    for layout in sorted(layout_folder().rglob("*.tex")):
        assert not re.search(r"\.kind\s*(==|!=|in\b)", layout.read_text()), layout.name


def test_the_switch_scan_catches_what_it_should():
    tree = ast.parse("if a.kind == 'matrix': pass\nif kind in ('choice', 'x'): pass\nif kind == 'rectangular': pass\n")
    assert _compares_kind_names(tree) == [1, 2]


@pytest.mark.parametrize("name", sorted(REGISTRY))
def test_an_answer_of_every_kind_survives_json_and_the_record(name):
    from mathexams.record import _answer, _Fields

    answer = _example(name)
    again = Answer.from_dict(json.loads(json.dumps(answer.to_dict())))
    assert again == answer
    assert _answer(_Fields("m.json"), answer.to_dict(), "answer") == answer
    assert kind_named(name).key_latex(answer) and kind_named(name).key_text(answer) is not None


def _example(name: str) -> Answer:
    import sympy

    from mathexams.answers import make_answer

    x = sympy.Symbol("x", real=True)
    values = {"expression": x**2, "number": sympy.Rational(3, 4), "decimal": sympy.pi, "vector": [1, 2],
              "matrix": sympy.Matrix([[1, 2], [3, 4]]), "set": [1, 2], "interval": sympy.Interval(0, 1),
              "truefalse": True}
    if name in ("choice", "multichoice"):
        return make_answer(name, options=["$1$", "$2$"], correct=[1], points=2)
    if name == "multi":
        return make_answer(name, points=2, parts=[make_answer("number", 1, label="a", points=1),
                                                  make_answer("set", [1], label="b", points=1)])
    return make_answer(name, values.get(name, 1), points=2)


@pytest.mark.parametrize("name, change, field", [
    ("choice", {"correct": [0, 1]}, "correct"),
    ("choice", {"options": ["A"], "correct": [0]}, "options"),
    ("multichoice", {"equivalence": "scale"}, "equivalence"),
    ("number", {"equivalence": "constant"}, "equivalence"),
    ("vector", {"shape": [2, 2]}, "shape"),
    ("matrix", {"shape": [4]}, "shape"),
    ("truefalse", {"value": "maybe"}, "value"),
    ("decimal", {"value": "pi"}, "value"),
    ("expression", {"options": ["x"]}, "options"),
    ("expression", {"constant_penalty": 0.5}, "constant_penalty"),
    ("multi", {"parts": []}, "parts"),
])
def test_a_record_answer_that_does_not_fit_its_kind_is_refused(name, change, field):
    from mathexams.record import BadRecord, _answer, _Fields

    data = {**_example(name).to_dict(), **change}
    with pytest.raises(BadRecord, match=rf"^m.json: answer\.{field}: "):
        _answer(_Fields("m.json"), data, "answer")
