"""An evaluation as stored and as the interviewer made it, each way; the question's score.

A stored evaluation is one row of the evaluations table: who evaluated (and with what model and
prompt), the dimension scores with their evidence, the feedback, flags and cap, what it cost, and
for the answer that ended an interview, the summary written in the same call.
"""

import hashlib

from sqlalchemy import Row

from interview.interviewers.base import (
    DimensionScore,
    Evaluation,
    IntegrityFlag,
    Interviewer,
    Summary,
)
from interview.interviewers.llm.usage import Usage
from interview.scoring import rubric


def answer_digest(answer: str) -> str:
    return hashlib.sha256(answer.encode("utf-8")).hexdigest()


def evaluator_of(interviewer: Interviewer) -> str:
    return f"{interviewer.name} {interviewer.version}"


def question_score(evaluation: Evaluation) -> int:
    """A question's score, computed by code from its evaluation."""
    scores = {d.dimension: d.score for d in evaluation.dimensions}
    return rubric.question_score(scores, evaluation.cap)


def stored_summary(summary: Summary, covers: list[int]) -> dict:
    """A summary kept with an evaluation, and the evaluation ids it was written from."""
    return {
        "overall_feedback": summary.overall_feedback,
        "strengths": list(summary.strengths),
        "improvements": list(summary.improvements),
        "source": summary.source,
        "model": summary.model,
        "prompt_version": summary.prompt_version,
        "fallback_reason": summary.fallback_reason,
        "prompt_tokens": summary.prompt_tokens,
        "completion_tokens": summary.completion_tokens,
        "covers": sorted(covers),
    }


def summary_of(row: Row, evaluation_ids: set[int]) -> Summary | None:
    """The summary stored with an evaluation, if it was written from exactly these evaluations."""
    stored = (row.result or {}).get("summary")
    if not stored or set(stored["covers"]) != evaluation_ids:
        return None
    return Summary(
        overall_feedback=stored["overall_feedback"],
        strengths=tuple(stored["strengths"]),
        improvements=tuple(stored["improvements"]),
        source=stored["source"],
        model=stored["model"],
        prompt_version=stored["prompt_version"],
        fallback_reason=stored["fallback_reason"],
        prompt_tokens=stored["prompt_tokens"],
        completion_tokens=stored["completion_tokens"],
    )


def result_fields(
    interviewer: Interviewer, evaluation: Evaluation, usage: Usage, summary: dict | None = None
) -> dict:
    """The columns of a finished evaluation (the numbers stay rubric.question_score's), with
    the summary written in the same call, if any."""
    result = {
        "dimensions": [
            {"dimension": d.dimension, "score": d.score, "evidence": d.evidence}
            for d in evaluation.dimensions
        ],
        "feedback": evaluation.feedback,
        "flags": [{"kind": f.kind, "detail": f.detail} for f in evaluation.flags],
        "cap": evaluation.cap,
    }
    if summary is not None:
        result["summary"] = summary
    return {
        "evaluator": evaluator_of(interviewer),
        "source": evaluation.source,
        "model": evaluation.model,
        "prompt_version": evaluation.prompt_version,
        "rubric_version": rubric.RUBRIC_VERSION,
        "fallback_reason": evaluation.fallback_reason,
        "result": result,
        "calls": usage.calls,
        "prompt_tokens": evaluation.prompt_tokens,
        "completion_tokens": evaluation.completion_tokens,
    }


def evaluation_of(row: Row) -> Evaluation:
    """A stored evaluation as the interviewer made it."""
    result = row.result
    return Evaluation(
        dimensions=tuple(
            DimensionScore(d["dimension"], d["score"], d["evidence"]) for d in result["dimensions"]
        ),
        feedback=result["feedback"],
        cap=result["cap"],
        flags=tuple(IntegrityFlag(f["kind"], f["detail"]) for f in result["flags"]),
        source=row.source,
        model=row.model,
        prompt_version=row.prompt_version,
        fallback_reason=row.fallback_reason,
        prompt_tokens=row.prompt_tokens,
        completion_tokens=row.completion_tokens,
    )
