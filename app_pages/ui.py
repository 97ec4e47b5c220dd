"""Shared by every page: the cached API, session-state keys, and envelopes in plain words."""

import gc
import importlib
import logging
import os
import re
import time
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

import streamlit as st
from streamlit.runtime.scriptrunner_utils.exceptions import ScriptControlException

from app_pages.text import DEFAULT_LANGUAGE, LANGUAGES, Text
from interview.api import InterviewAPI
from interview.api.coach import CoachSettings
from interview.coaching import access

if TYPE_CHECKING:
    import pandas as pd

_log = logging.getLogger(__name__)
START_PAGE = "app_pages/start.py"
INTERVIEW_PAGE = "app_pages/interview.py"
REPORT_PAGE = "app_pages/report.py"
PROGRESS_PAGE = "app_pages/progress.py"
COACH_SIGN_IN_PAGE = "app_pages/coach_sign_in.py"
DASHBOARD_PAGE = "app_pages/dashboard.py"
REVIEW_PAGE = "app_pages/review.py"
CALIBRATION_PAGE = "app_pages/calibration.py"
ACTIVITY_PAGE = "app_pages/activity.py"
QUESTION_SETS_PAGE = "app_pages/question_sets.py"
API_TOKENS_PAGE = "app_pages/api_tokens.py"
COACHES_PAGE = "app_pages/coaches.py"
ASSIGNMENT_PAGE = "app_pages/assignment.py"


def page_path(script: str) -> str:
    """The URL path st.navigation gives a page: app_pages/coach_sign_in.py -> coach_sign_in."""
    return script.rsplit("/", 1)[-1].removesuffix(".py")


# Keys shared by pages. A key one page alone uses lives in that page, prefixed with its name.
SESSION_ID = "session_id"
SESSION_QUERY_PARAM = "session"
LANGUAGE_QUERY_PARAM = "lang"
REVIEW_SESSION = "review_session_id"  # the session a coach reviews: never in the URL

BUSY_RETRIES = 3
LANGUAGE = "language"  # the sidebar picker's key; also ?lang= in the URL, so a reload keeps it
NEXT_LANGUAGE = "next_language"  # a page's choice of language, applied before the picker is drawn

# Envelope messages (API.md) -> catalogue keys of the sentence a candidate reads.
_KEYS_BY_MESSAGE = {
    "会话ID不能为空": "error.not_found",
    "Session not found": "error.not_found",
    "答案不能为空": "error.empty_answer",
    "答案过长": "error.answer_too_long",
    "问题索引不能为空": "error.bad_question",
    "问题索引无效": "error.bad_question",
    "Question index mismatch": "error.moved_on",
    "Interview already completed": "error.already_completed",
    "Interview not completed": "error.not_completed",
    "Rate limit exceeded": "error.busy",
    "Server error": "error.server_error",
    "Database unavailable": "error.database_unavailable",
    "Database busy": "error.database_busy",
    "Database not writable": "error.database_not_writable",
    "candidateName is required": "error.name_required",
    "candidateName must be at most 100 characters": "error.name_too_long",
}
# A 400 about one field starts with the field's name.
_KEYS_BY_FIELD = {
    "customQuestions": "error.custom_questions",
    "questionCount": "error.question_count",
    "jobDescription": "error.job_description_too_long",
    "resumeText": "error.resume_too_long",
    "role": "error.role",
}
_KEYS_BY_CODE = {
    404: "error.not_found",
    409: "error.already_completed",
    429: "error.busy",
    503: "error.database_unavailable",
    507: "error.database_not_writable",
}
# Worth sending again after a second: the shared rate limit, and a database that restarts or is
# busy. A submit the database never committed is safe to repeat (a repeat of one it did commit
# is a "Question index mismatch", never a duplicate).
_RETRIED_CODES = {429, 503}
_FALLBACK = "error.server_error"


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


def setting(name: str) -> str | None:
    """A deployment setting: .streamlit/secrets.toml first, then the environment."""
    try:
        if name in st.secrets:
            return str(st.secrets[name]).strip() or None
    except FileNotFoundError:  # no secrets.toml
        pass
    return os.environ.get(name, "").strip() or None


def auth_configured() -> bool:
    """Whether st.login can sign anyone in: an [auth] section in secrets.toml."""
    try:
        return "auth" in st.secrets
    except FileNotFoundError:
        return False


@st.cache_resource(on_release=InterviewAPI.close)  # clearing the cache closes the database
def get_api() -> InterviewAPI:
    """One engine per server process, on DATABASE_URL or the default SQLite file.

    On a first start with no coach configured it prints a coach password, once (access.py)."""
    os.environ.update(_settings_from_secrets())
    coaches = CoachSettings(setting("COACH_PASSWORD_HASH"), setting("COACH_EMAILS"))
    api = InterviewAPI.from_url(coach_settings=coaches)
    api.warm_up()  # the evaluator's word vectors load while the first page draws
    first = api.coach.ensure_password(oidc_coaches=bool(coaches.emails and auth_configured()))
    if first["code"] == 200 and first["data"]["password"]:
        _announce_coach_password(first["data"]["password"])
    _freeze_heap()
    return api


def open_api_or_stop() -> InterviewAPI:
    """The API, or, when the database can't be opened (down, read-only, full), a plain sentence
    on the page instead of a traceback (the traceback goes to the server's log)."""
    try:
        return get_api()
    except Exception:
        _log.exception("the database could not be opened")
        st.error(text()("error.app_unavailable"))
        st.stop()


def _announce_coach_password(password: str) -> None:
    # The way notebook servers print their token: once, to the console that started the app.
    print(access.first_start_notice(password), flush=True)


@st.cache_resource
def settle_imports(*modules: str) -> None:
    """Import the heavy modules a page uses (once per process), then freeze the heap again."""
    for module in modules:
        importlib.import_module(module)
    _freeze_heap()


def _freeze_heap() -> None:
    """Move what is alive now out of the garbage collector's sight.

    Streamlit runs a full gc.collect() after every script run (and every tick of the interview
    timer); its cost grows with the heap, and it delays the rerun's last messages. Freezing the
    long-lived objects (modules, the engine, the banks) once they exist took the interview's
    submit-to-next-question p95 from ~2x the bare-page floor to below it (bench/ui.py).
    """
    gc.collect()
    gc.freeze()


def signed_in_candidate(user: Mapping) -> str | None:
    """The name sessions are kept under for a signed-in user: their email, else their name."""
    if not user.get("is_logged_in", False):
        return None
    return user.get("email") or user.get("name") or None


def message_key(envelope: dict) -> str:
    """The catalogue key of the sentence a candidate should read for an error envelope."""
    message = envelope.get("message", "")
    if message in _KEYS_BY_MESSAGE:
        return _KEYS_BY_MESSAGE[message]
    field = re.split(r"[ \[.]", message, maxsplit=1)[0]  # "customQuestions[2].text must ..."
    if envelope.get("code") == 400 and field in _KEYS_BY_FIELD:
        return _KEYS_BY_FIELD[field]
    return _KEYS_BY_CODE.get(envelope.get("code"), _FALLBACK)


def plain_message(envelope: dict) -> str:
    """The sentence a candidate should read for an error envelope, in their language."""
    return text()(message_key(envelope))


def _language_from_browser() -> str:
    """Chinese for a browser that prefers it, else English."""
    locale = (st.context.locale or "").lower()
    return "zh" if locale.startswith("zh") else DEFAULT_LANGUAGE


def language() -> str:
    """The language the candidate picked (this session, else ?lang=), else their browser's."""
    chosen = st.session_state.get(LANGUAGE) or st.query_params.get(LANGUAGE_QUERY_PARAM)
    return chosen if chosen in LANGUAGES else _language_from_browser()


def text() -> Text:
    """The catalogue in the candidate's language."""
    return Text(language())


def _remember_language() -> None:
    st.query_params[LANGUAGE_QUERY_PARAM] = st.session_state[LANGUAGE]


def language_picker() -> None:
    """The sidebar's language choice; it reruns the page in the new language."""
    if st.session_state.get(NEXT_LANGUAGE) in LANGUAGES:
        st.session_state[LANGUAGE] = st.session_state.pop(NEXT_LANGUAGE)
        _remember_language()
    if st.session_state.get(LANGUAGE) not in LANGUAGES:
        st.session_state[LANGUAGE] = language()
    st.segmented_control(
        text()("common.language"),
        options=list(LANGUAGES),
        format_func=LANGUAGES.get,
        key=LANGUAGE,
        on_change=_remember_language,
        help=text()("common.language_help"),
        required=True,
    )


def switch_language(language: str) -> None:
    """Show the app in `language` from the next run on (a page may choose for the candidate)."""
    if language in LANGUAGES and language != st.session_state.get(LANGUAGE):
        st.session_state[NEXT_LANGUAGE] = language
        st.rerun()


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
    """Switch page, carrying the session id (and language) in the URL so a refresh resumes."""
    query = {LANGUAGE_QUERY_PARAM: language()}
    if session_id:
        query[SESSION_QUERY_PARAM] = session_id
    st.switch_page(page, query_params=query)


def retry_when_busy(call: Callable[[], dict], on_wait: Callable[[int], None]) -> dict:
    """Call again after about a second while the rate limit or the database says to (429,
    503), at most 3 times."""
    result = call()
    for attempt in range(1, BUSY_RETRIES + 1):
        if result.get("code") not in _RETRIED_CODES:
            break
        on_wait(attempt)
        time.sleep(1)
        result = call()
    return result


def show_nothing_yet(message: str) -> None:
    """An empty state, not an error: what is missing, and the ways on; stops the page."""
    st.info(message, icon=":material/info:")
    start, progress = st.columns(2)
    if start.button(text()("common.start_new"), key="nothing_yet_start", type="primary"):
        go_to(START_PAGE)
    if progress.button(text()("common.open_progress"), key="nothing_yet_progress"):
        go_to(PROGRESS_PAGE)
    st.stop()


def stop_on_outage(envelope: dict) -> None:
    """When the database is down, busy or not writable: say so and stop the page (no way out
    is offered: the interview is still there once the database is back)."""
    if envelope.get("code") in (503, 507):
        st.error(plain_message(envelope))
        st.stop()


def show_not_found(message: str | None = None) -> None:
    """The error for a missing interview, with the way out; stops the page."""
    st.error(message or text()("error.not_found"))
    if st.button(text()("common.start_new"), key="not_found_start", type="primary"):
        st.session_state.pop(SESSION_ID, None)
        st.query_params.clear()
        go_to(START_PAGE)
    st.stop()


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=\"'&])")
# Escaping does not stop GitHub-style autolinks: the renderer finds addresses in the text it
# shows (http://..., www...., name@host), so a bare address in candidate text became a live link.
# A zero-width space inside the marker leaves the words as they read, but no longer an address.
_AUTOLINK_MARKERS = re.compile(r"(?i)(?<=:)(?=//)|(?<=www)(?=\.)|(?=@)")
_ZERO_WIDTH_SPACE = "\u200b"


def as_plain_markdown(text: str) -> str:
    """Escape text for st.markdown, so candidate words quoted in it are never markup or links."""
    unlinked = _AUTOLINK_MARKERS.sub(_ZERO_WIDTH_SPACE, text)
    return _MARKDOWN_SPECIAL.sub(r"\\\1", unlinked)


# In a table cell only what would become an element is escaped: the brackets of a Markdown link
# or image, the backslash that could undo that, and bare addresses (autolinks). Everyday text
# (an evidence quote, a file's problem) reads exactly as written, also to a test reading cells.
_CELL_SPECIAL = re.compile(r"([\\\[\]])")


def as_plain_cell(text: str) -> str:
    """Escape text for a st.table cell, so a quoted [link](...) or ![image](...) stays text."""
    return _CELL_SPECIAL.sub(r"\\\1", _AUTOLINK_MARKERS.sub(_ZERO_WIDTH_SPACE, text))


def plain_table(frame: "pd.DataFrame") -> None:
    """st.table, with no text cell turned into a link or an image: st.table renders Markdown in
    its cells, so a quoted answer's [link](...) or ![image](...) would become a live element."""
    shown = frame.map(lambda cell: as_plain_cell(cell) if isinstance(cell, str) else cell)
    st.table(shown, hide_index=True)


def draw_as_written(draw: Callable[[str], object]) -> Callable[[str], None]:
    """A callback for text arriving in pieces: draw(all the text so far) after each piece.

    A click (rerun) or a closed tab (stop) while the pieces arrive makes Streamlit raise from
    draw(); drawing stops there, but the caller's work (a submit) goes on and lands.
    """
    written: list[str] = []
    interrupted = False

    def show(piece: str) -> None:
        nonlocal interrupted
        written.append(piece)
        if interrupted:
            return
        try:
            draw("".join(written))
        except ScriptControlException:
            interrupted = True

    return show
