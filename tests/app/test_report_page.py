"""The report page through app.py: its three charts and its three downloads."""

import json

from streamlit.testing.v1 import AppTest

from app_pages import report_views
from interview.scoring.rubric import DIMENSION_NAMES
from tests.app.pages import CACHING_QUESTIONS as QUESTIONS
from tests.app.pages import STRONG_CACHING_ANSWER as STRONG
from tests.app.pages import open_report

WEAK = "I don't know."


def finished_session(api) -> str:
    """Three custom questions: a strong answer, a weak one, and one left unanswered."""
    created = api.create_session(
        candidate_name="Ada", role="backend", custom_questions=QUESTIONS, follow_up_count=0
    )
    session_id = created["data"]["sessionId"]
    api.submit_answer(session_id, 0, STRONG)
    api.submit_answer(session_id, 1, WEAK)
    api.complete_early(session_id)
    return session_id


def chart_specs(app: AppTest) -> dict[str, dict]:
    """Each plotly chart's figure, by the type of its first trace (bars told apart by direction)."""
    specs = {}
    for chart in app.get("plotly_chart"):
        figure = json.loads(chart.proto.spec)
        trace = figure["data"][0]
        specs[trace["type"] + trace.get("orientation", "")] = figure
    return specs


def test_the_report_page_draws_the_three_charts_and_offers_four_downloads(app, api):
    session_id = finished_session(api)
    report = api.generate_report(session_id)["data"]
    open_report(app, session_id)

    assert not app.exception
    specs = chart_specs(app)
    assert set(specs) == {"scatterpolar", "bar", "barh"}
    radar = specs["scatterpolar"]["data"][0]
    labels = [label.replace("<br>", " ") for label in radar["theta"]]
    assert labels == [report_views.dimension_label(name) for name in DIMENSION_NAMES]
    assert radar["r"] == [d["score"] for d in report["dimensionScores"]]
    per_question = specs["bar"]["data"][0]
    scores = [d["score"] for d in report["questionDetails"]]
    assert per_question["y"] == scores
    assert per_question["marker"]["color"] == [report_views.band_colour(s) for s in scores]
    assert len(set(per_question["marker"]["color"])) > 1  # the strong and the weak answer differ
    per_category = specs["barh"]["data"][0]
    assert per_category["y"] == [c["category"] for c in report["categoryScores"]]

    downloads = {button.key for button in app.get("download_button")}
    assert downloads == {"download_html", "download_pdf", "download_csv", "download_json"}
