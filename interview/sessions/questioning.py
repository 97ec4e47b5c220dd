"""The interviewer's part in a session's questions: writing them for a job and resume, and
deciding follow-ups (streamed to the caller as they are written), with what each call cost."""

import logging
from collections.abc import Callable

from interview.interviewers.base import AskedQuestion, Interviewer
from interview.interviewers.llm.usage import Usage
from interview.interviewers.metering import NOTHING, metered
from interview.questions.banks import Track
from interview.questions.spec import QuestionSpec
from interview.sessions.validation import NewSession

log = logging.getLogger(__name__)


def may_tailor(new: NewSession, interviewer: Interviewer | None) -> bool:
    """Whether a model should write the questions: for a job or resume, on a bank track."""
    context = new.job_description or new.resume_text
    writes = hasattr(interviewer, "tailored_questions")
    return bool(context) and writes and new.custom_questions is None


def tailored_questions(
    interviewer: Interviewer, track: Track, new: NewSession, recent: list[str]
) -> tuple[list[QuestionSpec] | None, Usage]:
    """The model's questions for this job and resume, or None (the bank's are used)."""
    try:
        return metered(
            interviewer,
            lambda: interviewer.tailored_questions(
                new.job_description or "",
                new.resume_text or "",
                new.question_count,
                track.language,
                avoid=recent,
            ),
        )
    except Exception:
        log.exception("writing tailored questions failed")
        return None, NOTHING


def decide_follow_up(
    interviewer: Interviewer,
    asked: AskedQuestion,
    answer: str,
    on_text: Callable[[str], object] | None,
) -> tuple[QuestionSpec | None, Usage]:
    """The interviewer's follow-up and what deciding cost; if deciding fails, the answer is
    still kept, without one."""
    try:
        if on_text is None:
            return metered(interviewer, lambda: interviewer.follow_up(asked, answer))
        tell = _Listener(on_text)
        return metered(interviewer, lambda: _written_follow_up(interviewer, asked, answer, tell))
    except Exception:
        log.exception("follow-up decision failed for question %s", asked.index)
        return None, NOTHING


def _written_follow_up(
    interviewer: Interviewer, asked: AskedQuestion, answer: str, tell: "_Listener"
) -> QuestionSpec | None:
    """The follow-up, told piece by piece as the model writes it (or whole, without a stream)."""
    stream_of = getattr(interviewer, "follow_up_stream", None)
    if stream_of is None:
        follow_up = interviewer.follow_up(asked, answer)
        if follow_up:
            tell(follow_up.text)
        return follow_up
    stream = stream_of(asked, answer)
    for piece in stream:
        tell(piece)
    # A stream that failed midway (stream.replaced) told pieces of a question it then dropped:
    # the built-in's follow-up replaces it, and nextQuestion carries that one.
    return stream.question


class _Listener:
    """Tells the caller each piece; a caller that fails is not told more, and the submit goes on."""

    def __init__(self, callback: Callable[[str], object]):
        self.callback: Callable[[str], object] | None = callback

    def __call__(self, piece: str) -> None:
        if self.callback is None:
            return
        try:
            self.callback(piece)
        except Exception:
            log.exception("on_follow_up_text failed; the follow-up is still stored")
            self.callback = None
