"""Who evaluated each answer of a session and wrote its summary, and what its model calls cost."""

from sqlalchemy import Row

from interview.errors import InterviewError
from interview.interviewers.base import Interviewer
from interview.interviewers.llm.usage import call_usage
from interview.sessions.evaluation_records import answer_digest
from interview.storage import evaluation_store, report_store, store
from interview.storage.database import Database


def evaluation_details(db: Database, interviewer: Interviewer, session_id: str) -> dict:
    """Per answered question, the evaluation of its current answer; the summary; the totals."""
    with db.reading() as conn:
        session = store.session_row(conn, session_id)
        if session is None:
            raise InterviewError(404, "Session not found")
        rows = store.question_rows(conn, session_id)
        evaluations = _current(evaluation_store.session_evaluations(conn, session_id))
        used = evaluation_store.session_usage(conn, session_id)
        summary = report_store.summary_provenance(conn, session_id)
    answered = [row for row in rows if row.answered and row.user_answer]
    return {
        "questions": [
            _question(row.position, evaluations.get((row.id, answer_digest(row.user_answer))))
            for row in answered
        ],
        "summary": summary,
        "totals": {
            "calls": used.calls,
            "promptTokens": used.prompt_tokens,
            "completionTokens": used.completion_tokens,
            "estimatedCost": _estimated_cost(interviewer, used),
        },
    }


def _current(rows: list[Row]) -> dict[tuple[int, str], Row]:
    """For each (question, answer text): its latest finished evaluation, else its latest row."""
    done = evaluation_store.DONE
    chosen: dict[tuple[int, str], Row] = {}
    for row in rows:  # oldest first
        key = (row.question_id, row.answer_digest)
        if row.status == done or chosen.get(key, row).status != done:
            chosen[key] = row
    return chosen


def _question(index: int, row: Row | None) -> dict:
    if row is None:  # not queued: the report evaluates it when asked for
        return {
            "questionIndex": index,
            **dict.fromkeys(("source", "model", "promptVersion", "rubricVersion")),
            "fallbackReason": None,
            "promptTokens": 0,
            "completionTokens": 0,
            "status": evaluation_store.PENDING,
        }
    return {
        "questionIndex": index,
        "source": row.source,
        "model": row.model,
        "promptVersion": row.prompt_version,
        "rubricVersion": row.rubric_version,
        "fallbackReason": row.fallback_reason,
        "promptTokens": row.prompt_tokens,
        "completionTokens": row.completion_tokens,
        "status": row.status,
    }


def _estimated_cost(interviewer: Interviewer, used: evaluation_store.Tokens) -> float | None:
    """The tokens at the configured prices; None when no price is configured."""
    settings = getattr(interviewer, "settings", None)
    prices = (
        getattr(settings, "price_per_1k_input", None),
        getattr(settings, "price_per_1k_output", None),
    )
    return call_usage(used.prompt_tokens, used.completion_tokens, *prices).cost
