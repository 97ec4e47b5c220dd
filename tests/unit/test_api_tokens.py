"""Coaches' API tokens: shown once, kept as a digest, working until revoked, every step recorded."""

import hashlib

import pytest
from sqlalchemy import select

from interview.storage.schema import api_tokens
from tests.conftest import coach_password


def made(api, name="LMS sync", by="Kim") -> dict:
    created = api.coach.create_api_token(name, by=by)
    assert created["code"] == 200, created
    return created["data"]


def test_a_new_token_is_shown_once_and_the_database_keeps_only_its_digest(api):
    token = made(api)
    assert token["token"].startswith("rh_") and len(token["token"]) > 40
    with api.db.reading() as conn:
        stored = [tuple(row) for row in conn.execute(select(api_tokens))]
    assert token["token"] not in repr(stored)
    assert hashlib.sha256(token["token"].encode()).hexdigest() in repr(stored)
    [listed] = api.coach.api_tokens()["data"]
    assert "token" not in listed
    assert (listed["name"], listed["coach"], listed["revokedAt"]) == ("LMS sync", "Kim", None)


def test_a_live_token_names_its_coach_and_itself_for_the_record(api):
    token = made(api, "Grading script", by="Coach Kim")
    holder = api.coach.api_token_holder(token["token"])
    assert holder["data"] == {
        "coach": "Coach Kim",
        "name": "Grading script",
        "by": "Coach Kim (API: Grading script)",
    }


def test_using_a_token_shows_when_it_was_last_used(api):
    token = made(api)
    assert api.coach.api_tokens()["data"][0]["lastUsedAt"] is None
    api.coach.api_token_holder(token["token"])
    assert api.coach.api_tokens()["data"][0]["lastUsedAt"] is not None


def test_a_revoked_token_stops_working_at_once_and_revoking_again_changes_nothing(api):
    token = made(api)
    assert api.coach.revoke_api_token(token["id"], by="Lee")["code"] == 200
    assert api.coach.api_token_holder(token["token"]) == {
        "code": 401,
        "message": "Invalid API token",
        "data": None,
    }
    assert api.coach.revoke_api_token(token["id"], by="Lee")["code"] == 200
    [listed] = api.coach.api_tokens()["data"]
    assert listed["revokedBy"] == "Lee" and listed["revokedAt"] is not None
    actions = [a["action"] for a in api.coach.history()["data"]["actions"]]
    assert actions == ["api_token_revoke", "api_token_create"]


@pytest.mark.parametrize(
    "not_a_token",
    [None, "", "rh_", "rh_guess", 42, "not-even-prefixed", "rh_\ud800"],
    ids=["none", "empty", "prefix-only", "guessed", "number", "unprefixed", "lone-surrogate"],
)
def test_anything_but_a_live_token_is_nobodys(api, not_a_token):
    made(api)
    assert api.coach.api_token_holder(not_a_token)["code"] == 401


def test_a_coach_sign_in_is_no_api_token(api):
    password = coach_password(api, "Kim")
    sign_in = api.coach.sign_in(password, "Kim")["data"]["token"]
    assert api.coach.api_token_holder(sign_in)["code"] == 401
    assert api.coach.api_token_holder("rh_" + sign_in)["code"] == 401


def test_tokens_are_listed_newest_first(api):
    for name in ("first", "second", "third"):
        made(api, name)
    assert [t["name"] for t in api.coach.api_tokens()["data"]] == ["third", "second", "first"]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        (None, "name is required"),
        ("   ", "name is required"),
        ("x" * 61, "name must be at most 60 characters"),
    ],
)
def test_a_token_needs_a_short_name(api, name, message):
    assert api.coach.create_api_token(name, by="Kim") == {
        "code": 400,
        "message": message,
        "data": None,
    }


def test_only_a_named_coach_makes_or_revokes_tokens(api):
    assert api.coach.create_api_token("LMS", by=None)["code"] == 400
    token = made(api)
    assert api.coach.revoke_api_token(token["id"], by="  ")["code"] == 400
    assert api.coach.api_token_holder(token["token"])["code"] == 200


@pytest.mark.parametrize("token_id", [999, "1", None, True])
def test_revoking_a_token_that_does_not_exist_is_404(api, token_id):
    made(api)
    assert api.coach.revoke_api_token(token_id, by="Kim")["message"] == "API token not found"


def test_making_a_token_is_recorded_with_its_name_never_the_token(api):
    token = made(api, "LMS sync", by="Kim")
    [action] = api.coach.history()["data"]["actions"]
    assert (action["actor"], action["action"]) == ("Kim", "api_token_create")
    assert action["detail"] == {"token": token["id"], "name": "LMS sync"}


def test_a_read_over_http_is_recorded_with_its_session_and_page(api):
    assert api.coach.record_read("report", by="Ada", session_id="abc", page=2)["code"] == 200
    [action] = api.coach.history()["data"]["actions"]
    assert (action["actor"], action["action"]) == ("Ada", "api_read")
    assert (action["sessionId"], action["detail"]) == ("abc", {"what": "report", "page": 2})


@pytest.mark.parametrize(
    "what, by, detail, message",
    [
        (b"", "Ada", {}, "what is required"),
        ("report", "\x00", {}, "by (the coach) is required"),
        ("\x00 ", "Ada", {}, "what is required"),
        ("report", "Ada", {"session_id": b"abc"}, "session_id must be text or a number"),
        ("report", "Ada", {"page": float("nan")}, "page must be text or a number"),
    ],
)
def test_a_read_record_that_cannot_be_kept_is_refused_and_nothing_is_written(
    api, what, by, detail, message
):
    result = api.coach.record_read(what, by=by, **detail)
    assert (result["code"], result["message"]) == (400, message)
    assert api.coach.history()["data"]["total"] == 0
