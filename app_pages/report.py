"""Report: the overall score, charts of the rubric, each answer with its feedback, downloads."""

import uuid
from collections.abc import Callable
from functools import partial

import streamlit as st

from app_pages import interview_views, report_views, ui

# The charts are read, not explored: no plotly toolbar.
_CHART_CONFIG = {"displayModeBar": False}
# A new id for each drawing of this page; a second click reruns with the same one, so a double
# click on "Practise again" or "Retry weak questions" makes one session.
NEXT_REQUEST_ID = "report_next_request_id"


def _bullets(items: list[str]) -> None:
    for item in items:
        st.markdown(f"- {ui.as_plain_markdown(item)}")


def _question_detail(detail: dict, reference: dict | None) -> None:
    """Everything about one question. Candidate words are shown as plain text, never markup."""
    label = report_views.question_label(detail)
    with st.expander(f"{label} · score {report_views.score_and_band(detail['score'])}"):
        st.markdown("**Question**")
        st.text(detail["question"])
        st.markdown("**Your answer**")
        st.text(detail["userAnswer"] or "Not answered.")
        for dimension in detail["dimensions"]:
            name = report_views.dimension_label(dimension["dimension"])
            st.markdown(f"**{name}**: {dimension['score']}")
            if dimension["evidence"]:
                st.text(f"“{dimension['evidence']}”")
        st.markdown("**Feedback**")
        st.text(detail["feedback"] or "")
        if reference and reference["referenceAnswer"]:
            st.markdown("**Reference answer**")
            st.text(reference["referenceAnswer"])
        if reference and reference["keyPoints"]:
            st.markdown("**Key points**")
            _bullets(reference["keyPoints"])


def _start_next_interview(request_for: Callable[[dict], dict]) -> None:
    """Create the interview `request_for` makes of this one, and go to it; errors in plain words."""
    finished = api.get_session(session_id)
    if not ui.is_ok(finished):
        st.error(ui.plain_message(finished))
        return
    request = request_for(finished["data"])
    created = api.create_session(**request, request_id=st.session_state[NEXT_REQUEST_ID])
    if not ui.is_ok(created):
        st.error(ui.plain_message(created))
        return
    next_session_id = created["data"]["sessionId"]
    ui.remember_session(next_session_id)
    ui.go_to(ui.INTERVIEW_PAGE, next_session_id)


api = ui.get_api()
session_id = ui.current_session_id()
if not session_id:
    ui.show_not_found("There is no interview to report on yet.")

result = api.generate_report(session_id)
if result["message"] == "Interview not completed":
    st.info(ui.plain_message(result))
    if st.button("Back to the interview", key="back_to_interview", type="primary"):
        ui.go_to(ui.INTERVIEW_PAGE, session_id)
    st.stop()
if not ui.is_ok(result):
    ui.show_not_found(ui.plain_message(result))
report = result["data"]
details = report["questionDetails"]
references = {r["questionIndex"]: r for r in report["referenceAnswers"]}

st.title("Your interview report")
overall, band, answered = st.columns(3)
overall.metric("Overall score", report["overallScore"])
band.metric("Band", report["band"].capitalize())
answered.metric("Answered", f"{report['answeredCount']} of {report['totalQuestions']}")
st.text(report["overallFeedback"])

radar, categories = st.columns(2)
with radar:
    st.subheader("Rubric dimensions")
    st.plotly_chart(report_views.dimension_radar(report), config=_CHART_CONFIG)
with categories:
    st.subheader("Score per category")
    st.plotly_chart(report_views.category_scores_bar(report), config=_CHART_CONFIG)
st.subheader("Score per question")
st.plotly_chart(report_views.question_scores_bar(report), config=_CHART_CONFIG)

strengths, improvements = st.columns(2)
with strengths:
    st.subheader("Strengths")
    _bullets(report["strengths"])
with improvements:
    st.subheader("To improve")
    _bullets(report["improvements"])

st.subheader("Question by question")
for detail in details:
    _question_detail(detail, references.get(detail["questionIndex"]))

st.subheader("Download")
file_stem = f"rehearse-report-{report['sessionId'][:8]}"
html, csv, raw = st.columns(3)
# The HTML carries plotly's JavaScript (megabytes): it is built only when the button is clicked.
html.download_button(
    "Report (HTML)",
    data=partial(report_views.report_html, report),
    file_name=f"{file_stem}.html",
    mime="text/html",
    key="download_html",
    icon=":material/description:",
)
csv.download_button(
    "Scores (CSV)",
    data=report_views.report_csv(report),
    file_name=f"{file_stem}.csv",
    mime="text/csv",
    key="download_csv",
    icon=":material/table:",
)
raw.download_button(
    "Report data (JSON)",
    data=report_views.report_json(report),
    file_name=f"{file_stem}.json",
    mime="application/json",
    key="download_json",
    icon=":material/data_object:",
)

if not (st.session_state.get("practise_again") or st.session_state.get("retry_weak")):
    st.session_state[NEXT_REQUEST_ID] = uuid.uuid4().hex
again, weak, new = st.columns(3)
if again.button("Practise again", key="practise_again", icon=":material/replay:", type="primary"):
    _start_next_interview(interview_views.practise_again_request)
if weak.button("Retry weak questions", key="retry_weak", icon=":material/fitness_center:"):
    _start_next_interview(partial(interview_views.retry_weak_request, report=report))
if new.button("Start a new interview", key="new_interview"):
    st.session_state.pop(ui.SESSION_ID, None)
    st.query_params.clear()
    ui.go_to(ui.START_PAGE)
