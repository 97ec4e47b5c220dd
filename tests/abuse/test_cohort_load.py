"""Fifty candidates through whole interviews at once, from four app processes on PostgreSQL.

Each process runs its candidates in threads against the shared 10/s submit limit, retrying as
the page does. Nothing may be lost or stored twice, and nothing may be a "Server error".
"""

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from interview.api import InterviewAPI
from tests.e2e.harness import REPO_ROOT

pytestmark = [pytest.mark.slow, pytest.mark.postgres]

WORKER = Path(__file__).with_name("cohort_worker.py")
PROCESSES, CANDIDATES = 4, 50


def test_fifty_candidates_at_once_lose_nothing_and_store_nothing_twice(postgres_url):
    InterviewAPI.from_url(postgres_url).close()  # migrated once, before the processes race
    shares = [CANDIDATES // PROCESSES + (n < CANDIDATES % PROCESSES) for n in range(PROCESSES)]
    workers = [
        subprocess.Popen(
            [sys.executable, str(WORKER), postgres_url, str(share), f"Candidate {n}-"],
            cwd=REPO_ROOT,
            env={"PYTHONPATH": str(REPO_ROOT), "PATH": "/usr/bin:/bin"},
            stdout=subprocess.PIPE,
            text=True,
        )
        for n, share in enumerate(shares)
    ]
    outputs = [json.loads(worker.communicate(timeout=300)[0]) for worker in workers]
    assert all(worker.returncode == 0 for worker in workers)

    sent = {sid: answers for out in outputs for sid, answers in out["sessions"].items()}
    codes = sum((Counter(out["codes"]) for out in outputs), Counter())
    assert len(sent) == CANDIDATES
    assert "500" not in codes and set(codes) <= {"200", "429"}, codes

    api = InterviewAPI.from_url(postgres_url, rate_limit_per_second=None)
    for session_id, answers in sent.items():
        session = api.get_session(session_id)["data"]
        assert session["status"] == "EVALUATED"
        assert [q["userAnswer"] for q in session["questions"]] == answers
        submits = [
            revision
            for revision in api.answer_history(session_id)["data"]
            if revision.get("kind") == "submit"
        ]
        assert len(submits) == len(answers), (session_id, submits)
    api.close()
