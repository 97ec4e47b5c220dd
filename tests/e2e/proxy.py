"""nginx in front of app servers, from the repository's own deploy/nginx.conf.

Its own master process with a config and folders in a temporary directory, on a free port:
never the system's nginx service. Without nginx the test skips, and fails under CI.
"""

from __future__ import annotations

import shutil
import subprocess
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from tests.e2e.harness import REPO_ROOT, AppServer, free_port, stop_group, unavailable

SAMPLE = REPO_ROOT / "deploy" / "nginx.conf"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


@dataclass
class Proxy:
    process: subprocess.Popen
    port: int
    run_dir: Path

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str = "/", session_id: str | None = None) -> str:
        return f"{self.base_url}{path}{f'?session={session_id}' if session_id else ''}"

    def upstream_for(self, route: str) -> str:
        """The app server (HOST:PORT) a browser carrying this route cookie is sent to."""
        request = urllib.request.Request(
            f"{self.base_url}/_stcore/health", headers={"Cookie": f"rehearse_route={route}"}
        )
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.headers["X-Rehearse-Upstream"].split(",")[-1].strip()

    def stop(self) -> None:
        stop_group(self.process)


def start_proxy(servers: list[AppServer], run_dir: Path) -> Proxy:
    """deploy/nginx.conf with these servers behind it, started in the foreground."""
    if not Path(NGINX).exists():
        unavailable(f"{NGINX} is missing (apt-get install nginx)")
    run_dir.mkdir(parents=True, exist_ok=True)
    port = free_port()
    upstreams = "\n        ".join(
        f"server 127.0.0.1:{server.port} max_fails=1 fail_timeout=10s;" for server in servers
    )
    config = (
        SAMPLE.read_text()
        .replace("{{listen}}", f"127.0.0.1:{port}")
        .replace("{{servers}}", upstreams)
        .replace("{{run_dir}}", str(run_dir))
    )
    conf = run_dir / "nginx.conf"
    conf.write_text(config)
    process = subprocess.Popen(
        [NGINX, "-c", str(conf), "-p", str(run_dir), "-g", "daemon off;"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=(run_dir / "nginx.out").open("wb"),
        start_new_session=True,
    )
    proxy = Proxy(process, port, run_dir)
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with urllib.request.urlopen(f"{proxy.base_url}/_stcore/health", timeout=2) as answer:
                if answer.read().decode().strip() == "ok":
                    return proxy
        except OSError:
            time.sleep(0.1)
    proxy.stop()
    log = (run_dir / "nginx.out").read_text(errors="replace")
    unavailable(f"nginx did not serve {proxy.base_url}: {log}")
