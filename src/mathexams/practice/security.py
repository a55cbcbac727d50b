"""What keeps the practice server safe to run: an access token off the loopback interface, CSRF
protection on every form, bounded request bodies and strict response headers.

One pure ASGI middleware (`Guard`) does the per-request part without any server-side state:
- the CSRF token is a random value in an HttpOnly, SameSite=Strict cookie, repeated in a hidden
  field of every form (double submit); `check_csrf` compares the two in constant time;
- with `--host` the server answers only requests that carry the access token (a cookie, set once
  from `?token=` in the printed URL), because anyone on the network could otherwise read and write
  every learner's history;
- a request body larger than MAX_BODY is refused before it is read;
- every response carries a Content-Security-Policy that allows scripts, styles and fonts from the
  app itself only, so nothing can be loaded from the internet and injected markup cannot run.
"""

from __future__ import annotations

import hmac
import secrets
from http.cookies import SimpleCookie
from urllib.parse import parse_qs, urlencode

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSRF_COOKIE = "mx_csrf"
TOKEN_COOKIE = "mx_token"
CSRF_FIELD = "csrf"
MAX_BODY = 64 * 1024
HEADERS = [
    (b"content-security-policy",
     b"default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
     b"font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]


def new_token() -> str:
    return secrets.token_urlsafe(24)


def cookies_of(scope: Scope) -> dict[str, str]:
    jar: SimpleCookie = SimpleCookie()
    for name, value in scope.get("headers", []):
        if name == b"cookie":
            try:
                jar.load(value.decode("latin-1"))
            except Exception:   # a malformed cookie header is ignored, not fatal
                continue
    return {key: morsel.value for key, morsel in jar.items()}


def _cookie_header(name: str, value: str) -> tuple[bytes, bytes]:
    return b"set-cookie", f"{name}={value}; Path=/; HttpOnly; SameSite=Strict".encode("latin-1")


class Guard:
    """The ASGI middleware described in the module docstring."""

    def __init__(self, app: ASGIApp, token: str | None = None):
        self.app = app
        self.token = token

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        cookies = cookies_of(scope)
        extra: list[tuple[bytes, bytes]] = []
        if self.token is not None and not hmac.compare_digest(cookies.get(TOKEN_COOKIE, ""), self.token):
            query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
            offered = (query.get("token") or [""])[0]
            if hmac.compare_digest(offered, self.token):
                rest = urlencode({k: v for k, v in query.items() if k != "token"}, doseq=True)
                location = scope.get("path", "/") + (f"?{rest}" if rest else "")
                await _plain(send, 303, "", [(b"location", location.encode("latin-1")),
                                              _cookie_header(TOKEN_COOKIE, self.token)])
                return
            await _plain(send, 403, "This practice server needs its access token: open the URL that "
                                    "`mathexams practice` printed (it ends in ?token=...).\n")
            return
        csrf = cookies.get(CSRF_COOKIE, "")
        if len(csrf) < 16 or len(csrf) > 64:
            csrf = new_token()
            extra.append(_cookie_header(CSRF_COOKIE, csrf))
            scope.setdefault("state", {})["csrf_fresh"] = True
        scope.setdefault("state", {})["csrf"] = csrf
        if scope["method"] in ("POST", "PUT", "PATCH", "DELETE"):
            length = dict(scope.get("headers", [])).get(b"content-length")
            if length is None or not length.isdigit():
                await _plain(send, 411, "A form must say its length.\n")
                return
            if int(length) > MAX_BODY:
                await _plain(send, 413, f"A form may hold at most {MAX_BODY // 1024} KB.\n")
                return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *HEADERS, *extra]
            await send(message)

        await self.app(scope, receive, send_with_headers)


async def _plain(send: Send, status: int, text: str, headers: list[tuple[bytes, bytes]] = ()) -> None:
    body = text.encode("utf-8")
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                            (b"content-length", str(len(body)).encode()), *HEADERS, *headers]})
    await send({"type": "http.response.body", "body": body})


def check_csrf(state: dict, submitted: object) -> None:
    """Refuse a form whose hidden token does not match its cookie (403)."""
    expected = state.get("csrf", "")
    if (state.get("csrf_fresh") or not isinstance(submitted, str)
            or not hmac.compare_digest(submitted.encode(), expected.encode())):
        raise HTTPException(403, "The form's security token is missing or stale: reload the page and try again.")
