"""Read a bank's course plan (`curriculum.yaml`): weeks, blocks, tracks, cells and reviews.

The engine knows no course: which weeks exist, which tracks a template may name, how a
template's cell is found and which blueprint is the review of a block all come from the
bank's own curriculum.yaml, read here into frozen data and checked field by field (errors name
the file and the field, on one line). Imports the errors and the YAML reader only.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import MathExamsError
from .yamlio import YamlError, read_yaml

CURRICULUM_FILE = "curriculum.yaml"
NAME = re.compile(r"^[a-z][a-z0-9_]*$")                   # tracks, areas, topics, id prefixes
BLOCK_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")     # '3-4'
BLUEPRINT_PATH = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_-]*(/[A-Za-z0-9_][A-Za-z0-9_.-]*)*\.yaml$")
MAX_WEEKS = 60
MAX_TEXT = 2000
TOP_FIELDS = {"course", "weeks", "blocks", "tracks", "difficulties", "cell_rules", "cells", "reviews", "final"}


class BadCurriculum(MathExamsError):
    """A curriculum.yaml that cannot describe a course plan; the message names file and field."""


@dataclass(frozen=True)
class Block:
    """Consecutive weeks taught together; a template's weeks lie in one block."""

    id: str
    weeks: tuple[int, ...]
    title: str


@dataclass(frozen=True)
class Track:
    """A strand of the course; its templates' ids start with `prefix`."""

    name: str
    prefix: str
    title: str
    blocks: tuple[str, ...]


@dataclass(frozen=True)
class Cell:
    """One block of one area, '3-4/calculus', with what it teaches."""

    id: str
    title: str
    objectives: tuple[str, ...]


@dataclass(frozen=True)
class CellRule:
    """Templates of `track` (in `blocks`, with a topic in `topics`, when given) belong to `area`."""

    track: str
    area: str
    blocks: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()

    def matches(self, track: str, block: str, topic: str) -> bool:
        return (track == self.track and (not self.blocks or block in self.blocks)
                and (not self.topics or topic in self.topics))


@dataclass(frozen=True)
class Curriculum:
    """A course plan, read from `source` (the bank folder's curriculum.yaml)."""

    course: str
    weeks: int
    blocks: tuple[Block, ...]
    tracks: Mapping[str, Track]
    difficulties: Mapping[str, float]       # level -> default points
    cell_rules: tuple[CellRule, ...]
    cells: Mapping[str, Cell]
    reviews: Mapping[str, str]              # block id -> blueprint path, relative to the bank folder
    final: str                              # blueprint path of the final exam ('' when there is none)
    source: str

    @property
    def folder(self) -> Path:
        return Path(self.source).parent

    def block_of(self, weeks: Iterable[int]) -> Block | None:
        """The block holding every one of the weeks, or None when they span blocks."""
        wanted = set(weeks)
        return next((b for b in self.blocks if wanted and wanted <= set(b.weeks)), None)

    def cell_of(self, template_id: str, track: str, weeks: Iterable[int]) -> str:
        """The cell of a template, '<block>/<area>' by the first matching rule (else the track)."""
        block = self.block_of(weeks)
        block_id = block.id if block else ""
        parts = template_id.split(".")
        topic = parts[1] if len(parts) > 1 else ""
        area = next((r.area for r in self.cell_rules if r.matches(track, block_id, topic)), track)
        return f"{block_id}/{area}"

    def template_problem(self, template_id: str, track: str, weeks: list[int]) -> tuple[str, str] | None:
        """(field, reason) when a template's id, track or weeks do not fit the plan, else None."""
        if track not in self.tracks:
            return "track", f"{track!r} is not one of {', '.join(self.tracks)} ({self.source})"
        prefix = self.tracks[track].prefix
        if template_id.split(".")[0] != prefix:
            return "id", f"{template_id} should start with {prefix}. for track {track}"
        if not all(1 <= w <= self.weeks for w in weeks):
            return "weeks", f"must be a list of week numbers 1-{self.weeks}"
        block = self.block_of(weeks)
        if block is None:
            return "weeks", f"{weeks} spans several blocks of {', '.join(b.id for b in self.blocks)}"
        allowed = self.tracks[track].blocks
        if block.id not in allowed:
            others = ", ".join(t.name for t in self.tracks.values() if block.id in t.blocks) or "no track"
            return "weeks", (f"track {track} has no weeks {block.id} (it runs in {', '.join(allowed)}); "
                             f"weeks {block.id} templates use track {others}")
        cell = self.cell_of(template_id, track, weeks)
        if cell not in self.cells:
            return "weeks", f"its cell {cell} is not among the cells of {self.source}"
        return None

    def review_blueprint(self, wanted: str) -> Path:
        """The blueprint of the review of a block, named by its id ('3-4') or by one of its weeks ('4')."""
        text = wanted.strip()
        block = next((b for b in self.blocks if b.id == text), None)
        if block is None and text.isdigit():
            block = self.block_of([int(text)])
        if block is None or block.id not in self.reviews:
            raise MathExamsError(f"--weeks {wanted!r}: the course plan has reviews after weeks "
                                 f"{', '.join(self.reviews)} ({self.source})")
        return self.folder / self.reviews[block.id]

    def final_blueprint(self) -> Path:
        """The blueprint of the final exam."""
        if not self.final:
            raise MathExamsError(f"the course plan names no final exam ({self.source})")
        return self.folder / self.final

    def blueprints(self) -> dict[str, Path]:
        """Every blueprint the plan names, by block id (and 'final')."""
        named = {block: self.folder / path for block, path in self.reviews.items()}
        if self.final:
            named["final"] = self.folder / self.final
        return named


# ---------------------------------------------------------------- reading and checking


class _Reader:
    """Typed getters that raise BadCurriculum naming the file and the field."""

    def __init__(self, source: str):
        self.source = source

    def fail(self, where: str, reason: str) -> BadCurriculum:
        return BadCurriculum(f"{self.source}: {where}: {reason}")

    def mapping(self, value: Any, where: str, *, required: AbstractSet[str] = frozenset(),
                allowed: AbstractSet[str] | None = None) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(where, "must be a mapping")
        for key in value:
            if not isinstance(key, str):
                raise self.fail(where, f"{key!r}: names must be text")
            if allowed is not None and key not in allowed:
                raise self.fail(f"{where}.{key}", f"unknown field (allowed: {', '.join(sorted(allowed))})")
        missing = sorted(required - set(value))
        if missing:
            raise self.fail(f"{where}.{missing[0]}", "is required")
        return value

    def text(self, value: Any, where: str) -> str:
        if not isinstance(value, str) or not value.strip():
            raise self.fail(where, "must be non-empty text")
        if len(value) > MAX_TEXT:
            raise self.fail(where, f"longer than {MAX_TEXT} characters")
        return " ".join(value.split())

    def name(self, value: Any, where: str, pattern: re.Pattern[str] = NAME) -> str:
        if not isinstance(value, str) or not pattern.match(value):
            raise self.fail(where, f"{value!r} is not a name of lower-case letters, digits and _")
        return value

    def names(self, value: Any, where: str, known: Iterable[str] | None = None,
              pattern: re.Pattern[str] = NAME) -> tuple[str, ...]:
        if not isinstance(value, list) or not value:
            raise self.fail(where, "must be a non-empty list")
        out = tuple(value)
        known = list(known) if known is not None else None
        for i, v in enumerate(out):
            if known is not None:
                if v not in known:
                    raise self.fail(f"{where}[{i}]", f"{v!r} is not one of {', '.join(known)}")
            else:
                self.name(v, f"{where}[{i}]", pattern)
        return out

    def blueprint(self, value: Any, where: str, folder: Path) -> str:
        if not isinstance(value, str) or not BLUEPRINT_PATH.match(value) or ".." in value.split("/"):
            raise self.fail(where, f"{value!r} is not a .yaml path inside the bank folder")
        if not (folder / value).resolve().is_relative_to(folder.resolve()):
            raise self.fail(where, f"{value!r} leads out of the bank folder")
        return value


def _blocks(r: _Reader, data: Any, weeks: int) -> tuple[Block, ...]:
    if not isinstance(data, list) or not data:
        raise r.fail("blocks", "must list at least one block")
    blocks: list[Block] = []
    taken: set[int] = set()
    for i, item in enumerate(data):
        where = f"blocks[{i}]"
        item = r.mapping(item, where, required={"id", "weeks", "title"}, allowed={"id", "weeks", "title"})
        block_id = r.name(item["id"], f"{where}.id", BLOCK_ID)
        numbers = item["weeks"]
        if (not isinstance(numbers, list) or not numbers
                or not all(isinstance(w, int) and not isinstance(w, bool) and 1 <= w <= weeks for w in numbers)):
            raise r.fail(f"{where}.weeks", f"must list week numbers 1-{weeks}")
        if set(numbers) & taken:
            raise r.fail(f"{where}.weeks", f"week {min(set(numbers) & taken)} is already in another block")
        if block_id in {b.id for b in blocks}:
            raise r.fail(f"{where}.id", f"{block_id} is already a block")
        taken |= set(numbers)
        blocks.append(Block(block_id, tuple(sorted(numbers)), r.text(item["title"], f"{where}.title")))
    return tuple(blocks)


def _tracks(r: _Reader, data: Any, block_ids: list[str]) -> dict[str, Track]:
    data = r.mapping(data, "tracks")
    if not data:
        raise r.fail("tracks", "must name at least one track")
    tracks: dict[str, Track] = {}
    for name, item in data.items():
        where = f"tracks.{name}"
        r.name(name, where)
        item = r.mapping(item, where, required={"prefix", "title", "blocks"}, allowed={"prefix", "title", "blocks"})
        prefix = r.name(item["prefix"], f"{where}.prefix")
        if prefix in {t.prefix for t in tracks.values()}:
            raise r.fail(f"{where}.prefix", f"{prefix} is already the prefix of another track")
        tracks[name] = Track(name, prefix, r.text(item["title"], f"{where}.title"),
                             r.names(item["blocks"], f"{where}.blocks", block_ids))
    return tracks


def _difficulties(r: _Reader, data: Any) -> dict[str, float]:
    data = r.mapping(data, "difficulties")
    if not data:
        raise r.fail("difficulties", "must name at least one level")
    out = {}
    for level, points in data.items():
        r.name(level, f"difficulties.{level}", BLOCK_ID)
        if isinstance(points, bool) or not isinstance(points, (int, float)) or not 0 < points <= 100:
            raise r.fail(f"difficulties.{level}", "must be the default points, a number in (0, 100]")
        out[level] = points
    return out


def _rules(r: _Reader, data: Any, tracks: Mapping[str, Track], block_ids: list[str]) -> tuple[CellRule, ...]:
    if data is None:
        return ()
    if not isinstance(data, list):
        raise r.fail("cell_rules", "must be a list of {track, area, blocks?, topics?}")
    rules = []
    for i, item in enumerate(data):
        where = f"cell_rules[{i}]"
        item = r.mapping(item, where, required={"track", "area"}, allowed={"track", "area", "blocks", "topics"})
        if item["track"] not in tracks:
            raise r.fail(f"{where}.track", f"{item['track']!r} is not one of {', '.join(tracks)}")
        blocks = item.get("blocks")
        rules.append(CellRule(
            track=item["track"], area=r.name(item["area"], f"{where}.area"),
            blocks=r.names(blocks, f"{where}.blocks", block_ids) if blocks is not None else (),
            topics=r.names(item["topics"], f"{where}.topics") if "topics" in item else (),
        ))
    return tuple(rules)


def _cells(r: _Reader, data: Any, block_ids: list[str]) -> dict[str, Cell]:
    data = r.mapping(data, "cells")
    cells = {}
    for cell_id, item in data.items():
        where = f"cells.{cell_id}"
        block, _, area = str(cell_id).partition("/")
        if block not in block_ids or not NAME.match(area):
            raise r.fail(where, f"a cell is <block>/<area> with a block of {', '.join(block_ids)}")
        item = r.mapping(item, where, required={"title", "objectives"}, allowed={"title", "objectives"})
        objectives = item["objectives"]
        if not isinstance(objectives, list) or not objectives:
            raise r.fail(f"{where}.objectives", "must list at least one objective")
        cells[cell_id] = Cell(cell_id, r.text(item["title"], f"{where}.title"),
                              tuple(r.text(o, f"{where}.objectives[{i}]") for i, o in enumerate(objectives)))
    return cells


def curriculum_from_data(data: Any, source: str) -> Curriculum:
    """Check parsed curriculum data and return the course plan; BadCurriculum names the first bad field."""
    r = _Reader(source)
    data = r.mapping(data, "file", required={"course", "weeks", "blocks", "tracks", "difficulties", "cells"},
                     allowed=TOP_FIELDS)
    weeks = data["weeks"]
    if isinstance(weeks, bool) or not isinstance(weeks, int) or not 1 <= weeks <= MAX_WEEKS:
        raise r.fail("weeks", f"must be the number of weeks, 1..{MAX_WEEKS}")
    blocks = _blocks(r, data["blocks"], weeks)
    block_ids = [b.id for b in blocks]
    tracks = _tracks(r, data["tracks"], block_ids)
    folder = Path(source).parent
    reviews = r.mapping(data.get("reviews") or {}, "reviews")
    for block, path in reviews.items():
        if block not in block_ids:
            raise r.fail(f"reviews.{block}", f"not a block ({', '.join(block_ids)})")
        r.blueprint(path, f"reviews.{block}", folder)
    final = r.blueprint(data["final"], "final", folder) if data.get("final") is not None else ""
    return Curriculum(
        course=r.text(data["course"], "course"), weeks=weeks, blocks=blocks, tracks=tracks,
        difficulties=_difficulties(r, data["difficulties"]), cell_rules=_rules(r, data.get("cell_rules"), tracks,
                                                                              block_ids),
        cells=_cells(r, data["cells"], block_ids), reviews=dict(reviews), final=final, source=source,
    )


def read_curriculum(path: Path) -> Curriculum:
    """Read and check one curriculum.yaml."""
    try:
        data = read_yaml(Path(path))
    except YamlError as exc:
        raise BadCurriculum(f"{path}: yaml: {exc}") from None
    return curriculum_from_data(data, str(path))
