"""The queries the pages need, on one SQLAlchemy session per request.

Every write commits at once: a response is committed before its verdict is computed, the verdict
in a second commit, so a crash between the two loses no typed answer (the page then judges the
stored response again).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from ..judge import Verdict
from ..model import Question
from .models import Learner, PracticeSession, Response, ServedQuestion, VerdictRow
from .planning import Planned


def now() -> datetime:
    """UTC now, without tzinfo (stored the same way by SQLite and PostgreSQL)."""
    return datetime.now(UTC).replace(tzinfo=None)


def learner_named(db: Session, name: str) -> Learner:
    """The learner called `name`, created on first use."""
    learner = db.scalar(select(Learner).where(Learner.name == name))
    if learner is not None:
        return learner
    learner = Learner(name=name, created_at=now())
    db.add(learner)
    try:
        db.commit()
    except IntegrityError:       # another worker created it at the same moment
        db.rollback()
        learner = db.scalar(select(Learner).where(Learner.name == name))
    return learner


def seen_questions(db: Session, learner_id: int) -> set[tuple[str, int]]:
    """Every (template id, seed) ever planned for the learner."""
    rows = db.execute(select(ServedQuestion.template_id, ServedQuestion.seed)
                      .where(ServedQuestion.learner_id == learner_id))
    return {(t, s) for t, s in rows}


def create_session(db: Session, learner: Learner, mode: str, title: str, settings: dict,
                   plan: Iterable[Planned]) -> PracticeSession:
    session = PracticeSession(learner_id=learner.id, mode=mode, title=title, settings=settings, created_at=now())
    db.add(session)
    db.flush()
    for position, p in enumerate(plan, start=1):
        db.add(ServedQuestion(session_id=session.id, learner_id=learner.id, position=position,
                              template_id=p.template_id, seed=p.seed, form=p.form, objective=p.objective,
                              cell=p.cell, track=p.track, reason=p.reason))
    db.commit()
    return session


def session_of(db: Session, learner: Learner, session_id: int) -> PracticeSession | None:
    """The learner's session with its questions, responses and verdicts (None if not theirs); each question's
    record is loaded only when read (a page shows one of thirty)."""
    questions = selectinload(PracticeSession.questions)
    return db.scalar(select(PracticeSession)
                     .where(PracticeSession.id == session_id, PracticeSession.learner_id == learner.id)
                     .options(questions.defer(ServedQuestion.question),
                              questions.selectinload(ServedQuestion.responses).selectinload(Response.verdict)))


def served_at(db: Session, learner: Learner, session_id: int, position: int) -> ServedQuestion | None:
    """One question of the learner's session, with its responses (what an answer's submission needs)."""
    return db.scalar(select(ServedQuestion)
                     .where(ServedQuestion.session_id == session_id, ServedQuestion.position == position,
                            ServedQuestion.learner_id == learner.id)
                     .options(selectinload(ServedQuestion.responses)))


def store_question(db: Session, served: ServedQuestion, question: Question) -> None:
    """Keep the sampled question's record with the served row (history survives bank changes)."""
    served.question = question.to_dict()
    served.template_hash = question.template_hash
    if served.first_shown_at is None:
        served.first_shown_at = now()
    db.commit()


def mark_shown(db: Session, served: ServedQuestion) -> None:
    if served.first_shown_at is None:
        served.first_shown_at = now()
        db.commit()


def save_response(db: Session, served: ServedQuestion, fields: dict, response: dict) -> Response:
    """Commit what the learner typed (before any verdict)."""
    submitted = now()
    shown = served.first_shown_at or submitted
    row = Response(served_id=served.id, fields=fields, response=response, submitted_at=submitted,
                   seconds=max(0.0, (submitted - shown).total_seconds()))
    db.add(row)
    db.commit()
    return row


def save_verdict(db: Session, response: Response, verdict: Verdict) -> VerdictRow:
    row = VerdictRow(response_id=response.id, correct=verdict.correct, points=verdict.points,
                     max_points=verdict.max_points, reason=verdict.reason, detail=verdict.to_dict(), judged_at=now())
    db.add(row)
    db.commit()
    return row


@dataclass(frozen=True)
class Scored:
    """One judged answer, for mastery and history."""

    session_id: int
    objective: str
    cell: str
    track: str
    points: float
    max_points: float
    judged_at: datetime

    @property
    def score(self) -> float:
        return self.points / self.max_points if self.max_points else 0.0


def scored_answers(db: Session, learner_id: int) -> list[Scored]:
    """Every judged answer of the learner, oldest first."""
    rows = db.execute(
        select(ServedQuestion.session_id, ServedQuestion.objective, ServedQuestion.cell, ServedQuestion.track,
               VerdictRow.points, VerdictRow.max_points, VerdictRow.judged_at)
        .join(Response, Response.served_id == ServedQuestion.id)
        .join(VerdictRow, VerdictRow.response_id == Response.id)
        .where(ServedQuestion.learner_id == learner_id)
        .order_by(VerdictRow.judged_at, VerdictRow.id))
    return [Scored(*row) for row in rows]


def sessions_of(db: Session, learner_id: int) -> list[PracticeSession]:
    return list(db.scalars(select(PracticeSession).where(PracticeSession.learner_id == learner_id)
                           .order_by(PracticeSession.created_at, PracticeSession.id)
                           .options(selectinload(PracticeSession.questions))))
