"""Coach endpoints: every session, and question sets with their assignments (InterviewAPI.coach).

Each needs a coach's API token (access.py). Changes are recorded by the coach API itself under
the token's coach and name; reads of the cohort's data are recorded here, as reads through the
API, so the activity record shows what every token looked at.
"""

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from interview.api import InterviewAPI
from interview.http.access import Coach
from interview.http.docs import operation
from interview.http.reading import Body, Engine, keywords, moment, record_id, renamed
from interview.http.replies import reply

router = APIRouter(prefix="/api/interview", tags=["Coach"])
QUESTION_SET = "/question-sets/{setId}"

LIST_FILTERS = {
    "candidateName": "candidate_name",
    "role": "role",
    "status": "status",
    "since": "since",
    "until": "until",
}
# A set's question as HTTP bodies spell it -> as set files (and the coach API) do.
_SET_QUESTION_FIELDS = {"keyPoints": "key_points", "referenceAnswer": "reference_answer"}


def _set_questions(questions: object) -> object:
    if not isinstance(questions, list):
        return questions
    return [renamed(question, _SET_QUESTION_FIELDS) for question in questions]


def _read(api: InterviewAPI, result: dict, what: str, by: str, **detail) -> JSONResponse:
    """Reply with `result`, recording the read when it succeeded."""
    if result["code"] == 200:
        api.coach.record_read(what, by=by, **detail)
    return reply(result)


@router.get(
    "/sessions",
    **operation(
        "list_sessions",
        "Every session (coaches)",
        "Newest first; filters: candidateName (as typed, any case), role, status, since and "
        "until (ISO 8601). Another query parameter is refused.",
    ),
)
def list_sessions(
    request: Request,
    by: Coach,
    api: Engine,
    candidateName: str | None = None,
    role: str | None = None,
    status: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> JSONResponse:
    keywords(dict(request.query_params), LIST_FILTERS, "Unknown filter")  # a typo is no filter
    given = {"candidateName": candidateName, "role": role, "status": status}
    given |= {"since": since, "until": until}
    given = {name: value for name, value in given.items() if value is not None}
    listed = api.list_sessions(**{LIST_FILTERS[name]: value for name, value in given.items()})
    rows = len(listed["data"] or [])
    return _read(api, listed, "sessions", by, filters=given, rows=rows)


@router.get("/question-sets", **operation("list_question_sets", "Every question set"))
def list_question_sets(by: Coach, api: Engine) -> JSONResponse:
    return _read(api, api.coach.sets(), "question_sets", by)


@router.post(
    "/question-sets",
    **operation(
        "create_question_set",
        "Write a question set",
        "Questions as set files have them: text, category, difficulty, type, keyPoints, "
        "referenceAnswer. A set with problems saves nothing and names the first.",
    ),
)
def create_question_set(body: Body, by: Coach, api: Engine) -> JSONResponse:
    questions = _set_questions(body.get("questions"))
    return reply(api.coach.create_set(body.get("name"), body.get("language"), questions, by=by))


@router.post(
    "/question-sets/import",
    **operation(
        "import_question_set",
        "Import a set file",
        "A CSV, JSON or YAML set file's text (fields as the app's example files show them).",
    ),
)
def import_question_set(body: Body, by: Coach, api: Engine) -> JSONResponse:
    content = body.get("content")
    content = content.encode("utf-8") if isinstance(content, str) else None
    return reply(
        api.coach.import_set(
            body.get("filename"),
            content,
            name=body.get("name"),
            language=body.get("language"),
            by=by,
        )
    )


@router.get(QUESTION_SET, **operation("get_question_set", "A question set with its questions"))
def get_question_set(setId: str, by: Coach, api: Engine) -> JSONResponse:
    return _read(api, api.coach.question_set(record_id(setId)), "question_set", by, set=setId)


@router.put(
    QUESTION_SET,
    **operation(
        "update_question_set",
        "Save a new version of a set",
        "Sessions already made from the set keep the questions of their version.",
    ),
)
def update_question_set(
    setId: str,
    body: Body,
    by: Coach,
    api: Engine,
) -> JSONResponse:
    questions = _set_questions(body.get("questions"))
    updated = api.coach.update_set(
        record_id(setId), body.get("name"), body.get("language"), questions, by=by
    )
    return reply(updated)


@router.delete(
    QUESTION_SET,
    **operation(
        "delete_question_set",
        "Delete a set and its assignments",
        "Sessions it made keep their questions and reports.",
    ),
)
def delete_question_set(setId: str, by: Coach, api: Engine) -> JSONResponse:
    return reply(api.coach.delete_set(record_id(setId), by=by))


@router.get(
    QUESTION_SET + "/export",
    **operation("export_question_set", "A set as a CSV, JSON or YAML file", "format: csv"),
)
def export_question_set(setId: str, by: Coach, api: Engine, format: str = "csv") -> JSONResponse:
    exported = api.coach.export_set(record_id(setId), format)
    if exported["code"] == 200:  # the file's bytes as the text a JSON body can carry
        exported["data"]["content"] = exported["data"]["content"].decode("utf-8")
    return _read(api, exported, "question_set_export", by, set=setId, format=format)


@router.get(
    "/assignments",
    **operation("list_assignments", "Every assignment, with each candidate's progress"),
)
def list_assignments(by: Coach, api: Engine) -> JSONResponse:
    return _read(api, api.coach.assignments(), "assignments", by)


@router.post(
    "/assignments",
    **operation(
        "create_assignment",
        "Assign a set to named candidates",
        "Each candidate gets a link token: the app's /assignment?invite=<token> starts or "
        "resumes their interview.",
    ),
)
def create_assignment(body: Body, by: Coach, api: Engine) -> JSONResponse:
    assigned = api.coach.assign(
        body.get("setId"),
        body.get("title"),
        body.get("candidates"),
        moment(body.get("due")),
        body.get("settings"),
        by=by,
    )
    return reply(assigned)


@router.delete(
    "/assignments/{assignmentId}",
    **operation("delete_assignment", "Withdraw an assignment"),
)
def delete_assignment(assignmentId: str, by: Coach, api: Engine) -> JSONResponse:
    return reply(api.coach.delete_assignment(record_id(assignmentId), by=by))
