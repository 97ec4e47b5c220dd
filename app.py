"""Rehearse: page config, navigation and the shared sidebar. Each page lives in app_pages/."""

import streamlit as st

from app_pages import identity, ui

text = ui.text()
# An emoji favicon is drawn inline; a :material/: one would be fetched from Google's font servers.
st.set_page_config(page_title=text("common.app_name"), page_icon="🎤")
ui.open_api_or_stop()  # a database that can't be opened is a sentence, not a traceback

coach = identity.current_coach()
# Coach pages are registered for everyone (each checks: identity.require_coach) but listed only
# for a signed-in coach; the review is opened from the dashboard, never from a menu.
listed_for_coach = "visible" if coach else "hidden"
page = st.navigation(
    {
        "": [
            st.Page(
                ui.START_PAGE, title=text("page.start"), icon=":material/play_arrow:", default=True
            ),
            st.Page(ui.INTERVIEW_PAGE, title=text("page.interview"), icon=":material/forum:"),
            st.Page(ui.REPORT_PAGE, title=text("page.report"), icon=":material/analytics:"),
            st.Page(ui.PROGRESS_PAGE, title=text("page.progress"), icon=":material/trending_up:"),
            st.Page(
                ui.ASSIGNMENT_PAGE,
                title=text("page.assignment"),
                icon=":material/assignment:",
                visibility="hidden",  # opened from a coach's link
            ),
        ],
        text("page.coach_section"): [
            st.Page(
                ui.COACH_SIGN_IN_PAGE,
                title=text("page.coach_sign_in"),
                icon=":material/badge:",
                visibility="hidden" if coach else "visible",
            ),
            st.Page(
                ui.DASHBOARD_PAGE,
                title=text("page.dashboard"),
                icon=":material/groups:",
                visibility=listed_for_coach,
            ),
            st.Page(
                ui.QUESTION_SETS_PAGE,
                title=text("page.question_sets"),
                icon=":material/quiz:",
                visibility=listed_for_coach,
            ),
            st.Page(
                ui.CALIBRATION_PAGE,
                title=text("page.calibration"),
                icon=":material/balance:",
                visibility=listed_for_coach,
            ),
            st.Page(
                ui.ACTIVITY_PAGE,
                title=text("page.activity"),
                icon=":material/history_edu:",
                visibility=listed_for_coach,
            ),
            st.Page(
                ui.API_TOKENS_PAGE,
                title=text("page.api_tokens"),
                icon=":material/key:",
                visibility=listed_for_coach,
            ),
            st.Page(
                ui.COACHES_PAGE,
                title=text("page.coaches"),
                icon=":material/manage_accounts:",
                visibility=listed_for_coach,
            ),
            st.Page(
                ui.REVIEW_PAGE,
                title=text("page.review"),
                icon=":material/rate_review:",
                visibility="hidden",
            ),
        ],
    }
)

# A table of nine columns and a heatmap need the room; a page of prose reads best narrow. Set
# on every run: a page's layout is otherwise inherited from the page before it.
WIDE_PAGES = {ui.DASHBOARD_PAGE, ui.CALIBRATION_PAGE, ui.ACTIVITY_PAGE, ui.QUESTION_SETS_PAGE}
wide = any(page.url_path == ui.page_path(name) for name in WIDE_PAGES)
st.set_page_config(layout="wide" if wide else "centered")

with st.sidebar:
    ui.language_picker()
    st.caption(text("common.tagline"))
    interviewer = ui.get_api().interviewer_info
    if interviewer["model"]:
        st.caption(
            text("common.interviewer_model", model=ui.as_plain_markdown(interviewer["model"]))
        )
    else:
        st.caption(text("common.interviewer_builtin"))
    session_id = st.session_state.get(ui.SESSION_ID)
    if session_id:
        st.page_link(
            ui.INTERVIEW_PAGE,
            label=text("common.resume_interview"),
            icon=":material/history:",
            query_params={
                ui.SESSION_QUERY_PARAM: session_id,
                ui.LANGUAGE_QUERY_PARAM: ui.language(),
            },
        )
    identity.account_controls(coach)
    identity.keep_cookies()

page.run()
