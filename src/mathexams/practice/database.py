"""Where the practice data lives: the database URL, the engine, migrations and sessions.

SQLite by default, in a file under the user's data directory (platformdirs), in WAL mode with a
busy timeout so several worker processes can share it; PostgreSQL when `--database` names one.
The schema is Alembic's: `migrate` brings any database to the newest revision before the app
serves (run once, by the command, not by each worker).
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from ..errors import MathExamsError

MIGRATIONS = Path(__file__).with_name("migrations")
SCHEMES = ("sqlite", "postgresql")


class BadDatabase(MathExamsError):
    """A database URL that cannot be used; the message names it (without its password)."""


def default_database_url() -> str:
    """A SQLite file in the user's data directory (created on first use)."""
    from platformdirs import user_data_dir

    folder = Path(user_data_dir("mathexams", appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'practice.sqlite3'}"


def shown_url(url: str) -> str:
    """The URL as it may be printed: the password hidden."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "(not a database URL)"


def make_engine(url: str) -> Engine:
    """An engine for a sqlite:// or postgresql:// URL (psycopg 3 for PostgreSQL)."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise BadDatabase(f"--database: {url[:80]!r} is not a database URL such as sqlite:///file.db or "
                          "postgresql://user@host/db") from None
    backend = parsed.get_backend_name()
    if backend not in SCHEMES:
        raise BadDatabase(f"--database {shown_url(url)}: only sqlite and postgresql databases are supported")
    if backend == "postgresql" and parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    if backend == "sqlite":
        engine = create_engine(parsed, connect_args={"timeout": 30, "check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(parsed, pool_pre_ping=True, pool_size=5, max_overflow=5)


def _sqlite_pragmas(connection, record) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def migrate(engine: Engine) -> None:
    """Bring the database to the newest schema revision (Alembic upgrade to head)."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    except SQLAlchemyError as exc:
        raise BadDatabase(f"database {shown_url(str(engine.url))}: {_first_line(exc)}") from None


def _first_line(exc: Exception) -> str:
    text = str(getattr(exc, "orig", None) or exc)
    return text.strip().splitlines()[0] if text.strip() else type(exc).__name__


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)
