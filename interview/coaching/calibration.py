"""How far the evaluator's scores are from the coaches': per dimension, over time, and the
questions where they disagree most.

Each question's dimension a coach overrode is one pair: the evaluator's score and the coach's
score in force (a later override of the same dimension replaces the earlier one). Per dimension:
the mean absolute difference and Pearson's correlation (None with fewer than two pairs or no
spread on one side). Over time: the mean absolute difference of the pairs made each month.
Samples are left out: their overrides are made up.
"""

import math
from collections import defaultdict
from datetime import datetime

from interview.errors import InterviewError
from interview.scoring import rubric
from interview.storage import coach_store
from interview.storage.database import Database, as_utc

MOST_DISAGREEMENTS = 10


def calibration(db: Database, since: datetime | None = None) -> dict:
    if since is not None and not isinstance(since, datetime):
        raise InterviewError(400, "since must be a moment (datetime) or null")
    with db.reading() as conn:
        rows = coach_store.all_overrides(conn, as_utc(since) if since else None)
    pairs = _pairs_in_force([row for row in rows if not row.is_sample])
    return {
        "pairs": len(pairs),
        "dimensions": [_dimension_figures(name, pairs) for name in rubric.DIMENSION_NAMES],
        "months": _by_month(pairs),
        "disagreements": _disagreements(pairs),
    }


def _pairs_in_force(rows) -> list:
    latest = {}
    for row in rows:  # oldest first: a later override of the same score replaces the earlier
        latest[(row.question_id, row.dimension)] = row
    return list(latest.values())


def _dimension_figures(name: str, pairs: list) -> dict:
    mine = [(row.ai_score, row.new_score) for row in pairs if row.dimension == name]
    return {
        "dimension": name,
        "pairs": len(mine),
        "meanAbsoluteDifference": _mean_absolute_difference(mine),
        "correlation": pearson(mine),
    }


def _by_month(pairs: list) -> list[dict]:
    months: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for row in pairs:
        months[as_utc(row.created_at).strftime("%Y-%m")].append((row.ai_score, row.new_score))
    return [
        {
            "month": month,
            "pairs": len(scores),
            "meanAbsoluteDifference": _mean_absolute_difference(scores),
        }
        for month, scores in sorted(months.items())
    ]


def _disagreements(pairs: list) -> list[dict]:
    """Questions by how far the coach's weighted change moved them, most first."""
    by_question: dict[int, list] = defaultdict(list)
    for row in pairs:
        by_question[row.question_id].append(row)
    moved = []
    for rows in by_question.values():
        first = rows[0]
        change = sum(rubric.WEIGHTS[r.dimension] * (r.new_score - r.ai_score) for r in rows) / 100
        moved.append(
            {
                "candidateName": first.candidate_name,
                "sessionId": first.session_id,
                "questionIndex": first.position,
                "question": first.question_text,
                "change": round(change, 1),
                "dimensions": [
                    {
                        "dimension": r.dimension,
                        "aiScore": r.ai_score,
                        "coachScore": r.new_score,
                        "reason": r.reason,
                    }
                    for r in rows
                ],
            }
        )
    moved.sort(key=lambda item: (-abs(item["change"]), item["candidateName"]))
    return moved[:MOST_DISAGREEMENTS]


def _mean_absolute_difference(pairs: list[tuple[int, int]]) -> float | None:
    if not pairs:
        return None
    return round(sum(abs(ai - coach) for ai, coach in pairs) / len(pairs), 1)


def pearson(pairs: list[tuple[int, int]]) -> float | None:
    """Pearson's r of the pairs, rounded to 2 places; None when it is not defined."""
    if len(pairs) < 2:
        return None
    xs, ys = zip(*pairs, strict=True)
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    covariance = sum((x - mean_x) * (y - mean_y) for x, y in pairs)
    spread = math.sqrt(sum((x - mean_x) ** 2 for x in xs) * sum((y - mean_y) ** 2 for y in ys))
    return None if spread == 0 else round(covariance / spread, 2)
