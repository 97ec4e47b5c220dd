"""A coach's notes on a session: comments on an answer or the whole session, and overrides of a
question's dimension scores with a reason. Each is recorded as the coach's action, and the
report's figures are computed again from them in the same transaction."""

from interview.errors import InterviewError
from interview.scoring import rubric
from interview.sessions import report
from interview.sessions.evaluations import EvaluationWorker
from interview.sessions.validation import is_row_number
from interview.storage import coach_store, store
from interview.storage.database import Database

MAX_COMMENT = 5_000
MAX_REASON = 1_000


def add_comment(
    db: Database,
    worker: EvaluationWorker,
    session_id: str,
    question_index: int | None,
    body: object,
    author: str,
) -> dict:
    """Comment on one answer (question_index) or on the session (None); the final report."""
    report.generate_report(db, worker, session_id)  # 404 / 409 first; a report to comment on
    text = _text(body, "comment", MAX_COMMENT)
    with db.transaction() as conn:
        question_id = (
            _question_id(conn, session_id, question_index) if question_index is not None else None
        )
        coach_store.add_comment(conn, session_id, question_id, author, text)
        coach_store.record_action(
            conn, author, "comment", session_id, {"questionIndex": question_index}
        )
        return report.refresh_final_figures(conn, session_id)


def override_score(
    db: Database,
    worker: EvaluationWorker,
    session_id: str,
    question_index: object,
    dimension: object,
    score: object,
    reason: object,
    author: str,
) -> dict:
    """Set one dimension score of an answered question, with a reason; the final report."""
    final = report.generate_report(db, worker, session_id)  # 404 / 409 first
    if dimension not in rubric.DIMENSION_NAMES:
        raise InterviewError(400, f"dimension must be one of: {', '.join(rubric.DIMENSION_NAMES)}")
    if type(score) is not int or not 0 <= score <= 100:
        raise InterviewError(400, "score must be a whole number from 0 to 100")
    why = _text(reason, "reason", MAX_REASON)
    detail = _answered_detail(final, question_index)
    current = {d["dimension"]: d for d in detail["dimensions"]}[dimension]
    with db.transaction() as conn:
        coach_store.add_override(
            conn,
            {
                "session_id": session_id,
                "question_id": _question_id(conn, session_id, question_index),
                "dimension": dimension,
                "ai_score": current.get("aiScore", current["score"]),
                "old_score": current["score"],
                "new_score": score,
                "reason": why,
                "author": author,
            },
        )
        coach_store.record_action(
            conn,
            author,
            "override",
            session_id,
            {
                "questionIndex": question_index,
                "dimension": dimension,
                "old": current["score"],
                "new": score,
                "reason": why,
            },
        )
        return report.refresh_final_figures(conn, session_id)


def _answered_detail(final: dict, question_index: object) -> dict:
    if not is_row_number(question_index, lowest=0):
        raise InterviewError(400, "问题索引无效")
    detail = next(
        (d for d in final["questionDetails"] if d["questionIndex"] == question_index), None
    )
    if detail is None:
        raise InterviewError(400, "问题索引无效")
    if not detail["dimensions"]:
        raise InterviewError(400, "Only an answered question can be scored")
    return detail


def _question_id(conn, session_id: str, question_index: object) -> int:
    if not is_row_number(question_index, lowest=0):
        raise InterviewError(400, "问题索引无效")
    row = store.question_row(conn, session_id, question_index)
    if row is None:
        raise InterviewError(400, "问题索引无效")
    return row.id


def _text(value: object, name: str, longest: int) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InterviewError(400, f"{name} is required")
    if len(value) > longest:
        raise InterviewError(400, f"{name} must be at most {longest:,} characters")
    return value.strip()
