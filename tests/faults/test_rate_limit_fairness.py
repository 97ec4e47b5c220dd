"""Twelve clients flooding submits cannot starve a candidate who retries as the page does.

Measured before: twelve threads flooding held the shared 10/s budget so that a candidate's
submit failed all four tries (the first and three retries a second apart) with 429. Now a
refused session queues for the next free slot (interview/storage/ratelimit.py).
"""

import threading
import time

import pytest

from interview.api import InterviewAPI
from tests.unit.test_api_errors import GOOD, new_session

pytestmark = pytest.mark.slow

PER_SECOND = 10
FLOODERS = 12
TRIES = 4  # app_pages/ui.py: the submit and BUSY_RETRIES (3) more, a second apart


def flood(api: InterviewAPI, stop: threading.Event, admitted: list[float]) -> None:
    """Submit as fast as the engine answers, on sessions of twenty questions, until told."""
    session_id, index = new_session(api, question_count=20), 0
    while not stop.is_set():
        result = api.submit_answer(session_id, index, GOOD)
        if result["code"] == 200:
            admitted.append(time.monotonic())
            index += 1
            if index == 20:
                session_id, index = new_session(api, question_count=20), 0
        else:
            assert result["code"] == 429, result


def submit_like_the_page(api: InterviewAPI, session_id: str, index: int) -> int:
    """The tries the page's submit took (ui.retry_when_busy), or 0 if all were refused."""
    for attempt in range(1, TRIES + 1):
        if api.submit_answer(session_id, index, GOOD)["code"] == 200:
            return attempt
        time.sleep(1)
    return 0


def test_a_candidate_gets_through_a_flood_within_the_pages_retries(any_url):
    api = InterviewAPI.from_url(any_url, rate_limit_per_second=PER_SECOND)
    candidate = new_session(api, question_count=5)
    stop, admitted = threading.Event(), []
    flooders = [threading.Thread(target=flood, args=(api, stop, admitted)) for _ in range(FLOODERS)]
    for thread in flooders:
        thread.start()
    try:
        time.sleep(1.5)  # the flood has filled the window and the queue
        tries = []
        for index in range(3):
            tries.append(submit_like_the_page(api, candidate, index))
            time.sleep(0.5)  # reading the next question
    finally:
        stop.set()
        for thread in flooders:
            thread.join()
    assert all(tries), f"the candidate's submits took {tries} tries (0: refused every time)"
    answered = [q["answered"] for q in api.get_session(candidate)["data"]["questions"]]
    assert answered[:3] == [True, True, True]
    # The flood still got its share of the budget; it only stopped taking all of it.
    assert len(admitted) >= PER_SECOND
    api.close()
