"""The coach dashboard with 10,000 sessions: is it open in under 2 s?

Seeds a SQLite file (and PostgreSQL, with --postgres URL) with N finished sessions of 300
candidates, each with a stored report's figures, then times, side by side in one run:
- the engine's queries for one page of rows and for the cohort's figures, at 100 and N sessions;
- the whole dashboard page (app.py through Streamlit's AppTest, signed in as a coach), cold
  (its first run in the process) and warm, at 100 and at N sessions.
The ratio N/100 shows how the page grows with the cohort; the target is the warm page < 2 s.

    .venv/bin/python bench/dashboard.py [--sessions 10000] [--postgres postgresql://...]
"""

import argparse
import os
import random
import secrets
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import insert  # noqa: E402

from bench.results import result  # noqa: E402
from interview.api import InterviewAPI  # noqa: E402
from interview.scoring import rubric  # noqa: E402
from interview.storage.schema import reports, sessions  # noqa: E402

CANDIDATES = 300
TARGET_SECONDS = 2.0


def seed(api: InterviewAPI, count: int) -> None:
    """`count` finished sessions with reports, spread over a year, in batches."""
    rng = random.Random(7)
    start = datetime.now(UTC) - timedelta(days=365)
    roles = list(api.tracks)
    for first in range(0, count, 1000):
        session_rows, report_rows = [], []
        for number in range(first, min(count, first + 1000)):
            session_id = secrets.token_urlsafe(24)
            candidate = f"Candidate {number % CANDIDATES:03d}"
            created = start + timedelta(minutes=52 * number)
            dimensions = {name: rng.randint(10, 95) for name in rubric.DIMENSION_NAMES}
            overall = rubric.question_score(dimensions)
            session_rows.append(
                {
                    "id": session_id,
                    "candidate_name": candidate,
                    "candidate_key": candidate.casefold(),
                    "role": rng.choice(roles),
                    "status": "EVALUATED",
                    "current_index": 5,
                    "total_questions": 5,
                    "main_question_count": 5,
                    "follow_up_count": 1,
                    "created_at": created,
                    "completed_at": created + timedelta(minutes=rng.randint(8, 40)),
                    "owner": None,
                    "is_sample": False,
                }
            )
            report_rows.append(
                {
                    "session_id": session_id,
                    "overall_score": overall,
                    "ai_overall_score": overall,
                    "dimension_scores": dimensions,
                    "flag_count": int(rng.random() < 0.03),
                    "body": {"overallScore": overall},
                    "generated_at": created + timedelta(minutes=41),
                }
            )
        with api.db.transaction() as conn:
            conn.execute(insert(sessions), session_rows)
            conn.execute(insert(reports), report_rows)


def timed(work, repeat: int = 5) -> float:
    """The median seconds of `repeat` runs."""
    spans = []
    for _ in range(repeat):
        began = time.perf_counter()
        work()
        spans.append(time.perf_counter() - began)
    return statistics.median(spans)


def page_seconds(url: str, password: str, repeat: int) -> tuple[float, float]:
    """The dashboard through app.py: its first run in this process, then the median warm run."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from app_pages import identity, ui

    os.environ["DATABASE_URL"] = url
    st.cache_resource.clear()
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    app.secrets["DATABASE_URL"] = url
    app.run()
    token = ui.get_api().coach.sign_in(password, "Bench")["data"]["token"]
    app.session_state[identity.COACH_TOKEN] = token
    began = time.perf_counter()
    app.switch_page(ui.DASHBOARD_PAGE).run()
    cold = time.perf_counter() - began
    assert not app.exception, app.exception
    assert app.dataframe, "the dashboard drew no table"
    warm = timed(lambda: app.run(), repeat)
    st.cache_resource.clear()
    return cold, warm


def measure(url: str, count: int, repeat: int) -> dict:
    api = InterviewAPI.from_url(url, rate_limit_per_second=None)
    seed(api, count)
    password = api.coach.reset_password()["data"]["password"]
    figures = {
        "page of rows": timed(lambda: api.coach.sessions({}, page=0, page_size=50), repeat),
        "filtered rows": timed(
            lambda: api.coach.sessions({"candidate": "candidate 04", "min_score": 60}), repeat
        ),
        "cohort figures": timed(lambda: api.coach.cohort({}), repeat),
    }
    api.close()
    figures["page, cold"], figures["page, warm"] = page_seconds(url, password, repeat)
    return figures


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sessions", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--postgres", help="also on this PostgreSQL database (tables are added)")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        runs = [("sqlite", lambda n: f"sqlite:///{folder}/bench-{n}.db")]
        if arguments.postgres:
            runs.append(("postgresql", lambda n: _fresh_schema(arguments.postgres, n)))
        worst = 0.0
        for name, url_for in runs:
            small = measure(url_for(100), 100, arguments.repeat)
            large = measure(url_for(arguments.sessions), arguments.sessions, arguments.repeat)
            print(f"\n{name}: seconds (median of {arguments.repeat}), 100 vs {arguments.sessions}")
            for what in small:
                ratio = large[what] / small[what] if small[what] else float("inf")
                print(f"  {what:15} {small[what]:7.3f}  {large[what]:7.3f}   x{ratio:5.1f}")
            worst = max(worst, large["page, warm"])
            result(
                f"coach dashboard, {arguments.sessions:,} sessions, warm ({name})",
                large["page, warm"],
                "s",
                against="the same with 100 sessions",
                against_value=small["page, warm"],
                target=f"< {TARGET_SECONDS:g} s",
                met=large["page, warm"] < TARGET_SECONDS,
            )
        verdict = "OK" if worst < TARGET_SECONDS else "TOO SLOW"
        print(
            f"\ndashboard with {arguments.sessions} sessions: {worst:.2f} s warm "
            f"(target < {TARGET_SECONDS} s: {verdict})"
        )
    return 0 if worst < TARGET_SECONDS else 1


def _fresh_schema(base: str, count: int) -> str:
    import sqlalchemy

    schema = f"bench_{count}_{secrets.token_hex(4)}"
    engine = sqlalchemy.create_engine(base.replace("postgresql://", "postgresql+psycopg://"))
    with engine.begin() as conn:
        conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
    engine.dispose()
    separator = "&" if "?" in base else "?"
    return f"{base}{separator}options=-csearch_path%3D{schema}"


if __name__ == "__main__":
    sys.exit(main())
