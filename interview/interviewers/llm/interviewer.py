"""The language-model interviewer: the built-in interviewer's duties done by a model.

The built-in interviewer stays in charge of the floor: any failure, time-out or unusable reply
gives the built-in's result, marked as a fallback with the reason, and grading.py keeps the
built-in's ceiling on answers that speak to the grader. Follow-ups run under a wall-clock
budget because the candidate is waiting; evaluations and summaries are meant to run in the
background, under the client's ordinary time-out and retries.
"""

import logging
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, TypeVar

from pydantic import BaseModel

from interview.interviewers.base import AskedQuestion, Evaluation, ScoredQuestion, Summary
from interview.interviewers.builtin import phrasing
from interview.interviewers.builtin.interviewer import BuiltinInterviewer
from interview.interviewers.builtin.reading import read
from interview.interviewers.builtin.summary import FEWEST_ITEMS, MOST_ITEMS
from interview.interviewers.llm import deadline, prompts
from interview.interviewers.llm.client import ModelClient
from interview.interviewers.llm.config import Settings
from interview.interviewers.llm.errors import (
    LanguageModelError,
    OutputDiscarded,
    TranscriptionUnavailable,
)
from interview.interviewers.llm.grading import checked_evaluation
from interview.interviewers.llm.schemas import (
    AnswerEvaluation,
    FinalEvaluation,
    FollowUpDecision,
    InterviewSummary,
    TailoredQuestions,
)
from interview.interviewers.llm.usage import Usage, UsageMeter
from interview.questions.spec import QuestionSpec
from interview.scoring import rubric

if TYPE_CHECKING:
    import openai

log = logging.getLogger(__name__)
Output = TypeVar("Output", bound=BaseModel)
Result = TypeVar("Result")
LONGEST_FOLLOW_UP = 600  # characters: a follow-up is one or two sentences


class LanguageModelInterviewer:
    """An Interviewer backed by an OpenAI-compatible model, falling back to the built-in one."""

    name = "language-model"
    version = prompts.PROMPT_VERSION

    def __init__(
        self,
        settings: Settings,
        fallback: BuiltinInterviewer | None = None,
        client: "openai.OpenAI | None" = None,  # e.g. an AzureOpenAI; built from settings if None
    ):
        self.settings = settings
        self.model = settings.model
        self.fallback = fallback or BuiltinInterviewer()
        self.calls = ModelClient(settings, client)

    def __repr__(self) -> str:
        return f"LanguageModelInterviewer(model={self.model!r}, version={self.version!r})"

    @property
    def usage(self) -> UsageMeter:
        """Every call this interviewer made: calls, tokens, estimated cost."""
        return self.calls.usage

    def metered(self):
        """`with interviewer.metered() as meter:` counts the calls made inside the block."""
        return self.calls.usage.scope()

    def warm_up(self) -> None:
        """Build the client ahead of the first call the candidate waits on."""
        self.calls.warm_up()

    def evaluate(self, question: AskedQuestion, answer: str) -> Evaluation:
        builtin = self.fallback.evaluate(question, answer)
        reading = read(question, answer)
        prompt = prompts.evaluation_prompt(question, answer, reading.language)
        try:
            evaluation, usage = self._structured(
                prompt,
                AnswerEvaluation,
                lambda proposed: checked_evaluation(proposed, answer, reading, builtin),
            )
        except LanguageModelError as failure:
            self._log_fallback("evaluation", failure)
            return replace(builtin, **_fallback_fields(failure))
        return replace(evaluation, **self._model_fields(usage))

    def follow_up(self, question: AskedQuestion, answer: str) -> QuestionSpec | None:
        language = phrasing.language_of(question.spec.text)
        prompt = prompts.follow_up_prompt(question, answer, language)
        budget = self.settings.follow_up_budget
        self.calls.warm_up()  # once per process; the budget is for the model, not our imports
        try:
            spec, _ = deadline.call_within(
                budget,
                lambda: self._structured(
                    prompt, FollowUpDecision, lambda decision: _decided(question, decision), budget
                ),
            )
        except LanguageModelError as failure:
            self._log_fallback("follow-up", failure)
            return self.fallback.follow_up(question, answer)
        return spec

    def follow_up_stream(self, question: AskedQuestion, answer: str) -> "FollowUpStream":
        """The follow-up streamed as it is written, within the follow-up budget."""
        language = phrasing.language_of(question.spec.text)
        prompt = prompts.streamed_follow_up_prompt(question, answer, language)
        budget = self.settings.follow_up_budget
        self.calls.warm_up()
        pieces = deadline.stream_within(budget, lambda: self.calls.stream_text(prompt, budget))
        return FollowUpStream(
            pieces,
            fallback=lambda: self.fallback.follow_up(question, answer),
            question_for=lambda text: _follow_up_spec(question, text),
            on_fallback=lambda failure: self._log_fallback("streamed follow-up", failure),
        )

    def summarize(self, questions: list[ScoredQuestion]) -> Summary:
        builtin = self.fallback.summarize(questions)
        if not any(q.evaluation is not None for q in questions):
            return builtin  # nothing to write about: no call needed
        prompt = prompts.summary_prompt(questions, _interview_language(questions))
        try:
            summary, usage = self._structured(
                prompt, InterviewSummary, lambda output: _checked_summary(output, builtin)
            )
        except LanguageModelError as failure:
            self._log_fallback("summary", failure)
            return replace(builtin, **_fallback_fields(failure))
        return replace(summary, **self._model_fields(usage))

    def evaluate_with_summary(
        self, question: AskedQuestion, answer: str, others: list[ScoredQuestion]
    ) -> tuple[Evaluation, Summary]:
        """The answer that completes an interview evaluated, and the interview's summary
        written, in one call; `others` are the interview's other questions, scored.

        Both parts pass the same checks as evaluate() and summarize(); there is no built-in
        stand-in here: a failed call or a discarded output raises LanguageModelError (its
        usage says what was spent), and the caller evaluates and summarizes separately.
        """
        builtin = self.fallback.evaluate(question, answer)
        reading = read(question, answer)
        texts = [q.question.spec.text for q in others] + [question.spec.text]
        prompt = prompts.final_evaluation_prompt(
            question, answer, others, reading.language, _language_of_texts(texts)
        )

        def checked(output: FinalEvaluation) -> tuple[Evaluation, Summary]:
            summary = InterviewSummary(
                overall_feedback=output.overall_feedback,
                strengths=output.strengths,
                improvements=output.improvements,
            )
            evaluation = checked_evaluation(output, answer, reading, builtin)
            scores = {d.dimension: d.score for d in evaluation.dimensions}
            score = rubric.question_score(scores, evaluation.cap)
            this = ScoredQuestion(question, answer, score, evaluation)
            ours = self.fallback.summarize(sorted([*others, this], key=_position))
            return evaluation, _checked_summary(summary, ours)

        try:
            (evaluation, summary), usage = self._structured(prompt, FinalEvaluation, checked)
        except LanguageModelError as failure:
            self._log_fallback("evaluation with summary", failure)
            raise
        fields = self._model_fields(usage)
        return replace(evaluation, **fields), replace(summary, **fields)

    def tailored_questions(
        self,
        job_description: str,
        resume: str,
        count: int,
        language: str,
        avoid: Sequence[str] = (),
    ) -> list[QuestionSpec] | None:
        """`count` questions written for this job and resume, or None: use the bank instead."""
        if count < 1 or not (job_description.strip() or resume.strip()):
            return None
        prompt = prompts.tailored_questions_prompt(job_description, resume, count, language, avoid)
        try:
            questions, _ = self._structured(
                prompt, TailoredQuestions, lambda out: _chosen_questions(out, count, avoid)
            )
        except LanguageModelError as failure:
            self._log_fallback("tailored questions", failure)
            return None
        return questions

    def transcribe(self, audio: bytes, filename: str = "answer.wav") -> str:
        """The words spoken in a recorded answer; TranscriptionUnavailable when there are none."""
        if not audio:
            raise TranscriptionUnavailable("no audio was recorded")
        try:
            return self.calls.transcribe(audio, filename)
        except TranscriptionUnavailable as failure:
            self._log_fallback("transcription", failure)
            raise

    def _structured(
        self,
        prompt: prompts.Prompt,
        schema: type[Output],
        check: Callable[[Output], Result],
        timeout: float | None = None,
    ) -> tuple[Result, Usage]:
        """One structured call whose output `check` turns into our value, or rejects."""
        output, usage = self.calls.structured(prompt, schema, timeout)
        try:
            return check(output), usage
        except LanguageModelError as failure:
            failure.usage = usage
            raise

    def _model_fields(self, usage: Usage) -> dict:
        return {
            "source": "language-model",
            "model": self.model,
            "prompt_version": prompts.PROMPT_VERSION,
            "prompt_tokens": usage.prompt_tokens,
            "completion_tokens": usage.completion_tokens,
        }

    def _log_fallback(self, operation: str, failure: LanguageModelError) -> None:
        log.warning("language model %s failed: %s", operation, failure.reason)


class FollowUpStream:
    """A follow-up as the model writes it: iterate for text pieces, then read `question`.

    The pieces join to `question.text` (up to surrounding spaces). When the model says no
    follow-up is needed, nothing comes and `question` is None. When it fails or runs past the
    budget before writing anything, the built-in's follow-up comes as a single piece (or
    nothing, if the built-in asks none). When it fails midway, the pieces stop, `replaced` is
    True and `question` is the built-in's follow-up: show it in place of the partial text.
    """

    def __init__(
        self,
        pieces: Iterator[str],
        fallback: Callable[[], QuestionSpec | None],
        question_for: Callable[[str], QuestionSpec],
        on_fallback: Callable[[LanguageModelError], None],
    ):
        self.question: QuestionSpec | None = None
        self.source = "language-model"
        self.fallback_reason: str | None = None
        self.replaced = False
        self._fallback = fallback
        self._on_fallback = on_fallback
        self._pieces = self._written(pieces, question_for)

    def __iter__(self) -> "FollowUpStream":
        return self

    def __next__(self) -> str:
        return next(self._pieces)

    def _written(
        self, pieces: Iterator[str], question_for: Callable[[str], QuestionSpec]
    ) -> Iterator[str]:
        text, shown = "", 0
        try:
            for piece in pieces:
                text = (text + piece).lstrip()
                if len(text) > LONGEST_FOLLOW_UP:
                    raise OutputDiscarded("the follow-up ran too long")
                if not _may_say_none(text):
                    yield text[shown:]
                    shown = len(text)
            if _says_none(text):
                return
            self.question = question_for(text)  # rejects an empty follow-up
        except LanguageModelError as failure:
            self._fall_back(failure, replaced=shown > 0)
            if self.question is not None and not self.replaced:
                yield self.question.text
            return
        if shown < len(text):
            yield text[shown:]

    def _fall_back(self, failure: LanguageModelError, replaced: bool) -> None:
        self._on_fallback(failure)
        self.question = self._fallback()
        self.source = "builtin-fallback"
        self.fallback_reason = failure.reason
        self.replaced = replaced


def _may_say_none(text: str) -> bool:
    """Whether the text so far could still be the 'no follow-up' reply (so is held back)."""
    text = text.strip()
    bare = text.rstrip(".。").upper()
    return len(text) <= len(prompts.NO_FOLLOW_UP) + 1 and prompts.NO_FOLLOW_UP.startswith(bare)


def _says_none(text: str) -> bool:
    return text.strip().rstrip(".。").upper() == prompts.NO_FOLLOW_UP


def _follow_up_spec(question: AskedQuestion, text: str) -> QuestionSpec:
    """A follow-up to this question, in the main question's category; rejects bad text."""
    text = text.strip()
    if not text:
        raise OutputDiscarded("the follow-up was empty")
    if len(text) > LONGEST_FOLLOW_UP:
        raise OutputDiscarded("the follow-up ran too long")
    main = question.parent if question.is_follow_up and question.parent else question
    return QuestionSpec(
        text=text, category=main.spec.category, type=main.spec.type, difficulty=main.spec.difficulty
    )


def _decided(question: AskedQuestion, decision: FollowUpDecision) -> QuestionSpec | None:
    return _follow_up_spec(question, decision.question) if decision.ask else None


def _checked_summary(output: InterviewSummary, builtin: Summary) -> Summary:
    """The model's summary; a list shorter than the report's three is topped up with the
    built-in's items (fewer is no reason to throw the model's prose away)."""
    if not output.overall_feedback.strip():
        raise OutputDiscarded("the summary had no overall feedback")
    return Summary(
        overall_feedback=output.overall_feedback.strip(),
        strengths=_at_least_three(output.strengths, builtin.strengths),
        improvements=_at_least_three(output.improvements, builtin.improvements),
    )


def _at_least_three(items: list[str], builtin: tuple[str, ...]) -> tuple[str, ...]:
    kept = list(dict.fromkeys(item.strip() for item in items if item.strip()))[:MOST_ITEMS]
    extra = [item for item in builtin if item not in kept]
    return tuple(kept + extra[: max(0, FEWEST_ITEMS - len(kept))])


def _position(question: ScoredQuestion) -> int:
    return question.question.index


def _chosen_questions(
    output: TailoredQuestions, count: int, avoid: Sequence[str]
) -> list[QuestionSpec]:
    """The first `count` complete, new questions, or OutputDiscarded when too few are."""
    seen = {_flat(text) for text in avoid}
    chosen = []
    for item in output.questions:
        key_points = tuple(point.strip() for point in item.key_points if point.strip())
        if not (item.text.strip() and item.category.strip() and key_points):
            continue
        if _flat(item.text) in seen:
            continue
        seen.add(_flat(item.text))
        chosen.append(
            QuestionSpec(
                text=item.text.strip(),
                category=item.category.strip(),
                type=_type_of(item.category),
                difficulty=item.difficulty,
                key_points=key_points,
                reference_answer=item.reference_answer.strip() or None,
            )
        )
    if len(chosen) < count:
        raise OutputDiscarded(f"only {len(chosen)} of {count} questions were usable")
    return chosen[:count]


def _type_of(category: str) -> str:
    """A question type id from a category name: "System design" -> "system_design"."""
    return "_".join(re.findall(r"[a-z0-9]+", category.lower())) or "tailored"


def _flat(text: str) -> str:
    return " ".join(text.split()).casefold()


def _interview_language(questions: list[ScoredQuestion]) -> str:
    return _language_of_texts([q.question.spec.text for q in questions])


def _language_of_texts(texts: list[str]) -> str:
    chinese = sum(phrasing.language_of(text) == "zh" for text in texts)
    return "zh" if chinese * 2 > len(texts) else "en"


def _fallback_fields(failure: LanguageModelError) -> dict:
    return {
        "source": "builtin-fallback",
        "fallback_reason": failure.reason,
        "prompt_tokens": failure.usage.prompt_tokens,
        "completion_tokens": failure.usage.completion_tokens,
    }
