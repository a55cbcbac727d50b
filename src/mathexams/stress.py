"""The stress test: sample every template over many seeds and prove each question sound.

For each seed it samples a question (which verifies the key independently), samples it
again to prove determinism, round-trips it through JSON, checks that its own key typed
back is judged correct, and records distinct variants, rejected draws and simulation misses. Used by `mathexams check` and by the test suite.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from typing import Callable, Iterable

from .bank import Template
from .errors import MathExamsError
from .model import Answer, Question
from .workers import worker_pool


@dataclass
class TemplateReport:
    """Stress-test outcome of one template."""

    template_id: str
    cell: str
    seeds: int = 0
    distinct: int = 0
    rejected: int = 0
    simulation_misses: int = 0      # draws rejected because a Monte Carlo check missed (a false alarm)
    seconds: float = 0.0
    failures: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures

    @property
    def rejection_rate(self) -> float:
        draws = self.seeds + self.rejected
        return self.rejected / draws if draws else 0.0

    @property
    def per_second(self) -> float:
        return self.seeds / self.seconds if self.seconds else 0.0


def typed_key(answer: Answer) -> object:
    """The key as a student would type it: canonical text, option letters, parts by label."""
    if answer.parts:
        return {p.label: typed_key(p) for p in answer.parts}
    return answer.value


def stress_template(template: Template, seeds: Iterable[int]) -> TemplateReport:
    """Run the stress test on one template."""
    from .judge import check_answer
    from .sampler import sample_with_stats

    report = TemplateReport(template.id, template.cell)
    variants: set[str] = set()
    for seed in seeds:
        report.seeds += 1
        try:
            start = time.perf_counter()
            question, stats = sample_with_stats(template, seed)
            report.seconds += time.perf_counter() - start
            report.rejected += stats.rejected
            report.simulation_misses += stats.simulation_misses
            again = sample_with_stats(template, seed)[0]
            if again != question:
                report.failures.append(f"{template.id} (seed {seed}): sampling twice gave different questions")
            if Question.from_dict(json.loads(json.dumps(question.to_dict()))) != question:
                report.failures.append(f"{template.id} (seed {seed}): JSON round trip changed the question")
            verdict = check_answer(question.answer, typed_key(question.answer))
            if not verdict.correct:
                report.failures.append(f"{template.id} (seed {seed}): its own key, typed back, is judged "
                                       f"wrong: {verdict.reason}")
            if r"\VAR{" in question.prompt_latex or r"\BLOCK{" in question.prompt_latex:
                report.failures.append(f"{template.id} (seed {seed}): unfilled placeholder in the prompt")
            variants.add("\x00".join([question.prompt_latex, *question.answer.options,
                                       *(p.prompt_latex + "\x01" + "\x01".join(p.options)
                                         for p in question.answer.parts)]))
        except MathExamsError as exc:
            report.failures.append(str(exc))
            if len(report.failures) >= 5:
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
