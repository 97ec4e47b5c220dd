"""Who is a coach: a password kept only as an argon2 hash, or a sign-in listed as a coach's.

- The password's hash comes from configuration (COACH_PASSWORD_HASH) or, on an install with no
  coach configured at all, from the database, where the first start puts the hash of a random
  password it prints once (``ensure_password``), as notebook servers print their token.
- argon2's verify compares in constant time. Failed attempts are counted in the database (every
  process shares them): after ``FREE_FAILURES`` within ``FAILURE_WINDOW_MS`` each further attempt
  must wait twice as long as the last, up to ``LONGEST_WAIT_MS``, and every failure is logged.
- A coach who signs in gets a random token for their browser (the database keeps its digest)
  that stays valid for ``SIGN_IN_HOURS`` or until they sign out.
"""

import hashlib
import logging
import secrets
from dataclasses import dataclass
from datetime import timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from interview.errors import InterviewError
from interview.storage import coach_store
from interview.storage.database import Database, utcnow

log = logging.getLogger(__name__)
SIGN_IN_HOURS = 12
FAILURE_WINDOW_MS = 15 * 60 * 1000
FREE_FAILURES = 5
FIRST_WAIT_MS = 2_000
LONGEST_WAIT_MS = 5 * 60 * 1000
PASSWORD_COACH = "coach"  # who signed in with the shared password, when they give no name
_hasher = PasswordHasher()


@dataclass(frozen=True)
class SignIn:
    coach: str
    token: str


def first_start_notice(password: str) -> str:
    """What the console shows, once, when a fresh install made its coach password."""
    return (
        "\n  Rehearse: no coach is configured, so this install made a coach password.\n"
        f"  Coach password: {password}\n"
        "  It is shown only now (only its hash is kept). Sign in on the Coach page.\n"
        "  To make a new one: make coach-password\n"
    )


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def ensure_password(db: Database, configured_hash: str | None) -> str | None:
    """On a first start with no coach configured: a new password (only its hash is kept)."""
    if configured_hash:
        return None
    with db.reading() as conn:
        if coach_store.password_hash(conn) is not None:
            return None
    password = _new_password()
    try:
        with db.transaction() as conn:
            coach_store.insert_password_hash(conn, hash_password(password))
    except Exception:
        # Another process made the first password at the same moment: it prints its own.
        with db.reading() as conn:
            if coach_store.password_hash(conn) is not None:
                return None
        raise
    return password


def reset_password(db: Database) -> str:
    """A new random password; the old one and every coach's sign-in stop working."""
    password = _new_password()
    with db.transaction() as conn:
        coach_store.replace_password_hash(conn, hash_password(password))
        coach_store.remove_all_sign_ins(conn)
        coach_store.forget_failures(conn)
    return password


def sign_in_with_password(
    db: Database, password: str, coach_name: str | None, configured_hash: str | None
) -> SignIn:
    """A coach's sign-in, or 401 for a wrong password, or 429 while attempts must wait."""
    with db.reading() as conn:
        stored = configured_hash or coach_store.password_hash(conn)
        now_ms = db.now_ms(conn)
        failures = coach_store.failures_since(conn, now_ms - FAILURE_WINDOW_MS)
    wait_ms = _wait_ms(failures, now_ms)
    if wait_ms > 0:
        log.warning(
            "coach sign-in refused: %d failures, %d s to wait", len(failures), wait_ms // 1000
        )
        raise InterviewError(429, f"Too many attempts: try again in {-(-wait_ms // 1000)} s")
    if not stored or not isinstance(password, str) or not _verifies(stored, password):
        with db.transaction() as conn:
            coach_store.record_failure(
                conn, db.now_ms(conn), forget_before_ms=now_ms - FAILURE_WINDOW_MS
            )
        log.warning("coach sign-in failed (%d in the last 15 minutes)", len(failures) + 1)
        raise InterviewError(401, "Wrong password")
    name = " ".join((coach_name or "").split())[:100] or PASSWORD_COACH
    return start_sign_in(db, name, via="password")


def start_sign_in(db: Database, coach: str, *, via: str) -> SignIn:
    """A token for a coach who has proved who they are (a password, or a listed sign-in)."""
    token = secrets.token_urlsafe(32)
    expires = utcnow() + timedelta(hours=SIGN_IN_HOURS)
    with db.transaction() as conn:
        coach_store.add_sign_in(conn, _digest(token), coach, expires)
        coach_store.record_action(conn, coach, "sign_in", None, {"via": via})
    return SignIn(coach, token)


def coach_for_token(db: Database, token: object) -> str | None:
    """The coach a browser's token belongs to, while it is valid."""
    if not isinstance(token, str) or not token:
        return None
    with db.reading() as conn:
        return coach_store.signed_in_coach(conn, _digest(token))


def sign_out(db: Database, token: object) -> None:
    if isinstance(token, str) and token:
        with db.transaction() as conn:
            coach = coach_store.signed_in_coach(conn, _digest(token))
            coach_store.remove_sign_in(conn, _digest(token))
            if coach:
                coach_store.record_action(conn, coach, "sign_out", None, {})


def is_coach_email(email: object, coach_emails: str | None) -> bool:
    """Whether a signed-in e-mail is one of the configured coaches' (comma-separated)."""
    if not isinstance(email, str) or not email.strip() or not coach_emails:
        return False
    listed = {item.strip().casefold() for item in coach_emails.split(",") if item.strip()}
    return email.strip().casefold() in listed


def _wait_ms(failures: list[int], now_ms: int) -> int:
    """How long the next attempt must still wait: doubling after the free failures."""
    if len(failures) < FREE_FAILURES:
        return 0
    wait = min(LONGEST_WAIT_MS, FIRST_WAIT_MS * 2 ** (len(failures) - FREE_FAILURES))
    return max(0, failures[-1] + wait - now_ms)


def _verifies(stored: str, password: str) -> bool:
    try:
        return _hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


def _new_password() -> str:
    # Four groups of five from 31 unambiguous characters: easy to copy, 99 random bits.
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
    groups = ("".join(secrets.choice(alphabet) for _ in range(5)) for _ in range(4))
    return "-".join(groups)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()
