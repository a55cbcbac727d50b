"""No text is ever evaluated: the package's source calls nothing that runs a string as Python.

`sympy.sympify`, `parse_expr` and `S` parse a string with `eval`; `lambdify` generates and
executes source; `eval`, `exec`, `compile` and `__import__` are the builtins themselves. The
one conversion the package may use is `coerce.to_sympy`, which calls `sympify(..., strict=True)`
on non-text values only. SymPy names built from a variable (`Symbol(name)`) are allowed only
where the name has been checked against an identifier pattern first.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "mathexams"

BANNED = {"sympify", "parse_expr", "S", "eval", "exec", "compile", "lambdify", "__import__",
          "eval_expr", "stringify_expr", "parse_latex", "exec_", "execfile", "import_module"}
NAME_BUILDERS = {"Symbol", "symbols", "Function", "Dummy", "Wild", "var"}

# module -> why a Symbol built from a variable is safe there
CHECKED_SYMBOL_NAMES = {
    "template.py": "names match SYMBOL_NAME before they become symbols",
    "parse.py": "names come from the tokenizer: letters, digits, a '_' subscript and primes",
    "judge.py": "names come from an Answer's variables, which the sampler and the exam record validate",
    "equivalence.py": "names come from parsed symbols and an Answer's variables (see judge.py)",
}


# module -> the builtins it may call, and why that runs no text from a bank file
RUNS_TRUSTED_PROGRAMS = {
    "snippet_worker.py": ({"compile", "exec"}, "the sandboxed worker process runs programs that course macros "
                                               "built (never bank text), once each, under its audit hook"),
}


def _called_name(node: ast.Call) -> str | None:
    if isinstance(node.func, ast.Name):
        return node.func.id
    if isinstance(node.func, ast.Attribute):
        return node.func.attr
    return None


def _on_sympy(func: ast.expr) -> bool:
    return isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id in ("sympy", "sp")


def _violations(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    trusted = RUNS_TRUSTED_PROGRAMS.get(path.name, (set(), ""))[0] if path.parent == PACKAGE else set()
    found = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            for alias in node.names:
                if alias.name in BANNED - {"compile"}:
                    found.append(f"{path.name}:{node.lineno} imports {alias.name}")
            continue
        if not isinstance(node, ast.Call):
            continue
        name = _called_name(node)
        where = f"{path.name}:{node.lineno}"
        if name in trusted and isinstance(node.func, ast.Name):
            continue
        if name == "sympify":
            strict = any(k.arg == "strict" and isinstance(k.value, ast.Constant) and k.value.value is True
                         for k in node.keywords)
            if not (path.name == "coerce.py" and strict):
                found.append(f"{where} calls sympify (use coerce.to_sympy)")
        elif name == "compile":
            # re.compile of a pattern is fine; the builtin compile of source is not
            if isinstance(node.func, ast.Name):
                found.append(f"{where} calls compile")
        elif name in BANNED:
            found.append(f"{where} calls {name}")
        elif (name in NAME_BUILDERS and node.args and not isinstance(node.args[0], ast.Constant)
              and (isinstance(node.func, ast.Name) or _on_sympy(node.func)) and path.name not in CHECKED_SYMBOL_NAMES):
            found.append(f"{where} builds a SymPy {name} from a variable name")
    return found


def test_the_scan_catches_what_it_should(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("import sympy\nfrom sympy import sympify\nsympy.sympify(t)\nsympy.S(t)\neval(t)\n"
                      "compile(t, 'f', 'eval')\nsympy.lambdify(x, t)\nsympy.Symbol(name)\n"
                      "import re\nre.compile('a')\nsympy.Symbol('x')\nnp.var(values)\n")
    found = _violations(sample)
    assert [f.split(":")[1].split()[0] for f in found] == ["2", "3", "4", "5", "6", "7", "8"], found


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_text_is_evaluated(path):
    assert _violations(path) == []
