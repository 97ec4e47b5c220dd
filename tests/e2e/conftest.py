"""Real-browser fixtures: Debian's chromium through Playwright, and `streamlit run app.py`.

Each test module shares one server on its own SQLite file (a test that kills a server starts its
own with harness.start_server). Without chromium, or when the server won't start, the tests skip
with the reason; with CI set they fail instead, as the PostgreSQL tests do (tests/conftest.py).
"""

from collections.abc import Iterator

import pytest
from playwright.sync_api import sync_playwright

from interview.api import InterviewAPI
from tests.e2e.harness import (
    CHROMIUM,
    LAUNCH_ARGS,
    AppServer,
    new_context,
    start_server,
    unavailable,
)


@pytest.fixture(scope="session")
def browser() -> Iterator:
    """Debian's chromium, headless, one per test run."""
    if not CHROMIUM.exists():
        unavailable(f"{CHROMIUM} is missing (apt-get install chromium)")
    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
    except Exception as failure:
        playwright.stop()
        unavailable(f"chromium at {CHROMIUM} did not start: {failure}")
    yield chromium
    chromium.close()
    playwright.stop()


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[AppServer]:
    """One server per test module, on a SQLite file of its own."""
    directory = tmp_path_factory.mktemp("e2e_server")
    app_server = start_server(directory / "e2e.db", directory / "streamlit.log")
    yield app_server
    app_server.kill()


@pytest.fixture(scope="module")
def engine(server) -> Iterator[InterviewAPI]:
    """The engine on the server's database: to check what the pages saved, or to seed sessions."""
    api = InterviewAPI.from_url(server.database_url, rate_limit_per_second=None)
    yield api
    api.close()


@pytest.fixture
def context(browser):
    """A fresh browser profile for each test: no cookies, no Streamlit session carried over."""
    browser_context = new_context(browser)
    yield browser_context
    browser_context.close()


@pytest.fixture
def page(context):
    return context.new_page()
