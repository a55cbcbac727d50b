"""The exam record (manifest.json) as typed, validated data: what regeneration and marking read.

A manifest is written by mathexams but read back from wherever a person keeps it, so it is
input like any other: `read_record` parses it into frozen dataclasses, checking every field's
type and range, and any violation is one line naming the manifest and the field
(`manifest.json: versions[1].sections[0].items[3].answer.points: must be a number`).
Code that reads a manifest uses `ExamRecord` only, never the raw JSON.

Format versions: `mathexams-exam-record/3` (written now) adds per question its form, parameter
fingerprint, working minutes and calculator flag, and per answer its working space; `/2` added
`code_key`, the random bytes that key the exam codes (see `codes.py`); `/1` records (no key,
codes recorded as printed) and `/2` records are still read. Imports the data model, the blueprint reader and the bank's naming rules; not the sampler.
"""

from __future__ import annotations

import json
import math
import platform
import re
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field, replace
from importlib import metadata
from pathlib import Path
from typing import Any

from . import __version__
from .bank import ID_PATTERN
from .blueprint import MAX_ITEMS, blueprint_from_text, safe_exam_id
from .codes import CODE_PATTERN, KEY_BYTES, VERSION_PATTERN, exam_code
from .curriculum import NAME
from .errors import BadBlueprint, MathExamsError
from .inputs import NotAFile, open_regular
from .kinds import kind_named
from .model import Answer, Blueprint, Exam, ExamItem, ExamSection, Question, parse_space, space_text

RECORD_FORMAT = "mathexams-exam-record/3"
READABLE_FORMATS = ("mathexams-exam-record/1", "mathexams-exam-record/2", RECORD_FORMAT)
MAX_RECORD_BYTES = 64 * 1024 * 1024
MAX_VERSIONS = 60
MAX_PARTS = 8
MAX_OPTIONS = 26
MAX_TEXT = 200_000               # a prompt or solution (TikZ figures are long)
MAX_SHORT_TEXT = 2_000           # titles, objectives, labels
MAX_SEED = 2**64 - 1
MAX_POINTS = 1000.0
SHA256_PATTERN = re.compile(r"^[0-9a-f]{64}$")
VARIABLE_PATTERN = re.compile(r"^[A-Za-z][A-Za-z0-9]*$")
LATEX_FILE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,40}\.tex$")   # a LaTeX output's file name (papers.tex, ...)
MAX_LATEX_FILES = 20
OUTPUT_FILE = re.compile(r"^[a-z0-9][a-z0-9_.-]{0,80}(/[a-z0-9][a-z0-9_.-]{0,80})?$")   # moodle.xml, html/a.html
MAX_OUTPUT_FILES = 400
FORM_PATTERN = re.compile(r"^([a-z][a-z0-9_]{0,31})?$")
FINGERPRINT_PATTERN = re.compile(r"^([0-9a-f]{32})?$")


class BadRecord(MathExamsError):
    """A manifest that cannot be read or does not describe an exam."""


# ---------------------------------------------------------------- the typed record


@dataclass(frozen=True)
class RecordItem:
    """One question of one version, as the record describes it."""

    number: int                  # on the paper
    slot: int                    # blueprint slot, the same across versions
    occurrence: int              # bumped when a version's key repeated another version's
    points: float
    template_id: str
    seed: int
    template_hash: str
    track: str
    objective: str
    answer: Answer
    prompt_latex: str
    solution_latex: str
    form: str = ""               # the template's form ("" without forms)
    fingerprint: str = ""        # hash of the drawn parameters ("" in records before format 3)
    minutes: float = 0.0
    calculator: bool = False

    @property
    def part_labels(self) -> tuple[str, ...]:
        return tuple(p.label for p in self.answer.parts)


@dataclass(frozen=True)
class RecordSection:
    title: str
    items: tuple[RecordItem, ...]


@dataclass(frozen=True)
class RecordVersion:
    version: str                 # A, B, ..., AA
    code: str                    # printed on every page, e.g. B-K3QXM
    total_points: float
    sections: tuple[RecordSection, ...]

    @property
    def items(self) -> tuple[RecordItem, ...]:
        """The questions in paper order."""
        return tuple(sorted((i for s in self.sections for i in s.items), key=lambda i: i.number))


@dataclass(frozen=True)
class ExamRecord:
    """Everything needed to regenerate, self-check and grade an exam."""

    format: str
    exam_id: str
    title: str
    course: str
    master_seed: int
    code_key: bytes              # b"" in format /1 records
    blueprint: Blueprint         # validated; its id equals exam_id
    software: dict[str, str]
    latex_sha256: dict[str, str]
    versions: tuple[RecordVersion, ...]
    source: str = ""             # where it was read from, for messages
    files_sha256: dict[str, str] = field(default_factory=dict)   # the other outputs (exports) by path

    def find_version(self, wanted: str) -> RecordVersion:
        """The version with this letter or exam code (any case); BadRecord if there is none."""
        key = wanted.strip().upper()
        for v in self.versions:
            if key in (v.version, v.code):
                return v
        known = ", ".join(v.version for v in self.versions)
        raise BadRecord(f"no version {_short(wanted)} in this exam (versions: {known})")

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data, as written to manifest.json."""
        out: dict[str, Any] = {
            "format": self.format, "exam_id": self.exam_id, "title": self.title, "course": self.course,
            "master_seed": self.master_seed,
        }
        if self.format != READABLE_FORMATS[0]:
            out["code_key"] = self.code_key.hex()
        out.update({
            "blueprint": {"source": self.blueprint.source, "text": self.blueprint.text},
            "software": dict(self.software),
            "latex_sha256": dict(self.latex_sha256),
        })
        if self.files_sha256:
            out["files_sha256"] = dict(sorted(self.files_sha256.items()))
        out["versions"] = [_version_dict(v) for v in self.versions]
        return out


def _version_dict(v: RecordVersion) -> dict[str, Any]:
    return {
        "version": v.version, "code": v.code, "total_points": v.total_points,
        "sections": [{"title": s.title, "items": [_item_dict(i) for i in s.items]} for s in v.sections],
    }


def _item_dict(i: RecordItem) -> dict[str, Any]:
    return {
        "number": i.number, "slot": i.slot, "occurrence": i.occurrence, "points": i.points,
        "template_id": i.template_id, "seed": i.seed, "template_hash": i.template_hash, "track": i.track,
        "objective": i.objective, "answer": i.answer.to_dict(), "prompt_latex": i.prompt_latex,
        "solution_latex": i.solution_latex, "form": i.form, "fingerprint": i.fingerprint, "minutes": i.minutes,
        "calculator": i.calculator,
    }


# ---------------------------------------------------------------- building one from exams


# the libraries whose printed output and figures code questions show (run by the snippet worker)
PRINTING_LIBRARIES = ("pandas", "matplotlib")


def printing_differences(recorded: dict[str, str]) -> list[str]:
    """The libraries that print code questions' output (NumPy, pandas, Matplotlib) whose version
    differs from the one that built a record: their questions may print differently now."""
    current = software_versions()
    return [f"{name} {recorded[name]} built the exam, {current[name]} is installed"
            for name in ("numpy", *PRINTING_LIBRARIES)
            if name in recorded and recorded[name] != current.get(name)]


def software_versions() -> dict[str, str]:
    versions = {"mathexams": __version__, "python": platform.python_version()}
    for package in ("sympy", "numpy", "jinja2", "pyyaml", *PRINTING_LIBRARIES):
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:  # pragma: no cover - installed with mathexams
            versions[package] = "unknown"
    return versions


def record_from_exams(blueprint: Blueprint, exams: list[Exam], latex_sha256: dict[str, str],
                      code_key: bytes, files_sha256: dict[str, str] | None = None) -> ExamRecord:
    """The record of freshly built exams (format 1 when there is no code key: a regenerated
    format-1 record keeps its recorded codes)."""
    versions = tuple(
        RecordVersion(
            version=exam.version, code=exam.code, total_points=exam.total_points,
            sections=tuple(RecordSection(section.title, tuple(
                RecordItem(
                    number=item.number, slot=item.slot, occurrence=item.occurrence, points=item.points,
                    template_id=item.question.template_id, seed=item.question.seed,
                    template_hash=item.question.template_hash, track=item.question.track,
                    objective=item.question.objective, answer=item.question.answer,
                    prompt_latex=item.question.prompt_latex, solution_latex=item.question.solution_latex,
                    form=item.question.form, fingerprint=item.question.fingerprint,
                    minutes=item.question.minutes, calculator=item.question.calculator,
                ) for item in section.items)) for section in exam.sections),
        )
        for exam in exams
    )
    return ExamRecord(
        format=RECORD_FORMAT if code_key else READABLE_FORMATS[0], exam_id=blueprint.id, title=exams[0].title, course=exams[0].course,
        master_seed=exams[0].master_seed, code_key=code_key, blueprint=blueprint,
        software=software_versions(), latex_sha256=dict(latex_sha256), versions=versions,
        files_sha256=dict(files_sha256 or {}),
    )


def with_files(record: ExamRecord, files_sha256: dict[str, str]) -> ExamRecord:
    """The record listing these output files too (an export adds what it wrote)."""
    return replace(record, files_sha256={**record.files_sha256, **files_sha256})


def recorded_exams(record: ExamRecord) -> list[Exam]:
    """The exams a record describes, from its own texts and answers (no bank, no sampling): what
    `mathexams export` renders, so an export made later has the bytes of one made at build time.
    Fields the record does not keep (a question's title, weeks, cell, difficulty) stay empty, and
    the exports do not read them."""
    blueprint = record.blueprint
    exams = []
    for version in record.versions:
        sections = []
        for si, section in enumerate(version.sections):
            items = tuple(ExamItem(entry.number, entry.slot, entry.occurrence, entry.points, Question(
                template_id=entry.template_id, seed=entry.seed, title="", weeks=(), track=entry.track, cell="",
                objective=entry.objective, difficulty="", points=entry.points, prompt_latex=entry.prompt_latex,
                solution_latex=entry.solution_latex, answer=entry.answer, template_hash=entry.template_hash,
                calculator=entry.calculator, form=entry.form, minutes=entry.minutes, fingerprint=entry.fingerprint,
            )) for entry in section.items)
            instructions = blueprint.sections[si].instructions if si < len(blueprint.sections) else ""
            sections.append(ExamSection(section.title, instructions, items))
        exams.append(Exam(
            exam_id=record.exam_id, title=record.title, course=record.course, version=version.version,
            master_seed=record.master_seed, code=version.code, minutes=blueprint.minutes,
            instructions=blueprint.instructions, sections=tuple(sections), calculator=blueprint.calculator,
        ))
    return exams


def record_json(record: ExamRecord) -> str:
    """The text of manifest.json."""
    return json.dumps(record.to_dict(), indent=2, ensure_ascii=False) + "\n"


# ---------------------------------------------------------------- reading and checking


def _short(value: Any, limit: int = 40) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


class _Fields:
    """Typed getters that raise BadRecord naming the manifest and the field."""

    def __init__(self, source: str):
        self.source = source

    def fail(self, where: str, reason: str) -> BadRecord:
        return BadRecord(f"{self.source}: {where}: {reason}")

    def mapping(self, value: Any, where: str, *, required: AbstractSet[str],
                optional: AbstractSet[str] = frozenset()) -> dict:
        if not isinstance(value, dict):
            raise self.fail(where, f"must be a mapping, got {type(value).__name__}")
        for key in value:
            if key not in required and key not in optional:
                raise self.fail(f"{where}.{key}" if where else str(key), "unknown field")
        missing = sorted(required - set(value))
        if missing:
            raise self.fail(f"{where}.{missing[0]}" if where else missing[0], "missing")
        return value

    def list(self, value: Any, where: str, *, most: int, least: int = 0) -> list:
        if not isinstance(value, list):
            raise self.fail(where, f"must be a list, got {type(value).__name__}")
        if not least <= len(value) <= most:
            raise self.fail(where, f"must have {least} to {most} entries, has {len(value)}")
        return value

    def text(self, value: Any, where: str, *, limit: int = MAX_SHORT_TEXT, pattern: re.Pattern | None = None,
             empty: bool = True) -> str:
        if not isinstance(value, str):
            raise self.fail(where, f"must be text, got {type(value).__name__}")
        if len(value) > limit:
            raise self.fail(where, f"longer than {limit} characters")
        if not empty and not value.strip():
            raise self.fail(where, "must not be empty")
        if pattern is not None and not pattern.match(value):
            raise self.fail(where, f"{_short(value)} is not of the expected form")
        return value

    def integer(self, value: Any, where: str, *, lo: int, hi: int) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(where, f"must be a whole number, got {type(value).__name__}")
        if not lo <= value <= hi:
            raise self.fail(where, f"must be {lo}..{hi}, got {_short(value)}")
        return value

    def number(self, value: Any, where: str, *, lo: float, hi: float, lo_open: bool = False) -> float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self.fail(where, f"must be a number, got {type(value).__name__}")
        value = float(value)
        if not math.isfinite(value) or not (lo < value if lo_open else lo <= value) or value > hi:
            raise self.fail(where, f"must be a number in {'(' if lo_open else '['}{lo:g}, {hi:g}], got {value!r}")
        return value

    def flag(self, value: Any, where: str) -> bool:
        if not isinstance(value, bool):
            raise self.fail(where, "must be true or false")
        return value


_ANSWER_FIELDS = {"kind", "value", "latex", "label", "points", "abs_tol", "rel_tol", "exact_form", "equivalence",
                  "constant_penalty", "variables", "shape", "options", "correct", "parts", "prompt_latex", "space"}


def _answer(f: _Fields, data: Any, where: str, *, part: bool = False) -> Answer:
    """A typed answer: every field's type and range here, what fits its kind by the kind."""
    data = f.mapping(data, where, required={"kind"}, optional=_ANSWER_FIELDS - {"kind"})
    try:
        kind = kind_named(data["kind"])
    except (KeyError, TypeError):
        raise f.fail(f"{where}.kind", f"{_short(data['kind'])} is not an answer kind") from None
    if part and kind.composite:
        raise f.fail(f"{where}.kind", f"{kind.name} cannot be a part of another answer")
    options = tuple(f.text(o, f"{where}.options[{i}]", limit=MAX_TEXT)
                    for i, o in enumerate(f.list(data.get("options", []), f"{where}.options", most=MAX_OPTIONS)))
    correct = tuple(f.integer(c, f"{where}.correct[{i}]", lo=0, hi=max(len(options) - 1, 0))
                    for i, c in enumerate(f.list(data.get("correct", []), f"{where}.correct", most=MAX_OPTIONS)))
    parts = tuple(_answer(f, p, f"{where}.parts[{i}]", part=True)
                  for i, p in enumerate(f.list(data.get("parts", []), f"{where}.parts", most=MAX_PARTS)))
    tolerances = {}
    for name in ("abs_tol", "rel_tol"):
        if data.get(name) is not None:
            tolerances[name] = f.number(data[name], f"{where}.{name}", lo=0, hi=1e12, lo_open=True)
    space = f.text(data.get("space", ""), f"{where}.space", limit=20)
    if space:
        try:
            space = space_text(*parse_space(space))
        except ValueError as exc:
            raise f.fail(f"{where}.space", str(exc)) from None
    answer = Answer(
        kind=kind.name, value=f.text(data.get("value", ""), f"{where}.value", limit=MAX_TEXT),
        latex=f.text(data.get("latex", ""), f"{where}.latex", limit=MAX_TEXT),
        label=f.text(data.get("label", ""), f"{where}.label", limit=8),
        points=f.number(data.get("points", 0), f"{where}.points", lo=0, hi=MAX_POINTS),
        exact_form=f.flag(data.get("exact_form", False), f"{where}.exact_form"),
        equivalence=f.text(data.get("equivalence", ""), f"{where}.equivalence", limit=40),
        constant_penalty=f.number(data.get("constant_penalty", 0.0), f"{where}.constant_penalty", lo=0, hi=1),
        variables=tuple(f.text(v, f"{where}.variables[{i}]", limit=20, pattern=VARIABLE_PATTERN) for i, v in
                        enumerate(f.list(data.get("variables", []), f"{where}.variables", most=10))),
        shape=tuple(f.integer(s, f"{where}.shape[{i}]", lo=0, hi=1000)
                    for i, s in enumerate(f.list(data.get("shape", []), f"{where}.shape", most=2))),
        options=options, correct=correct, parts=parts,
        prompt_latex=f.text(data.get("prompt_latex", ""), f"{where}.prompt_latex", limit=MAX_TEXT),
        space=space, **tolerances,
    )
    problem = kind.problem(answer)
    if problem:
        raise f.fail(f"{where}.{problem[0]}", problem[1])
    return answer


_ITEM_FIELDS = {"number", "slot", "occurrence", "points", "template_id", "seed", "template_hash", "track",
                "objective", "answer"}


def _item(f: _Fields, data: Any, where: str) -> RecordItem:
    data = f.mapping(data, where, required=_ITEM_FIELDS,
                     optional={"prompt_latex", "solution_latex", "form", "fingerprint", "minutes", "calculator"})
    track = f.text(data["track"], f"{where}.track", limit=40, pattern=NAME)
    return RecordItem(
        number=f.integer(data["number"], f"{where}.number", lo=1, hi=MAX_ITEMS),
        slot=f.integer(data["slot"], f"{where}.slot", lo=0, hi=MAX_ITEMS),
        occurrence=f.integer(data["occurrence"], f"{where}.occurrence", lo=0, hi=100),
        points=f.number(data["points"], f"{where}.points", lo=0, hi=MAX_POINTS, lo_open=True),
        template_id=f.text(data["template_id"], f"{where}.template_id", limit=100, pattern=ID_PATTERN),
        seed=f.integer(data["seed"], f"{where}.seed", lo=0, hi=MAX_SEED),
        template_hash=f.text(data["template_hash"], f"{where}.template_hash", pattern=SHA256_PATTERN),
        track=track, objective=f.text(data["objective"], f"{where}.objective"),
        answer=_answer(f, data["answer"], f"{where}.answer"),
        prompt_latex=f.text(data.get("prompt_latex", ""), f"{where}.prompt_latex", limit=MAX_TEXT),
        solution_latex=f.text(data.get("solution_latex", ""), f"{where}.solution_latex", limit=MAX_TEXT),
        form=f.text(data.get("form", ""), f"{where}.form", pattern=FORM_PATTERN),
        fingerprint=f.text(data.get("fingerprint", ""), f"{where}.fingerprint", pattern=FINGERPRINT_PATTERN),
        minutes=f.number(data.get("minutes", 0.0), f"{where}.minutes", lo=0, hi=MAX_POINTS),
        calculator=f.flag(data.get("calculator", False), f"{where}.calculator"),
    )


def _version(f: _Fields, data: Any, where: str) -> RecordVersion:
    data = f.mapping(data, where, required={"version", "code", "total_points", "sections"})
    version = f.text(data["version"], f"{where}.version", pattern=VERSION_PATTERN)
    code = f.text(data["code"], f"{where}.code", pattern=CODE_PATTERN)
    parts = CODE_PATTERN.match(code)
    if parts is None or parts.group(1) != version:
        raise f.fail(f"{where}.code", f"{code} does not start with the version letter {version}")
    sections = []
    for si, sec in enumerate(f.list(data["sections"], f"{where}.sections", least=1, most=20)):
        here = f"{where}.sections[{si}]"
        sec = f.mapping(sec, here, required={"title", "items"})
        items = tuple(_item(f, item, f"{here}.items[{i}]")
                      for i, item in enumerate(f.list(sec["items"], f"{here}.items", least=1, most=MAX_ITEMS)))
        sections.append(RecordSection(f.text(sec["title"], f"{here}.title"), items))
    result = RecordVersion(version, code, f.number(data["total_points"], f"{where}.total_points", lo=0,
                                                   hi=MAX_ITEMS * MAX_POINTS, lo_open=True), tuple(sections))
    numbers = [i.number for i in result.items]
    if numbers != list(range(1, len(numbers) + 1)):
        raise f.fail(f"{where}.sections", "question numbers must run 1, 2, 3, ... without gaps or repeats")
    if abs(sum(i.points for i in result.items) - result.total_points) > 1e-6:
        raise f.fail(f"{where}.total_points", "differs from the sum of the questions' points")
    return result


def record_from_dict(data: Any, source: str) -> ExamRecord:
    """Check raw manifest data and return the typed record; BadRecord names the first bad field."""
    f = _Fields(source)
    if not isinstance(data, dict) or data.get("format") not in READABLE_FORMATS:
        raise f.fail("format", f"not a mathexams exam record ({' or '.join(READABLE_FORMATS)})")
    version_one = data["format"] == READABLE_FORMATS[0]
    required = {"format", "exam_id", "title", "course", "master_seed", "blueprint", "versions"}
    data = f.mapping(data, "", required=required | (set() if version_one else {"code_key"}),
                     optional={"software", "latex_sha256", "files_sha256"} | ({"code_key"} if not version_one else set()))
    exam_id = data["exam_id"]
    if not safe_exam_id(exam_id):
        raise f.fail("exam_id", f"{_short(exam_id)} is not a safe exam name (letters, digits, - _ and single dots)")
    bp = f.mapping(data["blueprint"], "blueprint", required={"text"}, optional={"source"})
    bp_source = f.text(bp.get("source", source), "blueprint.source", limit=1000)
    try:
        blueprint = blueprint_from_text(f.text(bp["text"], "blueprint.text", limit=MAX_TEXT), bp_source)
    except BadBlueprint as exc:
        raise f.fail("blueprint.text", str(exc)) from None
    if blueprint.id != exam_id:
        raise f.fail("exam_id", f"{_short(exam_id)} differs from the blueprint's id {blueprint.id!r}")
    code_key = b""
    if not version_one:
        key_text = f.text(data["code_key"], "code_key", pattern=re.compile(rf"^[0-9a-f]{{{2 * KEY_BYTES}}}$"))
        code_key = bytes.fromhex(key_text)
    software = f.mapping(data.get("software", {}), "software", required=set(),
                         optional=set(data.get("software", {})) if isinstance(data.get("software"), dict) else set())
    for name, value in software.items():
        f.text(name, "software", limit=40)
        f.text(value, f"software.{name}", limit=100)
    latex = _digests(f, data, "latex_sha256", most=MAX_LATEX_FILES, limit=50, pattern=LATEX_FILE)
    files = _digests(f, data, "files_sha256", most=MAX_OUTPUT_FILES, limit=200, pattern=OUTPUT_FILE)
    versions = tuple(_version(f, v, f"versions[{i}]")
                     for i, v in enumerate(f.list(data["versions"], "versions", least=1, most=MAX_VERSIONS)))
    for label, values in (("version", [v.version for v in versions]), ("code", [v.code for v in versions])):
        if len(set(values)) != len(values):
            raise f.fail("versions", f"two versions share the {label} {_short(values[0])}")
    if not version_one:
        for i, v in enumerate(versions):
            if v.code != exam_code(exam_id, v.version, code_key):
                raise f.fail(f"versions[{i}].code", f"{v.code} is not this exam's code for version {v.version}")
    return ExamRecord(
        format=data["format"], exam_id=exam_id,
        title=f.text(data["title"], "title", empty=False), course=f.text(data["course"], "course"),
        master_seed=f.integer(data["master_seed"], "master_seed", lo=0, hi=MAX_SEED), code_key=code_key,
        blueprint=blueprint, software=dict(software), latex_sha256=dict(latex), versions=versions, source=source,
        files_sha256=dict(files),
    )


def _digests(f: _Fields, data: dict, field_name: str, *, most: int, limit: int, pattern: re.Pattern) -> dict[str, str]:
    """An optional map of file names (each matching `pattern`) to SHA-256 digests."""
    raw = data.get(field_name, {})
    digests = f.mapping(raw, field_name, required=set(), optional=set(raw) if isinstance(raw, dict) else set())
    if len(digests) > most:
        raise f.fail(field_name, f"more than {most} files")
    for name, digest in digests.items():
        f.text(name, field_name, limit=limit, pattern=pattern)
        f.text(digest, f"{field_name}.{name}", pattern=SHA256_PATTERN)
    return dict(digests)


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def read_record(path: Path) -> ExamRecord:
    """Load a manifest and check every field; BadRecord (one line, naming file and field) otherwise."""
    path = Path(path)
    try:
        with open_regular(path, max_bytes=MAX_RECORD_BYTES) as handle:
            raw = handle.read(MAX_RECORD_BYTES + 1)
    except FileNotFoundError:
        raise BadRecord(f"{path}: no such file") from None
    except NotAFile as exc:
        raise BadRecord(f"{path}: {exc}, not an exam record") from None
    except OSError as exc:
        raise BadRecord(f"{path}: cannot read ({exc.strerror})") from None
    try:
        data = json.loads(raw.decode("utf-8"), parse_constant=_refuse_constant)
    except UnicodeDecodeError:
        raise BadRecord(f"{path}: not UTF-8 text") from None
    except RecursionError:
        raise BadRecord(f"{path}: nested too deeply to be an exam record") from None
    except ValueError as exc:  # JSONDecodeError, NaN/Infinity, integers beyond Python's digit limit
        raise BadRecord(f"{path}: not a readable JSON exam record ({str(exc).splitlines()[0][:120]})") from None
    return record_from_dict(data, str(path))
