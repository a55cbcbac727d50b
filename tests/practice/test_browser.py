"""A learner in a real browser: Debian's chromium driven by Playwright's Python client (never
`playwright install`) against the real server on 127.0.0.1. Five questions of weeks 3-4, typed into the
inputs (one wrong on purpose), the live preview, a reload mid-session that loses nothing, verdicts with
reasons and worked solutions, math typeset by the local KaTeX, and the session in the history; no console
error and no request anywhere but the app. Screenshots go to $MATHEXAMS_SCREENSHOTS when it is set."""

from __future__ import annotations

import os
import shutil
import threading
import time
from pathlib import Path

import pytest

from mathexams.model import Question
from mathexams.practice.app import Config, create_app
from mathexams.practice.database import session_factory
from mathexams.practice.models import ServedQuestion

from .conftest import _free_port
from .helpers import key_fields

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run"]
WRONG_ON_PURPOSE = 2


@pytest.fixture
def server(sqlite_url, bank):
    import uvicorn

    app = create_app(Config(database_url=sqlite_url, bank=bank))
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(200):
        if server.started:
            break
        time.sleep(0.05)
    assert server.started
    try:
        yield f"http://127.0.0.1:{port}", app.app.state.pages.engine
    finally:
        server.should_exit = True
        thread.join(timeout=30)


@pytest.fixture
def page(tmp_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        try:
            context = browser.new_context(viewport={"width": 1100, "height": 900})
            yield context.new_page()
        finally:
            browser.close()


def _shot(page, tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    page.screenshot(path=str(path), full_page=True)
    wanted = os.environ.get("MATHEXAMS_SCREENSHOTS")
    if wanted:
        Path(wanted).mkdir(parents=True, exist_ok=True)
        shutil.copy(path, Path(wanted) / name)


def _served_question(engine, served_id: int) -> Question:
    with session_factory(engine)() as db:
        return Question.from_dict(db.get(ServedQuestion, served_id).question)


def _type(page, fields: dict[str, list[str]]) -> None:
    for name, values in fields.items():
        boxes = page.locator(f'input[name="{name}"]')
        kind = boxes.first.get_attribute("type")
        if kind in ("radio", "checkbox"):
            for value in values:
                page.check(f'input[name="{name}"][value="{value}"]')
        else:
            page.fill(f'input[name="{name}"]', values[0])


def test_a_learner_completes_five_questions_in_chromium(server, page, tmp_path):
    from playwright.sync_api import expect

    base, engine = server
    errors: list[str] = []
    foreign: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: None if r.url.startswith(base + "/") else foreign.append(r.url))

    page.goto(base + "/")
    assert page.locator("details.cell").count() == 18
    page.check('#practice-form input[name="week"][value="3"]')
    page.check('#practice-form input[name="week"][value="4"]')
    page.fill('#practice-form input[name="count"]', "5")
    page.click("#start-practice")

    results = []
    for position in range(1, 6):
        page.wait_for_url(f"**/q/{position}")
        article = page.locator("article.question")
        served_id = int(article.get_attribute("data-served"))
        question = _served_question(engine, served_id)
        fields = key_fields(question.answer, wrong=position == WRONG_ON_PURPOSE)
        _type(page, fields)
        previews = page.locator(".preview")
        if previews.count():
            expect(previews.first).to_contain_text("Read as:")     # the parser's reading, typeset
        if position == 3:      # reload before sending: what was typed is still there, earlier verdicts too
            page.reload()
            for name, values in fields.items():
                box = page.locator(f'input[name="{name}"]').first
                if box.get_attribute("type") in ("radio", "checkbox"):
                    assert page.locator(f'input[name="{name}"][value="{values[0]}"]').is_checked()
                else:
                    assert box.input_value() == values[0]
        page.click("button.submit")
        page.wait_for_selector(".verdict")
        verdict = page.locator(".verdict .score strong").inner_text()
        results.append(verdict)
        assert page.locator(".solution").is_visible()
        assert page.locator(".reason").count() >= 1
        assert page.locator(".katex").count() > 0          # math typeset by the local KaTeX
        if position == WRONG_ON_PURPOSE:
            _shot(page, tmp_path, "practice-question-wrong.png")
        elif position == 1:
            _shot(page, tmp_path, "practice-question-right.png")
        page.click("#next" if position < 5 else "#finish")

    assert results[WRONG_ON_PURPOSE - 1] == "Not right"
    assert all(r == "Right" for i, r in enumerate(results) if i != WRONG_ON_PURPOSE - 1)
    page.wait_for_url("**/summary")
    _shot(page, tmp_path, "practice-summary.png")
    page.goto(base + "/sessions/1/q/1")                   # an answered question stays answered
    assert page.locator(".verdict").count() == 1
    page.goto(base + "/history")
    assert "Practice: weeks 3, 4" in page.locator("#sessions").inner_text()
    assert page.locator("svg.progress polyline").count() == 2
    _shot(page, tmp_path, "practice-history.png")
    page.goto(base + "/")
    _shot(page, tmp_path, "practice-home.png")
    assert errors == []
    assert foreign == []
