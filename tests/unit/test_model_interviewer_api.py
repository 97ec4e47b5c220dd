"""The InterviewAPI's extras for the language-model interviewer (not in API.md): choosing the
interviewer, tailored questions, streamed follow-ups, voice answers, provenance, re-grading."""

import pytest

from interview.api import InterviewAPI
from interview.interviewers.base import AskedQuestion
from interview.interviewers.builtin.interviewer import BuiltinInterviewer
from interview.questions.spec import QuestionSpec
from tests.conftest import STREAMED, TRANSCRIPT, model_environment
from tests.unit.llm.examples import CACHE, MODEL, evaluation_output
from tests.unit.llm.scripted_openai import chunk_events
from tests.unit.test_background_scoring import ANSWERS, answer_all, start

AUDIO = b"RIFF\x24\x00\x00\x00WAVEfmt " + bytes(32)
JOB = "Senior backend engineer: Go, PostgreSQL, Kafka, on-call for payment services."
WRITTEN = [
    "How would you shard the ledger service you built in Go?",
    "Walk me through an on-call incident in a payments system.",
    "How do you keep Kafka consumers idempotent under redelivery?",
]
THIN = "I would put Redis in front of the database."


def written_question(text: str) -> dict:
    return {
        "text": text,
        "category": "Payments",
        "difficulty": "senior",
        "key_points": ["idempotency keys", "exactly-once is a myth"],
        "reference_answer": "Use an outbox table and idempotent consumers.",
    }


# Choosing the interviewer


def test_with_a_key_and_a_model_in_the_environment_the_model_interviews(
    monkeypatch, sqlite_url, model
):
    for name, value in model_environment(model.server).items():
        monkeypatch.setenv(name, value)

    api = InterviewAPI.from_url(sqlite_url)

    assert api.interviewer_info == {"name": "language-model", "model": MODEL, "transcription": True}
    api.close()


def test_without_a_key_the_builtin_interviewer_is_unchanged(monkeypatch, sqlite_url):
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    monkeypatch.setenv("INTERVIEW_MODEL", "some-model")

    api = InterviewAPI.from_url(sqlite_url)

    assert api.interviewer_info == {"name": "builtin", "model": None, "transcription": False}
    assert api.evaluations.background is False
    api.close()


# Tailored questions


def test_a_job_description_gets_questions_written_by_the_model_avoiding_recent_ones(
    model, open_model_api
):
    model.outputs["TailoredQuestions"] = {"questions": [written_question(t) for t in WRITTEN]}
    api = open_model_api()
    earlier = api.create_session(candidate_name="Ada", role="backend", question_count=3)["data"]

    created = api.create_session(
        candidate_name=" ada ", role="backend", question_count=3, job_description=JOB
    )

    session = created["data"]
    assert created["code"] == 200 and session["status"] == "CREATED"
    assert [q["question"] for q in session["questions"]] == WRITTEN
    assert {q["category"] for q in session["questions"]} == {"Payments"}
    context = api.session_context(session["sessionId"])["data"]
    assert context == {
        "jobDescription": JOB,
        "resumeText": None,
        "questionSource": "model",
        "timeLimitMinutes": None,
        "questionSet": None,
    }
    request = model.requests("TailoredQuestions")[0]
    assert all(q["question"] in request.user for q in earlier["questions"])
    assert api.evaluation_details(session["sessionId"])["data"]["totals"]["calls"] == 1


def test_when_the_model_cannot_write_questions_the_bank_chooses_and_the_session_says_so(
    model, open_model_api
):
    model.failing.add("TailoredQuestions")
    api = open_model_api()

    created = api.create_session(
        candidate_name="Ada", role="backend", question_count=4, resume_text="Go, Kafka, payments."
    )

    session = created["data"]
    assert created["code"] == 200 and session["totalQuestions"] == 4
    assert not set(WRITTEN) & {q["question"] for q in session["questions"]}
    context = api.session_context(session["sessionId"])["data"]
    assert context["questionSource"] == "bank-fallback"


def test_without_a_job_description_or_resume_the_bank_chooses(model, open_model_api):
    api = open_model_api()

    session = api.create_session(candidate_name="Ada", role="backend", question_count=3)["data"]

    assert api.session_context(session["sessionId"])["data"]["questionSource"] == "bank"
    assert model.calls("TailoredQuestions") == 0


def test_the_builtin_interviewer_chooses_from_the_bank(api):
    created = api.create_session(
        candidate_name="Ada", role="backend", question_count=3, job_description=JOB
    )

    context = api.session_context(created["data"]["sessionId"])["data"]
    assert context["questionSource"] == "bank"


# Streamed follow-ups


def test_a_follow_up_streams_to_the_caller_and_is_stored_whole(model, open_model_api):
    api = open_model_api()
    session_id = start(api, count=2, follow_ups=1)
    pieces = []

    result = api.submit_answer(session_id, 0, ANSWERS[0], on_follow_up_text=pieces.append)

    data = result["data"]
    assert result["code"] == 200 and data["totalQuestions"] == 3
    assert len(pieces) >= 2
    assert "".join(pieces) == data["nextQuestion"]["question"] == "".join(model.outputs[STREAMED])
    assert data["nextQuestion"]["isFollowUp"] and data["nextQuestion"]["parentQuestionIndex"] == 0
    stored = api.get_session(session_id)["data"]["questions"][1]
    assert stored["question"] == data["nextQuestion"]["question"]
    assert (model.calls(STREAMED), model.calls("FollowUpDecision")) == (1, 0)


def test_without_a_listener_the_follow_up_is_one_structured_call(model, open_model_api):
    model.outputs["FollowUpDecision"] = {"ask": True, "question": "What would you measure?"}
    api = open_model_api()
    session_id = start(api, count=2, follow_ups=1)

    data = api.submit_answer(session_id, 0, ANSWERS[0])["data"]

    assert data["nextQuestion"]["question"] == "What would you measure?"
    assert (model.calls(STREAMED), model.calls("FollowUpDecision")) == (0, 1)


def test_a_stream_failing_midway_stores_the_builtin_follow_up_that_replaced_it(
    model, open_model_api
):
    role, piece, *rest = chunk_events(["Why did ", "you..."])
    model.outputs[STREAMED] = (role, piece, 5.0, *rest)  # stalls past the budget
    api = open_model_api(INTERVIEW_FOLLOW_UP_BUDGET="0.5")
    session_id = api.create_session(
        candidate_name="Ada", role="custom", custom_questions=[CACHE.spec.text, "Next?"]
    )["data"]["sessionId"]
    pieces = []

    data = api.submit_answer(session_id, 0, THIN, on_follow_up_text=pieces.append)["data"]

    asked = AskedQuestion(0, QuestionSpec(CACHE.spec.text, "Custom", "custom"))
    expected = BuiltinInterviewer().follow_up(asked, THIN)
    assert pieces == ["Why did "]
    assert data["nextQuestion"]["question"] == expected.text


def test_a_listener_that_fails_does_not_stop_the_submit(model, open_model_api):
    api = open_model_api()
    session_id = start(api, count=2, follow_ups=1)

    def broken(piece: str) -> None:
        raise RuntimeError("the page went away")

    result = api.submit_answer(session_id, 0, ANSWERS[0], on_follow_up_text=broken)

    assert result["code"] == 200 and result["data"]["nextQuestion"]["isFollowUp"]


def test_the_builtin_follow_up_reaches_a_listener_in_one_piece(api):
    session_id = api.create_session(
        candidate_name="Ada", role="custom", custom_questions=[CACHE.spec.text, "Next?"]
    )["data"]["sessionId"]
    pieces = []

    data = api.submit_answer(session_id, 0, THIN, on_follow_up_text=pieces.append)["data"]

    assert pieces == [data["nextQuestion"]["question"]]


# Voice answers


def test_a_recording_is_transcribed(model, open_model_api):
    api = open_model_api()

    assert api.transcribe(AUDIO, "answer.wav") == {
        "code": 200,
        "message": "success",
        "data": {"text": TRANSCRIPT},
    }
    assert model.requests("transcription")[0].path == "/v1/audio/transcriptions"


def test_a_provider_that_cannot_transcribe_gives_503(model, open_model_api):
    model.failing.add("transcription")
    api = open_model_api()

    result = api.transcribe(AUDIO, "answer.wav")

    assert result == {"code": 503, "message": "Transcription unavailable", "data": None}


def test_the_builtin_interviewer_has_no_transcription(api):
    assert api.transcribe(AUDIO, "answer.wav")["code"] == 503


@pytest.mark.parametrize(
    ("audio", "message"),
    [
        (b"", "Audio is empty"),
        (None, "Audio is empty"),
        ("not bytes", "Audio is empty"),
        (bytes(25 * 1024 * 1024 + 1), "Audio is larger than 25 MB"),
    ],
    ids=["empty", "none", "text", "over 25 MB"],
)
def test_bad_audio_is_a_400_before_any_call(model, open_model_api, audio, message):
    api = open_model_api()

    assert api.transcribe(audio, "answer.wav") == {"code": 400, "message": message, "data": None}
    assert model.calls("transcription") == 0


# Provenance and re-grading


def test_evaluation_details_of_the_builtin_interviewer(api):
    session_id = start(api)
    answer_all(api, session_id)
    before = api.evaluation_details(session_id)["data"]
    api.generate_report(session_id)

    after = api.evaluation_details(session_id)["data"]

    assert [q["status"] for q in before["questions"]] == ["pending"] * 3
    assert before["summary"] is None
    first = after["questions"][0]
    assert first == {
        "questionIndex": 0,
        "source": "builtin",
        "model": None,
        "promptVersion": None,
        "rubricVersion": "rubric-1",
        "fallbackReason": None,
        "promptTokens": 0,
        "completionTokens": 0,
        "status": "done",
    }
    assert after["summary"]["source"] == "builtin"
    assert after["totals"] == {
        "calls": 0,
        "promptTokens": 0,
        "completionTokens": 0,
        "estimatedCost": None,
    }


@pytest.mark.parametrize("operation", ["evaluation_details", "regrade"])
@pytest.mark.parametrize(
    ("session_id", "code", "message"),
    [
        (None, 400, "会话ID不能为空"),
        ("  ", 400, "会话ID不能为空"),
        ("nope", 404, "Session not found"),
    ],
)
def test_a_missing_or_unknown_session_is_refused(api, operation, session_id, code, message):
    result = getattr(api, operation)(session_id)

    assert result == {"code": code, "message": message, "data": None}


def test_regrade_before_the_interview_ended_is_refused(api):
    session_id = start(api)

    result = api.regrade(session_id)

    assert result == {"code": 409, "message": "Interview not completed", "data": None}


def test_a_coach_regrades_a_session_under_the_current_interviewer(model, open_model_api, any_url):
    graded = InterviewAPI.from_url(
        any_url, rate_limit_per_second=None, interviewer=BuiltinInterviewer()
    )
    session_id = start(graded)
    answer_all(graded, session_id)
    before = graded.generate_report(session_id)["data"]
    graded.close()
    model.outputs["AnswerEvaluation"] = evaluation_output(95)
    api = open_model_api()

    result = api.regrade(session_id)

    data = result["data"]
    assert result["code"] == 200 and data["before"] == before
    assert data["after"]["evaluator"]["model"] == MODEL
    assert [q["score"] for q in data["after"]["questionDetails"]] == [95, 95, 95]
    old = [q["score"] for q in before["questionDetails"]]
    assert data["changes"] == [
        {"questionIndex": index, "before": score, "after": 95}
        for index, score in enumerate(old)
        if score != 95
    ]
    assert data["changes"]
    assert api.generate_report(session_id)["data"] == data["after"]
    assert model.calls("AnswerEvaluation") == 3
    assert {q["source"] for q in api.evaluation_details(session_id)["data"]["questions"]} == {
        "language-model"
    }


def test_a_completed_session_without_a_report_regrades_with_nothing_before(api):
    session_id = start(api)
    answer_all(api, session_id)

    data = api.regrade(session_id)["data"]

    assert data["before"] is None and data["changes"] == []
    assert data["after"]["answeredCount"] == 3
    assert api.get_session(session_id)["data"]["status"] == "EVALUATED"
