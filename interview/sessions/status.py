"""A session's status, and the checks every use case makes first: 404, 409, index mismatch."""

from sqlalchemy import Connection, Row

from interview.errors import InterviewError
from interview.storage import store

OPEN = ("CREATED", "IN_PROGRESS")
ENDED = ("COMPLETED", "EVALUATED")


def existing_session(conn: Connection, session_id: str) -> Row:
    session = store.session_row(conn, session_id)
    if session is None:
        raise InterviewError(404, "Session not found")
    return session


def open_session_at(conn: Connection, session_id: str, index: int, *, allow_earlier: bool) -> Row:
    """The session, if it is still open and `index` is one it accepts (404, 409, mismatch)."""
    session = existing_session(conn, session_id)
    check_open(session, index, allow_earlier=allow_earlier)
    return session


def check_open(
    session: Row | store.SessionState | None, index: int, *, allow_earlier: bool
) -> None:
    if session is None:
        raise InterviewError(404, "Session not found")
    if session.status in ENDED:
        raise InterviewError(409, "Interview already completed")
    too_far = index > session.current_index
    if too_far or (index != session.current_index and not allow_earlier):
        raise InterviewError(400, "Question index mismatch")
