"""InterviewAPI: the contract of API.md. Checks arguments in its order and returns envelopes.

Every method returns {"code", "message", "data"} and never raises: rule violations come from
InterviewError, anything unexpected is logged with its traceback and becomes 500 Server error.
"""

import functools
import logging
import os

from interview.api.coach import CoachAPI, CoachSettings
from interview.api.envelopes import envelope as _envelope
from interview.coaching import assignments, audit, sample
from interview.errors import InterviewError
from interview.interviewers.base import Interviewer
from interview.interviewers.configured import interviewer_from_environment
from interview.questions import banks
from interview.scoring import bank_fit
from interview.sessions import answering, creation, lifecycle, lookup, owners, report, validation
from interview.sessions.evaluations import EvaluationWorker
from interview.sessions.provenance import evaluation_details
from interview.storage import ratelimit
from interview.storage.database import Database
from interview.storage.engine import default_url

log = logging.getLogger(__name__)
_FROM_ENVIRONMENT = object()


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

    def __init__(
        self,
        db: Database,
        interviewer: Interviewer,
        rate_limit_per_second: int | None,
        background_scoring: bool | None = None,
        coach_settings: CoachSettings | None = None,
    ):
        self.db = db
        self.interviewer = interviewer
        self.rate_limit_per_second = rate_limit_per_second or None
        self.tracks = _tracks()
        # A model takes seconds per answer, so its evaluations run as answers come in. The
        # built-in interviewer takes about 2 ms: the report evaluates on the spot, and the
        # submit path keeps its speed (no extra row, no second transaction per answer).
        if background_scoring is None:
            background_scoring = interviewer.model is not None
        self.evaluations = EvaluationWorker(db, interviewer, background=background_scoring)
        self.coach = CoachAPI(db, self.evaluations, self.tracks, coach_settings or CoachSettings())

    @classmethod
    def from_url(
        cls,
        url: str | None = None,
        rate_limit_per_second: int | object | None = _FROM_ENVIRONMENT,
        interviewer: Interviewer | None = None,
        background_scoring: bool | None = None,
        coach_settings: CoachSettings | None = None,
    ) -> "InterviewAPI":
        """Open (creating or migrating) the database at `url`, or DATABASE_URL, or the default.

        The interviewer is the language model when OPENAI_API_KEY and INTERVIEW_MODEL are set,
        else the built-in one. `background_scoring` (default: on for a model) evaluates answers
        as they are submitted; evaluations a stopped process left unfinished are resumed now.
        `coach_settings` default to COACH_PASSWORD_HASH and COACH_EMAILS in the environment.
        """
        if rate_limit_per_second is _FROM_ENVIRONMENT:
            rate_limit_per_second = _rate_limit_from_environment()
        valid = rate_limit_per_second is None or (
            type(rate_limit_per_second) is int and rate_limit_per_second >= 0
        )
        if not valid:
            raise ValueError("rate_limit_per_second must be a whole number >= 0, or None")
        db = Database.from_url(url or default_url())
        interviewer = interviewer or interviewer_from_environment()
        settings = coach_settings or CoachSettings.from_environment()
        api = cls(db, interviewer, rate_limit_per_second, background_scoring, settings)
        api.evaluations.resume()
        return api

    def close(self) -> None:
        """Stop the evaluation worker (unfinished work stays queued), then the database."""
        self.evaluations.close()
        self.db.dispose()

    @property
    def interviewer_info(self) -> dict:
        """Which interviewer is active (not in API.md: for the sidebar)."""
        return {
            "name": self.interviewer.name,
            "model": self.interviewer.model,
            "transcription": callable(getattr(self.interviewer, "transcribe", None)),
        }

    @_envelope
    def create_session(self, *, owner: str | None = None, **fields) -> dict:
        """API.md's create. `owner` (not in API.md: pages set it, see `browser_owner`) is who may
        list the session; the HTTP API never takes it from a request."""
        # A request id already used returns its session whatever the other fields say.
        request_id = validation.check_request_id(fields)
        existing = creation.session_for_request(self.db, request_id) if request_id else None
        if existing is not None:
            return existing
        new = validation.check_new_session(fields, self.tracks)
        owner = validation.check_owner(owner)
        return creation.create_session(self.db, self.tracks, new, self.interviewer, owner=owner)

    @staticmethod
    def new_candidate_token() -> str:
        """A random token a candidate's browser keeps to find its sessions again."""
        return owners.new_candidate_token()

    @staticmethod
    def browser_owner(token: object) -> str | None:
        """The owner of the sessions a browser's candidate token started (None: not a token)."""
        return owners.browser_owner(token) if owners.is_candidate_token(token) else None

    @staticmethod
    def user_owner(email: str) -> str:
        """The owner of the sessions a signed-in candidate started."""
        return owners.user_owner(email)

    @_envelope
    def open_assignment(self, token=None) -> dict:
        """What a candidate's assignment link offers: the set, settings, due date, and their
        session once started (not in API.md). The first opening is recorded for the coach."""
        return assignments.open_invitation(self.db, token)

    @_envelope
    def start_assignment(self, token=None, owner: str | None = None) -> dict:
        """The candidate's session for an assignment link, made from the set on the first start
        and the same one after (not in API.md)."""
        return assignments.start_assignment(self.db, token, owner)

    @_envelope
    def session_access(self, session_id=None) -> dict:
        """Who may list a session, and whether it is a sample (not in API.md: for the pages)."""
        return lookup.session_access(self.db, validation.check_session_id(session_id))

    @_envelope
    def create_sample(self, language=None, owner: str | None = None) -> dict:
        """A finished, scored and coach-reviewed sample interview (not in API.md: the demo)."""
        session_id = sample.create_sample(self.db, self.tracks, language, owner)
        return lookup.get_session(self.db, session_id)

    @_envelope
    def submit_answer(
        self, session_id=None, question_index=None, answer=None, on_follow_up_text=None
    ) -> dict:
        """API.md's submit. `on_follow_up_text` (not in API.md) is called with each piece of the
        follow-up as the model writes it; nextQuestion is what was stored (after a stream that
        failed midway, the built-in follow-up that replaced the pieces)."""
        session_id = validation.check_session_id(session_id)
        index = validation.check_question_index(question_index)
        answer = validation.check_answer(answer, allow_blank=False)
        return answering.submit_answer(
            self.db,
            self.interviewer,
            session_id,
            index,
            answer,
            per_second=self.rate_limit_per_second,
            worker=self.evaluations,
            on_follow_up_text=on_follow_up_text,
        )

    @_envelope
    def save_answer(self, session_id=None, question_index=None, answer=None) -> None:
        session_id = validation.check_session_id(session_id)
        index = validation.check_question_index(question_index)
        answer = validation.check_answer(answer, allow_blank=True)
        answering.save_answer(self.db, session_id, index, answer, self.evaluations)

    @_envelope
    def get_current_question(self, session_id=None) -> dict:
        return lifecycle.get_current_question(self.db, validation.check_session_id(session_id))

    @_envelope
    def get_session(self, session_id=None) -> dict:
        return lookup.get_session(self.db, validation.check_session_id(session_id))

    @_envelope
    def complete_early(self, session_id=None) -> None:
        lifecycle.complete_early(self.db, validation.check_session_id(session_id))

    @_envelope
    def generate_report(self, session_id=None, regenerate: bool = False, by: str | None = None):
        """API.md's report; `by` (not in API.md) names the coach who re-grades: recorded, and
        kept with the version the re-grade replaced."""
        session_id = validation.check_session_id(session_id)
        by = validation.check_actor(by)
        found = report.generate_report(
            self.db, self.evaluations, session_id, regenerate=bool(regenerate), by=by
        )
        if regenerate and by:
            audit.record(self.db, by, "regrade", session_id, overallScore=found["overallScore"])
        return found

    @_envelope
    def delete_session(self, session_id=None, by: str | None = None) -> None:
        """API.md's delete; `by` (not in API.md) names the coach, whose action is recorded."""
        session_id = validation.check_session_id(session_id)
        by = validation.check_actor(by)
        lifecycle.delete_session(self.db, session_id)
        if by:
            audit.record(self.db, by, "delete", session_id)

    @_envelope
    def list_roles(self) -> list[dict]:
        return [
            {
                "id": track.id,
                "title": track.title,
                "description": track.description,  # one line for a track picker
                "language": track.language,  # of its questions: "en" or "zh"
                "questionCount": len(track.questions),
                "categories": list(track.categories),
            }
            for track in self.tracks.values()
        ]

    @_envelope
    def list_sessions(self, **filters) -> list[dict]:
        return lookup.list_sessions(self.db, validation.check_list_filters(filters))

    @_envelope
    def answer_history(self, session_id=None) -> list[dict]:
        """Every saved revision of every answer of a session (not in API.md: for coaches)."""
        return lookup.answer_history(self.db, validation.check_session_id(session_id))

    def warm_up(self) -> None:
        """Load the evaluator's word vectors and read the banks in a background thread (not in
        API.md): a long-lived server calls it once, so its first answer does not wait for them.
        Short-lived users (tests, scripts) need not: the first answer read loads them."""
        bank_fit.prepare_in_background()

    @_envelope
    def session_context(self, session_id=None) -> dict:
        """The job description, resume and question source of a session (not in API.md)."""
        return lookup.session_context(self.db, validation.check_session_id(session_id))

    @_envelope
    def evaluation_details(self, session_id=None) -> dict:
        """Who evaluated each answer, with what tokens, and the session's totals (not in API.md)."""
        session_id = validation.check_session_id(session_id)
        return evaluation_details(self.db, self.interviewer, session_id)

    @_envelope
    def regrade(self, session_id=None, by: str | None = None) -> dict:
        """Evaluate a finished session again under the current interviewer (not in API.md).

        For coaches only (the pages decide): `by` names the coach, whose action is recorded."""
        session_id = validation.check_session_id(session_id)
        by = validation.check_actor(by)
        result = report.regrade(self.db, self.evaluations, session_id, by=by)
        if by:
            audit.record(self.db, by, "regrade", session_id, changes=len(result["changes"]))
        return result

    @_envelope
    def transcribe(self, audio=None, filename=None) -> dict:
        """The words of a recorded answer (not in API.md): 503 where no transcription exists."""
        audio = validation.check_audio(audio)
        transcribe = getattr(self.interviewer, "transcribe", None)
        if transcribe is None:
            raise InterviewError(503, "Transcription unavailable")
        name = filename if isinstance(filename, str) and filename.strip() else "answer.wav"
        try:
            return {"text": transcribe(audio, name)}
        except Exception:
            log.warning("transcription failed", exc_info=True)
            raise InterviewError(503, "Transcription unavailable") from None
