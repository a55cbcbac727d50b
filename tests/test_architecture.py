"""Import rules of the pipeline: arrows point toward the data model; SymPy stops at the question."""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "mathexams"


@cache
def _tree(path: Path) -> ast.Module:
    """A source file's syntax tree, parsed once for all the tests here (they only read it)."""
    return ast.parse(path.read_text())


def package_imports(path: Path) -> set[str]:
    """Names of mathexams modules a file imports (relative imports resolved)."""
    tree = _tree(path)
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    here = list(parts[:-1])
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = here[: len(here) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
                names = [module] if node.module else [".".join(base + [a.name]) for a in node.names]
                found.update(n.strip(".") for n in names)
            elif node.module and node.module.startswith("mathexams"):
                found.add(node.module.removeprefix("mathexams").strip("."))
        elif isinstance(node, ast.Import):
            found.update(a.name.removeprefix("mathexams").strip(".") for a in node.names if a.name.startswith("mathexams"))
    return {f for f in found if f}


def third_party_imports(path: Path) -> set[str]:
    tree = _tree(path)
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("module", ["model", "errors", "seeds", "sandbox"])
def test_foundation_modules_import_nothing_from_the_package(module):
    assert package_imports(PACKAGE / f"{module}.py") == set()


RENDER_MAY_IMPORT = {"model", "kinds", "errors", "resources", "render"}


@pytest.mark.parametrize("path", sorted((PACKAGE / "render").glob("*.py")), ids=lambda p: p.name)
def test_renderers_import_only_the_model(path):
    """A renderer reads Exam data (model.py) and the answer kinds' presentation; it never reaches the
    sampler, the bank, the checker or SymPy, not even inside a function."""
    assert not third_party_imports(path) & {"sympy", "numpy", "mpmath"}, path.name
    reached = {m.split(".")[0] for m in package_imports(path)}
    assert reached <= RENDER_MAY_IMPORT, f"render/{path.name} imports {sorted(reached - RENDER_MAY_IMPORT)}"


def _module_path(module: str) -> Path:
    base = PACKAGE.joinpath(*module.split("."))
    return base / "__init__.py" if base.is_dir() else base.with_suffix(".py")


def loaded_at_import(module: str) -> tuple[set[str], set[str]]:
    """The package modules and third-party packages importing `module` loads, following imports at
    module level only (imports inside functions happen when those functions run)."""
    seen: set[str] = set()
    third: set[str] = set()
    todo = [module]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        path = _module_path(name)
        tree = _tree(path)
        here = list(path.relative_to(PACKAGE).with_suffix("").parts)
        if here[-1] == "__init__":
            here = here[:-1] + ["__init__"]
        for node in tree.body:
            if isinstance(node, ast.ImportFrom) and node.level:
                base = here[: len(here) - node.level]
                target = ".".join(base + ([node.module] if node.module else []))
                candidates = [target] if node.module else []
                candidates += [f"{target}.{a.name}".strip(".") for a in node.names]
                todo += [c.strip(".") for c in candidates if c.strip(".") and _module_path(c.strip(".")).exists()]
            elif isinstance(node, ast.ImportFrom) and node.module and node.module != "__future__":
                third.add(node.module.split(".")[0])
            elif isinstance(node, ast.Import):
                third.update(a.name.split(".")[0] for a in node.names)
    return seen, third


@pytest.mark.parametrize("module", ["render", "render.latex", "render.text", "render.pdf", "kinds"])
def test_presentation_loads_no_mathematics(module):
    """Renderers and the kinds they ask for key LaTeX and paper spaces load neither SymPy nor NumPy
    nor the sampling stack when imported: they read data."""
    modules, third = loaded_at_import(module)
    assert not third & {"sympy", "numpy", "mpmath"}, third
    assert not {m.split(".")[0] for m in modules} & {"sampler", "bank", "template", "macros", "checks", "judge",
                                                     "parse", "equivalence", "sandbox"}, modules


def test_only_the_cli_prints_or_reads_argv():
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name in ("cli.py", "__main__.py", "progress.py"):
            continue
        tree = _tree(path)
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                assert node.func.id != "print", f"{path.name} prints"
            if isinstance(node, ast.Attribute) and node.attr == "argv":
                pytest.fail(f"{path.name} reads argv")


def test_no_global_random_state():
    for path in sorted(PACKAGE.rglob("*.py")):
        text = path.read_text()
        for banned in ("random.seed(", "np.random.seed(", "random.randint(", "random.random(", "np.random.rand"):
            assert banned not in text, f"{path.name} uses {banned}"


COURSE_PACKAGES = ("macros", "checks")


def _course_files(package: str) -> list[Path]:
    return sorted((PACKAGE / package).glob("*.py"))


@pytest.mark.parametrize("package", COURSE_PACKAGES)
def test_course_code_imports_only_the_engine_api(package):
    """Course modules use the documented surface `mathexams.api` and nothing else of the engine."""
    for path in _course_files(package):
        engine = {m for m in package_imports(path) if m.split(".")[0] not in COURSE_PACKAGES}
        assert engine <= {"api"}, f"{package}/{path.name} imports {sorted(engine - {'api'})}"


def test_checks_and_generators_stay_apart():
    """A check is an independent second method: it never imports a macro module, nor the reverse."""
    for package, other in (("checks", "macros"), ("macros", "checks")):
        for path in _course_files(package):
            crossing = {m for m in package_imports(path) if m.split(".")[0] == other}
            assert not crossing, f"{package}/{path.name} imports {sorted(crossing)}"


def test_the_api_is_small_and_documented():
    from mathexams import api

    assert len(api.__all__) <= 30
    for name in api.__all__:
        assert getattr(api, name).__doc__, f"api.{name} has no docstring"


def test_the_engine_does_not_import_course_modules_by_name():
    """Only the template compiler loads the course package (to register its functions)."""
    for path in sorted(PACKAGE.glob("*.py")):
        crossing = {m for m in package_imports(path) if m.split(".")[0] in COURSE_PACKAGES}
        if path.name == "template.py":
            assert crossing <= {"macros", "checks"}
        else:
            assert not crossing, f"{path.name} imports {sorted(crossing)}"


def _string_constants(tree: ast.AST) -> set[str]:
    """String literals of a module, docstrings left out."""
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef))
                  and node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
    return {node.value for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings}


def test_the_engine_names_no_week_track_or_cell_of_the_course():
    """Weeks, tracks, prefixes, areas and levels live in the course's curriculum.yaml only."""
    from mathexams.bank import shipped_curriculum

    plan = shipped_curriculum()
    course_words = ({b.id for b in plan.blocks} | set(plan.tracks) | {t.prefix for t in plan.tracks.values()}
                    | {r.area for r in plan.cell_rules}
                    | set(plan.cells) | set(plan.difficulties) | {plan.course})
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.relative_to(PACKAGE).parts[0] in COURSE_PACKAGES:
            continue
        named = _string_constants(_tree(path)) & course_words
        assert not named, f"{path.relative_to(PACKAGE)} names {sorted(named)}: read them from curriculum.yaml"


def reachable(module: str) -> set[str]:
    """Every package module `module` may load, at import or inside any of its functions."""
    seen: set[str] = set()
    todo = [module]
    while todo:
        name = todo.pop()
        if name in seen or not _module_path(name).exists():
            continue
        seen.add(name)
        todo += list(package_imports(_module_path(name)))
    return seen


SAMPLING = {"sampler", "sandbox", "template", "placeholders", "macros", "checks", "registry", "assemble", "workers",
            "seeds", "simulation", "api"}


@pytest.mark.parametrize("module", ["judge", "marking", "kinds", "equivalence", "parse"])
def test_the_checker_imports_nothing_of_sampling(module):
    """Checking and marking read typed answers and records: they never load the sampler, the
    template language or the course's macros and checks, not even inside a function."""
    reached = {m.split(".")[0] for m in reachable(module)}
    assert not reached & SAMPLING, f"{module} reaches {sorted(reached & SAMPLING)}"
