"""What an interviewer's model calls cost, counted around one piece of work."""

from collections.abc import Callable
from typing import TypeVar

from interview.interviewers.base import Interviewer
from interview.interviewers.llm.usage import Usage

T = TypeVar("T")
NOTHING = Usage()


def metered(interviewer: Interviewer, work: Callable[[], T]) -> tuple[T, Usage]:
    """work()'s result and the calls it made; an interviewer without a model makes none."""
    scope = getattr(interviewer, "metered", None)
    if scope is None:
        return work(), NOTHING
    with scope() as meter:
        result = work()
    return result, meter.total


def spent(usage: Usage) -> bool:
    return bool(usage.calls or usage.prompt_tokens or usage.completion_tokens)
