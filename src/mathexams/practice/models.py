"""The practice app's tables (SQLAlchemy 2 declarative models); Alembic's migrations create them.

A session asks questions in a planned order; each served question keeps what it is (template id,
seed, form) and, once sampled, the whole question record as JSON, so a page never samples twice
and history survives changes to the bank. A response is committed before its verdict is computed,
so no typed answer is lost on a crash.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

MAX_NAME = 64


class Base(DeclarativeBase):
    pass


class Learner(Base):
    __tablename__ = "learners"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(MAX_NAME), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class PracticeSession(Base):
    __tablename__ = "practice_sessions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("learners.id"), index=True)
    mode: Mapped[str] = mapped_column(String(16))            # "practice" or "next-review"
    title: Mapped[str] = mapped_column(String(200))
    settings: Mapped[dict] = mapped_column(JSON)              # what the learner picked
    created_at: Mapped[datetime] = mapped_column(DateTime)

    questions: Mapped[list[ServedQuestion]] = relationship(order_by="ServedQuestion.position",
                                                             back_populates="session")


class ServedQuestion(Base):
    __tablename__ = "served_questions"
    __table_args__ = (UniqueConstraint("session_id", "position"),
                      Index("ix_served_template_seed", "template_id", "seed"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("practice_sessions.id"), index=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("learners.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    template_id: Mapped[str] = mapped_column(String(120))
    seed: Mapped[int] = mapped_column(BigInteger)
    form: Mapped[str] = mapped_column(String(40))
    objective: Mapped[str] = mapped_column(Text)
    cell: Mapped[str] = mapped_column(String(64))
    track: Mapped[str] = mapped_column(String(64))
    reason: Mapped[str] = mapped_column(Text)                 # why the planner chose it, shown on the page
    question: Mapped[dict | None] = mapped_column(JSON, nullable=True)   # Question.to_dict(), once sampled
    template_hash: Mapped[str] = mapped_column(String(64), default="")
    first_shown_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)

    session: Mapped[PracticeSession] = relationship(back_populates="questions")
    responses: Mapped[list[Response]] = relationship(order_by="Response.id", back_populates="served")


class Response(Base):
    __tablename__ = "responses"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    served_id: Mapped[int] = mapped_column(ForeignKey("served_questions.id"), index=True)
    fields: Mapped[dict] = mapped_column(JSON)                # the form fields as typed, by name
    response: Mapped[dict] = mapped_column(JSON)              # what the checker was given, by part label
    submitted_at: Mapped[datetime] = mapped_column(DateTime)
    seconds: Mapped[float] = mapped_column(Float)             # time from first showing to submitting

    served: Mapped[ServedQuestion] = relationship(back_populates="responses")
    verdict: Mapped[VerdictRow | None] = relationship(back_populates="response", uselist=False)


class VerdictRow(Base):
    __tablename__ = "verdicts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    response_id: Mapped[int] = mapped_column(ForeignKey("responses.id"), unique=True)
    correct: Mapped[bool] = mapped_column(Boolean)
    points: Mapped[float] = mapped_column(Float)
    max_points: Mapped[float] = mapped_column(Float)
    reason: Mapped[str] = mapped_column(Text)
    detail: Mapped[dict] = mapped_column(JSON)                # Verdict.to_dict(), parts included
    judged_at: Mapped[datetime] = mapped_column(DateTime)

    response: Mapped[Response] = relationship(back_populates="verdict")
