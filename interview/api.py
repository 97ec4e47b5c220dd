"""InterviewAPI: the contract of API.md. Checks arguments in its order and returns envelopes.

Every method returns {"code", "message", "data"} and never raises: rule violations come from
InterviewError, anything unexpected is logged with its traceback and becomes 500 Server error.
"""

import functools
import logging
import os
from collections.abc import Callable

from interview import banks, ratelimit, sessions, validation
from interview.database import Database, default_url
from interview.errors import InterviewError
from interview.interviewers.base import Interviewer
from interview.interviewers.builtin import BuiltinInterviewer
from interview.report import generate_report

log = logging.getLogger(__name__)
_FROM_ENVIRONMENT = object()


def ok(data: object = None) -> dict:
    return {"code": 200, "message": "success", "data": data}


def error(code: int, message: str) -> dict:
    return {"code": code, "message": message, "data": None}


def _envelope(operation: Callable) -> Callable:
    """Run an operation; turn its result or failure into the envelope API.md describes."""

    @functools.wraps(operation)
    def run(*args, **kwargs) -> dict:
        try:
            return ok(operation(*args, **kwargs))
        except InterviewError as failure:
            return error(failure.code, failure.message)
        except Exception:
            log.exception("%s failed", operation.__name__)
            return error(500, "Server error")

    return run


@functools.cache
def _tracks() -> dict[str, banks.Track]:
    return banks.load_tracks()


def _rate_limit_from_environment() -> int:
    raw = os.environ.get("INTERVIEW_RATE_LIMIT", "").strip()
    if not raw:
        return ratelimit.DEFAULT_PER_SECOND
    if not raw.isdigit():
        # A configuration mistake stops the app at start-up, saying what to fix.
        raise ValueError(f"INTERVIEW_RATE_LIMIT must be a whole number of submits, not {raw!r}")
    return int(raw)


class InterviewAPI:
    """The interview engine behind one database, as the HTTP API would expose it."""

    def __init__(self, db: Database, interviewer: Interviewer, rate_limit_per_second: int | None):
        self.db = db
        self.interviewer = interviewer
        self.rate_limit_per_second = rate_limit_per_second or None
        self.tracks = _tracks()

    @classmethod
    def from_url(
        cls,
        url: str | None = None,
        rate_limit_per_second: int | object | None = _FROM_ENVIRONMENT,
        interviewer: Interviewer | None = None,
    ) -> "InterviewAPI":
        """Open (creating or migrating) the database at `url`, or DATABASE_URL, or the default."""
        if rate_limit_per_second is _FROM_ENVIRONMENT:
            rate_limit_per_second = _rate_limit_from_environment()
        valid = rate_limit_per_second is None or (
            type(rate_limit_per_second) is int and rate_limit_per_second >= 0
        )
        if not valid:
            raise ValueError("rate_limit_per_second must be a whole number >= 0, or None")
        db = Database.from_url(url or default_url())
        return cls(db, interviewer or BuiltinInterviewer(), rate_limit_per_second)

    def close(self) -> None:
        self.db.dispose()

    @_envelope
    def create_session(self, **fields) -> dict:
        # A request id already used returns its session whatever the other fields say.
        request_id = validation.check_request_id(fields)
        existing = sessions.session_for_request(self.db, request_id) if request_id else None
        if existing is not None:
            return existing
        new = validation.check_new_session(fields, self.tracks)
        return sessions.create_session(self.db, self.tracks, new)

    @_envelope
    def submit_answer(self, session_id=None, question_index=None, answer=None) -> dict:
        session_id = validation.check_session_id(session_id)
        index = validation.check_question_index(question_index)
        answer = validation.check_answer(answer, allow_blank=False)
        return sessions.submit_answer(
            self.db,
            self.interviewer,
            session_id,
            index,
            answer,
            per_second=self.rate_limit_per_second,
        )

    @_envelope
    def save_answer(self, session_id=None, question_index=None, answer=None) -> None:
        session_id = validation.check_session_id(session_id)
        index = validation.check_question_index(question_index)
        answer = validation.check_answer(answer, allow_blank=True)
        sessions.save_answer(self.db, session_id, index, answer)

    @_envelope
    def get_current_question(self, session_id=None) -> dict:
        return sessions.get_current_question(self.db, validation.check_session_id(session_id))

    @_envelope
    def get_session(self, session_id=None) -> dict:
        return sessions.get_session(self.db, validation.check_session_id(session_id))

    @_envelope
    def complete_early(self, session_id=None) -> None:
        sessions.complete_early(self.db, validation.check_session_id(session_id))

    @_envelope
    def generate_report(self, session_id=None, regenerate: bool = False) -> dict:
        session_id = validation.check_session_id(session_id)
        return generate_report(self.db, self.interviewer, session_id, regenerate=bool(regenerate))

    @_envelope
    def delete_session(self, session_id=None) -> None:
        sessions.delete_session(self.db, validation.check_session_id(session_id))

    @_envelope
    def list_roles(self) -> list[dict]:
        return [
            {
                "id": track.id,
                "title": track.title,
                "description": track.description,  # one line for a track picker
                "questionCount": len(track.questions),
                "categories": list(track.categories),
            }
            for track in self.tracks.values()
        ]

    @_envelope
    def list_sessions(self, **filters) -> list[dict]:
        return sessions.list_sessions(self.db, validation.check_list_filters(filters))

    @_envelope
    def answer_history(self, session_id=None) -> list[dict]:
        """Every saved revision of every answer of a session (not in API.md: for coaches)."""
        return sessions.answer_history(self.db, validation.check_session_id(session_id))

    @_envelope
    def session_context(self, session_id=None) -> dict:
        """The job description and resume of a session (not in API.md: for practising again)."""
        return sessions.session_context(self.db, validation.check_session_id(session_id))
