"""Stored rows as the JSON objects API.md names (camelCase, ISO 8601 UTC times)."""

from datetime import datetime

from sqlalchemy import Row

from interview.questions.spec import QuestionSpec
from interview.storage.database import as_utc


def iso(moment: datetime | None) -> str | None:
    """ISO 8601 in UTC with a Z, to the millisecond; None stays None."""
    if moment is None:
        return None
    return as_utc(moment).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def question_view(row: Row) -> dict:
    return {
        "questionIndex": row.position,
        "question": row.text,
        "category": row.category,
        "type": row.type,
        "difficulty": row.difficulty,
        "isFollowUp": bool(row.is_follow_up),
        "parentQuestionIndex": row.parent_position,
        "userAnswer": row.user_answer,
        "answered": bool(row.answered),
        "score": row.score,
        "feedback": row.feedback,
    }


def new_question_view(spec: QuestionSpec, index: int, *, parent_index: int | None) -> dict:
    """A question just added to a session (nothing answered or scored yet)."""
    return {
        "questionIndex": index,
        "question": spec.text,
        "category": spec.category,
        "type": spec.type,
        "difficulty": spec.difficulty,
        "isFollowUp": parent_index is not None,
        "parentQuestionIndex": parent_index,
        "userAnswer": None,
        "answered": False,
        "score": None,
        "feedback": None,
    }


def session_view(session: Row, questions: list[Row]) -> dict:
    return {
        "sessionId": session.id,
        "status": session.status,
        "currentIndex": session.current_index,
        "totalQuestions": session.total_questions,
        "mainQuestionCount": session.main_question_count,
        "followUpCount": session.follow_up_count,
        "candidateName": session.candidate_name,
        "role": session.role,
        "difficulty": session.difficulty,
        "createdAt": iso(session.created_at),
        "completedAt": iso(session.completed_at),
        "questions": [question_view(row) for row in questions],
    }
