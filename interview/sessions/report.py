"""The report: every number computed here from the evaluations, the prose from the interviewer.

Answers are normally evaluated in the background as they are submitted (evaluations.py); the
report reuses each stored evaluation of the answer text it finds and evaluates only what is
missing. The summary is one more interviewer call, made here, unless the evaluation of the
answer that completed the interview wrote it in the same call (evaluations.py) from exactly the
evaluations scored here: then the report makes no call at all.
"""

from sqlalchemy import Connection, Row

from interview.errors import InterviewError
from interview.interviewers.base import (
    AskedQuestion,
    Evaluation,
    Interviewer,
    ScoredQuestion,
    Summary,
)
from interview.interviewers.llm.usage import Usage
from interview.interviewers.metering import NOTHING, metered, spent
from interview.scoring import rubric
from interview.sessions import review
from interview.sessions.evaluation_records import (
    answer_digest,
    evaluation_of,
    question_score,
    result_fields,
    summary_of,
)
from interview.sessions.evaluations import EvaluationWorker
from interview.sessions.status import ENDED
from interview.sessions.stored import spec_of
from interview.sessions.views import iso
from interview.storage import evaluation_store, report_store, set_store, store
from interview.storage.database import Database, utcnow

NOT_ANSWERED = {"en": "Not answered.", "zh": "未作答。"}


def generate_report(
    db: Database,
    worker: EvaluationWorker,
    session_id: str,
    *,
    regenerate: bool = False,
    by: str | None = None,
) -> dict:
    """The report with a coach's review applied (sessions.review); stored as the evaluator's.

    Regenerated, the report it replaces is kept as an earlier version, noted as `by`'s."""
    session, stored, rows = _ended_session(db, session_id)
    if stored is None or regenerate:
        worker.wait_for_session(session_id)  # what this process is evaluating for it right now
        with db.reading() as conn:
            done = evaluation_store.done_evaluations(conn, session_id, rubric.RUBRIC_VERSION)
        stored = _scored_report(
            db, worker, session, rows, done, reuse_summary=not regenerate, replaced_by=by
        )
    with db.reading() as conn:
        return review.reviewed(stored, *review.notes_of(conn, session_id))


def refresh_final_figures(conn: Connection, session_id: str) -> dict | None:
    """After a coach's review changed: the final report's figures and question scores, stored.

    Returns the final report, or None when the session has no stored report yet.
    """
    body = report_store.report_body(conn, session_id)
    if body is None:
        return None
    final = review.reviewed(body, *review.notes_of(conn, session_id))
    report_store.set_report_figures(conn, session_id, review.figures(final))
    report_store.set_question_scores(conn, session_id, _final_scores(final))
    return final


def _final_scores(final: dict) -> dict[int, tuple]:
    return {d["questionIndex"]: (d["score"], None) for d in final["questionDetails"]}


def regrade(db: Database, worker: EvaluationWorker, session_id: str, by: str | None = None) -> dict:
    """Evaluate every answer again under the current interviewer; store and compare the report.

    The coaches' changed scores and comments stay on top of the new grade (sessions.review), and
    the report it replaces is kept as an earlier version, noted as `by`'s.

    A session from a coach's question set is graded against the set as it is now (its reference
    answers and key points, the version noted), which only a re-grade ever does."""
    _ended_session(db, session_id)  # 404 / 409 before anything changes
    with db.transaction() as conn:
        set_store.refresh_from_question_set(conn, session_id)
    session, before, rows = _ended_session(db, session_id)
    after = _scored_report(db, worker, session, rows, done={}, replaced_by=by)
    return {"before": before, "after": after, "changes": _changes(before, after)}


def _ended_session(db: Database, session_id: str) -> tuple[Row, dict | None, list[Row]]:
    """The session (404 / 409 unless ended), its stored report if any, and its questions."""
    with db.reading() as conn:
        session = store.session_row(conn, session_id)
        if session is None:
            raise InterviewError(404, "Session not found")
        if session.status not in ENDED:
            raise InterviewError(409, "Interview not completed")
        stored = (
            report_store.report_body(conn, session_id) if session.status == "EVALUATED" else None
        )
        return session, stored, store.question_rows(conn, session_id)


def _scored_report(
    db: Database,
    worker: EvaluationWorker,
    session: Row,
    rows: list[Row],
    done: dict[tuple[int, str], Row],
    *,
    reuse_summary: bool = False,
    replaced_by: str | None = None,
) -> dict:
    """Score every question (evaluating what `done` lacks), summarize, store the report."""
    interviewer = worker.interviewer
    # Evaluations and the summary may be slow (a model): they run outside any transaction.
    scored, fresh = _score_questions(worker, rows, done)
    kept = _kept_summary(rows, done) if reuse_summary and not fresh else None
    if kept is not None:
        (summary, written_with), usage = kept, NOTHING
    else:
        summary, usage = metered(interviewer, lambda: interviewer.summarize(scored))
        written_with = None
    body = build_report(session, scored, interviewer, summary)
    scores = {q.question.index: (q.score, _feedback(q)) for q in scored}
    provenance = summary_provenance(summary)
    if written_with is not None:
        provenance["writtenWithQuestion"] = written_with
    with db.transaction() as conn:
        final = review.reviewed(body, *review.notes_of(conn, session.id))
        final_scores = {d["questionIndex"]: d["score"] for d in final["questionDetails"]}
        scores = {index: (final_scores[index], feedback) for index, (_, feedback) in scores.items()}
        report_store.save_report(
            conn, session.id, body, scores, provenance, review.figures(final), replaced_by
        )
        evaluation_store.save_evaluated(conn, fresh)
        if spent(usage):
            evaluation_store.record_usage(conn, session.id, "summary", usage)
    return body


def _score_questions(
    worker: EvaluationWorker, rows: list[Row], done: dict[tuple[int, str], Row]
) -> tuple[list[ScoredQuestion], list[dict]]:
    """Every question scored by code from its evaluation, and the evaluations made just now."""
    by_id = {row.id: row for row in rows}
    asked = {row.id: _asked(row, by_id) for row in rows}
    answered = [row for row in rows if row.answered and row.user_answer]
    digests = {row.id: answer_digest(row.user_answer) for row in answered}
    missing = [row for row in answered if (row.id, digests[row.id]) not in done]
    made = worker.evaluate_all([(asked[row.id], row.user_answer) for row in missing])
    evaluations = {key: evaluation_of(row) for key, row in done.items()}
    fresh = []
    for row, (evaluation, usage) in zip(missing, made, strict=True):
        evaluations[(row.id, digests[row.id])] = evaluation
        fresh.append(_record(worker.interviewer, row, digests[row.id], evaluation, usage))
    scored = []
    for row in rows:
        evaluation = evaluations[(row.id, digests[row.id])] if row.id in digests else None
        scored.append(_scored(asked[row.id], row.user_answer, evaluation))
    return scored, fresh


def _kept_summary(rows: list[Row], done: dict[tuple[int, str], Row]) -> tuple[Summary, int] | None:
    """The summary written with the last answer's evaluation, and that question's index, if it
    was written from exactly the evaluations this report scores."""
    used = [
        done[(row.id, answer_digest(row.user_answer))]
        for row in rows
        if row.answered and row.user_answer
    ]
    ids = {evaluation.id for evaluation in used}
    positions = {row.id: row.position for row in rows}
    for evaluation in used:
        summary = summary_of(evaluation, ids) if ids else None
        if summary is not None:
            return summary, positions[evaluation.question_id]
    return None


def _scored(asked: AskedQuestion, answer: str | None, evaluation: Evaluation | None):
    if evaluation is None:
        return ScoredQuestion(asked, None, 0, None)
    return ScoredQuestion(asked, answer, question_score(evaluation), evaluation)


def _record(
    interviewer: Interviewer, row: Row, digest: str, evaluation: Evaluation, usage: Usage
) -> dict:
    return {
        "session_id": row.session_id,
        "question_id": row.id,
        "answer_digest": digest,
        **result_fields(interviewer, evaluation, usage),
    }


def summary_provenance(summary: Summary) -> dict:
    """Who wrote the summary, as evaluation_details shows it."""
    return {
        "source": summary.source,
        "model": summary.model,
        "promptVersion": summary.prompt_version,
        "rubricVersion": rubric.RUBRIC_VERSION,
        "fallbackReason": summary.fallback_reason,
        "promptTokens": summary.prompt_tokens,
        "completionTokens": summary.completion_tokens,
        "status": "done",
    }


def _changes(before: dict | None, after: dict) -> list[dict]:
    """Questions whose score differs between two reports of one session."""
    if before is None:
        return []
    old = {detail["questionIndex"]: detail["score"] for detail in before["questionDetails"]}
    return [
        {"questionIndex": index, "before": old[index], "after": detail["score"]}
        for detail in after["questionDetails"]
        if (index := detail["questionIndex"]) in old and old[index] != detail["score"]
    ]


def _asked(row: Row, by_id: dict[int, Row]) -> AskedQuestion:
    if not row.is_follow_up:
        return AskedQuestion(index=row.position, spec=spec_of(row))
    main = by_id[row.parent_id]
    parent = AskedQuestion(index=main.position, spec=spec_of(main))
    return AskedQuestion(row.position, spec_of(row), is_follow_up=True, parent=parent)


def _dimension_map(evaluation: Evaluation) -> dict[str, int]:
    return {d.dimension: d.score for d in evaluation.dimensions}


def _feedback(question: ScoredQuestion) -> str:
    if question.evaluation is None:
        return NOT_ANSWERED[_language_of(question.question.spec.text)]
    return question.evaluation.feedback


def _language_of(text: str) -> str:
    cjk = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
    return "zh" if cjk * 3 > len(text) else "en"


def build_report(
    session: Row,
    scored: list[ScoredQuestion],
    interviewer: Interviewer,
    summary: Summary | None = None,
) -> dict:
    """The Report of API.md, from the scored questions of one session (and their summary)."""
    answered = [q for q in scored if q.evaluation is not None]
    overall = rubric.mean_half_up(q.score for q in scored) or 0
    summary = summary or interviewer.summarize(scored)
    return {
        "sessionId": session.id,
        "candidateName": session.candidate_name,
        "role": session.role,
        "totalQuestions": len(scored),
        "answeredCount": len(answered),
        "overallScore": overall,
        "answeredAverage": rubric.mean_half_up(q.score for q in answered),
        "band": rubric.band_of(overall),
        "rubric": rubric.rubric_table(),
        "categoryScores": _category_scores(scored),
        "dimensionScores": _dimension_scores(answered),
        "questionDetails": [_detail(q) for q in scored],
        "overallFeedback": summary.overall_feedback,
        "strengths": list(summary.strengths) if answered else [],
        "improvements": list(summary.improvements) if answered else [],
        "referenceAnswers": [_reference(q) for q in scored],
        "integrityFlags": [
            {"questionIndex": q.question.index, "kind": flag.kind, "detail": flag.detail}
            for q in answered
            for flag in q.evaluation.flags
        ],
        "evaluator": {
            "name": interviewer.name,
            "version": interviewer.version,
            "model": interviewer.model,
        },
        "generatedAt": iso(utcnow()),
        **_question_set(session),
    }


def _question_set(session: Row) -> dict:
    """Which coach's set (and version) the questions came from; nothing for any other session."""
    if not session.question_set_name:
        return {}
    return {
        "questionSet": {
            "id": session.question_set_id,
            "name": session.question_set_name,
            "version": session.question_set_version,
        }
    }


def _category_scores(scored: list[ScoredQuestion]) -> list[dict]:
    """Mean score per category (unanswered = 0); a follow-up counts under its main question's."""
    by_category: dict[str, list[int]] = {}
    for q in scored:
        main = q.question.parent or q.question
        by_category.setdefault(main.spec.category, []).append(q.score)
    return [
        {"category": name, "score": rubric.mean_half_up(scores), "questionCount": len(scores)}
        for name, scores in by_category.items()
    ]


def _dimension_scores(answered: list[ScoredQuestion]) -> list[dict]:
    """Mean of each dimension over the answered questions (0 when nothing was answered)."""
    return [
        {
            "dimension": name,
            "score": rubric.mean_half_up(_dimension_map(q.evaluation)[name] for q in answered) or 0,
        }
        for name in rubric.DIMENSION_NAMES
    ]


def _detail(q: ScoredQuestion) -> dict:
    evaluation = q.evaluation
    return {
        "questionIndex": q.question.index,
        "question": q.question.spec.text,
        "category": (q.question.parent or q.question).spec.category,
        "isFollowUp": q.question.is_follow_up,
        "parentQuestionIndex": q.question.parent.index if q.question.parent else None,
        "userAnswer": q.answer,
        "score": q.score,
        "dimensions": [
            {"dimension": d.dimension, "score": d.score, "evidence": d.evidence}
            for d in (evaluation.dimensions if evaluation else ())
        ],
        "feedback": _feedback(q),
    }


def _reference(q: ScoredQuestion) -> dict:
    return {
        "questionIndex": q.question.index,
        "question": q.question.spec.text,
        "referenceAnswer": q.question.spec.reference_answer,
        "keyPoints": list(q.question.spec.key_points),
    }


def report_versions(db: Database, session_id: str) -> list[dict]:
    """Every report of a session, oldest first: the ones re-grades replaced, then the current one
    (each the evaluator's, before a coach's review), with who replaced it."""
    with db.reading() as conn:
        if store.session_row(conn, session_id) is None:
            raise InterviewError(404, "Session not found")
        earlier = report_store.report_versions_of(conn, session_id)
        current = report_store.report_body(conn, session_id)
    versions = [
        {
            "version": number,
            "overallScore": row.body["overallScore"],
            "generatedAt": iso(row.generated_at),
            "replacedAt": iso(row.replaced_at),
            "replacedBy": row.replaced_by,
            "report": row.body,
        }
        for number, row in enumerate(earlier, start=1)
    ]
    if current is not None:
        versions.append(
            {
                "version": len(versions) + 1,
                "overallScore": current["overallScore"],
                "generatedAt": current.get("generatedAt"),
                "replacedAt": None,
                "replacedBy": None,
                "report": current,
            }
        )
    return versions
