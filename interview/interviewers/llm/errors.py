"""Why a model call gave nothing usable. Every reason is ours, safe to store and show."""

from interview.interviewers.llm.usage import Usage


class LanguageModelError(Exception):
    """A model call failed; `reason` never quotes the provider (its messages may hold the key)."""

    def __init__(self, reason: str, usage: Usage | None = None):
        super().__init__(reason)
        self.reason = reason
        self.usage = usage or Usage()  # tokens spent before it failed still cost money


class ModelUnavailable(LanguageModelError):
    """No reply in time: a time-out, a refused connection, an error status after retries."""


class OutputDiscarded(LanguageModelError):
    """A reply came but is unusable: a refusal, invalid JSON, a schema or content violation."""


class TranscriptionUnavailable(LanguageModelError):
    """The provider cannot transcribe audio (no endpoint, no model, or a failed call)."""
