"""Mark responses against an exam record: one student's self-check, or a whole class from a CSV.

The typed exam record (`record.ExamRecord`, read from manifest.json) holds every version's
questions with their typed answers, so marking needs neither the bank nor a TeX engine. Questions are matched across versions by
blueprint slot, so item statistics compare like with like even though the order differs.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .judge import Verdict, check_answer
from .record import BadRecord, ExamRecord, RecordItem
from .safe_text import markdown_text, one_line, spreadsheet_cell


@dataclass(frozen=True)
class MarkedItem:
    item: RecordItem
    response: Any
    verdict: Verdict


def mark(items: Sequence[RecordItem], responses: dict[str, Any]) -> list[MarkedItem]:
    """Mark responses keyed by question number ('3'), or by part ('3a') for multi-part questions."""
    marked = []
    for item in items:
        key = str(item.number)
        if item.answer.parts:
            by_part = {label: responses.get(f"{key}{label}", "") for label in item.part_labels}
            response: Any = responses[key] if key in responses and not any(by_part.values()) else by_part
        else:
            response = responses.get(key, "")
        marked.append(MarkedItem(item, response, check_answer(item.answer, response)))
    return marked


def summary(marked: Sequence[MarkedItem]) -> dict[str, dict[str, tuple[float, float]]]:
    """Points earned and available, by track and by objective."""
    out: dict[str, dict[str, tuple[float, float]]] = {"track": {}, "objective": {}}
    for m in marked:
        for group, name in (("track", m.item.track), ("objective", m.item.objective)):
            earned, available = out[group].get(name, (0.0, 0.0))
            out[group][name] = (earned + m.verdict.points, available + m.verdict.max_points)
    return out


_PREFIX = re.compile(r"^\s*(?:q(?:uestion)?\s*)?(\d+)\s*([a-z])?\s*[:.)=]\s*(.*)$", re.IGNORECASE)


def parse_answer_lines(lines: Iterable[str], items: Sequence[RecordItem]) -> dict[str, str]:
    """Answers from a file: 'N: answer' / 'Na: answer' lines, or one answer per line in paper order
    (one line per part for multi-part questions)."""
    slots = [(str(i.number), label) for i in items for label in (i.part_labels or ("",))]
    answers: dict[str, str] = {}
    position = 0
    for line in lines:
        line = line.rstrip("\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        m = _PREFIX.match(line)
        if m:
            answers[m.group(1) + (m.group(2) or "").lower()] = m.group(3).strip()
            continue
        if position < len(slots):
            number, label = slots[position]
            answers[number + label] = line.strip()
        position += 1
    return answers


# ---------------------------------------------------------------- a class from a CSV


@dataclass
class ClassGrades:
    """Everything the grade command reports."""

    columns: list[str]                                   # question numbers as on the paper
    rows: list[dict[str, Any]] = field(default_factory=list)
    rejected: list[tuple[int, str]] = field(default_factory=list)   # (CSV line, reason), the first ones
    rejected_count: int = 0                                          # every row not read
    slot_scores: dict[int, list[tuple[float, float]]] = field(default_factory=lambda: defaultdict(list))
    slot_names: dict[int, str] = field(default_factory=dict)
    objective_scores: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))


MAX_STUDENTS = 20_000           # rows graded; further rows are reported, not read
MAX_FIELD_CHARS = 128 * 1024    # one cell (csv.field_size_limit); a longer one rejects its row
MAX_LINE_CHARS = 1024 * 1024    # one physical line, read in pieces so a huge line never sits in memory
MAX_REJECTIONS = 1000           # rows listed as not read; the rest are counted
MAX_CACHED_RESPONSE = 200       # responses longer than this are judged afresh, not remembered


def _bounded_lines(lines: Iterable[str], too_long: list[int]) -> Iterator[str]:
    """Lines of the responses file; a line longer than MAX_LINE_CHARS is replaced by an empty one
    and its number noted (the file object is read with readline(limit), never whole)."""
    readline = getattr(lines, "readline", None)
    number = 0
    if readline is None:
        yield from lines
        return
    while True:
        line = readline(MAX_LINE_CHARS + 1)
        if not line:
            return
        number += 1
        if len(line) > MAX_LINE_CHARS and not line.endswith("\n"):
            while line and not line.endswith("\n"):   # skip the rest of the line in pieces
                line = readline(MAX_LINE_CHARS)
            too_long.append(number)
            yield "\n"
            continue
        yield line


def _count_rows(reader: Iterator[list[str]]) -> int:
    """The non-empty rows left in a reader, counted without keeping them."""
    count = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return count
        except csv.Error:
            row = ["?"]
        count += any(cell.strip() for cell in row)


def _reject(grades: ClassGrades, line: int, reason: str) -> None:
    grades.rejected_count += 1
    if len(grades.rejected) < MAX_REJECTIONS:
        grades.rejected.append((line, reason))


def grade_class(record: ExamRecord, responses: Iterable[str]) -> ClassGrades:
    """Grade every readable row of a responses CSV (text, or an open file read line by line);
    unreadable rows are kept with the reason. Rows, cells and lines are capped, so a huge file
    costs time, not memory."""
    if isinstance(responses, str):
        responses = io.StringIO(responses)
    versions = {v.version: (v.code, list(v.items)) for v in record.versions}
    by_code = {code: (code, items) for code, items in versions.values()}
    first_items = next(iter(versions.values()))[1]
    grades = ClassGrades(columns=[str(i.number) for i in first_items])
    too_long: list[int] = []
    previous_limit = csv.field_size_limit(MAX_FIELD_CHARS)
    try:
        reader = csv.reader(_bounded_lines(responses, too_long))
        try:
            header = [h.strip() for h in next(reader)]
        except StopIteration:
            raise BadRecord("the responses file is empty") from None
        except csv.Error as exc:
            raise BadRecord(f"the responses header cannot be read ({exc})") from None
        lowered = [h.lower() for h in header]
        if "student" not in lowered or "version" not in lowered:
            raise BadRecord("the responses header needs 'student' and 'version' columns")
        student_col, version_col = lowered.index("student"), lowered.index("version")
        question_cols = {re.sub(r"^q", "", h.lower()): i for i, h in enumerate(header)
                         if i not in (student_col, version_col)}
        cache: dict[tuple[str, int, str], Verdict] = {}
        while True:
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                _reject(grades, reader.line_num, f"cannot be read ({one_line(exc)})")
                continue
            for number in too_long:
                _reject(grades, number, f"longer than {MAX_LINE_CHARS} characters")
            too_long.clear()
            line_number = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if len(grades.rows) >= MAX_STUDENTS:
                _reject(grades, line_number, f"more than {MAX_STUDENTS} students: this row and every later one "
                                             "were not read")
                grades.rejected_count += _count_rows(reader)
                break
            if len(row) != len(header):
                _reject(grades, line_number, f"{len(row)} fields, the header has {len(header)}")
                continue
            student, version = row[student_col].strip(), row[version_col].strip().upper()
            if not student:
                _reject(grades, line_number, "no student id")
                continue
            found = versions.get(version) or by_code.get(version)
            if found is None:
                _reject(grades, line_number, f"unknown version {one_line(row[version_col].strip(), 20)!r} "
                                             f"for {one_line(student, 40)}")
                continue
            grades.rows.append(_grade_row(grades, cache, student, found, question_cols, row))
        for number in too_long:
            _reject(grades, number, f"longer than {MAX_LINE_CHARS} characters")
    finally:
        csv.field_size_limit(previous_limit)
    return grades


def _grade_row(grades: ClassGrades, cache: dict[tuple[str, int, str], Verdict], student: str,
               found: tuple[str, list[RecordItem]], question_cols: dict[str, int], row: list[str]) -> dict[str, Any]:
    code, items = found
    responses = {key: row[col] for key, col in question_cols.items()}
    result: dict[str, Any] = {"student": student, "version": code.split("-")[0]}
    total = available = 0.0
    for item in items:
        key = str(item.number)
        raw = responses.get(key, "") if not item.part_labels else "|".join(
            responses.get(f"{key}{label}", "") for label in item.part_labels) + "|" + responses.get(key, "")
        cache_key = (code, item.number, raw)
        verdict = cache.get(cache_key) or mark([item], responses)[0].verdict
        if len(raw) <= MAX_CACHED_RESPONSE:
            cache[cache_key] = verdict
        result[key] = verdict.points
        total += verdict.points
        available += verdict.max_points
        grades.slot_scores[item.slot].append((verdict.points, verdict.max_points))
        grades.slot_names[item.slot] = item.template_id
        grades.objective_scores[item.objective].append(verdict.points / verdict.max_points)
    result["total"] = round(total, 4)
    result["percent"] = round(100 * total / available, 2) if available else 0.0
    return result


def _correlation(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    n = len(xs)
    if n < 3:
        return None
    mx, my = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    if sxx == 0 or syy == 0:
        return None
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / math.sqrt(sxx * syy)


def item_statistics(grades: ClassGrades) -> list[dict[str, Any]]:
    """Per blueprint slot: share of full marks (difficulty) and correlation with the rest of the test."""
    totals = [row["total"] for row in grades.rows]
    stats = []
    for slot in sorted(grades.slot_scores):
        scores = grades.slot_scores[slot]
        item = [earned for earned, _ in scores]
        rest = [t - e for t, e in zip(totals, item)]
        full = sum(1 for earned, available in scores if earned >= available - 1e-9)
        stats.append({
            "slot": slot, "template_id": grades.slot_names[slot], "students": len(scores),
            "difficulty": full / len(scores) if scores else 0.0,
            "discrimination": _correlation(item, rest),
        })
    return stats


def gradebook_csv(grades: ClassGrades) -> str:
    """The gradebook: one row per student, points per question (paper numbering), total, percent."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["student", "version", *[f"Q{c}" for c in grades.columns], "total", "percent"])
    for row in grades.rows:
        # a student id such as =HYPERLINK(...) must stay text in a spreadsheet
        writer.writerow([spreadsheet_cell(row["student"]), row["version"], *[f"{row.get(c, 0):g}" for c in grades.columns],
                         f"{row['total']:g}", f"{row['percent']:g}"])
    return out.getvalue()


def report_markdown(record: ExamRecord, grades: ClassGrades) -> str:
    """The class report: summary, item statistics, objective means, unreadable rows."""
    lines = [f"# Grades: {markdown_text(record.title)} (seed {record.master_seed})", ""]
    n = len(grades.rows)
    mean = sum(r["percent"] for r in grades.rows) / n if n else 0.0
    lines += [f"{n} student(s) graded, {grades.rejected_count} row(s) not read; mean {mean:.1f}%.", "",
              "## Questions (by blueprint slot; paper numbers differ between versions)", "",
              "| slot | template | students | share correct | discrimination |", "|---|---|---|---|---|"]
    for s in item_statistics(grades):
        disc = "n/a" if s["discrimination"] is None else f"{s['discrimination']:.2f}"
        lines.append(f"| {s['slot'] + 1} | `{s['template_id']}` | {s['students']} | {s['difficulty']:.2f} | {disc} |")
    lines += ["", "## Objectives", "", "| objective | mean score |", "|---|---|"]
    for objective, scores in sorted(grades.objective_scores.items()):
        lines.append(f"| {markdown_text(objective)} | {100 * sum(scores) / len(scores):.1f}% |")
    lines += ["", "## Rows not read", ""]
    lines += [f"- line {line}: {markdown_text(reason)}" for line, reason in grades.rejected] or ["None."]
    if grades.rejected_count > len(grades.rejected):
        lines.append(f"- and {grades.rejected_count - len(grades.rejected)} more")
    return "\n".join(lines) + "\n"


def write_grades(folder: Path, record: ExamRecord, grades: ClassGrades, *, force: bool = False) -> list[Path]:
    """Write gradebook.csv and report.md into `folder` (refusing to replace them without force)."""
    from .outdir import refuse_existing, write_text_atomically

    files = {folder / "gradebook.csv": gradebook_csv(grades), folder / "report.md": report_markdown(record, grades)}
    for path in files:
        refuse_existing(path, force)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for path, text in files.items():
            write_text_atomically(path, text, force=force)
    except (NotADirectoryError, FileExistsError, PermissionError) as exc:
        raise BadRecord(f"--out {folder}: cannot write there ({exc.strerror})") from None
    return list(files)
