"""Which questions a practice session asks, in which order, and why each one.

Two kinds of session: practice (the weeks, tracks and levels the learner picked, templates drawn
at random) and "next review" (the shape of the block's biweekly review blueprint: its slots on
the block just finished are drawn at random, its spaced slots on earlier blocks lean towards the
objectives with the lowest mastery, by `mastery.review_weight`). A plan names templates, forms and
seeds only; questions are sampled when first shown. No (template, seed) the learner has seen is
planned again.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..assemble import slot_pool
from ..bank import Bank, Form, Template
from ..blueprint import load_blueprint
from ..errors import MathExamsError
from ..model import Blueprint, Slot
from ..seeds import Rng, derive_seed
from .mastery import PRIOR, Mastery

MAX_QUESTIONS = 30
SEED_TRIES = 1000


class CannotPlan(MathExamsError):
    """Nothing in the bank fits what the learner picked."""


@dataclass(frozen=True)
class Planned:
    """One question to ask: template, form and seed, and the reason shown beside it."""

    template_id: str
    form: str
    seed: int
    objective: str
    cell: str
    track: str
    reason: str


def fresh_seed(session_seed: int, template_id: str, seen: set[tuple[str, int]]) -> int:
    """A seed for this template that the learner has not met (derived from the session's seed)."""
    for attempt in range(SEED_TRIES):
        seed = derive_seed(session_seed, f"practice/{template_id}/{attempt}")
        if (template_id, seed) not in seen:
            return seed
    raise CannotPlan(f"{template_id}: no unseen seed in {SEED_TRIES} tries")


def _planned(template: Template, form: Form, session_seed: int, seen: set[tuple[str, int]], reason: str) -> Planned:
    seed = fresh_seed(session_seed, template.id, seen)
    seen.add((template.id, seed))
    return Planned(template.id, form.name, seed, template.objective, template.cell, template.track, reason)


def plan_practice(bank: Bank, *, weeks: Sequence[int], tracks: Sequence[str], difficulties: Sequence[str],
                  count: int, session_seed: int, seen: set[tuple[str, int]]) -> list[Planned]:
    """`count` questions of distinct templates (as far as the pool allows) from the weeks, tracks and levels
    picked (empty: any), in random order."""
    if not 1 <= count <= MAX_QUESTIONS:
        raise CannotPlan(f"count: 1..{MAX_QUESTIONS} questions, got {count}")
    pool = []
    for template in bank:
        if weeks and not set(template.weeks) & set(weeks):
            continue
        if tracks and template.track not in tracks:
            continue
        forms = [f for f in template.variants if not difficulties or f.difficulty in difficulties]
        if forms:
            pool.append((template, forms))
    if not pool:
        raise CannotPlan("no template fits the weeks, tracks and levels picked")
    rng = Rng(derive_seed(session_seed, "practice/order"))
    order = rng.shuffled(pool)
    taken = set(seen)
    plan = []
    what = _describe_choice(weeks, tracks, difficulties)
    for i in range(count):
        template, forms = order[i % len(order)]
        form = rng.choice(forms)
        reason = f"{what}: drawn at random from the {len(pool)} template(s) that fit"
        plan.append(_planned(template, form, session_seed, taken, reason))
    return plan


def _describe_choice(weeks: Sequence[int], tracks: Sequence[str], difficulties: Sequence[str]) -> str:
    parts = [f"weeks {', '.join(map(str, weeks))}" if weeks else "all weeks",
             ", ".join(tracks) if tracks else "every track",
             f"level {', '.join(difficulties)}" if difficulties else "every level"]
    return "; ".join(parts)


def review_blueprint(bank: Bank, block_id: str) -> Blueprint:
    """The biweekly review blueprint of a block ('5-6'), as the course plan names it."""
    return load_blueprint(bank.curriculum.review_blueprint(block_id), bank.curriculum)


def _is_current(slot: Slot, block_id: str, block_weeks: Sequence[int]) -> bool:
    """A slot on the block just finished (its cells or weeks lie in it), not a spaced one."""
    if slot.cells:
        return all(cell.split("/")[0] == block_id for cell in slot.cells)
    if slot.weeks:
        return set(slot.weeks) <= set(block_weeks)
    return True


def weighted_pick(rng: Rng, candidates: Sequence[Template], weights: Sequence[float]) -> int:
    """Index of a candidate drawn with probability proportional to its weight."""
    total = sum(weights)
    target = rng.unit() * total
    running = 0.0
    for i, w in enumerate(weights):
        running += w
        if target < running:
            return i
    return len(candidates) - 1


@dataclass(frozen=True)
class ReviewChoice:
    """A template chosen for one slot of a review blueprint, and why."""

    section: int
    slot: int                 # index of the slot across the whole blueprint
    points: float
    template: Template
    form: Form
    reason: str


def choose_review_templates(bank: Bank, blueprint: Blueprint, block_id: str, mastery: Mapping[str, Mastery],
                            session_seed: int) -> list[ReviewChoice]:
    """Templates, forms and reasons for every slot of a review blueprint: distinct templates, within the
    blueprint's answer-kind limits; spaced slots weighted by the mastery of each template's objective."""
    block = next((b for b in bank.curriculum.blocks if b.id == block_id), None)
    block_weeks = block.weeks if block else ()
    rng = Rng(derive_seed(session_seed, f"review/{blueprint.id}"))
    used: set[str] = set()
    room = [limit.most for limit in blueprint.limits]
    chosen = []
    slot_index = -1
    for section_index, section in enumerate(blueprint.sections):
        for slot in section.slots:
            slot_index += 1
            for _ in range(slot.count):
                pool = [(t, forms) for t, forms in slot_pool(bank, slot, blueprint.calculator) if t.id not in used
                        and all(room[i] > 0 for i, lim in enumerate(blueprint.limits) if t.answer_kind in lim.kinds)]
                if not pool:
                    continue
                where = ", ".join(slot.cells) or (f"weeks {', '.join(map(str, slot.weeks))}" if slot.weeks else "")
                if _is_current(slot, block_id, block_weeks):
                    template, forms = pool[rng.below(len(pool))]
                    reason = f"new material of weeks {block_id} ({where}): drawn at random from {len(pool)} template(s)"
                else:
                    weights = [mastery.get(t.objective, Mastery()).weight for t, _ in pool]
                    index = weighted_pick(rng, [t for t, _ in pool], weights)
                    template, forms = pool[index]
                    known = mastery.get(template.objective)
                    level = (f"your mastery of this objective is {known.value:.0%} after {known.attempts} answer(s)"
                             if known else f"you have not answered this objective yet (counted as {PRIOR:.0%})")
                    reason = (f"spaced review of {where}: {level}, so its weight is {weights[index]:.2f} "
                              f"(the {len(pool)} candidates weigh {sum(weights):.2f} in all)")
                used.add(template.id)
                for i, lim in enumerate(blueprint.limits):
                    if template.answer_kind in lim.kinds:
                        room[i] -= 1
                chosen.append(ReviewChoice(section_index, slot_index, float(slot.points or template.points), template,
                                           rng.choice(forms), reason))
    if not chosen:
        raise CannotPlan(f"the review of weeks {block_id} has no template the bank can fill")
    return chosen


def plan_review(bank: Bank, block_id: str, mastery: Mapping[str, Mastery], *, session_seed: int,
                seen: set[tuple[str, int]], count: int | None = None) -> list[Planned]:
    """The "next review" of a block: the shape of its review blueprint (its first `count` slots when given),
    spaced slots leaning on weak objectives, in an order that mixes tracks."""
    blueprint = review_blueprint(bank, block_id)
    chosen = choose_review_templates(bank, blueprint, block_id, mastery, session_seed)
    taken = set(seen)
    plan = [_planned(c.template, c.form, session_seed, taken, c.reason) for c in chosen]
    if count is not None:
        plan = plan[:count]
    return Rng(derive_seed(session_seed, "review/order")).shuffled(plan)
