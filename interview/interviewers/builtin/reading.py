"""One answer as the built-in interviewer reads it: features, dimension scores, evidence, caps.

The follow-up policy, the evaluation and a model's fallback all start from the same Reading.
"""

from dataclasses import dataclass
from functools import lru_cache

from interview.interviewers.base import AskedQuestion
from interview.interviewers.builtin import phrasing
from interview.interviewers.builtin.dimensions import score_dimensions, score_signals
from interview.interviewers.builtin.evidence import evidence, marked
from interview.scoring import rubric
from interview.scoring.analysis import AnswerFeatures, read_answer
from interview.scoring.integrity import separate_grader_text
from interview.scoring.non_answers import non_answer_reason
from interview.scoring.question import KINDS, QuestionText

# An answer that tries to instruct the grader is at best "below bar", however good the rest is.
GRADER_TEXT_CAP = 50
GRADER_TEXT_PENALTY = 10


@dataclass(frozen=True)
class Reading:
    """One answer as the built-in interviewer understood it."""

    question: QuestionText
    features: AnswerFeatures
    non_answer: str | None  # why it is not an answer, or None
    scores: dict[str, int]
    signals: dict[str, int]  # each dimension from the answer's own signals, before rightness
    evidence: dict[str, str]  # per dimension, a whole sentence of the answer ("" if none)
    earned: dict[str, bool]  # per dimension, whether its sentence earned the points or cost them
    grader_text: tuple[str, ...]
    language: str  # "en" or "zh": the question's language

    @property
    def cap(self) -> int | None:
        if self.non_answer:
            return rubric.NON_ANSWER_CAP
        return GRADER_TEXT_CAP if self.grader_text else None

    @property
    def score(self) -> int:
        return rubric.question_score(self.scores, self.cap)

    def marked_evidence(self, dimension: str) -> str:
        """The dimension's sentence marked as what earned or cost its points."""
        return marked(self.evidence[dimension], self.earned[dimension], self.language)


# A submitted answer is read for its follow-up and again for its evaluation: read it once.
# Readings are frozen and never changed by their users, so one can be shared.
@lru_cache(maxsize=64)
def read(question: AskedQuestion, answer: str) -> Reading:
    """Read an answer to an asked question: features, scores, evidence, caps."""
    about = question_text(question)
    separated = separate_grader_text(answer or "")
    features = read_answer(separated.kept, about)
    reason = non_answer_reason(features)
    scores = score_dimensions(features)
    if reason:
        # Keep every dimension low too, so no chart shows a non-answer as strong somewhere.
        ceiling = 0 if reason == "blank" else rubric.NON_ANSWER_CAP
        scores = {name: min(score, ceiling) for name, score in scores.items()}
    if separated.removed:
        scores = {name: max(0, score - GRADER_TEXT_PENALTY) for name, score in scores.items()}
    quoted = evidence(features, about, scores, separated.kept)
    return Reading(
        question=about,
        features=features,
        non_answer=reason,
        scores=scores,
        signals=score_signals(features),
        evidence={name: sentence for name, (sentence, _) in quoted.items()},
        earned={name: earned for name, (_, earned) in quoted.items()},
        grader_text=separated.removed,
        language=phrasing.language_of(question.spec.text),
    )


def question_text(question: AskedQuestion) -> QuestionText:
    """What an answer is judged against; a follow-up also carries its main question's topic."""
    main = question.parent if question.is_follow_up and question.parent else question
    topic = [main.spec.category, main.spec.type]
    if main is not question:
        topic.insert(0, main.spec.text)
    # A question from a coach's set has its kind as its type (behavioural, design, ...).
    declared = main.spec.type if main.spec.type in KINDS else ""
    if question.is_follow_up:  # a follow-up asks about the candidate's own answer
        return QuestionText(question.spec.text, (), " ".join(topic), declared_kind=declared)
    reference = question.spec.reference_answer or ""
    return QuestionText(
        question.spec.text, question.spec.key_points, " ".join(topic), reference, declared
    )
