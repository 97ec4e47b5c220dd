"""When the database itself fails: which failures are outages a candidate can retry.

A restarting or unreachable server, a lock held past the busy timeout, a read-only file or a
full disk are not bugs in a request: each becomes its own envelope (never "Server error"), so
the page can say plainly that nothing was saved and to try again. Every one of them happens
inside a transaction that rolls back, so nothing is half-written.
"""

import sqlite3

from sqlalchemy import exc

from interview.errors import InterviewError

UNAVAILABLE = InterviewError(503, "Database unavailable")
BUSY = InterviewError(503, "Database busy")
NOT_WRITABLE = InterviewError(507, "Database not writable")

# PostgreSQL's SQLSTATE classes and codes: 08 connection, 57P admin shutdown / cannot connect
# now, 53100 disk full, 25006 read-only transaction, 55P03 lock timeout, 57014 statement
# timeout, 53200/53300 out of memory / too many connections (busy, not unwritable: a moment
# later the same write goes through).
_PG_UNAVAILABLE = ("08", "57P")
_PG_BUSY = ("55P03", "57014", "53200", "53300")
_PG_NOT_WRITABLE = ("53", "25006")
# A refused connection carries no SQLSTATE (libpq reports it before a session exists), only the
# server's words; these say the server is full, not gone.
_PG_FULL_WORDS = ("too many connections", "too many clients", "connection slots are reserved")
_SQLITE_BUSY = ("database is locked", "database table is locked")
_SQLITE_NOT_WRITABLE = ("readonly database", "disk is full", "disk i/o error")
_SQLITE_UNAVAILABLE = ("unable to open database file",)


def outage(failure: BaseException) -> InterviewError | None:
    """The envelope's error for a database outage, or None for anything else (a bug: 500)."""
    if isinstance(failure, exc.TimeoutError):  # no pooled connection came free in time
        return BUSY
    if not isinstance(failure, exc.DBAPIError):
        return None
    if failure.connection_invalidated:
        return UNAVAILABLE
    original = failure.orig
    if isinstance(original, sqlite3.Error):
        return _sqlite_outage(str(original).lower())
    state = getattr(original, "sqlstate", None) or ""
    if state.startswith(_PG_BUSY):
        return BUSY
    if state.startswith(_PG_NOT_WRITABLE):
        return NOT_WRITABLE
    if not state and isinstance(failure, exc.OperationalError):
        # No SQLSTATE at all: the connection failed before a session began.
        message = str(original).lower()
        return BUSY if any(words in message for words in _PG_FULL_WORDS) else UNAVAILABLE
    if state.startswith(_PG_UNAVAILABLE):
        return UNAVAILABLE
    return None


def _sqlite_outage(message: str) -> InterviewError | None:
    if any(words in message for words in _SQLITE_BUSY):
        return BUSY
    if any(words in message for words in _SQLITE_NOT_WRITABLE):
        return NOT_WRITABLE
    if any(words in message for words in _SQLITE_UNAVAILABLE):
        return UNAVAILABLE
    return None
