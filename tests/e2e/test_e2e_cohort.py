"""A cohort behind nginx: two app processes on one PostgreSQL database, deploy/nginx.conf in front.

A candidate starts on one process; it is killed; the same URL carries on on the other with the
draft intact. Two candidates pinned to different processes submit at the same moment under a
limit of one submit a second: the limit holds across both (the second waits, then gets in).
"""

import signal
from datetime import datetime

import pytest
from playwright.sync_api import expect

from interview.api import InterviewAPI
from tests.e2e.harness import new_context, start_server
from tests.e2e.helpers import (
    ANSWER_BOX,
    SPECIFIC_ANSWER,
    SUBMIT,
    current,
    expect_question,
    open_page,
    poll,
    stored_answer,
    submit,
    type_draft,
)
from tests.e2e.proxy import start_proxy

pytestmark = [pytest.mark.slow, pytest.mark.postgres]

# Every process of a cohort must share one cookie secret (XSRF tokens, st.login's cookies).
SHARED = {"STREAMLIT_SERVER_COOKIE_SECRET": "one-secret-for-every-process-of-the-cohort"}


@pytest.fixture
def cohort(postgres_url, tmp_path):
    """Two app servers on one PostgreSQL schema (one submit a second), nginx in front."""
    InterviewAPI.from_url(postgres_url).close()  # migrated once, before two processes start
    servers = [
        start_server(postgres_url, tmp_path / f"app{n}.log", rate_limit=1, extra_env=SHARED)
        for n in range(2)
    ]
    proxy = start_proxy(servers, tmp_path / "nginx")
    engine = InterviewAPI.from_url(postgres_url, rate_limit_per_second=None)
    yield servers, proxy, engine
    engine.close()
    proxy.stop()
    for server in servers:
        server.kill(signal.SIGKILL)


def route_to(proxy, server) -> str:
    """A route cookie value that nginx sends to `server`."""
    for n in range(200):
        if proxy.upstream_for(f"route-{n}") == f"127.0.0.1:{server.port}":
            return f"route-{n}"
    raise AssertionError(f"no route to {server.port} among 200 tries")


def pinned_page(browser, proxy, server):
    context = new_context(browser)
    context.add_cookies([{"name": "rehearse_route", "value": route_to(proxy, server),
                          "url": proxy.base_url}])  # fmt: skip
    return context, context.new_page()


def new_session(engine: InterviewAPI, name: str) -> str:
    created = engine.create_session(
        candidate_name=name, role="backend", question_count=3, follow_up_count=0
    )
    return created["data"]["sessionId"]


def test_a_killed_process_hands_the_candidate_to_the_other_with_the_draft(cohort, browser):
    servers, proxy, engine = cohort
    first, second = servers
    context, page = pinned_page(browser, proxy, first)
    try:
        session_id = new_session(engine, "Cohort Failover")
        open_page(page, proxy.url("/interview", session_id), ANSWER_BOX)
        type_draft(page, engine, session_id, 0, SPECIFIC_ANSWER)
        submit(page, engine, session_id)
        draft = "Typed on the first process, just before it died: shard by tenant id."
        type_draft(page, engine, session_id, 1, draft)

        first.kill(signal.SIGKILL)

        # The same URL, the same cookie: nginx now sends it to the live process.
        open_page(page, proxy.url("/interview", session_id), ANSWER_BOX)
        assert proxy.upstream_for(route_to_cookie(context)) == f"127.0.0.1:{second.port}"
        expect_question(page, current(engine, session_id)["question"])
        expect(page.locator(ANSWER_BOX)).to_have_value(draft)
        after = submit(page, engine, session_id)
        assert after["currentIndex"] == 2
        assert stored_answer(engine, session_id, 1) == draft
        assert stored_answer(engine, session_id, 0) == SPECIFIC_ANSWER
    finally:
        context.close()


def route_to_cookie(context) -> str:
    return next(c["value"] for c in context.cookies() if c["name"] == "rehearse_route")


def test_the_rate_limit_holds_across_both_processes(cohort, browser):
    servers, proxy, engine = cohort
    tabs = [pinned_page(browser, proxy, server) for server in servers]
    try:
        sessions = [new_session(engine, f"Cohort Limit {n}") for n in range(2)]
        for (_, page), session_id in zip(tabs, sessions, strict=True):
            open_page(page, proxy.url("/interview", session_id), ANSWER_BOX)
            type_draft(page, engine, session_id, 0, SPECIFIC_ANSWER)
        for _, page in tabs:  # both clicks land within a few milliseconds
            page.locator(SUBMIT).click()
        for session_id in sessions:
            poll(lambda s=session_id: current(engine, s)["currentIndex"] == 1, "both submits")
        moments = sorted(
            revision["savedAt"]
            for session_id in sessions
            for revision in engine.answer_history(session_id)["data"]
            if revision["kind"] == "submit"
        )
        # One submit a second, shared through the database by two processes: the second
        # waited for the window (the page retried it a second later).
        first, second = (datetime.fromisoformat(moment) for moment in moments)
        assert (second - first).total_seconds() >= 0.9, moments
    finally:
        for context, _ in tabs:
            context.close()
