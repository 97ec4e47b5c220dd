"""Memory per open candidate session in one Streamlit server: 1, 10 and 30 browser tabs.

Each tab is one Streamlit session on the interview page of its own interview (the app) or on
bench/floor_page.py (the peer: a heading, an answer box and a button, what Streamlit itself
keeps per session). The server's resident memory is read after three warm-up tabs (each on an
interview of its own) are open and idle (imports, caches, the engine, allocator arenas), and
again once N more tabs are open and idle; per session = the growth divided by N. With one tab the
figure is one sample of the allocator's growth, so it is the noisiest of the three. Target:
under 2 MB per session for the app.

Usage: python bench/memory.py [--tabs 1 10 30]
"""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from playwright.sync_api import sync_playwright

from bench.results import result
from bench.ui import ANSWER_BOX, CHROMIUM, CHROMIUM_ARGS, TIMEOUT_MS, Server, wait_idle
from interview.api import InterviewAPI

TARGET_MB = 2.0
WARM_UP = 3  # sessions opened and closed first, each on its own interview
SETTLE = 3.0  # seconds for the last reruns and the collector after the tabs are open


def resident_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for {pid}")


def open_tab(context, url: str, ready: str):
    page = context.new_page()
    page.goto(url, timeout=TIMEOUT_MS)
    page.locator(ready).first.wait_for(timeout=TIMEOUT_MS)
    wait_idle(page)
    return page


def measure(browser, server: Server, urls: list[str], ready: str, counts: list[int]) -> dict:
    """{N: MB per session} for one server, opening tabs up to each N in turn."""
    # Warm-up sessions open first and stay open: what the first ones cost once per process
    # (imports, caches, allocator arenas) is no session's. Closed, they would hand memory back
    # to the system, and the next tab would grow it again, one allocator step (1-2 MB) charged
    # to the first measured session (measured so: 1.41 MB at 1 tab, 0.19 MB at 10).
    warm = browser.new_context()
    for url in urls[:WARM_UP]:
        open_tab(warm, url, ready)
    time.sleep(SETTLE)
    baseline = resident_mb(server.process.pid)
    context = browser.new_context()
    per_session, pages = {}, []
    for count in counts:
        while len(pages) < count:
            pages.append(open_tab(context, urls[WARM_UP + len(pages)], ready))
        time.sleep(SETTLE)
        per_session[count] = (resident_mb(server.process.pid) - baseline) / count
    context.close()
    warm.close()
    return per_session


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tabs", type=int, nargs="+", default=[1, 10, 30])
    args = parser.parse_args()
    most = max(args.tabs)
    folder = Path(tempfile.mkdtemp(prefix="rehearse-bench-memory-"))
    url = f"sqlite:///{folder / 'bench.db'}"
    engine = InterviewAPI.from_url(url, rate_limit_per_second=None)
    sessions = [
        engine.create_session(candidate_name=f"Tab {n}", role="backend", follow_up_count=0)["data"][
            "sessionId"
        ]
        for n in range(most + WARM_UP)
    ]
    engine.close()
    env = {"DATABASE_URL": url, "INTERVIEW_RATE_LIMIT": "0"}
    for name in ("OPENAI_API_KEY", "INTERVIEW_MODEL"):
        os.environ.pop(name, None)
    app = Server("app.py", env, folder / "app.log")
    floor = Server("bench/floor_page.py", env, folder / "floor.log")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            app.wait_healthy()
            floor.wait_healthy()
            app_urls = [f"{app.url}/interview?session={s}" for s in sessions]
            floor_urls = [floor.url] * (most + WARM_UP)
            app_mb = measure(browser, app, app_urls, ANSWER_BOX, args.tabs)
            floor_mb = measure(browser, floor, floor_urls, ANSWER_BOX, args.tabs)
        finally:
            browser.close()
            app.stop()
            floor.stop()
    print("Resident memory per open session (MB), growth over the warmed-up server / tabs:")
    print("  tabs    app   floor")
    for count in args.tabs:
        print(f"  {count:4}  {app_mb[count]:5.2f}  {floor_mb[count]:5.2f}")
        result(
            f"memory per candidate session, {count} tab{'s' if count > 1 else ''}",
            app_mb[count],
            "MB",
            against="bare one-widget page",
            against_value=floor_mb[count] if floor_mb[count] > 0 else None,
            target=f"< {TARGET_MB:g} MB",
            met=app_mb[count] < TARGET_MB,
        )


if __name__ == "__main__":
    main()
