"""The OpenAPI document at /openapi.json: every operation's body, replies and examples.

Replies are described from schemas.py, examples from examples.py. Bodies are read by hand
(reading.py), so the framework knows nothing of them: their schemas are added here, and the
422 reply it would otherwise document never happens and is left out.
"""

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from pydantic.json_schema import models_json_schema

from interview.http import examples, schemas

TITLE = "Rehearse interview API"
VERSION = "1.0.0"
DESCRIPTION = """\
The interview engine over HTTP, as its contract (API.md) describes it.

- Every reply is an envelope `{"code", "message", "data"}`, and its `code` is the HTTP status.
  Success: 200, "success". An error: API.md's code and message, `data` null.
- A session's id is its capability: whoever holds it may use that session's endpoints.
- Coach endpoints need `Authorization: Bearer <token>`, a token a coach makes (and revokes) on
  the app's API tokens page. What a token does is recorded in the coaches' activity record.
- Submits share one rate limit with the app: N per sliding second (INTERVIEW_RATE_LIMIT, 10 by
  default) over every process on the database.
"""

_DATA = {
    "create_session": schemas.Session,
    "submit_answer": schemas.Submitted,
    "save_answer": None,
    "get_current_question": schemas.CurrentQuestion,
    "get_session": schemas.Session,
    "complete_early": None,
    "generate_report": schemas.Report,
    "delete_session": None,
    "list_roles": list[schemas.Role],
    "list_sessions": list[schemas.ListedSession],
    "list_question_sets": list[schemas.SetSummary],
    "create_question_set": schemas.QuestionSet,
    "import_question_set": schemas.QuestionSet,
    "get_question_set": schemas.QuestionSet,
    "update_question_set": schemas.QuestionSet,
    "delete_question_set": None,
    "export_question_set": schemas.SetFile,
    "list_assignments": list[schemas.Assignment],
    "create_assignment": schemas.NewAssignment,
    "delete_assignment": None,
}
BODIES = {
    "create_session": schemas.NewSession,
    "submit_answer": schemas.Answer,
    "save_answer": schemas.Answer,
    "create_question_set": schemas.SetContent,
    "update_question_set": schemas.SetContent,
    "import_question_set": schemas.SetFileUpload,
    "create_assignment": schemas.NewAssignmentRequest,
}
_STATUSES = {
    400: "The first check that failed, in API.md's order",
    401: "No live coach API token",
    404: "No such record",
    409: "Not allowed in the interview's current state",
    413: "The body is larger than 16 MB",
    429: "The shared submit rate limit is reached",
    500: "Something unexpected failed (logged with a traceback; nothing half-written)",
    503: "The database is down or busy: nothing was saved, try again in a moment",
    507: "The database is read-only or its disk is full: nothing was saved",
}
# Operations that take a coach's token without needing one (OpenAPI: {} means "or none"): the
# report needs one only to re-grade.
TOKEN_OPTIONAL = {"generate_report"}
# After a session is created, its id is what every other session operation takes.
_SESSION_LINKS = (
    "submit_answer",
    "save_answer",
    "get_current_question",
    "get_session",
    "complete_early",
    "generate_report",
    "delete_session",
)


def operation(operation_id: str, summary: str, description: str | None = None) -> dict:
    """The route decorator's arguments that document `operation_id` (and nothing else)."""
    documented = {
        "operation_id": operation_id,
        "summary": summary,
        "description": description,
        "response_model": None,
        "responses": _replies(operation_id),
    }
    if operation_id in BODIES:
        documented["openapi_extra"] = _request_body(BODIES[operation_id])
    return documented


def errors_of(operation_id: str) -> list[str]:
    """The names of the errors `operation_id` documents, 413, 500 and the outages included."""
    names = list(examples.OPERATIONS[operation_id][1])
    if operation_id in BODIES:
        names.append("bodyTooLarge")
    return [*names, "serverError", *examples.OUTAGES]


def _replies(operation_id: str) -> dict:
    """Each status's schema and description (document() adds the examples)."""
    reply = schemas.success(_pascal(operation_id) + "Reply", _DATA[operation_id])
    replies: dict[int, dict] = {200: {"model": reply, "description": "Success"}}
    if operation_id == "create_session":
        replies[200]["links"] = {
            _pascal(linked): {
                "operationId": linked,
                "parameters": {"sessionId": "$response.body#/data/sessionId"},
            }
            for linked in _SESSION_LINKS
        }
    for code in sorted({examples.ERRORS[name]["code"] for name in errors_of(operation_id)}):
        replies[code] = {"model": schemas.Failure, "description": _STATUSES[code]}
    return replies


def _examples(operation_id: str) -> dict[str, dict]:
    """Each status's examples: {"200": {name: example}, "400": {...}, ...}."""
    successes, _ = examples.OPERATIONS[operation_id]
    by_status = {"200": {name: {"summary": name, "value": env} for name, env in successes.items()}}
    for name in errors_of(operation_id):
        envelope = examples.ERRORS[name]
        named = {name: {"summary": envelope["message"], "value": envelope}}
        by_status.setdefault(str(envelope["code"]), {}).update(named)
    return by_status


def _pascal(operation_id: str) -> str:
    return "".join(part.title() for part in operation_id.split("_"))


def _request_body(model: type) -> dict:
    schema = {"$ref": f"#/components/schemas/{model.__name__}"}
    return {"requestBody": {"required": True, "content": {"application/json": {"schema": schema}}}}


def document(app: FastAPI) -> dict:
    """The OpenAPI document of `app`, built once."""
    if app.openapi_schema:
        return app.openapi_schema
    built = get_openapi(title=TITLE, version=VERSION, description=DESCRIPTION, routes=app.routes)
    for path in built["paths"].values():
        for described in path.values():
            replies = described["responses"]
            replies.pop("422", None)
            if described["operationId"] in TOKEN_OPTIONAL:
                described["security"] = [{}, *described["security"]]
            # Added here, not through the route: the framework drops an example's nulls.
            for status, named in _examples(described["operationId"]).items():
                replies[status]["content"]["application/json"]["examples"] = named
    components = built.setdefault("components", {}).setdefault("schemas", {})
    for unused in ("HTTPValidationError", "ValidationError"):
        components.pop(unused, None)
    _, bodies = models_json_schema(
        [(model, "validation") for model in dict.fromkeys(BODIES.values())],
        ref_template="#/components/schemas/{model}",
    )
    for name, schema in bodies["$defs"].items():
        if components.get(name, schema) != schema:
            raise ValueError(f"two different schemas are both called {name}")
        components[name] = schema
    app.openapi_schema = built
    return built
