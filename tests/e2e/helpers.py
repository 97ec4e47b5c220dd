"""Steps a candidate takes in the real browser, located by widget keys, never by English labels.

Streamlit gives each keyed element's container the class `st-key-<key>`. A rerun is waited for
by its outcome (an element, a saved draft, a new question) and then for the app to be idle:
script not running, connected, and no element left stale from the previous run.
"""

from __future__ import annotations

import re
import time
from pathlib import Path
from urllib.parse import parse_qs, urlparse

from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from interview.api import InterviewAPI
from tests.conftest import coach_password

ANSWER_BOX = ".st-key-answer textarea"
SUBMIT = ".st-key-submit button"
START = ".st-key-start button"
REPORT_READY = ".st-key-download_csv button"
MAIN = '[data-testid="stMain"]'
QUESTION_HEADING = f"{MAIN} h3"
APP_ERROR = '[data-testid="stException"]'
LOCAL = ("file:", "data:", "blob:", "about:")  # what an offline page may still load
# A generic answer with no example, number or reason: the built-in interviewer
# (interview/interviewers/follow_ups.py) follows it up on every backend question.
VAGUE_ANSWER = (
    "I would start by understanding the requirements and the constraints, then look at how the "
    "current system behaves in production. I would talk to the team, agree on a plan, make a "
    "small change first, test it carefully, and roll it out step by step while watching the "
    "monitoring dashboards."
)
SPECIFIC_ANSWER = (
    "In 2023 our checkout API on PostgreSQL had a p99 of 420 ms. I profiled it with EXPLAIN "
    "ANALYZE, added a composite index and a Redis read-through cache with a 60 second TTL, "
    "because reads outnumbered writes 50 to 1. A cache stampede hit us when hot keys expired; "
    "we fixed it with request coalescing and jittered TTLs. p99 fell to 35 ms and database CPU "
    "dropped by 60%."
)

_IDLE = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  return !!app
    && app.getAttribute('data-test-script-state') === 'notRunning'
    && app.getAttribute('data-test-connection-state') === 'CONNECTED'
    && !document.querySelector('[data-stale="true"]');
}"""


def fail_on_app_error(page: Page) -> None:
    errors = page.locator(APP_ERROR)
    if errors.count():
        raise AssertionError(f"the app showed an exception:\n{errors.first.inner_text()}")


def wait_idle(page: Page) -> None:
    """The current rerun has finished and its output replaced the previous run's."""
    page.wait_for_function(_IDLE, polling=50)
    fail_on_app_error(page)


def wait_for(page: Page, selector: str) -> None:
    """Wait until `selector` is visible (or the app shows an exception: fail at once), then idle."""
    page.locator(f"{selector}, {APP_ERROR}").first.wait_for(state="visible")
    fail_on_app_error(page)
    wait_idle(page)


def pick_option(page: Page, selectbox: str, row: int = 0) -> None:
    """Open the selectbox `selectbox` and pick its option `row`. A click that lands while a rerun
    redraws the box opens nothing, so the box is clicked again until its options show."""
    options = page.get_by_role("option")
    for _ in range(5):
        page.locator(selectbox).click()
        try:
            options.nth(row).wait_for(state="visible", timeout=3000)
            break
        except PlaywrightTimeoutError:
            page.keyboard.press("Escape")
            wait_idle(page)
    options.nth(row).click()


def open_page(page: Page, url: str, ready: str) -> None:
    page.goto(url)
    wait_for(page, ready)


def session_id_of(page: Page) -> str:
    values = parse_qs(urlparse(page.url).query).get("session")
    assert values, f"no ?session= in {page.url}"
    return values[0]


def path_of(page: Page) -> str:
    return urlparse(page.url).path


def set_input(page: Page, key: str, value: str) -> None:
    """Type into a text or number input and leave it, so Streamlit receives the value."""
    box = page.locator(f".st-key-{key} input")
    box.fill(value)
    box.press("Tab")
    wait_idle(page)
    expect(box).to_have_value(value)


def start_interview(
    page: Page, base_url: str, name: str, questions: int = 3, follow_ups: int = 1
) -> str:
    """Fill the start form (the backend track is the default) and start; returns the session id."""
    open_page(page, base_url + "/", START)
    set_input(page, "candidate_name", name)
    set_input(page, "question_count", str(questions))
    set_input(page, "follow_up_count", str(follow_ups))
    page.locator(START).click()
    wait_for(page, ANSWER_BOX)
    assert path_of(page) == "/interview", page.url
    return session_id_of(page)


def poll(condition, what: str, timeout: float = 15.0):
    """Poll `condition()` every 50 ms until it is truthy; returns its value."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {what}")
        time.sleep(0.05)


def stored_answer(engine: InterviewAPI, session_id: str, index: int) -> str | None:
    session = engine.get_session(session_id)
    assert session["code"] == 200, session
    return session["data"]["questions"][index]["userAnswer"]


def current(engine: InterviewAPI, session_id: str) -> dict:
    """The engine's view: {"completed", "question", "currentIndex", ...}."""
    result = engine.get_current_question(session_id)
    assert result["code"] == 200, result
    return result["data"]


def expect_question(page: Page, question: dict) -> None:
    """The page shows this question (main or follow-up) as its heading, and no other.

    During a rerun the next heading is drawn while the previous one is still there (stale), so
    this waits for the heading, then for the run to end, then checks it is the only one."""
    headings = page.locator(QUESTION_HEADING)
    shown = as_shown(question["question"], exact=True)
    expect(headings.filter(has_text=shown).first).to_be_visible()
    wait_idle(page)
    expect(headings).to_have_text(shown)


def type_draft(page: Page, engine: InterviewAPI, session_id: str, index: int, text: str) -> None:
    """Type into the answer box, leave it (blur) so autosave runs, and wait until it is stored."""
    box = page.locator(ANSWER_BOX)
    box.fill(text)
    box.press("Tab")
    poll(lambda: stored_answer(engine, session_id, index) == text, f"draft of question {index}")
    wait_idle(page)
    expect(box).to_have_value(text)


def submit(page: Page, engine: InterviewAPI, session_id: str) -> dict:
    """Click Submit and wait for the next question (or the report); returns the engine's state."""
    before = current(engine, session_id)["currentIndex"]

    def moved_on() -> dict | None:
        state = current(engine, session_id)
        return state if state["currentIndex"] > before else None

    page.locator(SUBMIT).click()
    after = poll(moved_on, f"the engine to move past question {before}")
    if after["completed"]:
        wait_for(page, REPORT_READY)
        assert path_of(page) == "/report", page.url
    else:
        expect_question(page, after["question"])
        expect(page.locator(ANSWER_BOX)).to_have_value(after["question"]["userAnswer"] or "")
    return after


def finish_early(page: Page) -> None:
    page.locator(".st-key-finish_early button").click()
    wait_for(page, ".st-key-confirm_finish button")
    page.locator(".st-key-confirm_finish button").click()
    wait_for(page, REPORT_READY)
    assert path_of(page) == "/report", page.url


def expand_question_cards(page: Page) -> int:
    """Open every expander on the report; returns how many there are."""
    cards = page.locator(f'{MAIN} [data-testid="stExpander"] details')
    for card in cards.all():
        if card.get_attribute("open") is None:
            card.locator("summary").click()
            expect(card).to_have_attribute("open", "")
    wait_idle(page)
    return cards.count()


_CONTENT_HEIGHT = """() => {
  const main = document.querySelector('[data-testid="stMain"]');
  return Math.max(document.documentElement.scrollHeight, main ? main.scrollHeight : 0);
}"""
_FITS = """() => { const main = document.querySelector('[data-testid="stMain"]');
                   return !main || main.scrollHeight <= main.clientHeight + 1; }"""


def full_page_screenshot(page: Page, path: Path) -> Path:
    """Streamlit scrolls inside <main>, not the document: grow the viewport to fit it, shoot."""
    viewport = page.viewport_size
    assert viewport is not None
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    for _ in range(3):  # charts may grow once more after the relayout
        height = max(page.evaluate(_CONTENT_HEIGHT), viewport["height"])
        page.set_viewport_size({"width": viewport["width"], "height": height})
        try:
            page.wait_for_function(_FITS, polling=50, timeout=1_500)
            break
        except PlaywrightTimeoutError:
            continue
    wait_idle(page)
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size(viewport)
    return path


def horizontal_overflow(page: Page) -> dict:
    """How wide the document and the scrolling main area are, against the viewport."""
    return page.evaluate(
        """() => {
          const main = document.querySelector('[data-testid="stMain"]');
          return {viewport: window.innerWidth,
                  document: document.documentElement.scrollWidth,
                  main: main ? main.scrollWidth : 0,
                  mainClient: main ? main.clientWidth : 0};
        }"""
    )


def start_custom_interview(
    page: Page, base_url: str, name: str, questions: list[str], follow_ups: int = 0
) -> str:
    """Start an interview on the candidate's own questions; returns its id."""
    open_page(page, base_url + "/", START)
    set_input(page, "candidate_name", name)
    page.locator(".st-key-use_custom_questions label").first.click()
    wait_for(page, ".st-key-custom_questions textarea")
    box = page.locator(".st-key-custom_questions textarea")
    box.fill("\n".join(questions))
    box.press("Tab")
    wait_idle(page)
    set_input(page, "follow_up_count", str(follow_ups))
    expect(box).to_have_value("\n".join(questions))
    page.locator(START).click()
    wait_for(page, ANSWER_BOX)
    assert path_of(page) == "/interview", page.url
    return session_id_of(page)


def download(page: Page, key: str, directory: Path) -> Path:
    """Click the download button `key`; returns the saved file."""
    wait_idle(page)  # a click on a button a rerun is redrawing can be lost
    with page.expect_download(timeout=60_000) as started:
        page.locator(f".st-key-{key} button").click()
    file = started.value
    assert file.failure() is None, file.failure()
    path = directory / file.suggested_filename
    file.save_as(path)
    return path


def open_offline(browser, path: Path, **options) -> tuple[Page, list[str]]:
    """Open a local file with the network off; returns the page and any non-local requests."""
    context = browser.new_context(offline=True, **options)
    attempted: list[str] = []

    def block(route) -> None:
        url = route.request.url
        if url.startswith(LOCAL):
            route.continue_()
        else:
            attempted.append(url)
            route.abort()

    context.route("**/*", block)
    page = context.new_page()
    page.on("request", lambda r: None if r.url.startswith(LOCAL) else attempted.append(r.url))
    page.goto(path.as_uri(), wait_until="load")
    return page, attempted


def as_shown(text: str, exact: bool = False) -> re.Pattern:
    """The text as a page may show it: the pages put a zero-width space into web and e-mail
    addresses in candidate text (app_pages/ui.py as_plain_markdown) so they never become links."""
    pattern = re.escape(text)
    for marker in ("://", "@", "www."):
        escaped = re.escape(marker)
        split = 1 if marker == "://" else (0 if marker == "@" else 3)
        pattern = pattern.replace(
            escaped, f"{re.escape(marker[:split])}\u200b?{re.escape(marker[split:])}"
        )
    return re.compile(f"^{pattern}$" if exact else pattern)


def assert_inert(page: Page) -> None:
    """Nothing the candidate typed ran or became markup: no script, image or javascript: link."""
    ran = page.evaluate("typeof window.__xss === 'undefined' ? null : String(window.__xss)")
    assert ran is None, f"candidate text ran as code: window.__xss = {ran}"
    assert page.locator('img[src="x"]').count() == 0, "an <img src=x> was made from the answer"
    links = page.evaluate(
        """() => [...document.querySelectorAll('a[href]')]
                 .map(a => a.getAttribute('href'))
                 .filter(h => h.replace(/[\\s\\u0000-\\u001f]/g, '').toLowerCase()
                               .startsWith('javascript'))"""
    )
    assert not links, f"javascript: links on the page: {links}"
    # Markdown images and links in candidate text stay text: nothing points at their address.
    made = page.locator('img[src*="127.0.0.1:9"], a[href*="127.0.0.1:9"]').count()
    outer = page.locator('img[src*="127.0.0.1:9"], a[href*="127.0.0.1:9"]').evaluate_all(
        "els => els.map(e => e.parentElement.parentElement.outerHTML.slice(0, 600))"
    )
    assert made == 0, f"a markdown image or link in candidate text became an element: {outer}"


def as_coach(context, engine: InterviewAPI, base_url: str, name: str = "Kim") -> None:
    """Sign this browser profile in as a coach: the cookie the sign-in page would leave."""
    password = coach_password(engine, name)
    token = engine.coach.sign_in(password, name)["data"]["token"]
    context.add_cookies([{"name": "rehearse_coach", "value": token, "url": base_url}])


def as_candidate(context, engine: InterviewAPI, base_url: str) -> str:
    """This browser profile's candidate cookie, as its first visit would leave; returns the owner
    its sessions are listed under."""
    token = engine.new_candidate_token()
    context.add_cookies([{"name": "rehearse_candidate", "value": token, "url": base_url}])
    return engine.browser_owner(token)


def open_review_from_dashboard(page: Page, base_url: str, row: int = 0) -> None:
    """The dashboard's row `row`, picked and opened as a coach does."""
    open_page(page, base_url + "/dashboard", ".st-key-dashboard_review_pick")
    pick_option(page, ".st-key-dashboard_review_pick", row)
    wait_idle(page)
    page.locator(".st-key-dashboard_open_review button").click()
    wait_for(page, ".st-key-review_regrade")
