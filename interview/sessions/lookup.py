"""Reading sessions: one whole, a filtered list, the context it was created with, its drafts."""

from interview.sessions.status import existing_session
from interview.sessions.stored import candidate_key
from interview.sessions.views import iso, session_view
from interview.storage import store
from interview.storage.database import Database


def get_session(db: Database, session_id: str) -> dict:
    with db.reading() as conn:
        session = existing_session(conn, session_id)
        return session_view(session, store.question_rows(conn, session_id))


def list_sessions(db: Database, filters: dict) -> list[dict]:
    if "candidate_name" in filters:
        filters = {**filters, "candidate_name": candidate_key(filters["candidate_name"])}
    with db.reading() as conn:
        rows = store.session_rows(conn, filters)
    return [_listed(row) for row in rows]


def _listed(row) -> dict:
    listed = {
        "sessionId": row.id,
        "candidateName": row.candidate_name,
        "role": row.role,
        "status": row.status,
        "overallScore": row.overall_score,
        "createdAt": iso(row.created_at),
        "completedAt": iso(row.completed_at),
    }
    # A sample (start page, "See a sample") says so; API.md's rows are otherwise unchanged.
    return {**listed, "isSample": True} if row.is_sample else listed


def session_access(db: Database, session_id: str) -> dict:
    """Who may list a session (its owner's digest, or None) and whether it is a sample."""
    with db.reading() as conn:
        session = existing_session(conn, session_id)
    return {"owner": session.owner, "isSample": bool(session.is_sample)}


def session_context(db: Database, session_id: str) -> dict:
    """The job description and resume a session was created with (None where not given), and
    who wrote its questions: "model", "bank", or "bank-fallback" when the model failed."""
    with db.reading() as conn:
        session = existing_session(conn, session_id)
    return {
        "jobDescription": session.job_description,
        "resumeText": session.resume_text,
        "questionSource": session.question_source or "bank",
        "timeLimitMinutes": session.time_limit_minutes,
        "questionSet": session.question_set_name,
    }


def answer_history(db: Database, session_id: str) -> list[dict]:
    """Every saved revision of every answer (for coaches: how an answer evolved)."""
    with db.reading() as conn:
        existing_session(conn, session_id)
        rows = store.answer_history(conn, session_id)
    return [
        {"questionIndex": r.position, "kind": r.kind, "text": r.text, "savedAt": iso(r.saved_at)}
        for r in rows
    ]
