"""Coach endpoints over HTTP: refused without a live API token, and everything done with one is
recorded under the token's coach and name, as the pages record a signed-in coach."""

import pytest

from tests.conftest import coach_password
from tests.http.conftest import conforming

SETS = "/api/interview/question-sets"
BY = "Kim (API: LMS sync)"  # what the record calls the coach_token fixture's token
QUESTION = {
    "text": "What does a database index trade for faster reads?",
    "category": "Databases",
    "difficulty": "junior",
    "type": "conceptual",
    "keyPoints": ["slower writes", "more storage"],
    "referenceAnswer": "Reads get faster; writes and storage pay for it.",
}
# Every coach operation, with a body it would accept.
COACH_OPERATIONS = [
    ("GET", "/api/interview/sessions", None),
    ("GET", SETS, None),
    ("POST", SETS, {"name": "Week 1", "language": "en", "questions": [QUESTION]}),
    ("POST", f"{SETS}/import", {"filename": "w.csv", "content": "text\nWhat is a join?\n"}),
    ("GET", f"{SETS}/1", None),
    ("PUT", f"{SETS}/1", {"name": "Week 1", "language": "en", "questions": [QUESTION]}),
    ("DELETE", f"{SETS}/1", None),
    ("GET", f"{SETS}/1/export?format=json", None),
    ("GET", "/api/interview/assignments", None),
    ("POST", "/api/interview/assignments", {"setId": 1, "candidates": ["Ann"]}),
    ("DELETE", "/api/interview/assignments/1", None),
]


def as_coach(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def refused(message: str) -> dict:
    return {"code": 401, "message": message, "data": None}


def records(engine, count: int = 50) -> list[tuple]:
    actions = engine.coach.history(page_size=count)["data"]["actions"]
    return [(action["actor"], action["action"]) for action in actions]


def sign_in_token(engine) -> str:
    """A coach's sign-in for the pages (a browser's cookie), which is no API token."""
    password = coach_password(engine, "Kim")
    return engine.coach.sign_in(password, "Kim")["data"]["token"]


@pytest.mark.parametrize(
    ("headers", "message"),
    [
        ({}, "API token required"),
        ({"Authorization": "Basic a2ltOnNlY3JldA=="}, "API token required"),
        ({"Authorization": "Bearer"}, "API token required"),
        ({"Authorization": "Bearer rh_made-up"}, "Invalid API token"),
    ],
    ids=["no token", "another scheme", "an empty bearer", "a made-up token"],
)
@pytest.mark.parametrize(
    ("method", "path", "body"), COACH_OPERATIONS, ids=[f"{m} {p}" for m, p, _ in COACH_OPERATIONS]
)
def test_a_coach_endpoint_without_a_live_token_is_refused_and_does_nothing(
    http, engine, method, path, body, headers, message
):
    before = records(engine)
    reply = http.request(method, path, json=body, headers=headers)
    assert conforming(reply) == refused(message)
    assert records(engine) == before


def test_a_revoked_token_stops_working_at_once(http, engine):
    made = engine.coach.create_api_token("Nightly export", by="Kim")["data"]
    assert http.get(SETS, headers=as_coach(made["token"])).status_code == 200
    engine.coach.revoke_api_token(made["id"], by="Lee")
    reply = http.get(SETS, headers=as_coach(made["token"]))
    assert conforming(reply) == refused("Invalid API token")


def test_a_coachs_sign_in_for_the_pages_is_no_api_token(http, engine):
    reply = http.get(SETS, headers=as_coach(sign_in_token(engine)))
    assert conforming(reply) == refused("Invalid API token")


def test_a_coach_lists_every_session_with_filters_and_the_read_is_recorded(
    http, engine, coach_token
):
    for name in ("Ada Lovelace", "Grace Hopper"):
        http.post("/api/interview/sessions", json={"candidateName": name, "role": "backend"})
    everyone = conforming(http.get("/api/interview/sessions", headers=as_coach(coach_token)))
    assert {"Ada Lovelace", "Grace Hopper"} <= {row["candidateName"] for row in everyone["data"]}
    graces = conforming(
        http.get(
            "/api/interview/sessions?candidateName=grace%20hopper&status=CREATED",
            headers=as_coach(coach_token),
        )
    )["data"]
    assert graces and {row["candidateName"] for row in graces} == {"Grace Hopper"}
    latest = engine.coach.history(page_size=1)["data"]["actions"][0]
    assert (latest["actor"], latest["action"]) == (BY, "api_read")
    assert latest["detail"] == {
        "what": "sessions",
        "filters": {"candidateName": "grace hopper", "status": "CREATED"},
        "rows": len(graces),
    }


def test_a_question_set_is_written_edited_exported_imported_and_deleted_all_recorded(
    http, engine, coach_token
):
    coach = as_coach(coach_token)
    body = {"name": "Week 1", "language": "en", "questions": [QUESTION]}
    created = conforming(http.post(SETS, json=body, headers=coach))["data"]
    [question] = created["questions"]
    assert (question["key_points"], question["reference_answer"]) == (
        QUESTION["keyPoints"],
        QUESTION["referenceAnswer"],
    )
    here = f"{SETS}/{created['id']}"

    # What a GET gives back can be PUT again as it is (set files' own key names work too).
    fetched = conforming(http.get(here, headers=coach))["data"]
    edited = [*fetched["questions"], {"text": "How do you choose a primary key?"}]
    updated = conforming(
        http.put(
            here, json={"name": "Week 1", "language": "en", "questions": edited}, headers=coach
        )
    )["data"]
    assert (updated["version"], len(updated["questions"])) == (2, 2)
    assert updated["questions"][0]["key_points"] == QUESTION["keyPoints"]

    exported = conforming(http.get(f"{here}/export?format=csv", headers=coach))["data"]
    assert exported["filename"].endswith(".csv") and "primary key" in exported["content"]
    imported = conforming(
        http.post(
            f"{SETS}/import",
            json={"filename": exported["filename"], "content": exported["content"], "name": "W2"},
            headers=coach,
        )
    )["data"]
    assert [q["text"] for q in imported["questions"]] == [q["text"] for q in updated["questions"]]

    listed = conforming(http.get(SETS, headers=coach))["data"]
    assert {created["id"], imported["id"]} <= {row["id"] for row in listed}
    assert conforming(http.delete(here, headers=coach))["data"] is None
    assert conforming(http.get(here, headers=coach))["code"] == 404
    assert (
        records(engine, 8)
        == [
            (BY, "set_delete"),
            (BY, "api_read"),  # the list
            (BY, "set_create"),  # the import
            (BY, "api_read"),  # the export
            (BY, "set_edit"),
            (BY, "api_read"),  # the GET
            (BY, "set_create"),
            *records(engine, 8)[7:],
        ]
    )
    assert updated["updatedBy"] == BY


def test_a_set_with_problems_saves_nothing_and_names_the_first(http, engine, coach_token):
    body = {"name": "Broken", "language": "en", "questions": [{"text": ""}]}
    reply = http.post(SETS, json=body, headers=as_coach(coach_token))
    assert conforming(reply) == {
        "code": 400,
        "message": "The question set has problems: row 1, text: missing text",
        "data": None,
    }
    assert "Broken" not in [row["name"] for row in engine.coach.sets()["data"]]


@pytest.mark.parametrize(
    ("path", "message"),
    [
        (f"{SETS}/999999", "Question set not found"),
        (f"{SETS}/week-1", "Question set not found"),
        (f"{SETS}/999999/export", "Question set not found"),
    ],
)
def test_a_set_that_does_not_exist_is_404(http, coach_token, path, message):
    reply = http.get(path, headers=as_coach(coach_token))
    assert conforming(reply) == {"code": 404, "message": message, "data": None}


def test_a_set_is_assigned_and_its_candidates_progress_is_listed(http, engine, coach_token):
    coach = as_coach(coach_token)
    questions = [QUESTION, {"text": "What is a join?"}, {"text": "What is a transaction?"}]
    body = {"name": "Week 2", "language": "en", "questions": questions}
    set_id = http.post(SETS, json=body, headers=coach).json()["data"]["id"]
    assignment = {"setId": set_id, "candidates": ["Ann", "Bob"], "due": "2030-01-31"}
    assigned = conforming(http.post("/api/interview/assignments", json=assignment, headers=coach))[
        "data"
    ]
    ann = assigned["links"][0]
    assert engine.start_assignment(ann["token"])["code"] == 200

    listed = conforming(http.get("/api/interview/assignments", headers=coach))["data"]
    [mine] = [row for row in listed if row["id"] == assigned["id"]]
    assert mine["dueAt"] == "2030-02-01T00:00:00.000Z"  # the end of the day it is due
    states = {c["candidateName"]: c["state"] for c in mine["candidates"]}
    assert states == {"Ann": "started", "Bob": "not_opened"}
    assert records(engine, 2) == [(BY, "api_read"), (BY, "assign")]

    deleted = http.delete(f"/api/interview/assignments/{assigned['id']}", headers=coach)
    assert conforming(deleted)["data"] is None
    assert records(engine, 1) == [(BY, "unassign")]
