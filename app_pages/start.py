"""Start: who is practising, for which track, and how long the interview is."""

import uuid

import streamlit as st

from app_pages import ui

DIFFICULTIES = {"Any": None, "Junior": "junior", "Mid": "mid", "Senior": "senior"}
# A new id for each visit to this form; reused by a second click so it never makes a second session.
REQUEST_ID = "start_request_id"
REQUEST_USED = "start_request_used"


def _request_id() -> str:
    if REQUEST_ID not in st.session_state or st.session_state.get(REQUEST_USED):
        st.session_state[REQUEST_ID] = uuid.uuid4().hex
        st.session_state[REQUEST_USED] = False
    return st.session_state[REQUEST_ID]


api = ui.get_api()

st.title("Rehearse")
st.write("Practise a job interview. Answer one question at a time; you get a scored report.")

roles = api.list_roles()
if not ui.is_ok(roles):
    st.error(ui.plain_message(roles))
    st.stop()
titles = {role["id"]: role["title"] for role in roles["data"]}
descriptions = {role["id"]: role["description"] for role in roles["data"]}

# Clicking Start reruns with the same id; arriving here afresh (no click) starts a new one.
if not st.session_state.get("start"):
    _request_id()

candidate_name = st.text_input("Your name", key="candidate_name", max_chars=100)
role = st.selectbox("Track", options=list(titles), format_func=titles.get, key="role")
st.caption(descriptions[role])
difficulty = st.selectbox("Difficulty", options=list(DIFFICULTIES), key="difficulty")
left, right = st.columns(2)
question_count = left.number_input(
    "Number of questions", min_value=3, max_value=20, value=5, key="question_count"
)
follow_up_count = right.number_input(
    "Follow-ups per question", min_value=0, max_value=2, value=1, key="follow_up_count"
)
job_description = st.text_area(
    "Job description (optional)",
    key="job_description",
    placeholder="Paste a job ad and the questions will lean towards it.",
)

if st.button("Start interview", key="start", type="primary"):
    created = api.create_session(
        candidate_name=candidate_name,
        role=role,
        difficulty=DIFFICULTIES[difficulty],
        question_count=int(question_count),
        follow_up_count=int(follow_up_count),
        job_description=job_description or None,
        request_id=st.session_state[REQUEST_ID],
    )
    if not ui.is_ok(created):
        st.error(ui.plain_message(created))
        st.stop()
    st.session_state[REQUEST_USED] = True
    session_id = created["data"]["sessionId"]
    ui.remember_session(session_id)
    ui.go_to(ui.INTERVIEW_PAGE, session_id)
