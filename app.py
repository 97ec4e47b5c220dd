"""Rehearse: page config, navigation and the shared sidebar. Each page lives in app_pages/."""

import streamlit as st

from app_pages import ui

st.set_page_config(page_title="Rehearse", page_icon=":material/record_voice_over:")

page = st.navigation(
    [
        st.Page(ui.START_PAGE, title="Start", icon=":material/play_arrow:", default=True),
        st.Page(ui.INTERVIEW_PAGE, title="Interview", icon=":material/forum:"),
        st.Page(ui.REPORT_PAGE, title="Report", icon=":material/analytics:"),
        st.Page("app_pages/progress.py", title="Progress", icon=":material/trending_up:"),
    ]
)

with st.sidebar:
    st.caption("Practise interviews one question at a time. Drafts save as you type.")
    session_id = st.session_state.get(ui.SESSION_ID)
    if session_id:
        st.page_link(
            ui.INTERVIEW_PAGE,
            label="Resume my interview",
            icon=":material/history:",
            query_params={ui.SESSION_QUERY_PARAM: session_id},
        )

page.run()
