"""The store's statements that skip SQLAlchemy's execution layer agree with it, on both dialects."""

from datetime import UTC, datetime, timedelta
from pathlib import Path

import sqlalchemy

from interview.api import InterviewAPI
from interview.storage import store
from interview.storage.database import as_utc
from interview.storage.engine import default_url
from interview.storage.schema import answer_revisions


def test_direct_rows_equal_sqlalchemy_rows(any_url):
    api = InterviewAPI.from_url(any_url, rate_limit_per_second=None)
    session_id = api.create_session(candidate_name="Ada", role="backend", follow_up_count=1)[
        "data"
    ]["sessionId"]
    api.save_answer(session_id, 0, "a draft")
    api.submit_answer(session_id, 0, "Redis.")  # thin: a follow-up is inserted after it
    params = {"sid": session_id, "first": 0, "last": 2}
    with api.db.reading() as conn:
        direct = store._STATE_AND_QUESTIONS.rows(conn, params)
        through_sqlalchemy = conn.execute(store._STATE_AND_QUESTIONS.statement, params).all()
    assert [tuple(row) for row in direct] == [tuple(row) for row in through_sqlalchemy]
    assert [row.answered for row in direct] == [True, False, False]
    assert isinstance(direct[0].key_points, list) and direct[0].key_points
    api.close()


def test_direct_writes_store_times_sqlalchemy_reads_back_in_utc(any_url):
    api = InterviewAPI.from_url(any_url, rate_limit_per_second=None)
    session_id = api.create_session(candidate_name="Ada", role="backend", follow_up_count=0)[
        "data"
    ]["sessionId"]
    before = datetime.now(UTC)
    api.submit_answer(session_id, 0, "An answer.")
    with api.db.reading() as conn:
        saved_at = conn.execute(sqlalchemy.select(answer_revisions.c.saved_at)).scalar_one()
    assert before - timedelta(seconds=1) <= as_utc(saved_at) <= datetime.now(UTC)
    api.close()


def test_a_sqlite_database_runs_in_wal_mode_with_a_busy_timeout(sqlite_url):
    api = InterviewAPI.from_url(sqlite_url, rate_limit_per_second=None)
    with api.db.reading() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar_one() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar_one() >= 5000
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar_one() == 1
    api.close()


def test_with_no_database_url_the_default_is_a_sqlite_file_in_an_ignored_folder(monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    url = default_url()
    assert url.startswith("sqlite:///") and url.endswith("/var/rehearse.db")
    ignored = Path(__file__).resolve().parents[2] / ".gitignore"
    assert "/var/" in ignored.read_text().split()
