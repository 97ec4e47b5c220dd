"""The report's downloads, and candidate text that looks like code staying text everywhere."""

import csv
import html
import io

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.e2e.helpers import (
    ANSWER_BOX,
    MAIN,
    REPORT_READY,
    SPECIFIC_ANSWER,
    as_coach,
    as_shown,
    assert_inert,
    current,
    download,
    expand_question_cards,
    expect_question,
    finish_early,
    open_offline,
    open_page,
    open_review_from_dashboard,
    start_custom_interview,
    submit,
    type_draft,
    wait_for,
)

pytestmark = pytest.mark.slow

UTF8_BOM = b"\xef\xbb\xbf"
PAYLOAD = (
    "<script>window.__xss=1</script> "
    '<img src=x onerror="window.__xss=2"> '
    "[click](javascript:window.__xss=3) "
    "![p](http://127.0.0.1:9/p.png)"
)
# Short enough that a follow-up quotes all of it ("You said: …"), payload first.
XSS_ANSWER = f"{PAYLOAD} Escape it first."
XSS_QUESTION = f"What does this snippet do? {PAYLOAD}"
XSS_NAME = 'Eve <img src=x onerror="window.__xss=4">'


def _charts_drawn(page, count: int) -> None:
    expect(page.locator(".js-plotly-plot")).to_have_count(count)
    for chart in page.locator(".js-plotly-plot").all():
        expect(chart.locator(".main-svg").first).to_be_visible()


def test_downloads_html_that_opens_offline_csv_with_a_row_per_question_and_a_pdf(
    page, browser, server, engine, tmp_path
):
    # Finished through the engine (the interview itself is other tests' subject); the page reports.
    created = engine.create_session(
        candidate_name="Download E2E", role="backend", question_count=3, follow_up_count=0
    )
    session_id = created["data"]["sessionId"]
    assert engine.submit_answer(session_id, 0, SPECIFIC_ANSWER)["code"] == 200
    assert engine.complete_early(session_id)["code"] == 200
    open_page(page, server.url("/report", session_id), REPORT_READY)
    report = engine.generate_report(session_id)["data"]
    details = report["questionDetails"]
    assert len(details) == 3

    report_html = download(page, "download_html", tmp_path)
    assert report_html.suffix == ".html"
    text = report_html.read_text(encoding="utf-8")
    assert text.lstrip().lower().startswith("<!doctype html>")
    assert html.escape("Download E2E") in text
    assert html.escape(SPECIFIC_ANSWER) in text
    for detail in details:
        assert html.escape(detail["question"]) in text

    offline, attempted = open_offline(browser, report_html)
    try:
        _charts_drawn(offline, 3)  # plotly's JavaScript is inside the file
        expect(offline.get_by_text(SPECIFIC_ANSWER, exact=True).first).to_be_visible()
        expect(offline.locator("h1")).to_contain_text("Download E2E")
        assert offline.locator("script[src], link[href], img[src], iframe").count() == 0
        assert attempted == [], f"the offline report asked the network for {attempted}"
    finally:
        offline.context.close()

    scores = download(page, "download_csv", tmp_path)
    assert scores.suffix == ".csv"
    raw = scores.read_bytes()
    assert raw.startswith(UTF8_BOM)
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert [int(row["questionIndex"]) for row in rows] == [d["questionIndex"] for d in details]
    assert [row["question"] for row in rows] == [d["question"] for d in details]
    assert rows[0]["userAnswer"] == SPECIFIC_ANSWER
    assert [int(row["score"]) for row in rows] == [d["score"] for d in details]

    # The PDF is drawn on the click (fpdf2 and the font load then): it arrives and reads back.
    printed = download(page, "download_pdf", tmp_path)
    assert printed.suffix == ".pdf" and printed.read_bytes().startswith(b"%PDF-")
    pages = PdfReader(printed).pages
    assert len(pages) >= 2
    first_page = " ".join(pages[0].extract_text().split())
    assert "Download E2E" in first_page and str(report["overallScore"]) in first_page


def test_answers_that_look_like_code_are_shown_as_text_and_never_run(
    page, browser, server, engine, tmp_path
):
    questions = [XSS_QUESTION, "How do you review a pull request?", "What do you test first?"]
    session_id = start_custom_interview(page, server.base_url, XSS_NAME, questions, follow_ups=1)
    expect_question(page, current(engine, session_id)["question"])  # the question, as text
    assert_inert(page)
    main = page.locator(MAIN)

    # The interview page, reloaded: the draft comes back as the box's text, nothing runs.
    type_draft(page, engine, session_id, 0, XSS_ANSWER)
    page.reload()
    wait_for(page, ANSWER_BOX)
    expect(page.locator(ANSWER_BOX)).to_have_value(XSS_ANSWER)
    expect_question(page, current(engine, session_id)["question"])
    assert_inert(page)

    # The follow-up quotes the answer it is about, and the question that answer was to.
    follow_up = submit(page, engine, session_id)["question"]
    assert follow_up["isFollowUp"], "the interviewer asked no follow-up about the answer"
    assert_inert(page)
    expect(main.get_by_text(as_shown(XSS_ANSWER)).first).to_be_visible()
    expect(main.get_by_text(as_shown(XSS_QUESTION)).first).to_be_visible()

    # The report, every question card open.
    finish_early(page)
    report = engine.generate_report(session_id)["data"]
    # One card per question, then the rubric and "How this report was scored".
    assert expand_question_cards(page) == report["totalQuestions"] + 2
    assert_inert(page)
    expect(main.get_by_text(as_shown(XSS_ANSWER, exact=True)).first).to_be_visible()
    expect(main.get_by_text(as_shown(XSS_QUESTION, exact=True)).first).to_be_visible()

    # The downloaded report, opened in the browser.
    report_html = download(page, "download_html", tmp_path)
    offline, _ = open_offline(browser, report_html)
    try:
        _charts_drawn(offline, 3)
        assert_inert(offline)
        expect(offline.get_by_text(XSS_ANSWER, exact=True).first).to_be_visible()
        expect(offline.get_by_text(XSS_QUESTION, exact=True).first).to_be_visible()
        expect(offline.locator("h1")).to_contain_text(XSS_NAME)
    finally:
        offline.context.close()

    # A coach's review names the candidate: as text too.
    as_coach(page.context, engine, server.base_url)
    open_review_from_dashboard(page, server.base_url)
    assert_inert(page)
    expect(page.locator("h1").first).to_contain_text(XSS_NAME)
