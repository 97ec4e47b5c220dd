"""The HTTP server: a FastAPI app over one InterviewAPI, as the app's pages are over theirs.

``create_app()`` opens the engine the environment configures (DATABASE_URL,
INTERVIEW_RATE_LIMIT, the model settings: the app's), so the API server and the app share
sessions and the submit rate limit when they share a database. Tests pass an engine of their own.
"""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import uvicorn
from fastapi import FastAPI
from starlette.exceptions import HTTPException

from interview.api import InterviewAPI
from interview.http import coaching, docs, interviews
from interview.http.replies import Refusal, crashed, not_routed, refused


def create_app(api: InterviewAPI | None = None) -> FastAPI:
    """The HTTP API over `api`; without one, over the configured engine, opened at start-up
    (migrating its database) and closed at shutdown."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if api is not None:
            yield
            return
        opened = InterviewAPI.from_url()
        opened.warm_up()  # the evaluator's word vectors load before the first answer needs them
        app.state.api = opened
        try:
            yield
        finally:
            opened.close()

    app = FastAPI(
        title=docs.TITLE,
        version=docs.VERSION,
        lifespan=lifespan,
        # Swagger UI and ReDoc load their scripts from a CDN: /openapi.json is the document.
        docs_url=None,
        redoc_url=None,
    )
    if api is not None:
        app.state.api = api
    app.include_router(interviews.router)
    app.include_router(coaching.router)
    app.add_exception_handler(Refusal, refused)
    app.add_exception_handler(HTTPException, not_routed)
    app.add_exception_handler(Exception, crashed)
    app.openapi = lambda: docs.document(app)
    return app


def serve(host: str, port: int) -> None:
    """Serve the configured engine until interrupted (make api)."""
    uvicorn.run(create_app(), host=host, port=port, log_level="info")
