"""The shared submit rate limit: a sliding one-second window kept in the database, served fairly.

The window lives in the database, not in memory, so every process sharing the database shares
the limit; the check runs inside the submit's own transaction, under a lock, so N is never
exceeded under concurrency, and a rejected submit rolls back without being recorded.

Fairness: a client flooding submits would take every slot the moment it frees, and a candidate
who retries once a second would never get one (twelve flooding threads did exactly that). So a
refused session joins a queue, and a free slot goes first to the sessions that have waited
longest: a submit is admitted only when the window has room for it AND for every session queued
before it. Flooders then take turns with everyone else, and a candidate queued behind them gets
a slot within about (queued sessions / N) seconds. A session that stops retrying leaves the queue
after QUEUE_STALE_MS. The queue only ever admits fewer, never more: N per second still holds.
"""

from sqlalchemy import Connection, delete, func, insert, select, update

from interview.errors import InterviewError
from interview.storage import store
from interview.storage.database import Database
from interview.storage.schema import submit_queue

WINDOW_MS = 1000
DEFAULT_PER_SECOND = 10
# The pages retry a 429 about once a second; an entry not refreshed for longer has given up.
QUEUE_STALE_MS = 2500


def admit_submit(
    db: Database, conn: Connection, per_second: int | None, session_id: str | None = None
) -> None:
    """Record one submit in the window, or raise 429 if the window is full or its free slots
    belong to sessions queued before this one. None/0: no limit."""
    if not per_second:
        return
    db.lock_rate_limiter(conn)
    now = db.now_ms(conn)
    used = store.submits_since(conn, now - WINDOW_MS)
    if used >= per_second or used + _queued_ahead(conn, session_id, now) >= per_second:
        raise InterviewError(429, "Rate limit exceeded")
    store.record_submit(conn, now, forget_before_ms=now - WINDOW_MS)
    if session_id is not None:
        conn.execute(delete(submit_queue).where(submit_queue.c.session_id == session_id))


def join_queue(db: Database, session_id: str) -> None:
    """After a 429 (whose transaction rolled back): keep this session's place in the queue, or
    give it the last one."""
    with db.transaction() as conn:
        now = db.now_ms(conn)
        conn.execute(delete(submit_queue).where(submit_queue.c.seen_ms < now - QUEUE_STALE_MS))
        kept = conn.execute(
            update(submit_queue).where(submit_queue.c.session_id == session_id).values(seen_ms=now)
        ).rowcount
        if not kept:
            conn.execute(
                insert(submit_queue).values(session_id=session_id, since_ms=now, seen_ms=now)
            )


def _queued_ahead(conn: Connection, session_id: str | None, now: int) -> int:
    """How many live queued sessions were refused before this one (all of them, if it isn't
    queued): each holds a claim on the next free slot."""
    live = submit_queue.c.seen_ms >= now - QUEUE_STALE_MS
    mine = None
    if session_id is not None:
        mine = conn.execute(
            select(submit_queue.c.since_ms).where(submit_queue.c.session_id == session_id, live)
        ).scalar_one_or_none()
    ahead = select(func.count()).select_from(submit_queue).where(live)
    if mine is not None:
        ahead = ahead.where(submit_queue.c.since_ms < mine)
    return conn.execute(ahead).scalar_one()
