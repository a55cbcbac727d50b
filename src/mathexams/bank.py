"""Discover question-bank files, validate their metadata, and index templates by id.

Loading reads YAML and checks metadata only (cheap: `mathexams list` needs no SymPy);
a template's expressions are parsed and validated by `compile_template` in `template.py`.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .curriculum import CURRICULUM_FILE, BadCurriculum, Curriculum, read_curriculum
from .errors import BadTemplate, UnknownForm, UnknownTemplate
from .resources import shipped_bank
from .yamlio import YamlError, decode, parse_yaml, read_bytes

DEFAULT_BANK = shipped_bank()
# track.topic.slug; which tracks (prefixes) exist is the bank's curriculum.yaml's business
ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$")
KNOWN_VIOLATIONS_FILE = "known-violations.yaml"   # read by the stress test (quality.py), not a template
MINUTES_PER_POINT = 1.2        # the default working time of a template that does not state one
MAX_MINUTES = 60
MAX_FORMS = 8
FORM_NAME = re.compile(r"^[a-z][a-z0-9_]{0,31}$")
FORM_FIELDS = {"difficulty", "calculator", "minutes", "description"}

TOP_FIELDS = {
    "id", "title", "weeks", "track", "objective", "difficulty", "points", "calculator",
    "description", "symbols", "params", "constraints", "answer", "prompt", "solution",
    "verify", "max_attempts", "minutes", "forms",
}
REQUIRED_FIELDS = ("id", "title", "weeks", "track", "objective", "difficulty", "answer", "prompt",
                   "solution", "verify")


@dataclass(frozen=True)
class Form:
    """A named variant of a template: what differs is its difficulty, calculator use or size.

    Every field is resolved at load time (a form inherits what it does not state from its
    template), so assembly and sampling read one place. A template without `forms:` has one
    anonymous form, named "".
    """

    name: str
    difficulty: str
    calculator: bool
    minutes: float
    description: str = ""


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
    minutes: float = 0.0        # working time a student needs (the template's own, or from its points)
    forms: tuple[Form, ...] = ()   # declared forms; empty for a template without `forms:`

    @property
    def variants(self) -> tuple[Form, ...]:
        """The forms assembly chooses from: the declared ones, or the one anonymous form."""
        return self.forms or (Form("", self.difficulty, self.calculator, self.minutes, self.description),)

    def form(self, name: str) -> Form:
        """The form called `name` ("" for a template without forms); UnknownForm otherwise."""
        for f in self.variants:
            if f.name == name:
                return f
        if not self.forms:
            raise UnknownForm(f"{self.id} has no forms, so no form {name!r}")
        raise UnknownForm(f"{self.id} has no form {name!r} (forms: {', '.join(f.name for f in self.forms)})")


def shipped_curriculum() -> Curriculum:
    """The course plan of the shipped bank."""
    return read_curriculum(DEFAULT_BANK / CURRICULUM_FILE)


def _fail(path: Path, field_name: str, reason: str) -> BadTemplate:
    return BadTemplate(str(path), field_name, reason)


def _minutes(path: Path, where: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value <= MAX_MINUTES:
        raise _fail(path, where, f"must be a number of minutes in (0, {MAX_MINUTES}]")
    return float(value)


def default_minutes(points: float) -> float:
    """The working time of a template that states none: 1.2 minutes a point, to the half minute."""
    return max(0.5, round(2 * MINUTES_PER_POINT * points) / 2)


def _forms(path: Path, data: Any, levels: Iterable[str], *, difficulty: str, calculator: bool,
           minutes: float) -> tuple[Form, ...]:
    """Parse `forms:`, a mapping of form name to its differences; each inherits the template's fields."""
    if data is None:
        return ()
    if not isinstance(data, dict) or not 2 <= len(data) <= MAX_FORMS:
        raise _fail(path, "forms", f"must map 2 to {MAX_FORMS} form names to their fields")
    levels = list(levels)
    forms = []
    for name, spec in data.items():
        where = f"forms.{name}"
        if not isinstance(name, str) or not FORM_NAME.match(name):
            raise _fail(path, "forms", f"{name!r} is not a form name (lower-case letters, digits and _)")
        spec = {} if spec is None else spec
        if not isinstance(spec, dict):
            raise _fail(path, where, f"must be a mapping of {', '.join(sorted(FORM_FIELDS))}")
        unknown = sorted(set(map(str, spec)) - FORM_FIELDS)
        if unknown:
            raise _fail(path, f"{where}.{unknown[0]}", f"unknown field (allowed: {', '.join(sorted(FORM_FIELDS))})")
        level = spec.get("difficulty", difficulty)
        if level not in levels:
            raise _fail(path, f"{where}.difficulty", f"{level!r} is not one of {', '.join(levels)}")
        needs = spec.get("calculator", calculator)
        if not isinstance(needs, bool):
            raise _fail(path, f"{where}.calculator", "must be true or false")
        description = spec.get("description", "")
        if not isinstance(description, str) or len(description) > 2000:
            raise _fail(path, f"{where}.description", "must be text (at most 2000 characters)")
        forms.append(Form(name, level, needs,
                          _minutes(path, f"{where}.minutes", spec["minutes"]) if "minutes" in spec else minutes,
                          " ".join(description.split())))
    return tuple(forms)


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


def read_template(path: Path, curriculum: Curriculum | None = None) -> Template:
    """Load one template file and validate its metadata against a course plan (default: the shipped one)."""
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
    plan = curriculum or shipped_curriculum()
    tid = data["id"]
    if not isinstance(tid, str) or not ID_PATTERN.match(tid):
        prefixes = "|".join(t.prefix for t in plan.tracks.values())
        raise _fail(path, "id", f"{tid!r} is not of the form track.topic.slug (track {prefixes})")
    track = data["track"]
    weeks = data["weeks"]
    if isinstance(weeks, int) and not isinstance(weeks, bool):
        weeks = [weeks]
    if (not isinstance(weeks, list) or not weeks
            or not all(isinstance(w, int) and not isinstance(w, bool) for w in weeks)):
        raise _fail(path, "weeks", f"must be a list of week numbers 1-{plan.weeks}")
    problem = plan.template_problem(tid, track if isinstance(track, str) else repr(track), weeks)
    if problem:
        raise _fail(path, *problem)
    difficulty = data["difficulty"]
    if not isinstance(difficulty, str) or difficulty not in plan.difficulties:
        raise _fail(path, "difficulty", f"{difficulty!r} is not one of {', '.join(plan.difficulties)}")
    points = data.get("points", plan.difficulties[difficulty])
    if isinstance(points, bool) or not isinstance(points, (int, float)) or not 0 < points <= 100:
        raise _fail(path, "points", "must be a number in (0, 100]")
    calculator = data.get("calculator", False)
    if not isinstance(calculator, bool):
        raise _fail(path, "calculator", "must be true or false")
    minutes = _minutes(path, "minutes", data["minutes"]) if "minutes" in data else default_minutes(points)
    forms = _forms(path, data.get("forms"), plan.difficulties, difficulty=difficulty, calculator=calculator,
                   minutes=minutes)
    answer = data["answer"]
    if not isinstance(answer, dict) or "kind" not in answer:
        raise _fail(path, "answer", "must be a mapping with a kind")
    for name in ("title", "objective", "prompt", "solution"):
        _text_field(data, name, path)
    _text_field(data, "description", path, required=False)
    return Template(
        id=tid, title=data["title"].strip(), weeks=tuple(sorted(set(weeks))), track=track,
        cell=plan.cell_of(tid, track, weeks), objective=data["objective"].strip(), difficulty=difficulty,
        points=points, answer_kind=str(answer["kind"]), description=(data.get("description") or "").strip(),
        calculator=calculator, source=str(path), content_hash=hashlib.sha256(raw).hexdigest(), spec=data,
        minutes=minutes, forms=forms,
    )


class Bank:
    """Templates from one or more bank folders, indexed by id in sorted order, with their course plan."""

    def __init__(self, templates: Iterable[Template], curriculum: Curriculum | None = None):
        self.curriculum = curriculum or shipped_curriculum()
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
    """YAML template files under a bank folder, sorted (blueprints, the course plan and the list of
    known violations live beside them, not among them). A symbolic link that leads out of the bank folder is refused before anything is read through it (it could
    point at a system file whose lines would show up in an error message)."""
    root = folder.resolve()
    files = sorted(p for p in folder.rglob("*.yaml") if "blueprints" not in p.relative_to(folder).parts
                   and p.relative_to(folder).parts not in ((CURRICULUM_FILE,), (KNOWN_VIOLATIONS_FILE,)))
    for path in files:
        # rglob does not enter symlinked folders, so only a file link can lead out of the bank
        if path.is_symlink() and not path.resolve().is_relative_to(root):
            raise BadTemplate(str(path), "file", "is a symbolic link to a file outside the bank folder: not read")
    return files


def bank_curriculum(folders: Iterable[Path]) -> Curriculum:
    """The course plan of a set of bank folders: the curriculum.yaml they carry (folders without
    one follow it), or the shipped bank's when none does. Two different plans cannot mix: an
    exam's weeks, tracks and cells must mean one thing."""
    plans = [Path(f) / CURRICULUM_FILE for f in folders if (Path(f) / CURRICULUM_FILE).is_file()]
    if not plans:
        return shipped_curriculum()
    for plan_file in plans:
        if not plan_file.resolve().is_relative_to(plan_file.parent.resolve()):
            raise BadCurriculum(f"{plan_file}: is a symbolic link to a file outside the bank folder: not read")
    first = read_curriculum(plans[0])
    for other in plans[1:]:
        plan = read_curriculum(other)
        if dataclasses.replace(plan, source=first.source) != first:
            raise BadCurriculum(f"{other}: a different course plan from {plans[0]}; banks of different courses "
                                "cannot be loaded together (use --no-shipped-bank)")
    return first


def load_bank(folders: Iterable[Path] | None = None) -> Bank:
    """Load every template under the given folders (default: the shipped bank), checked against
    their course plan."""
    folders = [Path(f) for f in folders] if folders else [DEFAULT_BANK]
    for folder in folders:
        if not folder.is_dir():
            raise BadTemplate(str(folder), "bank", "is not a folder")
    plan = bank_curriculum(folders)
    templates: list[Template] = []
    for folder in folders:
        templates.extend(read_template(p, plan) for p in template_files(folder))
    return Bank(templates, plan)
