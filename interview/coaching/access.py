"""Who is a coach: an account (a name and a password kept only as an argon2 hash), or a sign-in
listed as a coach's.

- Accounts: a first start with no coach configured makes the first, named ``FIRST_ACCOUNT``, and
  prints its random password once, as notebook servers print their token (``ensure_password``);
  ``make coach-add NAME`` or a signed-in coach makes the others (``add_account``), each with a
  random password shown once. COACH_PASSWORD_HASH, when configured, is the first account's.
  Removing an account ends its sign-ins and revokes its API tokens at once.
- argon2's verify compares in constant time, and a name with no account is checked against a
  dummy hash, so the time taken tells nobody which names exist.
- Throttling is by source, never for the whole install: an attempt is counted for the client it
  came from (``client_of``) and for the account it names. A client with ``FREE_FAILURES`` failed
  attempts within ``FAILURE_WINDOW_MS`` must wait, twice as long after each further one, up to
  ``LONGEST_WAIT_MS``; so one client's guesses never refuse another client's right password.
  Guesses spread over many addresses are slowed per account: once an account has had
  ``ACCOUNT_FREE_FAILURES`` in the window, a client that has already failed on it waits by the
  account's count too (a client that has not gets its one try, so the coach is never locked
  out by someone else).
- Counting is atomic: the attempt is written, under a lock, in the transaction that read the
  counts, before the password is checked (a slow hash); it is deleted once it proved right. Thirty
  wrong passwords sent at once are therefore counted as thirty, and all but the first five wait.
- A coach who signs in gets a random token for their browser (the database keeps its digest).
  It ends after ``SIGN_IN_IDLE_MINUTES`` without use (each use moves that on), after
  ``SIGN_IN_HOURS`` at the most, when they sign out, or when their account is removed.
"""

import hashlib
import ipaddress
import logging
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy.exc import IntegrityError

from interview.errors import InterviewError
from interview.sessions.validation import is_row_number
from interview.storage import coach_store
from interview.storage.database import Database, as_utc, utcnow

log = logging.getLogger(__name__)
FIRST_ACCOUNT = "coach"
MAX_NAME = 60
SIGN_IN_IDLE_MINUTES = 30
SIGN_IN_HOURS = 12
# A sign-in's expiry is written at most this often: a coach's every rerun need not be a write.
RENEW_EVERY = timedelta(minutes=1)
FAILURE_WINDOW_MS = 15 * 60 * 1000
FREE_FAILURES = 5
ACCOUNT_FREE_FAILURES = 10
FIRST_WAIT_MS = 2_000
LONGEST_WAIT_MS = 5 * 60 * 1000
# The proxies whose X-Forwarded-For is believed: the documented nginx runs on this machine.
TRUSTED_PROXIES = ("127.0.0.1", "::1")
UNKNOWN_CLIENT = "unknown"
_hasher = PasswordHasher()
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))
# A sign-in token is secrets.token_urlsafe(32): anything else (a lone surrogate, a megabyte)
# names no sign-in and is never hashed or looked up.
_TOKEN = re.compile(r"[A-Za-z0-9_-]{16,128}")


@dataclass(frozen=True)
class SignIn:
    coach: str
    token: str


def first_start_notice(password: str) -> str:
    """What the console shows, once, when a fresh install made its first coach account."""
    return (
        "\n  Rehearse: no coach is configured, so this install made the first coach account.\n"
        f"  Coach account: {FIRST_ACCOUNT}\n"
        f"  Password: {password}\n"
        "  It is shown only now (only its hash is kept). Sign in on the Coach page.\n"
        '  Another coach: make coach-add NAME="Their Name"; a new password: make coach-password\n'
    )


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def name_key(name: object) -> str:
    """The account a typed name means: spaces squeezed, any case; blank means the first."""
    if not isinstance(name, str):
        return FIRST_ACCOUNT
    return " ".join(name.split()).casefold()[:MAX_NAME] or FIRST_ACCOUNT


# --- accounts ---------------------------------------------------------------------------------


def ensure_password(db: Database, configured_hash: str | None) -> str | None:
    """On a first start with no coach configured: the first account, with a new password
    (returned to be printed once; only its hash is kept)."""
    if configured_hash:
        return None
    with db.reading() as conn:
        if coach_store.account_count(conn):
            return None
    password = _new_password()
    try:
        with db.transaction() as conn:
            coach_store.add_account(
                conn, FIRST_ACCOUNT, FIRST_ACCOUNT, hash_password(password), "first start"
            )
    except IntegrityError:
        return None  # another process made it at the same moment, and prints its own
    return password


def add_account(db: Database, name: object, by: str) -> dict:
    """A new coach account: {"name", "password"}, the password shown only now."""
    if not isinstance(name, str) or not name.strip():
        raise InterviewError(400, "A coach's name is required")
    name = " ".join(name.split())
    if len(name) > MAX_NAME:
        raise InterviewError(400, f"A coach's name must be at most {MAX_NAME} characters")
    if not name.isprintable():
        raise InterviewError(400, "A coach's name must be plain text")
    password = _new_password()
    try:
        with db.transaction() as conn:
            account_id = coach_store.add_account(
                conn, name, name_key(name), hash_password(password), by
            )
            coach_store.record_action(
                conn, by, "coach_add", None, {"account": account_id, "name": name}
            )
    except IntegrityError:
        raise InterviewError(409, f"There is already a coach named {name}") from None
    return {"id": account_id, "name": name, "password": password}


def accounts(db: Database, configured_hash: str | None) -> list[dict]:
    """Every account, oldest first; the configured one (COACH_PASSWORD_HASH) among them."""
    with db.reading() as conn:
        rows = coach_store.accounts(conn)
    listed = [
        {
            "id": row.id,
            "name": row.name,
            "createdAt": as_utc(row.created_at).isoformat(),
            "createdBy": row.created_by,
            "configured": configured_hash is not None and row.name_key == FIRST_ACCOUNT,
        }
        for row in rows
    ]
    if configured_hash and not any(item["configured"] for item in listed):
        listed.insert(
            0,
            {
                "id": None,
                "name": FIRST_ACCOUNT,
                "createdAt": None,
                "createdBy": "COACH_PASSWORD_HASH",
                "configured": True,
            },
        )
    return listed


def remove_account(db: Database, account_id: object, by: str) -> dict:
    """Remove an account: its sign-ins end and its API tokens are revoked, in one transaction.

    Nobody removes themselves (another coach must), and the last account stays."""
    if not is_row_number(account_id):
        raise InterviewError(404, "Coach not found")
    with db.transaction() as conn:
        row = coach_store.account_by_id(conn, account_id)
        if row is None:
            raise InterviewError(404, "Coach not found")
        if row.name_key == name_key(by):
            raise InterviewError(409, "You cannot remove your own account")
        if coach_store.account_count(conn) <= 1:
            raise InterviewError(409, "The last coach account cannot be removed")
        coach_store.remove_account(conn, row.id)
        ended = coach_store.remove_sign_ins_of(conn, row.id)
        revoked = coach_store.revoke_api_tokens_of(conn, row.name, by)
        coach_store.forget_attempts_on(conn, row.name_key)
        coach_store.record_action(
            conn,
            by,
            "coach_remove",
            None,
            {"account": row.id, "name": row.name, "signIns": ended, "tokens": revoked},
        )
    return {"name": row.name, "signIns": ended, "tokens": len(revoked)}


def reset_password(db: Database, name: object = None) -> dict:
    """A new random password for an account (the first when no name is given), which is made
    if missing; its sign-ins end and its failed attempts are forgotten."""
    key = name_key(name)
    password = _new_password()
    with db.transaction() as conn:
        row = coach_store.account(conn, key)
        if row is None:
            if key != FIRST_ACCOUNT:
                raise InterviewError(404, "Coach not found")
            account_id = coach_store.add_account(
                conn, FIRST_ACCOUNT, FIRST_ACCOUNT, hash_password(password), "console"
            )
            shown = FIRST_ACCOUNT
        else:
            account_id, shown = row.id, row.name
            coach_store.set_password_hash(conn, row.id, hash_password(password))
            coach_store.remove_sign_ins_of(conn, row.id)
        coach_store.forget_attempts_on(conn, key)
    return {"id": account_id, "name": shown, "password": password}


def change_password(db: Database, coach: str, current: object, new: object) -> None:
    """A signed-in coach chooses their own password (at least 12 characters)."""
    if not isinstance(new, str) or len(new) < 12:
        raise InterviewError(400, "A password must be at least 12 characters")
    key = name_key(coach)
    with db.reading() as conn:
        row = coach_store.account(conn, key)
    if row is None:
        raise InterviewError(404, "Coach not found")
    if not isinstance(current, str) or not _verifies(row.password_hash, current):
        raise InterviewError(401, "Wrong password")
    with db.transaction() as conn:
        coach_store.set_password_hash(conn, row.id, hash_password(new))
        coach_store.record_action(conn, row.name, "password_change", None, {})


# --- signing in -------------------------------------------------------------------------------


def client_of(
    peer: str | None, forwarded_for: str | None = None, browser: str | None = None
) -> str:
    """Whose attempts these are, for throttling: the address the documented proxy saw (the
    last X-Forwarded-For entry it added), else the peer's address, else the browser.

    X-Forwarded-For is believed only from a trusted proxy (nginx on this machine): from anyone
    else it is whatever they chose to send. A loopback peer with no proxy header is this
    machine itself (a developer's browser, a test): its browsers are told apart by their token."""
    peer = _address(peer)
    loopback = peer is None or peer in TRUSTED_PROXIES
    if loopback and isinstance(forwarded_for, str):
        hops = [_address(hop) for hop in forwarded_for.split(",")]
        outside = [hop for hop in hops if hop is not None and hop not in TRUSTED_PROXIES]
        if outside:
            return f"ip:{outside[-1]}"
    if peer is not None and not loopback:
        return f"ip:{peer}"
    if isinstance(browser, str) and browser:
        return f"browser:{_digest(browser)[:32]}"
    return f"ip:{peer}" if peer is not None else UNKNOWN_CLIENT


def sign_in_with_password(
    db: Database,
    password: object,
    account_name: object,
    configured_hash: str | None,
    client: str | None = None,
) -> SignIn:
    """A coach's sign-in, or 401 for a wrong name or password, or 429 while this client (or
    this client on this account) must wait."""
    key = name_key(account_name)
    client = (client or UNKNOWN_CLIENT)[:200]
    attempt_id, row = _admit_attempt(db, client, key)
    stored = row.password_hash if row is not None else None
    if key == FIRST_ACCOUNT and configured_hash:
        stored = configured_hash
    right = _verifies(stored or _DUMMY_HASH, password) and stored is not None
    if not right:
        log.warning("coach sign-in failed for %r from %s", key, client)
        raise InterviewError(401, "Wrong name or password")
    with db.transaction() as conn:
        coach_store.forget_attempt(conn, attempt_id)
    name = row.name if row is not None else FIRST_ACCOUNT
    return start_sign_in(db, name, via="password", account_id=row.id if row else None)


def _admit_attempt(db: Database, client: str, key: str) -> tuple[int, object]:
    """Record the attempt, or 429 if this source must still wait; one locked transaction."""
    with db.transaction() as conn:
        coach_store.lock_sign_in_attempts(conn)
        now_ms = db.now_ms(conn)
        since = now_ms - FAILURE_WINDOW_MS
        wait_ms = _wait_ms(coach_store.attempts_since(conn, since, client=client), now_ms)
        if coach_store.attempts_since(conn, since, client=client, account_key=key):
            on_account = coach_store.attempts_since(conn, since, account_key=key)
            wait_ms = max(wait_ms, _wait_ms(on_account, now_ms, free=ACCOUNT_FREE_FAILURES))
        if wait_ms > 0:
            log.warning(
                "coach sign-in refused for %r from %s: %d s to wait", key, client, wait_ms // 1000
            )
            raise InterviewError(429, f"Too many attempts: try again in {-(-wait_ms // 1000)} s")
        attempt_id = coach_store.record_attempt(conn, now_ms, client, key, forget_before_ms=since)
        return attempt_id, coach_store.account(conn, key)


def start_sign_in(db: Database, coach: str, *, via: str, account_id: int | None = None) -> SignIn:
    """A token for a coach who has proved who they are (a password, or a listed sign-in)."""
    token = secrets.token_urlsafe(32)
    now = utcnow()
    with db.transaction() as conn:
        coach_store.add_sign_in(conn, _digest(token), coach, account_id, now, _expiry(now, now))
        coach_store.record_action(conn, coach, "sign_in", None, {"via": via})
    return SignIn(coach, token)


def coach_for_token(db: Database, token: object) -> str | None:
    """The coach a browser's token belongs to, while it is valid; the use renews it."""
    if not _could_be_ours(token):
        return None
    digest = _digest(token)
    with db.reading() as conn:
        row = coach_store.live_sign_in(conn, digest)
    if row is None:
        return None
    now = utcnow()
    renewed = _expiry(as_utc(row.started_at) or now, now)
    if renewed - as_utc(row.expires_at) >= RENEW_EVERY:
        with db.transaction() as conn:
            coach_store.extend_sign_in(conn, digest, renewed)
    return row.coach


def sign_out(db: Database, token: object) -> None:
    if _could_be_ours(token):
        with db.transaction() as conn:
            row = coach_store.live_sign_in(conn, _digest(token))
            coach_store.remove_sign_in(conn, _digest(token))
            if row is not None:
                coach_store.record_action(conn, row.coach, "sign_out", None, {})


def is_coach_email(email: object, coach_emails: str | None) -> bool:
    """Whether a signed-in e-mail is one of the configured coaches' (comma-separated)."""
    if not isinstance(email, str) or not email.strip() or not coach_emails:
        return False
    listed = {item.strip().casefold() for item in coach_emails.split(",") if item.strip()}
    return email.strip().casefold() in listed


def _expiry(started: datetime, now: datetime) -> datetime:
    """Idle minutes from now, never past the longest a sign-in lasts."""
    return min(
        now + timedelta(minutes=SIGN_IN_IDLE_MINUTES), started + timedelta(hours=SIGN_IN_HOURS)
    )


def _wait_ms(failures: list[int], now_ms: int, free: int = FREE_FAILURES) -> int:
    """How long the next attempt must still wait: doubling after the free failures."""
    if len(failures) < free:
        return 0
    wait = min(LONGEST_WAIT_MS, FIRST_WAIT_MS * 2 ** min(len(failures) - free, 20))
    return max(0, failures[-1] + wait - now_ms)


def _address(raw: object) -> str | None:
    """A well-formed IP address in its canonical spelling, or None."""
    if not isinstance(raw, str):
        return None
    try:
        return str(ipaddress.ip_address(raw.strip().removeprefix("[").split("]")[0]))
    except ValueError:
        return None


def _verifies(stored: str, password: object) -> bool:
    if not isinstance(password, str):
        return False
    try:
        return _hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


def _new_password() -> str:
    # Four groups of five from 31 unambiguous characters: easy to copy, 99 random bits.
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
    groups = ("".join(secrets.choice(alphabet) for _ in range(5)) for _ in range(4))
    return "-".join(groups)


def _could_be_ours(token: object) -> bool:
    return isinstance(token, str) and _TOKEN.fullmatch(token) is not None


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()
