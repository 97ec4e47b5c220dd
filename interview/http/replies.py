"""Envelopes as HTTP replies: the body is the envelope, and its code is the HTTP status.

Refusals made before the engine is called (no token, a body too large, an unknown field or
path) are envelopes too, so a client only ever reads one shape.
"""

import logging

from fastapi import Request
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from interview.api.envelopes import error

log = logging.getLogger("interview.http")

# Statuses the router itself answers, in the words our envelopes use.
_ROUTER_MESSAGES = {404: "Not found", 405: "Method not allowed"}


class Refusal(Exception):
    """A request the HTTP layer turns away before the engine sees it."""

    def __init__(self, code: int, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


def reply(envelope: dict) -> JSONResponse:
    return JSONResponse(envelope, status_code=envelope["code"])


async def refused(request: Request, refusal: Refusal) -> JSONResponse:
    return reply(error(refusal.code, refusal.message))


async def not_routed(request: Request, failure: HTTPException) -> JSONResponse:
    """An unknown path or method, as an envelope (keeping the Allow header of a 405)."""
    message = _ROUTER_MESSAGES.get(failure.status_code, "Request refused")
    response = reply(error(failure.status_code, message))
    response.headers.update(failure.headers or {})
    return response


async def crashed(request: Request, failure: Exception) -> JSONResponse:
    """A fault in the HTTP layer itself (the engine turns its own into envelopes)."""
    log.error("%s %s failed", request.method, request.url.path, exc_info=failure)
    return reply(error(500, "Server error"))
