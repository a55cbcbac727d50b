"""A practice session through the app as a browser would drive it (forms, redirects, pages), on SQLite:
sessions are planned, questions served one at a time, answers judged by the real checker with its
reason, the worked solution shown, and every answer in the database before its verdict."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from mathexams.judge import check_answer
from mathexams.model import Question
from mathexams.practice import store
from mathexams.practice.database import make_engine, session_factory
from mathexams.practice.models import Response, ServedQuestion, VerdictRow

from .helpers import csrf_of, key_fields, planned

# one template per input widget: expression, vector entries, matrix grid, choice, multi-part with truefalse
TEMPLATES = ["calc.rules.chain", "linalg.vec.lincomb", "linalg.matmul.product", "linalg.eig.values_2x2",
             "prob.descriptive.histogram_summary"]


def _db(url):
    engine = make_engine(url)
    return engine, session_factory(engine)()


def _session_with(url, bank, template_ids, learner="learner"):
    engine, db = _db(url)
    try:
        person = store.learner_named(db, learner)
        session = store.create_session(db, person, "practice", "Test session", {"seed": 1},
                                       [planned(bank, t, seed=10 + i) for i, t in enumerate(template_ids)])
        return session.id
    finally:
        db.close()
        engine.dispose()


def _question(client, session_id, position) -> Question:
    page = client.get(f"/sessions/{session_id}/q/{position}")
    assert page.status_code == 200
    served_id = int(re.search(r'data-served="(\d+)"', page.text).group(1))
    engine = client.app_engine
    with session_factory(engine)() as db:
        return Question.from_dict(db.get(ServedQuestion, served_id).question)


@pytest.fixture
def app_client(client):
    client.app_engine = client.app.app.state.pages.engine
    return client


def test_practice_form_plans_a_session_of_the_picked_weeks_and_track(app_client):
    csrf = csrf_of(app_client)
    page = app_client.post("/sessions", data={"csrf": csrf, "mode": "practice", "week": ["3", "4"],
                                              "track": "calculus", "count": "3"})
    assert page.status_code == 200 and page.url.path.endswith("/q/1")
    with session_factory(app_client.app_engine)() as db:
        rows = db.scalars(select(ServedQuestion)).all()
    assert len(rows) == 3
    assert all(r.cell == "3-4/calculus" for r in rows)
    assert len({r.template_id for r in rows}) == 3
    assert "drawn at random" in page.text


@pytest.mark.parametrize("template_id", TEMPLATES)
def test_the_key_typed_into_the_inputs_is_right_and_shows_the_solution(app_client, sqlite_url, bank, template_id):
    session_id = _session_with(sqlite_url, bank, [template_id])
    question = _question(app_client, session_id, 1)
    csrf = csrf_of(app_client, f"/sessions/{session_id}/q/1")
    page = app_client.post(f"/sessions/{session_id}/q/1", data={"csrf": csrf, **key_fields(question.answer)})
    assert page.status_code == 200
    assert "<strong>Right</strong>" in page.text
    assert "Worked solution" in page.text
    assert f"{question.points:g}/{question.points:g}" in page.text


@pytest.mark.parametrize("template_id", TEMPLATES)
def test_a_wrong_answer_gets_the_checkers_reason_and_no_points(app_client, sqlite_url, bank, template_id):
    session_id = _session_with(sqlite_url, bank, [template_id])
    question = _question(app_client, session_id, 1)
    fields = key_fields(question.answer, wrong=True)
    csrf = csrf_of(app_client, f"/sessions/{session_id}/q/1")
    page = app_client.post(f"/sessions/{session_id}/q/1", data={"csrf": csrf, **fields})
    assert "<strong>Not right</strong>" in page.text
    with session_factory(app_client.app_engine)() as db:
        verdict = db.scalars(select(VerdictRow)).one()
    assert verdict.points == 0 and not verdict.correct
    # the page shows the reason the checker gives for the same response
    expected = check_answer(question.answer, _as_checker_input(question, fields))
    assert expected.correct is False
    reasons = [p["reason"] for p in (expected.to_dict().get("parts") or [expected.to_dict()])]
    for reason in reasons:
        assert reason.replace("'", "&#39;").replace('"', "&#34;") in page.text


def _as_checker_input(question, fields):
    from mathexams.practice.answers_form import checker_response, response_for

    return checker_response(question.answer, response_for(question.answer, fields))


def test_off_by_a_sign_is_named(app_client, sqlite_url, bank):
    session_id = _session_with(sqlite_url, bank, ["calc.rules.chain"])
    question = _question(app_client, session_id, 1)
    csrf = csrf_of(app_client, f"/sessions/{session_id}/q/1")
    page = app_client.post(f"/sessions/{session_id}/q/1", data={"csrf": csrf, "r": f"-({question.answer.value})"})
    assert "off by a sign" in page.text


def test_the_response_is_committed_before_the_verdict(app_client, sqlite_url, bank, monkeypatch):
    """A crash while judging loses nothing: the typed answer is in the database, and the page judges it."""
    session_id = _session_with(sqlite_url, bank, ["calc.rules.chain"])
    question = _question(app_client, session_id, 1)
    csrf = csrf_of(app_client, f"/sessions/{session_id}/q/1")

    def crash(*args, **kwargs):
        raise SystemError("the server died while judging")

    monkeypatch.setattr("mathexams.practice.app.check_answer", crash)
    with pytest.raises(SystemError):
        app_client.post(f"/sessions/{session_id}/q/1", data={"csrf": csrf, "r": question.answer.value})
    with session_factory(app_client.app_engine)() as db:
        assert db.scalar(select(func.count()).select_from(Response)) == 1
        assert db.scalar(select(func.count()).select_from(VerdictRow)) == 0
    monkeypatch.undo()
    page = app_client.get(f"/sessions/{session_id}/q/1")
    assert "<strong>Right</strong>" in page.text
    with session_factory(app_client.app_engine)() as db:
        assert db.scalar(select(func.count()).select_from(VerdictRow)) == 1


def test_a_question_is_answered_once_and_the_session_ends_with_its_score(app_client, sqlite_url, bank):
    session_id = _session_with(sqlite_url, bank, ["calc.rules.chain", "linalg.vec.lincomb"])
    first = _question(app_client, session_id, 1)
    csrf = csrf_of(app_client, f"/sessions/{session_id}/q/1")
    app_client.post(f"/sessions/{session_id}/q/1", data={"csrf": csrf, **key_fields(first.answer)})
    again = app_client.post(f"/sessions/{session_id}/q/1", data={"csrf": csrf, "r": "0"})
    assert "<strong>Right</strong>" in again.text           # the second submission changes nothing
    start = app_client.get(f"/sessions/{session_id}")
    assert start.url.path.endswith("/q/2")                  # the session resumes at the first open question
    second = _question(app_client, session_id, 2)
    app_client.post(f"/sessions/{session_id}/q/2", data={"csrf": csrf, **key_fields(second.answer, wrong=True)})
    summary = app_client.get(f"/sessions/{session_id}")
    assert summary.url.path.endswith("/summary")
    assert f"{first.points:g}/{first.points + second.points:g}" in summary.text


def test_the_whole_quiz_layout_shows_every_question(app_client, sqlite_url, bank):
    session_id = _session_with(sqlite_url, bank, ["calc.rules.chain", "linalg.vec.lincomb"])
    page = app_client.get(f"/sessions/{session_id}/all")
    assert page.text.count('class="answer-form"') == 2


def test_history_shows_sessions_scores_and_the_progress_plot(app_client, sqlite_url, bank):
    session_id = _session_with(sqlite_url, bank, ["calc.rules.chain"])
    question = _question(app_client, session_id, 1)
    csrf = csrf_of(app_client, f"/sessions/{session_id}/q/1")
    app_client.post(f"/sessions/{session_id}/q/1", data={"csrf": csrf, **key_fields(question.answer)})
    page = app_client.get("/history")
    assert "Test session" in page.text and "<svg" in page.text and "<polyline" in page.text
    assert question.objective in page.text
    assert "70%" in page.text          # one right answer from the 50 % prior: 0.6 * 0.5 + 0.4 * 1


def test_another_learners_session_is_not_found(app_client, sqlite_url, bank):
    session_id = _session_with(sqlite_url, bank, ["calc.rules.chain"], learner="someone else")
    assert app_client.get(f"/sessions/{session_id}/q/1").status_code == 404


def test_home_lists_every_cell_of_the_plan(app_client, bank):
    page = app_client.get("/").text
    for cell in bank.curriculum.cells:
        assert cell in page
    assert len(bank.curriculum.cells) == 18
