"""Dashboard (coaches): every session as a table a page at a time, filters, CSV export, the
cohort's figures, score distribution, candidates x dimensions, and each candidate's trend."""

from datetime import date

import streamlit as st

from app_pages import coach_views, identity, progress_views, times, ui

PAGE_SIZE = 50
CHART_CONFIG = {"displayModeBar": False}
STATUSES = ("CREATED", "IN_PROGRESS", "COMPLETED", "EVALUATED")


def _filters() -> dict:
    """The filter widgets, as InterviewAPI.coach's filters."""
    with st.expander(text("coach.filters"), expanded=True, icon=":material/filter_list:"):
        left, middle, right = st.columns(3)
        candidate = left.text_input(text("coach.filter_candidate"), key="dashboard_candidate")
        roles = middle.multiselect(
            text("coach.filter_track"), list(titles), format_func=titles.get, key="dashboard_tracks"
        )
        statuses = right.multiselect(
            text("coach.filter_status"),
            STATUSES,
            format_func=lambda status: progress_views.status_label(status, text),
            key="dashboard_statuses",
        )
        left, middle, right = st.columns(3)
        dates = left.date_input(
            text("coach.filter_dates"), value=(), key="dashboard_dates", format="YYYY-MM-DD"
        )
        low, high = middle.slider(
            text("coach.filter_scores"), 0, 100, (0, 100), key="dashboard_scores"
        )
        samples = right.toggle(text("coach.filter_samples"), key="dashboard_samples")
    filters = {"candidate": candidate, "roles": roles, "statuses": statuses, "samples": samples}
    if isinstance(dates, tuple | list) and len(dates) >= 1 and isinstance(dates[0], date):
        filters["since"] = dates[0]
        filters["until"] = dates[-1]
    if (low, high) != (0, 100):
        filters["min_score"], filters["max_score"] = low, high
    return filters


def _headline(figures: dict) -> None:
    columns = st.columns(5)
    names = ("sessions", "candidates", "finished", "meanScore", "flagged")
    for column, name in zip(columns, names, strict=True):
        value = figures[name]
        column.metric(
            text(f"coach.figure_{name}"), coach_views.NO_VALUE if value is None else value
        )


def _sessions_table(filters: dict) -> None:
    """One page of sessions; selecting a row offers its review."""
    page_count = max(1, -(-total // PAGE_SIZE))
    page = st.columns([1, 3])[0].number_input(
        text("coach.page_of", pages=page_count),
        min_value=1,
        max_value=page_count,
        value=1,
        key="dashboard_page",
    )
    listed = api.coach.sessions(filters, page=int(page) - 1, page_size=PAGE_SIZE)
    if not ui.is_ok(listed):
        st.error(ui.plain_message(listed))
        return
    rows = listed["data"]["rows"]
    frame = coach_views.sessions_frame(rows, titles, zone, text)
    st.dataframe(frame, key="dashboard_table", hide_index=True, width="stretch")
    # Pick by the row's place on this page: no session id reaches a widget or the page.
    choice = st.selectbox(
        text("coach.review_pick"),
        options=range(len(rows)),
        index=None,
        format_func=lambda i: coach_views.row_label(rows[i], titles, zone, text),
        placeholder=text("coach.review_pick_placeholder"),
        key="dashboard_review_pick",
    )
    if st.button(
        text("coach.open_review"),
        key="dashboard_open_review",
        type="primary",
        icon=":material/rate_review:",
        disabled=choice is None,
    ):
        st.session_state[ui.REVIEW_SESSION] = rows[choice]["sessionId"]
        ui.go_to(ui.REVIEW_PAGE)


def _assignments() -> None:
    """Per assignment: who has not opened it, opened, started, finished, their scores; overdue."""
    listed = api.coach.assignments()
    if not ui.is_ok(listed) or not listed["data"]:
        st.caption(text("coach.no_assignments"))
        return
    overdue = [
        (assignment, person)
        for assignment in listed["data"]
        for person in assignment["candidates"]
        if person["overdue"]
    ]
    if overdue:
        st.warning(text("coach.overdue", count=len(overdue)), icon=":material/schedule:")
        for assignment, person in overdue:
            st.markdown(
                "- "
                + text(
                    "coach.overdue_line",
                    candidate=ui.as_plain_markdown(person["candidateName"]),
                    title=ui.as_plain_markdown(assignment["title"]),
                    state=text(f"coach.state_{person['state']}"),
                )
            )
    for assignment in listed["data"]:
        counts = assignment["counts"]
        label = text(
            "coach.assignment_label",
            title=assignment["title"],
            finished=counts["finished"],
            total=len(assignment["candidates"]),
        )
        with st.expander(ui.as_plain_markdown(label)):
            st.caption(coach_views.assignment_line(assignment, zone, text))
            st.dataframe(
                coach_views.assignment_frame(assignment, zone, text),
                hide_index=True,
                width="stretch",
            )


def _export(filters: dict) -> bytes:
    exported = api.coach.export(filters, by=coach)
    return coach_views.sessions_csv(exported["data"] if ui.is_ok(exported) else [])


api = ui.get_api()
text = ui.text()
coach = identity.require_coach()
ui.settle_imports("pandas", "plotly.graph_objects")
zone = times.browser_timezone(st.context.timezone)
roles = api.list_roles()
titles = progress_views.track_titles(roles["data"] if ui.is_ok(roles) else [], text)

st.title(text("coach.dashboard_title"))
filters = _filters()
cohort = api.coach.cohort(filters)
if not ui.is_ok(cohort):
    st.error(ui.plain_message(cohort))
    st.stop()
cohort = cohort["data"]
total = cohort["figures"]["sessions"]
_headline(cohort["figures"])

st.subheader(text("coach.sessions"))
if total:
    _sessions_table(filters)
    st.download_button(
        text("coach.export_csv"),
        data=lambda: _export(filters),
        file_name="rehearse-sessions.csv",
        mime="text/csv",
        key="dashboard_export",
        on_click="ignore",
        icon=":material/table:",
    )
else:
    st.info(text("coach.no_sessions"))

st.subheader(text("coach.assignments"))
_assignments()

if cohort["scores"]:
    distribution, trend = st.columns(2)
    with distribution:
        st.subheader(text("coach.distribution"))
        st.plotly_chart(coach_views.score_histogram(cohort["scores"], text), config=CHART_CONFIG)
    with trend:
        st.subheader(text("coach.trend"))
        names = sorted(cohort["trends"], key=str.casefold)
        who = st.selectbox(text("coach.trend_candidate"), names, key="dashboard_trend_candidate")
        if who:
            figure = coach_views.trend_figure(cohort["trends"][who], zone, text)
            st.plotly_chart(figure, config=CHART_CONFIG)
    st.subheader(text("coach.heatmap"))
    shown = len(cohort["heatmap"]["candidates"])
    if shown > coach_views.HEATMAP_CANDIDATES:
        st.caption(text("coach.heatmap_cut", shown=coach_views.HEATMAP_CANDIDATES, total=shown))
    st.plotly_chart(coach_views.heatmap_figure(cohort["heatmap"], text), config=CHART_CONFIG)
