"""Activity (coaches): the record of every coach action, newest first: who, when, what."""

import streamlit as st

from app_pages import coach_views, identity, times, ui

PAGE_SIZE = 50

api = ui.get_api()
text = ui.text()
coach = identity.require_coach()
ui.settle_imports("pandas")
zone = times.browser_timezone(st.context.timezone)

st.title(text("activity.title"))
st.write(text("activity.intro"))
first = api.coach.history(page=0, page_size=1)
total = first["data"]["total"] if ui.is_ok(first) else 0
if not total:
    st.info(text("activity.nothing_yet"))
    st.stop()
pages = max(1, -(-total // PAGE_SIZE))
page = st.columns([1, 3])[0].number_input(
    text("coach.page_of", pages=pages), min_value=1, max_value=pages, value=1, key="activity_page"
)
history = api.coach.history(page=int(page) - 1, page_size=PAGE_SIZE)
if not ui.is_ok(history):
    st.error(ui.plain_message(history))
    st.stop()
st.dataframe(
    coach_views.activity_frame(history["data"]["actions"], zone, text),
    hide_index=True,
    width="stretch",
)
