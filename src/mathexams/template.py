"""Compile a bank template: parse every expression through the sandbox and check the answer spec.

Compilation is static: nothing is drawn or computed, so a hostile file is refused before
any of its expressions runs.
"""

from __future__ import annotations

import ast
import dataclasses
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import sympy

from . import checks, macros  # noqa: F401  (the course's functions register themselves on import)
from .bank import Template
from .errors import BadTemplate
from .kinds import kind_named, kind_names
from .latex_allowlist import latex_problem
from .model import parse_space, space_text
from .placeholders import PlaceholderError, compile_placeholders
from .registry import CHECKS, FUNCTIONS
from .sandbox import CASES, Expr, Fn, SandboxError, parse_expression

CONSTANTS: dict[str, Any] = {"pi": sympy.pi, "E": sympy.E, "oo": sympy.oo, "I": sympy.I}
FORM = "form"     # the chosen form's name, readable by every expression of a template with forms
RESERVED = set(CONSTANTS) | {"answer", CASES, FORM}
MAX_PARAMS = 60
MAX_ATTEMPTS = 200
SYMBOL_NAME = r"^[A-Za-z][A-Za-z0-9]*$"

# Functions available where nothing is drawn: answers, constraints and checks.
PURE_FUNCTIONS: dict[str, Fn] = {k: v for k, v in FUNCTIONS.items() if not v.needs_rng}
VERIFY_FUNCTIONS: dict[str, Fn] = {**PURE_FUNCTIONS, **CHECKS}

PART_FIELDS = {"kind", "label", "points", "prompt"}
ORDERS = ("shuffle", "fixed")

# Wording that asks for exact form: the word "exact" ("exact value", "(exact)", "an exact fraction"),
# or "exactly" closing a clause ("Evaluate exactly:", "... exactly."). "exactly two heads" and
# "exactly when" are about counting and logic, not about the form of the answer.
EXACT_WORDING = re.compile(r"\bexact\b|\bexactly\s*(?:[.,:;()]|$)", re.IGNORECASE)
PLACEHOLDER = re.compile(r"\\(?:VAR|BLOCK)\{(?:[^{}]|\{[^{}]*\})*\}")


def asks_exact(text: str) -> bool:
    """Whether a prompt asks for the exact value (placeholders, which print values, are not read)."""
    return bool(EXACT_WORDING.search(PLACEHOLDER.sub(" ", text or "")))


@dataclass(frozen=True)
class Option:
    text: str | None     # LaTeX text with placeholders, or
    value: Expr | None   # an expression whose value is printed in math mode
    correct: Expr | None


@dataclass(frozen=True)
class AnswerSpec:
    kind: str
    value: Expr | None = None
    label: str = ""
    points: float = 0
    prompt: str = ""
    places: int | None = None       # decimals shown (decimal answers default to 4)
    abs_tol: float | None = None
    rel_tol: float | None = None
    exact_form: bool = False
    equivalence: str = ""
    constant_penalty: float = 0.0   # share of the points an antiderivative without + C loses
    options: tuple[Option, ...] = ()
    order: str = "shuffle"
    parts: tuple[AnswerSpec, ...] = ()
    space: str = ""                 # working space stated by the template (canonical text), or ""
    extra: dict[str, Any] = field(default_factory=dict)   # fields only the kind knows


@dataclass(frozen=True)
class CompiledTemplate:
    template: Template
    symbols: dict[str, sympy.Symbol] = field(repr=False)
    params: tuple[tuple[str, Expr], ...]
    constraints: tuple[Expr, ...]
    answer: AnswerSpec
    verify: tuple[Expr, ...]
    prompt: str
    solution: str
    max_attempts: int
    # constraints grouped by how many parameters must exist before they can run
    constraint_schedule: tuple[tuple[Expr, ...], ...] = ()


def _expr(t: Template, field_name: str, text: Any, known: set[str], functions: dict[str, Fn]) -> Expr:
    try:
        return parse_expression(text, known=known, functions=functions)
    except SandboxError as exc:
        raise BadTemplate(t.source, field_name, str(exc)) from None


def _latex(t: Template, field_name: str, text: Any) -> str:
    if not isinstance(text, str):
        raise BadTemplate(t.source, field_name, "must be text")
    problem = latex_problem(text, placeholders=True)
    if problem:
        raise BadTemplate(t.source, field_name, problem)
    try:
        compile_placeholders(text)
    except PlaceholderError as exc:
        raise BadTemplate(t.source, field_name, str(exc)) from None
    return text


def _number(t: Template, field_name: str, value: Any, *, positive: bool = True) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or (positive and value <= 0):
        raise BadTemplate(t.source, field_name, "must be a positive number")
    return float(value)


class _Spec:
    """One answer mapping of a template, read field by field for its kind (`kinds.SpecReader`)."""

    def __init__(self, t: Template, spec: dict[str, Any], where: str, known: set[str]):
        self.t, self.spec, self.where, self.known = t, spec, where, known

    def fail(self, name: str, reason: str) -> BadTemplate:
        return BadTemplate(self.t.source, f"{self.where}.{name}", reason)

    def value(self) -> Expr:
        if "value" not in self.spec:
            raise self.fail("value", "is required")
        return _expr(self.t, f"{self.where}.value", self.spec["value"], self.known, PURE_FUNCTIONS)

    def text(self, name: str) -> str:
        value = self.spec.get(name)
        if not isinstance(value, str) or not value.strip() or len(value) > 100:
            raise self.fail(name, "must be non-empty text of at most 100 characters")
        return value.strip()

    def places(self, default: int | None, most: int = 10) -> int | None:
        if "places" not in self.spec and default is None:
            return None
        places = int(_number(self.t, f"{self.where}.places", self.spec.get("places", default), positive=False))
        if not 0 <= places <= most:
            raise self.fail("places", f"must be 0..{most}")
        return places

    def tolerances(self) -> dict[str, float]:
        return {tol: _number(self.t, f"{self.where}.{tol}", self.spec[tol])
                for tol in ("abs_tol", "rel_tol") if tol in self.spec}

    def flag(self, name: str) -> bool:
        value = self.spec.get(name, False)
        if not isinstance(value, bool):
            raise self.fail(name, "must be true or false")
        return value

    def equivalence(self, allowed: tuple[str, ...]) -> str:
        value = self.spec.get("equivalence", "")
        if value not in allowed:
            raise self.fail("equivalence", f"must be one of {sorted(allowed)}")
        return value

    def constant_penalty(self, equivalence: str) -> float:
        if "constant_penalty" not in self.spec:
            return 0.0
        penalty = self.spec["constant_penalty"]
        if isinstance(penalty, bool) or not isinstance(penalty, (int, float)) or not 0 <= penalty <= 1:
            raise self.fail("constant_penalty", "must be a number from 0 to 1")
        if equivalence != "constant":
            raise self.fail("constant_penalty", "needs equivalence: constant")
        return float(penalty)

    def options(self) -> dict[str, Any]:
        t, where, known = self.t, self.where, self.known
        options = self.spec.get("options")
        if not isinstance(options, list) or not 2 <= len(options) <= 8:
            raise self.fail("options", "must list 2 to 8 options")
        parsed = []
        for i, opt in enumerate(options):
            here = f"{where}.options[{i}]"
            if not isinstance(opt, dict) or not ({"text", "value"} & set(opt)) or {"text", "value"} <= set(opt):
                raise BadTemplate(t.source, here, "must have exactly one of text or value")
            extra = sorted(set(opt) - {"text", "value", "correct"})
            if extra:
                raise BadTemplate(t.source, f"{here}.{extra[0]}", "not a field of an option")
            parsed.append(Option(
                text=_latex(t, f"{here}.text", opt["text"]) if "text" in opt else None,
                value=_expr(t, f"{here}.value", opt["value"], known, PURE_FUNCTIONS) if "value" in opt else None,
                correct=_expr(t, f"{here}.correct", opt["correct"], known, PURE_FUNCTIONS) if "correct" in opt else None,
            ))
        if not any(o.correct is not None for o in parsed):
            raise self.fail("options", "no option has a correct: condition")
        order = self.spec.get("order", "shuffle")
        if order not in ORDERS:
            raise self.fail("order", "must be shuffle or fixed (options are shuffled from the question's seed so "
                                     "that the key's position is uniform; fixed only where the order carries meaning)")
        return {"options": tuple(parsed), "order": order}

    def parts(self) -> tuple[AnswerSpec, ...]:
        t, where = self.t, self.where
        parts = self.spec.get("parts")
        if not isinstance(parts, list) or not 2 <= len(parts) <= 8:
            raise self.fail("parts", "must list 2 to 8 parts")
        compiled = [_answer_spec(t, p, f"{where}.parts[{i}]", self.known, part=True) for i, p in enumerate(parts)]
        given = [p.points for p in compiled if p.points]
        if given and len(given) != len(compiled):
            raise self.fail("parts", "give points to every part or to none")
        if given and abs(sum(given) - t.points) > 1e-9:
            raise self.fail("parts", f"part points add up to {sum(given):g}, not {t.points:g}")
        if not given:
            share = t.points / len(compiled)
            compiled = [dataclasses.replace(p, points=share) for p in compiled]
        labels = [p.label or chr(97 + i) for i, p in enumerate(compiled)]
        if len(set(labels)) != len(labels):
            raise self.fail("parts", "part labels must differ")
        return tuple(dataclasses.replace(p, label=label) for p, label in zip(compiled, labels))


def _answer_spec(t: Template, spec: Any, where: str, known: set[str], *, part: bool = False) -> AnswerSpec:
    """An answer mapping compiled by its kind: the kind says which fields it takes and reads them."""
    if not isinstance(spec, dict):
        raise BadTemplate(t.source, where, "must be a mapping")
    try:
        kind = kind_named(spec.get("kind"))  # type: ignore[arg-type]
    except (KeyError, TypeError):
        raise BadTemplate(t.source, f"{where}.kind",
                          f"{spec.get('kind')!r} is not one of {', '.join(kind_names())}") from None
    allowed = kind.fields | {"kind", "space"} | (PART_FIELDS if part else set())
    unknown = sorted(set(spec) - allowed)
    if unknown:
        raise BadTemplate(t.source, f"{where}.{unknown[0]}", f"not a field of a {kind.name} answer")
    out: dict[str, Any] = {"kind": kind.name}
    if "space" in spec:
        if kind.composite:
            raise BadTemplate(t.source, f"{where}.space", "a multi-part answer states the space of each part")
        try:
            out["space"] = space_text(*parse_space(spec["space"]))
        except ValueError as exc:
            raise BadTemplate(t.source, f"{where}.space", str(exc)) from None
    if part:
        if kind.composite:
            raise BadTemplate(t.source, f"{where}.kind", "parts cannot be multi-part themselves")
        out["label"] = str(spec.get("label", ""))
        if "points" in spec:
            out["points"] = _number(t, f"{where}.points", spec["points"])
        if "prompt" in spec:
            out["prompt"] = _latex(t, f"{where}.prompt", spec["prompt"])
    out.update(kind.compile(_Spec(t, spec, where, known)))
    return AnswerSpec(**out)


def _check_exact_wording(t: Template, spec: AnswerSpec, where: str, prompt: str, *, inherited: bool = False) -> None:
    """A prompt that asks for the exact value must be marked exact: refuse a template whose key would
    accept a decimal (or that asks a decimal answer for an exact value)."""
    if spec.parts:
        for i, part in enumerate(spec.parts):
            _check_exact_wording(t, part, f"{where}.parts[{i}]", part.prompt)
            if asks_exact(prompt):
                _check_exact_wording(t, part, f"{where}.parts[{i}]", prompt, inherited=True)
        return
    if not asks_exact(prompt):
        return
    said = "the question's prompt" if inherited or where == "answer" else "its prompt"
    kind = kind_named(spec.kind)
    if "exact_form" in kind.fields and not spec.exact_form:
        raise BadTemplate(t.source, f"{where}.exact_form",
                          f"{said} asks for the exact value, so the answer must say exact_form: true "
                          "(a decimal would otherwise score)")
    if kind.approximate and not inherited:
        raise BadTemplate(t.source, f"{where}.kind",
                          f"{said} asks for the exact value, but the answer is a {kind.name}")


def _form_literals(expr: Expr) -> Iterator[str]:
    """Text literals an expression compares with `form` (`form == 'root'`, `form in ['a', 'b']`)."""
    for node in ast.walk(expr.tree):
        if not isinstance(node, ast.Compare):
            continue
        operands = [node.left, *node.comparators]
        if not any(isinstance(o, ast.Name) and o.id == FORM for o in operands):
            continue
        for o in operands:
            items = o.elts if isinstance(o, (ast.List, ast.Tuple)) else [o]
            yield from (i.value for i in items if isinstance(i, ast.Constant) and isinstance(i.value, str))


def _check_form_names(t: Template, named: list[tuple[str, Expr]]) -> None:
    """Every form name an expression compares `form` with is declared (a typo would never match)."""
    declared = {f.name for f in t.forms}
    for where, expr in named:
        for name in _form_literals(expr):
            if name not in declared:
                raise BadTemplate(t.source, where, f"compares form with {name!r}, which is not one of the "
                                                   f"template's forms ({', '.join(sorted(declared))})")


def _answer_exprs(spec: AnswerSpec, where: str) -> Iterator[tuple[str, Expr]]:
    if spec.value is not None:
        yield f"{where}.value", spec.value
    for i, o in enumerate(spec.options):
        for name in ("value", "correct"):
            if getattr(o, name) is not None:
                yield f"{where}.options[{i}].{name}", getattr(o, name)
    for i, p in enumerate(spec.parts):
        yield from _answer_exprs(p, f"{where}.parts[{i}]")


def compile_template(t: Template) -> CompiledTemplate:
    """Validate every expression and placeholder of a template; raise BadTemplate on the first problem."""
    spec = t.spec
    symbols_spec = spec.get("symbols", [])
    if isinstance(symbols_spec, str):
        symbols_spec = [symbols_spec]
    if not isinstance(symbols_spec, list) or len(symbols_spec) > 10:
        raise BadTemplate(t.source, "symbols", "must be a list of at most 10 names")
    symbols: dict[str, sympy.Symbol] = {}
    for name in symbols_spec:
        if not isinstance(name, str) or not re.match(SYMBOL_NAME, name) or name in RESERVED or name in FUNCTIONS:
            raise BadTemplate(t.source, "symbols", f"{name!r} is not a usable symbol name")
        symbols[name] = sympy.Symbol(name, real=True)
    known = set(CONSTANTS) | set(symbols) | ({FORM} if t.forms else set())
    params_spec = spec.get("params", {}) or {}
    if not isinstance(params_spec, dict):
        raise BadTemplate(t.source, "params", "must be a mapping of name: expression")
    if len(params_spec) > MAX_PARAMS:
        raise BadTemplate(t.source, "params", f"more than {MAX_PARAMS} parameters")
    params = []
    for name, text in params_spec.items():
        if not isinstance(name, str) or not re.match(r"^[A-Za-z][A-Za-z0-9_]*$", name):
            raise BadTemplate(t.source, f"params.{name}", "is not a valid parameter name")
        if name in RESERVED or name in symbols:
            raise BadTemplate(t.source, f"params.{name}", "shadows a constant, a symbol, `form` or `answer`")
        params.append((name, _expr(t, f"params.{name}", text, known, FUNCTIONS)))
        known.add(name)
    constraints_spec = spec.get("constraints", []) or []
    if not isinstance(constraints_spec, list):
        raise BadTemplate(t.source, "constraints", "must be a list of conditions")
    constraints = tuple(_expr(t, f"constraints[{i}]", c, known, PURE_FUNCTIONS)
                        for i, c in enumerate(constraints_spec))
    answer = _answer_spec(t, spec["answer"], "answer", known)
    known_with_answer = known | {"answer"}
    verify_spec = spec["verify"]
    if isinstance(verify_spec, str):
        verify_spec = [verify_spec]
    if not isinstance(verify_spec, list) or not verify_spec:
        raise BadTemplate(t.source, "verify", "must list at least one independent check")
    verify = tuple(_expr(t, f"verify[{i}]", v, known_with_answer, VERIFY_FUNCTIONS) for i, v in enumerate(verify_spec))
    if not any(e.names & set(CHECKS) for e in verify):
        raise BadTemplate(t.source, "verify", "no check function is called (see `mathexams functions`)")
    if not any("answer" in e.names for e in verify):
        raise BadTemplate(t.source, "verify", "no check looks at the key: refer to `answer` in at least one check")
    prompt = _latex(t, "prompt", spec["prompt"])
    _check_exact_wording(t, answer, "answer", prompt)
    _check_form_names(t, [(f"params.{n}", e) for n, e in params]
                      + [(f"constraints[{i}]", c) for i, c in enumerate(constraints)]
                      + list(_answer_exprs(answer, "answer")) + [(f"verify[{i}]", v) for i, v in enumerate(verify)])
    max_attempts = spec.get("max_attempts", MAX_ATTEMPTS)
    if isinstance(max_attempts, bool) or not isinstance(max_attempts, int) or not 1 <= max_attempts <= 1000:
        raise BadTemplate(t.source, "max_attempts", "must be an integer 1..1000")
    order = {name: i + 1 for i, (name, _) in enumerate(params)}
    schedule: list[list[Expr]] = [[] for _ in range(len(params) + 1)]
    for c in constraints:
        schedule[max((order.get(n, 0) for n in c.names), default=0)].append(c)
    return CompiledTemplate(
        template=t, symbols=symbols, params=tuple(params), constraints=constraints, answer=answer,
        verify=verify, prompt=prompt, solution=_latex(t, "solution", spec["solution"]),
        max_attempts=max_attempts, constraint_schedule=tuple(tuple(group) for group in schedule),
    )
