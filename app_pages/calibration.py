"""Calibration (coaches): how far the AI's scores are from the coaches' overrides, per rubric
dimension and over time, and the questions where they disagree most."""

import streamlit as st

from app_pages import coach_views, identity, report_views, ui

CHART_CONFIG = {"displayModeBar": False}

api = ui.get_api()
text = ui.text()
coach = identity.require_coach()
ui.settle_imports("pandas", "plotly.graph_objects")

st.title(text("calibration.title"))
st.write(text("calibration.intro"))
figures = api.coach.calibration()
if not ui.is_ok(figures):
    st.error(ui.plain_message(figures))
    st.stop()
figures = figures["data"]
if not figures["pairs"]:
    st.info(text("calibration.no_overrides"))
    st.stop()

st.metric(text("calibration.pairs"), figures["pairs"])
st.subheader(text("calibration.by_dimension"))
st.dataframe(coach_views.calibration_frame(figures, text), hide_index=True, width="stretch")
st.caption(text("calibration.how_to_read"))

st.subheader(text("calibration.over_time"))
st.plotly_chart(coach_views.calibration_trend(figures["months"], text), config=CHART_CONFIG)

st.subheader(text("calibration.disagreements"))
for position, item in enumerate(figures["disagreements"]):
    with st.container(border=True):
        st.markdown(
            f"**{ui.as_plain_markdown(item['candidateName'])}** · "
            + text("calibration.change", change=f"{item['change']:+}")
        )
        st.text(item["question"])
        for change in item["dimensions"]:
            st.caption(
                text(
                    "calibration.dimension_change",
                    dimension=report_views.dimension_label(change["dimension"], text),
                    ai=change["aiScore"],
                    coach=change["coachScore"],
                )
            )
            st.text(change["reason"])
        if st.button(text("coach.open_review"), key=f"calibration_review_{position}"):
            st.session_state[ui.REVIEW_SESSION] = item["sessionId"]
            ui.go_to(ui.REVIEW_PAGE)
