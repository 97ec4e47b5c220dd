"""The machinery under the e2e fixtures: a `streamlit run app.py` server, chromium's settings.

Without chromium, or when the server won't start, a test skips with the reason; with CI set it
fails instead, as the PostgreSQL tests do (tests/conftest.py).
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import NoReturn

import pytest
from playwright.sync_api import expect

REPO_ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
# Never a downloaded browser, never a network call of its own: only the app under test.
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SERVER_START_TIMEOUT = 45  # seconds until /_stcore/health answers "ok"
DESKTOP = {"width": 1280, "height": 900}
PAGE_TIMEOUT_MS = 30_000  # a report takes a few seconds to score on a busy machine
expect.set_options(timeout=15_000)  # Playwright's 5 s is short for a rerun on a loaded machine


def unavailable(reason: str) -> NoReturn:
    """Skip on a laptop without the browser or server; fail under CI, where both must work."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI is set, so this test must not skip)", pytrace=False)
    pytest.skip(reason)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class AppServer:
    """One `streamlit run app.py` process group on a loopback port."""

    process: subprocess.Popen
    port: int
    log_path: Path
    database_url: str
    base_url: str = field(init=False)

    def __post_init__(self) -> None:
        self.base_url = f"http://127.0.0.1:{self.port}"

    def url(self, path: str = "/", session_id: str | None = None) -> str:
        query = f"?session={session_id}" if session_id else ""
        return f"{self.base_url}{path}{query}"

    def log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no server log)"

    def kill(self, sig: int = signal.SIGTERM) -> None:
        """Signal the whole process group (streamlit and anything it spawned), then reap it."""
        stop_group(self.process, sig)


# The built-in interviewer: a developer's model settings must not reach the servers tests start.
MODEL_SETTINGS = ("OPENAI_API_KEY", "OPENAI_BASE_URL", "INTERVIEW_MODEL")


def builtin_env(database_url: str, rate_limit: int) -> dict[str, str]:
    """This environment without the model's settings, on `database_url` and `rate_limit`."""
    env = {name: value for name, value in os.environ.items() if name not in MODEL_SETTINGS}
    return env | {"DATABASE_URL": database_url, "INTERVIEW_RATE_LIMIT": str(rate_limit)}


def spawn_group(command: list[str], env: dict[str, str], log_path: Path) -> subprocess.Popen:
    """Start `command` in the repository, its output appended to `log_path`, as a process group
    of its own (stopped as one: stop_group)."""
    with log_path.open("ab") as log:
        return subprocess.Popen(
            command,
            cwd=REPO_ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def stop_group(process: subprocess.Popen, sig: int = signal.SIGTERM, patience: float = 10) -> None:
    """Signal the process group `process` leads, then reap it: SIGKILL after `patience` s."""
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, sig)
    except ProcessLookupError:
        return
    try:
        process.wait(timeout=patience)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


def start_server(
    database: Path | str,
    log_path: Path,
    rate_limit: int = 0,
    extra_env: dict[str, str] | None = None,
) -> AppServer:
    """Serve app.py on a free loopback port over `database` (a SQLite file, or any URL); skip
    (or fail in CI) if it can't.

    A developer's .streamlit/secrets.toml would override DATABASE_URL (app_pages/ui.py reads the
    secrets into the environment), so the server reads a secrets file of our own instead.
    """
    database_url = database if isinstance(database, str) else f"sqlite:///{database}"
    secrets = log_path.with_suffix(".secrets.toml")
    secrets.write_text(f'DATABASE_URL = "{database_url}"\nINTERVIEW_RATE_LIMIT = "{rate_limit}"\n')
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        "app.py",
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
        "--secrets.files",
        str(secrets),
    ]
    env = builtin_env(database_url, rate_limit) | (extra_env or {})
    process = spawn_group(command, env, log_path)
    server = AppServer(process, port, log_path, database_url)
    health = f"{server.base_url}/_stcore/health"
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            break
        try:
            with urllib.request.urlopen(health, timeout=2) as response:
                if response.read().decode().strip() == "ok":
                    return server
        except OSError:
            pass
        time.sleep(0.1)
    exit_code = process.poll()
    server.kill(signal.SIGKILL)
    state = f"exited with {exit_code}" if exit_code is not None else "never answered"
    unavailable(
        f"streamlit server {state} at {health} within {SERVER_START_TIMEOUT}s; "
        f"log:\n{server.log_tail()}"
    )


def new_context(browser, **options):
    context = browser.new_context(accept_downloads=True, **{"viewport": DESKTOP, **options})
    context.set_default_timeout(PAGE_TIMEOUT_MS)
    return context
