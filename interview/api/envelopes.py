"""Envelopes: every operation's result or failure as the JSON body API.md describes."""

import functools
import logging
from collections.abc import Callable

from interview.errors import InterviewError
from interview.storage.faults import outage

log = logging.getLogger("interview.api")


def ok(data: object = None) -> dict:
    return {"code": 200, "message": "success", "data": data}


def error(code: int, message: str) -> dict:
    return {"code": code, "message": message, "data": None}


def envelope(operation: Callable) -> Callable:
    """Run an operation; turn its result or failure into the envelope API.md describes."""

    @functools.wraps(operation)
    def run(*args, **kwargs) -> dict:
        try:
            return ok(operation(*args, **kwargs))
        except InterviewError as failure:
            return error(failure.code, failure.message)
        except Exception as failure:
            if (fault := outage(failure)) is not None:
                # The database's outage, not a bug: no traceback, and the page says try again.
                log.warning("%s: %s (%s)", operation.__name__, fault.message, failure.__class__)
                return error(fault.code, fault.message)
            log.exception("%s failed", operation.__name__)
            return error(500, "Server error")

    return run
