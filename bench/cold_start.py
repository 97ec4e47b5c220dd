"""Cold start: from `streamlit run app.py` to the first rendered page in a browser.

Timed from spawning the server process to the start page's Start button being visible in
headless Chromium (the browser is already running: its own start is not the app's). The peer
is the same for bench/floor_page.py, a three-element page: what Streamlit's own start costs.
Runs alternate app and floor, 3 of each by default; the medians are reported. Target: the first
page within 10 s on this two-core machine (a cohort's processes start once, but a restart
should not keep candidates waiting).

Usage: python bench/cold_start.py [--runs N]
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from playwright.sync_api import sync_playwright

from bench.results import result
from bench.ui import CHROMIUM, CHROMIUM_ARGS, SUBMIT, Server

TARGET_S = 10.0
START_BUTTON = ".st-key-start button"


def first_page(browser, script: str, ready: str, env: dict, log: Path) -> float:
    started = time.monotonic()
    server = Server(script, env, log)
    try:
        server.wait_healthy(60)
        page = browser.new_page()
        page.goto(server.url, timeout=60_000)
        page.locator(ready).first.wait_for(timeout=60_000)
        took = time.monotonic() - started
        page.close()
        return took
    finally:
        server.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="rehearse-bench-cold-"))
    for name in ("OPENAI_API_KEY", "INTERVIEW_MODEL"):
        os.environ.pop(name, None)
    app_times, floor_times = [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for run in range(args.runs):
                # A new database each run: opening it (and migrating) is part of a first start.
                env = {"DATABASE_URL": f"sqlite:///{folder / f'cold{run}.db'}"}
                app_times.append(
                    first_page(browser, "app.py", START_BUTTON, env, folder / f"app{run}.log")
                )
                floor_times.append(
                    first_page(browser, "bench/floor_page.py", SUBMIT, env, folder / "f.log")
                )
        finally:
            browser.close()
    app, floor = statistics.median(app_times), statistics.median(floor_times)
    print(f"Cold start to the first rendered page, {args.runs} runs each (seconds):")
    print(f"  app   median {app:.2f}  runs {', '.join(f'{t:.2f}' for t in app_times)}")
    print(f"  floor median {floor:.2f}  runs {', '.join(f'{t:.2f}' for t in floor_times)}")
    result(
        "cold start to first rendered page",
        app,
        "s",
        against="bare one-widget page",
        against_value=floor,
        target=f"< {TARGET_S:g} s",
        met=app < TARGET_S,
        note=f"median of {args.runs}, new SQLite file each",
    )


if __name__ == "__main__":
    main()
