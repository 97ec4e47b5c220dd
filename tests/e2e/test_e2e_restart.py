"""The server dies mid-interview (SIGKILL); a new one on the same database resumes from the URL."""

import signal

import pytest
from playwright.sync_api import expect

from interview.api import InterviewAPI
from tests.e2e.harness import start_server
from tests.e2e.helpers import (
    ANSWER_BOX,
    SPECIFIC_ANSWER,
    current,
    expect_question,
    open_page,
    session_id_of,
    stored_answer,
    submit,
    type_draft,
)

pytestmark = pytest.mark.slow


@pytest.fixture
def servers(tmp_path):
    """Servers this test starts (all on one database file), each killed at teardown."""
    started = []

    def start():
        started.append(start_server(tmp_path / "e2e.db", tmp_path / f"streamlit{len(started)}.log"))
        return started[-1]

    yield start
    for server in started:
        server.kill(signal.SIGKILL)


def test_a_killed_server_loses_nothing_a_new_one_resumes(servers, page):
    first = servers()
    engine = InterviewAPI.from_url(first.database_url, rate_limit_per_second=None)
    try:
        created = engine.create_session(
            candidate_name="Restart E2E", role="backend", question_count=3, follow_up_count=0
        )
        session_id = created["data"]["sessionId"]
        open_page(page, first.url("/interview", session_id), ANSWER_BOX)
        expect_question(page, current(engine, session_id)["question"])
        type_draft(page, engine, session_id, 0, SPECIFIC_ANSWER)
        after_first = submit(page, engine, session_id)
        index = after_first["currentIndex"]
        assert index == 1
        draft = "Typed just before the crash: I would check the connection pool first."
        type_draft(page, engine, session_id, index, draft)

        first.kill(signal.SIGKILL)
        assert first.process.returncode == -signal.SIGKILL

        second = servers()
        open_page(page, second.url("/interview", session_id), ANSWER_BOX)
        assert session_id_of(page) == session_id
        state = current(engine, session_id)
        assert state["currentIndex"] == index
        expect_question(page, state["question"])
        expect(page.locator(ANSWER_BOX)).to_have_value(draft)

        # Submitting continues on the new server: the draft is the answer, the next one is shown.
        after_second = submit(page, engine, session_id)
        assert after_second["currentIndex"] == index + 1
        assert stored_answer(engine, session_id, index) == draft
        assert stored_answer(engine, session_id, 0) == SPECIFIC_ANSWER
    finally:
        engine.close()
