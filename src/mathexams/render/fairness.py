"""fairness.md: whether the versions of an exam are equally hard and equally unguessable.

Per slot of the blueprint: the template and its form (the same in every version, or the report
says so), the answer kind, and where the key sits among the options in each version; then a
per-version tally of key positions with a warning when one position holds most keys. For the
instructor's folder only (template ids are named). Reads `Exam` data only.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from ..kinds import kind_of
from ..model import OPTION_LETTERS, Answer, Exam, ExamItem
from . import RenderOptions, register


def _picked(answer: Answer) -> list[Answer]:
    """The answer, or its parts, that a student picks from options (choice, select-all, true/false)."""
    return [a for a in answer.parts or (answer,) if kind_of(a).key_positions(a) is not None]


def key_texts(answer: Answer) -> list[str]:
    """The key of each picked answer as the master key prints it: `(C)`, `(A), (D)`, `True`."""
    return [kind_of(a).key_latex(a, compact=True) for a in _picked(answer)]


def _single_positions(answer: Answer) -> list[str]:
    """The key letters of the picked answers with one key among three or more options (the ones a
    position tally is about)."""
    out = []
    for a in _picked(answer):
        where = kind_of(a).key_positions(a)
        if where is None:
            continue
        count, positions = where
        if count >= 3 and len(positions) == 1:
            out.append(OPTION_LETTERS[positions[0]])
    return out


def _by_slot(exam: Exam) -> dict[int, ExamItem]:
    return {item.slot: item for item in exam.items}


def unbalanced(tally: Counter) -> str | None:
    """Why a version's key positions look guessable, or None: one letter keys more than half of
    three or more choice items."""
    total = sum(tally.values())
    if total >= 3:
        letter, count = tally.most_common(1)[0]
        if 2 * count > total:
            return f"({letter}) is the key of {count} of {total} choice items"
    return None


def fairness_markdown(exams: Sequence[Exam]) -> str:
    """The report as Markdown (tables readable as plain text too)."""
    first = exams[0]
    lines = [f"# Fairness: {first.title}", "",
             f"{len(exams)} version(s): " + ", ".join(f"{e.version} (`{e.code}`)" for e in exams) + ".", "",
             "## Slots", "",
             "| slot | template | form | kind | " + " | ".join(f"key {e.version}" for e in exams) + " |",
             "|---|---|---|---|" + "---|" * len(exams)]
    slots = [_by_slot(e) for e in exams]
    warnings = []
    for slot in sorted(slots[0]):
        items = [s[slot] for s in slots]
        q = items[0].question
        forms = {(i.question.template_id, i.question.form) for i in items}
        if len(forms) > 1:
            warnings.append(f"slot {slot + 1}: versions draw different templates or forms ({len(forms)})")
        keys = ["; ".join(key_texts(i.question.answer)) or "–" for i in items]
        lines.append(f"| {slot + 1} | `{q.template_id}` | {q.form or '–'} | {q.answer.kind} | " + " | ".join(keys) + " |")
    letters = sorted({p for e in exams for i in e.items for p in _single_positions(i.question.answer)})
    lines += ["", "## Key positions of choice items, per version", ""]
    if not letters:
        lines.append("No choice items with three or more options.")
    else:
        lines += ["| version | " + " | ".join(f"({p})" for p in letters) + " | items |",
                  "|---|" + "---|" * (len(letters) + 1)]
        for exam in exams:
            tally = Counter(p for i in exam.items for p in _single_positions(i.question.answer))
            lines.append(f"| {exam.version} | " + " | ".join(str(tally.get(p, 0)) for p in letters)
                         + f" | {sum(tally.values())} |")
            why = unbalanced(tally)
            if why:
                warnings.append(f"version {exam.version}: {why}")
    lines += ["", "## Warnings", ""]
    lines += [f"- {w}" for w in warnings] or ["None: every slot draws the same template and form in every version, "
                                             "and no version's keys lean on one position."]
    return "\n".join(lines) + "\n"


@register("fairness", summary="fairness.md: per slot the form, answer kind and key position in every version")
def fairness_output(exams: Sequence[Exam], options: RenderOptions) -> dict[str, bytes]:
    return {"fairness.md": fairness_markdown(exams).encode("utf-8")}
