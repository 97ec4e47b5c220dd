"""A model's proposed evaluation, checked by code before it counts.

- Every dimension score is clamped to 0..100 (a 250 becomes 100: out of range is still a clear
  opinion; a wrong type or a missing dimension never gets here, the schema discards it).
- Evidence is kept only if it occurs in the answer (ignoring case and runs of whitespace).
- When the answer speaks to the grader (the built-in detector or the model says so), or is a
  non-answer the built-in reader recognises mechanically (blank, "I don't know", an echo of the
  question, gibberish), the built-in evaluation is the ceiling: no dimension may exceed the
  built-in's score for it, and the built-in's cap holds, so such an answer can never score
  more under the model than under the built-in evaluator. Whether an answer is off topic or
  a list of buzzwords is judgement, which is left to the model.
"""

import re

from interview.interviewers.base import DimensionScore, Evaluation, IntegrityFlag
from interview.interviewers.builtin.reading import GRADER_TEXT_CAP, Reading
from interview.interviewers.llm.errors import OutputDiscarded
from interview.interviewers.llm.schemas import AnswerEvaluation
from interview.scoring import rubric

MECHANICAL_NON_ANSWERS = frozenset({"blank", "dont_know", "echo", "repetitive", "gibberish"})
MODEL_FLAG = IntegrityFlag(
    "grader_instruction", "the language model judged that the answer addresses the grader"
)
LONGEST_FEEDBACK = 1500  # characters; longer feedback is cut at a sentence end


def checked_evaluation(
    proposed: AnswerEvaluation, answer: str, reading: Reading, builtin: Evaluation
) -> Evaluation:
    """The model's evaluation with clamped scores, real evidence and the built-in ceiling."""
    feedback = _trimmed(proposed.feedback)
    if not feedback:
        raise OutputDiscarded("the output had empty feedback")
    scores, evidence = {}, {}
    for name in rubric.DIMENSION_NAMES:
        assessment = getattr(proposed.dimensions, name)
        scores[name] = rubric.clamp_score(assessment.score)
        evidence[name] = (
            assessment.evidence.strip() if occurs_in(assessment.evidence, answer) else ""
        )
    flags = builtin.flags
    if proposed.grader_instruction_detected and not reading.grader_text:
        flags = (*flags, MODEL_FLAG)
    cap = None
    if flags or reading.non_answer in MECHANICAL_NON_ANSWERS:
        builtin_scores = {score.dimension: score.score for score in builtin.dimensions}
        scores = {name: min(score, builtin_scores[name]) for name, score in scores.items()}
        caps = [c for c in (builtin.cap, GRADER_TEXT_CAP if flags else None) if c is not None]
        cap = min(caps, default=None)
    return Evaluation(
        dimensions=tuple(
            DimensionScore(name, scores[name], evidence[name]) for name in rubric.DIMENSION_NAMES
        ),
        feedback=feedback,
        cap=cap,
        flags=flags,
        source="language-model",
    )


def occurs_in(quote: str, answer: str) -> bool:
    """Whether a non-empty quote is really in the answer, whatever its case and spacing."""
    wanted = _flat(quote)
    return bool(wanted) and wanted in _flat(answer)


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


def _trimmed(feedback: str) -> str:
    feedback = feedback.strip()
    if len(feedback) <= LONGEST_FEEDBACK:
        return feedback
    cut = feedback[:LONGEST_FEEDBACK]
    end = max(cut.rfind(mark) for mark in (". ", "。", "! ", "? "))
    return cut[: end + 1] if end > 0 else cut
