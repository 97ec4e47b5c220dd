"""Coach accounts and a sign-in an attacker cannot turn against coaches, on SQLite and PostgreSQL.

Measured on 68be2e7: wrong passwords were counted for the whole install and the wait checked
before the password, so thirty wrong tries from one place refused the right password from
everywhere; thirty sent at once were all checked (all 401, none 429), since the count was read,
the password checked and the failure written afterwards; the sign-in's name was free text, so the
record named whoever a person claimed to be; a sign-in lasted twelve hours however idle; a
re-grade replaced the report and kept nothing of it.
"""

import threading
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select, text, update

from interview.api import InterviewAPI
from interview.api.coach import CoachSettings
from interview.coaching import access
from interview.storage import migrations
from interview.storage.engine import make_engine
from interview.storage.schema import coach_sign_ins
from tests.conftest import coach_password
from tests.unit.test_coaching import finished

ATTACKER = "ip:198.51.100.66"
COACH_HOME = "ip:203.0.113.10"


def sign_in(api: InterviewAPI, password: str, name: str = "Kim", client: str = COACH_HOME):
    return api.coach.sign_in(password, name, client=client)


# --- throttling by source -----------------------------------------------------------------------


def test_one_clients_failures_never_refuse_another_clients_right_password(api):
    password = coach_password(api, "Kim")
    codes = [sign_in(api, "guess", client=ATTACKER)["code"] for _ in range(30)]
    assert codes[:5] == [401] * 5 and set(codes[5:]) == {429}

    signed_in = sign_in(api, password, client=COACH_HOME)
    assert signed_in["code"] == 200 and signed_in["data"]["coach"] == "Kim"
    refused = sign_in(api, password, client=ATTACKER)  # the attacker's own client still waits
    assert refused["code"] == 429 and refused["message"].startswith("Too many attempts")


def test_a_right_password_does_not_count_as_a_failure(api):
    password = coach_password(api, "Kim")
    for _ in range(access.FREE_FAILURES + 3):
        assert sign_in(api, password)["code"] == 200


def test_attempts_sent_at_once_are_counted_before_any_password_is_checked(api):
    coach_password(api, "Kim")
    start = threading.Barrier(30)
    codes: list[int] = []

    def attempt() -> None:
        start.wait()
        codes.append(sign_in(api, "guess", client=ATTACKER)["code"])

    threads = [threading.Thread(target=attempt) for _ in range(30)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(codes) == [401] * access.FREE_FAILURES + [429] * (30 - access.FREE_FAILURES)


def test_guesses_spread_over_many_addresses_are_slowed_on_the_account(api):
    password = coach_password(api, "Kim")
    clients = [f"ip:198.51.100.{n}" for n in range(access.ACCOUNT_FREE_FAILURES)]
    assert [sign_in(api, "guess", client=client)["code"] for client in clients] == [401] * len(
        clients
    )
    # A second guess from any of them waits by the account's count, not only its own one failure.
    assert sign_in(api, "guess", client=clients[0])["code"] == 429
    # Someone else's guesses never lock the coach out: a client that has not failed gets its try.
    assert sign_in(api, password, client=COACH_HOME)["code"] == 200
    # Other accounts are not slowed by Kim's.
    lee = coach_password(api, "Lee")
    assert sign_in(api, lee, name="Lee", client=clients[1])["code"] == 200


@pytest.mark.parametrize(
    ("peer", "forwarded", "browser", "client"),
    [
        # Through the documented nginx (on this machine): the address it added, last.
        ("127.0.0.1", "203.0.113.7", "b", "ip:203.0.113.7"),
        (None, "10.9.9.9, 203.0.113.7", "b", "ip:203.0.113.7"),  # a sent X-F-F is not believed
        ("::1", "2001:db8::1", None, "ip:2001:db8::1"),
        # From anyone else X-Forwarded-For is whatever they chose to send.
        ("198.51.100.5", "203.0.113.7", "b", "ip:198.51.100.5"),
        # This machine itself, no proxy: its browsers are told apart.
        (None, None, "token-of-a-browser", "browser:" + access._digest("token-of-a-browser")[:32]),
        (None, "not an address", None, access.UNKNOWN_CLIENT),
    ],
)
def test_the_client_is_the_address_the_proxy_saw_else_the_peer_else_the_browser(
    peer, forwarded, browser, client
):
    assert access.client_of(peer, forwarded, browser) == client


# --- accounts -----------------------------------------------------------------------------------


def test_each_coach_signs_in_with_their_own_account_and_the_record_names_it(api):
    kim = api.coach.add_coach("Kim  Park", by="console")["data"]
    lee = api.coach.add_coach("Lee", by="Kim Park")["data"]
    assert kim["password"] != lee["password"]
    assert sign_in(api, kim["password"], "kim park")["data"]["coach"] == "Kim Park"
    assert sign_in(api, kim["password"], "Lee")["code"] == 401  # Kim's password is not Lee's
    assert sign_in(api, lee["password"], "Nobody")["code"] == 401
    record = api.coach.history()["data"]["actions"]
    assert [(a["actor"], a["action"]) for a in record][:3] == [
        ("Kim Park", "sign_in"),
        ("Kim Park", "coach_add"),
        ("console", "coach_add"),
    ]
    duplicate = api.coach.add_coach("KIM PARK", by="Lee")
    assert (duplicate["code"], duplicate["message"]) == (
        409,
        "There is already a coach named KIM PARK",
    )
    assert [c["name"] for c in api.coach.coaches()["data"]] == ["Kim Park", "Lee"]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "A coach's name is required"),
        ("   ", "A coach's name is required"),
        ("x" * 61, "A coach's name must be at most 60 characters"),
        ("Kim\x00", "A coach's name must be plain text"),
        (None, "A coach's name is required"),
    ],
)
def test_a_bad_coach_name_is_a_400_that_adds_nobody(api, name, message):
    assert api.coach.add_coach(name, by="Kim")["message"] == message
    assert api.coach.coaches()["data"] == []


def test_removing_a_coach_signs_them_out_and_revokes_their_api_tokens(api):
    coach_password(api, "Kim")
    lee_password = coach_password(api, "Lee")
    browser = sign_in(api, lee_password, "Lee")["data"]["token"]
    script = api.coach.create_api_token("grades export", by="Lee")["data"]["token"]
    kims = api.coach.create_api_token("Kim's", by="Kim")["data"]["token"]
    assert api.coach.api_token_holder(script)["code"] == 200

    lee_id = next(c["id"] for c in api.coach.coaches()["data"] if c["name"] == "Lee")
    removed = api.coach.remove_coach(lee_id, by="Kim")["data"]
    assert removed == {"name": "Lee", "signIns": 1, "tokens": 1}
    assert api.coach.coach_for_token(browser)["code"] == 401
    assert api.coach.api_token_holder(script)["code"] == 401
    assert api.coach.api_token_holder(kims)["code"] == 200  # only Lee's
    assert sign_in(api, lee_password, "Lee")["code"] == 401
    latest = api.coach.history(page_size=1)["data"]["actions"][0]
    assert (latest["actor"], latest["action"], latest["detail"]["name"]) == (
        "Kim",
        "coach_remove",
        "Lee",
    )


def test_nobody_removes_themselves_or_the_last_account(api):
    coach_password(api, "Kim")
    [kim] = api.coach.coaches()["data"]
    assert api.coach.remove_coach(kim["id"], by="Kim")["message"] == (
        "You cannot remove your own account"
    )
    assert api.coach.remove_coach(kim["id"], by="Lee")["message"] == (
        "The last coach account cannot be removed"
    )
    assert api.coach.remove_coach(kim["id"] + 99, by="Lee")["code"] == 404


def test_a_coach_chooses_their_own_password(api):
    first = coach_password(api, "Kim")
    assert api.coach.change_password(first, "short", by="Kim")["code"] == 400
    assert api.coach.change_password("wrong", "a long new password", by="Kim")["code"] == 401
    assert api.coach.change_password(first, "a long new password", by="Kim")["code"] == 200
    assert sign_in(api, first)["code"] == 401
    assert sign_in(api, "a long new password")["code"] == 200


def test_a_configured_hash_is_the_first_accounts_password(any_url):
    configured = access.hash_password("from-the-config")
    api = InterviewAPI.from_url(
        any_url, rate_limit_per_second=None, coach_settings=CoachSettings(configured)
    )
    assert api.coach.sign_in("from-the-config", "coach")["data"]["coach"] == "coach"
    assert api.coach.sign_in("from-the-config", "Kim")["code"] == 401
    assert [c["configured"] for c in api.coach.coaches()["data"]] == [True]
    api.close()


def test_0009_makes_the_shared_password_the_first_accounts(any_url):
    hashed = access.hash_password("the old shared one")
    engine = make_engine(any_url)
    migrations.upgrade(engine, "0008")
    with engine.begin() as conn:
        conn.execute(
            text("INSERT INTO coach_password (id, password_hash, created_at) VALUES (1, :h, :at)"),
            {"h": hashed, "at": datetime.now(UTC)},
        )
    engine.dispose()
    api = InterviewAPI.from_url(any_url, rate_limit_per_second=None)
    assert api.coach.sign_in("the old shared one")["data"]["coach"] == "coach"
    assert api.coach.ensure_password()["data"]["password"] is None  # nothing new printed
    api.close()


# --- how long a sign-in lasts -------------------------------------------------------------------


def _expiry(api: InterviewAPI) -> datetime:
    with api.db.reading() as conn:
        value = conn.execute(select(coach_sign_ins.c.expires_at)).scalar_one()
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _age(api: InterviewAPI, minutes: int) -> None:
    """As if the sign-in was made, and last renewed, `minutes` ago."""
    with api.db.transaction() as conn:
        row = conn.execute(select(coach_sign_ins)).one()
        started = row.started_at if row.started_at.tzinfo else row.started_at.replace(tzinfo=UTC)
        expires = row.expires_at if row.expires_at.tzinfo else row.expires_at.replace(tzinfo=UTC)
        conn.execute(
            update(coach_sign_ins).values(
                started_at=started - timedelta(minutes=minutes),
                expires_at=expires - timedelta(minutes=minutes),
            )
        )


def test_a_sign_in_ends_when_idle_and_each_use_renews_it(api):
    token = sign_in(api, coach_password(api, "Kim"))["data"]["token"]
    idle = timedelta(minutes=access.SIGN_IN_IDLE_MINUTES)
    assert _expiry(api) - datetime.now(UTC) <= idle

    _age(api, access.SIGN_IN_IDLE_MINUTES - 5)  # used again before it ran out: renewed
    assert api.coach.coach_for_token(token)["data"] == {"coach": "Kim"}
    assert _expiry(api) - datetime.now(UTC) > idle - timedelta(minutes=1)

    _age(api, access.SIGN_IN_IDLE_MINUTES + 1)  # left idle past the window: over
    assert api.coach.coach_for_token(token)["code"] == 401


def test_renewal_never_goes_past_the_longest_a_sign_in_lasts(api):
    token = sign_in(api, coach_password(api, "Kim"))["data"]["token"]
    longest = access.SIGN_IN_HOURS * 60
    _age(api, longest - 10)  # made almost twelve hours ago, renewed all along
    with api.db.transaction() as conn:
        conn.execute(
            update(coach_sign_ins).values(expires_at=datetime.now(UTC) + timedelta(minutes=1))
        )
    assert api.coach.coach_for_token(token)["code"] == 200
    assert _expiry(api) - datetime.now(UTC) <= timedelta(minutes=10)


# --- re-grading ---------------------------------------------------------------------------------


def test_a_regrade_keeps_coaches_changes_on_top_and_records_both_versions(api):
    session_id = finished(api)
    first = api.generate_report(session_id)["data"]
    api.coach.override_score(session_id, 0, "impact", 3, "not measured", by="Kim")
    api.coach.add_comment(session_id, 0, "Say what you measured.", by="Kim")

    regraded = api.generate_report(session_id, regenerate=True, by="Kim")["data"]
    impact = next(
        d for d in regraded["questionDetails"][0]["dimensions"] if d["dimension"] == "impact"
    )
    assert impact["score"] == 3
    [question] = regraded["coachReview"]["questions"]
    assert [c["body"] for c in question["comments"]] == ["Say what you measured."]
    api.regrade(session_id, by="Lee")

    versions = api.coach.report_versions(session_id)["data"]
    assert [v["version"] for v in versions] == [1, 2, 3]
    assert [v["replacedBy"] for v in versions] == ["Kim", "Lee", None]
    assert versions[0]["report"]["generatedAt"] == first["generatedAt"]
    assert "coachReview" not in versions[0]["report"]  # each version is the AI's own grade
    actions = [(a["actor"], a["action"]) for a in api.coach.history()["data"]["actions"]]
    assert ("Kim", "regrade") in actions and ("Lee", "regrade") in actions
