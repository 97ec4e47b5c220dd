"""The report: every number computed here from the evaluations, the prose from the interviewer."""

from sqlalchemy import Row

from interview import rubric, store
from interview.database import Database, utcnow
from interview.errors import InterviewError
from interview.interviewers.base import (
    AskedQuestion,
    Evaluation,
    Interviewer,
    ScoredQuestion,
)
from interview.sessions import ENDED, spec_of
from interview.views import iso

NOT_ANSWERED = {"en": "Not answered.", "zh": "未作答。"}


def generate_report(
    db: Database, interviewer: Interviewer, session_id: str, *, regenerate: bool = False
) -> dict:
    with db.reading() as conn:
        session = store.session_row(conn, session_id)
        if session is None:
            raise InterviewError(404, "Session not found")
        if session.status not in ENDED:
            raise InterviewError(409, "Interview not completed")
        stored = store.report_body(conn, session_id) if session.status == "EVALUATED" else None
        rows = store.question_rows(conn, session_id)
    if stored is not None and not regenerate:
        return stored
    # Evaluation may be slow (a model): it runs outside any transaction.
    scored = _score_questions(interviewer, rows)
    body = build_report(session, scored, interviewer)
    scores = {q.question.index: (q.score, _feedback(q)) for q in scored}
    with db.transaction() as conn:
        store.save_report(conn, session_id, body, scores)
    return body


def _score_questions(interviewer: Interviewer, rows: list[Row]) -> list[ScoredQuestion]:
    by_id = {row.id: row for row in rows}
    scored = []
    for row in rows:
        asked = _asked(row, by_id)
        if not row.answered or not row.user_answer:
            scored.append(ScoredQuestion(asked, None, 0, None))
            continue
        evaluation = interviewer.evaluate(asked, row.user_answer)
        score = rubric.question_score(_dimension_map(evaluation), evaluation.cap)
        scored.append(ScoredQuestion(asked, row.user_answer, score, evaluation))
    return scored


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


def build_report(session: Row, scored: list[ScoredQuestion], interviewer: Interviewer) -> dict:
    """The Report of API.md, from the scored questions of one session."""
    answered = [q for q in scored if q.evaluation is not None]
    overall = rubric.mean_half_up(q.score for q in scored) or 0
    summary = interviewer.summarize(scored)
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
