"""The one-click demo: "See a sample" makes a finished, reviewed interview and opens its report."""

import pytest
from streamlit.testing.v1 import AppTest

from app_pages import ui
from app_pages.text import Text
from tests.app.pages import as_candidate, as_coach

EN, ZH = Text("en"), Text("zh")


def see_sample(app: AppTest, language: str = "en") -> str:
    app.query_params[ui.LANGUAGE_QUERY_PARAM] = language
    app.run()
    app.button(key="see_sample").click().run()
    assert not app.exception, app.exception
    return app.query_params[ui.SESSION_QUERY_PARAM]


@pytest.mark.parametrize(("language", "text"), [("en", EN), ("zh", ZH)])
def test_see_a_sample_opens_a_finished_reviewed_report_without_typing(app, api, language, text):
    owner = as_candidate(app, api)
    session_id = see_sample(app, language)

    assert app.title[0].value == text("report.title")
    assert text("report.sample_note") in [info.value for info in app.info]
    report = api.generate_report(session_id)["data"]
    assert report["answeredCount"] == report["totalQuestions"] == 6
    assert any(detail["isFollowUp"] for detail in report["questionDetails"])
    review = report["coachReview"]
    assert review["comments"] and any(q["overrides"] for q in review["questions"])
    assert report["overallScore"] != review["aiOverallScore"]
    assert api.session_access(session_id)["data"] == {"owner": owner, "isSample": True}


def test_the_sample_opens_the_coach_view_read_only_for_whoever_made_it(app, api):
    as_candidate(app, api)
    see_sample(app)
    app.button(key="coach_view").click().run()
    assert not app.exception
    assert EN("review.sample_read_only") in [info.value for info in app.info]
    keys = {button.key for button in app.button}
    assert not {key for key in keys if key.startswith(("review_override", "review_add"))}
    assert "review_delete" not in keys
    assert any(
        expander.label.startswith(EN("review.revisions", count=2)[:8]) for expander in app.expander
    )


def test_someone_elses_sample_gets_no_coach_view(app, api):
    session_id = api.create_sample("en", owner=api.browser_owner(api.new_candidate_token()))
    session_id = session_id["data"]["sessionId"]
    as_candidate(app, api)
    app.query_params[ui.SESSION_QUERY_PARAM] = session_id  # the link still opens the report
    app.run()
    app.switch_page(ui.REPORT_PAGE).run()
    assert "coach_view" not in {button.key for button in app.button}
    app.session_state[ui.REVIEW_SESSION] = session_id
    app.switch_page(ui.REVIEW_PAGE).run()
    assert [w.value for w in app.warning] == [EN("coach.coaches_only")]


def test_progress_lists_the_sample_marked_and_it_can_be_deleted(app, api):
    as_candidate(app, api)
    session_id = see_sample(app)
    app.switch_page(ui.PROGRESS_PAGE).run()
    assert EN("progress.sample") in [caption.value for caption in app.caption]
    app.button(key="progress_delete_0").click().run()
    app.button(key="progress_delete_yes_0").click().run()
    assert api.get_session(session_id)["code"] == 404
    assert EN("progress.no_sessions") in [info.value for info in app.info]


def test_coaches_see_samples_only_when_they_ask_to(app, api):
    api.create_sample("en", owner=api.browser_owner(api.new_candidate_token()))
    as_coach(app, api)
    app.run()
    app.switch_page(ui.DASHBOARD_PAGE).run()
    assert EN("coach.no_sessions") in [info.value for info in app.info]
    app.toggle(key="dashboard_samples").set_value(True).run()
    [table] = app.dataframe
    [candidate] = table.value[EN("coach.column_candidate")]
    assert candidate.endswith(f"({EN('coach.sample_mark')})")
