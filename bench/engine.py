"""Benchmark of the interview engine, measured side by side in one run.

1. submit_answer p50/p95 on SQLite against the floor: a bare sqlite3 transaction doing the same
   writes (insert the answer row and conditionally advance the session), interleaved one for one
   so both see the same machine noise. Target: p50 within 30x of the floor.
2. Submits per second on PostgreSQL from 4 processes on different sessions, then a check that no
   answer was lost or duplicated. Target: at least 1,000 submits/s.

Usage: python bench/engine.py [--submits N] [--pg-url URL] [--seconds S]
"""

import argparse
import contextlib
import multiprocessing
import os
import secrets
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import text

from bench.results import result
from interview.api import InterviewAPI
from interview.storage.engine import make_engine

ANSWER = (
    "I moved the hot reads to Redis because the database was saturated at peak, kept writes in "
    "PostgreSQL, and invalidated on change; p99 fell from 400 ms to 40 ms."
)
QUESTIONS_PER_SESSION = 20


def percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


class Floor:
    """The same writes with bare sqlite3: one answer row and a conditional advance, one commit."""

    def __init__(self, path: Path):
        self.db = sqlite3.connect(path, isolation_level=None)
        for pragma in ("journal_mode=WAL", "busy_timeout=30000", "synchronous=NORMAL"):
            self.db.execute(f"PRAGMA {pragma}")
        self.db.execute("CREATE TABLE sessions (id TEXT PRIMARY KEY, current_index INTEGER)")
        self.db.execute(
            "CREATE TABLE answers (id INTEGER PRIMARY KEY, session_id TEXT, position INTEGER,"
            " text TEXT, saved_at TEXT)"
        )
        self.session = 0

    def new_session(self) -> str:
        self.session += 1
        self.db.execute("INSERT INTO sessions VALUES (?, 0)", (str(self.session),))
        return str(self.session)

    def submit(self, session_id: str, index: int) -> None:
        self.db.execute("BEGIN IMMEDIATE")
        self.db.execute(
            "INSERT INTO answers (session_id, position, text, saved_at)"
            " VALUES (?, ?, ?, datetime('now'))",
            (session_id, index, ANSWER),
        )
        cursor = self.db.execute(
            "UPDATE sessions SET current_index = ? WHERE id = ? AND current_index = ?",
            (index + 1, session_id, index),
        )
        assert cursor.rowcount == 1
        self.db.execute("COMMIT")


def _new_session(api: InterviewAPI, follow_ups: int) -> str:
    created = api.create_session(
        candidate_name=f"bench-{time.monotonic_ns()}",
        role="custom",
        custom_questions=[
            f"Question {i}: how would you scale it?" for i in range(QUESTIONS_PER_SESSION)
        ],
        follow_up_count=follow_ups,
    )
    return created["data"]["sessionId"]


def sqlite_latency(submits: int, follow_ups: int) -> dict:
    """Interleave one API submit with one floor submit, `submits` times each."""
    with tempfile.TemporaryDirectory() as folder:
        api = InterviewAPI.from_url(f"sqlite:///{folder}/api.db", rate_limit_per_second=None)
        floor = Floor(Path(folder) / "floor.db")
        api_times, floor_times = [], []
        api_session, floor_session, index, floor_index = None, None, 0, 0
        for _ in range(submits):
            if api_session is None:
                api_session, index = _new_session(api, follow_ups), 0
            if floor_index % QUESTIONS_PER_SESSION == 0:
                floor_session, floor_index = floor.new_session(), 0
            # A different text each time: the built-in interviewer caches what it read of an answer.
            answer = f"{ANSWER} That was release {len(api_times)}."
            start = time.perf_counter()
            result = api.submit_answer(api_session, index, answer)
            api_times.append(time.perf_counter() - start)
            assert result["code"] == 200, result
            index = result["data"]["currentIndex"]
            if not result["data"]["hasNextQuestion"]:
                api_session = None
            start = time.perf_counter()
            floor.submit(floor_session, floor_index)
            floor_times.append(time.perf_counter() - start)
            floor_index += 1
        api.close()
    return {
        "api_p50": statistics.median(api_times) * 1000,
        "api_p95": percentile(api_times, 0.95) * 1000,
        "floor_p50": statistics.median(floor_times) * 1000,
        "floor_p95": percentile(floor_times, 0.95) * 1000,
    }


def _pg_worker(url: str, session_ids: list[str], seconds: float, barrier, queue) -> None:
    api = InterviewAPI.from_url(url, rate_limit_per_second=None)
    api.get_session(session_ids[0])  # connect before the clock starts
    barrier.wait()
    done, deadline = 0, time.perf_counter() + seconds
    for session_id in session_ids:
        for index in range(QUESTIONS_PER_SESSION):
            if time.perf_counter() >= deadline:
                break
            result = api.submit_answer(session_id, index, ANSWER)
            assert result["code"] == 200, result
            done += 1
    api.close()
    queue.put(done)


def pg_throughput(url: str, processes: int, seconds: float) -> dict:
    api = InterviewAPI.from_url(url, rate_limit_per_second=None)
    with api.db.transaction() as conn:
        conn.execute(text("DELETE FROM sessions WHERE candidate_name LIKE 'bench-%'"))
    # Enough sessions that no worker runs out before the deadline (up to 3,000 submits/s).
    per_worker = int(seconds * 3000 / processes / QUESTIONS_PER_SESSION) + 1
    plans = [[_new_session(api, 0) for _ in range(per_worker)] for _ in range(processes)]
    context = multiprocessing.get_context("spawn")
    queue, barrier = context.Queue(), context.Barrier(processes)
    workers = [
        context.Process(target=_pg_worker, args=(url, plan, seconds, barrier, queue))
        for plan in plans
    ]
    for worker in workers:
        worker.start()
    counts = [queue.get(timeout=seconds + 120) for _ in workers]
    for worker in workers:
        worker.join()
    submitted = sum(counts)
    stored = _count_stored(url, [s for plan in plans for s in plan])
    api.close()
    return {"submits": submitted, "per_second": submitted / seconds, **stored}


def _count_stored(url: str, session_ids: list[str]) -> dict:
    engine = make_engine(url)
    with engine.connect() as conn:
        answered, revisions, advanced = conn.execute(
            text(
                "SELECT (SELECT count(DISTINCT q.id) FROM questions q JOIN answer_revisions r"
                "   ON r.question_id = q.id WHERE r.kind = 'submit' AND q.session_id = ANY(:ids)),"
                " (SELECT count(*) FROM answer_revisions r JOIN questions q ON q.id = r.question_id"
                "   WHERE r.kind = 'submit' AND q.session_id = ANY(:ids)),"
                " (SELECT coalesce(sum(current_index), 0) FROM sessions WHERE id = ANY(:ids))"
            ),
            {"ids": session_ids},
        ).one()
        conn.execute(text("DELETE FROM sessions WHERE id = ANY(:ids)"), {"ids": session_ids})
        conn.commit()
    engine.dispose()
    return {"answered_questions": answered, "submit_revisions": revisions, "advanced": advanced}


@contextlib.contextmanager
def own_schema(base: str):
    """A new schema of the database at `base`, dropped afterwards: the benchmark migrates its
    tables there, never the shared database's own (whose code may be at another revision)."""
    schema = f"bench_{secrets.token_hex(6)}"
    admin = make_engine(base)
    with admin.begin() as conn:
        conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
    separator = "&" if "?" in base else "?"
    try:
        yield f"{base}{separator}options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as conn:
            conn.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")
        admin.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--submits", type=int, default=2000)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--pg-runs", type=int, default=3, help="PostgreSQL runs, for the spread")
    parser.add_argument(
        "--pg-url",
        default=os.environ.get("TEST_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/test"),
    )
    args = parser.parse_args()

    for follow_ups in (0, 1):
        r = sqlite_latency(args.submits, follow_ups)
        label = "follow-ups off" if follow_ups == 0 else "follow-ups on (built-in decision)"
        print(f"SQLite submit_answer, {args.submits} submits, {label}:")
        print(f"  API   p50 {r['api_p50']:.3f} ms  p95 {r['api_p95']:.3f} ms")
        print(f"  floor p50 {r['floor_p50']:.3f} ms  p95 {r['floor_p95']:.3f} ms")
        ratio = r["api_p50"] / r["floor_p50"]
        if follow_ups == 0:  # the same writes as the floor: the target applies
            verdict = f"target <= 30x: {'OK' if ratio <= 30 else 'MISSED'}"
        else:  # the floor neither decides nor inserts follow-ups: shown for what they cost
            verdict = "for information: the floor makes no follow-up decision or insert"
        print(
            f"  p50 ratio {ratio:.1f}x ({verdict}), p95 ratio {r['api_p95'] / r['floor_p95']:.1f}x"
        )
        if follow_ups == 0:
            result(
                "SQLite submit_answer, p50",
                r["api_p50"],
                "ms",
                against="bare sqlite3, the same writes",
                against_value=r["floor_p50"],
                target="<= 30x the floor",
                met=ratio <= 30,
            )

    with own_schema(args.pg_url) as url:
        runs = [pg_throughput(url, 4, args.seconds) for _ in range(args.pg_runs)]
    rates = [r["per_second"] for r in runs]
    every_answer_intact = True
    for number, r in enumerate(runs, start=1):
        intact = r["answered_questions"] == r["submit_revisions"] == r["advanced"] == r["submits"]
        every_answer_intact &= intact
        print(
            f"PostgreSQL run {number}, 4 processes, {args.seconds:.0f} s: {r['submits']} submits, "
            f"{r['per_second']:.0f} submits/s; stored {r['answered_questions']} answered "
            f"questions, {r['submit_revisions']} submit revisions, sessions advanced "
            f"{r['advanced']} -> {'none lost or duplicated' if intact else 'MISMATCH'}"
        )
    median = statistics.median(rates)
    print(
        f"PostgreSQL submits/s over {len(runs)} runs: median {median:.0f}, "
        f"min {min(rates):.0f}, max {max(rates):.0f} (target >= 1000: "
        f"{'OK' if median >= 1000 else 'MISSED'})"
    )
    result(
        "PostgreSQL submits/s, 4 processes",
        median,
        "submits/s",
        target=">= 1,000, none lost",
        met=median >= 1000 and every_answer_intact,
        note=f"median of {len(runs)} runs; spread {min(rates):.0f}-{max(rates):.0f}; "
        + ("none lost or duplicated" if every_answer_intact else "ANSWERS MISMATCH"),
    )


if __name__ == "__main__":
    main()
