"""Answering: submit an answer (and insert its follow-up), or save a draft or an edit.

Each runs as one transaction and raises InterviewError where a rule of API.md is broken.
"""

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Row

from interview.errors import InterviewError
from interview.interviewers.base import AskedQuestion, Interviewer
from interview.interviewers.metering import NOTHING, spent
from interview.questions.spec import QuestionSpec
from interview.sessions import questioning
from interview.sessions.status import check_open, open_session_at
from interview.sessions.stored import question_row, spec_of
from interview.sessions.views import new_question_view, question_view
from interview.storage import evaluation_store, ratelimit, store
from interview.storage.database import Database

if TYPE_CHECKING:
    from interview.sessions.evaluations import EvaluationWorker

log = logging.getLogger(__name__)
MAX_POSITION = 1_000_000


def save_answer(
    db: Database,
    session_id: str,
    index: int,
    answer: str,
    worker: "EvaluationWorker | None" = None,
) -> None:
    with db.transaction() as conn:
        session = open_session_at(conn, session_id, index, allow_earlier=True)
        editing = index < session.current_index
        if editing and not answer.strip():
            # A submitted answer can be edited but never emptied.
            raise InterviewError(400, "答案不能为空")
        question = store.question_row(conn, session_id, index)
        kind = "edit" if editing else "draft"
        store.save_answer_text(conn, question.id, answer, kind)
        # An edit changes what the report scores: its new text is evaluated too.
        queued = worker.queue(conn, session_id, question.id, answer) if worker and editing else None
    if queued is not None:
        worker.start(queued, session_id)


def submit_answer(
    db: Database,
    interviewer: Interviewer,
    session_id: str,
    index: int,
    answer: str,
    *,
    per_second: int | None,
    worker: "EvaluationWorker | None" = None,
    on_follow_up_text: Callable[[str], object] | None = None,
) -> dict:
    # Everything read here is checked again by the write transaction's conditional update.
    # No session has this many questions; a bigger index must not overflow the database's ints.
    probe = min(index, MAX_POSITION)
    with db.unchecked_reads() as conn:
        session, rows = store.state_and_questions(conn, session_id, probe, probe + 1)
        check_open(session, index, allow_earlier=False)
        answered, *following = rows
        asked, may_follow_up = _asked_question(conn, answered, session.follow_up_count)
    # A model evaluates the answer while it decides the follow-up: the two waits overlap.
    # The last answer (nothing may follow it) is evaluated with the summary, in one call.
    completes = not may_follow_up and not following
    evaluation = worker.begin(asked, answer, completes=completes) if worker else None
    committed = False
    try:
        # The decision may be slow (a model): make it before the write, outside any transaction.
        follow_up, usage = (
            questioning.decide_follow_up(interviewer, asked, answer, on_follow_up_text)
            if may_follow_up
            else (None, NOTHING)
        )
        if follow_up:
            follow_up = _as_follow_up_of((asked.parent or asked).spec, follow_up)
        try:
            with db.transaction() as conn:
                new_total = _record_submit(
                    db, conn, session, answered, answer, follow_up, per_second
                )
                if evaluation:
                    evaluation.record(conn, session.id, answered.id)
                if spent(usage):
                    evaluation_store.record_usage(conn, session.id, "follow-up", usage)
        except InterviewError as refused:
            if refused.code == 429:
                _join_queue(db, session.id)
            raise
        committed = True
    finally:
        if evaluation:
            evaluation.settle(committed)
    # Nothing else moves while current_index is ours, so the question read before is still true.
    if follow_up:
        main_index = (asked.parent or asked).index
        next_question = new_question_view(follow_up, index + 1, parent_index=main_index)
    else:
        next_question = question_view(following[0]) if following else None
    return {
        "hasNextQuestion": next_question is not None,
        "nextQuestion": next_question,
        "currentIndex": index + 1,
        "totalQuestions": new_total,
    }


def _join_queue(db: Database, session_id: str) -> None:
    """Keep this session's place for the next free slot (ratelimit.py); the candidate gets the
    429 either way, so a failure to queue is only logged."""
    try:
        ratelimit.join_queue(db, session_id)
    except Exception:
        log.warning("could not queue session for the rate limit", exc_info=True)


def _asked_question(conn: Connection, row: Row, allowed: int) -> tuple[AskedQuestion, bool]:
    """The question as the interviewer sees it, and whether its main question may get more."""
    if not allowed:
        return AskedQuestion(index=row.position, spec=spec_of(row)), False
    main_row = store.question_by_id(conn, row.parent_id) if row.is_follow_up else row
    main = AskedQuestion(index=main_row.position, spec=spec_of(main_row))
    asked = main if not row.is_follow_up else AskedQuestion(row.position, spec_of(row), True, main)
    return asked, store.follow_up_total(conn, main_row.id) < allowed


def _record_submit(
    db: Database,
    conn: Connection,
    session: store.SessionState,
    answered: Row,
    answer: str,
    follow_up: QuestionSpec | None,
    per_second: int | None,
) -> int:
    """Store the answer (and its follow-up) if this submit wins; return the new total."""
    index, total = answered.position, session.total_questions
    new_total = total + (1 if follow_up else 0)
    if not store.advance_session(conn, session.id, index, total, new_total):
        # Another tab or process moved on (or ended the interview) since we read it.
        open_session_at(conn, session.id, index, allow_earlier=False)
        raise InterviewError(400, "Question index mismatch")
    ratelimit.admit_submit(db, conn, per_second, session.id)
    store.save_answer_text(conn, answered.id, answer, "submit")
    if follow_up:
        main_id = answered.parent_id if answered.is_follow_up else answered.id
        store.insert_follow_up(conn, session.id, index, question_row(follow_up, -1, main_id))
    return new_total


def _as_follow_up_of(main: QuestionSpec, follow_up: QuestionSpec) -> QuestionSpec:
    """A follow-up always carries its main question's category, type and difficulty."""
    return QuestionSpec(
        text=follow_up.text,
        category=main.category,
        type=main.type,
        difficulty=main.difficulty,
        key_points=follow_up.key_points,
        reference_answer=follow_up.reference_answer,
    )
