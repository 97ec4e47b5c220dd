"""Fixtures: a scripted OpenAI-compatible server on 127.0.0.1 and an interviewer pointed at it."""

import pytest

from interview.interviewers.configured import interviewer_from_environment
from tests.unit.llm.examples import API_KEY, MODEL
from tests.unit.llm.scripted_openai import ScriptedServer


@pytest.fixture
def server():
    server = ScriptedServer().start()
    yield server
    server.stop()


@pytest.fixture
def environment(server) -> dict[str, str]:
    """Settings for the scripted server: one quick retry, a one-second follow-up budget, no
    pause after a failure."""
    return {
        "OPENAI_API_KEY": API_KEY,
        "OPENAI_BASE_URL": server.base_url,
        "INTERVIEW_MODEL": MODEL,
        "INTERVIEW_LLM_TIMEOUT": "5",
        "INTERVIEW_LLM_MAX_RETRIES": "1",
        "INTERVIEW_FOLLOW_UP_BUDGET": "1",
        # Each test scripts its failures call by call: no pause after one (test_faults pauses).
        "INTERVIEW_LLM_PAUSE_AFTER_FAILURE": "0",
    }


@pytest.fixture
def interviewer(environment):
    return interviewer_from_environment(environment)


@pytest.fixture
def impatient_interviewer(environment):
    """An interviewer with a half-second follow-up budget, for tests that wait it out."""
    return interviewer_from_environment({**environment, "INTERVIEW_FOLLOW_UP_BUDGET": "0.5"})
