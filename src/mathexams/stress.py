"""The stress test: sample every template over many seeds, prove each question sound, and measure it.

For each seed it samples a question (which verifies the key independently), round-trips it
through JSON and checks that its own key typed back is judged correct; every tenth seed it samples
the question again to prove determinism (sampling is nine tenths of the cost, and a template that
is not deterministic differs on most seeds). It also records what the quality rules (`quality.py`) need: distinct variants,
rejected draws by reason, and per answer field the key's value, its position among the options,
the decimal tolerance against the asked precision, whether the exact key can be worked out by
hand, and the answer's shape in each form. Used by `mathexams check` and by the test suite.
"""

from __future__ import annotations

import json
import re
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from .bank import Template
from .coerce import NotANumber, to_sympy
from .errors import MathExamsError
from .kinds import kind_of
from .model import Answer, Question
from .workers import worker_pool

HAND_DENOMINATOR = 1000   # a decimal key a student works out by hand is a fraction over at most this
FLOAT_HAIR = 1e-9         # the checker's allowance for binary floating point, as a share of a tolerance
MAX_FAILURES = 5
DETERMINISM_EVERY = 10    # resample every tenth seed to prove the same seed gives the same question


@dataclass
class FieldStats:
    """What one answer field (the answer, or one part) looked like over the seeds."""

    kind: str
    keys: Counter = field(default_factory=Counter)          # key value -> draws
    positions: Counter = field(default_factory=Counter)     # (choices, position) -> draws; -1: no key to pick
    shapes: dict[str, set] = field(default_factory=dict)    # form -> shapes seen (vectors, matrices)
    places: set = field(default_factory=set)                # decimals asked
    loose: int = 0               # draws whose tolerance exceeds half a unit in the last asked place
    loosest: float = 0.0         # the largest tolerance / half unit seen
    by_hand: int = 0             # decimal keys in no-calculator forms ...
    not_by_hand: int = 0         # ... and those a student cannot work out without a calculator
    example: str = ""            # a seed whose key needs a calculator, for the message

    @property
    def binary(self) -> bool:
        """A key picked from two choices (true/false, two options): judged by its position balance,
        since one of two values always holds at least half the draws."""
        return bool(self.positions) and all(choices <= 2 for choices, _ in self.positions)

    def to_dict(self) -> dict[str, Any]:
        top = self.keys.most_common(1)
        return {
            "kind": self.kind, "draws": sum(self.keys.values()), "distinct_keys": len(self.keys),
            "top_key": top[0][0] if top else None, "top_key_draws": top[0][1] if top else 0,
            "positions": {f"{n}:{p}": c for (n, p), c in sorted(self.positions.items(), key=str)},
            "shapes": {form: sorted(map(list, shapes)) for form, shapes in self.shapes.items()},
            "places": sorted(self.places), "loose_tolerance_draws": self.loose,
            "hand_decimal_draws": self.by_hand, "calculator_decimal_draws": self.not_by_hand,
        }


@dataclass
class TemplateReport:
    """Stress-test outcome of one template."""

    template_id: str
    cell: str
    seeds: int = 0
    distinct: int = 0
    rejected: int = 0
    simulation_misses: int = 0      # draws rejected because a Monte Carlo check missed (a false alarm)
    unfit_keys: int = 0             # draws rejected because a key did not suit its kind (a decimal key with
                                    # fewer than two significant figures at its places)
    reasons: Counter = field(default_factory=Counter)
    seconds: float = 0.0
    failures: list[str] = field(default_factory=list)
    forms: Counter = field(default_factory=Counter)
    fields: dict[str, FieldStats] = field(default_factory=dict)
    repeats: int = 0                # pairs of seeds that gave the same question

    @property
    def effective_variants(self) -> float:
        """How many equally likely questions the template behaves like: the inverse of the chance that
        two seeds give the same question (estimated from the pairs that did; inf if none did)."""
        pairs = self.seeds * (self.seeds - 1) // 2
        return pairs / self.repeats if self.repeats else float("inf")

    @property
    def ok(self) -> bool:
        return not self.failures

    @property
    def draws(self) -> int:
        return self.seeds + self.rejected

    @property
    def rejection_rate(self) -> float:
        return self.rejected / self.draws if self.draws else 0.0

    @property
    def per_second(self) -> float:
        return self.seeds / self.seconds if self.seconds else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "template_id": self.template_id, "cell": self.cell, "seeds": self.seeds, "distinct": self.distinct,
            "effective_variants": None if self.repeats == 0 else round(self.effective_variants, 1),
            "rejected": self.rejected, "rejection_rate": round(self.rejection_rate, 4),
            "simulation_misses": self.simulation_misses, "unfit_keys": self.unfit_keys,
            "reasons": dict(self.reasons.most_common()), "seconds": round(self.seconds, 3),
            "per_second": round(self.per_second, 1), "failures": list(self.failures),
            "forms": dict(sorted(self.forms.items())),
            "fields": {where: stats.to_dict() for where, stats in self.fields.items()},
        }


def typed_key(answer: Answer) -> object:
    """The key as a student would type it: canonical text, option letters, parts by label."""
    if answer.parts:
        return {p.label: typed_key(p) for p in answer.parts}
    return answer.value


def _fields(answer: Answer) -> list[tuple[str, Answer]]:
    if answer.parts:
        return [(f"answer.parts[{i}]", p) for i, p in enumerate(answer.parts)]
    return [("answer", answer)]


def _key_value(answer: Answer) -> str:
    """The key as content, not position: the correct options' text for choices."""
    if answer.options:
        return " | ".join(sorted(answer.options[i] for i in answer.correct)) or "(none)"
    return answer.value


DECIMALS = re.compile(r"^-?\d+(?:\.(\d+))?$")


def _asked_places(answer: Answer) -> int | None:
    """The decimals a decimal answer asks for, read from its printed key ("2.50" -> 2)."""
    match = DECIMALS.match(answer.latex)
    return len(match.group(1) or "") if match else None


def _by_hand(value: Any) -> bool:
    """Whether a student works this exact key out to decimals by hand: a fraction with a small
    denominator (a surd, a logarithm, e or a normal probability needs a calculator or a table)."""
    try:
        v = to_sympy(value)
    except (NotANumber, TypeError, ValueError):
        return False
    return bool(v.is_Rational) and v.q <= HAND_DENOMINATOR


def _record(report: TemplateReport, question: Question, decimal_keys: dict[str, Any]) -> None:
    """Add one question's answer fields to the report."""
    report.forms[question.form] += 1
    for where, answer in _fields(question.answer):
        kind = kind_of(answer)
        stats = report.fields.setdefault(where, FieldStats(answer.kind))
        stats.keys[_key_value(answer)] += 1
        positions = kind.key_positions(answer)
        if positions is not None:
            choices, picked = positions
            for position in picked or (-1,):
                stats.positions[choices, position] += 1
        if answer.shape:
            stats.shapes.setdefault(question.form, set()).add(answer.shape)
        places = _asked_places(answer) if kind.approximate else None
        if places is None:
            continue
        stats.places.add(places)
        key = float(answer.value)
        tolerance = answer.abs_tol if answer.abs_tol is not None else (answer.rel_tol or 0) * abs(key)
        ratio = tolerance / (0.5 * 10.0 ** -places)
        stats.loosest = max(stats.loosest, ratio)
        stats.loose += ratio > 1 + FLOAT_HAIR
        if not question.calculator:
            if _by_hand(decimal_keys.get(where, key)):
                stats.by_hand += 1
            else:
                stats.not_by_hand += 1
                stats.example = stats.example or f"seed {question.seed}: {answer.latex}"


def stress_template(template: Template, seeds: Iterable[int]) -> TemplateReport:
    """Run the stress test on one template."""
    from .judge import check_answer
    from .sampler import sample_with_stats

    report = TemplateReport(template.id, template.cell)
    variants: Counter = Counter()
    for index, seed in enumerate(seeds):
        report.seeds += 1
        try:
            start = time.perf_counter()
            question, stats = sample_with_stats(template, seed)
            report.seconds += time.perf_counter() - start
            report.rejected += stats.rejected
            report.simulation_misses += stats.simulation_misses
            report.unfit_keys += stats.unfit_keys
            report.reasons.update(stats.reasons)
            if index % DETERMINISM_EVERY == 0 and sample_with_stats(template, seed)[0] != question:
                report.failures.append(f"{template.id} (seed {seed}): sampling twice gave different questions")
            if Question.from_dict(json.loads(json.dumps(question.to_dict()))) != question:
                report.failures.append(f"{template.id} (seed {seed}): JSON round trip changed the question")
            verdict = check_answer(question.answer, typed_key(question.answer))
            if not verdict.correct:
                report.failures.append(f"{template.id} (seed {seed}): its own key, typed back, is judged "
                                       f"wrong: {verdict.reason}")
            if r"\VAR{" in question.prompt_latex or r"\BLOCK{" in question.prompt_latex:
                report.failures.append(f"{template.id} (seed {seed}): unfilled placeholder in the prompt")
            variant = "\x00".join([question.prompt_latex, *question.answer.options,
                                    *(p.prompt_latex + "\x01" + "\x01".join(p.options) for p in question.answer.parts)])
            report.repeats += variants[variant]   # this seed repeats every earlier seed with the same question
            variants[variant] += 1
            _record(report, question, stats.decimal_keys)
        except MathExamsError as exc:
            report.failures.append(str(exc))
        if len(report.failures) >= MAX_FAILURES:
            break
    report.distinct = len(variants)
    return report


def _stress_job(args: tuple[Template, list[int]]) -> TemplateReport:
    return stress_template(*args)


def stress_bank(templates: list[Template], seeds: list[int], *, jobs: int = 1,
                progress: Callable[[TemplateReport], None] | None = None) -> list[TemplateReport]:
    """Stress-test many templates, in parallel processes when jobs > 1; reports keep input order."""
    reports: list[TemplateReport] = []
    if jobs <= 1 or len(templates) <= 1:
        for t in templates:
            reports.append(stress_template(t, seeds))
            if progress:
                progress(reports[-1])
        return reports
    with worker_pool(jobs) as pool:
        for report in pool.map(_stress_job, [(t, seeds) for t in templates]):
            reports.append(report)
            if progress:
                progress(report)
    return reports
