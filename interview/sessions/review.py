"""A coach's review applied to a report: overridden dimension scores and comments.

The stored report is the evaluator's (the AI's); a coach's overrides and comments are kept
apart and applied here whenever the report is read, so a re-grade never loses them and they
never rewrite what the evaluator said. Every number stays code's: a question a coach overrode
scores the weighted mean of its final dimension scores (the coach's judgement replaces the
evaluator's cap), and the overall score, band, averages and category and dimension means are
computed again from the final question scores exactly as the report computes them.

With no override and no comment, the report is returned unchanged (exactly API.md's Report);
otherwise it gains one key, ``coachReview``, with the AI's figures beside the final ones.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection

from interview.scoring import rubric
from interview.sessions.views import iso
from interview.storage import coach_store
from interview.storage.database import as_utc


@dataclass(frozen=True)
class Override:
    """A dimension score a coach set, with the AI's score and the one it replaced."""

    question_index: int
    dimension: str
    ai_score: int
    old_score: int
    score: int
    reason: str
    author: str
    at: datetime


@dataclass(frozen=True)
class Comment:
    question_index: int | None  # None: a comment on the whole session
    body: str
    author: str
    at: datetime


def notes_of(conn: Connection, session_id: str) -> tuple[list[Override], list[Comment]]:
    """A session's stored overrides and comments, oldest first."""
    overrides = [
        Override(
            question_index=row.position,
            dimension=row.dimension,
            ai_score=row.ai_score,
            old_score=row.old_score,
            score=row.new_score,
            reason=row.reason,
            author=row.author,
            at=as_utc(row.created_at),
        )
        for row in coach_store.overrides(conn, session_id)
    ]
    comments = [
        Comment(row.position, row.body, row.author, as_utc(row.created_at))
        for row in coach_store.comments(conn, session_id)
    ]
    return overrides, comments


def reviewed(report: dict, overrides: Iterable[Override], comments: Iterable[Comment]) -> dict:
    """The report with the latest override of each question's dimension and every comment."""
    overrides, comments = list(overrides), list(comments)
    if not overrides and not comments:
        return report
    in_force = _in_force(overrides)
    details = [_final_detail(detail, in_force) for detail in report["questionDetails"]]
    answered = [detail for detail in details if detail["dimensions"]]
    overall = rubric.mean_half_up(detail["score"] for detail in details) or 0
    return {
        **report,
        "overallScore": overall,
        "answeredAverage": rubric.mean_half_up(detail["score"] for detail in answered),
        "band": rubric.band_of(overall),
        "categoryScores": _category_scores(details),
        "dimensionScores": _dimension_scores(answered),
        "questionDetails": details,
        "coachReview": _review(report, details, overrides, comments),
    }


def figures(report: dict) -> dict:
    """What the coach dashboard reads of a (final) report without loading its body."""
    review = report.get("coachReview")
    return {
        "overall_score": report["overallScore"],
        "ai_overall_score": review["aiOverallScore"] if review else report["overallScore"],
        "dimension_scores": {d["dimension"]: d["score"] for d in report["dimensionScores"]},
        "flag_count": len(report.get("integrityFlags") or []),
    }


def _in_force(overrides: list[Override]) -> dict[tuple[int, str], Override]:
    """The latest override of each (question, dimension): later ones replace earlier ones."""
    latest: dict[tuple[int, str], Override] = {}
    for override in sorted(overrides, key=lambda o: o.at):
        latest[(override.question_index, override.dimension)] = override
    return latest


def _final_detail(detail: dict, in_force: dict[tuple[int, str], Override]) -> dict:
    index = detail["questionIndex"]
    if not any((index, d["dimension"]) in in_force for d in detail["dimensions"]):
        return detail
    dimensions = []
    for dimension in detail["dimensions"]:
        override = in_force.get((index, dimension["dimension"]))
        if override is None:
            dimensions.append(dimension)
        else:
            dimensions.append({**dimension, "score": override.score, "aiScore": dimension["score"]})
    scores = {d["dimension"]: d["score"] for d in dimensions}
    return {**detail, "score": rubric.question_score(scores), "dimensions": dimensions}


def _category_scores(details: list[dict]) -> list[dict]:
    by_category: dict[str, list[int]] = {}
    for detail in details:
        by_category.setdefault(detail["category"], []).append(detail["score"])
    return [
        {"category": name, "score": rubric.mean_half_up(scores), "questionCount": len(scores)}
        for name, scores in by_category.items()
    ]


def _dimension_scores(answered: list[dict]) -> list[dict]:
    maps = [{d["dimension"]: d["score"] for d in detail["dimensions"]} for detail in answered]
    return [
        {"dimension": name, "score": rubric.mean_half_up(m[name] for m in maps) or 0}
        for name in rubric.DIMENSION_NAMES
    ]


def _review(
    report: dict, details: list[dict], overrides: list[Override], comments: list[Comment]
) -> dict:
    ai_scores = {d["questionIndex"]: d["score"] for d in report["questionDetails"]}
    questions = []
    for detail in details:
        index = detail["questionIndex"]
        changes = [o for o in overrides if o.question_index == index]
        notes = [c for c in comments if c.question_index == index]
        if changes or notes:
            questions.append(
                {
                    "questionIndex": index,
                    "aiScore": ai_scores[index],
                    "score": detail["score"],
                    "overrides": [_override(o) for o in changes],
                    "comments": [_comment(c) for c in notes],
                }
            )
    return {
        "aiOverallScore": report["overallScore"],
        "aiBand": report["band"],
        "comments": [_comment(c) for c in comments if c.question_index is None],
        "questions": questions,
        "reviewers": sorted({o.author for o in overrides} | {c.author for c in comments}),
    }


def _override(override: Override) -> dict:
    return {
        "dimension": override.dimension,
        "aiScore": override.ai_score,
        "oldScore": override.old_score,
        "score": override.score,
        "reason": override.reason,
        "author": override.author,
        "at": iso(override.at),
    }


def _comment(comment: Comment) -> dict:
    return {"body": comment.body, "author": comment.author, "at": iso(comment.at)}
