"""The database: engines, the default location, and the transaction discipline.

Every write is one transaction that rolls back unless it completes. On SQLite a transaction
starts with BEGIN IMMEDIATE, so writers queue on the busy timeout instead of failing later
with a stale snapshot; on PostgreSQL row locks taken by conditional UPDATEs do the same.
"""

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event, text

DEFAULT_DB_DIR = Path(__file__).resolve().parent.parent / "var"
BUSY_TIMEOUT_MS = 30_000


def default_url() -> str:
    """DATABASE_URL, or a SQLite file in the git-ignored var/ folder (created on first use)."""
    url = os.environ.get("DATABASE_URL", "").strip()
    if url:
        return url
    DEFAULT_DB_DIR.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{DEFAULT_DB_DIR / 'rehearse.db'}"


def utcnow() -> datetime:
    return datetime.now(UTC)


def as_utc(value: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes; everything we store is UTC."""
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=UTC)


_PG_NOW_MS = text("SELECT CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS BIGINT)")
_LOCK_RATE_LIMITER = text("SELECT id FROM rate_limiter WHERE id = 1 FOR UPDATE")


class Database:
    """The engine plus the transaction discipline every use case goes through."""

    def __init__(self, engine: Engine):
        self.engine = engine
        self.read_engine = engine.execution_options(rehearse_read_only=True)
        self.is_sqlite = engine.dialect.name == "sqlite"
        # On a server, BEGIN and COMMIT are two round trips that unchecked_reads can skip; its own
        # pool, so that connections never switch isolation level (which costs round trips too).
        self.autocommit_engine = (
            self.read_engine
            if self.is_sqlite
            else create_engine(engine.url, isolation_level="AUTOCOMMIT")
        )

    @classmethod
    def from_url(cls, url: str) -> "Database":
        """Open (and migrate) the database at a SQLAlchemy URL."""
        database = cls(make_engine(url))
        # Imported here: the migrations' environment imports this module.
        from interview.migrations import upgrade_to_head

        upgrade_to_head(database.engine)
        return database

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """One unit of work: commits when the block ends, rolls back on any exception."""
        with self.engine.begin() as conn:
            yield conn

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        """A consistent read that takes no write lock (a deferred BEGIN on SQLite)."""
        with self.read_engine.begin() as conn:
            yield conn

    @contextmanager
    def unchecked_reads(self) -> Iterator[Connection]:
        """Reads that need not be one snapshot: the caller checks them again when it writes."""
        with self.autocommit_engine.connect() as conn:
            if self.is_sqlite:
                with conn.begin():
                    yield conn
            else:
                yield conn

    def now_ms(self, conn: Connection) -> int:
        """Milliseconds from the clock every process shares.

        On PostgreSQL that is the server's clock (app processes may run on several machines);
        a SQLite file is only shared by processes of one machine, whose clock they share.
        """
        if self.is_sqlite:
            return time.time_ns() // 1_000_000
        return conn.execute(_PG_NOW_MS).scalar_one()

    def lock_rate_limiter(self, conn: Connection) -> None:
        """Serialise rate-limit checks; SQLite's BEGIN IMMEDIATE already does."""
        if not self.is_sqlite:
            conn.execute(_LOCK_RATE_LIMITER)

    def dispose(self) -> None:
        self.engine.dispose()
        self.autocommit_engine.dispose()


def make_engine(url: str) -> Engine:
    """An engine with our SQLite settings (WAL, busy timeout, BEGIN IMMEDIATE) where relevant."""
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    if not url.startswith("sqlite"):
        return create_engine(url, pool_pre_ping=False)
    _ensure_sqlite_folder(url)
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection, _record):
        # Let SQLAlchemy's begin event, not pysqlite, decide when transactions start.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn):
        read_only = conn.get_execution_options().get("rehearse_read_only", False)
        conn.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")

    return engine


def _ensure_sqlite_folder(url: str) -> None:
    path = url.split(":///", 1)[1] if ":///" in url else ""
    path = path.split("?", 1)[0]
    if path and path != ":memory:":
        Path(path).expanduser().parent.mkdir(parents=True, exist_ok=True)
