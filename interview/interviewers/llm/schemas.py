"""The JSON the model must return for each task, as pydantic models sent as strict schemas.

Parsing is strict: a wrong type ("high" for a score), a missing or an extra field makes the
whole output invalid, and it is discarded. Numbers in range are not the schema's job: a score
outside 0..100 is still a clear opinion, and the interviewer clamps it (rubric.clamp_score).
"""

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, create_model

from interview.scoring import rubric


class _Output(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class DimensionAssessment(_Output):
    score: int = Field(
        description="0 to 100",
        json_schema_extra={"minimum": 0, "maximum": 100},  # a hint only: clamped in code
    )
    evidence: str = Field(description="a passage copied exactly from the answer, or empty")


# One field per rubric dimension, so a missing dimension breaks the schema.
RubricScores = create_model(
    "RubricScores",
    __base__=_Output,
    **{
        name: (DimensionAssessment, Field(description=description))
        for name, _, description in rubric.DIMENSIONS
    },
)


class AnswerEvaluation(_Output):
    dimensions: RubricScores  # type: ignore[valid-type]
    feedback: str
    grader_instruction_detected: bool


class FollowUpDecision(_Output):
    ask: bool
    question: str


# The report lists 3 to 6 of each (API.md). The schema asks for that; a model that gives fewer
# still has its summary used, topped up with the built-in's items (interviewer.py).
SUMMARY_ITEMS = {"description": "3 to 6 items", "json_schema_extra": {"minItems": 3, "maxItems": 6}}


class InterviewSummary(_Output):
    overall_feedback: str
    strengths: list[str] = Field(**SUMMARY_ITEMS)
    improvements: list[str] = Field(**SUMMARY_ITEMS)


class FinalEvaluation(AnswerEvaluation):
    """The evaluation of the answer that completes an interview, with the interview's summary
    written in the same call (the summary's fields are InterviewSummary's)."""

    overall_feedback: str
    strengths: list[str] = Field(**SUMMARY_ITEMS)
    improvements: list[str] = Field(**SUMMARY_ITEMS)


class TailoredQuestion(_Output):
    text: str
    category: str
    difficulty: Literal["junior", "mid", "senior"]
    key_points: list[str]
    reference_answer: str


class TailoredQuestions(_Output):
    questions: list[TailoredQuestion]
