"""Engines for a SQLAlchemy URL, with our SQLite settings, and the default database location."""

import os
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, make_url

DEFAULT_DB_DIR = Path(__file__).resolve().parents[2] / "var"
# How long a SQLite write waits for another writer's lock: a candidate is waiting, so past this
# they are told the database is busy (503) rather than left looking at a spinner. A URL's
# ?timeout=SECONDS (SQLAlchemy's own pysqlite parameter) sets another.
BUSY_TIMEOUT_MS = 10_000


def default_url() -> str:
    """DATABASE_URL, or a SQLite file in the git-ignored var/ folder (created on first use)."""
    url = os.environ.get("DATABASE_URL", "").strip()
    if url:
        return url
    DEFAULT_DB_DIR.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{DEFAULT_DB_DIR / 'rehearse.db'}"


def make_engine(url: str) -> Engine:
    """An engine with our SQLite settings (WAL, busy timeout, BEGIN IMMEDIATE) where relevant."""
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    if not url.startswith("sqlite"):
        # No ping on checkout (a round trip per transaction: ~15% of PostgreSQL's submits/s).
        # A server restart is handled when it shows: Database forgets every pooled connection
        # and the API runs the failed call once more (interview/api/envelopes.py).
        return create_engine(url, pool_pre_ping=False)
    _ensure_sqlite_folder(url)
    busy_ms = sqlite_busy_timeout_ms(url)
    engine = create_engine(url, connect_args={"timeout": busy_ms / 1000})

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection, _record):
        # Let SQLAlchemy's begin event, not pysqlite, decide when transactions start.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={busy_ms}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn):
        read_only = conn.get_execution_options().get("rehearse_read_only", False)
        conn.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")

    return engine


def sqlite_busy_timeout_ms(url: str) -> int:
    """The busy timeout of a SQLite URL: its ?timeout= in seconds, else BUSY_TIMEOUT_MS."""
    raw = make_url(url).query.get("timeout")
    if raw is None:
        return BUSY_TIMEOUT_MS
    seconds = float(raw if isinstance(raw, str) else raw[-1])
    if not seconds >= 0:
        raise ValueError(f"a SQLite URL's timeout must be seconds >= 0, not {raw!r}")
    return int(seconds * 1000)


def _ensure_sqlite_folder(url: str) -> None:
    path = url.split(":///", 1)[1] if ":///" in url else ""
    path = path.split("?", 1)[0]
    if path and path != ":memory:":
        Path(path).expanduser().parent.mkdir(parents=True, exist_ok=True)
