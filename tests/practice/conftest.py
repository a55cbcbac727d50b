"""Fixtures of the practice app's tests: a migrated SQLite database per test, a client, and a
throw-away PostgreSQL server (Debian's postgresql package: initdb and pg_ctl under a temp dir,
run as the `postgres` user when the tests run as root) for the tests marked `postgres`."""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import pytest

from mathexams.practice.app import Config, create_app
from mathexams.practice.database import make_engine, migrate


def pytest_collection_modifyitems(config, items):
    """Browser and PostgreSQL tests skip visibly where chromium or PostgreSQL is missing, and fail in CI."""
    if os.environ.get("CI", "").lower() == "true":
        return
    missing = {"browser": not Path("/usr/bin/chromium").exists(), "postgres": _pg_bin("initdb") is None}
    for item in items:
        for marker, absent in missing.items():
            if absent and marker in item.keywords:
                item.add_marker(pytest.mark.skip(reason=f"{marker} tools not installed: run `make practice-tools`"))


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'practice.sqlite3'}"
    _migrated(url)
    return url


def _migrated(url: str) -> None:
    engine = make_engine(url)
    try:
        migrate(engine)
    finally:
        engine.dispose()


@pytest.fixture
def client(sqlite_url, bank):
    from starlette.testclient import TestClient

    with TestClient(create_app(Config(database_url=sqlite_url, bank=bank))) as c:
        yield c


def _pg_bin(name: str) -> str | None:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return found[-1] if found else shutil.which(name)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def postgres_server():
    """A PostgreSQL server on 127.0.0.1 for this test run only; yields its base URL (no database)."""
    initdb, pg_ctl = _pg_bin("initdb"), _pg_bin("pg_ctl")
    if initdb is None or pg_ctl is None:
        pytest.fail("PostgreSQL's initdb/pg_ctl not found: run `make practice-tools` (Debian package postgresql)")
    folder = Path(tempfile.mkdtemp(prefix="mathexams-pg-"))
    data = folder / "data"
    as_user: list[str] = []
    if os.geteuid() == 0:    # PostgreSQL refuses to run as root
        user = pwd.getpwnam("postgres")
        os.chown(folder, user.pw_uid, user.pw_gid)
        as_user = ["runuser", "-u", "postgres", "--"]
    port = _free_port()
    env = {"PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "LANG": "C.UTF-8"}
    subprocess.run([*as_user, initdb, "-D", str(data), "-A", "trust", "-U", "mathexams", "--no-sync"],
                   check=True, capture_output=True, env=env, timeout=120)
    options = f"-h 127.0.0.1 -p {port} -k {folder} -c fsync=off -c full_page_writes=off"
    subprocess.run([*as_user, pg_ctl, "-D", str(data), "-o", options, "-l", str(folder / "log"), "-w", "-t", "60",
                    "start"], check=True, capture_output=True, env=env, timeout=120)
    try:
        yield f"postgresql://mathexams@127.0.0.1:{port}"
    finally:
        subprocess.run([*as_user, pg_ctl, "-D", str(data), "-m", "immediate", "-w", "stop"],
                       capture_output=True, env=env, timeout=60)
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def postgres_url(postgres_server, request):
    """A fresh, migrated database on the throw-away server for one test."""
    import psycopg

    name = "t_" + request.node.name.lower().replace("[", "_").replace("]", "").replace("-", "_")[:40]
    with psycopg.connect(f"{postgres_server}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    url = f"{postgres_server}/{name}"
    _migrated(url)
    return url
