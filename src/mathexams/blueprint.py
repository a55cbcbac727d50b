"""Load and validate blueprint YAML: what an exam contains, slot by slot."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, TypeGuard

from .bank import DEFAULT_BANK
from .curriculum import Curriculum
from .errors import BadBlueprint
from .kinds import kind_names
from .model import CALCULATOR_POLICIES, Blueprint, KindLimit, Section, Slot
from .yamlio import YamlError, parse_yaml, read_text

BLUEPRINT_DIR = DEFAULT_BANK / "blueprints"
TOP_FIELDS = {"id", "title", "course", "minutes", "instructions", "sections", "description", "limits", "calculator",
              "work_minutes", "follows", "formula_sheet"}
SECTION_FIELDS = {"title", "slots", "order", "instructions"}
SLOT_FIELDS = {"ids", "cells", "weeks", "tracks", "difficulties", "kinds", "objective", "points", "count"}
MAX_TEXT = 2000


EXAM_ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)*$")
MAX_EXAM_ID = 64
MAX_ITEMS = 200      # questions in one exam, all slots' counts added up


def safe_exam_id(value: Any) -> TypeGuard[str]:
    """Whether `value` can name an exam and its output folder: letters, digits, '-', '_' and
    single dots between them, at most 64 characters (no '..', no '/', nothing hidden)."""
    return isinstance(value, str) and len(value) <= MAX_EXAM_ID and EXAM_ID_PATTERN.match(value) is not None


def _short(value: Any, limit: int = 40) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _fail(path: Path, where: str, reason: str) -> BadBlueprint:
    return BadBlueprint(f"{path}: {where}: {reason}")


def _text(path: Path, where: str, value: Any, *, required: bool = True) -> str:
    if value is None and not required:
        return ""
    if not isinstance(value, str) or (required and not value.strip()):
        raise _fail(path, where, "must be non-empty text")
    if len(value) > MAX_TEXT:
        raise _fail(path, where, f"longer than {MAX_TEXT} characters")
    return value.strip()


def _list(path: Path, where: str, value: Any, item_type: type) -> tuple:
    if value is None:
        return ()
    if not isinstance(value, list):
        value = [value]
    if not all(isinstance(v, item_type) and not isinstance(v, bool) for v in value):
        raise _fail(path, where, f"must be a list of {item_type.__name__} values")
    return tuple(value)


def _slot(path: Path, where: str, data: Any) -> Slot:
    if not isinstance(data, dict):
        raise _fail(path, where, "must be a mapping")
    unknown = sorted(set(map(str, data)) - SLOT_FIELDS)
    if unknown:
        raise _fail(path, f"{where}.{unknown[0]}", f"unknown field (allowed: {', '.join(sorted(SLOT_FIELDS))})")
    slot = Slot(
        ids=_list(path, f"{where}.ids", data.get("ids"), str),
        cells=_list(path, f"{where}.cells", data.get("cells"), str),
        weeks=_list(path, f"{where}.weeks", data.get("weeks"), int),
        tracks=_list(path, f"{where}.tracks", data.get("tracks"), str),
        difficulties=_list(path, f"{where}.difficulties", data.get("difficulties"), str),
        kinds=_list(path, f"{where}.kinds", data.get("kinds"), str),
        objective=_text(path, f"{where}.objective", data.get("objective"), required=False),
        points=data.get("points"),
        count=data.get("count", 1),
    )
    if not (slot.ids or slot.cells or slot.weeks or slot.tracks):
        raise _fail(path, where, "needs ids, cells, weeks or tracks to choose templates from")
    bad = [v for v in slot.kinds if v not in kind_names()]
    if bad:
        raise _fail(path, f"{where}.kinds", f"{bad[0]!r} is not one of {', '.join(kind_names())}")
    if slot.points is not None and (isinstance(slot.points, bool) or not isinstance(slot.points, (int, float))
                                    or not 0 < slot.points <= 100):
        raise _fail(path, f"{where}.points", "must be a number in (0, 100]")
    if isinstance(slot.count, bool) or not isinstance(slot.count, int) or not 1 <= slot.count <= 50:
        raise _fail(path, f"{where}.count", "must be an integer 1..50")
    return slot


def parse_blueprint(text: str, path: Path, data: Any, *, course: str = "") -> Blueprint:
    """Validate parsed blueprint data; `text` is kept verbatim for the exam record, `course` is
    printed when the blueprint names none."""
    if not isinstance(data, dict):
        raise _fail(path, "file", "must be a YAML mapping")
    unknown = sorted(set(map(str, data)) - TOP_FIELDS)
    if unknown:
        raise _fail(path, unknown[0], f"unknown field (allowed: {', '.join(sorted(TOP_FIELDS))})")
    bid = data.get("id")
    if not safe_exam_id(bid):
        raise _fail(path, "id", "must be a short name (at most 64) of letters, digits, '-', '_' and single dots "
                                "between them; it names the output folder")
    minutes = data.get("minutes", 50)
    if isinstance(minutes, bool) or not isinstance(minutes, int) or not 1 <= minutes <= 600:
        raise _fail(path, "minutes", "must be an integer 1..600")
    sections_data = data.get("sections")
    if not isinstance(sections_data, list) or not sections_data:
        raise _fail(path, "sections", "must list at least one section")
    sections = []
    for i, sec in enumerate(sections_data):
        where = f"sections[{i}]"
        if not isinstance(sec, dict):
            raise _fail(path, where, "must be a mapping")
        unknown = sorted(set(map(str, sec)) - SECTION_FIELDS)
        if unknown:
            raise _fail(path, f"{where}.{unknown[0]}", f"unknown field (allowed: {', '.join(sorted(SECTION_FIELDS))})")
        slots = sec.get("slots")
        if not isinstance(slots, list) or not slots:
            raise _fail(path, f"{where}.slots", "must list at least one slot")
        order = sec.get("order", "interleave")
        if order not in ("interleave", "shuffle", "fixed"):
            raise _fail(path, f"{where}.order", "must be interleave, shuffle or fixed")
        sections.append(Section(
            title=_text(path, f"{where}.title", sec.get("title")),
            slots=tuple(_slot(path, f"{where}.slots[{j}]", s) for j, s in enumerate(slots)),
            order=order,
            instructions=_text(path, f"{where}.instructions", sec.get("instructions"), required=False),
        ))
    total = sum(slot.count for section in sections for slot in section.slots)
    if total > MAX_ITEMS:
        raise _fail(path, "sections", f"asks for {total} questions; an exam holds at most {MAX_ITEMS}")
    limits = []
    limits_data = data.get("limits") or []
    if not isinstance(limits_data, list):
        raise _fail(path, "limits", "must be a list of {kinds: [...], most: N}")
    for i, item in enumerate(limits_data):
        where = f"limits[{i}]"
        if not isinstance(item, dict) or set(map(str, item)) != {"kinds", "most"}:
            raise _fail(path, where, "must be a mapping with kinds and most")
        kinds = _list(path, f"{where}.kinds", item["kinds"], str)
        bad = [k for k in kinds if k not in kind_names()]
        if bad or not kinds:
            raise _fail(path, f"{where}.kinds", f"{(bad or [''])[0]!r} is not one of {', '.join(kind_names())}")
        most = item["most"]
        if isinstance(most, bool) or not isinstance(most, int) or most < 0:
            raise _fail(path, f"{where}.most", "must be a whole number >= 0")
        limits.append(KindLimit(kinds, most))
    calculator = data.get("calculator", "per-question")
    if calculator not in CALCULATOR_POLICIES:
        raise _fail(path, "calculator", f"{_short(calculator)} is not one of {', '.join(CALCULATOR_POLICIES)}")
    work = data.get("work_minutes")
    if work is not None:
        if (not isinstance(work, list) or len(work) != 2
                or not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in work)
                or not 0 < work[0] <= work[1] <= 600):
            raise _fail(path, "work_minutes", "must be [least, most] minutes, 0 < least <= most <= 600")
        work = (float(work[0]), float(work[1]))
    follows = data.get("follows", "")
    if follows and (not safe_exam_id(follows) or follows == bid):
        raise _fail(path, "follows", "must name another blueprint by its id (the review before this one)")
    formula_sheet = data.get("formula_sheet", False)
    if not isinstance(formula_sheet, bool):
        raise _fail(path, "formula_sheet", "must be true or false")
    return Blueprint(
        id=bid, title=_text(path, "title", data.get("title")),
        course=_text(path, "course", data["course"]) if "course" in data else course,
        minutes=minutes, instructions=_text(path, "instructions", data.get("instructions"), required=False),
        sections=tuple(sections), text=text, source=str(path), limits=tuple(limits), calculator=calculator,
        work_minutes=work, follows=follows, formula_sheet=formula_sheet,
    )


def load_blueprint(path: Path, curriculum: Curriculum | None = None) -> Blueprint:
    """Read and validate one blueprint file (against a course plan, when given)."""
    path = Path(path)
    try:
        text = read_text(path)
        data = parse_yaml(text)
    except YamlError as exc:
        raise _fail(path, "yaml", str(exc)) from None
    blueprint = parse_blueprint(text, path, data, course=curriculum.course if curriculum else "")
    if curriculum is not None:
        check_blueprint(blueprint, curriculum)
    return blueprint


def check_blueprint(blueprint: Blueprint, curriculum: Curriculum) -> None:
    """Refuse slots naming tracks, weeks, cells or difficulties the course plan does not have."""
    path = Path(blueprint.source)
    known = {"tracks": list(curriculum.tracks), "cells": list(curriculum.cells),
             "difficulties": list(curriculum.difficulties)}
    for si, section in enumerate(blueprint.sections):
        for k, slot in enumerate(section.slots):
            where = f"sections[{si}].slots[{k}]"
            for name, allowed in known.items():
                bad = [v for v in getattr(slot, name) if v not in allowed]
                if bad:
                    raise _fail(path, f"{where}.{name}", f"{bad[0]!r} is not one of {', '.join(allowed)} "
                                                        f"({curriculum.source})")
            if any(not 1 <= w <= curriculum.weeks for w in slot.weeks):
                raise _fail(path, f"{where}.weeks", f"weeks are 1-{curriculum.weeks}")


def blueprint_from_text(text: str, source: str) -> Blueprint:
    """Rebuild a blueprint from the YAML text stored in an exam record."""
    try:
        data = parse_yaml(text)
    except YamlError as exc:
        raise BadBlueprint(f"{source}: blueprint: {exc}") from None
    return parse_blueprint(text, Path(source), data)


def previous_blueprint(blueprint: Blueprint, curriculum: Curriculum | None = None) -> Blueprint | None:
    """The blueprint a review `follows` (a file named after its id beside this one), or None."""
    if not blueprint.follows:
        return None
    path = Path(blueprint.source).parent / f"{blueprint.follows}.yaml"
    if not path.is_file():
        raise BadBlueprint(f"{blueprint.source}: follows: no blueprint {blueprint.follows!r} beside it ({path.name})")
    previous = load_blueprint(path, curriculum)
    if previous.id != blueprint.follows:
        raise BadBlueprint(f"{path}: id: {previous.id!r}, but {blueprint.source} follows {blueprint.follows!r}")
    return previous


def shipped_blueprint(name: str) -> Path:
    """Path of a blueprint shipped with the bank, e.g. 'review-03-04' or 'final'."""
    path = BLUEPRINT_DIR / f"{name}.yaml"
    if not path.is_file():
        available = ", ".join(sorted(p.stem for p in BLUEPRINT_DIR.glob("*.yaml")))
        raise BadBlueprint(f"no shipped blueprint {name!r} (available: {available})")
    return path
