"""Tokens and estimated cost of model calls, counted per call, per interviewer and per scope."""

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class Usage:
    calls: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost: float | None = None  # estimated, in the configured currency; None without prices

    def __add__(self, other: "Usage") -> "Usage":
        costs = [cost for cost in (self.cost, other.cost) if cost is not None]
        return Usage(
            self.calls + other.calls,
            self.prompt_tokens + other.prompt_tokens,
            self.completion_tokens + other.completion_tokens,
            sum(costs) if costs else None,
        )


def call_usage(
    prompt_tokens: int,
    completion_tokens: int,
    price_per_1k_input: float | None,
    price_per_1k_output: float | None,
) -> Usage:
    """One call's usage, priced when both prices are known."""
    cost = None
    if price_per_1k_input is not None and price_per_1k_output is not None:
        cost = (prompt_tokens * price_per_1k_input + completion_tokens * price_per_1k_output) / 1000
    return Usage(1, prompt_tokens, completion_tokens, cost)


# Meters opened with UsageMeter.scope() in this context; worker threads run in a copy of it.
_scopes: ContextVar[tuple["UsageMeter", ...]] = ContextVar("usage_scopes", default=())


class UsageMeter:
    """A running total that any thread may add to."""

    def __init__(self):
        self._lock = threading.Lock()
        self._total = Usage()

    @property
    def total(self) -> Usage:
        with self._lock:
            return self._total

    def add(self, usage: Usage) -> None:
        with self._lock:
            self._total = self._total + usage

    def record(self, usage: Usage) -> None:
        """Count a call here and in every scope open in the calling context."""
        for meter in (self, *_scopes.get()):
            meter.add(usage)

    @contextmanager
    def scope(self) -> Iterator["UsageMeter"]:
        """A fresh meter counting the calls recorded in this context until the block ends."""
        meter = UsageMeter()
        token = _scopes.set((*_scopes.get(), meter))
        try:
            yield meter
        finally:
            _scopes.reset(token)
