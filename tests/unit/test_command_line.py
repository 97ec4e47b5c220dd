"""`python -m interview` and the make targets on it: the first coach account made on a first
start, another coach's account (make coach-add), a password made anew on demand."""

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


def account_in(output: str) -> str:
    line = next(line for line in output.splitlines() if "coach account:" in line.lower())
    return line.split(":", 1)[1].strip()


def test_the_first_start_prints_a_password_once_and_it_signs_a_coach_in(sqlite_url):
    first = run(sqlite_url, "first-start")
    assert first.returncode == 0, first.stderr
    password = password_in(first.stdout)
    again = run(sqlite_url, "first-start")
    assert again.returncode == 0 and again.stdout.strip() == ""
    api = InterviewAPI.from_url(sqlite_url, rate_limit_per_second=None)
    assert account_in(first.stdout) == "coach"
    assert api.coach.sign_in(password, "coach")["data"]["coach"] == "coach"
    api.close()


def test_make_coach_add_prints_a_password_that_signs_that_coach_in_once_shown(sqlite_url):
    env = {name: value for name, value in os.environ.items() if not name.startswith("COACH_")}
    added = subprocess.run(
        ["make", "--no-print-directory", "coach-add", "NAME=Ada  Li"],
        cwd=ROOT,
        env={**env, "DATABASE_URL": sqlite_url},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert added.returncode == 0, added.stderr
    assert account_in(added.stdout) == "Ada Li"
    password = password_in(added.stdout)
    api = InterviewAPI.from_url(sqlite_url, rate_limit_per_second=None)
    signed_in = api.coach.sign_in(password, "ada li")  # any case, spaces squeezed
    assert signed_in["data"]["coach"] == "Ada Li"
    assert api.coach.sign_in(password, "coach")["code"] == 401  # Ada's, nobody else's
    history = api.coach.history()["data"]["actions"]
    assert [(a["actor"], a["action"]) for a in history][:2] == [
        ("Ada Li", "sign_in"),
        ("console", "coach_add"),
    ]
    api.close()
    twice = run(sqlite_url, "coach-add", "ADA LI")
    assert twice.returncode == 1 and "already a coach named" in twice.stderr


def test_resetting_prints_a_new_password_and_the_old_one_stops_working(sqlite_url):
    old = password_in(run(sqlite_url, "first-start").stdout)
    reset = run(sqlite_url, "reset-coach-password")
    assert reset.returncode == 0, reset.stderr
    new = password_in(reset.stdout)
    api = InterviewAPI.from_url(sqlite_url, rate_limit_per_second=None)
    assert api.coach.sign_in(old)["code"] == 401 and api.coach.sign_in(new)["code"] == 200
    api.close()
    unknown = run(sqlite_url, "reset-coach-password", "Nobody")
    assert unknown.returncode == 1 and "Coach not found" in unknown.stderr


def test_a_configured_hash_is_left_alone(sqlite_url):
    configured = {"COACH_PASSWORD_HASH": access.hash_password("from-config")}
    assert run(sqlite_url, "first-start", **configured).stdout.strip() == ""
    refused = run(sqlite_url, "reset-coach-password", **configured)
    assert refused.returncode == 1 and "COACH_PASSWORD_HASH" in refused.stderr
