"""The command line (`make run`, `make coach-password` and `make api` use it):

    python -m interview first-start            # on a fresh install: the first coach account
    python -m interview coach-add "Ada Li"     # another coach's account; prints its password once
    python -m interview reset-coach-password [NAME]  # a new password for an account (the first)
    python -m interview serve-api --port 8000  # the HTTP API (interview/http) on this machine

Settings come from the environment, else from .streamlit/secrets.toml (as the app reads them),
or from the file --secrets names.
"""

import argparse
import os
import sys
import tomllib
from pathlib import Path

from interview import http
from interview.api import InterviewAPI
from interview.coaching import access

SECRETS = Path(__file__).resolve().parents[1] / ".streamlit" / "secrets.toml"


# The app's settings (app_pages/ui.py), so the API server opens the engine the app opens.
SETTINGS = (
    "DATABASE_URL",
    "COACH_PASSWORD_HASH",
    "COACH_EMAILS",
    "INTERVIEW_RATE_LIMIT",
    "OPENAI_API_KEY",
    "OPENAI_BASE_URL",
    "INTERVIEW_MODEL",
)


def _secrets(path: Path) -> dict:
    if not path.exists():
        return {}
    with path.open("rb") as file:
        return tomllib.load(file)


def _settings_from_secrets(secrets: dict) -> None:
    for name in SETTINGS:
        if not os.environ.get(name) and secrets.get(name):
            os.environ[name] = str(secrets[name])


def _first_start(api: InterviewAPI, oidc_coaches: bool) -> int:
    made = api.coach.ensure_password(oidc_coaches=oidc_coaches)
    if made["code"] != 200:
        print(f"Could not check the coach password: {made['message']}.", file=sys.stderr)
        return 1
    if made["data"]["password"]:
        print(access.first_start_notice(made["data"]["password"]), flush=True)
    return 0


def _reset(api: InterviewAPI, name: str | None) -> int:
    result = api.coach.reset_password(name)
    if result["code"] != 200:
        print(f"Not changed: {result['message']}.", file=sys.stderr)
        return 1
    print(f"Coach account: {result['data']['name']}")
    print(f"New password: {result['data']['password']}")
    print("It is shown only now; only its hash is kept. That coach was signed out.")
    return 0


def _add(api: InterviewAPI, name: str) -> int:
    result = api.coach.add_coach(name, by="console")
    if result["code"] != 200:
        print(f"Not added: {result['message']}.", file=sys.stderr)
        return 1
    print(f"Coach account: {result['data']['name']}")
    print(f"Password: {result['data']['password']}")
    print("It is shown only now (only its hash is kept): give it to them privately.")
    print("They sign in on the Coach page and can choose their own password there.")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m interview")
    parser.add_argument(
        "--secrets", type=Path, default=SECRETS, help=f"settings file (default: {SECRETS})"
    )
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser(
        "first-start", help="on an install with no coach configured, make and print a password"
    )
    reset = commands.add_parser(
        "reset-coach-password",
        help="a new password for a coach account (printed once; its sign-ins end)",
    )
    reset.add_argument("name", nargs="?", help="the account (default: the first, 'coach')")
    add = commands.add_parser(
        "coach-add", help="add a coach account; its random password is printed once"
    )
    add.add_argument("name", help="the coach's name, which they sign in with")
    serve_api = commands.add_parser(
        "serve-api", help="serve the HTTP API (interview/http) until interrupted"
    )
    serve_api.add_argument("--host", default="127.0.0.1", help="default: this machine only")
    serve_api.add_argument("--port", type=int, default=8000)
    arguments = parser.parse_args(argv)
    command = arguments.command
    secrets = _secrets(arguments.secrets)
    _settings_from_secrets(secrets)
    if command == "serve-api":
        http.serve(arguments.host, arguments.port)
        return 0
    api = InterviewAPI.from_url(rate_limit_per_second=None)
    try:
        if command == "first-start":
            oidc_coaches = bool(os.environ.get("COACH_EMAILS")) and "auth" in secrets
            return _first_start(api, oidc_coaches)
        if command == "coach-add":
            return _add(api, arguments.name)
        return _reset(api, arguments.name)
    finally:
        api.close()


if __name__ == "__main__":
    sys.exit(main())
