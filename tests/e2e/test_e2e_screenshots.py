"""Full-page screenshots of every page on a desktop and at a 390 px phone width, for a human look.

The sessions shown are made through the engine (the interview itself is other tests' subject).
At phone width nothing may be wider than the screen: no sideways scrolling.
"""

import struct

import pytest

from tests.e2e.harness import new_context
from tests.e2e.helpers import (
    ANSWER_BOX,
    REPORT_READY,
    SPECIFIC_ANSWER,
    START,
    VAGUE_ANSWER,
    as_coach,
    current,
    expect_question,
    full_page_screenshot,
    horizontal_overflow,
    open_page,
)

pytestmark = pytest.mark.slow

PHONE = {"width": 390, "height": 844}
PROGRESS_READY = '[data-testid="stMain"] .js-plotly-plot'  # two finished interviews: trends
DASHBOARD_READY = '[data-testid="stMain"] .js-plotly-plot'  # the score distribution
CALIBRATION_READY = '[data-testid="stMain"] .js-plotly-plot'  # the monthly difference
ACTIVITY_READY = '[data-testid="stMain"] [data-testid="stDataFrame"]'


def _png_size(path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return struct.unpack(">II", header[16:24])


def _sessions(engine, owner: str) -> dict[str, str]:
    """A new interview, one showing a follow-up, and two finished ones (Progress draws trends),
    all of one browser's candidate."""

    def create() -> str:
        created = engine.create_session(
            candidate_name="Screenshot E2E",
            role="backend",
            question_count=3,
            follow_up_count=1,
            owner=owner,
        )
        return created["data"]["sessionId"]

    fresh, probed, earlier, finished = create(), create(), create(), create()
    assert engine.submit_answer(probed, 0, VAGUE_ANSWER)["code"] == 200
    assert current(engine, probed)["question"]["isFollowUp"], "the vague answer got no follow-up"
    for session_id in (earlier, finished):
        assert engine.submit_answer(session_id, 0, SPECIFIC_ANSWER)["code"] == 200
        assert engine.submit_answer(session_id, 1, VAGUE_ANSWER)["code"] == 200
        assert engine.complete_early(session_id)["code"] == 200
        assert engine.generate_report(session_id)["code"] == 200
    return {"fresh": fresh, "probed": probed, "finished": finished}


def test_every_page_at_desktop_and_phone_width(browser, server, engine, tmp_path):
    token = engine.new_candidate_token()
    sessions = _sessions(engine, engine.browser_owner(token))
    engine.coach.override_score(
        sessions["finished"], 0, "impact", 40, "Say how you measured it.", by="Kim"
    )
    pages = {
        "start": (server.url("/"), START),
        "interview": (server.url("/interview", sessions["fresh"]), ANSWER_BOX),
        "follow_up": (server.url("/interview", sessions["probed"]), ANSWER_BOX),
        "report": (server.url("/report", sessions["finished"]), REPORT_READY),
        "progress": (server.url("/progress"), PROGRESS_READY),
        "coach_sign_in": (server.url("/coach_sign_in"), ".st-key-coach_password"),
        "dashboard": (server.url("/dashboard"), DASHBOARD_READY),
        "calibration": (server.url("/calibration"), CALIBRATION_READY),
        "activity": (server.url("/activity"), ACTIVITY_READY),
    }
    shots = {}
    for device, viewport, names in [
        ("desktop", {"width": 1280, "height": 900}, list(pages)),
        ("phone", PHONE, ["start", "interview", "report", "progress", "dashboard"]),
    ]:
        context = new_context(browser, viewport=viewport, device_scale_factor=1)
        # This profile is the sessions' candidate, and (from the dashboard on) a coach.
        context.add_cookies(
            [{"name": "rehearse_candidate", "value": token, "url": server.base_url}]
        )
        try:
            page = context.new_page()
            for name in names:
                if name == "dashboard":
                    as_coach(context, engine, server.base_url)
                url, ready = pages[name]
                open_page(page, url, ready)
                if name == "follow_up":
                    question = current(engine, sessions["probed"])["question"]
                    assert question["isFollowUp"]
                    expect_question(page, question)
                if device == "phone":
                    widths = horizontal_overflow(page)
                    assert widths["document"] <= PHONE["width"] + 1, (name, widths)
                    assert widths["main"] <= widths["mainClient"] + 1, (name, widths)
                path = full_page_screenshot(page, tmp_path / device / f"{name}.png")
                shots[f"{device}/{name}"] = path
                width, height = _png_size(path)
                assert width == viewport["width"], (path, width)
                assert height >= viewport["height"], (path, height)
        finally:
            context.close()
    print(f"\nscreenshots in {tmp_path}: {sorted(shots)}")
