"""Privacy and the coach in a real browser: two candidates in two browser profiles never see each
other; a coach signs in with the password, changes a score, and the candidate's report shows it."""

from playwright.sync_api import expect

from tests.conftest import coach_password
from tests.e2e.harness import new_context
from tests.e2e.helpers import (
    ANSWER_BOX,
    MAIN,
    REPORT_READY,
    SPECIFIC_ANSWER,
    as_coach,
    current,
    finish_early,
    open_page,
    pick_option,
    poll,
    session_id_of,
    start_custom_interview,
    submit,
    type_draft,
    wait_for,
    wait_idle,
)

QUESTIONS = [
    "How would you make a slow product catalogue page fast? Which cache would you use, and why?"
]
PROGRESS_ROWS = (
    f"{MAIN} [class*='st-key-progress_report_'], {MAIN} [class*='st-key-progress_resume_']"
)


def test_two_candidates_in_two_browsers_never_see_each_others_names(browser, server, engine):
    ada_context, grace_context = new_context(browser), new_context(browser)
    try:
        ada, grace = ada_context.new_page(), grace_context.new_page()
        ada_session = start_custom_interview(ada, server.base_url, "Ada Lovelace", QUESTIONS)
        grace_session = start_custom_interview(grace, server.base_url, "Grace Hopper", QUESTIONS)

        for page, own, other_name, other_session in (
            (ada, ada_session, "Grace Hopper", grace_session),
            (grace, grace_session, "Ada Lovelace", ada_session),
        ):
            open_page(page, server.base_url + "/progress", PROGRESS_ROWS)
            expect(page.locator(PROGRESS_ROWS)).to_have_count(1)
            html = page.content()
            assert other_name not in html and other_session not in html
            assert own not in html  # rows are keyed by place, ids stay in the URL alone
            page.reload()  # the browser's cookie, not the open tab, keeps its interviews
            wait_for(page, PROGRESS_ROWS)
            expect(page.locator(PROGRESS_ROWS)).to_have_count(1)
    finally:
        ada_context.close()
        grace_context.close()


def test_a_coach_changes_a_score_and_the_candidates_report_shows_it(browser, server, engine):
    candidate_context, coach_context = new_context(browser), new_context(browser)
    try:
        candidate = candidate_context.new_page()
        session_id = start_custom_interview(candidate, server.base_url, "Ada Lovelace", QUESTIONS)
        type_draft(candidate, engine, session_id, 0, SPECIFIC_ANSWER)
        submit(candidate, engine, session_id)
        ai_score = engine.generate_report(session_id)["data"]["overallScore"]

        password = coach_password(engine, "Kim")
        coach = coach_context.new_page()
        open_page(coach, server.base_url + "/coach_sign_in", ".st-key-coach_password")
        coach.locator(".st-key-coach_name input").fill("Kim")
        coach.locator(".st-key-coach_password input").fill(password)
        coach.locator(".st-key-coach_sign_in button").click()
        wait_for(coach, ".st-key-dashboard_review_pick")
        expect(coach.locator(MAIN)).to_contain_text("Ada Lovelace")

        pick_option(coach, ".st-key-dashboard_review_pick")
        wait_idle(coach)
        coach.locator(".st-key-dashboard_open_review button").click()
        wait_for(coach, ".st-key-review_regrade")
        coach.locator(f"{MAIN} summary", has_text="score").first.click()  # the coach's forms
        wait_for(coach, ".st-key-review_reason_0 input")
        coach.locator(".st-key-review_score_0 input").fill("0")
        coach.locator(".st-key-review_reason_0 input").fill("The numbers are from a blog post.")
        coach.locator(".st-key-review_override_0 button").click()
        final = poll(
            lambda: (
                (r := engine.generate_report(session_id)["data"])["overallScore"] != ai_score and r
            ),
            "the override to be stored",
        )

        candidate.reload()
        wait_for(candidate, REPORT_READY)
        main = candidate.locator(MAIN)
        expect(main).to_contain_text("Kim")
        expect(main).to_contain_text(str(final["overallScore"]))
        candidate.locator(f"{MAIN} summary").first.click()
        expect(main).to_contain_text("The numbers are from a blog post.")
    finally:
        candidate_context.close()
        coach_context.close()


def test_finishing_early_still_lists_only_ones_own(browser, server, engine):
    context = new_context(browser)
    try:
        page = context.new_page()
        start_custom_interview(page, server.base_url, "Linus", QUESTIONS)
        finish_early(page)
        open_page(page, server.base_url + "/progress", PROGRESS_ROWS)
        expect(page.locator(PROGRESS_ROWS)).to_have_count(1)
    finally:
        context.close()


SET_CSV = (
    "text,category,difficulty,type,key_points,reference_answer\n"
    '"How would you make a slow product catalogue page fast?",Caching,mid,design,'
    '"a cache | measure first","Measure, then cache the hot reads with a TTL and invalidate."\n'
)


def test_a_coach_assigns_a_set_and_sees_the_candidate_finish(browser, server, engine, tmp_path):
    coach_context, candidate_context = new_context(browser), new_context(browser)
    try:
        as_coach(coach_context, engine, server.base_url)
        coach = coach_context.new_page()
        open_page(coach, server.base_url + "/question_sets", ".st-key-qsets_pick")
        coach.locator(f"{MAIN} summary", has_text="Import").first.click()
        wait_for(coach, ".st-key-qsets_import_file")
        set_file = tmp_path / "week-1.csv"
        set_file.write_text(SET_CSV, encoding="utf-8")
        coach.locator(".st-key-qsets_import_file input[type=file]").set_input_files(set_file)
        wait_idle(coach)
        coach.locator(".st-key-qsets_import_name input").fill("Week 1")
        coach.locator(".st-key-qsets_import_name input").press("Tab")
        wait_idle(coach)
        coach.locator(".st-key-qsets_import button").click()
        wait_for(coach, ".st-key-qsets_assign")
        coach.locator(".st-key-qsets_candidates textarea").fill("Ada Lovelace")
        coach.locator(".st-key-qsets_assign button").click()
        link = coach.locator(f"{MAIN} code", has_text="invite=")
        expect(link).to_be_visible()
        url = link.inner_text().split(": ", 1)[1].strip()

        candidate = candidate_context.new_page()
        open_page(candidate, url, ".st-key-assignment_start")
        candidate.locator(".st-key-assignment_start button").click()
        wait_for(candidate, ANSWER_BOX)
        session_id = session_id_of(candidate)
        while not current(engine, session_id)["completed"]:
            index = current(engine, session_id)["currentIndex"]
            type_draft(candidate, engine, session_id, index, SPECIFIC_ANSWER)
            submit(candidate, engine, session_id)
        report = engine.generate_report(session_id)["data"]
        assert report["questionSet"]["name"] == "Week 1"
        expect(candidate.locator(MAIN)).to_contain_text(str(report["overallScore"]))

        open_page(coach, server.base_url + "/dashboard", ".st-key-dashboard_candidate")
        expect(coach.locator(f"{MAIN} summary", has_text="Week 1")).to_contain_text("1 of 1")
    finally:
        coach_context.close()
        candidate_context.close()
