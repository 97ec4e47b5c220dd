"""The database: the transaction discipline every use case goes through, and its clock.

Every write is one transaction that rolls back unless it completes. On SQLite a transaction
starts with BEGIN IMMEDIATE, so writers queue on the busy timeout instead of failing later
with a stale snapshot; on PostgreSQL row locks taken by conditional UPDATEs do the same.
"""

import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

from sqlalchemy import Connection, Engine, create_engine, event, text

from interview.storage.engine import make_engine
from interview.storage.migrations import upgrade_to_head


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
        for pool_owner in {self.engine, self.autocommit_engine}:
            event.listen(pool_owner, "handle_error", self._forget_connections_on_disconnect)

    @classmethod
    def from_url(cls, url: str) -> "Database":
        """Open (and migrate) the database at a SQLAlchemy URL."""
        database = cls(make_engine(url))
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

    def _forget_connections_on_disconnect(self, context) -> None:
        """A connection was found dead (the server restarted): every pooled one is as stale.

        SQLAlchemy already drops the pool that found it; the other engine's pool is dropped
        too, so that the call the API runs again gets fresh connections on both."""
        if context.is_disconnect:
            self.engine.dispose(close=False)
            if self.autocommit_engine is not self.read_engine:
                self.autocommit_engine.dispose(close=False)

    def dispose(self) -> None:
        self.engine.dispose()
        self.autocommit_engine.dispose()
