"""PostgreSQL restarted mid-interview, and PostgreSQL down: on a private server of the test's own.

Measured before: after a restart the next two submits were 500 "Server error" (stale pooled
connections), and while it was down every call was a 500. Now a connection found dead drops
the pools and the call runs once more, so a restart costs nothing, and an outage is a 503 the
page turns into "try again".
"""

import psycopg
import pytest

from interview.api import InterviewAPI
from tests.faults.private_postgres import PrivatePostgres
from tests.unit.test_api_errors import GOOD, assert_envelope, new_session

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def postgres():
    server = PrivatePostgres().start()
    yield server
    server.remove()


def answers(api: InterviewAPI, session_id: str) -> list[str | None]:
    return [q["userAnswer"] for q in api.get_session(session_id)["data"]["questions"]]


def test_after_a_restart_the_next_submit_succeeds_and_nothing_is_lost_or_doubled(postgres):
    api = InterviewAPI.from_url(postgres.url, rate_limit_per_second=10)
    session_id = new_session(api, question_count=3)
    assert api.submit_answer(session_id, 0, GOOD)["code"] == 200
    assert api.save_answer(session_id, 1, "draft before the restart")["code"] == 200

    postgres.restart()

    assert api.get_current_question(session_id)["data"]["question"]["userAnswer"] == (
        "draft before the restart"
    )
    assert api.submit_answer(session_id, 1, "second answer")["code"] == 200
    assert api.submit_answer(session_id, 2, "third answer")["code"] == 200
    assert answers(api, session_id) == [GOOD, "second answer", "third answer"]
    assert api.generate_report(session_id)["code"] == 200
    api.close()


def test_while_it_is_down_every_call_is_a_503_and_afterwards_all_is_there(postgres):
    api = InterviewAPI.from_url(postgres.url, rate_limit_per_second=10)
    session_id = new_session(api, question_count=3)
    assert api.submit_answer(session_id, 0, GOOD)["code"] == 200

    postgres.stop()
    try:
        for result in (
            api.save_answer(session_id, 1, "typed while the database was down"),
            api.submit_answer(session_id, 1, "typed while the database was down"),
            api.get_current_question(session_id),
            api.get_session(session_id),
            api.create_session(candidate_name="Grace", role="backend"),
        ):
            assert_envelope(result, 503, "Database unavailable")
    finally:
        postgres.start()

    assert answers(api, session_id) == [GOOD, None, None]
    assert api.submit_answer(session_id, 1, "sent again once it was back")["code"] == 200
    assert answers(api, session_id) == [GOOD, "sent again once it was back", None]
    api.close()


def test_too_many_connections_is_busy_not_unwritable(postgres):
    """SQLSTATE 53300 is in class 53 beside a full disk, but a moment later the same call works:
    503 "Database busy", not 507 "Database not writable"."""
    admin = psycopg.connect(postgres.url, autocommit=True)
    admin.execute("DROP DATABASE IF EXISTS crowded")
    admin.execute("DROP ROLE IF EXISTS crowded")
    # Not a superuser: superusers are exempt from a role's connection limit.
    admin.execute("CREATE ROLE crowded LOGIN CONNECTION LIMIT 1")
    admin.execute("CREATE DATABASE crowded OWNER crowded")
    url = postgres.url.replace("postgres@", "crowded@", 1).rsplit("/", 1)[0] + "/crowded"
    api = InterviewAPI.from_url(url, rate_limit_per_second=None)
    session_id = new_session(api, question_count=3)
    api.db.dispose()
    holder = psycopg.connect(url)  # the role's one connection
    try:
        assert_envelope(api.get_session(session_id), 503, "Database busy")
    finally:
        holder.close()
    assert api.get_session(session_id)["code"] == 200
    api.close()
    admin.close()
