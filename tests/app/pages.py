"""Steps every page test takes: arrive on a page the way a returning candidate does, read it."""

from streamlit.testing.v1 import AppTest

from app_pages import identity, ui
from tests.conftest import coach_password

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


def as_coach(app: AppTest, api, name: str = "Coach Kim") -> str:
    """Sign `app` in as a coach the way the sign-in page does (a token in session state); the
    account is made, as `make coach-add` would. Returns the coach's name."""
    password = coach_password(api, name)
    signed_in = api.coach.sign_in(password, name)["data"]
    app.session_state[identity.COACH_TOKEN] = signed_in["token"]
    return signed_in["coach"]


def as_candidate(app: AppTest, api) -> str:
    """This AppTest's browser as a candidate with a token (as its cookie would carry); the owner
    digest its sessions are created under."""
    token = api.new_candidate_token()
    app.session_state[identity.CANDIDATE_TOKEN] = token
    return api.browser_owner(token)
