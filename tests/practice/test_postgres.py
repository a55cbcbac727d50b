"""The practice app against a real PostgreSQL server (a throw-away cluster started by the fixture):
the migrations, a session answered through the pages, history, the learner's seen questions, and two
app instances (two workers) sharing the one database."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect, select
from starlette.testclient import TestClient

from mathexams.practice import store
from mathexams.practice.app import Config, create_app
from mathexams.practice.database import make_engine, session_factory
from mathexams.practice.models import Response, VerdictRow

from .helpers import csrf_of, key_fields
from .test_flow import _question, _session_with

pytestmark = pytest.mark.postgres


def test_the_migrations_create_every_table(postgres_url):
    engine = make_engine(postgres_url)
    try:
        tables = set(inspect(engine).get_table_names())
    finally:
        engine.dispose()
    assert {"learners", "practice_sessions", "served_questions", "responses", "verdicts",
            "alembic_version"} <= tables


def test_a_session_answered_on_postgresql(postgres_url, bank):
    session_id = _session_with(postgres_url, bank, ["calc.rules.chain", "linalg.matmul.product"])
    with TestClient(create_app(Config(database_url=postgres_url, bank=bank))) as client:
        client.app_engine = client.app.app.state.pages.engine
        first = _question(client, session_id, 1)
        csrf = csrf_of(client, f"/sessions/{session_id}/q/1")
        right = client.post(f"/sessions/{session_id}/q/1", data={"csrf": csrf, **key_fields(first.answer)})
        assert "<strong>Right</strong>" in right.text
        second = _question(client, session_id, 2)
        wrong = client.post(f"/sessions/{session_id}/q/2",
                            data={"csrf": csrf, **key_fields(second.answer, wrong=True)})
        assert "<strong>Not right</strong>" in wrong.text
        history = client.get("/history").text
        assert "Test session" in history and "<polyline" in history
    engine = make_engine(postgres_url)
    try:
        with session_factory(engine)() as db:
            verdicts = db.scalars(select(VerdictRow).order_by(VerdictRow.id)).all()
            assert [v.correct for v in verdicts] == [True, False]
            assert all(r.seconds >= 0 for r in db.scalars(select(Response)))
            learner = store.learner_named(db, "learner")
            assert len(store.seen_questions(db, learner.id)) == 2
            assert [a.score for a in store.scored_answers(db, learner.id)] == [1.0, 0.0]
    finally:
        engine.dispose()


def test_two_workers_share_the_database(postgres_url, bank):
    """No state in the process: a session made through one app instance is answered through another."""
    with TestClient(create_app(Config(database_url=postgres_url, bank=bank))) as one, \
            TestClient(create_app(Config(database_url=postgres_url, bank=bank))) as two:
        csrf = csrf_of(one)
        started = one.post("/sessions", data={"csrf": csrf, "mode": "next-review", "block": "3-4", "length": "short",
                                              "count": "2"})
        path = started.url.path
        two.cookies.update(one.cookies)
        two.app_engine = two.app.app.state.pages.engine
        session_id = int(path.split("/")[2])
        question = _question(two, session_id, 1)
        page = two.post(path, data={"csrf": csrf, **key_fields(question.answer)})
        assert "<strong>Right</strong>" in page.text
        assert "spaced review" in one.get(f"/sessions/{session_id}/all").text or "new material" in page.text
