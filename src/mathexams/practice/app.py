"""The practice web app: routes and pages (Starlette, Jinja2 templates with autoescaping).

Stateless between requests: each request opens a database session, reads what it needs (learner,
session, served questions, responses, verdicts) and commits what it changes; the only in-process
memory is a cache of sampled questions and their HTML, which are pure functions of (template, seed,
form). So any number of worker processes can serve one database.
"""

from __future__ import annotations

import contextlib
import re
import secrets
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from sqlalchemy.orm import Session, sessionmaker
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from ..bank import Bank, load_bank
from ..errors import MathExamsError
from ..judge import check_answer
from ..kinds import kind_of
from ..model import Answer, Question
from ..sampler import sample_question
from . import store
from .answers_form import MAX_FIELD, TYPED, checker_response, field_names, inputs_for, response_for
from .database import make_engine, session_factory
from .latex_html import inline_html, to_html
from .mastery import Mastery, mastery_by
from .models import Learner, PracticeSession, ServedQuestion
from .planning import MAX_QUESTIONS, CannotPlan, plan_practice, plan_review
from .preview import MAX_VARIABLES, NAME, preview
from .progress_plot import progress_svg
from .security import CSRF_FIELD, Guard, check_csrf

HERE = Path(__file__).parent
LEARNER_COOKIE = "mx_learner"
LEARNER_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 _.-]{0,63}$")
MAX_FIELDS = 200
QUESTION_CACHE = 512


@dataclass
class Config:
    """How the app runs: its database, the default learner, the access token (None on loopback) and the bank."""

    database_url: str
    learner: str = "learner"
    token: str | None = None
    bank: Bank | None = None
    extra: dict[str, Any] = field(default_factory=dict)


class Pages:
    """The app's handlers, sharing the bank, the database and the templates."""

    def __init__(self, config: Config):
        self.config = config
        self.bank = config.bank or load_bank()
        self.engine = make_engine(config.database_url)
        self.sessions: sessionmaker[Session] = session_factory(self.engine)
        env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(default=True),
                          trim_blocks=True, lstrip_blocks=True)
        env.globals.update(inline_html=inline_html, plan=self.bank.curriculum)
        self.templates = Jinja2Templates(env=env)
        self.question = lru_cache(maxsize=QUESTION_CACHE)(self._sample)
        self._html: dict[tuple, dict[str, Any]] = {}

    # ------------------------------------------------------------ helpers

    def learner_name(self, request: Request) -> str:
        name = request.cookies.get(LEARNER_COOKIE, "")
        return name if LEARNER_NAME.match(name) else self.config.learner

    def page(self, request: Request, name: str, context: dict[str, Any], status: int = 200) -> HTMLResponse:
        context = {"csrf": request.state.csrf, "learner": self.learner_name(request), **context}
        return self.templates.TemplateResponse(request, name, context, status_code=status)

    def _sample(self, template_id: str, seed: int, form: str) -> Question:
        return sample_question(self.bank.get(template_id), seed, form=form)

    def _render_question(self, identity: tuple, question: Question) -> dict[str, Any]:
        """The HTML of a question's text and solution, cached by the question's identity (template, seed, form,
        template hash, parameters): a figure costs a TeX run, the text a conversion."""
        return {"prompt": to_html(question.prompt_latex), "solution": to_html(question.solution_latex)}

    def rendered(self, question: Question) -> dict[str, Any]:
        identity = (question.template_id, question.seed, question.form, question.template_hash, question.fingerprint)
        html = self._html.get(identity)
        if html is None:
            if len(self._html) >= QUESTION_CACHE:
                self._html.clear()
            html = self._html[identity] = self._render_question(identity, question)
        return html

    def served_question(self, db: Session, served: ServedQuestion) -> Question:
        """The served row's question: its stored record, or sampled now and stored."""
        if served.question is not None:
            return Question.from_dict(served.question)
        question = self.question(served.template_id, served.seed, served.form)
        store.store_question(db, served, question)
        return question

    async def form(self, request: Request) -> FormData:
        try:
            form = await request.form(max_files=0, max_fields=MAX_FIELDS, max_part_size=MAX_FIELD * 4)
        except Exception:
            raise HTTPException(400, "This form could not be read.") from None
        check_csrf(request.scope.get("state", {}), form.get(CSRF_FIELD))
        for key, value in form.multi_items():
            if not isinstance(value, str) or len(key) > 64 or len(value) > MAX_FIELD:
                raise HTTPException(413, f"A field may hold at most {MAX_FIELD} characters.")
        return form

    def learner_session(self, db: Session, request: Request, session_id: int) -> PracticeSession:
        learner = store.learner_named(db, self.learner_name(request))
        session = store.session_of(db, learner, session_id)
        if session is None:
            raise HTTPException(404, "No such practice session for this learner.")
        return session

    # ------------------------------------------------------------ pages

    def learner_answers(self, db: Session, request: Request) -> tuple[Learner, list[store.Scored]]:
        learner = store.learner_named(db, self.learner_name(request))
        return learner, store.scored_answers(db, learner.id)

    def home(self, request: Request) -> Response:
        """Plain functions (not coroutines) are run in Starlette's thread pool: sampling, checking and the
        database never block the event loop."""
        with self.sessions() as db:
            _, answers = self.learner_answers(db, request)
        by_objective = mastery_by((a.objective, a.score) for a in answers)
        by_cell = mastery_by((a.cell, a.score) for a in answers)
        objectives_by_cell: dict[str, list[tuple[str, Mastery]]] = {}
        for template in self.bank:
            entry = (template.objective, by_objective.get(template.objective, Mastery()))
            if entry not in objectives_by_cell.setdefault(template.cell, []):
                objectives_by_cell[template.cell].append(entry)
        for entries in objectives_by_cell.values():
            entries.sort(key=lambda e: (e[1].attempts == 0, e[1].value))
        return self.page(request, "home.html", {
            "by_cell": by_cell, "objectives_by_cell": objectives_by_cell, "answered": len(answers),
            "tracks": self.bank.curriculum.tracks, "levels": list(self.bank.curriculum.difficulties),
            "review_blocks": list(self.bank.curriculum.reviews), "max_questions": MAX_QUESTIONS,
        })

    async def set_learner(self, request: Request) -> Response:
        form = await self.form(request)
        name = str(form.get("name", "")).strip()
        if not LEARNER_NAME.match(name):
            raise HTTPException(400, "A learner name is 1-64 letters, digits, spaces, '.', '_' or '-'.")
        response = RedirectResponse("/", status_code=303)
        response.set_cookie(LEARNER_COOKIE, name, httponly=True, samesite="strict")
        return response

    async def new_session(self, request: Request) -> Response:
        form = await self.form(request)
        return await run_in_threadpool(self._new_session, request, form)

    def _new_session(self, request: Request, form: FormData) -> Response:
        plan_seed = secrets.randbits(63)
        mode = form.get("mode")
        count = _int(form.get("count"), 5, 1, MAX_QUESTIONS)
        with self.sessions() as db:
            learner = store.learner_named(db, self.learner_name(request))
            seen = store.seen_questions(db, learner.id)
            try:
                if mode == "next-review":
                    block = str(form.get("block", ""))
                    if block not in self.bank.curriculum.reviews:
                        raise HTTPException(400, "Pick one of the plan's reviews.")
                    mastery = mastery_by((a.objective, a.score) for a in store.scored_answers(db, learner.id))
                    whole = form.get("length") != "short"
                    plan = plan_review(self.bank, block, mastery, session_seed=plan_seed, seen=seen,
                                       count=None if whole else count)
                    title = f"Next review: weeks {block}"
                    settings = {"block": block, "count": None if whole else count}
                elif mode == "practice":
                    weeks = sorted({w for w in (_int(v, 0, 1, self.bank.curriculum.weeks) for v in form.getlist("week"))
                                    if w})
                    tracks = [t for t in form.getlist("track") if t in self.bank.curriculum.tracks]
                    levels = [d for d in form.getlist("level") if d in self.bank.curriculum.difficulties]
                    plan = plan_practice(self.bank, weeks=weeks, tracks=tracks, difficulties=levels, count=count,
                                         session_seed=plan_seed, seen=seen)
                    title = "Practice: " + (f"weeks {', '.join(map(str, weeks))}" if weeks else "all weeks")
                    settings = {"weeks": weeks, "tracks": tracks, "levels": levels, "count": count}
                else:
                    raise HTTPException(400, "Unknown kind of session.")
            except (CannotPlan, MathExamsError) as exc:
                raise HTTPException(400, str(exc)) from None
            settings["seed"] = plan_seed
            settings["layout"] = "all" if form.get("layout") == "all" else "one"
            session = store.create_session(db, learner, mode, title, settings, plan)
        target = f"/sessions/{session.id}/all" if settings["layout"] == "all" else f"/sessions/{session.id}"
        return RedirectResponse(target, status_code=303)

    def session_start(self, request: Request) -> Response:
        session_id = request.path_params["session_id"]
        with self.sessions() as db:
            session = self.learner_session(db, request, session_id)
            pending = next((q for q in session.questions if not q.responses), None)
        if pending is None:
            return RedirectResponse(f"/sessions/{session_id}/summary", status_code=303)
        return RedirectResponse(f"/sessions/{session_id}/q/{pending.position}", status_code=303)

    def _question_view(self, db: Session, served: ServedQuestion) -> dict[str, Any]:
        question = self.served_question(db, served)
        store.mark_shown(db, served)
        html = self.rendered(question)
        response = served.responses[-1] if served.responses else None
        verdict = response.verdict if response is not None else None
        if response is not None and verdict is None:     # the response was stored, the verdict was not
            verdict = store.save_verdict(db, response, check_answer(question.answer,
                                                                     checker_response(question.answer,
                                                                                      response.response)))
        groups = inputs_for(question.answer)
        answers = question.answer.parts or (question.answer,)
        part_verdicts = (verdict.detail.get("parts") or [verdict.detail]) if verdict is not None else []
        return {"served": served, "question": question, "html": html, "groups": groups,
                "answers": answers, "key_latex": [_key_latex(a) for a in answers], "response": response,
                "verdict": verdict, "part_verdicts": part_verdicts, "typed": TYPED}

    def question_page(self, request: Request) -> Response:
        session_id, position = request.path_params["session_id"], request.path_params["position"]
        with self.sessions() as db:
            session = self.learner_session(db, request, session_id)
            served = next((q for q in session.questions if q.position == position), None)
            if served is None:
                raise HTTPException(404, "No such question in this session.")
            view = self._question_view(db, served)
            later = [q for q in session.questions if not q.responses and q.position != position]
            return self.page(request, "question.html", {"session": session, "total": len(session.questions),
                                                        "next": later[0].position if later else None, **view})

    def whole_quiz(self, request: Request) -> Response:
        with self.sessions() as db:
            session = self.learner_session(db, request, request.path_params["session_id"])
            views = [self._question_view(db, served) for served in session.questions]
            return self.page(request, "quiz.html", {"session": session, "views": views,
                                                    "total": len(session.questions)})

    async def submit(self, request: Request) -> Response:
        form = await self.form(request)
        return await run_in_threadpool(self._submit, request, form)

    def _submit(self, request: Request, form: FormData) -> Response:
        session_id, position = request.path_params["session_id"], request.path_params["position"]
        with self.sessions() as db:
            learner = store.learner_named(db, self.learner_name(request))
            served = store.served_at(db, learner, session_id, position)
            if served is None:
                raise HTTPException(404, "No such question in this session.")
            question = self.served_question(db, served)
            if not served.responses:
                names = field_names(question.answer)
                fields = {k: [v for v in form.getlist(k)] for k in form.keys() if k in names}  # noqa: SIM118 - a multidict
                by_label = response_for(question.answer, fields)
                response = store.save_response(db, served, fields, by_label)     # committed first
                verdict = check_answer(question.answer, checker_response(question.answer, by_label))
                store.save_verdict(db, response, verdict)
        anchor = f"#q{position}" if form.get("back") == "all" else ""
        target = f"/sessions/{session_id}/all{anchor}" if form.get("back") == "all" else \
            f"/sessions/{session_id}/q/{position}"
        return RedirectResponse(target, status_code=303)

    def summary(self, request: Request) -> Response:
        with self.sessions() as db:
            session = self.learner_session(db, request, request.path_params["session_id"])
            rows = []
            for served in session.questions:
                response = served.responses[-1] if served.responses else None
                rows.append((served, response.verdict if response is not None else None))
            earned = sum(v.points for _, v in rows if v is not None)
            available = sum(v.max_points for _, v in rows if v is not None)
            return self.page(request, "summary.html", {"session": session, "rows": rows, "earned": earned,
                                                       "available": available})

    def history(self, request: Request) -> Response:
        with self.sessions() as db:
            learner, answers = self.learner_answers(db, request)
            sessions = store.sessions_of(db, learner.id)
        per_session: dict[int, list[store.Scored]] = {}
        for a in answers:
            per_session.setdefault(a.session_id, []).append(a)
        running = Mastery()
        points = []
        table = []
        from .mastery import updated

        for s in sessions:
            done = per_session.get(s.id, [])
            for a in done:
                running = updated(running, a.score)
            earned, available = sum(a.points for a in done), sum(a.max_points for a in done)
            table.append((s, len(done), earned, available))
            if done:
                points.append((s.created_at, earned / available if available else 0.0, running.value))
        totals: dict[str, dict[str, list[float]]] = {"track": {}, "objective": {}}
        for a in answers:
            for group, key in (("track", a.track), ("objective", a.objective)):
                entry = totals[group].setdefault(key, [0.0, 0.0, 0])
                entry[0] += a.points
                entry[1] += a.max_points
                entry[2] += 1
        mastery = mastery_by((a.objective, a.score) for a in answers)
        return self.page(request, "history.html", {
            "sessions": table, "svg": progress_svg(points), "tracks": sorted(totals["track"].items()),
            "objectives": sorted(totals["objective"].items(), key=lambda kv: mastery[kv[0]].value),
            "mastery": mastery, "tracks_titles": {k: v.title for k, v in self.bank.curriculum.tracks.items()}})

    async def preview(self, request: Request) -> Response:
        text = request.query_params.get("text", "")
        variables = [v for v in request.query_params.get("variables", "").split(",") if v][:MAX_VARIABLES + 1]
        if len(variables) > MAX_VARIABLES or not all(re.fullmatch(NAME, v) for v in variables):
            return JSONResponse({"ok": False, "error": "bad variable names"}, status_code=400)
        return JSONResponse(await run_in_threadpool(preview, text, variables))


def _key_latex(answer: Answer) -> str:
    """The key as the page shows it after the verdict: LaTeX in math mode, or the option letters."""
    if answer.options:
        return ""
    return answer.latex or kind_of(answer).key_text(answer)


def _int(value: Any, default: int, least: int, most: int) -> int:
    try:
        number = int(str(value))
    except (TypeError, ValueError):
        return default
    return number if least <= number <= most else default


async def _http_error(request: Request, exc: HTTPException) -> Response:
    from html import escape

    body = (f"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{exc.status_code}</title>"
            f"<link rel=\"stylesheet\" href=\"/static/app.css\"></head><body><main><h1>{exc.status_code}</h1>"
            f"<p>{escape(str(exc.detail))}</p><p><a href=\"/\">Home</a></p></main></body></html>")
    return HTMLResponse(body, status_code=exc.status_code)


def create_app(config: Config) -> Starlette:
    """The ASGI app for one configuration (the database must already be migrated)."""
    pages = Pages(config)
    routes = [
        Route("/", pages.home),
        Route("/learner", pages.set_learner, methods=["POST"]),
        Route("/sessions", pages.new_session, methods=["POST"]),
        Route("/sessions/{session_id:int}", pages.session_start),
        Route("/sessions/{session_id:int}/all", pages.whole_quiz),
        Route("/sessions/{session_id:int}/summary", pages.summary),
        Route("/sessions/{session_id:int}/q/{position:int}", pages.question_page),
        Route("/sessions/{session_id:int}/q/{position:int}", pages.submit, methods=["POST"]),
        Route("/history", pages.history),
        Route("/api/preview", pages.preview),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]
    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette):
        yield
        pages.engine.dispose()

    app = Starlette(routes=routes, exception_handlers={HTTPException: _http_error}, lifespan=lifespan)
    app.state.pages = pages
    return Guard(app, token=config.token)
