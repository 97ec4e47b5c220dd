"""Coaches in the engine, on SQLite and PostgreSQL: who owns a session, the coach's password and
sign-ins, comments and overrides (audited, recomputed), the dashboard's queries, calibration."""

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select, text, update

from interview.api import InterviewAPI
from interview.api.coach import CoachSettings
from interview.coaching import access
from interview.scoring import rubric
from interview.sessions.review import Comment, Override, reviewed
from interview.storage import migrations
from interview.storage.engine import make_engine
from interview.storage.schema import coach_accounts, coach_sign_ins, sessions

QUESTION = "How would you make a slow product catalogue page fast? Which cache, and why?"
ANSWER = (
    "I would put Redis in front of PostgreSQL as a read-through cache for the catalogue, "
    "because reads outnumber writes 50 to 1. The challenge was a stampede when keys expired; "
    "we solved it with jittered TTLs. p99 latency fell from 420 ms to 35 ms."
)
AT = datetime(2026, 5, 1, 12, tzinfo=UTC)


def finished(api, name="Ada", owner=None, questions=3, answered=3) -> str:
    created = api.create_session(
        candidate_name=name,
        role="custom",
        custom_questions=[QUESTION] * questions,
        follow_up_count=0,
        owner=owner,
    )
    session_id = created["data"]["sessionId"]
    for index in range(answered):
        api.submit_answer(session_id, index, ANSWER)
    if answered < questions:
        api.complete_early(session_id)
    api.generate_report(session_id)
    return session_id


def dimension(report: dict, index: int, name: str) -> dict:
    detail = report["questionDetails"][index]
    return next(d for d in detail["dimensions"] if d["dimension"] == name)


# --- owners -----------------------------------------------------------------------------------


def test_list_sessions_by_owner_shows_one_browsers_sessions_only(api):
    mine = api.browser_owner(api.new_candidate_token())
    theirs = api.browser_owner(api.new_candidate_token())
    kept = api.create_session(candidate_name="Ada", role="backend", owner=mine)["data"]
    api.create_session(candidate_name="Ada", role="backend", owner=theirs)
    api.create_session(candidate_name="Ada", role="backend")
    listed = api.list_sessions(owner=mine)["data"]
    assert [row["sessionId"] for row in listed] == [kept["sessionId"]]
    assert set(listed[0]) == {
        "sessionId",
        "candidateName",
        "role",
        "status",
        "overallScore",
        "createdAt",
        "completedAt",
    }  # API.md's row, unchanged


@pytest.mark.parametrize("token", [None, "", "ada", "a" * 31, "bad token with spaces" * 3, 42])
def test_anything_but_a_token_we_could_have_made_owns_nothing(token):
    assert InterviewAPI.browser_owner(token) is None


def test_owners_are_digests_never_the_token_or_e_mail(api):
    token = api.new_candidate_token()
    owner = api.browser_owner(token)
    assert token not in owner and len(owner) == 64
    assert api.user_owner(" Ada@Example.COM ") == api.user_owner("ada@example.com")
    assert api.user_owner("ada@example.com") != api.browser_owner(token)


# --- the coach's password and sign-ins ------------------------------------------------------------


def test_the_first_start_makes_one_account_and_keeps_only_its_hash(api):
    first = api.coach.ensure_password()["data"]["password"]
    assert first and api.coach.ensure_password()["data"]["password"] is None
    with api.db.reading() as conn:
        name, stored = conn.execute(
            select(coach_accounts.c.name, coach_accounts.c.password_hash)
        ).one()
    assert name == "coach" and first not in stored and stored.startswith("$argon2id$")
    assert api.coach.sign_in(first, "coach")["data"]["coach"] == "coach"
    assert api.coach.sign_in(first, "Kim")["code"] == 401  # a name is an account, not free text


def test_a_configured_hash_or_listed_coaches_make_no_password(any_url):
    configured = access.hash_password("from-the-config")
    settings_api = InterviewAPI.from_url(
        any_url,
        rate_limit_per_second=None,
        coach_settings=CoachSettings(configured),
    )
    assert settings_api.coach.ensure_password()["data"]["password"] is None
    assert settings_api.coach.ensure_password(oidc_coaches=True)["data"]["password"] is None
    assert settings_api.coach.sign_in("from-the-config")["code"] == 200
    assert settings_api.coach.reset_password()["code"] == 409
    settings_api.close()


def test_a_wrong_password_is_401_and_after_five_the_next_attempt_must_wait(api):
    password = api.coach.reset_password()["data"]["password"]
    assert [api.coach.sign_in("guess", client="ip:203.0.113.9")["code"] for _ in range(5)] == [
        401
    ] * 5
    waiting = api.coach.sign_in(password, client="ip:203.0.113.9")
    assert waiting["code"] == 429 and waiting["message"].startswith("Too many attempts")


@pytest.mark.parametrize(
    ("failures", "wait_ms"),
    [(4, 0), (5, 2_000), (6, 4_000), (8, 16_000), (20, access.LONGEST_WAIT_MS)],
)
def test_the_wait_doubles_after_five_failures_up_to_five_minutes(failures, wait_ms):
    now = 1_000_000_000
    assert access._wait_ms([now] * failures, now) == wait_ms


def test_a_sign_in_lasts_until_it_expires_or_the_coach_signs_out(api):
    password = api.coach.reset_password()["data"]["password"]
    token = api.coach.sign_in(password, "coach")["data"]["token"]
    assert api.coach.coach_for_token(token)["data"] == {"coach": "coach"}
    api.coach.sign_out(token)
    assert api.coach.coach_for_token(token)["code"] == 401

    token = api.coach.sign_in(password, "coach")["data"]["token"]
    with api.db.transaction() as conn:
        past = datetime.now(UTC) - timedelta(minutes=1)
        conn.execute(update(coach_sign_ins).values(expires_at=past))
    assert api.coach.coach_for_token(token)["code"] == 401


@pytest.mark.parametrize(
    "not_a_token", [None, "", 42, "\ud800", "x" * 1_000_000, "a b c d e f g h i j"]
)
def test_a_string_we_never_made_names_no_sign_in_and_signing_it_out_changes_nothing(
    api, not_a_token
):
    password = api.coach.reset_password()["data"]["password"]
    token = api.coach.sign_in(password, "coach")["data"]["token"]
    assert api.coach.coach_for_token(not_a_token)["code"] == 401
    assert api.coach.sign_out(not_a_token)["code"] == 200
    assert api.coach.coach_for_token(token)["data"] == {"coach": "coach"}


def test_resetting_the_password_signs_that_coach_out(api):
    old = api.coach.reset_password()["data"]["password"]
    token = api.coach.sign_in(old, "coach")["data"]["token"]
    new = api.coach.reset_password()["data"]["password"]
    assert api.coach.coach_for_token(token)["code"] == 401
    assert api.coach.sign_in(old)["code"] == 401 and api.coach.sign_in(new)["code"] == 200


@pytest.mark.parametrize(
    ("email", "listed"),
    [("kim@school.example", True), (" KIM@school.Example ", True), ("ada@example.com", False)],
)
def test_coach_e_mails_match_whatever_their_case(api, email, listed):
    assert access.is_coach_email(email, "lee@school.example, kim@school.example") is listed
    assert access.is_coach_email(email, None) is False


# --- comments and overrides ---------------------------------------------------------------------


def test_an_override_recomputes_the_question_and_the_report_and_is_audited(api):
    session_id = finished(api)
    before = api.generate_report(session_id)["data"]
    ai_impact = dimension(before, 0, "impact")["score"]
    result = api.coach.override_score(session_id, 0, "impact", 0, "not measured", by="Kim")
    assert result["code"] == 200
    after = api.generate_report(session_id)["data"]

    scores = {d["dimension"]: d["score"] for d in after["questionDetails"][0]["dimensions"]}
    assert scores["impact"] == 0 and dimension(after, 0, "impact")["aiScore"] == ai_impact
    assert after["questionDetails"][0]["score"] == rubric.question_score(scores)
    final = [d["score"] for d in after["questionDetails"]]
    assert after["overallScore"] == rubric.mean_half_up(final)
    assert after["coachReview"]["aiOverallScore"] == before["overallScore"]
    assert api.get_session(session_id)["data"]["questions"][0]["score"] == final[0]
    assert api.list_sessions()["data"][0]["overallScore"] == after["overallScore"]
    action = api.coach.history()["data"]["actions"][0]
    assert action["action"] == "override" and action["actor"] == "Kim"
    assert action["detail"] == {
        "questionIndex": 0,
        "dimension": "impact",
        "old": ai_impact,
        "new": 0,
        "reason": "not measured",
    }


def test_a_second_override_records_the_first_as_the_old_score(api):
    session_id = finished(api)
    api.coach.override_score(session_id, 1, "reasoning", 40, "thin", by="Kim")
    api.coach.override_score(session_id, 1, "reasoning", 55, "on reflection", by="Lee")
    [question] = api.generate_report(session_id)["data"]["coachReview"]["questions"]
    assert [(o["oldScore"], o["score"], o["author"]) for o in question["overrides"]] == [
        (question["overrides"][0]["aiScore"], 40, "Kim"),
        (40, 55, "Lee"),
    ]
    assert dimension(api.generate_report(session_id)["data"], 1, "reasoning")["score"] == 55


def test_a_regrade_keeps_the_coachs_overrides(api):
    session_id = finished(api)
    api.coach.override_score(session_id, 0, "impact", 3, "not measured", by="Kim")
    api.regrade(session_id, by="Kim")
    assert dimension(api.generate_report(session_id)["data"], 0, "impact")["score"] == 3


@pytest.mark.parametrize(
    ("question_index", "dimension_name", "score", "reason", "message"),
    [
        (0, "charm", 50, "x", "dimension must be one of: " + ", ".join(rubric.DIMENSION_NAMES)),
        (0, "impact", 101, "x", "score must be a whole number from 0 to 100"),
        (0, "impact", True, "x", "score must be a whole number from 0 to 100"),
        (0, "impact", 50, "  ", "reason is required"),
        (0, "impact", 50, "x" * 1001, "reason must be at most 1,000 characters"),
        (9, "impact", 50, "x", "问题索引无效"),
        ("0", "impact", 50, "x", "问题索引无效"),
        (2, "impact", 50, "x", "Only an answered question can be scored"),
    ],
)
def test_a_bad_override_is_a_400_that_changes_nothing(
    api, question_index, dimension_name, score, reason, message
):
    session_id = finished(api, answered=2)
    before = api.generate_report(session_id)["data"]
    result = api.coach.override_score(
        session_id, question_index, dimension_name, score, reason, by="Kim"
    )
    assert (result["code"], result["message"]) == (400, message)
    assert api.generate_report(session_id)["data"] == before


def test_notes_need_a_finished_session_and_a_coach(api):
    created = api.create_session(candidate_name="Ada", role="backend")["data"]
    assert api.coach.add_comment(created["sessionId"], None, "hi", by="Kim")["code"] == 409
    assert api.coach.add_comment("no-such-session", None, "hi", by="Kim")["code"] == 404
    session_id = finished(api)
    assert api.coach.add_comment(session_id, None, "hi", by="  ")["code"] == 400
    assert api.coach.add_comment(session_id, None, "", by="Kim")["message"] == "comment is required"


def test_comments_on_the_session_and_an_answer_are_in_the_report(api):
    session_id = finished(api)
    api.coach.add_comment(session_id, None, "Good session.", by="Kim")
    api.coach.add_comment(session_id, 2, "Name the metric.", by="Lee")
    report = api.generate_report(session_id)["data"]
    review = report["coachReview"]
    assert [(c["author"], c["body"]) for c in review["comments"]] == [("Kim", "Good session.")]
    assert [(q["questionIndex"], q["comments"][0]["body"]) for q in review["questions"]] == [
        (2, "Name the metric.")
    ]
    assert review["reviewers"] == ["Kim", "Lee"]
    assert report["overallScore"] == review["aiOverallScore"]  # comments change no number


def test_a_report_without_a_review_is_exactly_api_mds(api):
    report = api.generate_report(finished(api))["data"]
    assert "coachReview" not in report
    assert all("aiScore" not in d for q in report["questionDetails"] for d in q["dimensions"])


# --- the review arithmetic, on known numbers ------------------------------------------------------


def known_report() -> dict:
    def detail(index: int, scores: dict[str, int], category: str) -> dict:
        return {
            "questionIndex": index,
            "category": category,
            "score": rubric.question_score(scores),
            "dimensions": [
                {"dimension": name, "score": scores[name], "evidence": ""} for name in scores
            ],
        }

    flat = {name: 60 for name in rubric.DIMENSION_NAMES}
    unanswered = {"questionIndex": 2, "category": "People", "score": 0, "dimensions": []}
    details = [detail(0, flat, "Caching"), detail(1, flat, "Caching"), unanswered]
    return {
        "overallScore": 40,
        "band": "below bar",
        "questionDetails": details,
        "dimensionScores": [],
        "categoryScores": [],
        "integrityFlags": [],
    }


def test_the_latest_override_of_a_dimension_wins_and_every_figure_follows():
    overrides = [
        Override(0, "impact", 60, 60, 100, "first", "Kim", AT),
        Override(0, "impact", 60, 100, 0, "second", "Lee", AT + timedelta(minutes=1)),
        Override(1, "relevance", 60, 60, 100, "x", "Kim", AT),
    ]
    final = reviewed(known_report(), overrides, [])
    first, second, unanswered = final["questionDetails"]
    assert first["score"] == 54  # (60 * 90 + 0 * 10) / 100
    assert second["score"] == 68  # (60 * 80 + 100 * 20) / 100
    assert unanswered["score"] == 0
    assert final["overallScore"] == 41  # (54 + 68 + 0) / 3 = 40.67
    assert final["answeredAverage"] == 61
    assert final["band"] == "below bar"
    assert final["categoryScores"] == [
        {"category": "Caching", "score": 61, "questionCount": 2},
        {"category": "People", "score": 0, "questionCount": 1},
    ]
    by_name = {d["dimension"]: d["score"] for d in final["dimensionScores"]}
    assert by_name["impact"] == 30 and by_name["relevance"] == 80 and by_name["reasoning"] == 60
    assert final["coachReview"]["aiOverallScore"] == 40


def test_no_notes_leave_the_report_untouched():
    report = known_report()
    assert reviewed(report, [], []) is report
    commented = reviewed(report, [], [Comment(None, "ok", "Kim", AT)])
    assert (
        commented["overallScore"] == 40
        and commented["questionDetails"] == report["questionDetails"]
    )


# --- the dashboard's queries ----------------------------------------------------------------------


def test_the_dashboard_pages_and_filters_sessions(api):
    for number in range(7):
        finished(api, f"Candidate {number}", answered=3 if number % 2 else 0)
    api.create_sample("en", owner=None)
    page = api.coach.sessions({}, page=1, page_size=3)["data"]
    assert page["total"] == 7 and len(page["rows"]) == 3
    everyone = [row["candidateName"] for row in api.coach.sessions({}, 0, 50)["data"]["rows"]]
    assert everyone == [f"Candidate {n}" for n in reversed(range(7))]  # newest first
    with_samples = api.coach.sessions({"samples": True}, 0, 50)["data"]
    assert with_samples["total"] == 8
    assert [row["isSample"] for row in with_samples["rows"]].count(True) == 1

    def names(filters: dict) -> list[str]:
        return [r["candidateName"] for r in api.coach.sessions(filters, 0, 50)["data"]["rows"]]

    assert names({"candidate": "DATE 3"}) == ["Candidate 3"]
    assert names({"candidate": "%"}) == []  # a wildcard is just a character
    assert len(names({"min_score": 21})) == 3
    assert len(names({"max_score": 20})) == 4
    assert names({"roles": ["backend"]}) == []
    assert len(names({"statuses": ["EVALUATED"]})) == 7
    today = datetime.now(UTC).date()
    assert len(names({"since": today, "until": today})) == 7
    assert names({"until": today - timedelta(days=1)}) == []


@pytest.mark.parametrize(
    ("filters", "message"),
    [
        ({"color": "red"}, "Unknown filter: color"),
        (
            {"statuses": ["DONE"]},
            "statuses must be among: CREATED, IN_PROGRESS, COMPLETED, EVALUATED",
        ),
        ({"min_score": 101}, "min_score must be a whole number from 0 to 100"),
        ({"since": "yesterday"}, "since must be a date"),
    ],
)
def test_bad_dashboard_filters_are_400s(api, filters, message):
    assert api.coach.sessions(filters) == {"code": 400, "message": message, "data": None}


def test_the_cohort_figures_on_known_data(api):
    strong = finished(api, "Ada")
    finished(api, "Ada", answered=0)
    finished(api, "Grace", answered=3)
    api.coach.override_score(strong, 0, "impact", 0, "x", by="Kim")
    rows = api.coach.sessions({}, 0, 50)["data"]["rows"]
    cohort = api.coach.cohort({})["data"]
    scores = sorted(row["overallScore"] for row in rows)
    assert sorted(cohort["scores"]) == scores
    assert cohort["figures"] == {
        "sessions": 3,
        "candidates": 2,
        "finished": 3,
        "meanScore": rubric.round_half_up(sum(scores) / 3),
        "flagged": 0,
    }
    assert cohort["heatmap"]["candidates"] == ["Ada", "Grace"]
    assert [len(points) for points in cohort["trends"].values()] == [2, 1]
    ada_impact = cohort["heatmap"]["scores"][0][rubric.DIMENSION_NAMES.index("impact")]
    reports = [
        api.generate_report(r["sessionId"])["data"] for r in rows if r["candidateName"] == "Ada"
    ]
    impacts = [
        {d["dimension"]: d["score"] for d in report["dimensionScores"]}["impact"]
        for report in reports
    ]
    assert ada_impact == rubric.mean_half_up(impacts)


# --- calibration ----------------------------------------------------------------------------------


def test_calibration_on_known_data(api):
    first, second = finished(api, "Ada"), finished(api, "Grace")
    ai = {session_id: api.generate_report(session_id)["data"] for session_id in (first, second)}
    api.coach.override_score(first, 0, "impact", 10, "x", by="Kim")
    api.coach.override_score(first, 0, "impact", 20, "later thought", by="Kim")  # replaces it
    api.coach.override_score(second, 0, "impact", 90, "y", by="Kim")
    api.create_sample("en")  # its made-up override never counts
    figures = api.coach.calibration()["data"]

    a = dimension(ai[first], 0, "impact")["score"]
    b = dimension(ai[second], 0, "impact")["score"]
    impact = next(d for d in figures["dimensions"] if d["dimension"] == "impact")
    assert figures["pairs"] == 2 and impact["pairs"] == 2
    assert impact["meanAbsoluteDifference"] == round((abs(a - 20) + abs(b - 90)) / 2, 1)
    assert impact["correlation"] == (None if a == b else (1.0 if a < b else -1.0))
    assert [m["pairs"] for m in figures["months"]] == [2]
    assert {item["candidateName"] for item in figures["disagreements"]} == {"Ada", "Grace"}


def test_pearson_is_none_without_spread_or_pairs():
    from interview.coaching.calibration import pearson

    assert pearson([]) is None and pearson([(1, 2)]) is None and pearson([(5, 1), (5, 9)]) is None
    assert pearson([(10, 20), (20, 40), (30, 60)]) == 1.0
    assert pearson([(10, 60), (20, 40), (30, 20)]) == -1.0


# --- the sample and the migration -----------------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "zh"])
def test_a_sample_is_finished_reviewed_owned_and_marked(api, language):
    owner = api.browser_owner(api.new_candidate_token())
    created = api.create_sample(language, owner=owner)["data"]
    assert created["status"] == "EVALUATED" and created["totalQuestions"] == 6
    assert api.session_access(created["sessionId"])["data"] == {"owner": owner, "isSample": True}
    assert api.list_sessions(owner=owner)["data"][0]["isSample"] is True
    report = api.generate_report(created["sessionId"])["data"]
    assert report["evaluator"]["name"] == "builtin"
    history = api.answer_history(created["sessionId"])["data"]
    assert {"draft", "submit"} <= {revision["kind"] for revision in history}
    assert api.coach.history()["data"]["total"] == 0  # a sample's notes are no coach's actions


def test_an_unknown_sample_language_is_a_400(api):
    assert api.create_sample("fr")["code"] == 400


def test_0005_fills_the_dashboard_figures_of_reports_stored_before_it(any_url):
    api = InterviewAPI.from_url(any_url, rate_limit_per_second=None)
    session_id = finished(api)
    report = api.generate_report(session_id)["data"]
    api.close()
    engine = make_engine(any_url)
    migrations.downgrade(engine, "0004")
    migrations.upgrade_to_head(engine)
    with engine.connect() as conn:
        figures = conn.execute(
            text("SELECT overall_score, ai_overall_score, flag_count FROM reports")
        ).one()
        owner = conn.execute(select(sessions.c.owner, sessions.c.is_sample)).one()
    engine.dispose()
    assert tuple(figures) == (report["overallScore"], report["overallScore"], 0)
    assert tuple(owner) == (None, False)


def test_dates_in_filters_are_whole_days(api):
    finished(api)
    tomorrow = date.today() + timedelta(days=1)
    assert api.coach.sessions({"since": tomorrow})["data"]["total"] == 0
