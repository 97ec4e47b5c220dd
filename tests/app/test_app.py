"""The app through app.py, as a candidate uses it: start, answer, finish, read the report."""

from app_pages import ui
from app_pages.text import Text
from tests.app.pages import captions, open_interview

EN = Text("en")

SCRIPT = "<script>alert(1)</script>"
ANSWER = (
    "I would put Redis in front of PostgreSQL as a read-through cache with a 60 second TTL, "
    "because reads outnumber writes 50 to 1; p99 latency fell from 420 ms to 35 ms."
)


def test_the_start_page_describes_the_chosen_track(app, api):
    app.run()
    app.selectbox(key="role").select("behavioural").run()
    behavioural = next(r for r in api.list_roles()["data"] if r["id"] == "behavioural")
    assert behavioural["description"] in captions(app)


def test_start_creates_a_session_and_lands_on_the_interview(app, api):
    app.run()
    app.text_input(key="candidate_name").input("Ada")
    app.number_input(key="question_count").set_value(4)
    app.button(key="start").click().run()

    assert not app.exception
    session_id = app.session_state[ui.SESSION_ID]
    assert app.query_params[ui.SESSION_QUERY_PARAM] == session_id
    assert "Question 1 of 4" in captions(app)
    session = api.get_session(session_id)["data"]
    assert session["candidateName"] == "Ada" and session["mainQuestionCount"] == 4
    assert app.subheader[0].value == ui.as_plain_markdown(session["questions"][0]["question"])


def test_one_visit_to_the_form_has_one_request_id_so_a_double_click_makes_one_session(app, api):
    app.run()
    first_visit = app.session_state["start_request_id"]
    app.button(key="start").click().run()  # no name yet: nothing is created
    app.text_input(key="candidate_name").input("Ada")
    app.button(key="start").click().run()
    session = api.create_session(
        candidate_name="Ada", role="backend", request_id=first_visit
    )  # what a second click would send
    assert session["data"]["sessionId"] == app.session_state[ui.SESSION_ID]
    assert len(api.list_sessions()["data"]) == 1

    app.switch_page(ui.START_PAGE).run()
    assert app.session_state["start_request_id"] != first_visit


def test_start_without_a_name_asks_for_one(app, api):
    app.run()
    app.button(key="start").click().run()
    assert [error.value for error in app.error] == ["Please enter your name."]
    assert api.list_sessions()["data"] == []


def test_the_session_in_the_url_resumes_with_the_saved_draft(app, api, session_id):
    api.save_answer(session_id, 0, "half an answer")
    open_interview(app, session_id)
    assert app.text_area(key="answer").value == "half an answer"
    assert "Question 1 of 3" in captions(app)


def test_typing_an_answer_saves_the_draft(app, api, session_id):
    open_interview(app, session_id)
    app.text_area(key="answer").input("I would start with").run()
    question = api.get_current_question(session_id)["data"]["question"]
    assert question["userAnswer"] == "I would start with"
    assert any(caption.startswith("Draft saved ") for caption in captions(app))


def test_submitting_moves_to_the_next_question(app, api, session_id):
    open_interview(app, session_id)
    app.text_area(key="answer").input(ANSWER)
    app.button(key="submit").click().run()
    assert api.get_current_question(session_id)["data"]["currentIndex"] == 1
    assert "Question 2 of 3" in captions(app)
    assert app.text_area(key="answer").value == ""


def test_a_follow_up_is_numbered_after_its_main_question(app, api):
    asked = ["Which cache would you use for a slow catalogue, and why?", "Next?", "Last?"]
    created = api.create_session(
        candidate_name="Ada", role="backend", custom_questions=asked, follow_up_count=1
    )
    session_id = created["data"]["sessionId"]
    open_interview(app, session_id)
    app.text_area(key="answer").input("Redis.")
    app.button(key="submit").click().run()
    assert "Follow-up to question 1 of 3" in captions(app)


def test_submitting_an_empty_answer_asks_for_one(app, api, session_id):
    open_interview(app, session_id)
    app.button(key="submit").click().run()
    assert [w.value for w in app.warning] == ["Please write an answer before submitting."]
    assert api.get_current_question(session_id)["data"]["currentIndex"] == 0


def test_an_answer_submitted_in_another_tab_shows_the_current_question(app, api, session_id):
    open_interview(app, session_id)
    api.submit_answer(session_id, 0, ANSWER)  # the other tab
    app.text_area(key="answer").input("my answer to question one")
    app.button(key="submit").click().run()
    assert EN("error.moved_on") in [warning.value for warning in app.warning]
    assert "Question 2 of 3" in captions(app)
    questions = api.get_session(session_id)["data"]["questions"]
    assert questions[0]["userAnswer"] == ANSWER and questions[1]["userAnswer"] is None


def test_finishing_early_asks_first_then_completes(app, api, session_id):
    open_interview(app, session_id)
    app.button(key="finish_early").click().run()
    assert api.get_session(session_id)["data"]["status"] == "IN_PROGRESS"
    assert app.button(key="confirm_finish")

    app.button(key="confirm_finish").click().run()
    assert api.get_session(session_id)["data"]["status"] == "EVALUATED"
    assert app.metric[0].label == "Overall score"


def test_keep_going_closes_the_confirmation(app, session_id):
    open_interview(app, session_id)
    app.button(key="finish_early").click().run()
    app.button(key="cancel_finish").click().run()
    assert not [button for button in app.button if button.key == "confirm_finish"]


def test_the_last_answer_leads_to_the_report(app, api, session_id):
    for index in range(2):
        api.submit_answer(session_id, index, ANSWER)
    open_interview(app, session_id)
    app.text_area(key="answer").input(ANSWER)
    app.button(key="submit").click().run()
    assert api.get_session(session_id)["data"]["status"] == "EVALUATED"
    assert app.title[0].value == "Your interview report"


def test_the_report_shows_the_score_and_the_answer_as_plain_text(app, api, session_id):
    answer = f"{ANSWER} {SCRIPT}"
    api.submit_answer(session_id, 0, answer)
    api.complete_early(session_id)
    report = api.generate_report(session_id)["data"]
    app.query_params[ui.SESSION_QUERY_PARAM] = session_id
    app.run()
    app.switch_page(ui.REPORT_PAGE).run()

    assert not app.exception
    assert app.metric[0].value == str(report["overallScore"])
    assert answer in [text.value for text in app.text]
    assert not [md.value for md in app.markdown if SCRIPT in md.value]
    assert app.get("download_button")


def test_the_report_of_an_unfinished_interview_says_so(app, session_id):
    app.query_params[ui.SESSION_QUERY_PARAM] = session_id
    app.run()
    app.switch_page(ui.REPORT_PAGE).run()
    assert [info.value for info in app.info] == [
        ui.plain_message({"message": "Interview not completed"})
    ]


def test_an_unknown_session_shows_not_found(app):
    open_interview(app, "no-such-session")
    assert [error.value for error in app.error] == [EN("error.not_found")]
    assert app.button(key="not_found_start")


def test_busy_submits_are_retried_with_a_notice(monkeypatch):
    monkeypatch.setattr(ui.time, "sleep", lambda seconds: None)
    replies = iter([{"code": 429}, {"code": 429}, {"code": 200}])
    waits = []
    result = ui.retry_when_busy(lambda: next(replies), waits.append)
    assert result == {"code": 200} and waits == [1, 2]


def test_busy_submits_give_up_after_three_retries(monkeypatch):
    monkeypatch.setattr(ui.time, "sleep", lambda seconds: None)
    waits = []
    result = ui.retry_when_busy(lambda: {"code": 429}, waits.append)
    assert result == {"code": 429} and waits == [1, 2, 3]
