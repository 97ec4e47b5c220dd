"""The record of what coaches did: who, when, what, on which session."""

from interview.sessions import validation
from interview.sessions.views import iso
from interview.storage import coach_store
from interview.storage.database import Database

LONGEST_PAGE = 500
# What a coach may do, as the record names it.
ACTIONS = (
    "sign_in",
    "sign_out",
    "view",
    "comment",
    "override",
    "regrade",
    "delete",
    "export",
    "password",
    "set_create",
    "set_edit",
    "set_delete",
    "assign",
    "unassign",
    "api_token_create",
    "api_token_revoke",
    "api_read",
)


def record(db: Database, actor: str, action: str, session_id: str | None = None, **detail) -> None:
    with db.transaction() as conn:
        coach_store.record_action(conn, actor, action, session_id, detail)


def history(db: Database, page: int, page_size: int) -> dict:
    """One page of the record, newest first, and how many entries there are."""
    page, page_size = validation.check_page(page, page_size, LONGEST_PAGE)
    with db.reading() as conn:
        rows, total = coach_store.actions(conn, limit=page_size, offset=page * page_size)
    return {
        "total": total,
        "actions": [
            {
                "actor": row.actor,
                "action": row.action,
                "sessionId": row.session_id,
                "detail": row.detail,
                "at": iso(row.at),
            }
            for row in rows
        ],
    }
