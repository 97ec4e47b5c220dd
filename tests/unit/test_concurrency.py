"""Racing submits from threads and from OS processes, on SQLite and on PostgreSQL."""

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import sqlalchemy

from interview.api import InterviewAPI
from interview.storage.database import as_utc
from interview.storage.engine import make_engine
from interview.storage.schema import answer_revisions

WORKER = Path(__file__).with_name("race_worker.py")
ROOT = Path(__file__).resolve().parents[2]
ANSWER = "I profiled the endpoint, added an index on (user_id, created_at) and p95 fell 70%."


def new_session(api: InterviewAPI, **fields) -> str:
    fields = {"candidate_name": "Racer", "role": "backend", "follow_up_count": 0, **fields}
    return api.create_session(**fields)["data"]["sessionId"]


def run_workers(url: str, rate_limit: int, jobs_per_worker: list[list]) -> list[list[dict]]:
    """Start one process per job list; they all begin submitting at the same moment."""
    start_at = time.time() + 2.0  # time for every interpreter to start and open the database
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    workers = [
        subprocess.Popen(
            [sys.executable, str(WORKER), url, str(rate_limit), str(start_at), json.dumps(jobs)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for jobs in jobs_per_worker
    ]
    outputs = [worker.communicate(timeout=120) for worker in workers]
    for worker, (_, err) in zip(workers, outputs, strict=True):
        assert worker.returncode == 0, err
    return [json.loads(out) for out, _ in outputs]


def assert_one_winner(api: InterviewAPI, session_id: str, results: list[dict]) -> None:
    codes = sorted(r["code"] for r in results)
    assert codes == [200] + [400] * (len(results) - 1), results
    assert {r["message"] for r in results if r["code"] == 400} == {"Question index mismatch"}
    session = api.get_session(session_id)["data"]
    assert session["currentIndex"] == 1
    assert [q["answered"] for q in session["questions"]].count(True) == 1


def test_racing_threads_get_exactly_one_success(any_url):
    api = InterviewAPI.from_url(any_url, rate_limit_per_second=None)
    for _ in range(3):
        session_id = new_session(api)
        barrier = threading.Barrier(8)
        results = []

        def submit(session_id=session_id, barrier=barrier, results=results):
            barrier.wait()
            results.append(api.submit_answer(session_id, 0, ANSWER))

        threads = [threading.Thread(target=submit) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert_one_winner(api, session_id, results)
    api.close()


def test_racing_processes_get_exactly_one_success(any_url):
    api = InterviewAPI.from_url(any_url, rate_limit_per_second=None)
    session_ids = [new_session(api) for _ in range(5)]
    jobs = [[sid, 0] for sid in session_ids]
    first, second = run_workers(any_url, 0, [jobs, jobs])
    for session_id, a, b in zip(session_ids, first, second, strict=True):
        assert_one_winner(api, session_id, [a, b])
    api.close()


def test_the_last_answer_racing_gives_one_success_and_one_409_or_mismatch(any_url):
    api = InterviewAPI.from_url(any_url, rate_limit_per_second=None)
    session_id = new_session(api, question_count=3)
    for index in range(2):
        api.submit_answer(session_id, index, ANSWER)
    first, second = run_workers(any_url, 0, [[[session_id, 2]], [[session_id, 2]]])
    outcomes = sorted((r["code"], r["message"]) for r in first + second)
    assert outcomes[0][0] == 200
    assert outcomes[1] in {(409, "Interview already completed"), (400, "Question index mismatch")}
    assert api.get_session(session_id)["data"]["status"] == "COMPLETED"
    api.close()


def test_two_processes_share_one_rate_limit(any_url):
    limit = 10
    api = InterviewAPI.from_url(any_url, rate_limit_per_second=None)
    jobs = [[[new_session(api), 0] for _ in range(15)] for _ in range(2)]
    results = [r for worker in run_workers(any_url, limit, jobs) for r in worker]
    accepted = [r for r in results if r["code"] == 200]
    assert {r["code"] for r in results} == {200, 429}
    assert len(accepted) >= limit
    assert max_in_any_window(answered_times(any_url), window_seconds=0.995) <= limit
    api.close()


def answered_times(url: str) -> list[float]:
    engine = make_engine(url)
    with engine.connect() as conn:
        submits = answer_revisions.c.kind == "submit"
        query = sqlalchemy.select(answer_revisions.c.saved_at).where(submits)
        moments = sorted(as_utc(moment) for moment in conn.execute(query).scalars())
    engine.dispose()
    return [moment.timestamp() for moment in moments]


def max_in_any_window(times: list[float], window_seconds: float) -> int:
    best, start = 0, 0
    for end, moment in enumerate(times):
        while moment - times[start] >= window_seconds:
            start += 1
        best = max(best, end - start + 1)
    return best
