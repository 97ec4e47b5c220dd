"""/openapi.json: every envelope API.md lists is an example of its operation, every example
matches its own schema, and schemathesis, let loose on a real uvicorn server with the document
alone, finds no server error and no reply the document does not describe."""

import datetime
import json

import httpx2
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from interview.api import InterviewAPI
from interview.http.docs import BODIES
from interview.storage import faults
from tests.http.conftest import conforming
from tests.http.harness import start_api_server

SESSION = "/api/interview/sessions/{sessionId}"
# The issue's paths, and the coach endpoints beside them.
OPERATIONS = {
    ("post", "/api/interview/sessions"): "create_session",
    ("post", f"{SESSION}/answers"): "submit_answer",
    ("put", f"{SESSION}/answers"): "save_answer",
    ("get", f"{SESSION}/question"): "get_current_question",
    ("get", SESSION): "get_session",
    ("post", f"{SESSION}/complete"): "complete_early",
    ("get", f"{SESSION}/report"): "generate_report",
    ("delete", SESSION): "delete_session",
    ("get", "/api/interview/roles"): "list_roles",
    ("get", "/api/interview/sessions"): "list_sessions",
    ("get", "/api/interview/question-sets"): "list_question_sets",
    ("post", "/api/interview/question-sets"): "create_question_set",
    ("post", "/api/interview/question-sets/import"): "import_question_set",
    ("get", "/api/interview/question-sets/{setId}"): "get_question_set",
    ("put", "/api/interview/question-sets/{setId}"): "update_question_set",
    ("delete", "/api/interview/question-sets/{setId}"): "delete_question_set",
    ("get", "/api/interview/question-sets/{setId}/export"): "export_question_set",
    ("get", "/api/interview/assignments"): "list_assignments",
    ("post", "/api/interview/assignments"): "create_assignment",
    ("delete", "/api/interview/assignments/{assignmentId}"): "delete_assignment",
}
COACH_ONLY = {name for name in OPERATIONS.values() if name.endswith(("sets", "set", "ments"))}
COACH_ONLY |= {"list_sessions", "create_assignment", "delete_assignment"}


def error(code: int, message: str) -> dict:
    return {"code": code, "message": message, "data": None}


SUCCESS = {"code": 200, "message": "success"}
SESSION_RULES = [error(400, "会话ID不能为空"), error(404, "Session not found")]
ANSWER_CHECKS = [
    error(400, "会话ID不能为空"),
    error(400, "问题索引不能为空"),
    error(400, "问题索引无效"),
    error(400, "答案不能为空"),
    error(400, "答案过长"),
    error(404, "Session not found"),
    error(409, "Interview already completed"),
    error(400, "Question index mismatch"),
]
SERVER_ERROR = error(500, "Server error")
# What API.md says each operation may answer (its success, and every error it lists for it).
API_MD = {
    "create_session": [SUCCESS, error(400, "questionCount must be between 3 and 20")],
    "submit_answer": [SUCCESS, *ANSWER_CHECKS, error(429, "Rate limit exceeded")],
    "save_answer": [SUCCESS, *ANSWER_CHECKS],
    "get_current_question": [SUCCESS, *SESSION_RULES],
    "get_session": [SUCCESS, *SESSION_RULES],
    "complete_early": [SUCCESS, *SESSION_RULES, error(409, "Interview already completed")],
    "generate_report": [SUCCESS, *SESSION_RULES, error(409, "Interview not completed")],
    "delete_session": [SUCCESS, *SESSION_RULES],
    "list_roles": [SUCCESS],
    "list_sessions": [SUCCESS],
}
# API.md's two submit examples, word for word.
HAS_NEXT = json.loads(
    """{"code": 200, "message": "success", "data": {"hasNextQuestion": true, "nextQuestion":
    {"questionIndex": 1, "question": "You said the cache cut latency; how did you keep it
    consistent when rates changed?", "category": "Performance (follow-up)", "type": "backend",
    "difficulty": "mid", "isFollowUp": true, "parentQuestionIndex": 0, "userAnswer": null,
    "answered": false, "score": null, "feedback": null}, "currentIndex": 1,
    "totalQuestions": 6}}""".replace("\n    ", " ")
)
COMPLETED = {
    "code": 200,
    "message": "success",
    "data": {
        "hasNextQuestion": False,
        "nextQuestion": None,
        "currentIndex": 6,
        "totalQuestions": 6,
    },
}


@pytest.fixture(scope="module")
def document(ways) -> dict:
    """The document as a client reads it: over HTTP from the uvicorn server."""
    reply = ways("uvicorn", "sqlite").http.get("/openapi.json")
    assert reply.status_code == 200 and reply.headers["content-type"] == "application/json"
    return reply.json()


def examples_of(document: dict, operation: str) -> dict[str, list[dict]]:
    """{status: [example values]} of an operation."""
    [(path, method)] = [key[::-1] for key, name in OPERATIONS.items() if name == operation]
    replies = document["paths"][path][method]["responses"]
    return {
        status: [e["value"] for e in reply["content"]["application/json"]["examples"].values()]
        for status, reply in replies.items()
    }


def test_the_document_has_the_issues_paths_and_the_coach_endpoints(document):
    served = {
        (method, path): described["operationId"]
        for path, item in document["paths"].items()
        for method, described in item.items()
    }
    assert served == OPERATIONS
    assert document["openapi"].startswith("3.1")


def test_coach_operations_need_a_token_and_the_report_takes_one_to_regrade(document):
    for (method, path), name in OPERATIONS.items():
        security = document["paths"][path][method].get("security")
        if name in COACH_ONLY or name == "delete_session":
            assert security == [{"coachToken": []}], name
        elif name == "generate_report":
            assert security == [{}, {"coachToken": []}]
        else:
            assert security is None, name
    assert document["components"]["securitySchemes"]["coachToken"]["scheme"] == "bearer"


@pytest.mark.parametrize(("operation", "envelopes"), API_MD.items(), ids=list(API_MD))
def test_every_envelope_api_md_lists_is_an_example_of_its_operation(document, operation, envelopes):
    documented = examples_of(document, operation)
    for envelope in [*envelopes, SERVER_ERROR]:
        shown = documented[str(envelope["code"])]
        if envelope is SUCCESS:
            assert all(example.items() >= SUCCESS.items() for example in shown)
        else:
            assert envelope in shown, envelope


def test_submits_examples_are_api_mds_word_for_word(document):
    assert examples_of(document, "submit_answer")["200"] == [HAS_NEXT, COMPLETED]


def test_every_operation_documents_the_database_outages_the_engine_answers(document):
    """Not in API.md (one server, one database): the 503s and the 507 of storage/faults.py."""
    outages = [faults.UNAVAILABLE, faults.BUSY, faults.NOT_WRITABLE]
    for name in set(OPERATIONS.values()):
        documented = examples_of(document, name)
        for outage in outages:
            envelope = {"code": outage.code, "message": outage.message, "data": None}
            assert envelope in documented[str(outage.code)], (name, envelope)


def test_no_operation_documents_a_reply_it_cannot_give(document):
    """The framework's 422 never happens here (bodies are read by hand), so it is not there."""
    for item in document["paths"].values():
        for described in item.values():
            assert "422" not in described["responses"]
    assert "HTTPValidationError" not in document["components"]["schemas"]


def _as_reply(method: str, path: str, status: str, body: dict) -> httpx2.Response:
    concrete = path.format(sessionId="abc", setId="1", assignmentId="1")
    request = httpx2.Request(method.upper(), f"http://api.test{concrete}")
    reply = httpx2.Response(int(status), json=body, request=request)
    reply.read()
    reply.elapsed = datetime.timedelta(0)
    return reply


def test_every_example_matches_its_own_schema(document):
    checked = 0
    for (method, path), name in OPERATIONS.items():
        for status, values in examples_of(document, name).items():
            for value in values:
                assert conforming(_as_reply(method, path, status, value)) == value
                checked += 1
    assert checked > 100


# --- schemathesis against a real server --------------------------------------------------------

# No server error, and no status, content type or body the document does not describe.
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
EXAMPLES_PER_OPERATION = 20  # CI-sized: some 850 requests in all, half a minute


@pytest.fixture(scope="module")
def contract_server(tmp_path_factory):
    directory = tmp_path_factory.mktemp("contract")
    server = start_api_server(f"sqlite:///{directory / 'api.db'}", directory)
    yield server
    server.stop()


@pytest.fixture(scope="module")
def api_schema(contract_server) -> schemathesis.BaseSchema:
    return schemathesis.openapi.from_url(f"{contract_server.base_url}/openapi.json")


@pytest.fixture(scope="module")
def coach_headers(contract_server) -> dict:
    """A live coach token for every request: schemathesis reaches past the 401 it gets without."""
    engine = InterviewAPI.from_url(contract_server.database_url, rate_limit_per_second=None)
    token = engine.coach.create_api_token("schemathesis", by="Kim")["data"]["token"]
    engine.close()
    return {"Authorization": f"Bearer {token}"}


THOROUGH = settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    database=None,  # the same examples each run, none remembered from a developer's last one
    derandomize=True,
)


# Every operation with requests the document allows; those with a body also with bodies it does
# not (a path or query of plain strings cannot be made invalid).
CALLS = [(name, GenerationMode.POSITIVE) for name in sorted(OPERATIONS.values())]
CALLS += [(name, GenerationMode.NEGATIVE) for name in sorted(BODIES)]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("operation_id", "mode"), CALLS, ids=[f"{name}-{mode.value}" for name, mode in CALLS]
)
def test_no_reply_is_a_server_error_or_outside_the_document(
    api_schema, coach_headers, operation_id, mode
):
    """Requests made from the document alone, as it allows them and as it does not."""
    operation = api_schema.find_operation_by_id(operation_id)

    @given(case=operation.as_strategy(generation_mode=mode))
    @THOROUGH
    def call(case):
        case.call_and_validate(headers=coach_headers, checks=CHECKS)

    call()


# Operations on one record: called with a real one's id (random ids only ever find 404).
ON_A_RECORD = {name: path for (_, path), name in OPERATIONS.items() if "{" in path}


def a_record_for(engine: InterviewAPI, path: str) -> dict:
    """Path parameters naming a live record of the kind the path takes."""
    if "{sessionId}" in path:
        created = engine.create_session(candidate_name="Ada", role="backend", follow_up_count=2)
        return {"sessionId": created["data"]["sessionId"]}
    questions = [{"text": "What is an index?"}, {"text": "What is a join?"}]
    made = engine.coach.create_set("Week 1", "en", questions, by="Kim")["data"]
    if "{assignmentId}" in path:
        assigned = engine.coach.assign(made["id"], None, ["Ann"], None, None, by="Kim")["data"]
        return {"assignmentId": str(assigned["id"])}
    return {"setId": str(made["id"])}


@pytest.mark.slow
@pytest.mark.parametrize("operation_id", ON_A_RECORD)
def test_requests_on_a_real_record_stay_inside_the_document(
    api_schema, contract_server, coach_headers, operation_id
):
    """Answers, drafts, reports and edits of a live session or set, with bodies made from the
    document, valid and not: the deeper paths random ids never reach."""
    engine = InterviewAPI.from_url(contract_server.database_url, rate_limit_per_second=None)
    try:
        record = a_record_for(engine, ON_A_RECORD[operation_id])
    finally:
        engine.close()
    operation = api_schema.find_operation_by_id(operation_id)
    modes = [GenerationMode.POSITIVE]
    if operation_id in BODIES:
        modes.append(GenerationMode.NEGATIVE)
    for mode in modes:

        @given(case=operation.as_strategy(generation_mode=mode, path_parameters=record))
        @THOROUGH
        def call(case):
            case.call_and_validate(headers=coach_headers, checks=CHECKS)

        call()
