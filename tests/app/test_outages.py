"""When the database fails under the pages: a plain sentence that claims nothing was saved,
never a traceback."""

import streamlit as st
from streamlit.testing.v1 import AppTest

from app_pages import ui
from app_pages.text import Text
from tests.app.conftest import APP
from tests.app.pages import open_interview
from tests.faults.test_sqlite_faults import hold_write_lock

EN = Text("en")


def test_a_database_that_cannot_be_opened_is_a_sentence_not_a_traceback(tmp_path, monkeypatch):
    (tmp_path / "not-a-folder").write_text("a file where the database's folder should be")
    url = f"sqlite:///{tmp_path / 'not-a-folder' / 'app.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    st.cache_resource.clear()
    app = AppTest.from_file(str(APP), default_timeout=30)
    app.secrets["DATABASE_URL"] = url
    app.run()
    assert not app.exception
    assert [error.value for error in app.error] == [EN("error.app_unavailable")]
    st.cache_resource.clear()


def test_a_lock_held_past_the_timeout_shows_busy_and_keeps_the_draft_in_the_box(
    tmp_path, monkeypatch
):
    path = tmp_path / "app.db"
    url = f"sqlite:///{path}?timeout=0.3"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("INTERVIEW_RATE_LIMIT", "0")
    monkeypatch.setattr(ui.time, "sleep", lambda seconds: None)  # the page's retries
    st.cache_resource.clear()
    app = AppTest.from_file(str(APP), default_timeout=30)
    app.secrets["DATABASE_URL"] = url
    app.run()
    session_id = ui.get_api().create_session(
        candidate_name="Ada", role="backend", question_count=3, follow_up_count=0
    )["data"]["sessionId"]
    open_interview(app, session_id)

    holder = hold_write_lock(path, 3)
    app.text_area(key="answer").input("My answer, typed while another writer held the lock.")
    app.button(key="submit").click().run()
    holder.join()

    assert not app.exception
    assert EN("error.database_busy") in [warning.value for warning in app.warning]
    assert app.text_area(key="answer").value.startswith("My answer, typed")
    state = ui.get_api().get_current_question(session_id)["data"]
    assert state["currentIndex"] == 0
    st.cache_resource.clear()
