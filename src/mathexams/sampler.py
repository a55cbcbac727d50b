"""Turn a template and a seed into a Question: draw, constrain, compute the key, check it, render.

The retry budget is capped: a template that rejects `max_attempts` draws in a row fails
with an error naming the template, the seed and the constraint that kept failing. A draw whose
simulation check misses is rejected too (the Monte Carlo policy in `simulation.py`), and the
miss is recorded; a deterministic check that fails is a KeyMismatch at once.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import numpy as np
import sympy

from .answers import AnswerError, latex_of, make_answer
from .bank import Form, Template
from .errors import BadTemplate, CheckFailed, KeyMismatch, SamplingExhausted, SimulationMiss
from .kinds import kind_named
from .latex_allowlist import latex_problem
from .model import Answer, Question
from .placeholders import PlaceholderError, render_placeholders
from .sandbox import Interpreter, Record, SandboxError
from .seeds import Rng, derive_seed
from .simulation import MAX_SIMULATION_MISSES
from .template import (
    CONSTANTS,
    FORM,
    FUNCTIONS,
    PURE_FUNCTIONS,
    VERIFY_FUNCTIONS,
    AnswerSpec,
    CompiledTemplate,
    compile_template,
)
from .timelimit import TimeLimitExceeded
from .timelimit import time_limit as limit_time

TIME_LIMIT_SECONDS = 20.0
MAX_RENDERED_CHARS = 200_000   # one prompt, solution or option, figures included


@dataclass
class SampleStats:
    """What it took to sample one question."""

    rejected: int = 0
    reasons: Counter = field(default_factory=Counter)
    simulation_misses: int = 0      # draws rejected because a Monte Carlo check missed (also in `rejected`)
    unfit_keys: int = 0             # draws rejected because a key did not suit its kind (a decimal key with
                                    # too few significant figures at its places)
    decimal_keys: dict[str, Any] = field(default_factory=dict)   # exact value of each rounded key, by field


@cache
def compiled(template: Template) -> CompiledTemplate:
    """Compile a template once per process."""
    return compile_template(template)


def drawn_form(template: Template, seed: int) -> Form:
    """The form a seed falls on when none is asked for: drawn on a side stream, so that a question
    sampled with this form given explicitly is the same question."""
    forms = template.variants
    return forms[Rng(derive_seed(seed, "form")).below(len(forms))] if len(forms) > 1 else forms[0]


def sample_question(template: Template, seed: int, *, form: str | None = None,
                    time_limit: float = TIME_LIMIT_SECONDS) -> Question:
    """Sample one question with its verified key, in the given form (default: drawn from the seed)."""
    return sample_with_stats(template, seed, form=form, time_limit=time_limit)[0]


def sample_with_stats(template: Template, seed: int, *, form: str | None = None,
                      time_limit: float = TIME_LIMIT_SECONDS) -> tuple[Question, SampleStats]:
    """Sample one question and report how many draws were rejected on the way."""
    ct = compiled(template)
    chosen = drawn_form(template, seed) if form is None else template.form(form)
    try:
        with limit_time(time_limit):
            return _sample(ct, seed, chosen)
    except TimeLimitExceeded:
        raise BadTemplate(template.source, "template",
                          f"sampling {template.id} with seed {seed} took longer than {time_limit:g} s") from None
    except RecursionError:
        raise BadTemplate(template.source, "template", f"{template.id} with seed {seed}: nested too deeply") from None


def _fail(ct: CompiledTemplate, field_name: str, reason: str, seed: int) -> BadTemplate:
    return BadTemplate(ct.template.source, field_name, f"{reason} ({ct.template.id}, seed {seed})")


def _answer_values(ct: CompiledTemplate, spec: AnswerSpec, where: str, ns: dict[str, Any],
                   pure: Interpreter, seed: int) -> Any:
    """The SymPy value(s) of an answer: a value, a tuple of option truths, or a tuple of parts."""
    if spec.parts:
        return tuple(_answer_values(ct, p, f"{where}.parts[{i}]", ns, pure, seed) for i, p in enumerate(spec.parts))
    if spec.options:
        return tuple(None if o.correct is None else _eval(ct, pure, o.correct, ns, f"{where}.options[{i}].correct", seed)
                     for i, o in enumerate(spec.options))
    return _eval(ct, pure, spec.value, ns, f"{where}.value", seed)


def _eval(ct: CompiledTemplate, interp: Interpreter, expr: Any, ns: dict[str, Any], where: str, seed: int) -> Any:
    try:
        return interp.evaluate(expr, ns)
    except SandboxError as exc:
        raise _fail(ct, where, str(exc), seed) from None


def _render(ct: CompiledTemplate, text: str, ns: dict[str, Any], where: str, seed: int) -> str:
    try:
        return render_placeholders(text, ns).strip()
    except PlaceholderError as exc:
        raise _fail(ct, where, str(exc), seed) from None


def _options(ct: CompiledTemplate, spec: AnswerSpec, where: str, ns: dict[str, Any], pure: Interpreter,
             seed: int) -> list[tuple[str, Any]]:
    """Each option as (LaTeX, sort value)."""
    out = []
    for i, opt in enumerate(spec.options):
        if opt.text is not None:
            out.append((_render(ct, opt.text, ns, f"{where}.options[{i}].text", seed), None))
        else:
            v = _eval(ct, pure, opt.value, ns, f"{where}.options[{i}].value", seed)
            out.append((v if isinstance(v, str) else f"${latex_of(v)}$", v))
    return out


def _choice_specs(spec: AnswerSpec) -> list[tuple[str, AnswerSpec]]:
    if spec.parts:
        return [(f"answer.parts[{i}]", p) for i, p in enumerate(spec.parts) if p.options]
    return [("answer", spec)] if spec.options else []


def _leaf_keys(spec: AnswerSpec, where: str, values: Any) -> Iterator[tuple[str, AnswerSpec, Any]]:
    """(field, spec, value) of every single answer: the answer itself, or each of its parts."""
    if spec.parts:
        for i, (part, value) in enumerate(zip(spec.parts, values)):
            yield from _leaf_keys(part, f"{where}.parts[{i}]", value)
    else:
        yield where, spec, values


def _canonical(value: Any) -> str:
    """A stable text for a parameter's value, for the fingerprint."""
    if isinstance(value, Record):
        return type(value).__name__ + "(" + ",".join(f"{n}={_canonical(getattr(value, n))}"
                                                      for n in sorted(value.FIELDS)) + ")"
    if isinstance(value, (list, tuple)):
        return "[" + ",".join(_canonical(v) for v in value) + "]"
    if isinstance(value, (sympy.Basic, sympy.MatrixBase)):
        return sympy.srepr(value)
    return f"{type(value).__name__}:{value!r}"


def fingerprint(ct: CompiledTemplate, form: str, ns: dict[str, Any]) -> str:
    """What identifies a question of a template: its form and the values of its parameters."""
    digest = hashlib.sha256(f"{ct.template.id}\x00{form}".encode())
    for name, _ in ct.params:
        digest.update(f"\x00{name}=".encode() + _canonical(ns[name]).encode())
    return digest.hexdigest()[:32]


def _sample(ct: CompiledTemplate, seed: int, form: Form) -> tuple[Question, SampleStats]:
    t = ct.template
    rng = Rng(seed)
    draw = Interpreter(FUNCTIONS, rng)
    pure = Interpreter(PURE_FUNCTIONS)
    stats = SampleStats()
    schedule = ct.constraint_schedule
    # one generator for every check of this question: same seed, same simulations, same question
    checker = Interpreter(VERIFY_FUNCTIONS, np.random.default_rng(derive_seed(seed, "verify")))
    base: dict[str, Any] = {**CONSTANTS, **ct.symbols, **({FORM: form.name} if t.forms else {})}
    for _ in range(ct.max_attempts):
        ns: dict[str, Any] = dict(base)
        failed = next((c for c in schedule[0] if not _truthy(ct, pure, c, ns, seed)), None)
        for position, (name, expr) in enumerate(ct.params, start=1):
            if failed is not None:
                break
            ns[name] = _eval(ct, draw, expr, ns, f"params.{name}", seed)
            # a constraint runs as soon as the parameters it reads exist, so later parameters
            # never see a draw it rejects (no division by a zero it excludes)
            failed = next((c for c in schedule[position] if not _truthy(ct, pure, c, ns, seed)), None)
        if failed is not None:
            stats.rejected += 1
            stats.reasons[failed.text] += 1
            continue
        values = _answer_values(ct, ct.answer, "answer", ns, pure, seed)
        unfit = next((f"{where}: {why}" for where, spec, value in _leaf_keys(ct.answer, "answer", values)
                      if (why := kind_named(spec.kind).unfit_key(value, spec))), None)
        if unfit is not None:
            stats.rejected += 1
            stats.unfit_keys += 1
            stats.reasons[unfit] += 1
            continue
        option_sets = {where: _options(ct, spec, where, ns, pure, seed) for where, spec in _choice_specs(ct.answer)}
        clash = next((w for w, opts in option_sets.items() if len({o[0] for o in opts}) < len(opts)), None)
        if clash is not None:
            stats.rejected += 1
            stats.reasons[f"{clash}: two options render identically"] += 1
            continue
        ns["answer"] = values
        answer = _build_answer(ct, ct.answer, "answer", values, ns, option_sets, seed)
        miss = _verify(ct, checker, ns, seed)
        if miss is not None:
            stats.rejected += 1
            stats.simulation_misses += 1
            stats.reasons[miss] += 1
            if stats.simulation_misses >= MAX_SIMULATION_MISSES:
                raise KeyMismatch(f"{t.id} (seed {seed}): {stats.simulation_misses} draws missed their simulation "
                                  f"check, which a right key does by chance less than once in 1e12; "
                                  f"last: {miss}")
            continue
        break
    else:
        worst = stats.reasons.most_common(1)[0][0] if stats.reasons else "?"
        raise SamplingExhausted(
            f"{t.source}: {t.id} with seed {seed}: {ct.max_attempts} draws rejected in a row "
            f"(most often by: {worst})")
    stats.decimal_keys = {where: value for where, spec, value in _leaf_keys(ct.answer, "answer", values)
                          if kind_named(spec.kind).approximate}
    question = Question(
        template_id=t.id, seed=seed, title=t.title, weeks=t.weeks, track=t.track, cell=t.cell,
        objective=t.objective, difficulty=form.difficulty, points=t.points,
        prompt_latex=_render(ct, ct.prompt, ns, "prompt", seed),
        solution_latex=_render(ct, ct.solution, ns, "solution", seed),
        answer=answer, template_hash=t.content_hash, calculator=form.calculator, form=form.name,
        minutes=form.minutes, fingerprint=fingerprint(ct, form.name, ns),
    )
    _check_latex(ct, question, seed)
    return question, stats


def _latex_fields(question: Question) -> Iterator[tuple[str, str]]:
    yield "prompt", question.prompt_latex
    yield "solution", question.solution_latex
    answers = [("answer", question.answer)] + [(f"answer.parts[{i}]", p) for i, p in enumerate(question.answer.parts)]
    for where, answer in answers:
        yield f"{where}.prompt", answer.prompt_latex
        yield f"{where}.value", answer.latex
        for i, option in enumerate(answer.options):
            yield f"{where}.options[{i}]", option


def _check_latex(ct: CompiledTemplate, question: Question, seed: int) -> None:
    """Scan the question's rendered LaTeX: placeholders and macros make text only now."""
    for where, text in _latex_fields(question):
        if len(text) > MAX_RENDERED_CHARS:
            raise _fail(ct, where, f"rendered LaTeX longer than {MAX_RENDERED_CHARS} characters", seed)
        problem = latex_problem(text)
        if problem:
            raise _fail(ct, where, f"rendered LaTeX: {problem}", seed)


def _truthy(ct: CompiledTemplate, pure: Interpreter, expr: Any, ns: dict[str, Any], seed: int) -> bool:
    value = _eval(ct, pure, expr, ns, "constraints", seed)
    try:
        return bool(value)
    except TypeError:
        raise _fail(ct, "constraints", f"cannot decide {expr.text!r}", seed) from None


def _verify(ct: CompiledTemplate, checker: Interpreter, ns: dict[str, Any], seed: int) -> str | None:
    """Run every check; a simulation miss is returned (the draw is rejected), any other failure raised."""
    for i, expr in enumerate(ct.verify):
        try:
            ok = checker.evaluate(expr, ns)
        except SimulationMiss as exc:
            return f"simulation check {expr.text.strip()!r} missed: {exc}"
        except CheckFailed as exc:
            raise KeyMismatch(f"{ct.template.id} (seed {seed}): check {expr.text.strip()!r} failed: {exc}") from None
        except SandboxError as exc:
            raise _fail(ct, f"verify[{i}]", str(exc), seed) from None
        if not _is_true(ok):
            raise KeyMismatch(f"{ct.template.id} (seed {seed}): check {expr.text.strip()!r} returned {ok!r}")
    return None


def _is_true(value: Any) -> bool:
    """Only a genuine truth value passes a check: a number or a list that happens to be truthy does not."""
    return value is True or isinstance(value, np.bool_) and bool(value) or value is sympy.true


def _build_answer(ct: CompiledTemplate, spec: AnswerSpec, where: str, value: Any, ns: dict[str, Any],
                  option_sets: dict[str, list[tuple[str, Any]]], seed: int) -> Answer:
    try:
        if spec.parts:
            parts = tuple(
                _build_answer(ct, p, f"{where}.parts[{i}]", v, ns, option_sets, seed)
                for i, (p, v) in enumerate(zip(spec.parts, value))
            )
            return make_answer(spec.kind, label=spec.label, points=ct.template.points, parts=parts)
        prompt = _render(ct, spec.prompt, ns, f"{where}.prompt", seed) if spec.prompt else ""
        points = spec.points if where != "answer" else ct.template.points  # a whole question's answer
        if spec.options:
            latex_options, correct = _order_options(spec, option_sets[where], value, seed, where)
            return make_answer(spec.kind, label=spec.label, points=points, options=latex_options,
                               correct=correct, prompt_latex=prompt, space=spec.space)
        return make_answer(spec.kind, value, label=spec.label, points=points, places=spec.places,
                           abs_tol=spec.abs_tol, rel_tol=spec.rel_tol, exact_form=spec.exact_form,
                           equivalence=spec.equivalence, constant_penalty=spec.constant_penalty,
                           prompt_latex=prompt, space=spec.space, extra=spec.extra)
    except AnswerError as exc:
        raise _fail(ct, where, str(exc), seed) from None


def _order_options(spec: AnswerSpec, options: list[tuple[str, Any]], truths: tuple, seed: int,
                   where: str) -> tuple[list[str], list[int]]:
    flags = [bool(v) if v is not None else False for v in truths]
    order = list(range(len(options)))
    if spec.order == "shuffle":
        order = Rng(derive_seed(seed, f"options/{where}")).shuffled(order)
    latex_options = [options[i][0] for i in order]
    correct = [k for k, i in enumerate(order) if flags[i]]
    return latex_options, correct
