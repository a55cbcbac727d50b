"""Discover question-bank files, validate their metadata, and index templates by id.

Loading reads YAML and checks metadata only (cheap: `mathexams list` needs no SymPy);
a template's expressions are parsed and validated by `compile_template` in `template.py`.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from .errors import BadTemplate, UnknownTemplate
from .yamlio import YamlError, decode, parse_yaml, read_bytes

DEFAULT_BANK = Path(__file__).resolve().parents[2] / "question_bank"

TRACK_PREFIX = {"calculus": "calc", "linear_algebra": "linalg", "probability": "prob", "consolidation": "review"}
CONSOLIDATION_AREAS = {"integrated": "integrated", "numpy": "coding", "pandas": "coding",
                       "plot": "visualization", "matplotlib": "visualization"}
BLOCKS = ((1, 2), (3, 4), (5, 6), (7, 8), (9, 10), (11, 12))
DIFFICULTIES = ("L1", "L2", "L3")
DEFAULT_POINTS = {"L1": 3, "L2": 4, "L3": 6}
ID_PATTERN = re.compile(r"^(calc|linalg|prob|review)\.[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$")

TOP_FIELDS = {
    "id", "title", "weeks", "track", "objective", "difficulty", "points", "calculator",
    "description", "symbols", "params", "constraints", "answer", "prompt", "solution",
    "verify", "max_attempts",
}
REQUIRED_FIELDS = ("id", "title", "weeks", "track", "objective", "difficulty", "answer", "prompt",
                   "solution", "verify")


@dataclass(frozen=True)
class Template:
    """A bank entry's metadata plus its raw (not yet compiled) specification."""

    id: str
    title: str
    weeks: tuple[int, ...]
    track: str
    cell: str
    objective: str
    difficulty: str
    points: float
    answer_kind: str
    description: str
    calculator: bool
    source: str                 # path of the YAML file, for error messages
    content_hash: str           # sha256 of the file bytes, recorded in exam manifests
    spec: dict[str, Any] = field(repr=False, compare=False, hash=False)


def block_of(weeks: Iterable[int]) -> str:
    """The two-week block ("3-4") holding all the weeks, or '' when they span blocks."""
    weeks = list(weeks)
    for lo, hi in BLOCKS:
        if all(lo <= w <= hi for w in weeks):
            return f"{lo}-{hi}"
    return ""


def cell_of(template_id: str, track: str, weeks: Iterable[int]) -> str:
    """The curriculum cell, e.g. '5-6/statistics' or '11-12/coding'."""
    block = block_of(weeks)
    if track == "consolidation":
        return f"{block}/{CONSOLIDATION_AREAS.get(template_id.split('.')[1], 'integrated')}"
    if track == "probability" and block in ("5-6", "9-10"):
        return f"{block}/statistics"
    return f"{block}/{track}"


def _fail(path: Path, field_name: str, reason: str) -> BadTemplate:
    return BadTemplate(str(path), field_name, reason)


def _text_field(data: dict[str, Any], name: str, path: Path, *, required: bool = True, limit: int = 20_000) -> str:
    value = data.get(name)
    if value is None:
        if required:
            raise _fail(path, name, "is required")
        return ""
    if not isinstance(value, str) or not value.strip():
        raise _fail(path, name, "must be non-empty text")
    if len(value) > limit:
        raise _fail(path, name, f"longer than {limit} characters")
    return value


def read_template(path: Path) -> Template:
    """Load one template file and validate its metadata."""
    try:
        raw = read_bytes(path)
        data = parse_yaml(decode(raw))
    except YamlError as exc:
        raise _fail(path, "yaml", str(exc)) from None
    if not isinstance(data, dict):
        raise _fail(path, "file", "must be a YAML mapping of fields")
    for key in data:
        if not isinstance(key, str):
            raise _fail(path, str(key), "field names must be text")
    unknown = sorted(set(data) - TOP_FIELDS)
    if unknown:
        raise _fail(path, unknown[0], f"unknown field (allowed: {', '.join(sorted(TOP_FIELDS))})")
    for name in REQUIRED_FIELDS:
        if name not in data:
            raise _fail(path, name, "is required")
    tid = data["id"]
    if not isinstance(tid, str) or not ID_PATTERN.match(tid):
        raise _fail(path, "id", f"{tid!r} is not of the form track.topic.slug (track calc|linalg|prob|review)")
    track = data["track"]
    if track not in TRACK_PREFIX:
        raise _fail(path, "track", f"{track!r} is not one of {', '.join(TRACK_PREFIX)}")
    if tid.split(".")[0] != TRACK_PREFIX[track]:
        raise _fail(path, "id", f"{tid} should start with {TRACK_PREFIX[track]}. for track {track}")
    weeks = data["weeks"]
    if isinstance(weeks, int) and not isinstance(weeks, bool):
        weeks = [weeks]
    if (not isinstance(weeks, list) or not weeks
            or not all(isinstance(w, int) and not isinstance(w, bool) and 1 <= w <= 12 for w in weeks)):
        raise _fail(path, "weeks", "must be a list of week numbers 1-12")
    if not block_of(weeks):
        raise _fail(path, "weeks", f"{weeks} spans several two-week blocks")
    if track == "consolidation" and block_of(weeks) != "11-12":
        raise _fail(path, "weeks", "consolidation templates belong to weeks 11-12")
    if track != "consolidation" and block_of(weeks) == "11-12":
        raise _fail(path, "weeks", "weeks 11-12 templates use track consolidation")
    difficulty = data["difficulty"]
    if difficulty not in DIFFICULTIES:
        raise _fail(path, "difficulty", f"{difficulty!r} is not one of {', '.join(DIFFICULTIES)}")
    points = data.get("points", DEFAULT_POINTS[difficulty])
    if isinstance(points, bool) or not isinstance(points, (int, float)) or not 0 < points <= 100:
        raise _fail(path, "points", "must be a number in (0, 100]")
    calculator = data.get("calculator", False)
    if not isinstance(calculator, bool):
        raise _fail(path, "calculator", "must be true or false")
    answer = data["answer"]
    if not isinstance(answer, dict) or "kind" not in answer:
        raise _fail(path, "answer", "must be a mapping with a kind")
    for name in ("title", "objective", "prompt", "solution"):
        _text_field(data, name, path)
    _text_field(data, "description", path, required=False)
    return Template(
        id=tid, title=data["title"].strip(), weeks=tuple(sorted(set(weeks))), track=track,
        cell=cell_of(tid, track, weeks), objective=data["objective"].strip(), difficulty=difficulty,
        points=points, answer_kind=str(answer["kind"]), description=(data.get("description") or "").strip(),
        calculator=calculator, source=str(path), content_hash=hashlib.sha256(raw).hexdigest(), spec=data,
    )


class Bank:
    """Templates from one or more bank folders, indexed by id in sorted order."""

    def __init__(self, templates: Iterable[Template]):
        self._by_id: dict[str, Template] = {}
        for t in templates:
            if t.id in self._by_id:
                raise BadTemplate(t.source, "id", f"{t.id} is already defined in {self._by_id[t.id].source}")
            self._by_id[t.id] = t
        self._by_id = dict(sorted(self._by_id.items()))

    def __len__(self) -> int:
        return len(self._by_id)

    def __iter__(self):
        return iter(self._by_id.values())

    def ids(self) -> list[str]:
        return list(self._by_id)

    def get(self, template_id: str) -> Template:
        try:
            return self._by_id[template_id]
        except KeyError:
            raise UnknownTemplate(f"no template with id {template_id!r} in the loaded bank(s)") from None

    def select(self, *, week: int | None = None, track: str | None = None, cell: str | None = None,
               difficulty: str | None = None) -> list[Template]:
        """Templates matching every filter given."""
        return [
            t for t in self
            if (week is None or week in t.weeks) and (track is None or t.track == track)
            and (cell is None or t.cell == cell) and (difficulty is None or t.difficulty == difficulty)
        ]


def template_files(folder: Path) -> list[Path]:
    """YAML template files under a bank folder, sorted; blueprints live elsewhere. A symbolic link
    that leads out of the bank folder is refused before anything is read through it (it could
    point at a system file whose lines would show up in an error message)."""
    root = folder.resolve()
    files = sorted(p for p in folder.rglob("*.yaml") if "blueprints" not in p.relative_to(folder).parts)
    for path in files:
        if not path.resolve().is_relative_to(root):
            raise BadTemplate(str(path), "file", "is a symbolic link to a file outside the bank folder: not read")
    return files


def load_bank(folders: Iterable[Path] | None = None) -> Bank:
    """Load every template under the given folders (default: the shipped bank)."""
    folders = list(folders) if folders else [DEFAULT_BANK]
    templates: list[Template] = []
    for folder in folders:
        folder = Path(folder)
        if not folder.is_dir():
            raise BadTemplate(str(folder), "bank", "is not a folder")
        templates.extend(read_template(p) for p in template_files(folder))
    return Bank(templates)
