"""What every interviewer (built-in or language model) offers, and the values it trades in."""

from dataclasses import dataclass, field
from typing import Protocol

from interview.questions.spec import QuestionSpec


@dataclass(frozen=True)
class AskedQuestion:
    """A question as asked in a session, with what the interviewer needs to judge an answer."""

    index: int
    spec: QuestionSpec
    is_follow_up: bool = False
    parent: "AskedQuestion | None" = None  # the main question, for a follow-up


@dataclass(frozen=True)
class DimensionScore:
    dimension: str
    score: int  # 0..100
    evidence: str  # a short quote from the answer ("" when there is nothing to quote)


@dataclass(frozen=True)
class IntegrityFlag:
    kind: str  # e.g. "grader_instruction"
    detail: str


@dataclass(frozen=True)
class Evaluation:
    """One answered question judged on the rubric; the score itself is rubric.question_score's."""

    dimensions: tuple[DimensionScore, ...]
    feedback: str
    cap: int | None = None  # set for non-answers: the question scores at most this
    flags: tuple[IntegrityFlag, ...] = ()
    # Who judged it: "builtin", "language-model", or "builtin-fallback" when a model was asked
    # and its answer could not be used (fallback_reason says why; tokens spent still count).
    source: str = "builtin"
    model: str | None = None
    prompt_version: str | None = None
    fallback_reason: str | None = None
    prompt_tokens: int = 0
    completion_tokens: int = 0


@dataclass(frozen=True)
class ScoredQuestion:
    """What the summary sees of one question: the question, the answer and its evaluation."""

    question: AskedQuestion
    answer: str | None  # None when unanswered
    score: int
    evaluation: Evaluation | None  # None when unanswered


@dataclass(frozen=True)
class Summary:
    overall_feedback: str
    strengths: tuple[str, ...] = field(default_factory=tuple)
    improvements: tuple[str, ...] = field(default_factory=tuple)
    # As for Evaluation: who wrote it, and what a model call cost.
    source: str = "builtin"
    model: str | None = None
    prompt_version: str | None = None
    fallback_reason: str | None = None
    prompt_tokens: int = 0
    completion_tokens: int = 0


class Interviewer(Protocol):
    """The interviewer: decides follow-ups, evaluates answers, writes the summary."""

    name: str
    version: str
    model: str | None

    def follow_up(self, question: AskedQuestion, answer: str) -> QuestionSpec | None:
        """A follow-up about what the answer said or left out, or None when it needs none."""
        ...

    def evaluate(self, question: AskedQuestion, answer: str) -> Evaluation:
        """Score one answer on every rubric dimension, with evidence quoted from it."""
        ...

    def summarize(self, questions: list[ScoredQuestion]) -> Summary:
        """Overall feedback plus 3-6 strengths and improvements drawn from the evidence."""
        ...
