"""Wall-clock budgets for model calls the candidate waits on.

The client's time-out bounds each phase of a request (connect, every read), not the whole of
it: a server trickling bytes, or retries, can run past any budget. So the work runs in a
daemon thread and the caller waits for it at most the budget; work that overruns is abandoned
(it still finishes or times out on its own, and still records the tokens it used).
"""

import contextvars
import queue
import threading
import time
from collections.abc import Callable, Generator, Iterator
from typing import TypeVar

from interview.interviewers.llm.errors import ModelUnavailable

T = TypeVar("T")
_DONE = object()


def call_within(seconds: float, work: Callable[[], T]) -> T:
    """The result of work(), or ModelUnavailable if it takes longer than `seconds`."""
    results: queue.Queue = queue.Queue(maxsize=1)
    _start(lambda: results.put((True, work())), results)
    try:
        succeeded, value = results.get(timeout=seconds)
    except queue.Empty:
        raise ModelUnavailable(f"no reply within the {seconds:g} s budget") from None
    if succeeded:
        return value
    raise value


def stream_within(
    seconds: float, pieces: Callable[[], Generator[str, None, None]]
) -> Iterator[str]:
    """The pieces as they come, raising ModelUnavailable once `seconds` have passed."""
    deadline = time.monotonic() + seconds
    items: queue.Queue = queue.Queue()
    stop = threading.Event()

    def produce() -> None:
        stream = pieces()
        try:
            for piece in stream:
                if stop.is_set():
                    return
                items.put((True, piece))
        finally:
            stream.close()
        items.put((True, _DONE))

    _start(produce, items)
    try:
        while True:
            try:
                succeeded, item = items.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                raise ModelUnavailable(f"not finished within the {seconds:g} s budget") from None
            if not succeeded:
                raise item
            if item is _DONE:
                return
            yield item
    finally:
        stop.set()  # also when the consumer stops early


def _start(work: Callable[[], None], results: queue.Queue) -> None:
    """Run work in a daemon thread (in a copy of this context); its exception goes to results."""

    def run() -> None:
        try:
            work()
        except BaseException as failure:
            results.put((False, failure))

    context = contextvars.copy_context()
    threading.Thread(target=context.run, args=(run,), daemon=True, name="language-model").start()
