"""Shared by every page: the cached API, session-state keys, and envelopes in plain words."""

import os
import re
import time
from collections.abc import Callable

import streamlit as st

from interview.api import InterviewAPI

START_PAGE = "app_pages/start.py"
INTERVIEW_PAGE = "app_pages/interview.py"
REPORT_PAGE = "app_pages/report.py"

# Keys shared by pages. A key one page alone uses lives in that page, prefixed with its name.
SESSION_ID = "session_id"
SESSION_QUERY_PARAM = "session"

NOT_FOUND = "We couldn't find that interview."
MOVED_ON = "This interview moved on in another tab; showing the current question."
BUSY_RETRIES = 3

_SENTENCES_BY_MESSAGE = {
    "会话ID不能为空": NOT_FOUND,
    "Session not found": NOT_FOUND,
    "答案不能为空": "Please write an answer before submitting.",
    "答案过长": "That answer is too long: please keep it under 20,000 characters.",
    "问题索引不能为空": "Something went wrong with this question. Please reload the page.",
    "问题索引无效": "Something went wrong with this question. Please reload the page.",
    "Question index mismatch": MOVED_ON,
    "Interview already completed": "This interview has already finished.",
    "Interview not completed": "This interview isn't finished yet, so there is no report.",
    "Rate limit exceeded": "Lots of people are submitting right now. Please try again in a moment.",
    "Server error": "Something went wrong on our side. Your draft is saved; please try again.",
    "candidateName is required": "Please enter your name.",
    "candidateName must be at most 100 characters": "Please keep your name under 100 characters.",
}
CUSTOM_QUESTIONS_HELP = (
    "Please write between 1 and 50 questions, one per line, each under 1,000 characters."
)
_SENTENCES_BY_FIELD = {
    "customQuestions": CUSTOM_QUESTIONS_HELP,
    "questionCount": "This track doesn't have that many questions: please choose fewer.",
    "jobDescription": "The job description is too long: please keep it under 20,000 characters.",
    "role": "Please choose a track.",
}
_SENTENCES_BY_CODE = {
    404: NOT_FOUND,
    409: "This interview has already finished.",
    429: _SENTENCES_BY_MESSAGE["Rate limit exceeded"],
}
_FALLBACK = _SENTENCES_BY_MESSAGE["Server error"]


# Read from the environment by the engine; .streamlit/secrets.toml, where present, overrides them.
SETTINGS = (
    "DATABASE_URL",
    "INTERVIEW_RATE_LIMIT",
    "OPENAI_API_KEY",
    "OPENAI_BASE_URL",
    "INTERVIEW_MODEL",
)


def _settings_from_secrets() -> dict[str, str]:
    try:
        return {name: str(st.secrets[name]) for name in SETTINGS if name in st.secrets}
    except FileNotFoundError:  # no secrets.toml: the environment alone decides
        return {}


@st.cache_resource(on_release=InterviewAPI.close)  # clearing the cache closes the database
def get_api() -> InterviewAPI:
    """One engine per server process, on DATABASE_URL or the default SQLite file."""
    os.environ.update(_settings_from_secrets())
    return InterviewAPI.from_url()


def plain_message(envelope: dict) -> str:
    """The sentence a candidate should read for an error envelope."""
    message = envelope.get("message", "")
    if message in _SENTENCES_BY_MESSAGE:
        return _SENTENCES_BY_MESSAGE[message]
    field = message.split(" ", 1)[0]
    if envelope.get("code") == 400 and field in _SENTENCES_BY_FIELD:
        return _SENTENCES_BY_FIELD[field]
    return _SENTENCES_BY_CODE.get(envelope.get("code"), _FALLBACK)


def is_ok(envelope: dict) -> bool:
    return envelope.get("code") == 200


def current_session_id() -> str | None:
    """The interview this browser is on: the URL wins; session state covers a dropped query."""
    session_id = st.query_params.get(SESSION_QUERY_PARAM) or st.session_state.get(SESSION_ID)
    if session_id:
        remember_session(session_id)
    return session_id


def remember_session(session_id: str) -> None:
    st.session_state[SESSION_ID] = session_id
    st.query_params[SESSION_QUERY_PARAM] = session_id


def go_to(page: str, session_id: str | None = None) -> None:
    """Switch page, carrying the session id in the URL so a refresh resumes."""
    query = {SESSION_QUERY_PARAM: session_id} if session_id else None
    st.switch_page(page, query_params=query)


def retry_when_busy(call: Callable[[], dict], on_wait: Callable[[int], None]) -> dict:
    """Call again after about a second while the shared rate limit says 429, at most 3 times."""
    result = call()
    for attempt in range(1, BUSY_RETRIES + 1):
        if result.get("code") != 429:
            break
        on_wait(attempt)
        time.sleep(1)
        result = call()
    return result


def show_not_found(message: str = NOT_FOUND) -> None:
    """The error for a missing interview, with the way out; stops the page."""
    st.error(message)
    if st.button("Start a new interview", key="not_found_start", type="primary"):
        st.session_state.pop(SESSION_ID, None)
        st.query_params.clear()
        go_to(START_PAGE)
    st.stop()


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=\"'&])")


def as_plain_markdown(text: str) -> str:
    """Escape text for st.markdown, so candidate words quoted in it are never markup or links."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)
