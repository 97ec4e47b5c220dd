"""The interview's use cases: create, answer, save a draft, recover, finish, delete, list.

Each takes the store (and the interviewer or the tracks where it needs them), runs as one
transaction, and raises InterviewError where a rule of API.md is broken.
"""

import logging
import random
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Row

from interview import banks, evaluation_store, questioning, ratelimit, store
from interview.database import Database, utcnow
from interview.errors import InterviewError
from interview.interviewers.base import AskedQuestion, Interviewer, QuestionSpec
from interview.metering import NOTHING, spent
from interview.views import iso, new_question_view, question_view, session_view

if TYPE_CHECKING:
    from interview.evaluations import EvaluationWorker

log = logging.getLogger(__name__)
OPEN = ("CREATED", "IN_PROGRESS")
ENDED = ("COMPLETED", "EVALUATED")
# How many of a candidate's latest sessions count as "seen recently" when choosing questions.
RECENT_SESSIONS = 3
# A model writing tailored questions is shown the main questions of this many latest sessions.
RECENT_SESSIONS_FOR_MODEL = 5
MAX_POSITION = 1_000_000


@dataclass(frozen=True)
class NewSession:
    """A create request that has passed validation (see interview.validation)."""

    candidate_name: str
    role: str
    question_count: int
    follow_up_count: int
    difficulty: str | None
    job_description: str | None
    resume_text: str | None
    custom_questions: tuple[str, ...] | None
    request_id: str | None


def candidate_key(name: str) -> str:
    """The same candidate whatever the spacing or case they type their name in."""
    return " ".join(name.split()).casefold()


def create_session(
    db: Database, tracks: dict, new: NewSession, interviewer: Interviewer | None = None
) -> dict:
    session_id = secrets.token_urlsafe(24)  # 192 random bits
    key = candidate_key(new.candidate_name)
    tailor = questioning.may_tailor(new, interviewer)
    with db.reading() as conn:
        seen = store.recent_bank_ids(conn, key, RECENT_SESSIONS)
        recent = store.recent_question_texts(conn, key, RECENT_SESSIONS_FOR_MODEL) if tailor else []
    # The bank's choice comes first even when a model writes the questions: it checks the
    # request as API.md says (a 400 stays a 400) and is what the session asks if the model fails.
    specs = _choose_questions(tracks, new, seen, random.Random(session_id))
    source, usage = "bank", NOTHING
    if tailor:
        written, usage = questioning.tailored_questions(interviewer, tracks[new.role], new, recent)
        specs, source = (written, "model") if written else (specs, "bank-fallback")
    session = {
        "id": session_id,
        "request_id": new.request_id,
        "candidate_name": new.candidate_name,
        "candidate_key": candidate_key(new.candidate_name),
        "role": new.role,
        "difficulty": new.difficulty,
        "status": "CREATED",
        "current_index": 0,
        "total_questions": len(specs),
        "main_question_count": len(specs),
        "follow_up_count": new.follow_up_count,
        "job_description": new.job_description,
        "resume_text": new.resume_text,
        "created_at": utcnow(),
        "question_source": source,
    }
    rows = [_question_row(spec, position=i) for i, spec in enumerate(specs)]
    try:
        with db.transaction() as conn:
            store.insert_session(conn, session, rows)
            if spent(usage):
                evaluation_store.record_usage(conn, session_id, "questions", usage)
    except Exception:
        # Two creates with one request id raced and the other won: return its session.
        if new.request_id is not None:
            existing = session_for_request(db, new.request_id)
            if existing is not None:
                return existing
        raise
    return get_session(db, session_id)


def session_for_request(db: Database, request_id: str) -> dict | None:
    """The session an earlier create with this request id made, or None."""
    with db.reading() as conn:
        session_id = store.session_id_for_request(conn, request_id)
    return get_session(db, session_id) if session_id else None


def _choose_questions(
    tracks: dict, new: NewSession, seen: set[str], rng: random.Random
) -> list[QuestionSpec]:
    if new.custom_questions is not None:
        return banks.custom_questions(list(new.custom_questions), new.difficulty)
    return banks.select_questions(
        tracks[new.role],
        new.question_count,
        difficulty=new.difficulty,
        job_description=new.job_description,
        resume_text=new.resume_text,
        avoid=frozenset(seen),
        rng=rng,
    )


def _question_row(spec: QuestionSpec, position: int, parent_id: int | None = None) -> dict:
    row = {
        "text": spec.text,
        "category": spec.category,
        "type": spec.type,
        "difficulty": spec.difficulty,
        "is_follow_up": parent_id is not None,
        "parent_id": parent_id,
        "key_points": list(spec.key_points),
        "reference_answer": spec.reference_answer,
        "bank_id": spec.bank_id,
    }
    return row if position < 0 else {**row, "position": position}


def get_session(db: Database, session_id: str) -> dict:
    with db.reading() as conn:
        session = _existing_session(conn, session_id)
        return session_view(session, store.question_rows(conn, session_id))


def _existing_session(conn: Connection, session_id: str) -> Row:
    session = store.session_row(conn, session_id)
    if session is None:
        raise InterviewError(404, "Session not found")
    return session


def _open_session_at(conn: Connection, session_id: str, index: int, *, allow_earlier: bool) -> Row:
    """The session, if it is still open and `index` is one it accepts (404, 409, mismatch)."""
    session = _existing_session(conn, session_id)
    _check_open(session, index, allow_earlier=allow_earlier)
    return session


def _check_open(
    session: Row | store.SessionState | None, index: int, *, allow_earlier: bool
) -> None:
    if session is None:
        raise InterviewError(404, "Session not found")
    if session.status in ENDED:
        raise InterviewError(409, "Interview already completed")
    too_far = index > session.current_index
    if too_far or (index != session.current_index and not allow_earlier):
        raise InterviewError(400, "Question index mismatch")


def get_current_question(db: Database, session_id: str) -> dict:
    with db.transaction() as conn:
        session = _existing_session(conn, session_id)
        if session.status == "CREATED":
            store.set_status(conn, session_id, "IN_PROGRESS", where_status=("CREATED",))
        ended = session.status in ENDED or session.current_index >= session.total_questions
        question = None if ended else store.question_row(conn, session_id, session.current_index)
    return {
        "completed": ended,
        "question": question_view(question) if question else None,
        "currentIndex": session.current_index,
        "totalQuestions": session.total_questions,
    }


def save_answer(
    db: Database,
    session_id: str,
    index: int,
    answer: str,
    worker: "EvaluationWorker | None" = None,
) -> None:
    with db.transaction() as conn:
        session = _open_session_at(conn, session_id, index, allow_earlier=True)
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
        _check_open(session, index, allow_earlier=False)
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
        with db.transaction() as conn:
            new_total = _record_submit(db, conn, session, answered, answer, follow_up, per_second)
            if evaluation:
                evaluation.record(conn, session.id, answered.id)
            if spent(usage):
                evaluation_store.record_usage(conn, session.id, "follow-up", usage)
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


def _asked_question(conn: Connection, row: Row, allowed: int) -> tuple[AskedQuestion, bool]:
    """The question as the interviewer sees it, and whether its main question may get more."""
    if not allowed:
        return AskedQuestion(index=row.position, spec=spec_of(row)), False
    main_row = store.question_by_id(conn, row.parent_id) if row.is_follow_up else row
    main = AskedQuestion(index=main_row.position, spec=spec_of(main_row))
    asked = main if not row.is_follow_up else AskedQuestion(row.position, spec_of(row), True, main)
    return asked, store.follow_up_total(conn, main_row.id) < allowed


def spec_of(row: Row) -> QuestionSpec:
    return QuestionSpec(
        text=row.text,
        category=row.category,
        type=row.type,
        difficulty=row.difficulty,
        key_points=tuple(row.key_points or ()),
        reference_answer=row.reference_answer,
        bank_id=row.bank_id,
    )


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
        _open_session_at(conn, session.id, index, allow_earlier=False)
        raise InterviewError(400, "Question index mismatch")
    ratelimit.admit_submit(db, conn, per_second)
    store.save_answer_text(conn, answered.id, answer, "submit")
    if follow_up:
        main_id = answered.parent_id if answered.is_follow_up else answered.id
        store.insert_follow_up(conn, session.id, index, _question_row(follow_up, -1, main_id))
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


def complete_early(db: Database, session_id: str) -> None:
    with db.transaction() as conn:
        _existing_session(conn, session_id)
        if not store.complete_session(conn, session_id, where_status=OPEN):
            raise InterviewError(409, "Interview already completed")


def delete_session(db: Database, session_id: str) -> None:
    with db.transaction() as conn:
        if not store.delete_session(conn, session_id):
            raise InterviewError(404, "Session not found")


def list_sessions(db: Database, filters: dict) -> list[dict]:
    if "candidate_name" in filters:
        filters = {**filters, "candidate_name": candidate_key(filters["candidate_name"])}
    with db.reading() as conn:
        rows = store.session_rows(conn, filters)
    return [
        {
            "sessionId": row.id,
            "candidateName": row.candidate_name,
            "role": row.role,
            "status": row.status,
            "overallScore": row.overall_score,
            "createdAt": iso(row.created_at),
            "completedAt": iso(row.completed_at),
        }
        for row in rows
    ]


def session_context(db: Database, session_id: str) -> dict:
    """The job description and resume a session was created with (None where not given), and
    who wrote its questions: "model", "bank", or "bank-fallback" when the model failed."""
    with db.reading() as conn:
        session = _existing_session(conn, session_id)
    return {
        "jobDescription": session.job_description,
        "resumeText": session.resume_text,
        "questionSource": session.question_source or "bank",
    }


def answer_history(db: Database, session_id: str) -> list[dict]:
    """Every saved revision of every answer (for coaches: how an answer evolved)."""
    with db.reading() as conn:
        _existing_session(conn, session_id)
        rows = store.answer_history(conn, session_id)
    return [
        {"questionIndex": r.position, "kind": r.kind, "text": r.text, "savedAt": iso(r.saved_at)}
        for r in rows
    ]
