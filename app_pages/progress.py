"""Progress: this candidate's past interviews (their browser's, or their sign-in's), to resume or
review, and their scores over time. Nobody else's interview is ever listed here."""

from datetime import tzinfo

import streamlit as st

from app_pages import identity, progress_views, times, ui

COLUMN_WIDTHS = [3, 4, 3, 2, 3]
PAGE_SIZE = 20
TRENDS_FROM = 50  # the latest reports the trend charts draw
CONFIRM_DELETE = "progress_confirm_delete"  # the row whose deletion waits for a yes


def _sessions_table(sessions: list[dict], titles: dict, zone: tzinfo) -> None:
    """A page of rows: resume an unfinished one, open a finished one's report, delete a sample.

    Widget keys carry the row's place, never a session id."""
    pages = max(1, -(-len(sessions) // PAGE_SIZE))
    page = 1
    if pages > 1:
        page = st.number_input(
            text("coach.page_of", pages=pages),
            min_value=1,
            max_value=pages,
            value=1,
            key="progress_page",
        )
    first = (int(page) - 1) * PAGE_SIZE
    headings = [text(f"progress.{name}") for name in ("date", "track", "status", "score")]
    for column, heading in zip(st.columns(COLUMN_WIDTHS), [*headings, ""], strict=True):
        column.caption(heading)
    for row_number, session in enumerate(sessions[first : first + PAGE_SIZE], start=first):
        _session_row(row_number, session, titles, zone)


def _session_row(row_number: int, session: dict, titles: dict, zone: tzinfo) -> None:
    row = progress_views.session_row(session, titles, zone, text)
    date, track, status, score, action = st.columns(COLUMN_WIDTHS, vertical_alignment="center")
    date.text(row["date"])
    track.text(row["track"])
    if session.get("isSample"):
        track.caption(text("progress.sample"))
    status.text(row["status"])
    score.text(row["score"])
    session_id = session["sessionId"]
    if progress_views.is_unfinished(session):
        if action.button(
            text("progress.resume"), key=f"progress_resume_{row_number}", type="primary"
        ):
            ui.remember_session(session_id)
            ui.go_to(ui.INTERVIEW_PAGE, session_id)
    elif action.button(text("progress.open_report"), key=f"progress_report_{row_number}"):
        ui.go_to(ui.REPORT_PAGE, session_id)
    if session.get("isSample"):
        if action.button(
            text("progress.delete_sample"), key=f"progress_delete_{row_number}", type="tertiary"
        ):
            st.session_state[CONFIRM_DELETE] = row_number
        if st.session_state.get(CONFIRM_DELETE) == row_number:
            _confirm_delete(row_number, session_id)


def _confirm_delete(row_number: int, session_id: str) -> None:
    st.warning(text("progress.confirm_delete_sample"))
    yes, no = st.columns(2)
    if yes.button(text("progress.delete_yes"), key=f"progress_delete_yes_{row_number}"):
        # Only one's own sample is offered: the list holds this viewer's sessions alone.
        api.delete_session(session_id)
        st.session_state.pop(CONFIRM_DELETE, None)
        if st.session_state.get(ui.SESSION_ID) == session_id:
            st.session_state.pop(ui.SESSION_ID, None)
        st.rerun()
    if no.button(text("progress.delete_no"), key=f"progress_delete_no_{row_number}"):
        st.session_state.pop(CONFIRM_DELETE, None)
        st.rerun()


def _trends(sessions: list[dict], zone: tzinfo) -> None:
    reports = {}
    for session in sessions:
        if session["status"] == "EVALUATED" and len(reports) < TRENDS_FROM:
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


def _private_link() -> None:
    """How this browser's interviews reach another browser: a link only they should hold."""
    with st.expander(text("progress.private_link_title"), icon=":material/key:"):
        st.caption(text("progress.private_link_help"))
        st.code(identity.private_link(st.context.url and _origin(st.context.url)), language=None)


def _origin(url: str) -> str:
    scheme, _, rest = url.partition("://")
    return f"{scheme}://{rest.split('/', 1)[0]}"


api = ui.get_api()
ui.settle_imports("pandas", "plotly.graph_objects")  # the trend charts use them
text = ui.text()
zone = times.browser_timezone(st.context.timezone)

st.title(text("progress.title"))
email = identity.signed_in_email()
if email:
    st.caption(text("progress.signed_in_as", name=ui.as_plain_markdown(email)))
else:
    st.caption(text("progress.this_browser"))
listed = api.list_sessions(owner=identity.candidate_owner())

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
_trends([s for s in sessions if not s.get("isSample")], zone)

st.subheader(text("progress.interviews"))
_sessions_table(sessions, titles, zone)
if not email:
    _private_link()
