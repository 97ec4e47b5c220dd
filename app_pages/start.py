"""Start: who is practising, what to practise (a track or their own questions), and for how long."""

import uuid

import streamlit as st

from app_pages import identity, track_views, ui
from interview.sessions import documents

DIFFICULTIES = (None, "junior", "mid", "senior")  # what create_session takes
MAX_NAME = 100  # characters, as API.md's candidateName allows
# A new id for each visit to this form; reused by a second click so it never makes a second session.
REQUEST_ID = "start_request_id"
REQUEST_USED = "start_request_used"
# What reading an uploaded file said, by the text box it was for: (level, sentence).
UPLOAD_NOTICES = "start_upload_notices"


def _request_id() -> str:
    if REQUEST_ID not in st.session_state or st.session_state.get(REQUEST_USED):
        st.session_state[REQUEST_ID] = uuid.uuid4().hex
        st.session_state[REQUEST_USED] = False
    return st.session_state[REQUEST_ID]


def fill_from_upload(upload_key: str, text_key: str) -> None:
    """Put an uploaded file's text in its box; a file we can't read leaves the box as it was."""
    notices = st.session_state.setdefault(UPLOAD_NOTICES, {})
    notices.pop(text_key, None)
    upload = st.session_state.get(upload_key)
    if upload is None:
        return
    try:
        st.session_state[text_key] = documents.read_document(upload.name, upload.getvalue())
    except documents.DocumentTooLong as too_long:
        st.session_state[text_key] = too_long.text
        notices[text_key] = ("warning", too_long.reason, too_long.values)
    except documents.DocumentError as unreadable:
        notices[text_key] = ("error", unreadable.reason, unreadable.values)


def document_box(label: str, key: str, upload_key: str, upload_label: str, placeholder: str) -> str:
    """A text box the candidate can paste into or fill from a file."""
    typed = st.text_area(label, key=key, placeholder=placeholder)
    if len(typed) > documents.MAX_CONTEXT:
        st.error(
            text("start.too_long", count=f"{len(typed):,}", limit=f"{documents.MAX_CONTEXT:,}")
        )
        problems.append(key)
    st.file_uploader(
        upload_label,
        type=documents.EXTENSIONS,
        key=upload_key,
        on_change=fill_from_upload,
        args=(upload_key, key),
        max_upload_size=documents.MAX_UPLOAD_MB,
    )
    notice = st.session_state.get(UPLOAD_NOTICES, {}).get(key)
    if notice:  # shown in the language picked now, not when the file was read
        level, reason, values = notice
        getattr(st, level)(text(f"document.{reason}", **values))
    return typed


api = ui.get_api()
text = ui.text()

st.title(text("common.app_name"))
st.write(text("start.intro"))
with st.container(border=True):
    sample_text, sample_button = st.columns([3, 1], vertical_alignment="center")
    sample_text.markdown(text("start.sample_pitch"))
    if sample_button.button(
        text("start.see_sample"), key="see_sample", icon=":material/visibility:"
    ):
        with st.spinner(text("start.making_sample")):
            sample = api.create_sample(ui.language(), owner=identity.candidate_owner())
        if not ui.is_ok(sample):
            st.error(ui.plain_message(sample))
            st.stop()
        sample_id = sample["data"]["sessionId"]
        ui.remember_session(sample_id)
        ui.go_to(ui.REPORT_PAGE, sample_id)

roles = api.list_roles()
if not ui.is_ok(roles):
    st.error(ui.plain_message(roles))
    st.stop()
# In the candidate's language, with its own tracks first (the default track speaks it).
by_id = {role["id"]: role for role in roles["data"]}
order = track_views.tracks_in_order(roles["data"], ui.language())
titles = {role_id: track_views.track_text(by_id[role_id], "title", text) for role_id in order}
descriptions = {
    role_id: track_views.track_text(by_id[role_id], "description", text) for role_id in order
}

# Clicking Start reruns with the same id; arriving here afresh (no click) starts a new one.
if not st.session_state.get("start"):
    _request_id()

# Signed in, the candidate is who they signed in as, so Progress finds their sessions.
problems: list[str] = []  # what the candidate must fix before the interview can start
signed_in_as = ui.signed_in_candidate(st.user)
if signed_in_as:
    st.caption(text("start.practising_as", name=ui.as_plain_markdown(signed_in_as)))
    candidate_name = signed_in_as
else:
    # No max_chars: the browser would drop a longer paste without a word. Say the limit instead.
    candidate_name = st.text_input(text("start.name"), key="candidate_name")
    if len(candidate_name.strip()) > MAX_NAME:
        st.error(text("error.name_too_long"))
        problems.append("name")
use_custom_questions = st.toggle(
    text("start.use_own"), key="use_custom_questions", help=text("start.use_own_help")
)
if use_custom_questions:
    lines = st.text_area(
        text("start.own_questions"),
        key="custom_questions",
        height=160,
        placeholder=text("start.own_questions_placeholder"),
        persist_state="page",
    )
    questions = [line.strip() for line in lines.splitlines() if line.strip()]
    chosen = {"role": "custom", "custom_questions": questions}
else:
    role = st.selectbox(
        text("start.track"),
        options=list(titles),
        format_func=titles.get,
        key="role",
        persist_state="page",
    )
    st.caption(descriptions[role])
difficulty = st.selectbox(
    text("start.difficulty"),
    options=DIFFICULTIES,
    format_func=lambda level: text(f"start.difficulty_{level or 'any'}"),
    key="difficulty",
)
left, right = st.columns(2)
if not use_custom_questions:  # a custom list asks every question on it
    # No min or max on the widget: out of range it would keep its old value silently.
    question_count = left.number_input(
        text("start.question_count"), value=5, step=1, key="question_count", persist_state="page"
    )
    if not 3 <= question_count <= 20:
        left.error(text("start.question_count_range"))
        problems.append("question_count")
    chosen = {"role": role, "question_count": int(question_count)}
follow_up_count = (left if use_custom_questions else right).number_input(
    text("start.follow_up_count"),
    value=1,
    step=1,
    key="follow_up_count",
    help=text("start.follow_up_help"),
)
if not 0 <= follow_up_count <= 2:
    (left if use_custom_questions else right).error(text("start.follow_up_range"))
    problems.append("follow_up_count")
job_description = document_box(
    text("start.job_description"),
    key="job_description",
    upload_key="job_description_file",
    upload_label=text("start.job_description_upload"),
    placeholder=text("start.job_description_placeholder"),
)
resume_text = document_box(
    text("start.resume"),
    key="resume_text",
    upload_key="resume_file",
    upload_label=text("start.resume_upload"),
    placeholder=text("start.resume_placeholder"),
)

unread = [
    key for key, (level, *_) in st.session_state.get(UPLOAD_NOTICES, {}).items() if level == "error"
]

if st.button(text("start.start"), key="start", type="primary"):
    if problems:
        st.error(text("start.fix_first"))
        st.stop()
    if unread:
        # A file that could not be read is not silently left out: the candidate decides.
        st.error(text("start.upload_unread"))
        st.stop()
    created = api.create_session(
        **chosen,
        owner=identity.candidate_owner(),
        candidate_name=candidate_name,
        difficulty=difficulty,
        follow_up_count=int(follow_up_count),
        job_description=job_description or None,
        resume_text=resume_text or None,
        request_id=st.session_state[REQUEST_ID],
    )
    if not ui.is_ok(created):
        st.error(ui.plain_message(created))
        st.stop()
    st.session_state[REQUEST_USED] = True
    session_id = created["data"]["sessionId"]
    ui.remember_session(session_id)
    ui.go_to(ui.INTERVIEW_PAGE, session_id)
