"""The store's queries for coaches: comments, score overrides, the record of their actions,
accounts, sign-ins, password attempts and API tokens.

Like store.py, every function takes a connection inside a transaction the caller opened.
"""

from datetime import datetime

from sqlalchemy import Connection, Row, and_, delete, func, insert, or_, select, text, update

from interview.storage.database import utcnow
from interview.storage.schema import (
    api_tokens,
    coach_accounts,
    coach_actions,
    coach_comments,
    coach_sign_ins,
    questions,
    score_overrides,
    sessions,
    sign_in_attempts,
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


# --- accounts ---------------------------------------------------------------------------------


def account(conn: Connection, name_key: str) -> Row | None:
    return conn.execute(
        select(coach_accounts).where(coach_accounts.c.name_key == name_key)
    ).one_or_none()


def account_by_id(conn: Connection, account_id: int) -> Row | None:
    return conn.execute(
        select(coach_accounts).where(coach_accounts.c.id == account_id)
    ).one_or_none()


def accounts(conn: Connection) -> list[Row]:
    return list(
        conn.execute(
            select(coach_accounts).order_by(coach_accounts.c.created_at, coach_accounts.c.id)
        )
    )


def account_count(conn: Connection) -> int:
    return conn.execute(select(func.count()).select_from(coach_accounts)).scalar_one()


def add_account(conn: Connection, name: str, name_key: str, hashed: str, by: str) -> int:
    """A new account; a second one of the same name (any case) fails on name_key's uniqueness."""
    values = {
        "name": name,
        "name_key": name_key,
        "password_hash": hashed,
        "created_at": utcnow(),
        "created_by": by,
    }
    return conn.execute(insert(coach_accounts).values(**values)).inserted_primary_key[0]


def set_password_hash(conn: Connection, account_id: int, hashed: str) -> None:
    query = update(coach_accounts).where(coach_accounts.c.id == account_id)
    conn.execute(query.values(password_hash=hashed))


def remove_account(conn: Connection, account_id: int) -> None:
    conn.execute(delete(coach_accounts).where(coach_accounts.c.id == account_id))


# --- sign-ins ---------------------------------------------------------------------------------


def add_sign_in(
    conn: Connection,
    token_digest: str,
    coach: str,
    account_id: int | None,
    started_at: datetime,
    expires_at: datetime,
) -> None:
    conn.execute(delete(coach_sign_ins).where(coach_sign_ins.c.expires_at < utcnow()))
    conn.execute(
        insert(coach_sign_ins).values(
            token_digest=token_digest,
            coach=coach,
            account_id=account_id,
            started_at=started_at,
            expires_at=expires_at,
        )
    )


def live_sign_in(conn: Connection, token_digest: str) -> Row | None:
    """The sign-in with this digest while it has not expired."""
    query = select(coach_sign_ins).where(
        and_(coach_sign_ins.c.token_digest == token_digest, coach_sign_ins.c.expires_at > utcnow())
    )
    return conn.execute(query).one_or_none()


def extend_sign_in(conn: Connection, token_digest: str, expires_at: datetime) -> None:
    conn.execute(
        update(coach_sign_ins)
        .where(coach_sign_ins.c.token_digest == token_digest)
        .values(expires_at=expires_at)
    )


def remove_sign_in(conn: Connection, token_digest: str) -> None:
    conn.execute(delete(coach_sign_ins).where(coach_sign_ins.c.token_digest == token_digest))


def remove_sign_ins_of(conn: Connection, account_id: int) -> int:
    """End every sign-in of one account; how many there were."""
    query = delete(coach_sign_ins).where(coach_sign_ins.c.account_id == account_id)
    return conn.execute(query).rowcount


# --- password attempts ------------------------------------------------------------------------


def record_attempt(
    conn: Connection, at_ms: int, client: str, account_key: str, *, forget_before_ms: int
) -> int:
    """Note an attempt before its password is checked; its id, to forget it once it proved right."""
    conn.execute(delete(sign_in_attempts).where(sign_in_attempts.c.at_ms < forget_before_ms))
    values = {"at_ms": at_ms, "client": client, "account": account_key}
    return conn.execute(insert(sign_in_attempts).values(**values)).inserted_primary_key[0]


def forget_attempt(conn: Connection, attempt_id: int) -> None:
    conn.execute(delete(sign_in_attempts).where(sign_in_attempts.c.id == attempt_id))


def attempts_since(
    conn: Connection, since_ms: int, *, client: str | None = None, account_key: str | None = None
) -> list[int]:
    """When each unproven attempt since then happened (milliseconds), oldest first: from one
    client, on one account, or both."""
    query = select(sign_in_attempts.c.at_ms).where(sign_in_attempts.c.at_ms >= since_ms)
    if client is not None:
        query = query.where(sign_in_attempts.c.client == client)
    if account_key is not None:
        query = query.where(sign_in_attempts.c.account == account_key)
    return list(conn.execute(query.order_by(sign_in_attempts.c.at_ms)).scalars())


def forget_attempts_on(conn: Connection, account_key: str) -> None:
    """A new password for an account: its earlier failures no longer count against it."""
    conn.execute(delete(sign_in_attempts).where(sign_in_attempts.c.account == account_key))


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


def revoke_api_tokens_of(conn: Connection, coach: str, by: str) -> list[int]:
    """Revoke every live token a coach made; their ids."""
    live = and_(api_tokens.c.coach == coach, api_tokens.c.revoked_at.is_(None))
    ids = list(conn.execute(select(api_tokens.c.id).where(live)).scalars())
    if ids:
        conn.execute(update(api_tokens).where(live).values(revoked_at=utcnow(), revoked_by=by))
    return ids


# Any number PostgreSQL's advisory locks are keyed by, that nothing else here uses.
_SIGN_IN_LOCK = 0x5245_4853  # "REHS"


def lock_sign_in_attempts(conn: Connection) -> None:
    """Serialise sign-in attempts until the transaction ends: reading the count and recording
    an attempt become one step. SQLite's BEGIN IMMEDIATE already holds the write lock."""
    if conn.dialect.name != "sqlite":
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _SIGN_IN_LOCK})
