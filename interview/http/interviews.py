"""API.md's operations over HTTP: start an interview, answer, recover, finish, report, delete.

Each route only translates: path, query and camelCase body fields in, InterviewAPI's envelope
out (reading.py, replies.py). Whoever holds a session's id may use these (access.py), but
re-grading a report and deleting a session are a coach's (a coach token).
"""

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from interview.api import InterviewAPI
from interview.http.access import CoachIfAny
from interview.http.docs import operation
from interview.http.examples import ERRORS
from interview.http.reading import Body, Engine, keywords
from interview.http.replies import reply

router = APIRouter(prefix="/api/interview", tags=["Interview"])
SESSION = "/sessions/{sessionId:session_id}"

# API.md's create fields, as HTTP spells them -> as Python does.
CREATE_FIELDS = {
    "candidateName": "candidate_name",
    "role": "role",
    "questionCount": "question_count",
    "followUpCount": "follow_up_count",
    "difficulty": "difficulty",
    "jobDescription": "job_description",
    "resumeText": "resume_text",
    "customQuestions": "custom_questions",
    "requestId": "request_id",
}
_YES_NO = {"true": True, "1": True, "false": False, "0": False}


@router.post(
    "/sessions",
    **operation(
        "create_session",
        "Start an interview",
        "A bank track (questions chosen to fit a job description or resume when given) or your "
        "own questions. Creating again with the same requestId returns the same session.",
    ),
)
def create_session(body: Body, api: Engine) -> JSONResponse:
    return reply(api.create_session(**keywords(body, CREATE_FIELDS, "Unknown field")))


@router.post(
    SESSION + "/answers",
    **operation(
        "submit_answer",
        "Submit an answer",
        "Stores the answer to the current question and moves on; the interviewer may insert a "
        "follow-up about what was said. Rate-limited with the app (N per second in all).",
    ),
)
def submit_answer(sessionId: str, body: Body, api: Engine) -> JSONResponse:
    return reply(api.submit_answer(sessionId, body.get("questionIndex"), body.get("answer")))


@router.put(
    SESSION + "/answers",
    **operation(
        "save_answer",
        "Save a draft or edit an answer",
        "Autosave: never advances, never counts against the rate limit. An empty answer clears "
        "the current question's draft.",
    ),
)
def save_answer(sessionId: str, body: Body, api: Engine) -> JSONResponse:
    return reply(api.save_answer(sessionId, body.get("questionIndex"), body.get("answer")))


@router.get(
    SESSION + "/question",
    **operation(
        "get_current_question",
        "The current question",
        "With its saved draft; completed once every question is answered or the interview "
        "ended. The first call moves a CREATED session to IN_PROGRESS.",
    ),
)
def get_current_question(sessionId: str, api: Engine) -> JSONResponse:
    return reply(api.get_current_question(sessionId))


@router.get(SESSION, **operation("get_session", "A session with all its questions"))
def get_session(sessionId: str, api: Engine) -> JSONResponse:
    return reply(api.get_session(sessionId))


@router.post(
    SESSION + "/complete",
    **operation(
        "complete_early", "End the interview now", "Unanswered questions stay unanswered (0)."
    ),
)
def complete_early(sessionId: str, api: Engine) -> JSONResponse:
    return reply(api.complete_early(sessionId))


@router.get(
    SESSION + "/report",
    **operation(
        "generate_report",
        "The report",
        "Made (and stored) the first time, then returned as stored; regenerate=true (coaches: "
        "a coach token) scores every answer again, keeping coaches' changes on top and the "
        "replaced report as an earlier version.",
    ),
)
def generate_report(
    sessionId: str, api: Engine, by: CoachIfAny, regenerate: str | None = None
) -> JSONResponse:
    again = _YES_NO.get((regenerate or "false").lower())
    if again is None:
        # The session id's own checks come first (API.md), then this one.
        found = api.session_access(sessionId)
        return reply(found if found["code"] != 200 else ERRORS["badRegenerate"])
    if again and by is None:
        # Re-grading is a coach's action (API.md): the stored report stays open to the holder.
        return _coach_needed(api, sessionId)
    return reply(api.generate_report(sessionId, regenerate=again, by=by))


@router.delete(
    SESSION,
    **operation(
        "delete_session",
        "Delete a session",
        "Coaches only: without a coach token 401 (after the session id's own checks); the "
        "deletion is recorded as the token's coach's.",
    ),
)
def delete_session(sessionId: str, by: CoachIfAny, api: Engine) -> JSONResponse:
    if by is None:
        return _coach_needed(api, sessionId)
    return reply(api.delete_session(sessionId, by=by))


def _coach_needed(api: InterviewAPI, session_id: str) -> JSONResponse:
    """A coach's action asked without a token: the session id's own checks first (API.md's
    order, 400 / 404), then 401. The id is the capability, so its 404 tells nobody anything."""
    found = api.session_access(session_id)
    return reply(found if found["code"] != 200 else ERRORS["tokenRequired"])


@router.get("/roles", **operation("list_roles", "The tracks an interview can be on"))
def list_roles(api: Engine) -> JSONResponse:
    return reply(api.list_roles())
