"""Every row of API.md's error tables over HTTP: the envelope is the body, its code the status.

Each row runs in process and against a uvicorn process, on SQLite and on PostgreSQL (the
`served` fixture). The shared rate limit's 429 and the 500 of a fault have tests of their own
below; so do the router's own refusals (an unknown path or method), which are envelopes too.
"""

import time
from contextlib import ExitStack

import pytest
from sqlalchemy import text

from tests.http.conftest import WAYS, in_process, new_database, over_uvicorn
from tests.http.harness import start_api_server

SESSIONS = "/api/interview/sessions"
ANSWER = "I would put Redis in front of PostgreSQL because reads outnumber writes fifty to one."
NO_BODY = object()


def error(code: int, message: str) -> dict:
    return {"code": code, "message": message, "data": None}


SESSION_ID_REQUIRED = error(400, "会话ID不能为空")
INDEX_REQUIRED = error(400, "问题索引不能为空")
INDEX_INVALID = error(400, "问题索引无效")
ANSWER_REQUIRED = error(400, "答案不能为空")
ANSWER_TOO_LONG = error(400, "答案过长")
NOT_FOUND = error(404, "Session not found")
ALREADY_COMPLETED = error(409, "Interview already completed")
MISMATCH = error(400, "Question index mismatch")


def started(http) -> str:
    """A new backend interview over HTTP: three questions, no follow-ups."""
    body = {"candidateName": "Ada", "role": "backend", "questionCount": 3, "followUpCount": 0}
    created = http.post(SESSIONS, json=body)
    assert created.status_code == 200, created.text
    return created.json()["data"]["sessionId"]


def session_in(http, state: str) -> str:
    """A session id for a row: new, moved on (question 0 answered), finished, or none at all."""
    if state == "empty":
        return ""
    if state == "blank":
        return "%20%20"
    if state == "unknown":
        return "noSuchSession0000000000000000000"
    session_id = started(http)
    if state == "moved on":
        assert http.post(f"{SESSIONS}/{session_id}/answers", json=answer(0)).status_code == 200
    if state == "finished":
        assert http.post(f"{SESSIONS}/{session_id}/complete").status_code == 200
    return session_id


def answer(index: object = 0, text: object = ANSWER) -> dict:
    return {"questionIndex": index, "answer": text}


def send(http, method: str, path: str, body: object = NO_BODY):
    if body is NO_BODY:
        return http.request(method, path)
    if isinstance(body, bytes):
        return http.request(
            method, path, content=body, headers={"content-type": "application/json"}
        )
    return http.request(method, path, json=body)


# API.md's submit table, row by row, with the shapes a body takes over HTTP; then the order of
# the checks where two rows could both apply.
SUBMIT_ROWS = [
    ("session id empty", "empty", answer(), SESSION_ID_REQUIRED),
    ("session id blank", "blank", answer(), SESSION_ID_REQUIRED),
    ("question index missing", "new", {"answer": ANSWER}, INDEX_REQUIRED),
    ("question index null", "new", answer(None), INDEX_REQUIRED),
    ("no body", "new", NO_BODY, INDEX_REQUIRED),
    ("a body that is not JSON", "new", b'{"questionIndex": 0, "answer": ', INDEX_REQUIRED),
    ("a body that is no object", "new", [0, ANSWER], INDEX_REQUIRED),
    ("question index negative", "new", answer(-1), INDEX_INVALID),
    ("question index as text", "new", answer("0"), INDEX_INVALID),
    ("question index as a boolean", "new", answer(False), INDEX_INVALID),
    ("question index as a fraction", "new", answer(0.5), INDEX_INVALID),
    ("answer missing", "new", {"questionIndex": 0}, ANSWER_REQUIRED),
    ("answer null", "new", answer(0, None), ANSWER_REQUIRED),
    ("answer empty", "new", answer(0, ""), ANSWER_REQUIRED),
    ("answer blank", "new", answer(0, " \n\t "), ANSWER_REQUIRED),
    ("answer not text", "new", answer(0, 42), ANSWER_REQUIRED),
    ("answer too long", "new", answer(0, "x" * 20_001), ANSWER_TOO_LONG),
    ("no such session", "unknown", answer(), NOT_FOUND),
    ("interview completed", "finished", answer(), ALREADY_COMPLETED),
    ("question index ahead", "new", answer(1), MISMATCH),
    ("question index behind", "moved on", answer(0), MISMATCH),
    ("arguments before the session", "unknown", answer(-1), INDEX_INVALID),
    ("completed before the index", "finished", answer(2), ALREADY_COMPLETED),
]


@pytest.mark.parametrize(
    ("state", "body", "expected"),
    [row[1:] for row in SUBMIT_ROWS],
    ids=[row[0] for row in SUBMIT_ROWS],
)
def test_submit_answer_refuses_as_api_md_says(http, state, body, expected):
    session_id = session_in(http, state)
    reply = send(http, "POST", f"{SESSIONS}/{session_id}/answers", body)
    assert (reply.status_code, reply.json()) == (expected["code"], expected)


# save_answer: the same argument checks and messages, then 404 / 409; a blank answer is a draft.
SAVE_ROWS = [
    ("session id empty", "empty", answer(), SESSION_ID_REQUIRED),
    ("session id blank", "blank", answer(), SESSION_ID_REQUIRED),
    ("question index missing", "new", {"answer": ANSWER}, INDEX_REQUIRED),
    ("no body", "new", NO_BODY, INDEX_REQUIRED),
    ("question index negative", "new", answer(-1), INDEX_INVALID),
    ("question index as text", "new", answer("1"), INDEX_INVALID),
    ("answer missing", "new", {"questionIndex": 0}, ANSWER_REQUIRED),
    ("answer not text", "new", answer(0, ["a"]), ANSWER_REQUIRED),
    ("answer too long", "new", answer(0, "x" * 20_001), ANSWER_TOO_LONG),
    ("no such session", "unknown", answer(), NOT_FOUND),
    ("interview completed", "finished", answer(), ALREADY_COMPLETED),
    ("question index ahead", "new", answer(1), MISMATCH),
]


@pytest.mark.parametrize(
    ("state", "body", "expected"),
    [row[1:] for row in SAVE_ROWS],
    ids=[row[0] for row in SAVE_ROWS],
)
def test_save_answer_refuses_as_api_md_says(http, state, body, expected):
    session_id = session_in(http, state)
    reply = send(http, "PUT", f"{SESSIONS}/{session_id}/answers", body)
    assert (reply.status_code, reply.json()) == (expected["code"], expected)


def test_a_blank_draft_clears_the_current_questions_draft(http):
    session_id = started(http)
    assert http.put(f"{SESSIONS}/{session_id}/answers", json=answer(0, "a first go")).json() == {
        "code": 200,
        "message": "success",
        "data": None,
    }
    assert http.put(f"{SESSIONS}/{session_id}/answers", json=answer(0, "  ")).status_code == 200
    question = http.get(f"{SESSIONS}/{session_id}/question").json()["data"]["question"]
    assert question["userAnswer"] is None


# Every other operation on a session: the id's two rules first, then its own.
SESSION_OPERATIONS = [
    ("GET", "{id}/question"),
    ("GET", "{id}"),
    ("POST", "{id}/complete"),
    ("GET", "{id}/report"),
    ("DELETE", "{id}"),
]
SESSION_ROWS = [
    (f"{method} {path} {state}", method, path, state, expected)
    for method, path in SESSION_OPERATIONS
    for state, expected in (
        ("empty", SESSION_ID_REQUIRED),
        ("blank", SESSION_ID_REQUIRED),
        ("unknown", NOT_FOUND),
    )
] + [
    ("complete a completed interview", "POST", "{id}/complete", "finished", ALREADY_COMPLETED),
    ("report before the end", "GET", "{id}/report", "new", error(409, "Interview not completed")),
    (
        "regenerate neither true nor false",
        "GET",
        "{id}/report?regenerate=maybe",
        "finished",
        error(400, "regenerate must be true or false"),
    ),
    ("regenerate, no such session", "GET", "{id}/report?regenerate=maybe", "unknown", NOT_FOUND),
]


@pytest.mark.parametrize(
    ("method", "path", "state", "expected"),
    [row[1:] for row in SESSION_ROWS],
    ids=[row[0] for row in SESSION_ROWS],
)
def test_session_operations_refuse_as_api_md_says(http, method, path, state, expected):
    session_id = session_in(http, state)
    reply = http.request(method, f"{SESSIONS}/" + path.format(id=session_id))
    assert (reply.status_code, reply.json()) == (expected["code"], expected)


def new_session(**fields) -> dict:
    return {"candidateName": "Ada", "role": "backend", **fields}


CREATE_ROWS = [
    ("no body", NO_BODY, "candidateName is required"),
    ("a body that is not JSON", b"candidateName=Ada", "candidateName is required"),
    ("name missing", {"role": "backend"}, "candidateName is required"),
    ("name blank", new_session(candidateName="   "), "candidateName is required"),
    (
        "name too long",
        new_session(candidateName="A" * 101),
        "candidateName must be at most 100 characters",
    ),
    ("too few questions", new_session(questionCount=2), "questionCount must be between 3 and 20"),
    ("too many questions", new_session(questionCount=21), "questionCount must be between 3 and 20"),
    (
        "question count as text",
        new_session(questionCount="5"),
        "questionCount must be between 3 and 20",
    ),
    ("too many follow-ups", new_session(followUpCount=3), "followUpCount must be between 0 and 2"),
    (
        "unknown difficulty",
        new_session(difficulty="expert"),
        "difficulty must be junior, mid, senior or null",
    ),
    (
        "custom without questions",
        new_session(role="custom"),
        "customQuestions is required when role is custom",
    ),
    (
        "a field spelt as Python spells it",
        {"candidate_name": "Ada", "role": "backend"},
        "Unknown field: candidate_name",
    ),
    ("a field the API does not have", new_session(owner="someone"), "Unknown field: owner"),
    (
        "a custom question's unknown field",
        new_session(role="custom", customQuestions=[{"text": "Why?", "hint": "x"}]),
        "customQuestions[0] has an unknown field: hint",
    ),
    (
        "a job description too long",
        new_session(jobDescription="x" * 20_001),
        "jobDescription must be a string of at most 20000 characters",
    ),
]


@pytest.mark.parametrize(
    ("body", "message"), [row[1:] for row in CREATE_ROWS], ids=[row[0] for row in CREATE_ROWS]
)
def test_create_session_refuses_a_bad_field_naming_it_as_http_spells_it(http, body, message):
    reply = send(http, "POST", SESSIONS, body)
    assert (reply.status_code, reply.json()) == (400, error(400, message))


def test_an_unknown_track_is_refused_listing_the_tracks(http):
    tracks = [role["id"] for role in http.get("/api/interview/roles").json()["data"]]
    reply = http.post(SESSIONS, json=new_session(role="astrology"))
    expected = error(400, f"role must be one of: {', '.join([*tracks, 'custom'])}")
    assert (reply.status_code, reply.json()) == (400, expected)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("status=DONE", "status must be one of: CREATED, IN_PROGRESS, COMPLETED, EVALUATED"),
        ("since=yesterday", "since must be an ISO 8601 date or time"),
        ("candidate=Ada", "Unknown filter: candidate"),
    ],
)
def test_listing_sessions_refuses_a_bad_filter(http, coach_token, query, message):
    reply = http.get(f"{SESSIONS}?{query}", headers={"Authorization": f"Bearer {coach_token}"})
    assert (reply.status_code, reply.json()) == (400, error(400, message))


@pytest.mark.parametrize(
    ("method", "path", "expected"),
    [
        ("GET", "/api/interview/nowhere", error(404, "Not found")),
        ("GET", "/", error(404, "Not found")),
        ("PATCH", f"{SESSIONS}/abc", error(405, "Method not allowed")),
        ("POST", "/api/interview/roles", error(405, "Method not allowed")),
    ],
)
def test_the_routers_own_refusals_are_envelopes_too(http, method, path, expected):
    reply = http.request(method, path)
    assert (reply.status_code, reply.json()) == (expected["code"], expected)


def test_a_body_larger_than_16_mb_is_refused_unread(http):
    session_id = started(http)
    body = b'{"questionIndex": 0, "answer": "' + b"x" * (16 * 1024 * 1024) + b'"}'
    reply = send(http, "POST", f"{SESSIONS}/{session_id}/answers", body)
    assert (reply.status_code, reply.json()) == (413, error(413, "Request body too large"))


# --- 429 and 500 ------------------------------------------------------------------------------


@pytest.fixture(params=WAYS)
def limited(request, tmp_path):
    """The API on a fresh database whose rate limit is one submit per second."""
    transport, kind = request.param
    with ExitStack() as stack:
        url = new_database(kind, tmp_path, stack)
        if transport == "uvicorn":
            server = start_api_server(url, tmp_path, rate_limit=1)
            stack.callback(server.stop)
            yield over_uvicorn(server, stack)
        else:
            yield in_process(url, stack, rate_limit=1)


def submits_until_refused(http, attempts: int = 3) -> list[dict]:
    """Two submits on two sessions, back to back, under a limit of one per second: the second
    is refused. A machine too busy to send both within the second proves nothing: try again."""
    for _ in range(attempts):
        first, second = started(http), started(http)
        began = time.monotonic()
        replies = [
            http.post(f"{SESSIONS}/{session_id}/answers", json=answer()).json()
            for session_id in (first, second)
        ]
        if replies[1]["code"] == 429 or time.monotonic() - began < 0.9:
            return replies
    raise AssertionError("two submits never fitted in one second")


def test_a_submit_past_the_shared_rate_limit_is_429_and_not_recorded(limited):
    first, second = submits_until_refused(limited.http)
    assert first["code"] == 200
    assert second == error(429, "Rate limit exceeded")
    refused = limited.engine.list_sessions()["data"]
    answered = [
        limited.engine.get_session(row["sessionId"])["data"]["questions"][0]["answered"]
        for row in refused
    ]
    assert sorted(answered) == [False, True]


def test_a_fault_mid_submit_is_500_server_error_and_leaves_nothing_half_written(limited, caplog):
    session_id = started(limited.http)
    with limited.engine.db.engine.begin() as conn:
        conn.execute(text("DROP TABLE submit_window"))  # the rate limit's window, read mid-submit
    reply = limited.http.post(f"{SESSIONS}/{session_id}/answers", json=answer())
    assert (reply.status_code, reply.json()) == (500, error(500, "Server error"))
    session = limited.http.get(f"{SESSIONS}/{session_id}").json()["data"]
    assert session["currentIndex"] == 0 and not session["questions"][0]["answered"]
    assert session["questions"][0]["userAnswer"] is None
