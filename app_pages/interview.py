"""Interview: one question at a time, the draft saved as it is typed, submit, or finish early."""

from datetime import datetime

import streamlit as st

from app_pages import ui

ANSWER = "answer"
ANSWER_FOR = "interview_answer_for"  # (session id, question index) the answer box holds
DRAFT_SAVED_AT = "interview_draft_saved_at"
NOTICE = "interview_notice"  # a sentence for the next run to show, set by a callback
CONFIRMING_FINISH = "interview_confirming_finish"

# Callbacks get the question index the candidate was looking at, bound when the page was drawn,
# so an answer typed for one question is never stored against the next one.


def main_question_number(questions: list[dict], index: int) -> int:
    """1-based number of the main question at `index`, or of the one a follow-up probes."""
    return sum(1 for question in questions[: index + 1] if not question["isFollowUp"])


def save_draft(session_id: str, index: int) -> None:
    api = ui.get_api()
    current = api.get_current_question(session_id)
    if ui.is_ok(current) and current["data"]["currentIndex"] != index:
        # Another tab answered it: saving now would overwrite that submitted answer.
        st.session_state[NOTICE] = ui.MOVED_ON
        return
    saved = api.save_answer(session_id, index, st.session_state[ANSWER])
    if ui.is_ok(saved):
        st.session_state[DRAFT_SAVED_AT] = datetime.now().strftime("%H:%M:%S")
    else:
        st.session_state[NOTICE] = ui.plain_message(saved)


def submit_answer(session_id: str, index: int) -> None:
    def tell_waiting(attempt: int) -> None:
        st.toast(f"Lots of people are submitting right now; trying again ({attempt} of 3)…")

    answer = st.session_state[ANSWER]
    result = ui.retry_when_busy(
        lambda: ui.get_api().submit_answer(session_id, index, answer), tell_waiting
    )
    if not ui.is_ok(result):
        st.session_state[NOTICE] = ui.plain_message(result)


def ask_to_finish() -> None:
    st.session_state[CONFIRMING_FINISH] = True


def keep_going() -> None:
    st.session_state[CONFIRMING_FINISH] = False


def _load_answer_box(session_id: str, question: dict) -> None:
    """Fill the answer box with the saved draft when it moves to a new question."""
    here = (session_id, question["questionIndex"])
    if st.session_state.get(ANSWER_FOR) != here:
        st.session_state[ANSWER_FOR] = here
        st.session_state[ANSWER] = question["userAnswer"] or ""
        st.session_state.pop(DRAFT_SAVED_AT, None)


def _confirm_finish(session_id: str) -> None:
    st.warning("Finish now? Questions you haven't answered will score 0.")
    yes, no = st.columns(2)
    if yes.button("Yes, finish and see my report", key="confirm_finish", type="primary"):
        finished = api.complete_early(session_id)
        st.session_state[CONFIRMING_FINISH] = False
        if ui.is_ok(finished) or finished["message"] == "Interview already completed":
            ui.go_to(ui.REPORT_PAGE, session_id)
        st.error(ui.plain_message(finished))
    no.button("Keep going", key="cancel_finish", on_click=keep_going)


api = ui.get_api()
session_id = ui.current_session_id()
if not session_id:
    ui.show_not_found("There is no interview in progress.")

current = api.get_current_question(session_id)
if not ui.is_ok(current):
    ui.show_not_found(ui.plain_message(current))
if current["data"]["completed"]:
    ui.go_to(ui.REPORT_PAGE, session_id)
session = api.get_session(session_id)["data"]
question = current["data"]["question"]
index = question["questionIndex"]
number = main_question_number(session["questions"], index)

if notice := st.session_state.pop(NOTICE, None):
    st.warning(notice)

if question["isFollowUp"]:
    st.caption(f"Follow-up to question {number}")
else:
    st.caption(f"Question {number} of {session['mainQuestionCount']}")
st.subheader(ui.as_plain_markdown(question["question"]))

_load_answer_box(session_id, question)
st.text_area(
    "Your answer",
    key=ANSWER,
    height=240,
    max_chars=20_000,
    on_change=save_draft,
    args=(session_id, index),
    placeholder="Type your answer. It is saved when you click outside the box.",
)
if saved_at := st.session_state.get(DRAFT_SAVED_AT):
    st.caption(f"Draft saved {saved_at}")

submit, finish = st.columns(2)
submit.button(
    "Submit answer", key="submit", type="primary", on_click=submit_answer, args=(session_id, index)
)
finish.button("Finish early", key="finish_early", on_click=ask_to_finish)

if st.session_state.get(CONFIRMING_FINISH):
    _confirm_finish(session_id)
