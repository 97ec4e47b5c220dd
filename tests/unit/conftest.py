"""Fixtures for the engine with a language model: the scripted OpenAI-compatible server of
tests/unit/llm on 127.0.0.1, playing a model that answers every kind of call validly, and
InterviewAPIs whose interviewer calls it through the real openai client."""

import time
from collections.abc import Callable

import pytest

from interview.api import InterviewAPI
from interview.interviewers.configured import interviewer_from_environment
from tests.conftest import ScriptedModel, kind_of, model_environment  # noqa: F401 (re-exported)


@pytest.fixture
def open_model_api(model, any_url) -> Callable[..., InterviewAPI]:
    """Opens InterviewAPIs on this test's database whose interviewer is the scripted model."""
    opened: list[InterviewAPI] = []

    def open_api(url: str = any_url, background_scoring: bool | None = None, **settings: str):
        interviewer = interviewer_from_environment(model_environment(model.server, **settings))
        api = InterviewAPI.from_url(
            url,
            rate_limit_per_second=None,
            interviewer=interviewer,
            background_scoring=background_scoring,
        )
        opened.append(api)
        return api

    yield open_api
    for api in opened:
        api.close()


def eventually(check: Callable[[], bool], seconds: float = 10.0) -> None:
    """Wait until check() is true (background work), failing after `seconds`."""
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"still not true after {seconds} s")
        time.sleep(0.02)
