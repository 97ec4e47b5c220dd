"""The machinery under the HTTP fixtures: `python -m interview serve-api` (what `make api` runs)
as a real uvicorn process on a free loopback port, over a database the test chooses.

uvicorn is a Python dependency, so a server that will not start fails the test (it never skips).
"""

from __future__ import annotations

import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx2

from tests.e2e.harness import builtin_env, free_port, spawn_group, stop_group

START_TIMEOUT = 60  # seconds until the API answers; the first start also migrates the database


@dataclass
class ApiServer:
    """One `python -m interview serve-api` process group on a loopback port."""

    process: subprocess.Popen
    base_url: str
    log_path: Path
    database_url: str

    def client(self, **options) -> httpx2.Client:
        return httpx2.Client(base_url=self.base_url, timeout=30, **options)

    def log_tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no server log)"

    def stop(self) -> None:
        """SIGTERM the process group (uvicorn shuts down and closes the engine), then reap it."""
        stop_group(self.process, patience=15)


def start_api_server(database_url: str, directory: Path, rate_limit: int = 0) -> ApiServer:
    """Serve the HTTP API over `database_url` with the built-in interviewer; fail if it won't."""
    port = free_port()
    # Our own (empty) settings file: a developer's .streamlit/secrets.toml must not point the
    # server at another database or a language model.
    secrets = directory / f"api-{port}.secrets.toml"
    secrets.write_text("")
    log_path = directory / f"api-{port}.log"
    command = [sys.executable, "-m", "interview", "--secrets", str(secrets), "serve-api"]
    command += ["--host", "127.0.0.1", "--port", str(port)]
    process = spawn_group(command, builtin_env(database_url, rate_limit), log_path)
    server = ApiServer(process, f"http://127.0.0.1:{port}", log_path, database_url)
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline and process.poll() is None:
        try:
            if httpx2.get(f"{server.base_url}/api/interview/roles", timeout=2).status_code == 200:
                return server
        except httpx2.TransportError:
            pass
        time.sleep(0.1)
    exit_code = process.poll()
    server.stop()
    state = f"exited with {exit_code}" if exit_code is not None else "never answered"
    raise AssertionError(f"the API server {state} within {START_TIMEOUT} s:\n{server.log_tail()}")
