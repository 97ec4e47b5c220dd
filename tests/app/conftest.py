"""AppTest through app.py on a fresh SQLite file, with the cached API rebuilt for every test."""

from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from interview.api import InterviewAPI

APP = Path(__file__).resolve().parents[2] / "app.py"


@pytest.fixture
def database_url(tmp_path, monkeypatch) -> str:
    url = f"sqlite:///{tmp_path / 'app.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("INTERVIEW_RATE_LIMIT", "0")
    return url


@pytest.fixture
def api(database_url):
    """The same database the app uses, for seeding sessions and checking what the pages saved."""
    api = InterviewAPI.from_url(database_url, rate_limit_per_second=None)
    yield api
    api.close()


@pytest.fixture
def app(database_url) -> AppTest:
    # st.cache_resource is process-global: without this the app keeps the previous test's database.
    st.cache_resource.clear()
    app = AppTest.from_file(str(APP), default_timeout=30)
    # A developer's own .streamlit/secrets.toml must not point the tests at a real database.
    app.secrets["DATABASE_URL"] = database_url
    yield app
    st.cache_resource.clear()


@pytest.fixture
def session_id(api) -> str:
    """A backend interview of three main questions with no follow-ups, not yet opened."""
    created = api.create_session(
        candidate_name="Ada", role="backend", question_count=3, follow_up_count=0
    )
    return created["data"]["sessionId"]
