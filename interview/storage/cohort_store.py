"""The store's queries over the whole cohort, for the coach dashboard: one page of sessions,
headline counts, and the scores charts are drawn from. Every filter runs in SQL, so a page of
ten thousand sessions reads only the rows it shows.
"""

from sqlalchemy import Connection, Row, and_, case, func, select, true

from interview.storage.schema import reports, sessions

_FINISHED = ("COMPLETED", "EVALUATED")


def _filtered(query, filters: dict):
    """`query` limited to the sessions the dashboard's filters describe."""
    conditions = []
    if not filters.get("samples"):
        conditions.append(sessions.c.is_sample.is_(False))
    if filters.get("candidate"):
        pattern = "%" + _escape_like(filters["candidate"]) + "%"
        conditions.append(sessions.c.candidate_key.like(pattern, escape="\\"))
    if filters.get("roles"):
        conditions.append(sessions.c.role.in_(filters["roles"]))
    if filters.get("statuses"):
        conditions.append(sessions.c.status.in_(filters["statuses"]))
    if filters.get("since") is not None:
        conditions.append(sessions.c.created_at >= filters["since"])
    if filters.get("until") is not None:
        conditions.append(sessions.c.created_at < filters["until"])
    if filters.get("min_score") is not None:
        conditions.append(reports.c.overall_score >= filters["min_score"])
    if filters.get("max_score") is not None:
        conditions.append(reports.c.overall_score <= filters["max_score"])
    joined = sessions.outerjoin(reports, reports.c.session_id == sessions.c.id)
    return query.select_from(joined).where(and_(true(), *conditions))


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def session_page(conn: Connection, filters: dict, limit: int | None, offset: int) -> list[Row]:
    """Sessions newest first, with their final overall score and flag count."""
    query = _filtered(
        select(
            sessions.c.id,
            sessions.c.candidate_name,
            sessions.c.role,
            sessions.c.status,
            sessions.c.created_at,
            sessions.c.completed_at,
            sessions.c.is_sample,
            reports.c.overall_score,
            reports.c.ai_overall_score,
            reports.c.flag_count,
        ),
        filters,
    ).order_by(sessions.c.created_at.desc(), sessions.c.id)
    if limit is not None:
        query = query.limit(limit).offset(offset)
    return list(conn.execute(query))


def headline(conn: Connection, filters: dict) -> Row:
    """Sessions, candidates, finished sessions, mean final score, sessions with flags."""
    query = _filtered(
        select(
            func.count().label("sessions"),
            func.count(sessions.c.candidate_key.distinct()).label("candidates"),
            func.sum(case((sessions.c.status.in_(_FINISHED), 1), else_=0)).label("finished"),
            func.avg(reports.c.overall_score).label("mean_score"),
            func.sum(case((reports.c.flag_count > 0, 1), else_=0)).label("flagged"),
        ),
        filters,
    )
    return conn.execute(query).one()


def scored_sessions(conn: Connection, filters: dict) -> list[Row]:
    """Every scored session: who, when, its final overall and dimension scores (oldest first)."""
    query = _filtered(
        select(
            sessions.c.candidate_key,
            sessions.c.candidate_name,
            sessions.c.created_at,
            sessions.c.completed_at,
            reports.c.overall_score,
            reports.c.dimension_scores,
        ),
        filters,
    )
    query = query.where(reports.c.overall_score.is_not(None)).order_by(sessions.c.created_at)
    return list(conn.execute(query))
