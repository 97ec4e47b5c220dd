"""The reports' queries: each finished session's report, and the ones re-grades replaced.

Each function takes a connection inside a transaction the caller opened (see database.py).
"""

from sqlalchemy import Connection, Row, and_, delete, insert, select, update

from interview.storage.database import utcnow
from interview.storage.schema import questions, report_versions, reports, sessions


def report_body(conn: Connection, session_id: str) -> dict | None:
    query = select(reports.c.body).where(reports.c.session_id == session_id)
    return conn.execute(query).scalar_one_or_none()


def summary_provenance(conn: Connection, session_id: str) -> dict | None:
    query = select(reports.c.summary_provenance).where(reports.c.session_id == session_id)
    return conn.execute(query).scalar_one_or_none()


def save_report(
    conn: Connection,
    session_id: str,
    body: dict,
    scores: dict[int, tuple],
    summary_provenance: dict | None = None,
    figures: dict | None = None,
    replaced_by: str | None = None,
) -> None:
    """Store the report, copy each question's score and feedback, and mark the session EVALUATED.

    A report it replaces (a re-grade) is kept in report_versions, with who re-graded.

    `figures` are the final report's (sessions.review.figures): with a coach's overrides they
    differ from the evaluator's body.
    """
    figures = figures or {"overall_score": body["overallScore"]}
    _keep_replaced_report(conn, session_id, replaced_by)
    conn.execute(delete(reports).where(reports.c.session_id == session_id))
    conn.execute(
        insert(reports).values(
            session_id=session_id,
            body=body,
            generated_at=utcnow(),
            summary_provenance=summary_provenance,
            **figures,
        )
    )
    set_question_scores(conn, session_id, scores)
    conn.execute(update(sessions).where(sessions.c.id == session_id).values(status="EVALUATED"))


def set_question_scores(conn: Connection, session_id: str, scores: dict[int, tuple]) -> None:
    """Each question's (score, feedback) by position; a feedback of None leaves it as it is."""
    for position, (score, feedback) in scores.items():
        values = {"score": score} if feedback is None else {"score": score, "feedback": feedback}
        conn.execute(
            update(questions)
            .where(and_(questions.c.session_id == session_id, questions.c.position == position))
            .values(**values)
        )


def set_report_figures(conn: Connection, session_id: str, figures: dict) -> None:
    conn.execute(update(reports).where(reports.c.session_id == session_id).values(**figures))


def _keep_replaced_report(conn: Connection, session_id: str, replaced_by: str | None) -> None:
    query = select(reports.c.body, reports.c.generated_at).where(reports.c.session_id == session_id)
    old = conn.execute(query).one_or_none()
    if old is not None:
        conn.execute(
            insert(report_versions).values(
                session_id=session_id,
                body=old.body,
                generated_at=old.generated_at,
                replaced_at=utcnow(),
                replaced_by=replaced_by,
            )
        )


def report_versions_of(conn: Connection, session_id: str) -> list[Row]:
    """The reports re-grades replaced, oldest first."""
    query = (
        select(report_versions)
        .where(report_versions.c.session_id == session_id)
        .order_by(report_versions.c.replaced_at, report_versions.c.id)
    )
    return list(conn.execute(query))
