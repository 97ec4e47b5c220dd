"""The Streamlit app and the API server on one database: one session answered in both, and one
rate limit that counts the submits of both (API.md: over ALL sessions and ALL processes).

The app runs under AppTest through app.py; the API server is a real uvicorn process. Both run
on a SQLite file and on the real PostgreSQL.
"""

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from app_pages import ui
from app_pages.text import Text
from interview.api import InterviewAPI
from tests.app.pages import STRONG_CACHING_ANSWER, captions, open_interview
from tests.http.harness import ApiServer, start_api_server

pytestmark = pytest.mark.slow
APP = Path(__file__).resolve().parents[2] / "app.py"
EN = Text("en")
SESSIONS = "/api/interview/sessions"
WINDOW = 1.0  # seconds: the rate limit's sliding window


def app_on(url: str, monkeypatch, rate_limit: int) -> AppTest:
    """The app through app.py on `url`, with this submit rate limit (as its settings say)."""
    st.cache_resource.clear()  # the cached engine would still be the previous test's
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("INTERVIEW_RATE_LIMIT", str(rate_limit))
    app = AppTest.from_file(str(APP), default_timeout=30)
    app.secrets["DATABASE_URL"] = url  # over a developer's own secrets.toml
    app.secrets["INTERVIEW_RATE_LIMIT"] = str(rate_limit)
    return app


@pytest.fixture
def engine(any_url) -> Iterator[InterviewAPI]:
    """The engine on the shared database, for making sessions and reading what was stored."""
    api = InterviewAPI.from_url(any_url, rate_limit_per_second=None)
    yield api
    api.close()
    st.cache_resource.clear()  # closes the app's engine too


def new_session(engine: InterviewAPI) -> str:
    created = engine.create_session(
        candidate_name="Ada", role="backend", question_count=3, follow_up_count=0
    )
    return created["data"]["sessionId"]


@pytest.fixture
def server(any_url, tmp_path, engine) -> Iterator[ApiServer]:
    """The API server on the app's database, with no rate limit."""
    started = start_api_server(any_url, tmp_path)
    yield started
    started.stop()


@pytest.fixture
def limited_server(any_url, tmp_path, engine) -> Iterator[ApiServer]:
    """The API server on the app's database, at one submit per second."""
    started = start_api_server(any_url, tmp_path, rate_limit=1)
    yield started
    started.stop()


def test_a_session_started_over_http_is_answered_in_the_app_and_over_http_alike(
    any_url, monkeypatch, server
):
    with server.client() as http:
        body = {"candidateName": "Ada", "role": "backend", "questionCount": 3, "followUpCount": 0}
        session = http.post(SESSIONS, json=body).json()["data"]
        here = f"{SESSIONS}/{session['sessionId']}"
        questions = [q["question"] for q in session["questions"]]

        app = open_interview(app_on(any_url, monkeypatch, 0), session["sessionId"])
        assert app.subheader[0].value == ui.as_plain_markdown(questions[0])
        app.text_area(key="answer").input(STRONG_CACHING_ANSWER)
        app.button(key="submit").click().run()
        seen = http.get(here).json()["data"]
        assert seen["currentIndex"] == 1
        assert seen["questions"][0]["userAnswer"] == STRONG_CACHING_ANSWER

        answer = {"questionIndex": 1, "answer": "We version the API in the URL for a year."}
        assert http.post(f"{here}/answers", json=answer).json()["code"] == 200
        draft = {"questionIndex": 2, "answer": "Add the new column first, then"}
        assert http.put(f"{here}/answers", json=draft).json()["code"] == 200
        app.run()  # the candidate's page, as its next rerun finds the session
        assert EN("interview.question_of", number=3, total=3) in captions(app)
        assert app.subheader[0].value == ui.as_plain_markdown(questions[2])
        assert app.text_area(key="answer").value == draft["answer"]

        app.text_area(key="answer").input(draft["answer"] + " backfill in batches.")
        app.button(key="submit").click().run()
        report = http.get(f"{here}/report").json()
        assert report["code"] == 200 and report["data"]["answeredCount"] == 3
        assert http.get(here).json()["data"]["status"] == "EVALUATED"


def test_a_submit_in_another_app_process_fills_the_window_for_the_api_server(
    any_url, engine, limited_server
):
    app_process = InterviewAPI.from_url(any_url, rate_limit_per_second=1)  # as `make run` has it
    try:
        with limited_server.client() as http:
            for _ in range(3):
                in_app, over_http = new_session(engine), new_session(engine)
                began = time.monotonic()
                assert app_process.submit_answer(in_app, 0, STRONG_CACHING_ANSWER)["code"] == 200
                reply = http.post(
                    f"{SESSIONS}/{over_http}/answers",
                    json={"questionIndex": 0, "answer": STRONG_CACHING_ANSWER},
                )
                if time.monotonic() - began < WINDOW or reply.status_code == 429:
                    break  # else the machine was too slow to prove anything: try again
            assert (reply.status_code, reply.json()["message"]) == (429, "Rate limit exceeded")
            assert engine.get_session(over_http)["data"]["currentIndex"] == 0
    finally:
        app_process.close()


def test_a_submit_over_http_fills_the_window_for_the_apps_candidate(
    any_url, monkeypatch, engine, limited_server
):
    """The app tells its candidate it is busy, waits, and submits once the second has passed."""
    retrying = EN("interview.retrying", attempt=1, attempts=ui.BUSY_RETRIES)
    with limited_server.client() as http:
        for _ in range(3):
            in_app, over_http = new_session(engine), new_session(engine)
            app = open_interview(app_on(any_url, monkeypatch, 1), in_app)
            app.text_area(key="answer").input(STRONG_CACHING_ANSWER)
            began = time.monotonic()
            reply = http.post(
                f"{SESSIONS}/{over_http}/answers",
                json={"questionIndex": 0, "answer": STRONG_CACHING_ANSWER},
            )
            assert reply.json()["code"] == 200
            app.button(key="submit").click().run()
            told = [toast.value for toast in app.toast]
            if retrying in told or time.monotonic() - began < WINDOW:
                break  # else the app's submit came after the window: try again
        assert told == [retrying]
        assert engine.get_session(in_app)["data"]["currentIndex"] == 1  # on the second try
