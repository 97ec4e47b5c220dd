"""The store's queries for scoring: the evaluations table (also the queue) and model usage.

Like store.py, every function takes a connection inside a transaction the caller opened.
"""

from typing import NamedTuple, Protocol

from sqlalchemy import Connection, Row, and_, delete, func, insert, or_, select, update

from interview.storage.database import utcnow
from interview.storage.schema import evaluations, model_usage

PENDING, RUNNING, DONE = "pending", "running", "done"


class Tokens(NamedTuple):
    calls: int
    prompt_tokens: int
    completion_tokens: int


class Spent(Protocol):
    """Model calls to record: an interviewer's Usage, as storage needs to see it."""

    @property
    def calls(self) -> int: ...
    @property
    def prompt_tokens(self) -> int: ...
    @property
    def completion_tokens(self) -> int: ...


# --- the queue --------------------------------------------------------------------------------


def add_evaluation(
    conn: Connection,
    session_id: str,
    question_id: int,
    digest: str,
    *,
    claimed_by: str | None = None,
    lease_expires_ms: int | None = None,
) -> int:
    """Queue one answer text: pending, or already running when the caller is evaluating it."""
    values = {
        "session_id": session_id,
        "question_id": question_id,
        "answer_digest": digest,
        "status": RUNNING if claimed_by else PENDING,
        "claimed_by": claimed_by,
        "lease_expires_ms": lease_expires_ms,
        "attempts": 1 if claimed_by else 0,
        "calls": 0,
        "prompt_tokens": 0,
        "completion_tokens": 0,
        "created_at": utcnow(),
    }
    return conn.execute(insert(evaluations).values(values)).inserted_primary_key[0]


def has_evaluation(conn: Connection, question_id: int, digest: str) -> bool:
    """Whether this answer text of this question is already evaluated or queued."""
    query = select(evaluations.c.id).where(
        evaluations.c.question_id == question_id, evaluations.c.answer_digest == digest
    )
    return conn.execute(query.limit(1)).first() is not None


def _claimable(now_ms: int):
    lapsed = and_(evaluations.c.status == RUNNING, evaluations.c.lease_expires_ms < now_ms)
    return or_(evaluations.c.status == PENDING, lapsed)


def claimable(conn: Connection, now_ms: int) -> list[Row]:
    """Rows nobody is evaluating: pending, or running under a lease that has lapsed."""
    query = select(evaluations.c.id, evaluations.c.session_id).where(_claimable(now_ms))
    return list(conn.execute(query.order_by(evaluations.c.id)))


def claim(conn: Connection, evaluation_id: int, claimant: str, now_ms: int, lease_ms: int) -> bool:
    """Take one claimable row. The conditional UPDATE gives exactly one winner among racers:
    SQLite runs writers one at a time, and PostgreSQL re-checks the WHERE clause on the row
    version left by a concurrent winner once its lock is released."""
    result = conn.execute(
        update(evaluations)
        .where(evaluations.c.id == evaluation_id, _claimable(now_ms))
        .values(
            status=RUNNING,
            claimed_by=claimant,
            lease_expires_ms=now_ms + lease_ms,
            attempts=evaluations.c.attempts + 1,
        )
    )
    return result.rowcount == 1


def evaluation_row(conn: Connection, evaluation_id: int) -> Row | None:
    query = select(evaluations).where(evaluations.c.id == evaluation_id)
    return conn.execute(query).one_or_none()


def finish(conn: Connection, evaluation_id: int, claimant: str, fields: dict) -> bool:
    """Store a result if the row is still ours (after a lapsed lease it may not be); the row
    keeps the name of the worker that evaluated it."""
    result = conn.execute(
        update(evaluations)
        .where(
            evaluations.c.id == evaluation_id,
            evaluations.c.status == RUNNING,
            evaluations.c.claimed_by == claimant,
        )
        .values(status=DONE, lease_expires_ms=None, evaluated_at=utcnow(), **fields)
    )
    return result.rowcount == 1


def release(conn: Connection, claimant: str, evaluation_id: int | None = None) -> None:
    """Hand a claimant's unfinished rows (or one of them) back to the queue."""
    query = update(evaluations).where(
        evaluations.c.status == RUNNING, evaluations.c.claimed_by == claimant
    )
    if evaluation_id is not None:
        query = query.where(evaluations.c.id == evaluation_id)
    conn.execute(query.values(status=PENDING, claimed_by=None, lease_expires_ms=None))


def remove(conn: Connection, evaluation_id: int) -> None:
    conn.execute(delete(evaluations).where(evaluations.c.id == evaluation_id))


# --- results ----------------------------------------------------------------------------------


def done_evaluations(
    conn: Connection, session_id: str, rubric_version: str
) -> dict[tuple[int, str], Row]:
    """The latest finished evaluation of each (question id, answer digest) under this rubric."""
    query = (
        select(evaluations)
        .where(
            evaluations.c.session_id == session_id,
            evaluations.c.status == DONE,
            evaluations.c.rubric_version == rubric_version,
        )
        .order_by(evaluations.c.id)
    )
    return {(row.question_id, row.answer_digest): row for row in conn.execute(query)}


def save_evaluated(conn: Connection, records: list[dict]) -> None:
    """Store evaluations made on the spot, replacing unfinished rows for the same text."""
    for record in records:
        conn.execute(
            delete(evaluations).where(
                evaluations.c.question_id == record["question_id"],
                evaluations.c.answer_digest == record["answer_digest"],
                evaluations.c.status != DONE,
            )
        )
    if records:
        now = utcnow()
        done = {"status": DONE, "attempts": 1, "created_at": now, "evaluated_at": now}
        conn.execute(insert(evaluations), [{**record, **done} for record in records])


def session_evaluations(conn: Connection, session_id: str) -> list[Row]:
    query = select(evaluations).where(evaluations.c.session_id == session_id)
    return list(conn.execute(query.order_by(evaluations.c.id)))


# --- model usage ------------------------------------------------------------------------------


def record_usage(conn: Connection, session_id: str, purpose: str, used: Spent) -> None:
    """Count model calls made for a session outside its evaluations."""
    conn.execute(
        insert(model_usage).values(
            session_id=session_id,
            purpose=purpose,
            calls=used.calls,
            prompt_tokens=used.prompt_tokens,
            completion_tokens=used.completion_tokens,
            recorded_at=utcnow(),
        )
    )


def session_usage(conn: Connection, session_id: str) -> Tokens:
    """Every model call of a session: its evaluations (superseded ones too) and the rest."""
    totals = [0, 0, 0]
    for table in (evaluations, model_usage):
        sums = conn.execute(
            select(
                func.coalesce(func.sum(table.c.calls), 0),
                func.coalesce(func.sum(table.c.prompt_tokens), 0),
                func.coalesce(func.sum(table.c.completion_tokens), 0),
            ).where(table.c.session_id == session_id)
        ).one()
        totals = [total + int(value) for total, value in zip(totals, sums, strict=True)]
    return Tokens(*totals)
