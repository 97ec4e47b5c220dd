"""Progress: the candidate's past interviews, to resume or review, and their scores over time."""

from datetime import tzinfo

import streamlit as st

from app_pages import progress_views, ui

COLUMN_WIDTHS = [3, 4, 3, 2, 3]


def _sessions_table(sessions: list[dict], titles: dict, zone: tzinfo, show_names: bool) -> None:
    """A row per interview: resume an unfinished one, open a finished one's report."""
    headings = [text(f"progress.{name}") for name in ("date", "track", "status", "score")]
    for column, heading in zip(st.columns(COLUMN_WIDTHS), [*headings, ""], strict=True):
        column.caption(heading)
    for session in sessions:
        row = progress_views.session_row(session, titles, zone, text)
        date, track, status, score, action = st.columns(COLUMN_WIDTHS, vertical_alignment="center")
        date.text(row["date"])
        track.text(row["track"])
        if show_names:
            track.caption(ui.as_plain_markdown(session["candidateName"]))  # never markup
        status.text(row["status"])
        score.text(row["score"])
        session_id = session["sessionId"]
        if progress_views.is_unfinished(session):
            resume = text("progress.resume")
            if action.button(resume, key=f"progress_resume_{session_id}", type="primary"):
                ui.remember_session(session_id)
                ui.go_to(ui.INTERVIEW_PAGE, session_id)
        elif action.button(text("progress.open_report"), key=f"progress_report_{session_id}"):
            ui.go_to(ui.REPORT_PAGE, session_id)


def _trends(sessions: list[dict], zone: tzinfo) -> None:
    reports = {}
    for session in sessions:
        if session["status"] == "EVALUATED":
            stored = api.generate_report(session["sessionId"])  # the stored one, not recomputed
            if ui.is_ok(stored):
                reports[session["sessionId"]] = stored["data"]
    history = progress_views.score_history(sessions, reports, zone)
    if not progress_views.has_trend(history):
        st.info(text("progress.trends_later"))
        return
    overall = progress_views.overall_trend_figure(history, text)
    st.plotly_chart(overall, key="progress_overall_trend")
    by_dimension = progress_views.dimension_trend_figure(history, text)
    st.plotly_chart(by_dimension, key="progress_dimension_trend")


api = ui.get_api()
ui.settle_imports("pandas", "plotly.graph_objects")  # the trend charts use them
text = ui.text()
zone = progress_views.browser_timezone(st.context.timezone)

signed_in = st.user.get("is_logged_in", False)

st.title(text("progress.title"))
if signed_in:
    candidate = ui.signed_in_candidate(st.user)
    if not candidate:
        st.warning(text("progress.no_identity"))
        st.stop()
    st.caption(text("progress.signed_in_as", name=ui.as_plain_markdown(candidate)))
    listed = api.list_sessions(candidate_name=candidate)
else:
    st.info(text("progress.single_user"), icon=":material/person:")
    listed = api.list_sessions()

if not ui.is_ok(listed):
    st.error(ui.plain_message(listed))
    st.stop()
sessions = listed["data"]
if not sessions:
    st.info(text("progress.no_sessions"))
    if st.button(text("progress.start"), key="progress_start", type="primary"):
        ui.go_to(ui.START_PAGE)
    st.stop()

roles = api.list_roles()
titles = progress_views.track_titles(roles["data"] if ui.is_ok(roles) else [], text)

st.subheader(text("progress.scores_over_time"))
_trends(sessions, zone)

st.subheader(text("progress.interviews"))
_sessions_table(sessions, titles, zone, show_names=not signed_in)
