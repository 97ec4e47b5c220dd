"""Report: the overall score, charts of the rubric, each answer with its feedback, downloads."""

import uuid
from collections.abc import Callable
from functools import partial

import streamlit as st

from app_pages import (
    identity,
    interview_views,
    progress_views,
    report_files,
    report_views,
    review_views,
    times,
    ui,
)
from app_pages.text import Text
from interview.scoring.rubric import RUBRIC_VERSION, band_of

# The charts are read, not explored: no plotly toolbar.
_CHART_CONFIG = {"displayModeBar": False}
# A new id for each drawing of this page; a second click reruns with the same one, so a double
# click on "Practise again" or "Retry weak questions" makes one session.
NEXT_REQUEST_ID = "report_next_request_id"
REGRADED = "report_regraded"  # what the last re-grade changed, for the run after it


def _bullets(items: list[str]) -> None:
    for item in items:
        st.markdown(f"- {ui.as_plain_markdown(item)}")


def _heading(key: str) -> None:
    st.markdown(f"**{text(key)}**")


def _question_detail(detail: dict, reference: dict | None, provenance: dict | None) -> None:
    """Everything about one question. Candidate words are shown as plain text, never markup."""
    band = report_views.band_label(band_of(detail["score"]), text)
    label = labels[detail["questionIndex"]]
    title = text("report.card_title", label=label, score=detail["score"], band=band)
    notes = coach_notes.get(detail["questionIndex"])
    if notes:
        title += " · " + text("report.coach_reviewed")
    with st.expander(ui.as_plain_markdown(title)):
        if notes:
            _heading("report.coach_notes")
            st.caption(text("report.ai_score_was", ai=ai_scores[detail["questionIndex"]]))
            for note in notes:
                st.text(note)
        _heading("report.question")
        st.text(detail["question"])
        _heading("report.your_answer")
        st.text(detail["userAnswer"] or text("common.not_answered"))
        for dimension in detail["dimensions"]:
            name = report_views.dimension_label(dimension["dimension"], text)
            st.markdown(f"**{name}**: {dimension['score']}")
            if dimension["evidence"]:
                st.text(f"“{dimension['evidence']}”")
        _heading("report.feedback")
        st.text(detail["feedback"] or "")
        if provenance and provenance["source"] == "builtin-fallback":
            reason = provenance["fallbackReason"] or "?"
            st.caption(text("report.fallback_card", reason=ui.as_plain_markdown(reason)))
        if reference and reference["referenceAnswer"]:
            _heading("report.reference")
            st.text(reference["referenceAnswer"])
        if reference and reference["keyPoints"]:
            _heading("report.key_points")
            _bullets(reference["keyPoints"])


def _scoring(report: dict, details: dict | None) -> None:
    """Who scored the report, with which prompt and rubric, what the model cost; re-grading."""
    with st.expander(text("report.scoring"), icon=":material/fact_check:"):
        evaluator = report["evaluator"]
        versions = [q["rubricVersion"] for q in (details or {}).get("questions", [])]
        rubric = next((v for v in versions if v), None) or RUBRIC_VERSION
        if evaluator["model"]:
            model = ui.as_plain_markdown(evaluator["model"])
            line = text(
                "report.scored_by_model", model=model, version=evaluator["version"], rubric=rubric
            )
        else:
            line = text("report.scored_by_builtin", version=evaluator["version"], rubric=rubric)
        st.caption(line)
        if details:
            _model_use(details)
        if coach:  # re-grading is a coach's action, recorded under their name
            st.button(
                text("report.regrade"),
                key="regrade",
                icon=":material/restart_alt:",
                on_click=_regrade,
                help=text("report.regrade_help"),
            )


def _model_use(details: dict) -> None:
    fallback = [
        labels.get(q["questionIndex"], "?")
        for q in details["questions"]
        if q["source"] == "builtin-fallback"
    ]
    if fallback:
        st.caption(text("report.fallback_questions", questions=", ".join(fallback)))
    totals = details["totals"]
    if totals["calls"]:
        st.caption(
            text(
                "report.tokens",
                calls=totals["calls"],
                prompt_tokens=totals["promptTokens"],
                completion_tokens=totals["completionTokens"],
            )
        )
        if totals["estimatedCost"] is not None:
            st.caption(text("report.cost", cost=totals["estimatedCost"]))


def _regrade() -> None:
    result = api.regrade(session_id, by=coach)
    if not ui.is_ok(result):
        st.session_state[REGRADED] = ui.plain_message(result)
        return
    changes = [
        text(
            "report.regrade_change",
            label=labels[c["questionIndex"]],
            before=c["before"],
            after=c["after"],
        )
        for c in result["data"]["changes"]
    ]
    if changes:
        st.session_state[REGRADED] = text("report.regrade_changed", changes="; ".join(changes))
    else:
        st.session_state[REGRADED] = text("report.regrade_same")


def _file_meta(report: dict) -> dict:
    """What the files' line under the title says: the track's title, the date where you are."""
    roles = api.list_roles()
    titles = progress_views.track_titles(roles["data"] if ui.is_ok(roles) else [], text)
    zone = times.browser_timezone(st.context.timezone)
    generated = times.local_time(report["generatedAt"], zone)
    return {
        "track": titles.get(report["role"], report["role"]),
        "date": generated.strftime(text("report.date_format")),
    }


def _pdf(report: dict, text: Text) -> bytes:
    from app_pages.pdf.document import report_pdf  # fpdf2 and the font load on the first click

    return report_pdf(report, text, meta=_file_meta(report))


def _rubric() -> None:
    """What each dimension rewards, its weight, and the bands."""
    with st.expander(text("report.rubric_title"), icon=":material/help:"):
        for name, meaning, weight in report_views.rubric_rows(report, text):
            st.markdown(f"**{name}** · {weight}  \n{meaning}")
        st.caption(report_views.bands_line(report, text))


def _start_next_interview(request_for: Callable[[dict], dict]) -> None:
    """Create the interview `request_for` makes of this one, and go to it; errors in plain words."""
    finished = api.get_session(session_id)
    if not ui.is_ok(finished):
        st.error(ui.plain_message(finished))
        return
    request = request_for(finished["data"])
    created = api.create_session(
        **request, request_id=st.session_state[NEXT_REQUEST_ID], owner=identity.candidate_owner()
    )
    if not ui.is_ok(created):
        st.error(ui.plain_message(created))
        return
    next_session_id = created["data"]["sessionId"]
    ui.remember_session(next_session_id)
    ui.go_to(ui.INTERVIEW_PAGE, next_session_id)


api = ui.get_api()
ui.settle_imports("pandas", "plotly.graph_objects")  # the charts and the CSV use them
text = ui.text()
coach = identity.current_coach()
session_id = ui.current_session_id()
if not session_id:
    ui.show_nothing_yet(text("common.no_report_yet"))

result = api.generate_report(session_id)
if result["message"] == "Interview not completed":
    st.info(ui.plain_message(result))
    if st.button(text("report.back_to_interview"), key="back_to_interview", type="primary"):
        ui.go_to(ui.INTERVIEW_PAGE, session_id)
    st.stop()
if not ui.is_ok(result):
    ui.stop_on_outage(result)
    ui.show_not_found(ui.plain_message(result))
report = result["data"]
details = report["questionDetails"]
labels = report_views.question_labels(details, text)
references = {r["questionIndex"]: r for r in report["referenceAnswers"]}

st.title(text("report.title"))
overall, band, answered = st.columns(3)
overall.metric(text("report.overall"), report["overallScore"])
band.metric(text("report.band"), report_views.band_label(report["band"], text).capitalize())
answered.metric(text("report.answered"), report_views.answered_mains(report, text))
if follow_ups := report_views.answered_follow_ups(report, text):
    answered.caption(follow_ups)
st.text(report["overallFeedback"])
coach_notes = review_views.question_notes(report, text)
ai_scores = review_views.ai_scores(report)
if review_views.has_review(report):
    with st.container(border=True):
        st.markdown(f"**{text('report.coach_review')}**")
        st.caption(ui.as_plain_markdown(review_views.summary_line(report, text)))
        for comment in review_views.session_comments(report):
            st.text(comment)
access = api.session_access(session_id)
own_sample = ui.is_ok(access) and access["data"]["isSample"]
own_sample = own_sample and access["data"]["owner"] == identity.candidate_owner()
if coach or own_sample:
    if own_sample:
        st.info(text("report.sample_note"), icon=":material/visibility:")
    if st.button(text("report.coach_view"), key="coach_view", icon=":material/rate_review:"):
        st.session_state[ui.REVIEW_SESSION] = session_id
        ui.go_to(ui.REVIEW_PAGE)

radar, categories = st.columns(2)
with radar:
    st.subheader(text("report.radar"))
    st.plotly_chart(report_views.dimension_radar(report, text), config=_CHART_CONFIG)
with categories:
    st.subheader(text("report.per_category"))
    st.plotly_chart(report_views.category_scores_bar(report, text), config=_CHART_CONFIG)
st.subheader(text("report.per_question"))
st.plotly_chart(report_views.question_scores_bar(report, text), config=_CHART_CONFIG)

strengths, improvements = st.columns(2)
with strengths:
    st.subheader(text("report.strengths"))
    _bullets(report["strengths"])
with improvements:
    st.subheader(text("report.improvements"))
    _bullets(report["improvements"])

if report["integrityFlags"]:
    st.subheader(text("report.integrity"))
    _bullets(report_views.integrity_items(report, text))

provenance = api.evaluation_details(session_id)
provenance = provenance["data"] if ui.is_ok(provenance) else None
by_index = {q["questionIndex"]: q for q in (provenance or {}).get("questions", [])}
st.subheader(text("report.by_question"))
for detail in details:
    index = detail["questionIndex"]
    _question_detail(detail, references.get(index), by_index.get(index))
if regraded := st.session_state.pop(REGRADED, None):
    st.info(regraded)
_rubric()
_scoring(report, provenance)

st.subheader(text("report.download"))
file_stem = f"rehearse-report-{report['sessionId'][:8]}"
# (key, file suffix, MIME type, icon, how to build the file). Each file is built only when its
# button is clicked (the HTML carries plotly's JavaScript, the PDF a font); a download needs no
# rerun, and one would redraw the buttons under the next click.
downloads = [
    (
        "html",
        "text/html",
        ":material/description:",
        lambda: report_files.report_html(report, text, _file_meta(report)),
    ),
    ("pdf", "application/pdf", ":material/picture_as_pdf:", partial(_pdf, report, text)),
    ("csv", "text/csv", ":material/table:", partial(report_files.report_csv, report)),
    (
        "json",
        "application/json",
        ":material/data_object:",
        partial(report_files.report_json, report),
    ),
]
for column, (suffix, mime, icon, build) in zip(st.columns(4), downloads, strict=True):
    column.download_button(
        text(f"report.download_{suffix}"),
        data=build,
        file_name=f"{file_stem}.{suffix}",
        mime=mime,
        key=f"download_{suffix}",
        on_click="ignore",
        icon=icon,
    )

if not (st.session_state.get("practise_again") or st.session_state.get("retry_weak")):
    st.session_state[NEXT_REQUEST_ID] = uuid.uuid4().hex
again, weak, new = st.columns(3)
if again.button(
    text("report.practise_again"), key="practise_again", icon=":material/replay:", type="primary"
):
    context = api.session_context(session_id)  # the same job description and resume
    context = context["data"] if ui.is_ok(context) else None
    _start_next_interview(
        partial(interview_views.practise_again_request, context=context, report=report)
    )
if weak.button(text("report.retry_weak"), key="retry_weak", icon=":material/fitness_center:"):
    _start_next_interview(partial(interview_views.retry_weak_request, report=report))
if new.button(text("common.start_new"), key="new_interview"):
    st.session_state.pop(ui.SESSION_ID, None)
    st.query_params.clear()
    ui.go_to(ui.START_PAGE)
