"""The progress page through app.py, and the pure functions behind its table and trend charts."""

import json
from datetime import UTC
from zoneinfo import ZoneInfo

import pytest
from streamlit.testing.v1 import AppTest

from app_pages import identity, progress_views, times, ui
from app_pages.text import Text
from interview.scoring.rubric import DIMENSION_NAMES
from tests.app.pages import as_candidate

EN = Text("en")

PROGRESS_PAGE = "app_pages/progress.py"
ANSWER = (
    "I would put Redis in front of PostgreSQL as a read-through cache with a 60 second TTL, "
    "because reads outnumber writes 50 to 1; p99 latency fell from 420 ms to 35 ms."
)


def open_progress(app: AppTest) -> AppTest:
    app.run()
    app.switch_page(PROGRESS_PAGE).run()
    assert not app.exception
    return app


def start(api, name: str = "Ada", owner: str | None = None) -> str:
    created = api.create_session(
        candidate_name=name, role="backend", question_count=3, follow_up_count=0, owner=owner
    )
    return created["data"]["sessionId"]


def reported(api, name: str = "Ada", answers: int = 0, owner: str | None = None) -> dict:
    """A finished interview with its report: `answers` questions answered, the rest left at 0."""
    session_id = start(api, name, owner)
    for index in range(answers):
        api.submit_answer(session_id, index, ANSWER)
    api.complete_early(session_id)
    return api.generate_report(session_id)["data"]


def plotly_spec(app: AppTest, key: str) -> dict:
    chart = next(chart for chart in app.get("plotly_chart") if chart.proto.id.endswith(key))
    return json.loads(chart.proto.spec)


def texts(app: AppTest) -> list[str]:
    return [text.value for text in app.text]


def everything_shown(app: AppTest) -> str:
    """Every value, label, caption and widget key of the page, as one string to search."""
    parts = [str(node.proto) for node in app.main] + [str(node.proto) for node in app.sidebar]
    return "\n".join(parts)


def test_no_sessions_shows_a_friendly_empty_state(app):
    open_progress(app)
    assert EN("progress.no_sessions") in [info.value for info in app.info]
    assert app.button(key="progress_start")
    assert not app.get("plotly_chart")


def test_the_empty_state_leads_to_the_start_page(app):
    open_progress(app)
    app.button(key="progress_start").click().run()
    assert app.text_input(key="candidate_name")


def test_a_candidate_sees_only_the_interviews_this_browser_started(app, api):
    mine = start(api, "Ada", owner=as_candidate(app, api))
    theirs = start(api, "Grace Hopper", owner=api.browser_owner(api.new_candidate_token()))
    nobodys = start(api, "Alan Turing")  # made through the Python API: no owner at all
    open_progress(app)

    shown = everything_shown(app)
    assert "progress_resume_0" in {button.key for button in app.button}
    assert len([b for b in app.button if b.key.startswith("progress_resume_")]) == 1
    assert "Grace" not in shown and "Alan" not in shown
    assert theirs not in shown and nobodys not in shown
    assert mine not in shown  # not even one's own session id reaches a key or the page


def test_a_name_reveals_nothing_another_ada_stays_hidden(app, api):
    start(api, "Ada", owner=api.browser_owner(api.new_candidate_token()))
    as_candidate(app, api)
    open_progress(app)
    assert EN("progress.no_sessions") in [info.value for info in app.info]


def test_another_browser_is_another_candidate(app, api):
    start(api, "Ada", owner=as_candidate(app, api))
    app.session_state[identity.CANDIDATE_TOKEN] = api.new_candidate_token()  # a new browser
    open_progress(app)
    assert EN("progress.no_sessions") in [info.value for info in app.info]


def test_a_signed_in_candidate_sees_the_sessions_of_their_sign_in(app, api):
    mine = start(api, "Ada", owner=api.user_owner("ada@example.com"))
    start(api, "Ada", owner=api.user_owner("grace@example.com"))
    start(api, "Ada", owner=as_candidate(app, api))  # this browser, before signing in
    app.user = {"is_logged_in": True, "email": "Ada@Example.com", "name": "Ada"}
    open_progress(app)
    assert len([b for b in app.button if b.key.startswith("progress_resume_")]) == 1
    app.button(key="progress_resume_0").click().run()
    assert app.query_params[ui.SESSION_QUERY_PARAM] == mine


def test_the_table_shows_track_status_and_score(app, api):
    report = reported(api, answers=1, owner=as_candidate(app, api))
    open_progress(app)
    track = next(r["title"] for r in api.list_roles()["data"] if r["id"] == "backend")
    assert {track, "Report ready", str(report["overallScore"])} <= set(texts(app))


def test_resume_opens_the_unfinished_interview(app, api):
    session_id = start(api, owner=as_candidate(app, api))
    api.save_answer(session_id, 0, "half an answer")
    open_progress(app)
    app.button(key="progress_resume_0").click().run()
    assert app.query_params[ui.SESSION_QUERY_PARAM] == session_id
    assert app.session_state[ui.SESSION_ID] == session_id
    assert app.text_area(key="answer").value == "half an answer"


def test_open_report_opens_the_finished_interviews_report(app, api):
    report = reported(api, answers=1, owner=as_candidate(app, api))
    open_progress(app)
    assert not [b for b in app.button if b.key.startswith("progress_resume_")]
    app.button(key="progress_report_0").click().run()
    assert app.query_params[ui.SESSION_QUERY_PARAM] == report["sessionId"]
    assert "download_json" in {button.key for button in app.get("download_button")}


def test_one_report_promises_trends_instead_of_an_empty_chart(app, api):
    reported(api, answers=1, owner=as_candidate(app, api))
    open_progress(app)
    assert EN("progress.trends_later") in [info.value for info in app.info]
    assert not app.get("plotly_chart")


def test_two_reports_draw_the_overall_and_dimension_trends_in_time_order(app, api):
    owner = as_candidate(app, api)
    first = reported(api, answers=1, owner=owner)
    reported(api, "Grace", answers=3, owner=api.user_owner("grace@example.com"))  # not hers
    second = reported(api, answers=0, owner=owner)
    assert first["overallScore"] > second["overallScore"]  # so the order is visible
    open_progress(app)

    overall = plotly_spec(app, "progress_overall_trend")
    assert [trace["y"] for trace in overall["data"]] == [
        [first["overallScore"], second["overallScore"]]
    ]
    dimensions = plotly_spec(app, "progress_dimension_trend")
    assert len(dimensions["data"]) == len(DIMENSION_NAMES) == 7
    relevance = {d["dimension"]: d["score"] for d in first["dimensionScores"]}["relevance"]
    assert dimensions["data"][0]["name"] == "Relevance"
    assert dimensions["data"][0]["y"][0] == relevance


def test_a_private_link_carries_this_browsers_interviews_to_another_browser(app, api):
    owner = as_candidate(app, api)
    start(api, owner=owner)
    open_progress(app)
    [link] = [code.value for code in app.code]
    token = link.rsplit("me=", 1)[1]
    assert api.browser_owner(token) == owner

    other = AppTest.from_file(app._script_path, default_timeout=30)
    other.secrets["DATABASE_URL"] = app.secrets["DATABASE_URL"]
    other.query_params[identity.PRIVATE_LINK_PARAM] = token
    open_progress(other)
    assert other.button(key="progress_resume_0")
    assert identity.PRIVATE_LINK_PARAM not in other.query_params  # gone from the address bar


# progress_views: pure functions


def session(session_id: str, status: str, created: str, completed: str | None = None) -> dict:
    return {
        "sessionId": session_id,
        "candidateName": "Ada",
        "role": "backend",
        "status": status,
        "overallScore": 70 if status == "EVALUATED" else None,
        "createdAt": created,
        "completedAt": completed,
    }


def report(overall: int, dimension_score: int) -> dict:
    return {
        "overallScore": overall,
        "dimensionScores": [{"dimension": n, "score": dimension_score} for n in DIMENSION_NAMES],
    }


@pytest.mark.parametrize(
    ("user", "candidate"),
    [
        ({"email": "ada@example.com"}, None),  # AppTest's default: not signed in
        ({"is_logged_in": False, "email": "ada@example.com"}, None),
        ({"is_logged_in": True, "email": "ada@example.com", "name": "Ada"}, "ada@example.com"),
        ({"is_logged_in": True, "name": "Ada"}, "Ada"),
        ({"is_logged_in": True}, None),
    ],
)
def test_the_signed_in_candidate_is_their_email_else_their_name(user, candidate):
    assert ui.signed_in_candidate(user) == candidate


@pytest.mark.parametrize(
    ("name", "zone"),
    [(None, UTC), ("", UTC), ("Not/AZone", UTC), ("Europe/Berlin", ZoneInfo("Europe/Berlin"))],
)
def test_times_show_in_the_browsers_timezone_or_utc(name, zone):
    assert times.browser_timezone(name) == zone


def test_a_session_row_reads_in_words():
    titles = progress_views.track_titles([{"id": "backend", "title": "Backend engineer"}], EN)
    moment = session("a", "IN_PROGRESS", "2025-05-12T22:30:00.000Z")
    row = progress_views.session_row(moment, titles, ZoneInfo("Asia/Shanghai"), EN)
    assert row == {
        "date": "13 May 2025, 06:30",
        "track": EN("track.backend"),  # the catalogue's title, in the reader's language
        "status": "In progress",
        "score": progress_views.NO_SCORE,
    }


def test_custom_and_unknown_tracks_still_have_a_title():
    titles = progress_views.track_titles([], EN)
    assert titles["custom"] == "Custom questions"
    retired = session("a", "EVALUATED", "2025-05-12T10:00:00.000Z") | {"role": "retired"}
    row = progress_views.session_row(retired, titles, UTC, EN)
    assert row["track"] == "retired" and row["score"] == "70"


@pytest.mark.parametrize(
    ("status", "unfinished"),
    [("CREATED", True), ("IN_PROGRESS", True), ("COMPLETED", False), ("EVALUATED", False)],
)
def test_only_created_and_in_progress_sessions_can_be_resumed(status, unfinished):
    assert progress_views.is_unfinished({"status": status}) is unfinished


def test_score_history_is_oldest_first_and_skips_sessions_without_a_report():
    sessions = [  # as list_sessions returns them: newest first
        session("new", "EVALUATED", "2025-05-03T10:00:00.000Z", "2025-05-03T10:30:00.000Z"),
        session("open", "IN_PROGRESS", "2025-05-02T10:00:00.000Z"),
        session("old", "EVALUATED", "2025-05-01T10:00:00.000Z", "2025-05-01T10:30:00.000Z"),
    ]
    reports = {"new": report(80, 75), "old": report(40, 35)}
    history = progress_views.score_history(sessions, reports, UTC)

    assert history[progress_views.OVERALL].tolist() == [40, 80]
    assert history["technical_depth"].tolist() == [35, 75]
    assert [moment.day for moment in history[progress_views.WHEN]] == [1, 3]
    assert progress_views.has_trend(history)
    assert not progress_views.has_trend(history.head(1))


def test_score_history_of_no_reports_is_empty_but_has_every_column():
    history = progress_views.score_history(
        [session("a", "CREATED", "2025-05-01T10:00:00Z")], {}, UTC
    )
    assert history.empty and len(history.columns) == 2 + len(DIMENSION_NAMES)


def test_the_trend_figures_draw_overall_and_one_line_per_dimension():
    sessions = [
        session("b", "EVALUATED", "2025-05-03T10:00:00.000Z", "2025-05-03T10:30:00.000Z"),
        session("a", "EVALUATED", "2025-05-01T10:00:00.000Z", "2025-05-01T10:30:00.000Z"),
    ]
    history = progress_views.score_history(
        sessions, {"a": report(40, 35), "b": report(80, 75)}, UTC
    )

    overall = progress_views.overall_trend_figure(history, EN)
    assert [list(trace.y) for trace in overall.data] == [[40, 80]]
    dimensions = progress_views.dimension_trend_figure(history, EN)
    assert [trace.name for trace in dimensions.data] == [
        EN(f"dimension.{name}") for name in DIMENSION_NAMES
    ]
    assert all(list(trace.y) == [35, 75] for trace in dimensions.data)
