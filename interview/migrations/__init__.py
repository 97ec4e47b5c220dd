"""Alembic migrations for the interview store, applied whenever the API opens a database."""

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, text

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
    with engine.begin() as conn:  # BEGIN IMMEDIATE on SQLite also serialises migrating processes
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK_KEY})
        config.attributes["connection"] = conn
        step(config, revision)


def upgrade(engine: Engine, revision: str = "head") -> None:
    _migrate(engine, command.upgrade, revision)


def downgrade(engine: Engine, revision: str) -> None:
    _migrate(engine, command.downgrade, revision)


def upgrade_to_head(engine: Engine) -> None:
    upgrade(engine, "head")
