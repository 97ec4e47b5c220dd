"""The shared submit rate limit: a sliding one-second window kept in the database.

The window lives in the database, not in memory, so every process sharing the database shares
the limit; the check runs inside the submit's own transaction, under a lock, so N is never
exceeded under concurrency, and a rejected submit rolls back without being recorded.
"""

from sqlalchemy import Connection

from interview.errors import InterviewError
from interview.storage import store
from interview.storage.database import Database

WINDOW_MS = 1000
DEFAULT_PER_SECOND = 10


def admit_submit(db: Database, conn: Connection, per_second: int | None) -> None:
    """Record one submit in the window, or raise 429 if the window is full. None/0: no limit."""
    if not per_second:
        return
    db.lock_rate_limiter(conn)
    now = db.now_ms(conn)
    if store.submits_since(conn, now - WINDOW_MS) >= per_second:
        raise InterviewError(429, "Rate limit exceeded")
    store.record_submit(conn, now, forget_before_ms=now - WINDOW_MS)
