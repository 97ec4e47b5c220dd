"""Creating a session: its questions from a bank, the candidate's own, or a model's, once."""

import random
import secrets

from interview.interviewers.base import Interviewer
from interview.interviewers.metering import NOTHING, spent
from interview.questions import banks
from interview.questions.spec import QuestionSpec
from interview.sessions import questioning
from interview.sessions.lookup import get_session
from interview.sessions.stored import candidate_key, question_row
from interview.sessions.validation import NewSession
from interview.storage import evaluation_store, store
from interview.storage.database import Database, utcnow

# How many of a candidate's latest sessions count as "seen recently" when choosing questions.
RECENT_SESSIONS = 3
# A model writing tailored questions is shown the main questions of this many latest sessions.
RECENT_SESSIONS_FOR_MODEL = 5


def create_session(
    db: Database,
    tracks: dict,
    new: NewSession,
    interviewer: Interviewer | None = None,
    *,
    owner: str | None = None,
) -> dict:
    """A new session; `owner` (sessions.owners) is who may list it, when a page knows."""
    session_id = secrets.token_urlsafe(24)  # 192 random bits
    # Whose recent questions to avoid: the owner's, else (the Python API) the name's.
    candidate = ("owner", owner) if owner else ("name", candidate_key(new.candidate_name))
    tailor = questioning.may_tailor(new, interviewer)
    with db.reading() as conn:
        seen = store.recent_bank_ids(conn, candidate, RECENT_SESSIONS)
        recent = (
            store.recent_question_texts(conn, candidate, RECENT_SESSIONS_FOR_MODEL)
            if tailor
            else []
        )
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
        "owner": owner,
        "is_sample": False,
    }
    rows = [question_row(spec, position=i) for i, spec in enumerate(specs)]
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
