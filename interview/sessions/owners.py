"""Who a session belongs to: a candidate's browser or their sign-in, never the name they typed.

A browser keeps a random token (a cookie, or a private link the candidate bookmarks); a
signed-in candidate is their sign-in's e-mail. The database keeps only a digest of either, so
reading it gives no one a token to present, and a name typed on the start page reveals nothing.
"""

import hashlib
import re
import secrets

# secrets.token_urlsafe(24): 192 random bits, 32 URL-safe characters.
_TOKEN = re.compile(r"[A-Za-z0-9_-]{32,86}")


def new_candidate_token() -> str:
    return secrets.token_urlsafe(24)


def is_candidate_token(token: object) -> bool:
    """Whether a cookie or link carries something we could have made (not a guessable word)."""
    return isinstance(token, str) and _TOKEN.fullmatch(token) is not None


def browser_owner(token: str) -> str:
    """The owner digest of a browser's candidate token."""
    return _digest(f"browser:{token}")


def user_owner(email: str) -> str:
    """The owner digest of a signed-in candidate (their e-mail, case and spacing ignored)."""
    return _digest(f"user:{email.strip().casefold()}")


def _digest(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8")).hexdigest()
