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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Sequence

from .judge import Verdict, check_answer
from .record import BadRecord, ExamRecord, RecordItem


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
    rejected: list[tuple[int, str]] = field(default_factory=list)   # (CSV line, reason)
    slot_scores: dict[int, list[tuple[float, float]]] = field(default_factory=lambda: defaultdict(list))
    slot_names: dict[int, str] = field(default_factory=dict)
    objective_scores: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))


def grade_class(record: ExamRecord, csv_text: str) -> ClassGrades:
    """Grade every readable row of a responses CSV; unreadable rows are kept with the reason."""
    versions = {v.version: (v.code, list(v.items)) for v in record.versions}
    by_code = {code: (code, items) for code, items in versions.values()}
    first_items = next(iter(versions.values()))[1]
    grades = ClassGrades(columns=[str(i.number) for i in first_items])
    reader = csv.reader(io.StringIO(csv_text))
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        raise BadRecord("the responses file is empty") from None
    lowered = [h.lower() for h in header]
    if "student" not in lowered or "version" not in lowered:
        raise BadRecord("the responses header needs 'student' and 'version' columns")
    student_col, version_col = lowered.index("student"), lowered.index("version")
    question_cols = {re.sub(r"^q", "", h.lower()): i for i, h in enumerate(header)
                     if i not in (student_col, version_col)}
    cache: dict[tuple[str, int, str], Verdict] = {}
    for line_number, row in enumerate(reader, start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            grades.rejected.append((line_number, f"{len(row)} fields, the header has {len(header)}"))
            continue
        student, version = row[student_col].strip(), row[version_col].strip().upper()
        if not student:
            grades.rejected.append((line_number, "no student id"))
            continue
        found = versions.get(version) or by_code.get(version)
        if found is None:
            grades.rejected.append((line_number, f"unknown version {row[version_col].strip()!r} for {student}"))
            continue
        code, items = found
        responses = {key: row[col] for key, col in question_cols.items()}
        result: dict[str, Any] = {"student": student, "version": code.split("-")[0]}
        total = available = 0.0
        for item in items:
            key = str(item.number)
            raw = responses.get(key, "") if not item.part_labels else "|".join(
                responses.get(f"{key}{label}", "") for label in item.part_labels) + "|" + responses.get(key, "")
            cache_key = (code, item.number, raw)
            if cache_key not in cache:
                cache[cache_key] = mark([item], responses)[0].verdict
            verdict = cache[cache_key]
            result[key] = verdict.points
            total += verdict.points
            available += verdict.max_points
            grades.slot_scores[item.slot].append((verdict.points, verdict.max_points))
            grades.slot_names[item.slot] = item.template_id
            grades.objective_scores[item.objective].append(verdict.points / verdict.max_points)
        result["total"] = round(total, 4)
        result["percent"] = round(100 * total / available, 2) if available else 0.0
        grades.rows.append(result)
    return grades


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
        writer.writerow([row["student"], row["version"], *[f"{row.get(c, 0):g}" for c in grades.columns],
                         f"{row['total']:g}", f"{row['percent']:g}"])
    return out.getvalue()


def report_markdown(record: ExamRecord, grades: ClassGrades) -> str:
    """The class report: summary, item statistics, objective means, unreadable rows."""
    lines = [f"# Grades: {record.title} (seed {record.master_seed})", ""]
    n = len(grades.rows)
    mean = sum(r["percent"] for r in grades.rows) / n if n else 0.0
    lines += [f"{n} student(s) graded, {len(grades.rejected)} row(s) not read; mean {mean:.1f}%.", "",
              "## Questions (by blueprint slot; paper numbers differ between versions)", "",
              "| slot | template | students | share correct | discrimination |", "|---|---|---|---|---|"]
    for s in item_statistics(grades):
        disc = "n/a" if s["discrimination"] is None else f"{s['discrimination']:.2f}"
        lines.append(f"| {s['slot'] + 1} | `{s['template_id']}` | {s['students']} | {s['difficulty']:.2f} | {disc} |")
    lines += ["", "## Objectives", "", "| objective | mean score |", "|---|---|"]
    for objective, scores in sorted(grades.objective_scores.items()):
        lines.append(f"| {objective} | {100 * sum(scores) / len(scores):.1f}% |")
    lines += ["", "## Rows not read", ""]
    lines += [f"- line {line}: {reason}" for line, reason in grades.rejected] or ["None."]
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
