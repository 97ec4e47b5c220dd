"""A whole interview in a real browser, and a draft that survives a reload."""

import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import (
    ANSWER_BOX,
    MAIN,
    SPECIFIC_ANSWER,
    VAGUE_ANSWER,
    current,
    expect_question,
    path_of,
    session_id_of,
    start_interview,
    submit,
    type_draft,
    wait_for,
)

pytestmark = pytest.mark.slow


def test_a_whole_interview_with_a_follow_up_ends_on_the_report(page, server, engine):
    session_id = start_interview(page, server.base_url, "Ada E2E", questions=3, follow_ups=1)
    session = engine.get_session(session_id)["data"]
    assert session["role"] == "backend"  # the default track
    assert (session["mainQuestionCount"], session["followUpCount"]) == (3, 1)

    state = current(engine, session_id)
    expect_question(page, state["question"])
    follow_ups_shown = []
    for _ in range(3 * 2):  # three main questions, each with at most one follow-up
        question = state["question"]
        if question["isFollowUp"]:  # the engine asked one: the page shows it as the question
            expect_question(page, question)
            follow_ups_shown.append(question["question"])
        answer = SPECIFIC_ANSWER if question["isFollowUp"] else VAGUE_ANSWER
        type_draft(page, engine, session_id, question["questionIndex"], answer)
        state = submit(page, engine, session_id)
        if state["completed"]:
            break
    assert state["completed"], "the interview never finished"
    assert follow_ups_shown, "no follow-up question was shown for a vague answer"

    # The report: the overall score as the engine stored it, and the three plotly charts drawn.
    assert path_of(page) == "/report"
    assert session_id_of(page) == session_id
    report = engine.generate_report(session_id)["data"]
    assert report["answeredCount"] == report["totalQuestions"] == 3 + len(follow_ups_shown)
    overall = page.locator(f'{MAIN} [data-testid="stMetricValue"]').first
    expect(overall).to_be_visible()
    expect(overall).to_have_text(str(report["overallScore"]))
    charts = page.locator(f"{MAIN} .js-plotly-plot")
    expect(charts).to_have_count(3)
    for chart in charts.all():
        chart.scroll_into_view_if_needed()
        expect(chart).to_be_visible()
        expect(chart.locator(".main-svg").first).to_be_visible()  # plotly drew it
        box = chart.bounding_box()
        assert box and box["width"] > 100 and box["height"] > 100, box


def test_a_draft_survives_a_reload(page, server, engine):
    session_id = start_interview(page, server.base_url, "Draft E2E", questions=3, follow_ups=0)
    draft = "My draft, half written: I would begin with the slow query log… ✍️ 第一步"
    type_draft(page, engine, session_id, 0, draft)

    page.reload()
    wait_for(page, ANSWER_BOX)
    assert session_id_of(page) == session_id
    expect(page.locator(ANSWER_BOX)).to_have_value(draft)
    expect_question(page, current(engine, session_id)["question"])


def test_a_draft_typed_without_leaving_the_box_survives_a_reload_2_s_later(page, server, engine):
    session_id = start_interview(page, server.base_url, "Keystroke E2E", questions=3, follow_ups=0)
    box = page.locator(ANSWER_BOX)
    box.click()
    draft = "I would add an index on customer_id, because lookups by customer dominate. 第一步"
    box.press_sequentially(
        draft, delay=20
    )  # typing only: no Tab, no click elsewhere, no Ctrl+Enter
    page.wait_for_timeout(2_000)
    assert page.evaluate("() => document.activeElement.tagName") == "TEXTAREA"  # still typing
    assert engine.get_current_question(session_id)["data"]["question"]["userAnswer"] == draft
    saved = page.locator('[data-testid="stCaptionContainer"]', has_text="Draft saved")
    expect(saved.first).to_be_visible()  # the saved state, shown while still in the box

    page.reload()
    wait_for(page, ANSWER_BOX)
    expect(page.locator(ANSWER_BOX)).to_have_value(draft)
