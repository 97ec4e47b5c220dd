"""Steps every page test takes: arrive on a page the way a returning candidate does, read it."""

from streamlit.testing.v1 import AppTest

from app_pages import ui

CACHING_QUESTIONS = [
    "How would you make a slow product catalogue page fast? Which cache would you use, and why?",
    "How do you keep a cache consistent with the database?",
    "Tell me about a production incident you handled.",
]
STRONG_CACHING_ANSWER = (
    "I would put Redis in front of PostgreSQL as a read-through cache for the catalogue, because "
    "reads outnumber writes 50 to 1 and the product pages tolerate a few seconds of staleness. "
    "I chose a 60 second TTL plus explicit invalidation on price updates. The challenge was a "
    "cache stampede when popular keys expired; we solved it with request coalescing and jittered "
    "TTLs. As a result p99 latency fell from 420 ms to 35 ms and database CPU dropped by 60%."
)


def open_page(app: AppTest, page: str, session_id: str) -> AppTest:
    """Open `page` with ?session= in the URL, as a bookmark or a reload would."""
    app.query_params[ui.SESSION_QUERY_PARAM] = session_id
    app.run()
    app.switch_page(page).run()
    return app


def open_interview(app: AppTest, session_id: str) -> AppTest:
    return open_page(app, ui.INTERVIEW_PAGE, session_id)


def open_report(app: AppTest, session_id: str) -> AppTest:
    return open_page(app, ui.REPORT_PAGE, session_id)


def captions(app: AppTest) -> list[str]:
    return [caption.value for caption in app.caption]
