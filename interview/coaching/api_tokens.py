"""API tokens: how a coach's scripts and integrations reach the HTTP API's coach endpoints.

A signed-in coach makes a token in the coach workspace and sees it once; the database keeps
only its SHA-256 digest. A token is 256 random bits, so, unlike a password, a fast digest is
enough: there is nothing to guess. It works until any coach revokes it. What is done with it is
recorded under its coach and its name (``TokenHolder.by``), so the record tells a person at the
pages from their script.
"""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from interview.errors import InterviewError
from interview.sessions.validation import is_row_number
from interview.sessions.views import iso
from interview.storage import coach_store
from interview.storage.database import Database, as_utc, utcnow

PREFIX = "rh_"  # says what a leaked string is (and lets secret scanners find one)
MAX_NAME = 60
# "Last used" may be this stale: a busy integration writes it once a minute, not per request.
LAST_USED_EVERY = timedelta(minutes=1)


@dataclass(frozen=True)
class TokenHolder:
    """Whose token a request carried."""

    token_id: int
    coach: str
    name: str

    @property
    def by(self) -> str:
        """Who the record names for what the token does: its coach, and which token."""
        return f"{self.coach} (API: {self.name})"


def create_token(db: Database, name: object, by: str) -> dict:
    """A new token for `by`: the only time the token itself is returned."""
    if not isinstance(name, str) or not name.strip():
        raise InterviewError(400, "name is required")
    name = " ".join(name.split())
    if len(name) > MAX_NAME:
        raise InterviewError(400, f"name must be at most {MAX_NAME} characters")
    token = PREFIX + secrets.token_urlsafe(32)
    with db.transaction() as conn:
        token_id = coach_store.add_api_token(conn, _digest(token), name, by)
        coach_store.record_action(
            conn, by, "api_token_create", None, {"token": token_id, "name": name}
        )
    return {"id": token_id, "name": name, "coach": by, "token": token}


def tokens(db: Database) -> list[dict]:
    """Every token, newest first, without the token itself (nobody can see it again)."""
    with db.reading() as conn:
        rows = coach_store.api_token_rows(conn)
    return [
        {
            "id": row.id,
            "name": row.name,
            "coach": row.coach,
            "createdAt": iso(row.created_at),
            "lastUsedAt": iso(row.last_used_at),
            "revokedAt": iso(row.revoked_at),
            "revokedBy": row.revoked_by,
        }
        for row in rows
    ]


def revoke_token(db: Database, token_id: object, by: str) -> None:
    """Stop a token working at once; revoking it again changes nothing."""
    if not is_row_number(token_id):
        raise InterviewError(404, "API token not found")
    with db.transaction() as conn:
        row = coach_store.api_token(conn, token_id)
        if row is None:
            raise InterviewError(404, "API token not found")
        if coach_store.revoke_api_token(conn, token_id, by):
            coach_store.record_action(
                conn, by, "api_token_revoke", None, {"token": token_id, "name": row.name}
            )


def holder_of(db: Database, token: object) -> TokenHolder | None:
    """Whose live token this is, or None; notes the use (at most once a minute)."""
    if not isinstance(token, str) or not token.startswith(PREFIX):
        return None
    with db.reading() as conn:
        row = coach_store.live_api_token(conn, _digest(token))
    if row is None:
        return None
    if row.last_used_at is None or as_utc(row.last_used_at) < utcnow() - LAST_USED_EVERY:
        with db.transaction() as conn:
            coach_store.mark_api_token_used(conn, row.id, utcnow() - LAST_USED_EVERY)
    return TokenHolder(row.id, row.coach, row.name)


def _digest(token: str) -> str:
    # surrogatepass: a lone surrogate digests to a value no token has, instead of raising.
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()
