"""`mathexams practice`: migrate the database, configure the workers, then serve the app with uvicorn.

On 127.0.0.1 (the default) the app needs no login: only programs on this computer can reach it.
Any other `--host` makes it reachable from the network, so every request must then carry the
access token (printed in the URL; `--token` or MATHEXAMS_PRACTICE_TOKEN to choose it, e.g. for
several servers behind one proxy). Several `--workers` share the database and nothing else, so the
configuration travels to each worker process in one environment variable.
"""

from __future__ import annotations

import ipaddress
import json
import os
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import MathExamsError
from .app import LEARNER_NAME, Config, create_app
from .database import default_database_url, make_engine, migrate, shown_url

CONFIG_VARIABLE = "MATHEXAMS_PRACTICE_CONFIG"
TOKEN_VARIABLE = "MATHEXAMS_PRACTICE_TOKEN"
MIN_TOKEN = 16


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _bank(folders: Sequence[str], no_shipped: bool):
    from ..bank import DEFAULT_BANK, load_bank

    paths = [Path(f) for f in folders]
    if no_shipped and not paths:
        raise MathExamsError("--no-shipped-bank needs at least one --bank DIR")
    return load_bank(paths if no_shipped else [DEFAULT_BANK, *paths])


def app_from_environment():
    """The app of one worker process, configured by the command through CONFIG_VARIABLE (uvicorn --factory)."""
    settings = json.loads(os.environ[CONFIG_VARIABLE])
    return create_app(Config(database_url=settings["database"], learner=settings["learner"], token=settings["token"],
                             bank=_bank(settings["banks"], settings["no_shipped"])))


@dataclass(frozen=True)
class Server:
    """A migrated database and a configuration ready to serve: what the command prints, then `run`."""

    url: str               # the address to open (with ?token= off loopback)
    database: str          # the database, password hidden
    host: str
    port: int
    workers: int

    def run(self) -> None:
        import uvicorn

        uvicorn.run("mathexams.practice.server:app_from_environment", factory=True, host=self.host, port=self.port,
                    workers=self.workers, log_level="warning", access_log=False)


def prepare(*, host: str, port: int, database: str | None, learner: str, workers: int, token: str | None,
            banks: Sequence[str] = (), no_shipped: bool = False) -> Server:
    """Check the options, migrate the database and hand the configuration to the worker processes."""
    if not LEARNER_NAME.match(learner):
        raise MathExamsError(f"--learner {learner[:70]!r}: 1-64 letters, digits, spaces, '.', '_' or '-'")
    url = database or default_database_url()
    engine = make_engine(url)
    try:
        migrate(engine)
    finally:
        engine.dispose()
    if not is_loopback(host):
        token = token or os.environ.get(TOKEN_VARIABLE) or secrets.token_urlsafe(24)
        if len(token) < MIN_TOKEN:
            raise MathExamsError(f"--token: at least {MIN_TOKEN} characters when serving on {host}")
    else:
        token = token or os.environ.get(TOKEN_VARIABLE) or None
    _bank(banks, no_shipped)   # a broken bank fails here, in one line, not in each worker
    os.environ[CONFIG_VARIABLE] = json.dumps({"database": url, "learner": learner, "token": token,
                                             "banks": [str(b) for b in banks], "no_shipped": no_shipped})
    shown_host = f"[{host}]" if ":" in host else host
    address = f"http://{shown_host}:{port}/" + (f"?token={token}" if token else "")
    return Server(address, shown_url(url), host, port, workers)
