"""What a newcomer meets (issue 13), in both languages: numbering as the interview shows it,
limits that say what they are, empty states that lead on, the rubric explained."""

import pytest

from app_pages import report_views, ui
from app_pages.text import Text
from tests.app.pages import (
    CACHING_QUESTIONS,
    STRONG_CACHING_ANSWER,
    as_candidate,
    captions,
    open_interview,
    open_report,
)

EN, ZH = Text("en"), Text("zh")
TEXTS = {"en": EN, "zh": ZH}
VAGUE = "I would think about it and do what makes sense for the team."


def in_language(app, language: str):
    app.query_params[ui.LANGUAGE_QUERY_PARAM] = language
    return app


def finished_with_a_follow_up(api, owner=None) -> str:
    """Q1 with one follow-up, Q2 and Q3: five answers, as the interview numbered them."""
    created = api.create_session(
        candidate_name="Ada",
        role="custom",
        custom_questions=CACHING_QUESTIONS,
        follow_up_count=1,
        owner=owner,
    )["data"]
    session_id = created["sessionId"]
    api.submit_answer(session_id, 0, VAGUE)  # a vague answer is followed up
    state = api.get_current_question(session_id)["data"]
    assert state["question"]["isFollowUp"], "the vague answer got no follow-up"
    while not (state := api.get_current_question(session_id)["data"])["completed"]:
        api.submit_answer(session_id, state["currentIndex"], STRONG_CACHING_ANSWER)
    api.generate_report(session_id)
    return session_id


@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_report_numbers_questions_as_the_interview_showed_them(app, api, language):
    text = TEXTS[language]
    session_id = finished_with_a_follow_up(api)
    in_language(app, language)
    open_report(app, session_id)
    labels = " ".join(expander.label for expander in app.expander)
    first_follow_up = "Q1 follow\\-up" if language == "en" else "第1题追问"  # markdown-escaped
    assert first_follow_up in labels
    assert "Q4" not in labels and "第4题" not in labels  # three main questions, not five
    report = api.generate_report(session_id)["data"]
    follow_ups = sum(d["isFollowUp"] for d in report["questionDetails"])
    assert text("report.answered_of", answered=3, total=3) in [m.value for m in app.metric]
    follow_up_line = text("report.answered_follow_ups", answered=follow_ups, total=follow_ups)
    assert follow_up_line in captions(app)


def test_the_summary_names_questions_by_the_same_labels(api):
    session_id = finished_with_a_follow_up(api)
    report = api.generate_report(session_id)["data"]
    written = " ".join([report["overallFeedback"], *report["strengths"], *report["improvements"]])
    assert "Q4" not in written and "Q5" not in written
    assert "Q1 follow-up" in written or "Q1" in written


@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_report_explains_the_rubric_weights_and_bands(app, api, language):
    text = TEXTS[language]
    session_id = finished_with_a_follow_up(api)
    in_language(app, language)
    open_report(app, session_id)
    [rubric] = [e for e in app.expander if e.label == text("report.rubric_title")]
    shown = " ".join(m.value for m in rubric.markdown)
    assert "20%" in shown and text("rubric.reasoning") in shown
    assert text("band.excellent") in " ".join(c.value for c in rubric.caption)


def test_unanswered_ones_count_as_0_is_said_only_when_some_were_unanswered(api):
    session_id = finished_with_a_follow_up(api)
    assert "count as 0" not in api.generate_report(session_id)["data"]["overallFeedback"]
    created = api.create_session(
        candidate_name="Ada", role="custom", custom_questions=CACHING_QUESTIONS, follow_up_count=0
    )["data"]
    api.submit_answer(created["sessionId"], 0, STRONG_CACHING_ANSWER)
    api.complete_early(created["sessionId"])
    assert "count as 0" in api.generate_report(created["sessionId"])["data"]["overallFeedback"]


def test_the_rubric_mentions_unanswered_questions_only_when_there_are_some(api):
    all_answered = api.generate_report(finished_with_a_follow_up(api))["data"]
    assert "count as 0" not in report_views.bands_line(all_answered)
    created = api.create_session(
        candidate_name="Ada", role="custom", custom_questions=CACHING_QUESTIONS, follow_up_count=0
    )["data"]
    api.submit_answer(created["sessionId"], 0, STRONG_CACHING_ANSWER)
    api.complete_early(created["sessionId"])
    some_unanswered = api.generate_report(created["sessionId"])["data"]
    assert "count as 0" in report_views.bands_line(some_unanswered)


@pytest.mark.parametrize("language", ["en", "zh"])
def test_an_answer_of_emoji_alone_is_asked_again_in_words(app, api, session_id, language):
    in_language(app, language)
    open_interview(app, session_id)
    app.text_area(key="answer").input("👍🔥🚀").run()
    app.button(key="submit").click().run()
    assert TEXTS[language]("interview.no_words") in [w.value for w in app.warning]
    assert api.get_current_question(session_id)["data"]["currentIndex"] == 0


@pytest.mark.parametrize("language", ["en", "zh"])
def test_an_answer_over_the_limit_says_the_limit_and_stays_in_the_box(app, session_id, language):
    in_language(app, language)
    open_interview(app, session_id)
    long_answer = "word " * 4_100  # 20,500 characters
    app.text_area(key="answer").input(long_answer).run()
    text = TEXTS[language]
    assert text("interview.too_long", count="20,500", limit="20,000") in [
        e.value for e in app.error
    ]
    assert app.text_area(key="answer").value == long_answer


@pytest.mark.parametrize("language", ["en", "zh"])
def test_a_follow_up_says_of_how_many_main_questions(app, api, language):
    created = api.create_session(
        candidate_name="Ada", role="custom", custom_questions=CACHING_QUESTIONS, follow_up_count=1
    )["data"]
    api.submit_answer(created["sessionId"], 0, VAGUE)
    in_language(app, language)
    open_interview(app, created["sessionId"])
    assert TEXTS[language]("interview.follow_up_to", number=1, total=3) in captions(app)


@pytest.mark.parametrize("language", ["en", "zh"])
def test_a_bare_interview_page_is_the_start_not_an_error(app, language):
    in_language(app, language)
    app.run()
    app.switch_page(ui.INTERVIEW_PAGE).run()
    assert not app.error
    assert TEXTS[language]("interview.none_open") in [i.value for i in app.info]
    app.button(key="interview_start_new").click().run()
    assert app.text_input(key="candidate_name")


def test_a_bare_interview_page_offers_this_candidates_interview_in_progress(app, api):
    owner = as_candidate(app, api)
    mine = api.create_session(candidate_name="Ada", role="backend", owner=owner)["data"]
    app.run()
    app.switch_page(ui.INTERVIEW_PAGE).run()
    app.button(key="interview_resume_latest").click().run()
    assert app.query_params[ui.SESSION_QUERY_PARAM] == mine["sessionId"]
    assert app.text_area(key="answer")


def test_a_bare_report_page_is_not_an_error(app):
    app.run()
    app.switch_page(ui.REPORT_PAGE).run()
    assert not app.error
    assert EN("common.no_report_yet") in [i.value for i in app.info]


@pytest.mark.parametrize("language", ["en", "zh"])
def test_a_name_over_100_characters_says_so_and_does_not_start(app, api, language):
    in_language(app, language)
    app.run()
    app.text_input(key="candidate_name").input("A" * 101).run()
    text = TEXTS[language]
    assert text("error.name_too_long") in [e.value for e in app.error]
    app.button(key="start").click().run()
    assert text("start.fix_first") in [e.value for e in app.error]
    assert api.list_sessions()["data"] == []


@pytest.mark.parametrize("count", [2, 21])
def test_a_question_count_out_of_range_says_so_and_does_not_start(app, api, count):
    app.run()
    app.text_input(key="candidate_name").input("Ada").run()
    app.number_input(key="question_count").set_value(count).run()
    assert EN("start.question_count_range") in [e.value for e in app.error]
    app.button(key="start").click().run()
    assert api.list_sessions()["data"] == []


def test_an_unreadable_upload_stops_the_start_until_it_is_dealt_with(app, api):
    app.run()
    app.text_input(key="candidate_name").input("Ada").run()
    app.file_uploader(key="resume_file").upload("resume.pdf", b"not a pdf", "application/pdf").run()
    app.button(key="start").click().run()
    assert EN("start.upload_unread") in [e.value for e in app.error]
    assert api.list_sessions()["data"] == []
    app.file_uploader(key="resume_file").clear().run()
    app.button(key="start").click().run()
    assert len(api.list_sessions()["data"]) == 1
