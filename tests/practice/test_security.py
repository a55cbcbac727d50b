"""Hostile input against the practice app: forms without their CSRF token, oversized fields and
bodies, markup typed into answers and names (echoed escaped), the access token off loopback, and
the headers that keep every script and font local."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from mathexams.practice.app import Config, create_app
from mathexams.practice.server import is_loopback

from .helpers import csrf_of
from .test_flow import _session_with


def test_a_form_without_its_csrf_token_is_refused(client):
    client.get("/")
    for data in ({"mode": "practice"}, {"mode": "practice", "csrf": "forged-token-forged-token"}):
        page = client.post("/sessions", data=data)
        assert page.status_code == 403
        assert "security token" in page.text


def test_a_cross_site_post_has_no_cookie_so_its_token_cannot_match(sqlite_url, bank):
    """A page elsewhere can post a form, but SameSite=Strict keeps the cookie back: a fresh cookie never matches."""
    with TestClient(create_app(Config(database_url=sqlite_url, bank=bank))) as other:
        token = csrf_of(other)
    with TestClient(create_app(Config(database_url=sqlite_url, bank=bank))) as victim:
        page = victim.post("/sessions", data={"csrf": token, "mode": "practice"})
    assert page.status_code == 403


def test_the_csrf_cookie_is_http_only_and_same_site_strict(client):
    cookie = client.get("/").headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie


def test_an_answer_field_longer_than_the_limit_is_refused(client, sqlite_url, bank):
    session_id = _session_with(sqlite_url, bank, ["calc.rules.chain"])
    csrf = csrf_of(client, f"/sessions/{session_id}/q/1")
    page = client.post(f"/sessions/{session_id}/q/1", data={"csrf": csrf, "r": "x" * 1001})
    assert page.status_code == 413
    assert "1000 characters" in page.text


def test_a_body_larger_than_64_kb_is_refused_before_it_is_read(client):
    csrf = csrf_of(client)
    page = client.post("/sessions", data={"csrf": csrf, "mode": "practice", "filler": "y" * 70_000})
    assert page.status_code == 413


def test_too_many_fields_are_refused(client):
    csrf = csrf_of(client)
    page = client.post("/sessions", data={"csrf": csrf, **{f"f{i}": "1" for i in range(300)}})
    assert page.status_code == 400


def test_markup_typed_as_an_answer_is_echoed_escaped(client, sqlite_url, bank):
    session_id = _session_with(sqlite_url, bank, ["calc.rules.chain"])
    csrf = csrf_of(client, f"/sessions/{session_id}/q/1")
    attack = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    page = client.post(f"/sessions/{session_id}/q/1", data={"csrf": csrf, "r": attack})
    assert "<script>alert" not in page.text and "<img src=x" not in page.text
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page.text
    assert "not understood" in page.text


def test_a_hostile_learner_name_is_refused_and_a_bad_cookie_ignored(client):
    csrf = csrf_of(client)
    assert client.post("/learner", data={"csrf": csrf, "name": "<b>me</b>"}).status_code == 400
    client.cookies.set("mx_learner", "<script>")
    page = client.get("/")
    assert "<script>" not in page.text.split("</head>")[1]
    assert "Learner: <strong>learner</strong>" in page.text


def test_the_preview_endpoint_bounds_its_input(client):
    assert client.get("/api/preview", params={"text": "x" * 1001}).json() == {
        "ok": False, "error": "longer than 1000 characters"}
    assert client.get("/api/preview", params={"text": "x", "variables": "__import__('os')"}).status_code == 400
    reading = client.get("/api/preview", params={"text": "</script><script>alert(1)</script>"}).json()
    assert reading["ok"] is False and reading["error"].startswith("not understood")


def test_every_page_forbids_scripts_and_fonts_from_elsewhere(client):
    headers = client.get("/").headers
    policy = headers["content-security-policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy and "font-src 'self'" in policy
    assert headers["x-frame-options"] == "DENY" and headers["x-content-type-options"] == "nosniff"


def test_off_loopback_every_request_needs_the_token(sqlite_url, bank):
    token = "t" * 32
    with TestClient(create_app(Config(database_url=sqlite_url, bank=bank, token=token))) as c:
        refused = c.get("/")
        assert refused.status_code == 403 and "access token" in refused.text
        assert c.get("/static/app.css").status_code == 403
        assert c.get("/?token=" + "u" * 32).status_code == 403
        entered = c.get(f"/?token={token}", follow_redirects=False)
        assert entered.status_code == 303 and entered.headers["location"] == "/"
        assert "mx_token=" in entered.headers["set-cookie"]
        c.cookies.set("mx_token", token)
        assert c.get("/").status_code == 200


@pytest.mark.parametrize("host, loopback", [("127.0.0.1", True), ("localhost", True), ("::1", True),
                                            ("127.0.0.2", True), ("0.0.0.0", False), ("192.0.2.1", False),
                                            ("example.org", False)])
def test_only_loopback_hosts_go_without_a_token(host, loopback):
    assert is_loopback(host) is loopback
