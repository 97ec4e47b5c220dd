"""Language-model settings from the environment, and the openai client they describe.

The client is built only when first needed (``openai.OpenAI()`` raises without a key), with
time-outs and retries set explicitly: the library's default read timeout is ten minutes.
The key is kept out of every repr and message this package writes.
"""

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import openai

DEFAULT_TIMEOUT = 30.0
DEFAULT_FOLLOW_UP_BUDGET = 8.0
DEFAULT_MAX_RETRIES = 2
DEFAULT_TRANSCRIBE_MODEL = "whisper-1"
# After the server fails to answer (down, timing out, 5xx after retries), the built-in
# interviewer stands in without asking it for this long: an interview against a dead or
# 60-second server then waits out one time-out, not one per answer and per report.
DEFAULT_PAUSE_AFTER_FAILURE = 60.0
# Connecting is quick or not happening: no need to wait the whole read timeout for it.
CONNECT_TIMEOUT = 5.0
SHORTEST_SECRET = 8  # characters


@dataclass(frozen=True)
class Settings:
    """How to reach the model; built from the environment by ``settings_from_environment``."""

    api_key: str = field(repr=False)
    model: str
    base_url: str | None = None
    timeout: float = DEFAULT_TIMEOUT  # seconds, per request: the whole of it, retries included
    follow_up_budget: float = DEFAULT_FOLLOW_UP_BUDGET  # seconds the candidate may wait
    max_retries: int = DEFAULT_MAX_RETRIES
    transcribe_model: str = DEFAULT_TRANSCRIBE_MODEL
    price_per_1k_input: float | None = None  # for cost estimates only
    price_per_1k_output: float | None = None
    pause_after_failure: float = 0.0  # seconds; the environment's default is 60 (see above)

    def redact(self, text: str) -> str:
        """The text with the key blanked out, should it have crept in."""
        # A placeholder key ("ollama") is no secret, and blanking it would garble words.
        if len(self.api_key) < SHORTEST_SECRET:
            return text
        return text.replace(self.api_key, "[redacted]")


def settings_from_environment(environ: Mapping[str, str] | None = None) -> Settings | None:
    """The settings in environ (default os.environ), or None unless a key and a model are set."""
    env = os.environ if environ is None else environ
    api_key = env.get("OPENAI_API_KEY", "").strip()
    model = env.get("INTERVIEW_MODEL", "").strip()
    if not (api_key and model):
        return None
    return Settings(
        api_key=api_key,
        model=model,
        base_url=env.get("OPENAI_BASE_URL", "").strip() or None,
        timeout=_seconds(env, "INTERVIEW_LLM_TIMEOUT", DEFAULT_TIMEOUT),
        follow_up_budget=_seconds(env, "INTERVIEW_FOLLOW_UP_BUDGET", DEFAULT_FOLLOW_UP_BUDGET),
        max_retries=_whole_number(env, "INTERVIEW_LLM_MAX_RETRIES", DEFAULT_MAX_RETRIES),
        transcribe_model=env.get("INTERVIEW_TRANSCRIBE_MODEL", "").strip()
        or DEFAULT_TRANSCRIBE_MODEL,
        price_per_1k_input=_number(env, "INTERVIEW_PRICE_PER_1K_INPUT"),
        price_per_1k_output=_number(env, "INTERVIEW_PRICE_PER_1K_OUTPUT"),
        pause_after_failure=_number_or(
            env, "INTERVIEW_LLM_PAUSE_AFTER_FAILURE", DEFAULT_PAUSE_AFTER_FAILURE
        ),
    )


def llm_enabled(environ: Mapping[str, str] | None = None) -> bool:
    """True only when both OPENAI_API_KEY and INTERVIEW_MODEL are set."""
    return settings_from_environment(environ) is not None


def build_client(settings: Settings) -> "openai.OpenAI":
    """The openai client for these settings, with explicit time-outs and retries."""
    import openai

    return openai.OpenAI(
        api_key=settings.api_key,
        base_url=settings.base_url,
        timeout=openai.Timeout(settings.timeout, connect=min(settings.timeout, CONNECT_TIMEOUT)),
        max_retries=settings.max_retries,
    )


def request_timeout(seconds: float) -> "openai.Timeout":
    """A per-request time-out of `seconds` for every phase (connect, write, each read)."""
    import openai

    return openai.Timeout(seconds)


# A mistake in these settings stops the app at start-up, saying what to fix (as api.py does).


def _number(env: Mapping[str, str], name: str) -> float | None:
    raw = env.get(name, "").strip()
    if not raw:
        return None
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not value >= 0 or value == float("inf"):
        raise ValueError(f"{name} must be a number >= 0, not {raw!r}")
    return value


def _number_or(env: Mapping[str, str], name: str, default: float) -> float:
    value = _number(env, name)
    return default if value is None else value


def _seconds(env: Mapping[str, str], name: str, default: float) -> float:
    value = _number(env, name)
    if value == 0:
        raise ValueError(f"{name} must be a number of seconds > 0")
    return default if value is None else value


def _whole_number(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    if not raw.isdigit():
        raise ValueError(f"{name} must be a whole number >= 0, not {raw!r}")
    return int(raw)
