"""Interviews over HTTP, as another client (a learning platform, a script) runs them: every reply
is the engine's envelope with its code as the status, and matches /openapi.json."""

import pytest

from tests.http.conftest import conforming

SESSIONS = "/api/interview/sessions"
ANSWERS = [
    "I would put Redis in front of PostgreSQL as a read-through cache, because reads outnumber "
    "writes fifty to one; p99 fell from 420 ms to 35 ms and database CPU dropped by 60%.",
    "We version the API in the URL and keep the old version for a year, because partners "
    "upgrade slowly; a contract test suite runs against both versions on every deploy.",
    "First add the new column, write to both, backfill in batches of 10,000 rows, switch reads, "
    "then drop the old column a release later, so old and new code run side by side.",
]


def ok(data: object = None) -> dict:
    return {"code": 200, "message": "success", "data": data}


def test_a_whole_interview_over_http_from_the_tracks_to_the_report(http, engine):
    roles = conforming(http.get("/api/interview/roles"))["data"]
    assert "backend" in [role["id"] for role in roles]
    body = {"candidateName": "Ada", "role": "backend", "questionCount": 3, "followUpCount": 1}
    session = conforming(http.post(SESSIONS, json=body))["data"]
    assert (session["status"], session["currentIndex"], session["totalQuestions"]) == (
        "CREATED",
        0,
        3,
    )
    here = f"{SESSIONS}/{session['sessionId']}"

    current = conforming(http.get(f"{here}/question"))["data"]
    assert current["question"]["question"] == session["questions"][0]["question"]
    assert (
        conforming(http.put(f"{here}/answers", json={"questionIndex": 0, "answer": "Redis"}))[
            "data"
        ]
        is None
    )
    assert conforming(http.get(f"{here}/question"))["data"]["question"]["userAnswer"] == "Redis"

    submitted = 0
    while current["question"] is not None:
        index = current["currentIndex"]
        reply = conforming(
            http.post(
                f"{here}/answers", json={"questionIndex": index, "answer": ANSWERS[index % 3]}
            )
        )
        submitted += 1
        assert reply["data"]["currentIndex"] == index + 1
        current = conforming(http.get(f"{here}/question"))["data"]
    finished = conforming(http.get(here))["data"]
    assert finished["status"] == "COMPLETED"
    assert submitted == finished["totalQuestions"] >= 3
    assert all(question["answered"] for question in finished["questions"])

    report = conforming(http.get(f"{here}/report"))["data"]
    assert report["answeredCount"] == submitted and 0 < report["overallScore"] <= 100
    assert conforming(http.get(here))["data"]["status"] == "EVALUATED"
    assert conforming(http.get(f"{here}/report"))["data"] == report  # stored, not made again
    refused = conforming(http.get(f"{here}/report?regenerate=true"))  # re-grading: coaches'
    assert refused == {"code": 401, "message": "API token required", "data": None}
    token = engine.coach.create_api_token("LMS sync", by="Kim")["data"]["token"]
    again = http.get(f"{here}/report?regenerate=true", headers={"Authorization": f"Bearer {token}"})
    assert conforming(again)["data"]["generatedAt"] >= report["generatedAt"]
    versions = engine.coach.report_versions(session["sessionId"])["data"]
    assert [v["replacedBy"] for v in versions] == ["Kim (API: LMS sync)", None]
    assert versions[0]["report"] == report


def test_a_follow_up_over_http_is_about_what_the_answer_said(http):
    body = {"candidateName": "Ada", "role": "backend", "questionCount": 3, "followUpCount": 2}
    session_id = http.post(SESSIONS, json=body).json()["data"]["sessionId"]
    reply = conforming(
        http.post(
            f"{SESSIONS}/{session_id}/answers",
            json={"questionIndex": 0, "answer": "We used Redis as a cache."},
        )
    )["data"]
    follow_up = reply["nextQuestion"]
    assert reply["totalQuestions"] == 4 and follow_up["isFollowUp"]
    assert follow_up["parentQuestionIndex"] == 0 and "Redis" in follow_up["question"]


def test_custom_questions_with_reference_answers_are_sent_in_camel_case(http):
    body = {
        "candidateName": "Grace",
        "role": "custom",
        "followUpCount": 0,
        "customQuestions": [
            {
                "text": "What does a database index trade for faster reads?",
                "referenceAnswer": "Reads get faster; writes and storage pay for it.",
                "keyPoints": ["slower writes", "more storage"],
                "category": "Databases",
            },
            "Tell me about a time you disagreed with a teammate.",
            "How do you keep a cache consistent with the database?",
        ],
    }
    session = conforming(http.post(SESSIONS, json=body))["data"]
    assert [q["category"] for q in session["questions"]] == ["Databases", "Custom", "Custom"]
    here = f"{SESSIONS}/{session['sessionId']}"
    http.post(f"{here}/answers", json={"questionIndex": 0, "answer": "Writes get slower."})
    assert conforming(http.post(f"{here}/complete")) == ok()
    report = conforming(http.get(f"{here}/report"))["data"]
    assert report["referenceAnswers"][0]["keyPoints"] == ["slower writes", "more storage"]
    assert [detail["score"] for detail in report["questionDetails"]][1:] == [0, 0]


def test_creating_again_with_the_same_request_id_returns_the_same_session(http):
    body = {"candidateName": "Ada", "role": "backend", "requestId": "page-load-7f3a"}
    first = conforming(http.post(SESSIONS, json=body))["data"]
    again = conforming(http.post(SESSIONS, json={**body, "questionCount": 9}))["data"]
    assert again["sessionId"] == first["sessionId"] and again["totalQuestions"] == 5


def test_holding_a_sessions_id_is_not_enough_to_delete_it(http, engine, coach_token):
    session_id = http.post(SESSIONS, json={"candidateName": "Ada", "role": "backend"}).json()[
        "data"
    ]["sessionId"]
    refused = conforming(http.delete(f"{SESSIONS}/{session_id}"))
    assert refused == {"code": 401, "message": "API token required", "data": None}
    assert http.get(f"{SESSIONS}/{session_id}").json()["code"] == 200
    coach = {"Authorization": f"Bearer {coach_token}"}
    assert conforming(http.delete(f"{SESSIONS}/{session_id}", headers=coach)) == ok()
    assert http.get(f"{SESSIONS}/{session_id}").json()["code"] == 404
    assert engine.get_session(session_id)["code"] == 404


def test_a_coach_who_deletes_a_session_with_a_token_is_recorded(http, engine, coach_token):
    session_id = http.post(SESSIONS, json={"candidateName": "Ada", "role": "backend"}).json()[
        "data"
    ]["sessionId"]
    reply = http.delete(
        f"{SESSIONS}/{session_id}", headers={"Authorization": f"Bearer {coach_token}"}
    )
    assert conforming(reply) == ok()
    latest = engine.coach.history(page_size=1)["data"]["actions"][0]
    assert (latest["actor"], latest["action"], latest["sessionId"]) == (
        "Kim (API: LMS sync)",
        "delete",
        session_id,
    )


@pytest.mark.parametrize("revoked", [False, True], ids=["made-up token", "revoked token"])
def test_a_deletion_with_a_token_that_is_not_live_is_refused(http, engine, revoked):
    token = "rh_not-a-token-of-anyones"
    if revoked:
        made = engine.coach.create_api_token("Old script", by="Kim")["data"]
        engine.coach.revoke_api_token(made["id"], by="Lee")
        token = made["token"]
    session_id = http.post(SESSIONS, json={"candidateName": "Ada", "role": "backend"}).json()[
        "data"
    ]["sessionId"]
    reply = http.delete(f"{SESSIONS}/{session_id}", headers={"Authorization": f"Bearer {token}"})
    assert conforming(reply) == {"code": 401, "message": "Invalid API token", "data": None}
    assert http.get(f"{SESSIONS}/{session_id}").json()["code"] == 200
