"""Coach pages through app.py: who may open them, signing in (password and st.login), the
dashboard, a session's review with comments and score changes, calibration and the record."""

import logging

import pytest
from streamlit.testing.v1 import AppTest

from app_pages import identity, ui
from app_pages.text import Text
from tests.app.conftest import APP
from tests.app.pages import (
    CACHING_QUESTIONS,
    STRONG_CACHING_ANSWER,
    as_candidate,
    as_coach,
    open_report,
)
from tests.conftest import coach_password

EN = Text("en")
COACH_PAGES = (
    ui.DASHBOARD_PAGE,
    ui.CALIBRATION_PAGE,
    ui.ACTIVITY_PAGE,
    ui.REVIEW_PAGE,
    ui.API_TOKENS_PAGE,
)
OIDC = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "x" * 32}


def open_page(app: AppTest, page: str) -> AppTest:
    app.run()
    app.switch_page(page).run()
    assert not app.exception, app.exception
    return app


def finished(api, name: str = "Ada", owner: str | None = None, answers: int = 3) -> str:
    created = api.create_session(
        candidate_name=name,
        role="custom",
        custom_questions=CACHING_QUESTIONS[:1] * 3,
        follow_up_count=0,
        owner=owner,
    )
    session_id = created["data"]["sessionId"]
    for index in range(answers):
        api.save_answer(session_id, index, "A first draft.")
        api.submit_answer(session_id, index, STRONG_CACHING_ANSWER)
    if answers < 3:
        api.complete_early(session_id)
    api.generate_report(session_id)
    return session_id


def warnings(app: AppTest) -> list[str]:
    return [warning.value for warning in app.warning]


def shown(app: AppTest) -> str:
    return "\n".join(str(node.proto) for node in [*app.main, *app.sidebar])


def open_review(app: AppTest, session_id: str) -> AppTest:
    """The review page of a session, as the dashboard's "Open review" leaves it (AppTest keeps
    rerunning the page a test switched to, so tests that go on clicking open it directly)."""
    app.session_state[ui.REVIEW_SESSION] = session_id
    return open_page(app, ui.REVIEW_PAGE)


# --- who may open coach pages -------------------------------------------------------------------


@pytest.mark.parametrize("page", COACH_PAGES)
def test_a_visitor_who_is_no_coach_gets_no_coach_page(app, api, page):
    finished(api, "Grace Hopper", owner=api.browser_owner(api.new_candidate_token()))
    open_page(app, page)
    assert warnings(app) == [EN("coach.coaches_only")]
    assert "Grace" not in shown(app)
    assert not app.get("plotly_chart") and not app.dataframe


def test_a_candidate_cannot_review_someone_elses_session_even_knowing_its_id(app, api):
    session_id = finished(api, "Grace Hopper", owner=api.browser_owner(api.new_candidate_token()))
    as_candidate(app, api)
    app.session_state[ui.REVIEW_SESSION] = session_id  # an id learnt somehow
    open_page(app, ui.REVIEW_PAGE)
    assert warnings(app) == [EN("coach.coaches_only")]
    assert "Grace" not in shown(app) and STRONG_CACHING_ANSWER[:40] not in shown(app)


def test_the_report_offers_re_grading_to_a_coach_only(app, api):
    session_id = finished(api, owner=as_candidate(app, api))
    open_report(app, session_id)
    assert "regrade" not in {button.key for button in app.button}

    as_coach(app, api)
    app.run()
    assert "regrade" in {button.key for button in app.button}


# --- signing in with the password -----------------------------------------------------------


def test_the_right_password_signs_a_coach_in_and_opens_the_dashboard(app, api):
    password = coach_password(api, "Kim")
    finished(api, "Grace Hopper")
    open_page(app, ui.COACH_SIGN_IN_PAGE)
    app.text_input(key="coach_name").input("Kim")
    app.text_input(key="coach_password").input(password)
    app.button(key="coach_sign_in").click().run()

    assert not app.exception
    assert app.title[0].value == EN("coach.dashboard_title")
    assert app.session_state[identity.COACH] == "Kim"
    assert "Grace Hopper" in shown(app)
    signed = api.coach.history()["data"]["actions"][0]
    assert (signed["actor"], signed["action"]) == ("Kim", "sign_in")


def test_a_wrong_password_is_refused_and_logged(app, api, caplog):
    api.coach.reset_password()
    caplog.set_level(logging.WARNING, logger="interview")
    open_page(app, ui.COACH_SIGN_IN_PAGE)
    app.text_input(key="coach_password").input("not-the-password")
    app.button(key="coach_sign_in").click().run()

    assert [error.value for error in app.error] == [EN("coach.wrong_password")]
    assert identity.COACH not in app.session_state
    assert "coach sign-in failed" in caplog.text
    app.switch_page(ui.DASHBOARD_PAGE).run()
    assert warnings(app) == [EN("coach.coaches_only")]


def test_repeated_failures_make_this_browser_wait_but_never_another(app, api, database_url):
    password = coach_password(api, "Kim")
    open_page(app, ui.COACH_SIGN_IN_PAGE)
    for _ in range(5):
        app.text_input(key="coach_name").input("Kim")
        app.text_input(key="coach_password").input("wrong")
        app.button(key="coach_sign_in").click().run()
        assert [error.value for error in app.error] == [EN("coach.wrong_password")]
    app.text_input(key="coach_password").input(password)  # even the right one must wait here
    app.button(key="coach_sign_in").click().run()
    [error] = [error.value for error in app.error]
    assert error.startswith(EN("coach.too_many_attempts", seconds=2)[:20])
    assert identity.COACH not in app.session_state

    other = AppTest.from_file(str(APP), default_timeout=30)  # another browser: its own client
    other.secrets["DATABASE_URL"] = database_url
    open_page(other, ui.COACH_SIGN_IN_PAGE)
    other.text_input(key="coach_name").input("Kim")
    other.text_input(key="coach_password").input(password)
    other.button(key="coach_sign_in").click().run()
    assert not other.error and other.session_state[identity.COACH] == "Kim"


def test_signing_out_ends_the_coachs_sign_in_everywhere(app, api):
    as_coach(app, api)
    token = app.session_state[identity.COACH_TOKEN]
    open_page(app, ui.DASHBOARD_PAGE)
    app.sidebar.button(key="coach_sign_out").click().run()
    assert api.coach.coach_for_token(token)["code"] == 401
    app.switch_page(ui.DASHBOARD_PAGE).run()
    assert warnings(app) == [EN("coach.coaches_only")]


# --- signing in through st.login ----------------------------------------------------------------


def test_a_listed_e_mail_signed_in_through_the_app_is_a_coach(app, api):
    app.secrets["auth"] = OIDC
    app.secrets["COACH_EMAILS"] = "kim@school.example, lee@school.example"
    app.user = {"is_logged_in": True, "email": "Kim@School.example"}
    finished(api, "Grace Hopper")
    open_page(app, ui.DASHBOARD_PAGE)
    assert app.title[0].value == EN("coach.dashboard_title")
    assert "Grace Hopper" in shown(app)
    app.run()  # the sign-in is recorded once per browser session, not on every run
    sign_ins = [a for a in api.coach.history()["data"]["actions"] if a["action"] == "sign_in"]
    assert [a["actor"] for a in sign_ins] == ["Kim@School.example"]


def test_an_e_mail_not_on_the_list_is_no_coach(app, api):
    app.secrets["auth"] = OIDC
    app.secrets["COACH_EMAILS"] = "kim@school.example"
    app.user = {"is_logged_in": True, "email": "ada@example.com"}
    open_page(app, ui.DASHBOARD_PAGE)
    assert warnings(app) == [EN("coach.coaches_only")]
    app.switch_page(ui.COACH_SIGN_IN_PAGE).run()
    email = ui.as_plain_markdown("ada@example.com")  # an address shown is never a link
    assert EN("coach.not_a_coach", email=email) in warnings(app)


# --- the dashboard ----------------------------------------------------------------------------


def test_the_dashboard_lists_every_candidate_and_filters_them(app, api):
    finished(api, "Ada Lovelace", owner=api.browser_owner(api.new_candidate_token()))
    finished(api, "Grace Hopper", owner=api.browser_owner(api.new_candidate_token()), answers=1)
    as_coach(app, api)
    open_page(app, ui.DASHBOARD_PAGE)
    [table] = app.dataframe
    assert set(table.value[EN("coach.column_candidate")]) == {"Ada Lovelace", "Grace Hopper"}
    assert [m.value for m in app.metric][:3] == ["2", "2", "2"]  # sessions, candidates, finished

    app.text_input(key="dashboard_candidate").input("grace").run()
    [table] = app.dataframe
    assert list(table.value[EN("coach.column_candidate")]) == ["Grace Hopper"]


def test_the_csv_export_is_recorded_as_the_coachs_action(app, api):
    finished(api, "=HYPERLINK(1)")
    coach = as_coach(app, api)
    open_page(app, ui.DASHBOARD_PAGE)
    exported = api.coach.export({}, by=coach)["data"]
    assert [row["candidateName"] for row in exported] == ["=HYPERLINK(1)"]
    actions = [a["action"] for a in api.coach.history()["data"]["actions"]]
    assert "export" in actions


# --- a session's review ---------------------------------------------------------------------------


def test_the_dashboard_opens_a_sessions_review_by_its_row(app, api):
    session_id = finished(api, "Ada Lovelace")
    as_coach(app, api)
    open_page(app, ui.DASHBOARD_PAGE)
    assert session_id not in shown(app)  # rows are picked by their place on the page
    app.selectbox(key="dashboard_review_pick").set_value(0).run()
    app.button(key="dashboard_open_review").click().run()
    assert not app.exception
    assert app.title[0].value == EN("review.title", candidate="Ada Lovelace")


def test_the_review_shows_the_transcript_revisions_and_time_per_question(app, api):
    session_id = finished(api, "Ada Lovelace")
    as_coach(app, api)
    open_review(app, session_id)

    subheaders = [h.value for h in app.subheader]
    assert EN("coach.question_label", number=1, total=3) in subheaders
    assert EN("review.revisions", count=2) in [e.label for e in app.expander]
    assert any(code.value.startswith("- ") or "+ " in code.value for code in app.code)
    assert any(c.value.startswith(EN("review.time_spent", duration="")[:10]) for c in app.caption)
    views = [a for a in api.coach.history()["data"]["actions"] if a["action"] == "view"]
    assert len(views) == 1


def test_a_score_override_recomputes_the_report_and_the_candidate_sees_it(app, api):
    owner = api.browser_owner(api.new_candidate_token())
    session_id = finished(api, "Ada Lovelace", owner=owner)
    before = api.generate_report(session_id)["data"]
    coach = as_coach(app, api)
    open_review(app, session_id)
    app.selectbox(key="review_dimension_0").set_value("impact")
    app.number_input(key="review_score_0").set_value(5)
    app.text_input(key="review_reason_0").input("The numbers are not the candidate's own.")
    app.button(key="review_override_0").click().run()
    assert not app.exception
    assert EN("review.override_saved") in [s.value for s in app.success]

    after = api.generate_report(session_id)["data"]
    first = after["questionDetails"][0]
    impact = next(d for d in first["dimensions"] if d["dimension"] == "impact")
    assert impact["score"] == 5 and impact["aiScore"] == next(
        d["score"] for d in before["questionDetails"][0]["dimensions"] if d["dimension"] == "impact"
    )
    assert after["coachReview"]["aiOverallScore"] == before["overallScore"]
    assert after["overallScore"] < before["overallScore"]
    last = api.coach.history()["data"]["actions"][0]
    assert (last["actor"], last["action"], last["detail"]["new"]) == (coach, "override", 5)

    candidate = AppTest.from_file(app._script_path, default_timeout=30)
    candidate.secrets["DATABASE_URL"] = app.secrets["DATABASE_URL"]
    open_report(candidate, session_id)
    assert f"**{EN('report.coach_review')}**" in [m.value for m in candidate.markdown]
    notes = [t.value for t in candidate.text]
    assert any("The numbers are not the candidate's own." in note for note in notes)
    assert candidate.metric[0].value == str(after["overallScore"])


def test_a_comment_on_an_answer_and_on_the_session_reach_the_candidates_report(app, api):
    session_id = finished(api, "Ada Lovelace")
    as_coach(app, api)
    open_review(app, session_id)
    app.text_area(key="review_session_comment").input("Strong on caching; practise stories.")
    app.button(key="review_add_session_comment").click().run()
    app.text_area(key="review_comment_1").input("Say which metric you watched.")
    app.button(key="review_add_comment_1").click().run()
    assert not app.exception

    review = api.generate_report(session_id)["data"]["coachReview"]
    assert [c["body"] for c in review["comments"]] == ["Strong on caching; practise stories."]
    [question] = review["questions"]
    assert question["questionIndex"] == 1
    assert [c["body"] for c in question["comments"]] == ["Say which metric you watched."]


def test_an_empty_override_reason_is_refused_with_a_message(app, api):
    session_id = finished(api, "Ada Lovelace")
    as_coach(app, api)
    open_review(app, session_id)
    app.button(key="review_override_0").click().run()
    assert [e.value for e in app.error] == [EN("review.invalid", message="reason is required")]


# --- calibration and the record -------------------------------------------------------------------


def test_calibration_compares_the_ai_with_the_coaches_on_known_data(app, api):
    session_id = finished(api, "Ada Lovelace")
    coach = as_coach(app, api)
    report = api.generate_report(session_id)["data"]
    ai = {d["dimension"]: d["score"] for d in report["questionDetails"][0]["dimensions"]}
    api.coach.override_score(session_id, 0, "impact", 10, "too generous", by=coach)
    api.coach.override_score(session_id, 1, "impact", 20, "too generous", by=coach)
    open_page(app, ui.CALIBRATION_PAGE)

    [table] = app.dataframe
    row = table.value[table.value[EN("coach.column_dimension")] == EN("dimension.impact")]
    second = {d["dimension"]: d["score"] for d in report["questionDetails"][1]["dimensions"]}
    expected = round((abs(ai["impact"] - 10) + abs(second["impact"] - 20)) / 2, 1)
    assert row[EN("coach.column_mad")].tolist() == [f"{expected:.1f}"]
    assert row[EN("coach.column_pairs")].tolist() == [2]


def test_the_activity_page_lists_what_coaches_did(app, api):
    session_id = finished(api, "Ada Lovelace")
    coach = as_coach(app, api)
    api.coach.add_comment(session_id, None, "Well done.", by=coach)
    api.regrade(session_id, by=coach)
    api.delete_session(session_id, by=coach)
    open_page(app, ui.ACTIVITY_PAGE)
    [table] = app.dataframe
    what = list(table.value[EN("activity.column_what")])
    assert what[:3] == [
        EN("activity.action_delete"),
        EN("activity.action_regrade"),
        EN("activity.action_comment"),
    ]
    assert list(table.value[EN("activity.column_who")])[:3] == [coach] * 3
