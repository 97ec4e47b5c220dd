"""HTTP fixtures: the API in process (Starlette's TestClient, an httpx2 client over the ASGI app)
and as a real uvicorn process on a free loopback port (harness.py), each on a real SQLite file
and on the real PostgreSQL; beside each, the engine on the same database (as the app has it)."""

import functools
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

import httpx2
import pytest
import schemathesis
from starlette.testclient import TestClient

from interview.api import InterviewAPI
from interview.http import create_app
from tests.conftest import postgres_schema
from tests.http.harness import ApiServer, start_api_server


@dataclass
class Served:
    """An HTTP client of the API, and the engine on the database behind it."""

    http: httpx2.Client
    engine: InterviewAPI


def new_database(kind: str, directory: Path, stack: ExitStack) -> str:
    """A URL of an empty SQLite file, or of a new PostgreSQL schema dropped when `stack` ends."""
    if kind == "sqlite":
        return f"sqlite:///{directory / 'api.db'}"
    return stack.enter_context(postgres_schema())


def in_process(url: str, stack: ExitStack, rate_limit: int | None = None) -> Served:
    """The app in this process over a new engine on `url` (TestClient runs its lifespan)."""
    engine = InterviewAPI.from_url(url, rate_limit_per_second=rate_limit)
    stack.callback(engine.close)
    return Served(stack.enter_context(TestClient(create_app(engine))), engine)


def over_uvicorn(server: ApiServer, stack: ExitStack) -> Served:
    """A client of the server, and an engine of our own on its database."""
    engine = InterviewAPI.from_url(server.database_url, rate_limit_per_second=None)
    stack.callback(engine.close)
    return Served(stack.enter_context(server.client()), engine)


@pytest.fixture(scope="module")
def ways(tmp_path_factory) -> Iterator[Callable[[str, str], Served]]:
    """This module's ways to reach the API, one per transport and kind of database, each made
    when first asked for and kept for the module (rows make sessions of their own)."""
    with ExitStack() as stack:
        made: dict[tuple[str, str], Served] = {}

        def way(transport: str, kind: str) -> Served:
            if (transport, kind) not in made:
                directory = tmp_path_factory.mktemp(f"{transport}_{kind}")
                url = new_database(kind, directory, stack)
                if transport == "uvicorn":
                    server = start_api_server(url, directory)
                    stack.callback(server.stop)
                    made[transport, kind] = over_uvicorn(server, stack)
                else:
                    made[transport, kind] = in_process(url, stack)
            return made[transport, kind]

        yield way


WAYS = [
    pytest.param(("in-process", "sqlite"), id="in-process-sqlite"),
    pytest.param(("in-process", "postgres"), id="in-process-postgres", marks=pytest.mark.postgres),
    pytest.param(("uvicorn", "sqlite"), id="uvicorn-sqlite", marks=pytest.mark.slow),
    pytest.param(
        ("uvicorn", "postgres"),
        id="uvicorn-postgres",
        marks=[pytest.mark.postgres, pytest.mark.slow],
    ),
]


@pytest.fixture(params=WAYS)
def served(request, ways) -> Served:
    """The API in process or as a uvicorn process, on SQLite or PostgreSQL."""
    return ways(*request.param)


@pytest.fixture
def http(served) -> httpx2.Client:
    return served.http


@pytest.fixture
def engine(served) -> InterviewAPI:
    return served.engine


@pytest.fixture
def coach_token(engine) -> str:
    """A live API token of coach Kim's, named "LMS sync", made as the API tokens page makes it."""
    return engine.coach.create_api_token("LMS sync", by="Kim")["data"]["token"]


@functools.cache
def _document() -> schemathesis.BaseSchema:
    return schemathesis.openapi.from_dict(create_app().openapi())


def conforming(reply: httpx2.Response) -> dict:
    """The reply's envelope, once checked against what /openapi.json says that operation
    replies (schema, status, content type); schemathesis raises on any difference."""
    operation = _document().find_operation_by_path(reply.request.method, reply.request.url.path)
    assert operation is not None, f"{reply.request.method} {reply.request.url.path} is undocumented"
    operation.validate_response(reply)
    return reply.json()
