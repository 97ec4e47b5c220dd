"""The pages with a language model configured (the scripted OpenAI-protocol server on 127.0.0.1,
through the real openai client), and what they say on the built-in interviewer."""

import pytest

from app_pages.text import Text
from tests.app.pages import (
    STRONG_CACHING_ANSWER,
    as_coach,
    captions,
    open_interview,
    open_report,
)
from tests.conftest import STREAMED, TRANSCRIPT, model_environment

EN = Text("en")
STREAMED_FOLLOW_UP = "What would you measure first, and why?"


@pytest.fixture
def with_model(model, monkeypatch):
    """The app's engine (built from the environment by ui.get_api) talks to the scripted model."""
    for name, value in model_environment(model.server).items():
        monkeypatch.setenv(name, value)
    return model


def expander_texts(app, label: str) -> list[str]:
    [expander] = [e for e in app.expander if e.label == label]
    return [element.value for element in expander.caption]


def test_the_sidebar_says_the_built_in_interviewer_is_on(app):
    app.run()
    assert EN("common.interviewer_builtin") in [c.value for c in app.sidebar.caption]


def test_the_sidebar_names_the_model(app, with_model):
    app.run()
    expected = EN("common.interviewer_model", model="test\\-model")
    assert expected in [c.value for c in app.sidebar.caption]


def test_without_transcription_there_is_no_recorder(app, session_id):
    open_interview(app, session_id)
    assert not app.exception
    assert EN("interview.voice_title") not in [expander.label for expander in app.expander]
    assert not app.get("audio_input")


def test_a_recorded_answer_is_transcribed_into_the_box_and_saved(app, api, with_model):
    session_id = api.create_session(
        candidate_name="Ada", role="backend", question_count=3, follow_up_count=0
    )["data"]["sessionId"]
    open_interview(app, session_id)
    app.text_area(key="answer").input("I typed this first.").run()
    app.get("audio_input")[0].set_value(("answer.wav", b"RIFF....WAVEfmt ", "audio/wav")).run()

    assert not app.exception
    expected = f"I typed this first.\n{TRANSCRIPT}"
    assert app.text_area(key="answer").value == expected
    assert api.get_session(session_id)["data"]["questions"][0]["userAnswer"] == expected
    assert with_model.calls("transcription") == 1


def test_a_model_follow_up_is_streamed_then_asked(app, api, with_model):
    with_model.outputs[STREAMED] = ["What would you ", "measure first, ", "and why?"]
    session_id = api.create_session(
        candidate_name="Ada", role="backend", question_count=3, follow_up_count=1
    )["data"]["sessionId"]
    open_interview(app, session_id)
    app.text_area(key="answer").input(STRONG_CACHING_ANSWER)
    app.button(key="submit").click().run()

    assert not app.exception
    assert EN("interview.follow_up_to", number=1, total=3) in captions(app)
    assert app.subheader[0].value.replace("\\", "") == STREAMED_FOLLOW_UP
    stored = api.get_session(session_id)["data"]["questions"]
    assert stored[0]["userAnswer"] == STRONG_CACHING_ANSWER
    assert stored[1]["isFollowUp"] and stored[1]["question"] == STREAMED_FOLLOW_UP


def finished_with_model(api, model_api_answers: int = 2) -> str:
    session_id = api.create_session(
        candidate_name="Ada", role="backend", question_count=3, follow_up_count=0
    )["data"]["sessionId"]
    for index in range(model_api_answers):
        api.submit_answer(session_id, index, STRONG_CACHING_ANSWER)
    api.complete_early(session_id)
    return session_id


def test_the_report_says_who_scored_it_and_what_the_model_cost(app, with_model):
    app.run()  # builds the app's engine, with the model, on the test database
    from app_pages import ui

    api = ui.get_api()
    session_id = finished_with_model(api)
    open_report(app, session_id)

    assert not app.exception
    scoring = expander_texts(app, EN("report.scoring"))
    assert scoring[0].startswith("Scored by the language model test\\-model")
    assert any(line.startswith("Language model use:") for line in scoring)


def test_a_question_the_model_could_not_score_is_marked(app, with_model):
    with_model.failing.add("AnswerEvaluation")
    app.run()
    from app_pages import ui

    session_id = finished_with_model(ui.get_api(), model_api_answers=1)
    open_report(app, session_id)

    assert not app.exception
    scoring = expander_texts(app, EN("report.scoring"))
    assert any("couldn't be used: Q1" in line for line in scoring)
    first_card = app.expander[0]
    assert any(c.value.startswith("Scored by the built-in evaluator") for c in first_card.caption)


def test_regrading_reports_what_changed(app, with_model):
    app.run()
    from app_pages import ui

    as_coach(app, ui.get_api())  # re-grading is a coach's action
    session_id = finished_with_model(ui.get_api(), model_api_answers=1)
    open_report(app, session_id)
    app.button(key="regrade").click().run()

    assert not app.exception
    assert [info.value for info in app.info] == [EN("report.regrade_same")]


def test_the_interview_says_when_the_bank_stood_in_for_the_model(app, with_model):
    with_model.failing.add("TailoredQuestions")
    app.run()
    from app_pages import ui

    created = ui.get_api().create_session(
        candidate_name="Ada", role="backend", question_count=3, job_description="Go and Kafka."
    )
    open_interview(app, created["data"]["sessionId"])

    assert not app.exception
    assert EN("interview.bank_fallback") in captions(app)


def test_bank_questions_chosen_on_purpose_carry_no_notice(app, session_id):
    open_interview(app, session_id)
    assert EN("interview.bank_fallback") not in captions(app)
