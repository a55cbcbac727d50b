"""Rebuild the exams of a typed exam record by re-sampling each question from its template and seed."""

from __future__ import annotations

from collections.abc import Callable

from .assemble import reweighted
from .bank import Bank
from .model import Blueprint, Exam, ExamItem, ExamSection
from .record import ExamRecord
from .sampler import sample_question


def exams_from_record(record: ExamRecord, bank: Bank, warn: Callable[[str], None]) -> tuple[Blueprint, list[Exam]]:
    """The blueprint and every version of a recorded exam; `warn` hears of templates changed since."""
    blueprint = record.blueprint
    exams = []
    for version in record.versions:
        sections = []
        for si, section in enumerate(version.sections):
            items = []
            for entry in section.items:
                template = bank.get(entry.template_id)
                if template.content_hash != entry.template_hash:
                    warn(f"version {version.version} question {entry.number}: template "
                         f"{template.id} changed since the exam was built ({template.source})")
                q = reweighted(sample_question(template, entry.seed, form=entry.form), entry.points)
                items.append(ExamItem(entry.number, entry.slot, entry.occurrence, entry.points, q))
            instructions = blueprint.sections[si].instructions if si < len(blueprint.sections) else ""
            sections.append(ExamSection(section.title, instructions, tuple(items)))
        exams.append(Exam(
            exam_id=record.exam_id, title=record.title, course=record.course, version=version.version,
            master_seed=record.master_seed, code=version.code, minutes=blueprint.minutes,
            instructions=blueprint.instructions, sections=tuple(sections), calculator=blueprint.calculator,
        ))
    return blueprint, exams
