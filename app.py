"""Rehearse: page config, navigation and the shared sidebar. Each page lives in app_pages/."""

import streamlit as st

from app_pages import ui

text = ui.text()
# An emoji favicon is drawn inline; a :material/: one would be fetched from Google's font servers.
st.set_page_config(page_title=text("common.app_name"), page_icon="🎤")

page = st.navigation(
    [
        st.Page(
            ui.START_PAGE, title=text("page.start"), icon=":material/play_arrow:", default=True
        ),
        st.Page(ui.INTERVIEW_PAGE, title=text("page.interview"), icon=":material/forum:"),
        st.Page(ui.REPORT_PAGE, title=text("page.report"), icon=":material/analytics:"),
        st.Page(ui.PROGRESS_PAGE, title=text("page.progress"), icon=":material/trending_up:"),
    ]
)

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

page.run()
