"""Where a session stands and how it ends: recover the current question, finish early, delete."""

from interview.errors import InterviewError
from interview.sessions.status import ENDED, OPEN, existing_session
from interview.sessions.views import question_view
from interview.storage import store
from interview.storage.database import Database


def get_current_question(db: Database, session_id: str) -> dict:
    # A read, so that recovery works while another writer holds the lock; only the first call
    # writes (CREATED -> IN_PROGRESS, conditional: a submit in between has moved it already).
    with db.reading() as conn:
        session = existing_session(conn, session_id)
        ended = session.status in ENDED or session.current_index >= session.total_questions
        question = None if ended else store.question_row(conn, session_id, session.current_index)
    if session.status == "CREATED":
        with db.transaction() as conn:
            store.set_status(conn, session_id, "IN_PROGRESS", where_status=("CREATED",))
    return {
        "completed": ended,
        "question": question_view(question) if question else None,
        "currentIndex": session.current_index,
        "totalQuestions": session.total_questions,
    }


def complete_early(db: Database, session_id: str) -> None:
    with db.transaction() as conn:
        existing_session(conn, session_id)
        if not store.complete_session(conn, session_id, where_status=OPEN):
            raise InterviewError(409, "Interview already completed")


def delete_session(db: Database, session_id: str) -> None:
    with db.transaction() as conn:
        if not store.delete_session(conn, session_id):
            raise InterviewError(404, "Session not found")
