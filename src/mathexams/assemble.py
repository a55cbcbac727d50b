"""Blueprint + master seed + version -> Exam.

Which template fills each slot is decided once per exam from the master seed, so all
versions are parallel forms; each version then samples its own numbers (seeds derived from
the question's identity), its own order within sections and its own choice order.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from collections.abc import Set as AbstractSet

from .bank import Bank, Form, Template
from .blueprint import check_blueprint, previous_blueprint
from .codes import exam_code
from .errors import BadBlueprint
from .model import Answer, Blueprint, Exam, ExamItem, ExamSection, Question, Slot
from .sampler import compiled, sample_question
from .seeds import Rng, derive_seed, question_seed
from .workers import worker_pool

MAX_VERSIONS = 60
MAX_KEY_RETRIES = 20
MAX_TRIES = 1000          # draws of template and form choices to fit the kind limits and working time
ORDER_TRIES = 50
PARALLEL_MIN_JOBS = 12


@dataclasses.dataclass(frozen=True)
class Placement:
    """A template chosen for one slot position, in one of its forms: section, slot index across the
    blueprint, points."""

    section: int
    slot: int
    template: Template
    points: float
    form: Form


def version_label(index: int) -> str:
    """A, B, ..., Z, AA, AB, ..."""
    label = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        label = chr(65 + rem) + label
    return label


def _matches(t: Template, slot: Slot) -> bool:
    """Whether a template fits a slot's metadata (its forms are filtered by `_fitting_forms`)."""
    if slot.ids:
        return t.id in slot.ids
    return ((not slot.cells or t.cell in slot.cells) and (not slot.weeks or bool(set(t.weeks) & set(slot.weeks)))
            and (not slot.tracks or t.track in slot.tracks)
            and (not slot.kinds or t.answer_kind in slot.kinds)
            and (not slot.objective or slot.objective.lower() in t.objective.lower()))


def _fitting_forms(t: Template, slot: Slot, calculator: str) -> list[Form]:
    """The template's forms a slot may draw: of a level the slot asks for, and without a calculator
    when the exam allows none."""
    return [f for f in t.variants
            if (not slot.difficulties or f.difficulty in slot.difficulties)
            and (calculator != "none" or not f.calculator)]


def _describe(slot: Slot) -> str:
    parts = []
    for name in ("ids", "cells", "weeks", "tracks", "difficulties", "kinds"):
        value = getattr(slot, name)
        if value:
            parts.append(f"{name}={','.join(map(str, value))}")
    if slot.objective:
        parts.append(f"objective~{slot.objective!r}")
    return " ".join(parts)


def _why_short(blueprint: Blueprint, bank: Bank, slot: Slot, exclude: set[str]) -> str:
    """Why a slot's pool is small: how many templates the calculator policy and earlier reviews removed."""
    matching = [t for t in bank if _matches(t, slot) and _fitting_forms(t, slot, "allowed")]
    notes = []
    if blueprint.calculator == "none":
        calculator_only = [t for t in matching if not _fitting_forms(t, slot, "none")]
        if calculator_only:
            notes.append(f"{len(calculator_only)} need a calculator (the blueprint says calculator: none)")
    reused = [t for t in matching if t.id in exclude]
    if reused:
        notes.append(f"{len(reused)} were used by the review before ({blueprint.follows or 'the --after exam'})")
    return f" ({'; '.join(notes)})" if notes else ""


class _Unlucky(BadBlueprint):
    """One draw of template choices ran out of room (other slots or kind limits took what a slot
    needed); another draw may fit."""


def choose_templates(blueprint: Blueprint, bank: Bank, master_seed: int, *,
                     exclude: AbstractSet[str] = frozenset()) -> list[Placement]:
    """Fill every slot with distinct templates and one form each; same for all versions.

    Templates in `exclude` (those of the review before) are never drawn. When a draw runs out of
    room (the answer-kind limits, or templates other slots took) or misses the blueprint's
    working-time bounds (`work_minutes`), the choices are redrawn, deterministically from the
    master seed and the try number; the first try is the one exams were always built with.
    """
    check_blueprint(blueprint, bank.curriculum)
    fitting = _pools(blueprint, bank, set(exclude))
    closest: float | None = None
    last: _Unlucky | None = None
    for attempt in range(MAX_TRIES):
        try:
            placements = _choose_once(blueprint, fitting, master_seed, attempt)
        except _Unlucky as exc:
            last = exc
            continue
        if blueprint.work_minutes is None:
            return placements
        estimate = sum(p.form.minutes for p in placements)
        least, most = blueprint.work_minutes
        if least <= estimate <= most:
            return placements
        if closest is None or _distance(estimate, least, most) < _distance(closest, least, most):
            closest = estimate
    if closest is None and last is not None:
        raise BadBlueprint(f"{last} (in {MAX_TRIES} draws)")
    least, most = blueprint.work_minutes or (0.0, 0.0)
    raise BadBlueprint(f"{blueprint.source}: work_minutes: no choice of templates and forms in {MAX_TRIES} "
                       f"tries takes {least:g}-{most:g} minutes of work (closest: {closest:g}); widen the range "
                       f"or change the slots")


def _distance(value: float, least: float, most: float) -> float:
    return max(least - value, value - most, 0.0)


@dataclasses.dataclass(frozen=True)
class _Pools:
    """What each slot may draw, worked out once for all tries: its templates and their fitting forms."""

    slots: list[tuple[int, int, Slot]]
    forms: dict[tuple[int, int], dict[str, list[Form]]]
    pools: dict[tuple[int, int], list[Template]]


def _pools(blueprint: Blueprint, bank: Bank, exclude: set[str]) -> _Pools:
    """Each slot's pool; a slot that no draw can fill is an error naming it and why."""
    slots = [(si, k, slot) for si, section in enumerate(blueprint.sections) for k, slot in enumerate(section.slots)]
    for si, k, slot in slots:
        missing = [i for i in slot.ids if i not in bank.ids()]
        if missing:
            raise BadBlueprint(f"{blueprint.source}: sections[{si}].slots[{k}]: unknown template id {missing[0]!r}")
    forms = {(si, k): {t.id: _fitting_forms(t, slot, blueprint.calculator) for t in bank if _matches(t, slot)}
             for si, k, slot in slots}
    pools = {key: [t for t in bank if forms[key].get(t.id) and t.id not in exclude] for key in forms}
    for si, k, slot in slots:
        if len(pools[si, k]) < slot.count:
            raise BadBlueprint(
                f"{blueprint.source}: sections[{si}].slots[{k}] ({_describe(slot)}) cannot be filled: "
                f"it needs {slot.count} template(s), the bank has {len(pools[si, k])} that fit"
                f"{_why_short(blueprint, bank, slot, exclude)}")
    return _Pools(slots, forms, pools)


def _choose_once(blueprint: Blueprint, fitting: _Pools, master_seed: int, attempt: int) -> list[Placement]:
    """One draw of templates and forms for every slot: slots that can only draw a limited kind
    first (they must spend the limit), then the most constrained."""
    slots, forms, pools = fitting.slots, fitting.forms, fitting.pools
    global_index = {(si, k): n for n, (si, k, _) in enumerate(slots)}
    limited = {kind for limit in blueprint.limits for kind in limit.kinds}
    used: set[str] = set()
    room = {i: limit.most for i, limit in enumerate(blueprint.limits)}
    chosen: dict[tuple[int, int], list[Template]] = {}
    tag = f"/try{attempt}" if attempt else ""   # the first try keeps the derivations of exams built before

    def urgency(s: tuple[int, int, Slot]) -> tuple:
        pool = pools[s[0], s[1]]
        return (not all(t.answer_kind in limited for t in pool), len(pool) - s[2].count, s[0], s[1])

    for si, k, slot in sorted(slots, key=urgency):
        free = [t for t in pools[si, k] if t.id not in used]
        if len(free) < slot.count:
            raise _Unlucky(
                f"{blueprint.source}: sections[{si}].slots[{k}] ({_describe(slot)}) cannot be filled: "
                f"it needs {slot.count} template(s), the bank has {len(pools[si, k])} that fit, "
                f"{len(free)} not used by other slots")
        rng = Rng(derive_seed(master_seed, f"{blueprint.id}/slot/{si}/{k}{tag}"))
        picked = []
        for t in rng.shuffled(free):  # the first templates that keep within the answer-kind limits
            capped = [i for i, limit in enumerate(blueprint.limits) if t.answer_kind in limit.kinds]
            if all(room[i] > 0 for i in capped):
                picked.append(t)
                for i in capped:
                    room[i] -= 1
                if len(picked) == slot.count:
                    break
        if len(picked) < slot.count:
            raise _Unlucky(
                f"{blueprint.source}: sections[{si}].slots[{k}] ({_describe(slot)}) cannot be filled within the "
                f"answer-kind limits: every free matching template is of a kind already at its limit")
        used.update(t.id for t in picked)
        chosen[si, k] = picked
    placements = []
    for si, k, slot in slots:
        for t in chosen[si, k]:
            usable = forms[si, k][t.id]
            form = (Rng(derive_seed(master_seed, f"{blueprint.id}/form/{si}/{k}/{t.id}{tag}")).choice(usable)
                    if t.forms else usable[0])
            placements.append(Placement(si, global_index[si, k], t, float(slot.points or t.points), form))
    return placements


def templates_before(blueprint: Blueprint, bank: Bank, master_seed: int) -> set[str]:
    """The templates of the review this blueprint `follows`, as built with the same master seed.

    Each review in the chain excludes its own predecessor's, so the chain is rebuilt from its start;
    only template choices are made (nothing is sampled), which takes milliseconds.
    """
    chain = []
    seen = {blueprint.id}
    current = blueprint
    while (previous := previous_blueprint(current, bank.curriculum)) is not None:
        if previous.id in seen:
            raise BadBlueprint(f"{previous.source}: follows: the reviews follow each other in a circle "
                               f"({' -> '.join([*seen, previous.id])})")
        seen.add(previous.id)
        chain.append(previous)
        current = previous
    before: set[str] = set()
    for earlier in reversed(chain):
        before = {p.template.id for p in choose_templates(earlier, bank, master_seed, exclude=before)}
    return before


def reweighted(question: Question, points: float) -> Question:
    """The question worth `points`: its answer re-weighted, multi-part points shared out in whole
    points, at least one a part (largest remainders first), so the parts still add up to the
    question's points; in half points only when there are fewer whole points than parts."""
    return dataclasses.replace(question, points=points, answer=_scaled(question.answer, points))


def _scaled(answer: Answer, points: float) -> Answer:
    if not answer.parts:
        return dataclasses.replace(answer, points=points)
    weights = [p.points or 1 for p in answer.parts]
    whole = float(points).is_integer() and points >= len(weights)
    unit = 1.0 if whole else 0.5
    units = round(points / unit)
    exact = [units * w / sum(weights) for w in weights]
    shares = [int(e) for e in exact]
    by_remainder = sorted(range(len(exact)), key=lambda i: (shares[i] - exact[i], i))
    for i in by_remainder[: units - sum(shares)]:
        shares[i] += 1
    while whole and min(shares) < 1:          # a part worth nothing takes a point from the largest
        shares[shares.index(max(shares))] -= 1
        shares[shares.index(min(shares))] += 1
    parts = tuple(dataclasses.replace(p, points=k * unit) for p, k in zip(answer.parts, shares))
    return dataclasses.replace(answer, points=points, parts=parts)


def _topic(item: ExamItem) -> str:
    return item.question.template_id.split(".")[1]


def _faults(seq: list[ExamItem], opener: str) -> int:
    """How far an order is from interleaved: neighbours sharing a track or a topic, and a
    first item that is not of the easiest level (`opener`) when one exists."""
    n = sum(10 * (a.question.track == b.question.track) + 10 * (_topic(a) == _topic(b))
            for a, b in zip(seq, seq[1:]))
    if any(i.question.difficulty == opener for i in seq) and seq[0].question.difficulty != opener:
        n += 5
    return n


def _order(items: list[ExamItem], mode: str, rng: Rng, opener: str) -> list[ExamItem]:
    """Order a section: fixed, shuffled, or interleaved (the largest multi-part item last, no two
    neighbours of one track or topic, an item of the easiest level `opener` first), built greedily
    from several shuffles and keeping the best."""
    if mode == "fixed" or len(items) < 2:
        return items
    if mode == "shuffle":
        return rng.shuffled(items)
    multis = [i for i in items if i.question.answer.parts]
    last = max(multis, key=lambda i: i.points) if multis else None
    rest = [i for i in items if i is not last]
    best: list[ExamItem] | None = None
    best_faults = 0
    for _ in range(ORDER_TRIES):
        pool = rng.shuffled(rest)
        first = next((i for i in pool if i.question.difficulty == opener), pool[0] if pool else None)
        seq: list[ExamItem] = []
        if first is not None:
            pool.remove(first)
            seq.append(first)
        while pool:
            prev = seq[-1]
            closing = len(pool) == 1 and last is not None

            def fits(i: ExamItem) -> bool:
                ok = i.question.track != prev.question.track and _topic(i) != _topic(prev)
                return ok and (not closing or (last is not None and i.question.track != last.question.track))

            pick = next((i for i in pool if fits(i)), pool[0])
            pool.remove(pick)
            seq.append(pick)
        if last is not None:
            seq.append(last)
        f = _faults(seq, opener)
        if best is None or f < best_faults:
            best, best_faults = seq, f
        if f == 0:
            break
    return best if best is not None else items


def _answer_signature(answer: Answer) -> str:
    if answer.parts:
        return "|".join(_answer_signature(p) for p in answer.parts)
    return answer.value + "#" + "#".join(answer.options)


Sampler = Callable[[Template, int, str], Question]


def _sample_in_form(template: Template, seed: int, form: str) -> Question:
    return sample_question(template, seed, form=form)


def build_exam(blueprint: Blueprint, placements: list[Placement], master_seed: int, version: str,
               *, code_key: bytes, taken: dict[int, set[str]] | None = None,
               avoid: AbstractSet[tuple[str, str]] = frozenset(), sample: Sampler = _sample_in_form,
               opener: str = "") -> Exam:
    """Sample one version. `taken` maps a placement to the key signatures of earlier versions,
    so a version whose key repeats another version's in the same slot is redrawn; a question whose
    (template id, fingerprint) is in `avoid` (an earlier exam's) is always redrawn; interleaved
    sections open with an item of the level `opener` (the course plan's easiest) when they can."""
    taken = taken if taken is not None else {}
    by_section: dict[int, list[ExamItem]] = {i: [] for i in range(len(blueprint.sections))}
    for index, p in enumerate(placements):
        seen = taken.setdefault(index, set())
        for occurrence in range(MAX_KEY_RETRIES):
            q = sample(p.template, question_seed(master_seed, blueprint.id, version, p.template.id, occurrence),
                       p.form.name)
            repeated = (q.template_id, q.fingerprint) in avoid
            signature = _answer_signature(q.answer)
            if signature not in seen and not repeated:
                break
        if repeated:
            raise BadBlueprint(f"{blueprint.source}: version {version}: {MAX_KEY_RETRIES} draws of {p.template.id} "
                               f"all repeat a question of the exam to avoid")
        seen.add(signature)
        q = reweighted(q, p.points)
        by_section[p.section].append(ExamItem(0, p.slot, occurrence, p.points, q))
    sections = []
    number = 0
    for si, section in enumerate(blueprint.sections):
        rng = Rng(derive_seed(master_seed, f"{blueprint.id}/{version}/order/{si}"))
        ordered = []
        for item in _order(by_section[si], section.order, rng, opener):
            number += 1
            ordered.append(dataclasses.replace(item, number=number))
        sections.append(ExamSection(section.title, section.instructions, tuple(ordered)))
    return Exam(
        exam_id=blueprint.id, title=blueprint.title, course=blueprint.course, version=version,
        master_seed=master_seed, code=exam_code(blueprint.id, version, code_key), minutes=blueprint.minutes,
        instructions=blueprint.instructions, sections=tuple(sections), calculator=blueprint.calculator,
        formula_sheet=blueprint.formula_sheet,
    )


Job = tuple[Template, int, str]   # template, seed, form


def _sample_job(job: Job) -> Question:
    return _sample_in_form(*job)


def presample(jobs: list[Job], workers: int) -> dict[tuple[str, int, str], Question]:
    """Sample many (template, seed, form) triples, in forked worker processes when it pays off."""
    if workers <= 1 or len(jobs) < 2 * PARALLEL_MIN_JOBS:
        return {(t.id, seed, form): _sample_in_form(t, seed, form) for t, seed, form in jobs}
    for template in {t.id: t for t, _, _ in jobs}.values():
        compiled(template)  # compile once here: the forked workers inherit the compiled templates
    with worker_pool(workers) as pool:
        questions = list(pool.map(_sample_job, jobs, chunksize=max(1, len(jobs) // (4 * workers))))
    return {(t.id, seed, form): q for (t, seed, form), q in zip(jobs, questions)}


def build_versions(blueprint: Blueprint, bank: Bank, master_seed: int, versions: int, *,
                   code_key: bytes, workers: int = 1, progress: Callable[[str], None] | None = None,
                   after: set[str] | None = None, avoid: AbstractSet[tuple[str, str]] = frozenset(),
                   placements: list[Placement] | None = None) -> list[Exam]:
    """All versions A, B, ... of one exam.

    Templates and forms are chosen once for all versions. Templates of the review before are left
    out: those in `after` (an earlier exam's, from its record) or, when it is None, those the
    blueprint's `follows` chain draws with the same master seed. Questions whose (template id,
    fingerprint) is in `avoid` are redrawn (a practice exam shares no question with the real one).

    The first draw of every question is sampled up front (in parallel with `workers` > 1);
    versions are then assembled in order, redrawing the rare key that repeats an earlier
    version's, so the result does not depend on the number of workers. `code_key` keys the
    exam codes printed on paper (see `codes.py`). `placements`, when given, are the templates and forms
    another rule chose (a learner's personalised review); then `after` is not used.
    """
    if not 1 <= versions <= MAX_VERSIONS:
        raise BadBlueprint(f"--versions must be 1..{MAX_VERSIONS}, got {versions}")
    if placements is None:
        exclude = set(after) if after is not None else templates_before(blueprint, bank, master_seed)
        placements = choose_templates(blueprint, bank, master_seed, exclude=exclude)
    labels = [version_label(i) for i in range(versions)]
    jobs = [(p.template, question_seed(master_seed, blueprint.id, label, p.template.id, 0), p.form.name)
            for label in labels for p in placements]
    ready = presample(jobs, workers)

    def sample(template: Template, seed: int, form: str) -> Question:
        return ready.get((template.id, seed, form)) or _sample_in_form(template, seed, form)

    taken: dict[int, set[str]] = {}
    exams = []
    for label in labels:
        exams.append(build_exam(blueprint, placements, master_seed, label, code_key=code_key, taken=taken,
                                avoid=avoid, sample=sample, opener=next(iter(bank.curriculum.difficulties))))
        if progress:
            progress(label)
    return exams


def slot_pool(bank: Bank, slot: Slot, calculator: str) -> list[tuple[Template, list[Form]]]:
    """The templates a slot may draw under a calculator policy, each with the forms it may take
    (for planners that choose among them by their own rule, like the practice app's review)."""
    return [(t, forms) for t in bank if _matches(t, slot) and (forms := _fitting_forms(t, slot, calculator))]
