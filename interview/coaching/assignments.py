"""Assignments: a coach sends a question set to named candidates, each with a link of their own.

A link carries an unguessable token (192 bits). Opening it the first time is recorded; starting
makes the candidate's session from the set (its questions copied, so later edits of the set
change no session), in the assignment's settings, owned by whoever opened the link; opening it
again resumes that session. The coach sees, per assignment, who has not opened it, opened it,
started, finished, their scores, and who is overdue.
"""

import random
import re
import secrets
from datetime import UTC, date, datetime, time, timedelta

from interview.coaching.question_sets import specs_of
from interview.coaching.set_files import LANGUAGES
from interview.errors import InterviewError
from interview.sessions.lookup import get_session
from interview.sessions.stored import candidate_key, question_row
from interview.sessions.validation import is_row_number
from interview.sessions.views import iso
from interview.storage import coach_store, set_store, store
from interview.storage.database import Database, as_utc, utcnow

ORDERS = ("set", "shuffled")
TIME_LIMITS = (None, 2, 3, 5, 10)  # minutes per question, as the interview page offers them
MAX_CANDIDATES = 200
MAX_TITLE = 200
ENDED = ("COMPLETED", "EVALUATED")


# What secrets.token_urlsafe(24) makes: 32 URL-safe characters (a little room either side).
_TOKEN = re.compile(r"[A-Za-z0-9_-]{16,64}")


def create_assignment(
    db: Database,
    set_id: object,
    title: object,
    candidates: object,
    due: object,
    settings: object,
    by: str,
) -> dict:
    """The assignment, with each candidate's link token."""
    names = _names(candidates)
    checked = _settings(settings)
    due_at = _due(due)
    with db.transaction() as conn:
        row = set_store.set_row(conn, set_id) if type(set_id) is int else None
        if row is None:
            raise InterviewError(404, "Question set not found")
        count = checked["questionCount"]
        if count is not None and count > len(set_store.set_items(conn, row.id)):
            raise InterviewError(400, "questionCount is more than the set holds")
        heading = _title(title) or row.name
        pairs = [(name, secrets.token_urlsafe(24)) for name in names]
        assignment_id = set_store.insert_assignment(
            conn, row.id, heading, due_at, checked, by, pairs
        )
        coach_store.record_action(
            conn, by, "assign", None, {"set": row.id, "title": heading, "candidates": len(names)}
        )
    return {
        "id": assignment_id,
        "title": heading,
        "links": [{"candidateName": name, "token": token} for name, token in pairs],
    }


def delete_assignment(db: Database, assignment_id: object, by: str) -> None:
    with db.transaction() as conn:
        if not is_row_number(assignment_id) or not set_store.delete_assignment(conn, assignment_id):
            raise InterviewError(404, "Assignment not found")
        coach_store.record_action(conn, by, "unassign", None, {"assignment": assignment_id})


def assignments(db: Database) -> list[dict]:
    """Every assignment, newest first, with each candidate's progress and who is overdue."""
    with db.reading() as conn:
        rows = set_store.assignment_rows(conn)
        people = set_store.candidate_rows(conn, [row.id for row in rows])
    now = utcnow()
    by_assignment: dict[int, list[dict]] = {}
    for person in people:
        by_assignment.setdefault(person.assignment_id, []).append(_progress(person))
    listed = []
    for row in rows:
        due = as_utc(row.due_at)
        candidates = by_assignment.get(row.id, [])
        for candidate in candidates:
            candidate["overdue"] = bool(due and due < now and candidate["state"] != "finished")
        listed.append(
            {
                "id": row.id,
                "title": row.title,
                "setId": row.set_id,
                "setName": row.set_name,
                "dueAt": iso(due),
                "settings": row.settings,
                "createdBy": row.created_by,
                "createdAt": iso(row.created_at),
                "candidates": candidates,
                "counts": {
                    state: sum(c["state"] == state for c in candidates)
                    for state in ("not_opened", "opened", "started", "finished")
                },
            }
        )
    return listed


def open_invitation(db: Database, token: object) -> dict:
    """What a candidate's link offers (and the first opening, recorded)."""
    with db.transaction() as conn:
        found = _invitation(conn, token)
        set_store.mark_opened(conn, found.candidate_id)
    return _offer(found)


def start_assignment(db: Database, token: object, owner: str | None) -> dict:
    """The candidate's session for this link: made now from the set, or the one they started."""
    with db.reading() as conn:
        found = _invitation(conn, token)
        items = set_store.set_items(conn, found.set_id)
        version = set_store.set_row(conn, found.set_id).version
    if found.session_id:
        return get_session(db, found.session_id)
    settings = found.settings
    session_id = secrets.token_urlsafe(24)
    chosen = list(items)
    if settings["order"] == "shuffled":
        random.Random(session_id).shuffle(chosen)
    if settings["questionCount"]:
        chosen = chosen[: settings["questionCount"]]
    specs = specs_of(found.set_id, chosen)
    session = {
        "id": session_id,
        "request_id": None,
        "candidate_name": found.name,
        "candidate_key": candidate_key(found.name),
        "role": "custom",
        "difficulty": None,
        "status": "CREATED",
        "current_index": 0,
        "total_questions": len(specs),
        "main_question_count": len(specs),
        "follow_up_count": settings["followUps"],
        "job_description": None,
        "resume_text": None,
        "created_at": utcnow(),
        "question_source": "set",
        "owner": owner,
        "is_sample": False,
        "question_set_id": found.set_id,
        "question_set_name": found.set_name,
        "question_set_version": version,
        "time_limit_minutes": settings["timeLimitMinutes"],
    }
    rows = [question_row(spec, position=i) for i, spec in enumerate(specs)]
    try:
        with db.transaction() as conn:
            store.insert_session(conn, session, rows)
            # Two tabs starting at once: the first to tie its session to the link wins, and
            # the other's session is rolled back with this transaction.
            if not set_store.claim_session(conn, found.candidate_id, session_id):
                raise _Lost
    except _Lost:
        with db.reading() as conn:
            session_id = set_store.invitation(conn, token).session_id
    return get_session(db, session_id)


class _Lost(Exception):
    """Another start of the same link tied its session first."""


def _invitation(conn, token: object):
    """The invitation a link's token names; anything that is no token we made is simply not one
    (a lone surrogate or a megabyte of text never reaches the database)."""
    well_formed = isinstance(token, str) and _TOKEN.fullmatch(token) is not None
    found = set_store.invitation(conn, token) if well_formed else None
    if found is None:
        raise InterviewError(404, "Assignment not found")
    return found


def _offer(found) -> dict:
    return {
        "candidateName": found.name,
        "title": found.title,
        "setName": found.set_name,
        "dueAt": iso(as_utc(found.due_at)),
        "settings": found.settings,
        "language": found.settings.get("language") or found.language,
        "sessionId": found.session_id,
    }


def _progress(person) -> dict:
    if person.session_id is None:
        state = "opened" if person.opened_at else "not_opened"
    else:
        state = "finished" if person.status in ENDED else "started"
    return {
        "candidateName": person.name,
        "token": person.token,
        "state": state,
        "openedAt": iso(as_utc(person.opened_at)),
        "sessionId": person.session_id,
        "overallScore": person.overall_score,
        "finishedAt": iso(as_utc(person.completed_at)),
    }


def _names(candidates: object) -> list[str]:
    if isinstance(candidates, str):
        candidates = candidates.splitlines()
    if not isinstance(candidates, list | tuple) or not all(isinstance(c, str) for c in candidates):
        raise InterviewError(400, "candidates must be a list of names")
    names = list(dict.fromkeys(" ".join(c.split()) for c in candidates if c.strip()))
    if not names:
        raise InterviewError(400, "candidates must name at least one candidate")
    if len(names) > MAX_CANDIDATES:
        raise InterviewError(400, f"candidates must be at most {MAX_CANDIDATES} names")
    if any(len(name) > 100 for name in names):
        raise InterviewError(400, "a candidate's name must be at most 100 characters")
    return names


def _settings(settings: object) -> dict:
    settings = settings if isinstance(settings, dict) else {}
    count = settings.get("questionCount")
    if count is not None and (type(count) is not int or not 1 <= count <= 50):
        raise InterviewError(400, "questionCount must be between 1 and 50, or null for all")
    order = settings.get("order", "set")
    if order not in ORDERS:
        raise InterviewError(400, "order must be set or shuffled")
    follow_ups = settings.get("followUps", 1)
    if type(follow_ups) is not int or not 0 <= follow_ups <= 2:
        raise InterviewError(400, "followUps must be between 0 and 2")
    limit = settings.get("timeLimitMinutes")
    if limit not in TIME_LIMITS:
        raise InterviewError(400, "timeLimitMinutes must be 2, 3, 5, 10 or null")
    language = settings.get("language")
    if language is not None and language not in LANGUAGES:
        raise InterviewError(400, "language must be en or zh")
    return {
        "questionCount": count,
        "order": order,
        "followUps": follow_ups,
        "timeLimitMinutes": limit,
        "language": language,
    }


def _due(due: object) -> datetime | None:
    """A due date means the end of that day (UTC); a moment is kept as it is."""
    if due is None:
        return None
    if isinstance(due, datetime):
        return as_utc(due)
    if isinstance(due, date):
        return datetime.combine(due + timedelta(days=1), time.min, tzinfo=UTC)
    raise InterviewError(400, "due must be a date")


def _title(title: object) -> str:
    if title is None:
        return ""
    if not isinstance(title, str) or len(title) > MAX_TITLE:
        raise InterviewError(400, f"title must be text of at most {MAX_TITLE} characters")
    return " ".join(title.split())
