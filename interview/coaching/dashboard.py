"""The coach dashboard's data: every session as a row, a page at a time, and the cohort's
figures: headline counts, the score distribution, candidates x dimensions, each one's trend."""

from collections import defaultdict
from datetime import date, datetime, time, timedelta

from interview.errors import InterviewError
from interview.scoring import rubric
from interview.sessions import validation
from interview.sessions.views import iso
from interview.storage import cohort_store
from interview.storage.database import Database, as_utc

STATUSES = ("CREATED", "IN_PROGRESS", "COMPLETED", "EVALUATED")
LONGEST_PAGE = 500
FILTERS = ("candidate", "roles", "statuses", "since", "until", "min_score", "max_score", "samples")


def session_page(db: Database, filters: dict, page: int = 0, page_size: int = 50) -> dict:
    """One page of sessions, newest first, and how many match the filters in all."""
    checked = check_filters(filters)
    page, page_size = validation.check_page(page, page_size, LONGEST_PAGE)
    with db.reading() as conn:
        total = cohort_store.headline(conn, checked).sessions
        rows = cohort_store.session_page(conn, checked, page_size, page * page_size)
    return {"total": total, "rows": [_row(row) for row in rows]}


def all_sessions(db: Database, filters: dict) -> list[dict]:
    """Every matching session, for the CSV export."""
    checked = check_filters(filters)
    with db.reading() as conn:
        return [_row(row) for row in cohort_store.session_page(conn, checked, None, 0)]


def cohort(db: Database, filters: dict) -> dict:
    """Headline figures, the final overall scores, candidates x dimensions, and trends."""
    checked = check_filters(filters)
    with db.reading() as conn:
        counts = cohort_store.headline(conn, checked)
        scored = cohort_store.scored_sessions(conn, checked)
    mean = counts.mean_score
    return {
        "figures": {
            "sessions": counts.sessions,
            "candidates": counts.candidates,
            "finished": int(counts.finished or 0),
            "meanScore": None if mean is None else rubric.round_half_up(float(mean)),
            "flagged": int(counts.flagged or 0),
        },
        "scores": [row.overall_score for row in scored],
        "heatmap": _heatmap(scored),
        "trends": _trends(scored),
    }


def check_filters(filters: dict) -> dict:
    if not isinstance(filters, dict):
        raise InterviewError(400, "filters must be a mapping of filter names to values")
    unknown = [name for name in filters if name not in FILTERS]
    if unknown:
        raise InterviewError(400, f"Unknown filter: {str(unknown[0])[:50]}")
    checked = {name: value for name, value in filters.items() if value not in (None, "", [])}
    if "candidate" in checked:
        if not isinstance(checked["candidate"], str):
            raise InterviewError(400, "candidate must be a string")
        checked["candidate"] = " ".join(checked["candidate"].split()).casefold()
    for name, allowed in (("statuses", STATUSES), ("roles", None)):
        values = checked.get(name)
        if values is None:
            continue
        if not isinstance(values, list | tuple) or not all(isinstance(v, str) for v in values):
            raise InterviewError(400, f"{name} must be a list of strings")
        if allowed and set(values) - set(allowed):
            raise InterviewError(400, f"statuses must be among: {', '.join(STATUSES)}")
    for name in ("since", "until"):
        if name in checked:
            checked[name] = _moment(name, checked[name], next_day=name == "until")
    for name in ("min_score", "max_score"):
        if name in checked and (type(checked[name]) is not int or not 0 <= checked[name] <= 100):
            raise InterviewError(400, f"{name} must be a whole number from 0 to 100")
    checked["samples"] = bool(checked.get("samples"))
    return checked


def _moment(name: str, value: object, *, next_day: bool) -> datetime:
    """A date filter as a UTC moment: `until` a date means up to the end of that day."""
    if isinstance(value, datetime):
        return as_utc(value)
    if isinstance(value, date):
        day = value + timedelta(days=1) if next_day else value
        return as_utc(datetime.combine(day, time.min))
    raise InterviewError(400, f"{name} must be a date")


def _row(row) -> dict:
    duration = None
    if row.completed_at is not None:
        seconds = (as_utc(row.completed_at) - as_utc(row.created_at)).total_seconds()
        duration = max(0, round(seconds))
    score = row.overall_score
    return {
        "sessionId": row.id,
        "candidateName": row.candidate_name,
        "role": row.role,
        "status": row.status,
        "overallScore": score,
        "aiOverallScore": row.ai_overall_score,
        "band": None if score is None else rubric.band_of(score),
        "createdAt": iso(row.created_at),
        "completedAt": iso(row.completed_at),
        "durationSeconds": duration,
        "integrityFlags": row.flag_count or 0,
        "isSample": bool(row.is_sample),
    }


def _heatmap(scored) -> dict:
    """Each candidate's mean final score per dimension over their scored sessions."""
    names: dict[str, str] = {}
    sums: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for row in scored:
        names[row.candidate_key] = row.candidate_name  # the latest spelling
        for dimension, score in (row.dimension_scores or {}).items():
            sums[row.candidate_key][dimension].append(score)
    candidates = sorted(names, key=lambda key: names[key].casefold())
    return {
        "candidates": [names[key] for key in candidates],
        "dimensions": list(rubric.DIMENSION_NAMES),
        "scores": [
            [rubric.mean_half_up(sums[key][name]) for name in rubric.DIMENSION_NAMES]
            for key in candidates
        ],
    }


def _trends(scored) -> dict[str, list[dict]]:
    """Each candidate's final overall scores in time order (by when the session started)."""
    trends: dict[str, list[dict]] = defaultdict(list)
    names: dict[str, str] = {}
    for row in scored:
        names[row.candidate_key] = row.candidate_name
        trends[row.candidate_key].append({"at": iso(row.created_at), "score": row.overall_score})
    return {names[key]: points for key, points in trends.items()}
