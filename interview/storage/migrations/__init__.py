"""Alembic migrations for the interview store, applied whenever the API opens a database."""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, text

MIGRATIONS_DIR = Path(__file__).resolve().parent
# Any constant shared by every process: PostgreSQL's advisory lock for migrating one at a time.
_MIGRATION_LOCK_KEY = 72_011_235


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def _migrate(engine: Engine, step, revision: str) -> None:
    """Run an Alembic command in one transaction, one process at a time."""
    config = alembic_config()
    with engine.connect() as conn, _foreign_keys_off_on_sqlite(conn), conn.begin():
        # BEGIN IMMEDIATE on SQLite serialises migrating processes; PostgreSQL takes a lock.
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK_KEY})
        config.attributes["connection"] = conn
        step(config, revision)
        if conn.dialect.name == "sqlite":
            problems = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if problems:
                raise RuntimeError(f"migration to {revision} broke foreign keys: {problems[:5]}")


@contextmanager
def _foreign_keys_off_on_sqlite(conn: Connection) -> Iterator[None]:
    """SQLite rebuilds a table to alter it; with foreign keys on, dropping the old copy would
    cascade-delete every row that refers to it (SQLite's documented procedure turns them off)."""
    if conn.dialect.name != "sqlite":
        yield
        return
    # Outside any transaction, where the pragma takes effect: straight on the driver connection.
    driver = conn.connection.dbapi_connection
    driver.execute("PRAGMA foreign_keys=OFF")
    try:
        yield
    finally:
        driver.execute("PRAGMA foreign_keys=ON")


def upgrade(engine: Engine, revision: str = "head") -> None:
    _migrate(engine, command.upgrade, revision)


def downgrade(engine: Engine, revision: str) -> None:
    _migrate(engine, command.downgrade, revision)


def upgrade_to_head(engine: Engine) -> None:
    upgrade(engine, "head")
