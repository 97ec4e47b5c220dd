"""The interview page's timer, word count and answer checklist, and the helpers behind them."""

import re
import time

import pytest
from streamlit.runtime.scriptrunner_utils.exceptions import RerunException
from streamlit.runtime.scriptrunner_utils.script_requests import RerunData

from app_pages import interview_views, ui
from app_pages.text import Text
from tests.app.pages import captions, open_interview

EN = Text("en")

# The page's own keys (importing app_pages.interview would run the page).
SHOWN_AT = "interview_question_shown_at"
TIME_LIMIT = "interview_time_limit"
QUESTION = {
    "question": "How would you make a slow product catalogue page fast?",
    "category": "Performance",
    "type": "backend",
}
STRONG = (
    "For example, at my last job I put Redis in front of PostgreSQL as a read-through cache, "
    "because reads outnumber writes 50 to 1. The challenge was a cache stampede when popular keys "
    "expired; we solved it with request coalescing. p99 latency fell from 420 ms to 35 ms."
)
STRONG_CHINESE = (
    "我在上一家公司用 Redis 做缓存，因为读多写少，延迟从 400 毫秒降到 30 毫秒。"
    "遇到的难点是缓存击穿，我们用互斥锁解决了。"
)
WEAK = "I would make it faster."


@pytest.mark.parametrize(
    ("elapsed", "limit", "text"),
    [
        (5, None, "Time on this question 00:05"),
        (125, 3, "Time on this question 02:05 of 03:00"),
        (180, 3, "Time on this question 03:00 of 03:00"),
        (181, 3, "03:01 · Over your 3-minute target — take the time you need"),
        (3725, 10, "62:05 · Over your 10-minute target — take the time you need"),
    ],
)
def test_the_timer_says_the_time_and_only_notes_an_overrun(elapsed, limit, text):
    assert interview_views.timer_text(elapsed, limit, EN) == text


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("", 0),
        ("  I'd use Redis — a 60-second TTL, 50 to 1.  ", 9),
        ("我用 Redis 做缓存", 6),
        ("缓存击穿。", 4),
    ],
)
def test_the_word_count_counts_each_chinese_character_as_a_word(text, count):
    assert interview_views.word_count(text) == count


def test_a_strong_draft_ticks_every_tip_and_a_weak_one_none():
    assert all(interview_views.tips_shown(STRONG, QUESTION).values())
    assert not any(interview_views.tips_shown(WEAK, QUESTION).values())


def test_a_strong_chinese_draft_ticks_every_tip():
    assert all(interview_views.tips_shown(STRONG_CHINESE, QUESTION).values())


def test_a_draft_with_a_challenge_but_no_solution_leaves_that_tip_unticked():
    shown = interview_views.tips_shown("The challenge was a cache stampede.", QUESTION)
    assert shown["challenges"] is False


def timer(app) -> list[str]:
    """What the timer element says, as drawn by the server (the browser then counts on)."""
    return [
        re.search(r'class="rehearse-timer"[^>]*>([^<]*)<', element.proto.body).group(1)
        for element in app.get("html")
        if "rehearse-timer" in element.proto.body
    ]


def test_the_timer_counts_on_in_the_browser_from_the_servers_time():
    page = interview_views.timer_html(125.4, 3, EN)
    assert ">Time on this question 02:05 of 03:00</p>" in page
    assert "start = Date.now() - 125.4 * 1000" in page and "limit = 3," in page
    assert '"over": "{elapsed} \\u00b7 Over your {minutes}-minute target' in page
    assert "limit = null," in interview_views.timer_html(5, None, EN)


def test_the_page_shows_the_time_on_the_question(app, session_id):
    open_interview(app, session_id)
    assert not app.exception
    assert timer(app) == ["Time on this question 00:00"]


def test_the_soft_limit_turns_an_overrun_into_a_gentle_note(app, api, session_id):
    open_interview(app, session_id)
    app.session_state[SHOWN_AT] = {(session_id, 0): time.time() - 200}
    app.text_area(key="answer").input("half an answer").run()
    assert timer(app)[0].startswith("Time on this question 03:2")

    app.selectbox(key=TIME_LIMIT).set_value(3).run()
    [over] = timer(app)
    assert over.endswith("· Over your 3-minute target — take the time you need")
    assert app.text_area(key="answer").value == "half an answer"
    assert api.get_current_question(session_id)["data"]["currentIndex"] == 0

    app.selectbox(key=TIME_LIMIT).set_value(5).run()
    assert timer(app)[0].endswith("of 05:00")


def test_the_timer_restarts_for_the_next_question(app, session_id):
    open_interview(app, session_id)
    app.session_state[SHOWN_AT] = {(session_id, 0): time.time() - 200}
    app.text_area(key="answer").input(STRONG)
    app.button(key="submit").click().run()
    assert "Question 2 of 3" in captions(app)
    assert timer(app) == ["Time on this question 00:00"]


@pytest.mark.parametrize(
    ("draft", "words"),
    [("Redis cuts p99 latency by 90%.", "6 words"), ("我用 Redis 做缓存。", "6 words")],
)
def test_the_page_counts_the_words_of_the_draft(app, session_id, draft, words):
    open_interview(app, session_id)
    assert "0 words" in captions(app)
    app.text_area(key="answer").input(draft).run()
    assert words in captions(app)


def test_the_checklist_ticks_what_the_draft_shows(app, session_id):
    open_interview(app, session_id)
    assert app.expander[0].label == "Answer checklist · 0 of 5"
    app.text_area(key="answer").input(STRONG).run()
    assert app.expander[0].label == "Answer checklist · 5 of 5"
    assert "✓ A specific example" in captions(app)


def test_text_drawn_as_written_stops_drawing_at_a_rerun_but_never_raises():
    drawn: list[str] = []

    def draw(text_so_far: str) -> None:
        if len(drawn) == 2:
            raise RerunException(RerunData())  # the candidate clicked while the model wrote
        drawn.append(text_so_far)

    show = ui.draw_as_written(draw)
    for piece in ["What ", "would ", "you ", "measure?"]:
        show(piece)
    assert drawn == ["What ", "What would "]
