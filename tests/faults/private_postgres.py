"""A PostgreSQL server of the test's own, to stop and restart: never the shared one.

initdb into a temporary folder and pg_ctl on a free loopback port, as the postgres user when
the tests run as root (PostgreSQL refuses to run as root). Without the binaries the test skips,
and fails under CI (tests/e2e/harness.py `unavailable`).
"""

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from tests.e2e.harness import free_port, unavailable

BIN_DIRS = sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)


class PrivatePostgres:
    """initdb on construction; then start(), stop(), restart(), and remove() at the end."""

    def __init__(self) -> None:
        if not BIN_DIRS:
            unavailable("no PostgreSQL server binaries under /usr/lib/postgresql")
        self.bin = BIN_DIRS[0]
        self.folder = Path(tempfile.mkdtemp(prefix="rehearse-pg-"))
        self.data = self.folder / "data"
        self.port = free_port()
        self.url = f"postgresql://postgres@127.0.0.1:{self.port}/postgres"
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres", "postgres")
        made = self._run("initdb", "-D", str(self.data), "-U", "postgres", "-A", "trust")
        if made.returncode != 0:
            self.remove()
            unavailable(f"initdb failed: {made.stderr}")

    def start(self) -> "PrivatePostgres":
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        started = self._run(
            "pg_ctl", "-D", str(self.data), "-l", str(self.folder / "log"), "-w", "-o", options,
            "start",
        )  # fmt: skip
        if started.returncode != 0:
            unavailable(f"the private PostgreSQL did not start: {started.stdout}{started.stderr}")
        return self

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")

    def restart(self) -> None:
        self.stop()
        self.start()

    def remove(self) -> None:
        if (self.data / "postmaster.pid").exists():
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.folder, ignore_errors=True)

    def _run(self, program: str, *args: str) -> subprocess.CompletedProcess:
        command = [str(self.bin / program), *args]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        return subprocess.run(command, capture_output=True, text=True, timeout=60, cwd="/")
