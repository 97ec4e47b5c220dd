"""Interview: one question at a time, the draft saved as it is typed, submit, or finish early."""

import time
from datetime import datetime

import streamlit as st

from app_pages import interview_views, ui

ANSWER = "answer"
ANSWER_FOR = "interview_answer_for"  # (session id, question index) the answer box holds
DRAFT_SAVED_AT = "interview_draft_saved_at"
NOTICE = "interview_notice"  # a sentence for the next run to show, set by a callback
CONFIRMING_FINISH = "interview_confirming_finish"
TIME_LIMIT = "interview_time_limit"  # minutes, or None: the candidate's soft target per question
# When each question was first shown, by (session id, question index). It lives in this browser
# session only, so a refresh (a new Streamlit session) restarts the timer; nothing else is lost.
QUESTION_SHOWN_AT = "interview_question_shown_at"

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


def _question_shown_at(session_id: str, index: int) -> float:
    shown_at = st.session_state.setdefault(QUESTION_SHOWN_AT, {})
    return shown_at.setdefault((session_id, index), time.time())


@st.fragment(run_every=1)
def _question_timer(shown_at: float) -> None:
    """Redraws only itself each second, never the page (nor the answer box being typed in)."""
    elapsed = time.time() - shown_at
    st.caption(interview_views.timer_text(elapsed, st.session_state.get(TIME_LIMIT)))


def _answer_checklist(answer: str, question: dict, main_question: str) -> None:
    shown = interview_views.tips_shown(answer, question, main_question)
    with st.expander(f"Answer checklist · {sum(shown.values())} of {len(shown)}"):
        for tip, is_shown in shown.items():
            st.caption(f"{'✓' if is_shown else '○'} {tip}")


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

with st.sidebar:
    st.selectbox(
        "Soft time limit per question",
        interview_views.TIME_LIMITS,
        format_func=interview_views.time_limit_label,
        key=TIME_LIMIT,
        help="Only a reminder: nothing is submitted or lost when it runs out.",
    )

position, timer = st.columns([3, 2])
if question["isFollowUp"]:
    position.caption(f"Follow-up to question {number}")
else:
    position.caption(f"Question {number} of {session['mainQuestionCount']}")
with timer:
    _question_timer(_question_shown_at(session_id, index))
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
# The box sends its text on blur or Ctrl/Cmd+Enter, so the count and checklist follow then.
answer = st.session_state[ANSWER]
words, saved = st.columns(2)
words.caption(interview_views.words_label(interview_views.word_count(answer)))
if saved_at := st.session_state.get(DRAFT_SAVED_AT):
    saved.caption(f"Draft saved {saved_at}")
main_question = ""
if question["isFollowUp"]:
    main_question = session["questions"][question["parentQuestionIndex"]]["question"]
_answer_checklist(answer, question, main_question)

submit, finish = st.columns(2)
submit.button(
    "Submit answer", key="submit", type="primary", on_click=submit_answer, args=(session_id, index)
)
finish.button("Finish early", key="finish_early", on_click=ask_to_finish)

if st.session_state.get(CONFIRMING_FINISH):
    _confirm_finish(session_id)
