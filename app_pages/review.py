"""Review (coaches): one session's report and transcript, follow-ups numbered as the candidate
saw them, every autosaved revision with its time and a diff, time per question; comments on any
answer and on the session; dimension-score overrides with a reason, the AI's score beside.

A visitor who made a sample may open its review too, read-only: it is what a coach would see.
"""

import streamlit as st

from app_pages import coach_views, identity, progress_views, report_views, times, ui

NOTICE = "review_notice"  # what the last comment, override or re-grade did, for the next run
VIEWED = "review_viewed"  # the session whose opening was recorded in this browser session


def _comment(question_index: int | None, key: str) -> None:
    body = st.session_state.get(key, "")
    done = api.coach.add_comment(session_id, question_index, body, by=coach)
    if ui.is_ok(done):
        st.session_state[key] = ""
        st.session_state[NOTICE] = ("success", text("review.comment_saved"))
    else:
        st.session_state[NOTICE] = ("error", _problem(done))


def _override(question_index: int, position: int) -> None:
    done = api.coach.override_score(
        session_id,
        question_index,
        st.session_state.get(f"review_dimension_{position}"),
        st.session_state.get(f"review_score_{position}"),
        st.session_state.get(f"review_reason_{position}", ""),
        by=coach,
    )
    if ui.is_ok(done):
        st.session_state[f"review_reason_{position}"] = ""
        st.session_state[NOTICE] = ("success", text("review.override_saved"))
    else:
        st.session_state[NOTICE] = ("error", _problem(done))


def _regrade() -> None:
    done = api.regrade(session_id, by=coach)
    if ui.is_ok(done):
        count = len(done["data"]["changes"])
        st.session_state[NOTICE] = ("success", text("review.regraded", count=count))
    else:
        st.session_state[NOTICE] = ("error", ui.plain_message(done))


def _problem(envelope: dict) -> str:
    """A coach's form error: the API's sentence for a field, our own for the usual codes."""
    if envelope["code"] == 400:
        return text("review.invalid", message=ui.as_plain_markdown(envelope["message"]))
    return ui.plain_message(envelope)


def _header(session: dict, report: dict | None, seconds: int | None) -> None:
    track = titles.get(session["role"], session["role"])
    started = times.local_time(session["createdAt"], zone)
    st.caption(
        text(
            "review.summary_line",
            track=ui.as_plain_markdown(track),
            status=progress_views.status_label(session["status"], text),
            started=started.strftime(text("progress.date_format")),
            duration=coach_views.duration_label(seconds),
        )
    )
    if report is None:
        st.info(text("review.not_finished"))
        return
    review = report.get("coachReview") or {}
    ai_score = review.get("aiOverallScore", report["overallScore"])
    ai, final, band, flags = st.columns(4)
    ai.metric(text("review.ai_overall"), ai_score)
    final.metric(
        text("review.final_overall"),
        report["overallScore"],
        delta=(report["overallScore"] - ai_score) or None,
    )
    band.metric(text("report.band"), report_views.band_label(report["band"], text).capitalize())
    flags.metric(text("coach.column_flags"), len(report["integrityFlags"]))
    st.text(report["overallFeedback"])


def _session_comments(report: dict | None) -> None:
    st.subheader(text("review.session_comments"))
    comments = ((report or {}).get("coachReview") or {}).get("comments", [])
    _comment_lines(comments)
    if not comments:
        st.caption(text("review.no_comments"))
    if can_edit and report is not None:
        with st.form("review_session_comment_form", clear_on_submit=False, border=False):
            st.text_area(text("review.comment"), key="review_session_comment", max_chars=5000)
            st.form_submit_button(
                text("review.add_comment"),
                key="review_add_session_comment",
                on_click=_comment,
                args=(None, "review_session_comment"),
            )


def _comment_lines(comments: list[dict]) -> None:
    for comment in comments:
        when = times.local_time(comment["at"], zone)
        st.caption(
            text(
                "review.comment_by",
                author=ui.as_plain_markdown(comment["author"]),
                when=when.strftime(text("progress.date_format")),
            )
        )
        st.text(comment["body"])


def _question(position: int, question: dict, detail: dict | None, notes: dict) -> None:
    index = question["questionIndex"]
    st.subheader(labels[index])
    st.text(question["question"])
    st.markdown(f"**{text('report.your_answer')}**")
    st.text(question["userAnswer"] if question["answered"] else text("common.not_answered"))
    spent = seconds.get(index)
    if spent is not None:
        st.caption(text("review.time_spent", duration=coach_views.duration_label(spent)))
    if detail is not None and detail["dimensions"]:
        ai_score = notes.get("aiScore", detail["score"])
        st.caption(text("review.question_scores", ai=ai_score, final=detail["score"]))
        ui.plain_table(coach_views.dimension_frame(detail["dimensions"], text))
    for change in notes.get("overrides", []):
        st.caption(
            text(
                "review.override_line",
                dimension=report_views.dimension_label(change["dimension"], text),
                old=change["oldScore"],
                new=change["score"],
                author=ui.as_plain_markdown(change["author"]),
                when=times.local_time(change["at"], zone).strftime(text("progress.date_format")),
            )
        )
        st.text(change["reason"])
    _comment_lines(notes.get("comments", []))
    _revisions(position, index)
    if can_edit and detail is not None:
        _coach_forms(position, index, detail)


def _revisions(position: int, index: int) -> None:
    mine = [r for r in revisions if r["questionIndex"] == index]
    if not mine:
        return
    with st.expander(text("review.revisions", count=len(mine)), icon=":material/history:"):
        previous = ""
        for revision in mine:
            when = times.local_time(revision["savedAt"], zone)
            kind = text(f"review.revision_{revision['kind']}")
            st.caption(f"{kind} · {when.strftime(text('review.time_format'))}")
            change = coach_views.revision_diff(previous, revision["text"])
            if change:
                st.code(change, language="diff")
            previous = revision["text"]


def _coach_forms(position: int, index: int, detail: dict) -> None:
    with st.expander(text("review.comment_or_override"), icon=":material/edit_note:"):
        with st.form(f"review_comment_form_{position}", border=False):
            st.text_area(text("review.comment"), key=f"review_comment_{position}", max_chars=5000)
            st.form_submit_button(
                text("review.add_comment"),
                key=f"review_add_comment_{position}",
                on_click=_comment,
                args=(index, f"review_comment_{position}"),
            )
        if not detail["dimensions"]:
            return
        with st.form(f"review_override_form_{position}", border=False):
            names = [d["dimension"] for d in detail["dimensions"]]
            left, right = st.columns(2)
            left.selectbox(
                text("review.dimension"),
                names,
                format_func=lambda name: report_views.dimension_label(name, text),
                key=f"review_dimension_{position}",
            )
            right.number_input(
                text("review.new_score"), 0, 100, value=50, key=f"review_score_{position}"
            )
            st.text_input(text("review.reason"), key=f"review_reason_{position}", max_chars=1000)
            st.form_submit_button(
                text("review.override"),
                key=f"review_override_{position}",
                on_click=_override,
                args=(index, position),
            )


def _coach_actions(report: dict | None) -> None:
    st.subheader(text("review.actions"))
    regrade, open_report, delete = st.columns(3)
    if report is not None:
        regrade.button(
            text("report.regrade"),
            key="review_regrade",
            on_click=_regrade,
            icon=":material/restart_alt:",
            help=text("report.regrade_help"),
        )
        if open_report.button(text("review.open_report"), key="review_open_report"):
            ui.go_to(ui.REPORT_PAGE, session_id)
    if delete.button(text("review.delete"), key="review_delete", icon=":material/delete:"):
        st.session_state["review_confirm_delete"] = True
    if st.session_state.get("review_confirm_delete"):
        st.warning(text("review.confirm_delete"))
        yes, no = st.columns(2)
        if yes.button(text("review.delete_yes"), key="review_delete_yes", type="primary"):
            api.delete_session(session_id, by=coach)
            st.session_state.pop("review_confirm_delete", None)
            st.session_state.pop(ui.REVIEW_SESSION, None)
            ui.go_to(ui.DASHBOARD_PAGE)
        if no.button(text("review.delete_no"), key="review_delete_no"):
            st.session_state.pop("review_confirm_delete", None)
            st.rerun()


api = ui.get_api()
text = ui.text()
ui.settle_imports("pandas")
zone = times.browser_timezone(st.context.timezone)
session_id = st.session_state.get(ui.REVIEW_SESSION)
coach = identity.current_coach()
access = api.session_access(session_id) if session_id else None
own_sample = (
    access is not None
    and ui.is_ok(access)
    and access["data"]["isSample"]
    and access["data"]["owner"] == identity.candidate_owner()
)
if coach is None and not own_sample:
    identity.require_coach()
can_edit = coach is not None
if not session_id:
    st.info(text("review.pick_from_dashboard"))
    if st.button(text("coach.open_dashboard"), key="review_to_dashboard", type="primary"):
        ui.go_to(ui.DASHBOARD_PAGE)
    st.stop()

session = api.get_session(session_id)
if not ui.is_ok(session):
    ui.show_not_found(ui.plain_message(session))
session = session["data"]
if coach and st.session_state.get(VIEWED) != session_id:
    api.coach.record_view(session_id, by=coach)
    st.session_state[VIEWED] = session_id
roles = api.list_roles()
titles = progress_views.track_titles(roles["data"] if ui.is_ok(roles) else [], text)
ended = session["status"] in ("COMPLETED", "EVALUATED")
report = api.generate_report(session_id) if ended else None
report = report["data"] if report is not None and ui.is_ok(report) else None
history = api.answer_history(session_id)
revisions = history["data"] if ui.is_ok(history) else []
seconds = coach_views.seconds_per_question(session["createdAt"], revisions)
labels = coach_views.question_labels(session["questions"], text)
total_seconds = None
if session["completedAt"]:
    total_seconds = coach_views.seconds_between(session["createdAt"], session["completedAt"])

st.title(text("review.title", candidate=ui.as_plain_markdown(session["candidateName"])))
if own_sample and not can_edit:
    st.info(text("review.sample_read_only"), icon=":material/visibility:")
elif access is not None and ui.is_ok(access) and access["data"]["isSample"]:
    st.caption(text("review.is_sample"))
if notice := st.session_state.pop(NOTICE, None):
    level, message = notice
    getattr(st, level)(message)
_header(session, report, total_seconds)
_session_comments(report)

st.header(text("review.transcript"))
details = {d["questionIndex"]: d for d in (report or {}).get("questionDetails", [])}
reviewed = {
    q["questionIndex"]: q for q in ((report or {}).get("coachReview") or {}).get("questions", [])
}
for position, question in enumerate(session["questions"]):
    _question(
        position,
        question,
        details.get(question["questionIndex"]),
        reviewed.get(question["questionIndex"], {}),
    )
    st.divider()

if can_edit:
    _coach_actions(report)
