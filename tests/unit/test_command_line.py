"""`python -m interview`: the coach password made on a first start, and made anew on demand."""

import os
import subprocess
import sys
from pathlib import Path

from interview.api import InterviewAPI
from interview.coaching import access

ROOT = Path(__file__).resolve().parents[2]


def run(url: str, *arguments: str, **environment: str) -> subprocess.CompletedProcess:
    env = {name: value for name, value in os.environ.items() if not name.startswith("COACH_")}
    env.update(DATABASE_URL=url, **environment)
    return subprocess.run(
        [sys.executable, "-m", "interview", *arguments],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def password_in(output: str) -> str:
    line = next(line for line in output.splitlines() if "password:" in line.lower())
    return line.rsplit(":", 1)[1].strip()


def test_the_first_start_prints_a_password_once_and_it_signs_a_coach_in(sqlite_url):
    first = run(sqlite_url, "first-start")
    assert first.returncode == 0, first.stderr
    password = password_in(first.stdout)
    again = run(sqlite_url, "first-start")
    assert again.returncode == 0 and again.stdout.strip() == ""
    api = InterviewAPI.from_url(sqlite_url, rate_limit_per_second=None)
    assert api.coach.sign_in(password, "Kim")["code"] == 200
    api.close()


def test_resetting_prints_a_new_password_and_the_old_one_stops_working(sqlite_url):
    old = password_in(run(sqlite_url, "first-start").stdout)
    reset = run(sqlite_url, "reset-coach-password")
    assert reset.returncode == 0, reset.stderr
    new = password_in(reset.stdout)
    api = InterviewAPI.from_url(sqlite_url, rate_limit_per_second=None)
    assert api.coach.sign_in(old)["code"] == 401 and api.coach.sign_in(new)["code"] == 200
    api.close()


def test_a_configured_hash_is_left_alone(sqlite_url):
    configured = {"COACH_PASSWORD_HASH": access.hash_password("from-config")}
    assert run(sqlite_url, "first-start", **configured).stdout.strip() == ""
    refused = run(sqlite_url, "reset-coach-password", **configured)
    assert refused.returncode == 1 and "COACH_PASSWORD_HASH" in refused.stderr
