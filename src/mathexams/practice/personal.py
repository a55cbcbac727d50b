"""A personalised paper review (`mathexams quiz --weeks 5-6 --learner NAME`): the same rule as the app's
"next review" (spaced slots weighted by the learner's mastery), read from the practice database, with the
questions the learner has already met in the app left out."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from ..assemble import Placement
from ..bank import Bank
from ..errors import MathExamsError
from ..model import Blueprint
from .database import make_engine, migrate, session_factory, shown_url
from .mastery import mastery_by
from .models import Learner, ServedQuestion
from .planning import choose_review_templates
from .store import scored_answers


@dataclass(frozen=True)
class PersonalReview:
    placements: list[Placement]
    reasons: list[str]                      # one per placement, in blueprint order
    avoid: set[tuple[str, str]]             # (template id, fingerprint) of questions the learner has met


def review_block(bank: Bank, blueprint: Blueprint) -> str:
    """The block whose review this blueprint is."""
    source = Path(blueprint.source).resolve()
    for block in bank.curriculum.reviews:
        if bank.curriculum.review_blueprint(block).resolve() == source:
            return block
    raise MathExamsError(f"{blueprint.source}: --learner works with the reviews of the course plan only")


def personal_review(bank: Bank, blueprint: Blueprint, learner: str, database_url: str, seed: int) -> PersonalReview:
    """Placements for every slot of the review, weighted by what `learner` has answered in the app."""
    engine = make_engine(database_url)
    try:
        migrate(engine)
        with session_factory(engine)() as db:
            person = db.scalar(select(Learner).where(Learner.name == learner))
            if person is None:
                raise MathExamsError(f"--learner {learner!r}: no such learner in {shown_url(database_url)} "
                                     "(practise with `mathexams practice` first, or check the name and --database)")
            mastery = mastery_by((a.objective, a.score) for a in scored_answers(db, person.id))
            met = db.scalars(select(ServedQuestion.question).where(ServedQuestion.learner_id == person.id))
            avoid = {(q["template_id"], q.get("fingerprint", "")) for q in met if q}
    finally:
        engine.dispose()
    choices = choose_review_templates(bank, blueprint, review_block(bank, blueprint), mastery, seed)
    return PersonalReview([Placement(c.section, c.slot, c.template, c.points, c.form) for c in choices],
                          [c.reason for c in choices], avoid)
