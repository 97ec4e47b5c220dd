"""The language-model interviewer, chosen by configuration; importing this needs no openai."""

from collections.abc import Mapping

from interview.interviewers.base import Interviewer
from interview.interviewers.builtin import BuiltinInterviewer
from interview.llm.config import llm_enabled, settings_from_environment

__all__ = ["interviewer_from_environment", "llm_enabled"]


def interviewer_from_environment(environ: Mapping[str, str] | None = None) -> Interviewer:
    """The language-model interviewer when a key and a model are set, else the built-in one."""
    settings = settings_from_environment(environ)
    if settings is None:
        return BuiltinInterviewer()
    from interview.llm.interviewer import LanguageModelInterviewer

    return LanguageModelInterviewer(settings)
