"""The exam record (manifest.json): everything needed to regenerate an exam years later.

It stores the blueprint text, the master seed, and per question its template id, seed,
template content hash, points and canonical answer, plus the software versions and the
SHA-256 of each LaTeX file so a regeneration can prove it is byte-for-byte identical.
"""

from __future__ import annotations

import json
import platform
from importlib import metadata
from pathlib import Path
from typing import Any, Callable

from . import __version__
from .assemble import reweighted
from .bank import Bank
from .blueprint import blueprint_from_text
from .errors import MathExamsError
from .model import Blueprint, Exam, ExamItem, ExamSection
from .sampler import sample_question

RECORD_FORMAT = "mathexams-exam-record/1"


class BadRecord(MathExamsError):
    """A manifest that cannot be read or does not describe an exam."""


def software_versions() -> dict[str, str]:
    versions = {"mathexams": __version__, "python": platform.python_version()}
    for package in ("sympy", "numpy", "jinja2", "pyyaml"):
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:  # pragma: no cover - installed with mathexams
            versions[package] = "unknown"
    return versions


def exam_record(blueprint: Blueprint, exams: list[Exam], latex_sha256: dict[str, str]) -> dict[str, Any]:
    """The manifest of a built exam, as JSON-ready data."""
    return {
        "format": RECORD_FORMAT,
        "exam_id": blueprint.id,
        "title": exams[0].title,
        "course": exams[0].course,
        "master_seed": exams[0].master_seed,
        "blueprint": {"source": blueprint.source, "text": blueprint.text},
        "software": software_versions(),
        "latex_sha256": latex_sha256,
        "versions": [
            {
                "version": exam.version,
                "code": exam.code,
                "total_points": exam.total_points,
                "sections": [
                    {
                        "title": section.title,
                        "items": [
                            {
                                "number": item.number, "slot": item.slot, "occurrence": item.occurrence,
                                "points": item.points, "template_id": item.question.template_id,
                                "seed": item.question.seed, "template_hash": item.question.template_hash,
                                "track": item.question.track, "objective": item.question.objective,
                                "answer": item.question.answer.to_dict(),
                                "prompt_latex": item.question.prompt_latex,
                                "solution_latex": item.question.solution_latex,
                            }
                            for item in section.items
                        ],
                    }
                    for section in exam.sections
                ],
            }
            for exam in exams
        ],
    }


def read_record(path: Path) -> dict[str, Any]:
    """Load and sanity-check a manifest."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BadRecord(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BadRecord(f"{path}: not a readable JSON exam record ({str(exc).splitlines()[0]})") from None
    if not isinstance(data, dict) or data.get("format") != RECORD_FORMAT:
        raise BadRecord(f"{path}: format: not a {RECORD_FORMAT} file")
    for key in ("exam_id", "master_seed", "blueprint", "versions"):
        if key not in data:
            raise BadRecord(f"{path}: {key}: missing")
    return data


def exams_from_record(record: dict[str, Any], bank: Bank, source: str,
                      warn: Callable[[str], None]) -> tuple[Blueprint, list[Exam]]:
    """Rebuild the exams of a record by re-sampling each question from its template and seed."""
    blueprint = blueprint_from_text(record["blueprint"]["text"], record["blueprint"].get("source", source))
    exams = []
    try:
        for version in record["versions"]:
            sections = []
            for si, section in enumerate(version["sections"]):
                items = []
                for entry in section["items"]:
                    template = bank.get(entry["template_id"])
                    if template.content_hash != entry["template_hash"]:
                        warn(f"version {version['version']} question {entry['number']}: template "
                             f"{template.id} changed since the exam was built ({template.source})")
                    q = sample_question(template, int(entry["seed"]))
                    points = float(entry["points"])
                    q = reweighted(q, points)
                    items.append(ExamItem(int(entry["number"]), int(entry["slot"]), int(entry["occurrence"]), points, q))
                instructions = blueprint.sections[si].instructions if si < len(blueprint.sections) else ""
                sections.append(ExamSection(section["title"], instructions, tuple(items)))
            exams.append(Exam(
                exam_id=record["exam_id"], title=record["title"], course=record["course"],
                version=version["version"], master_seed=int(record["master_seed"]), code=version["code"],
                minutes=blueprint.minutes, instructions=blueprint.instructions, sections=tuple(sections),
            ))
    except (KeyError, TypeError, ValueError) as exc:
        raise BadRecord(f"{source}: versions: malformed entry ({type(exc).__name__}: {exc})") from None
    return blueprint, exams
