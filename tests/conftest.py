"""Fixtures: a fresh InterviewAPI on a temporary SQLite file, or on its own PostgreSQL schema;
and a scripted language model (tests/unit/llm/scripted_openai.py on 127.0.0.1) for any test."""

import json
import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
import sqlalchemy

from interview.api import InterviewAPI
from tests.unit.llm.examples import API_KEY, MODEL, evaluation_output
from tests.unit.llm.scripted_openai import (
    Reply,
    Request,
    ScriptedServer,
    chunk_events,
    completion,
    error,
)

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


@contextmanager
def postgres_schema() -> Iterator[str]:
    """A URL whose search_path is a new, empty schema, dropped on leaving (skips or fails as
    _postgres_or_skip says when there is no server)."""
    base = _postgres_or_skip()
    schema = f"t_{secrets.token_hex(6)}"
    engine = sqlalchemy.create_engine(base.replace("postgresql://", "postgresql+psycopg://"))
    with engine.begin() as conn:
        conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
    separator = "&" if "?" in base else "?"
    try:
        yield f"{base}{separator}options=-csearch_path%3D{schema}"
    finally:
        with engine.begin() as conn:
            conn.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")
        engine.dispose()


@pytest.fixture
def postgres_url():
    """A URL whose search_path is a new, empty schema, dropped after the test."""
    with postgres_schema() as url:
        yield url


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


SUMMARY = {
    "overall_feedback": "Concrete answers with numbers; say more about trade-offs.",
    "strengths": ["Numbers in every answer", "Clear structure", "Owns the hard part"],
    "improvements": ["Trade-offs", "Failure modes", "Alternatives considered"],
}
STREAMED = "STREAMED"  # the kind of a streamed (plain text) follow-up request
TRANSCRIPT = "We used Redis with cache-aside."


class ScriptedModel:
    """Answers each kind of call (named by its output schema) validly, after a delay per kind.

    Tests change `outputs` (a value, or a function of the request), `delays` and `failing`
    (kinds answered with HTTP 500) as they go; `calls(kind)` counts the requests of a kind.
    """

    def __init__(self, server: ScriptedServer):
        self.server = server
        self.outputs: dict[str, object] = {
            "AnswerEvaluation": evaluation_output(70),
            "FollowUpDecision": {"ask": False, "question": ""},
            "InterviewSummary": SUMMARY,
            # The last answer's evaluation with the summary: by default both of the above.
            "FinalEvaluation": self.final_output,
            "TailoredQuestions": {"questions": []},
            STREAMED: ["What would you ", "measure first, ", "and why?"],
        }
        self.delays: dict[str, float] = {}
        self.failing: set[str] = set()
        self.tokens = (120, 30)  # prompt and completion tokens of every structured reply

    def __call__(self, request: Request) -> Reply:
        kind = kind_of(request)
        if kind in self.failing:
            return error(500, "the model is down", retry_after_ms="1")
        if kind == "transcription":
            return Reply(200, {"text": TRANSCRIPT})
        output = self.outputs[kind]
        output = output(request) if callable(output) else output
        delay = self.delays.get(kind, 0.0)
        if kind == STREAMED:  # a list of pieces, or the SSE events themselves (a tuple)
            events = output if isinstance(output, tuple) else chunk_events(output)
            return Reply(200, events=events, delay=delay)
        prompt_tokens, completion_tokens = self.tokens
        body = completion(output, prompt_tokens=prompt_tokens, completion_tokens=completion_tokens)
        return Reply(200, body, delay=delay)

    def final_output(self, request: Request) -> dict:
        """What FinalEvaluation answers unless a test sets it: the AnswerEvaluation output and
        the InterviewSummary output of the moment, in one object."""
        parts = (self.outputs["AnswerEvaluation"], self.outputs["InterviewSummary"])
        evaluation, summary = (part(request) if callable(part) else part for part in parts)
        return {**evaluation, **summary}

    def requests(self, kind: str) -> list[Request]:
        return [request for request in list(self.server.requests) if kind_of(request) == kind]

    def calls(self, kind: str) -> int:
        return len(self.requests(kind))


def kind_of(request: Request) -> str:
    if request.path.endswith("/audio/transcriptions"):
        return "transcription"
    body = json.loads(request.body)
    if body.get("stream"):
        return STREAMED
    return body["response_format"]["json_schema"]["name"]


def model_environment(server: ScriptedServer, **extra: str) -> dict[str, str]:
    """Settings pointing at the scripted server: one quick retry, a two-second budget, no
    pause after a failure."""
    return {
        "OPENAI_API_KEY": API_KEY,
        "OPENAI_BASE_URL": server.base_url,
        "INTERVIEW_MODEL": MODEL,
        "INTERVIEW_LLM_TIMEOUT": "10",
        "INTERVIEW_LLM_MAX_RETRIES": "1",
        "INTERVIEW_FOLLOW_UP_BUDGET": "2",
        # Tests script one failing call among good ones: no pause after it unless one asks.
        "INTERVIEW_LLM_PAUSE_AFTER_FAILURE": "0",
        **extra,
    }


@pytest.fixture(autouse=True)
def no_model_from_the_environment(monkeypatch):
    """InterviewAPI.from_url() picks a model when these are set: tests never reach one."""
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "INTERVIEW_MODEL"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def model():
    server = ScriptedServer().start()
    scripted = ScriptedModel(server)
    server.always(scripted)
    yield scripted
    server.stop()


def coach_password(api: InterviewAPI, name: str = "Kim") -> str:
    """A password that signs `name` in: their account is made (as `make coach-add` makes one),
    or given a new password if it exists."""
    made = api.coach.add_coach(name, by="console")
    if made["code"] == 409:
        made = api.coach.reset_password(name)
    return made["data"]["password"]
