"""The report's way back in: practise the same track again, or retry the weakest questions."""

import pytest

from app_pages import interview_views, ui
from app_pages.text import Text
from tests.app.pages import CACHING_QUESTIONS as QUESTIONS
from tests.app.pages import STRONG_CACHING_ANSWER as STRONG
from tests.app.pages import captions, open_report

EN = Text("en")

NEXT_REQUEST_ID = "report_next_request_id"  # the page's key (importing the page would run it)
SAME_TRACK = ("role", "difficulty", "mainQuestionCount", "followUpCount", "candidateName")


def other_session(api, session_id: str) -> dict:
    [other] = [s for s in api.list_sessions()["data"] if s["sessionId"] != session_id]
    return api.get_session(other["sessionId"])["data"]


def test_practise_again_starts_the_same_track_and_lands_on_the_interview(app, api):
    created = api.create_session(
        candidate_name="Ada", role="backend", difficulty="mid", question_count=4, follow_up_count=2
    )
    finished = created["data"]
    api.complete_early(finished["sessionId"])
    open_report(app, finished["sessionId"])

    app.button(key="practise_again").click().run()

    assert not app.exception
    again = other_session(api, finished["sessionId"])
    assert {k: again[k] for k in SAME_TRACK} == {k: finished[k] for k in SAME_TRACK}
    assert again["status"] == "IN_PROGRESS"  # the interview page opened it
    assert app.query_params[ui.SESSION_QUERY_PARAM] == again["sessionId"]
    assert app.session_state[ui.SESSION_ID] == again["sessionId"]
    assert "Question 1 of 4" in captions(app)


def test_practise_again_keeps_the_job_description_and_resume(app, api):
    job = "Senior backend engineer: Kafka, PostgreSQL, Kubernetes."
    resume = "Projects\n- Payments ledger: rebuilt settlement on Kafka and PostgreSQL"
    created = api.create_session(
        candidate_name="Ada", role="backend", job_description=job, resume_text=resume
    )
    finished = created["data"]
    api.complete_early(finished["sessionId"])
    open_report(app, finished["sessionId"])

    app.button(key="practise_again").click().run()

    again = other_session(api, finished["sessionId"])
    context = api.session_context(again["sessionId"])["data"]
    assert context == {
        "jobDescription": job,
        "resumeText": resume,
        "questionSource": "bank",
        "timeLimitMinutes": None,
        "questionSet": None,
    }


def test_the_context_of_an_unknown_session_is_not_found(api):
    assert api.session_context("nope")["code"] == 404
    assert api.session_context("")["code"] == 400


def test_practise_again_asks_a_custom_question_set_again(app, api):
    created = api.create_session(candidate_name="Ada", role="custom", custom_questions=QUESTIONS)
    finished = created["data"]
    api.complete_early(finished["sessionId"])
    open_report(app, finished["sessionId"])

    app.button(key="practise_again").click().run()

    again = other_session(api, finished["sessionId"])
    assert [q["question"] for q in again["questions"]] == QUESTIONS
    assert again["role"] == "custom" and again["followUpCount"] == finished["followUpCount"]


def test_retry_weak_asks_the_weakest_main_questions_weakest_first(app, api):
    created = api.create_session(
        candidate_name="Ada", role="backend", custom_questions=QUESTIONS, follow_up_count=0
    )
    session_id = created["data"]["sessionId"]
    api.submit_answer(session_id, 0, STRONG)
    api.submit_answer(session_id, 1, "I don't know.")
    api.complete_early(session_id)
    scores = [d["score"] for d in api.generate_report(session_id)["data"]["questionDetails"]]
    assert scores[0] >= 60 > scores[1] > scores[2] == 0  # what the order below relies on
    open_report(app, session_id)

    app.button(key="retry_weak").click().run()

    assert not app.exception
    retry = other_session(api, session_id)
    assert [q["question"] for q in retry["questions"]] == [QUESTIONS[2], QUESTIONS[1]]
    assert retry["role"] == "backend" and retry["followUpCount"] == 0
    assert {q["category"] for q in retry["questions"]} == {"Custom"}
    assert app.query_params[ui.SESSION_QUERY_PARAM] == retry["sessionId"]
    assert "Question 1 of 2" in captions(app)


def test_one_drawing_of_the_report_has_one_request_id_so_a_double_click_makes_one_session(
    app, api, session_id
):
    api.complete_early(session_id)
    open_report(app, session_id)
    drawn = app.session_state[NEXT_REQUEST_ID]
    app.button(key="practise_again").click().run()
    again = other_session(api, session_id)
    second_click = api.create_session(candidate_name="Ada", role="backend", request_id=drawn)
    assert second_click["data"]["sessionId"] == again["sessionId"]
    assert len(api.list_sessions()["data"]) == 2

    open_report(app, session_id)  # back on the report later: practising again is a new session
    assert app.session_state[NEXT_REQUEST_ID] != drawn


def test_an_error_starting_the_next_interview_is_said_plainly(app, api, session_id):
    api.complete_early(session_id)
    open_report(app, session_id)
    api.delete_session(session_id)  # gone (another tab, a coach) before the click
    app.button(key="retry_weak").click().run()
    assert [e.value for e in app.error] == [EN("error.not_found")]
    assert len(api.list_sessions()["data"]) == 0


def detail(index: int, score: int, follow_up: bool = False) -> dict:
    return {
        "question": f"Q{index}",
        "score": score,
        "isFollowUp": follow_up,
        "questionIndex": index,
    }


@pytest.mark.parametrize(
    ("scores", "weakest"),
    [
        ([70, 10, 59, 0], ["Q3", "Q1", "Q2"]),
        ([90, 80, 75, 95, 60], ["Q4", "Q2", "Q1"]),  # none under 60: the lowest three
        ([90, 80], ["Q1", "Q0"]),
        ([1, 2, 3, 4, 5, 6, 7], ["Q0", "Q1", "Q2", "Q3", "Q4"]),  # at most five
    ],
)
def test_the_weakest_questions_are_the_lowest_main_ones(scores, weakest):
    details = [detail(i, s) for i, s in enumerate(scores)]
    assert interview_views.weakest_questions({"questionDetails": details}) == weakest


def test_a_follow_up_is_never_retried_on_its_own():
    details = [detail(0, 70), detail(1, 5, follow_up=True), detail(2, 40)]
    assert interview_views.weakest_questions({"questionDetails": details}) == ["Q2"]


def test_a_retried_bank_question_keeps_its_reference_answer_key_points_and_category(api):
    created = api.create_session(candidate_name="Ada", role="backend", follow_up_count=0)
    session_id = created["data"]["sessionId"]
    api.complete_early(session_id)
    report = api.generate_report(session_id)["data"]
    request = interview_views.retry_weak_request(api.get_session(session_id)["data"], report)

    retry_id = api.create_session(**request)["data"]["sessionId"]
    api.complete_early(retry_id)
    retried = api.generate_report(retry_id)["data"]

    before = {r["question"]: r for r in report["referenceAnswers"]}
    categories = {d["question"]: d["category"] for d in report["questionDetails"]}
    assert len(retried["referenceAnswers"]) == len(request["custom_questions"]) >= 3
    for again, detail in zip(retried["referenceAnswers"], retried["questionDetails"], strict=True):
        question = again["question"]
        assert again["referenceAnswer"] == before[question]["referenceAnswer"]
        assert again["keyPoints"] == before[question]["keyPoints"]
        assert detail["category"] == categories[question]
