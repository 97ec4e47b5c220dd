"""Assignment: the page a coach's link opens. It says what the coach assigned (the set, how many
questions, by when) and starts the candidate's interview, or resumes it on a later visit."""

import streamlit as st

from app_pages import identity, times, ui

INVITE_QUERY_PARAM = "invite"
INVITE = "assignment_invite"  # the link's token, kept if the query string is dropped
LANGUAGE_CHOSEN = "assignment_language_chosen"  # the invites whose language was applied


def _invite() -> str | None:
    token = st.query_params.get(INVITE_QUERY_PARAM) or st.session_state.get(INVITE)
    if token:
        st.session_state[INVITE] = token
    return token


def _details(offer: dict) -> list[str]:
    settings = offer["settings"]
    lines = [text("assignment.set", name=ui.as_plain_markdown(offer["setName"]))]
    if settings["questionCount"]:
        lines.append(text("assignment.questions", count=settings["questionCount"]))
    else:
        lines.append(text("assignment.all_questions"))
    if settings["followUps"]:
        lines.append(text("assignment.follow_ups", count=settings["followUps"]))
    if settings["timeLimitMinutes"]:
        lines.append(text("assignment.time_limit", minutes=settings["timeLimitMinutes"]))
    if offer["dueAt"]:
        zone = times.browser_timezone(st.context.timezone)
        due = times.local_time(offer["dueAt"], zone)
        lines.append(text("assignment.due", date=due.strftime(text("progress.date_format"))))
    return lines


api = ui.get_api()
token = _invite()
offer = api.open_assignment(token) if token else None
if offer is not None and ui.is_ok(offer):
    # The coach's choice of language on the first opening, unless the link names one (?lang=).
    applied = st.session_state.setdefault(LANGUAGE_CHOSEN, set())
    if token not in applied:
        applied.add(token)
        if ui.LANGUAGE_QUERY_PARAM not in st.query_params:
            ui.switch_language(offer["data"]["language"])
text = ui.text()
if offer is None or not ui.is_ok(offer):
    st.title(text("assignment.title_unknown"))
    st.error(text("assignment.not_found"))
    if st.button(text("common.start_new"), key="assignment_start_new", type="primary"):
        ui.go_to(ui.START_PAGE)
    st.stop()
offer = offer["data"]

st.title(ui.as_plain_markdown(offer["title"]))
st.write(text("assignment.for", name=ui.as_plain_markdown(offer["candidateName"])))
for line in _details(offer):
    st.markdown(f"- {line}")

if offer["sessionId"]:
    session = api.get_session(offer["sessionId"])
    ended = ui.is_ok(session) and session["data"]["status"] in ("COMPLETED", "EVALUATED")
    st.info(text("assignment.finished" if ended else "assignment.started"))
    label = "assignment.open_report" if ended else "assignment.resume"
    if st.button(text(label), key="assignment_continue", type="primary"):
        ui.remember_session(offer["sessionId"])
        ui.go_to(ui.REPORT_PAGE if ended else ui.INTERVIEW_PAGE, offer["sessionId"])
    st.stop()

st.caption(text("assignment.explain"))
if st.button(text("assignment.start"), key="assignment_start", type="primary"):
    started = api.start_assignment(token, owner=identity.candidate_owner())
    if not ui.is_ok(started):
        st.error(ui.plain_message(started))
        st.stop()
    session_id = started["data"]["sessionId"]
    ui.remember_session(session_id)
    ui.go_to(ui.INTERVIEW_PAGE, session_id)
