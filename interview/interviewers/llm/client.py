"""The one place that talks to the openai client: structured calls, streamed text, audio.

Every failure leaves as one of our errors (errors.py) with a reason written here, never the
provider's message, which may quote the key; the provider's exception is not chained either.
Every call's tokens are recorded, including those of a reply that is then discarded.
"""

import contextlib
import threading
import time
from collections.abc import Generator
from typing import TYPE_CHECKING, TypeVar

from pydantic import BaseModel, ValidationError

from interview.interviewers.llm import deadline
from interview.interviewers.llm.config import Settings, build_client, request_timeout
from interview.interviewers.llm.errors import (
    LanguageModelError,
    ModelUnavailable,
    OutputDiscarded,
    TranscriptionUnavailable,
)
from interview.interviewers.llm.prompts import Prompt
from interview.interviewers.llm.usage import Usage, UsageMeter, call_usage

if TYPE_CHECKING:
    import openai

Output = TypeVar("Output", bound=BaseModel)


class ModelClient:
    """The configured model, called through the openai package built on first use."""

    def __init__(self, settings: Settings, client: "openai.OpenAI | None" = None):
        self.settings = settings
        self.usage = UsageMeter()
        self._client = client
        self._lock = threading.Lock()
        self._resting_until = 0.0  # time.monotonic() before which the server is not asked

    def __repr__(self) -> str:
        return f"ModelClient(model={self.settings.model!r}, base_url={self.settings.base_url!r})"

    def warm_up(self) -> None:
        """Import openai and build the client now (about a second, once); never raises.

        If the client cannot be built, the call that follows fails the same way, inside the
        error handling that turns it into a reason.
        """
        with contextlib.suppress(Exception):
            self._openai().chat.completions  # noqa: B018 (resources are built on first access)

    def structured(
        self, prompt: Prompt, schema: type[Output], timeout: float | None = None
    ) -> tuple[Output, Usage]:
        """The reply parsed into `schema`, and what the call used.

        The whole call, retries included, takes at most settings.timeout (or `timeout`, if
        shorter): the client's own time-out bounds each read, and a server dripping a byte at
        a time would never trip it.
        """
        self._check_awake()
        budget = self.settings.timeout if timeout is None else min(timeout, self.settings.timeout)
        try:
            raw = deadline.call_within(
                budget,
                lambda: self._openai().chat.completions.with_raw_response.parse(
                    model=self.settings.model,
                    messages=prompt.messages(),
                    response_format=schema,
                    **self._timeout(timeout),
                ),
            )
        except ModelUnavailable:
            self._rest()
            raise
        except Exception as failure:
            self._rest()
            raise ModelUnavailable(self._reason(failure)) from None
        usage = self._record(_usage_in(raw.http_response))
        try:
            return _parsed(raw.parse(), schema), usage
        except LanguageModelError as failure:
            failure.usage = usage
            raise
        except Exception as failure:
            raise OutputDiscarded(self._unreadable(failure, schema), usage) from None

    def stream_text(
        self, prompt: Prompt, timeout: float | None = None
    ) -> Generator[str, None, None]:
        """The reply as plain text, piece by piece as the model writes it."""
        self._check_awake()
        try:
            stream = self._openai().chat.completions.create(
                model=self.settings.model,
                messages=prompt.messages(),
                response_format={"type": "text"},
                stream=True,
                stream_options={"include_usage": True},
                **self._timeout(timeout),
            )
        except Exception as failure:
            self._rest()
            raise ModelUnavailable(self._reason(failure)) from None
        try:
            yield from self._pieces(stream)
        finally:
            stream.close()

    def transcribe(self, audio: bytes, filename: str) -> str:
        """The text spoken in the audio, or TranscriptionUnavailable."""
        try:
            result = self._openai().audio.transcriptions.create(
                model=self.settings.transcribe_model, file=(filename, audio)
            )
        except Exception as failure:
            raise TranscriptionUnavailable(self._reason(failure)) from None
        self._record({})
        return result.text

    def _pieces(self, stream) -> Generator[str, None, None]:
        try:
            for chunk in stream:
                if chunk.usage:
                    self._record(chunk.usage.to_dict())
                for choice in chunk.choices:
                    if choice.delta.refusal:
                        raise OutputDiscarded("the model refused")
                    if choice.delta.content:
                        yield choice.delta.content
        except LanguageModelError:
            raise
        except Exception as failure:
            self._rest()
            raise ModelUnavailable(self._reason(failure)) from None

    def _check_awake(self) -> None:
        """ModelUnavailable at once while resting after a failure (the built-in stands in)."""
        left = self._resting_until - time.monotonic()
        if left > 0:
            raise ModelUnavailable(
                f"the model server failed just now; asking again in {left:.0f} s"
            )

    def _rest(self) -> None:
        """The server failed to answer: do not ask it again for pause_after_failure seconds."""
        if self.settings.pause_after_failure > 0:
            self._resting_until = time.monotonic() + self.settings.pause_after_failure

    def _openai(self) -> "openai.OpenAI":
        with self._lock:
            if self._client is None:
                self._client = build_client(self.settings)
            return self._client

    def _timeout(self, seconds: float | None) -> dict:
        return {} if seconds is None else {"timeout": request_timeout(seconds)}

    def _record(self, usage: dict) -> Usage:
        used = call_usage(
            _tokens(usage, "prompt_tokens"),
            _tokens(usage, "completion_tokens"),
            self.settings.price_per_1k_input,
            self.settings.price_per_1k_output,
        )
        self.usage.record(used)
        return used

    def _reason(self, failure: Exception) -> str:
        """Why a call failed, in our words: the provider's message may quote the key."""
        import openai

        retries = self.settings.max_retries
        if isinstance(failure, openai.APITimeoutError):
            reason = f"timed out (after {retries} retries)"
        elif isinstance(failure, openai.APIConnectionError):
            reason = f"could not reach the model server (after {retries} retries)"
        elif isinstance(failure, openai.APIStatusError):
            reason = f"HTTP {failure.status_code} from the model server"
            if failure.status_code == 429 or failure.status_code >= 500:
                reason += f" (after {retries} retries)"
        else:
            reason = f"the call failed ({type(failure).__name__})"
        return self.settings.redact(reason)

    def _unreadable(self, failure: Exception, schema: type[BaseModel]) -> str:
        import openai

        if isinstance(failure, openai.LengthFinishReasonError):
            return "the output was cut off at the token limit"
        if isinstance(failure, openai.ContentFilterFinishReasonError):
            return "the provider's content filter stopped the output"
        if not isinstance(failure, ValidationError):
            return f"the reply could not be read ({type(failure).__name__})"
        first = failure.errors()[0]
        if first["type"] == "json_invalid":
            return f"the output was not valid JSON for {schema.__name__}"
        where = ".".join(str(part) for part in first["loc"]) or "(top level)"
        reason = f"the output broke the {schema.__name__} schema at {where} ({first['type']})"
        return self.settings.redact(reason)


def _parsed(completion, schema: type[Output]) -> Output:
    """The parsed output of the first choice, or OutputDiscarded."""
    if not completion.choices:
        raise OutputDiscarded("the reply had no choices")
    message = completion.choices[0].message
    if message.refusal:
        raise OutputDiscarded("the model refused")
    if not isinstance(message.parsed, schema):
        raise OutputDiscarded(f"the reply held no {schema.__name__}")
    return message.parsed


def _usage_in(response) -> dict:
    """The `usage` object of a raw completion response, or {} if it has none."""
    try:
        body = response.json()
    except ValueError:
        return {}
    usage = body.get("usage") if isinstance(body, dict) else None
    return usage if isinstance(usage, dict) else {}


def _tokens(usage: dict, name: str) -> int:
    value = usage.get(name)
    return value if isinstance(value, int) and value >= 0 else 0
