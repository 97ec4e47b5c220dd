"""Envelopes: every operation's result or failure as the JSON body API.md describes."""

import functools
import logging
from collections.abc import Callable

from sqlalchemy import exc

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
            return ok(_once_more_after_a_reconnect(operation, args, kwargs))
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


def _once_more_after_a_reconnect(operation: Callable, args: tuple, kwargs: dict) -> object:
    """Run the operation; if a pooled connection turned out dead (the database restarted since
    it was opened), run it once more on fresh ones (storage/database.py forgot the stale).

    The failed run rolled back: it died before its commit could be sent. Only a connection
    lost during COMMIT itself leaves it unknown; a submit run again then answers "Question
    index mismatch", never a second answer."""
    try:
        return operation(*args, **kwargs)
    except exc.DBAPIError as failure:
        if not failure.connection_invalidated:
            raise
        log.warning("%s: the database connection was lost; trying once more", operation.__name__)
        return operation(*args, **kwargs)
