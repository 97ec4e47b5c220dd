"""Interview: one question at a time, the draft saved as it is typed, submit, or finish early."""

import time
from datetime import datetime

import streamlit as st

from app_pages import identity, interview_views, times, ui

ANSWER = "answer"
ANSWER_FOR = "interview_answer_for"  # (session id, question index) the answer box holds
DRAFT_SAVED_AT = "interview_draft_saved_at"  # "HH:MM:SS" of the last save, or RESTORED
RESTORED = "restored"
NOTICE = "interview_notice"  # a sentence for the next run to show, set by a callback
CONFIRMING_FINISH = "interview_confirming_finish"
TIME_LIMIT = "interview_time_limit"  # minutes, or None: the candidate's soft target per question
# When each question was first shown, by (session id, question index). It lives in this browser
# session only, so a refresh (a new Streamlit session) restarts the timer; nothing else is lost.
QUESTION_SHOWN_AT = "interview_question_shown_at"
VOICE = "voice_answer"  # the recorder
CONTEXTS = "interview_contexts"  # session id -> its session_context (asked once per tab)
# A submit waiting for this run to send it, so a model's follow-up can stream into the page:
# (session id, question index, answer).
PENDING_SUBMIT = "interview_pending_submit"

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
        st.session_state[NOTICE] = "error.moved_on"
        return
    saved = api.save_answer(session_id, index, st.session_state[ANSWER])
    if ui.is_ok(saved):
        st.session_state[DRAFT_SAVED_AT] = datetime.now().strftime("%H:%M:%S")
    else:
        st.session_state[NOTICE] = ui.message_key(saved)


def _tell_waiting(attempt: int) -> None:
    st.toast(ui.text()("interview.retrying", attempt=attempt, attempts=ui.BUSY_RETRIES))


def submit_answer(session_id: str, index: int) -> None:
    answer = st.session_state[ANSWER]
    if answer.strip() and not interview_views.has_words(answer):
        st.session_state[NOTICE] = "interview.no_words"  # emoji or punctuation alone
        return
    if ui.get_api().interviewer_info["model"]:
        # A language model may write a follow-up: the page's body sends it, streaming the text.
        st.session_state[PENDING_SUBMIT] = (session_id, index, answer)
        return
    result = ui.retry_when_busy(
        lambda: ui.get_api().submit_answer(session_id, index, answer), _tell_waiting
    )
    if not ui.is_ok(result):
        st.session_state[NOTICE] = ui.message_key(result)


def _send_pending_submit(session_id: str) -> None:
    """Submit the answer a click left waiting, showing a model's follow-up as it is written."""
    pending = st.session_state.pop(PENDING_SUBMIT, None)
    if not pending or pending[0] != session_id:
        return
    _, index, answer = pending
    st.caption(text("interview.writing_follow_up"))
    shown = st.empty()
    show = ui.draw_as_written(
        lambda text_so_far: shown.subheader(ui.as_plain_markdown(text_so_far))
    )
    result = ui.retry_when_busy(
        lambda: api.submit_answer(session_id, index, answer, on_follow_up_text=show),
        _tell_waiting,
    )
    if not ui.is_ok(result):
        st.session_state[NOTICE] = ui.message_key(result)
    st.rerun()


def transcribe_voice(session_id: str, index: int) -> None:
    """Put a recorded answer's text at the end of the answer box, and save it as the draft."""
    recording = st.session_state.get(VOICE)
    if recording is None:
        return
    result = ui.get_api().transcribe(recording.getvalue(), recording.name)
    if not ui.is_ok(result):
        unavailable = result["code"] == 503
        st.session_state[NOTICE] = f"interview.voice_{'unavailable' if unavailable else 'failed'}"
        return
    typed = st.session_state.get(ANSWER, "").rstrip()
    st.session_state[ANSWER] = f"{typed}\n{result['data']['text']}".strip()
    save_draft(session_id, index)


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
        if question["userAnswer"]:  # a draft saved before: say so, it is the saved state
            st.session_state[DRAFT_SAVED_AT] = RESTORED


def _question_shown_at(session_id: str, index: int) -> float:
    shown_at = st.session_state.setdefault(QUESTION_SHOWN_AT, {})
    return shown_at.setdefault((session_id, index), time.time())


def _question_timer(session_id: str, index: int, shown_at: float) -> None:
    """Time on the question; it counts on in the browser between reruns."""
    elapsed = time.time() - shown_at
    limit = st.session_state.get(TIME_LIMIT)
    timer = interview_views.timer_html(elapsed, limit, text, question=f"{session_id}-{index}")
    st.html(timer, unsafe_allow_javascript=True)  # no candidate text: see timer_html


def _answer_checklist(answer: str, question: dict, main_question: str) -> None:
    shown = interview_views.tips_shown(answer, question, main_question)
    title = text("interview.checklist", shown=sum(shown.values()), total=len(shown))
    with st.expander(title):
        st.caption(text("interview.checklist_help"))
        for tip, is_shown in shown.items():
            st.caption(f"{'✓' if is_shown else '○'} {text(f'interview.tip.{tip}')}")


def _follow_up_context(parent: dict) -> None:
    """The question a follow-up probes and the candidate's own words it refers to."""
    with st.container(border=True):
        question = ui.as_plain_markdown(parent["question"])
        st.caption(text("interview.follow_up_context", question=question))
        if parent["userAnswer"]:
            quote = ui.as_plain_markdown(interview_views.short_quote(parent["userAnswer"]))
            st.caption(text("interview.you_said", quote=quote))


def _context(session_id: str) -> dict:
    """Where this interview's questions came from, its coach's set and suggested time per
    question (asked once per session and browser tab)."""
    contexts = st.session_state.setdefault(CONTEXTS, {})
    if session_id not in contexts:
        context = api.session_context(session_id)
        contexts[session_id] = context["data"] if ui.is_ok(context) else {}
        # An assignment's time per question is where the timer starts; the candidate may change it.
        limit = contexts[session_id].get("timeLimitMinutes")
        if limit in interview_views.TIME_LIMITS and limit is not None:
            st.session_state[TIME_LIMIT] = limit
    return contexts[session_id]


def _voice_answer(session_id: str, index: int) -> None:
    """A recorder whose words land in the answer box, where the install can transcribe."""
    if not api.interviewer_info["transcription"]:
        return
    with st.expander(text("interview.voice_title"), icon=":material/mic:"):
        st.audio_input(
            text("interview.voice"),
            key=VOICE,
            on_change=transcribe_voice,
            args=(session_id, index),
            help=text("interview.voice_help"),
        )


def _no_interview_open() -> None:
    """No interview in the URL: not an error, the start. Offer this candidate's unfinished one."""
    st.title(text("interview.title"))
    listed = api.list_sessions(owner=identity.candidate_owner())
    open_ones = [
        s
        for s in (listed["data"] if ui.is_ok(listed) else [])
        if s["status"] in ("CREATED", "IN_PROGRESS")
    ]
    if open_ones:
        latest = open_ones[0]  # newest first
        zone = times.browser_timezone(st.context.timezone)
        started = times.local_time(latest["createdAt"], zone)
        st.info(
            text("interview.resume_offer", date=started.strftime(text("progress.date_format"))),
            icon=":material/history:",
        )
        if st.button(
            text("interview.resume_latest"), key="interview_resume_latest", type="primary"
        ):
            ui.remember_session(latest["sessionId"])
            ui.go_to(ui.INTERVIEW_PAGE, latest["sessionId"])
    else:
        st.info(text("interview.none_open"), icon=":material/play_arrow:")
    if st.button(text("common.start_new"), key="interview_start_new"):
        ui.go_to(ui.START_PAGE)
    st.stop()


def _confirm_finish(session_id: str) -> None:
    st.warning(text("interview.confirm_finish_warning"))
    yes, no = st.columns(2)
    if yes.button(text("interview.confirm_finish"), key="confirm_finish", type="primary"):
        finished = api.complete_early(session_id)
        st.session_state[CONFIRMING_FINISH] = False
        if ui.is_ok(finished) or finished["message"] == "Interview already completed":
            ui.go_to(ui.REPORT_PAGE, session_id)
        st.error(ui.plain_message(finished))
    no.button(text("interview.cancel_finish"), key="cancel_finish", on_click=keep_going)


api = ui.get_api()
text = ui.text()
session_id = ui.current_session_id()
if not session_id:
    _no_interview_open()

current = api.get_current_question(session_id)
if not ui.is_ok(current):
    ui.stop_on_outage(current)
    ui.show_not_found(ui.plain_message(current))
if current["data"]["completed"]:
    ui.go_to(ui.REPORT_PAGE, session_id)
session = api.get_session(session_id)
ui.stop_on_outage(session)
session = session["data"]
question = current["data"]["question"]
index = question["questionIndex"]
number = main_question_number(session["questions"], index)

_send_pending_submit(session_id)
context = _context(session_id)
if context.get("questionSource") == "bank-fallback":
    st.caption(text("interview.bank_fallback"))
if context.get("questionSet"):
    st.caption(text("interview.from_set", name=ui.as_plain_markdown(context["questionSet"])))
if notice := st.session_state.pop(NOTICE, None):
    st.warning(text(notice))

with st.sidebar:
    st.selectbox(
        text("interview.time_limit"),
        interview_views.TIME_LIMITS,
        format_func=lambda minutes: interview_views.time_limit_label(minutes, text),
        key=TIME_LIMIT,
        help=text("interview.time_limit_help"),
    )

position, timer = st.columns([3, 2])
if question["isFollowUp"]:
    position.caption(
        text("interview.follow_up_to", number=number, total=session["mainQuestionCount"])
    )
else:
    position.caption(
        text("interview.question_of", number=number, total=session["mainQuestionCount"])
    )
with timer:
    _question_timer(session_id, index, _question_shown_at(session_id, index))
main_question = ""
if question["isFollowUp"]:
    parent = session["questions"][question["parentQuestionIndex"]]
    main_question = parent["question"]
    _follow_up_context(parent)
st.subheader(ui.as_plain_markdown(question["question"]))

_load_answer_box(session_id, question)
st.text_area(
    text("interview.answer"),
    key=ANSWER,
    height=240,
    on_change=save_draft,
    args=(session_id, index),
    placeholder=text("interview.answer_placeholder"),
)
# The box sends its text on blur, Ctrl/Cmd+Enter, or a pause in typing (autosave_html): the
# draft is saved, and the count and checklist follow, within a second of the last keystroke.
st.html(interview_views.autosave_html(), unsafe_allow_javascript=True)
answer = st.session_state[ANSWER]
words, saved = st.columns(2)
words.caption(interview_views.words_label(interview_views.word_count(answer), text))
if saved_at := st.session_state.get(DRAFT_SAVED_AT):
    if saved_at == RESTORED:
        saved.caption(text("interview.draft_restored"), help=text("interview.draft_help"))
    else:
        saved.caption(
            text("interview.draft_saved", time=saved_at), help=text("interview.draft_help")
        )
else:
    saved.caption(text("interview.draft_not_saved"), help=text("interview.draft_help"))
if len(answer) > interview_views.MAX_ANSWER:
    st.error(
        text(
            "interview.too_long", count=f"{len(answer):,}", limit=f"{interview_views.MAX_ANSWER:,}"
        )
    )
_answer_checklist(answer, question, main_question)
_voice_answer(session_id, index)

submit, finish = st.columns(2)
submit.button(
    text("interview.submit"),
    key="submit",
    type="primary",
    on_click=submit_answer,
    args=(session_id, index),
)
finish.button(text("interview.finish_early"), key="finish_early", on_click=ask_to_finish)

if st.session_state.get(CONFIRMING_FINISH):
    _confirm_finish(session_id)
