"""The store's queries for coaches: comments, score overrides, the record of their actions, the
password's hash, sign-ins, failed attempts and API tokens.

Like store.py, every function takes a connection inside a transaction the caller opened.
"""

from datetime import datetime

from sqlalchemy import Connection, Row, and_, delete, func, insert, or_, select, update

from interview.storage.database import utcnow
from interview.storage.schema import (
    api_tokens,
    coach_actions,
    coach_comments,
    coach_password,
    coach_sign_ins,
    questions,
    score_overrides,
    sessions,
    sign_in_failures,
)

# --- comments and overrides -------------------------------------------------------------------


def add_comment(
    conn: Connection, session_id: str, question_id: int | None, author: str, body: str
) -> None:
    conn.execute(
        insert(coach_comments).values(
            session_id=session_id,
            question_id=question_id,
            author=author,
            body=body,
            created_at=utcnow(),
        )
    )


def comments(conn: Connection, session_id: str) -> list[Row]:
    """A session's comments, oldest first, with the position of the question each is about."""
    query = (
        select(coach_comments, questions.c.position)
        .select_from(
            coach_comments.outerjoin(questions, questions.c.id == coach_comments.c.question_id)
        )
        .where(coach_comments.c.session_id == session_id)
        .order_by(coach_comments.c.created_at, coach_comments.c.id)
    )
    return list(conn.execute(query))


def add_override(conn: Connection, values: dict) -> None:
    conn.execute(insert(score_overrides).values(**values, created_at=utcnow()))


def overrides(conn: Connection, session_id: str) -> list[Row]:
    """A session's overrides, oldest first, with the position of the question each changed."""
    query = (
        select(score_overrides, questions.c.position)
        .join(questions, questions.c.id == score_overrides.c.question_id)
        .where(score_overrides.c.session_id == session_id)
        .order_by(score_overrides.c.created_at, score_overrides.c.id)
    )
    return list(conn.execute(query))


def all_overrides(conn: Connection, since: datetime | None = None) -> list[Row]:
    """Every override (for calibration), with its question's text and the candidate's name."""
    query = (
        select(
            score_overrides,
            questions.c.position,
            questions.c.text.label("question_text"),
            sessions.c.candidate_name,
            sessions.c.is_sample,
        )
        .join(questions, questions.c.id == score_overrides.c.question_id)
        .join(sessions, sessions.c.id == score_overrides.c.session_id)
        .order_by(score_overrides.c.created_at, score_overrides.c.id)
    )
    if since is not None:
        query = query.where(score_overrides.c.created_at >= since)
    return list(conn.execute(query))


# --- what coaches did -------------------------------------------------------------------------


def record_action(
    conn: Connection, actor: str, action: str, session_id: str | None, detail: dict
) -> None:
    conn.execute(
        insert(coach_actions).values(
            actor=actor, action=action, session_id=session_id, detail=detail, at=utcnow()
        )
    )


def actions(conn: Connection, limit: int, offset: int = 0) -> tuple[list[Row], int]:
    """The newest actions first, one page of them, and how many there are in all."""
    total = conn.execute(select(func.count()).select_from(coach_actions)).scalar_one()
    query = (
        select(coach_actions)
        .order_by(coach_actions.c.at.desc(), coach_actions.c.id.desc())
        .limit(limit)
        .offset(offset)
    )
    return list(conn.execute(query)), total


# --- the password and sign-ins ----------------------------------------------------------------


def password_hash(conn: Connection) -> str | None:
    query = select(coach_password.c.password_hash).where(coach_password.c.id == 1)
    return conn.execute(query).scalar_one_or_none()


def insert_password_hash(conn: Connection, hashed: str) -> None:
    """The first hash; a second process inserting at once fails on the primary key."""
    conn.execute(insert(coach_password).values(id=1, password_hash=hashed, created_at=utcnow()))


def replace_password_hash(conn: Connection, hashed: str) -> None:
    conn.execute(delete(coach_password))
    insert_password_hash(conn, hashed)


def add_sign_in(conn: Connection, token_digest: str, coach: str, expires_at: datetime) -> None:
    conn.execute(delete(coach_sign_ins).where(coach_sign_ins.c.expires_at < utcnow()))
    conn.execute(
        insert(coach_sign_ins).values(token_digest=token_digest, coach=coach, expires_at=expires_at)
    )


def signed_in_coach(conn: Connection, token_digest: str) -> str | None:
    query = select(coach_sign_ins.c.coach).where(
        and_(coach_sign_ins.c.token_digest == token_digest, coach_sign_ins.c.expires_at > utcnow())
    )
    return conn.execute(query).scalar_one_or_none()


def remove_sign_in(conn: Connection, token_digest: str) -> None:
    conn.execute(delete(coach_sign_ins).where(coach_sign_ins.c.token_digest == token_digest))


def remove_all_sign_ins(conn: Connection) -> None:
    conn.execute(delete(coach_sign_ins))


def record_failure(conn: Connection, at_ms: int, *, forget_before_ms: int) -> None:
    conn.execute(delete(sign_in_failures).where(sign_in_failures.c.at_ms < forget_before_ms))
    conn.execute(insert(sign_in_failures).values(at_ms=at_ms))


def failures_since(conn: Connection, since_ms: int) -> list[int]:
    """When each failure since then happened (milliseconds), oldest first."""
    query = (
        select(sign_in_failures.c.at_ms)
        .where(sign_in_failures.c.at_ms >= since_ms)
        .order_by(sign_in_failures.c.at_ms)
    )
    return list(conn.execute(query).scalars())


def forget_failures(conn: Connection) -> None:
    conn.execute(delete(sign_in_failures))


# --- API tokens -------------------------------------------------------------------------------


def add_api_token(conn: Connection, token_digest: str, name: str, coach: str) -> int:
    values = {"token_digest": token_digest, "name": name, "coach": coach, "created_at": utcnow()}
    return conn.execute(insert(api_tokens).values(**values)).inserted_primary_key[0]


def api_token_rows(conn: Connection) -> list[Row]:
    """Every token, the newest first (revoked ones too: the record of who had access)."""
    query = select(api_tokens).order_by(api_tokens.c.created_at.desc(), api_tokens.c.id.desc())
    return list(conn.execute(query))


def api_token(conn: Connection, token_id: int) -> Row | None:
    return conn.execute(select(api_tokens).where(api_tokens.c.id == token_id)).one_or_none()


def live_api_token(conn: Connection, token_digest: str) -> Row | None:
    """The token with this digest, unless it was revoked."""
    query = select(api_tokens).where(
        and_(api_tokens.c.token_digest == token_digest, api_tokens.c.revoked_at.is_(None))
    )
    return conn.execute(query).one_or_none()


def revoke_api_token(conn: Connection, token_id: int, by: str) -> bool:
    """Revoke a live token; False when it was already revoked."""
    query = (
        update(api_tokens)
        .where(and_(api_tokens.c.id == token_id, api_tokens.c.revoked_at.is_(None)))
        .values(revoked_at=utcnow(), revoked_by=by)
    )
    return conn.execute(query).rowcount == 1


def mark_api_token_used(conn: Connection, token_id: int, stale_before: datetime) -> None:
    """Note a use, unless one was noted since `stale_before` (a write per use would be wasted)."""
    last_used = api_tokens.c.last_used_at
    conn.execute(
        update(api_tokens)
        .where(
            and_(api_tokens.c.id == token_id, or_(last_used.is_(None), last_used < stale_before))
        )
        .values(last_used_at=utcnow())
    )
