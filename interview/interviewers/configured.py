"""The interviewer the configuration asks for; importing this needs no openai."""

from collections.abc import Mapping

from interview.interviewers.base import Interviewer
from interview.interviewers.builtin.interviewer import BuiltinInterviewer
from interview.interviewers.llm.config import settings_from_environment


def interviewer_from_environment(environ: Mapping[str, str] | None = None) -> Interviewer:
    """The language-model interviewer when a key and a model are set, else the built-in one."""
    settings = settings_from_environment(environ)
    if settings is None:
        return BuiltinInterviewer()
    from interview.interviewers.llm.interviewer import LanguageModelInterviewer

    return LanguageModelInterviewer(settings)
