"""Report: the overall score, a score per question, and each answer with its feedback."""

import json

import pandas as pd
import streamlit as st

from app_pages import ui


def _label(detail: dict) -> str:
    """Q1, Q2… by position, as the report's own feedback numbers them."""
    label = f"Q{detail['questionIndex'] + 1}"
    if detail["isFollowUp"]:
        label += f" (follow-up to Q{detail['parentQuestionIndex'] + 1})"
    return label


def _score_table(details: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Question": [_label(d) for d in details],
            "Category": [d["category"] for d in details],
            "Score": [d["score"] for d in details],
            "Asked": [d["question"] for d in details],
        }
    )


def _bullets(items: list[str]) -> None:
    for item in items:
        st.markdown(f"- {ui.as_plain_markdown(item)}")


def _question_detail(detail: dict, label: str, reference: dict | None) -> None:
    """Everything about one question. Candidate words are shown as plain text, never markup."""
    with st.expander(f"{label} · score {detail['score']}"):
        st.markdown("**Question**")
        st.text(detail["question"])
        st.markdown("**Your answer**")
        st.text(detail["userAnswer"] or "Not answered.")
        for dimension in detail["dimensions"]:
            name = dimension["dimension"].replace("_", " ").capitalize()
            st.markdown(f"**{name}**: {dimension['score']}")
            if dimension["evidence"]:
                st.text(f"“{dimension['evidence']}”")
        st.markdown("**Feedback**")
        st.text(detail["feedback"] or "")
        if reference:
            st.markdown("**Reference answer**")
            st.text(reference["referenceAnswer"])
            st.markdown("**Key points**")
            _bullets(reference["keyPoints"])


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

st.subheader("Score per question")
st.dataframe(_score_table(details), hide_index=True)

strengths, improvements = st.columns(2)
with strengths:
    st.subheader("Strengths")
    _bullets(report["strengths"])
with improvements:
    st.subheader("To improve")
    _bullets(report["improvements"])

st.subheader("Question by question")
for detail in details:
    _question_detail(detail, _label(detail), references.get(detail["questionIndex"]))

st.download_button(
    "Download report (JSON)",
    data=json.dumps(report, ensure_ascii=False, indent=2),
    file_name=f"rehearse-report-{report['sessionId'][:8]}.json",
    mime="application/json",
    key="download_json",
)
if st.button("Start a new interview", key="new_interview"):
    st.session_state.pop(ui.SESSION_ID, None)
    st.query_params.clear()
    ui.go_to(ui.START_PAGE)
