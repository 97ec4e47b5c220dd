"""One app process of a cohort: candidates in threads, each through a whole interview.

Usage: python cohort_worker.py URL CANDIDATES NAME_PREFIX
Each candidate starts a session, saves a draft and submits every question (a unique answer per
question), retrying 429 and 503 a second later as the page does, then asks for the report.
Prints one JSON object: {"sessions": {id: [answers sent, in order]}, "codes": {code: count}}.
"""

import json
import sys
import threading
import time
from collections import Counter

from interview.api import InterviewAPI

RETRIED = {429, 503}
PATIENCE = 120  # tries of one submit a second apart: a candidate keeps clicking


def answer_for(name: str, index: int) -> str:
    return (
        f"{name}, answer {index}: I profiled the endpoint, found an N+1 query, and batched it; "
        f"p99 fell from 900 ms to {120 + index} ms because the database did one round trip."
    )


def interview(api: InterviewAPI, name: str, sessions: dict, codes: Counter, lock) -> None:
    created = api.create_session(
        candidate_name=name, role="backend", question_count=3, follow_up_count=1
    )
    with lock:
        codes[created["code"]] += 1
    session_id = created["data"]["sessionId"]
    sent = []
    state = api.get_current_question(session_id)["data"]
    while not state["completed"]:
        index = state["currentIndex"]
        answer = answer_for(name, index)
        api.save_answer(session_id, index, answer[:40])
        for _ in range(PATIENCE):
            result = api.submit_answer(session_id, index, answer)
            with lock:
                codes[result["code"]] += 1
            if result["code"] not in RETRIED:
                break
            time.sleep(1)
        assert result["code"] == 200, result
        sent.append(answer)
        state = api.get_current_question(session_id)["data"]
    report = api.generate_report(session_id)
    with lock:
        codes[report["code"]] += 1
        sessions[session_id] = sent


def main(url: str, candidates: str, prefix: str) -> None:
    api = InterviewAPI.from_url(url, rate_limit_per_second=10)
    sessions: dict[str, list[str]] = {}
    codes: Counter = Counter()
    lock = threading.Lock()
    threads = [
        threading.Thread(target=interview, args=(api, f"{prefix}{n}", sessions, codes, lock))
        for n in range(int(candidates))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    api.close()
    print(json.dumps({"sessions": sessions, "codes": codes}))


if __name__ == "__main__":
    main(*sys.argv[1:])
