"""Fixtures: a fresh InterviewAPI on a temporary SQLite file, or on its own PostgreSQL schema."""

import os
import secrets

import pytest
import sqlalchemy

from interview.api import InterviewAPI

PG_URL_ENV = "TEST_DATABASE_URL"


@pytest.fixture
def sqlite_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'interview.db'}"


def _postgres_or_skip() -> str:
    url = os.environ.get(PG_URL_ENV, "").strip()
    reason = f"{PG_URL_ENV} is not set" if not url else None
    if url:
        try:
            engine = sqlalchemy.create_engine(url.replace("postgresql://", "postgresql+psycopg://"))
            with engine.connect():
                pass
            engine.dispose()
        except Exception as failure:  # unreachable server: say why
            reason = f"PostgreSQL at {PG_URL_ENV} is unreachable: {failure}"
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"{reason} (CI is set, so this test must not skip)")
        pytest.skip(reason)
    return url


@pytest.fixture
def postgres_url():
    """A URL whose search_path is a new, empty schema, dropped after the test."""
    base = _postgres_or_skip()
    schema = f"t_{secrets.token_hex(6)}"
    engine = sqlalchemy.create_engine(base.replace("postgresql://", "postgresql+psycopg://"))
    with engine.begin() as conn:
        conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
    separator = "&" if "?" in base else "?"
    yield f"{base}{separator}options=-csearch_path%3D{schema}"
    with engine.begin() as conn:
        conn.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")
    engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def any_url(request) -> str:
    """Each test using this runs on SQLite and on PostgreSQL."""
    if request.param == "sqlite":
        return request.getfixturevalue("sqlite_url")
    return request.getfixturevalue("postgres_url")


@pytest.fixture
def api(any_url):
    """The API on a new SQLite file and on a new PostgreSQL schema, rate limit off."""
    api = InterviewAPI.from_url(any_url, rate_limit_per_second=None)
    yield api
    api.close()
