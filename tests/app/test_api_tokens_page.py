"""The API tokens page through app.py: a coach makes a token (shown once, kept as a digest), it
opens the HTTP API's coach endpoints, and revoking it here closes them at once; all recorded."""

from sqlalchemy import select
from starlette.testclient import TestClient
from streamlit.testing.v1 import AppTest

from app_pages import ui
from app_pages.text import Text
from interview.http import create_app
from interview.storage.schema import api_tokens
from tests.app.pages import as_coach

EN = Text("en")
SETS = "/api/interview/question-sets"


def open_tokens_page(app: AppTest) -> AppTest:
    app.run()
    app.switch_page(ui.API_TOKENS_PAGE).run()
    assert not app.exception, app.exception
    return app


def make_token(app: AppTest, name: str) -> AppTest:
    app.text_input(key="api_tokens_name").input(name)
    app.button(key="api_tokens_create").click().run()
    assert not app.exception, app.exception
    return app


def test_a_token_is_shown_once_and_only_its_digest_is_kept(app, api):
    as_coach(app, api, "Coach Kim")
    make_token(open_tokens_page(app), "LMS sync")
    [shown] = [block.value for block in app.code]
    assert shown.startswith("rh_")
    assert [s.value for s in app.success] == [EN("api_tokens.made", name="LMS sync")]
    with api.db.reading() as conn:
        assert shown not in repr(list(conn.execute(select(api_tokens))))

    app.run()  # any later run: the token is gone from the page for good
    assert not app.code
    assert "LMS sync" in [m.value.strip("*") for m in app.markdown]


def test_a_token_made_on_the_page_opens_the_coach_endpoints_until_revoked_there(app, api):
    as_coach(app, api, "Coach Kim")
    token = make_token(open_tokens_page(app), "Nightly export").code[0].value
    coach = {"Authorization": f"Bearer {token}"}
    with TestClient(create_app(api)) as http:
        assert http.get(SETS, headers=coach).json()["code"] == 200

        [made] = api.coach.api_tokens()["data"]
        app.button(key=f"api_tokens_revoke_{made['id']}").click().run()
        assert not app.exception, app.exception
        refused = http.get(SETS, headers=coach).json()
    assert refused == {"code": 401, "message": "Invalid API token", "data": None}
    assert [e.label for e in app.expander] == [EN("api_tokens.revoked", count=1)]
    assert EN("api_tokens.none_live") in [i.value for i in app.info]
    record = [(a["actor"], a["action"]) for a in api.coach.history()["data"]["actions"]]
    assert record[:3] == [
        ("Coach Kim", "api_token_revoke"),
        ("Coach Kim (API: Nightly export)", "api_read"),
        ("Coach Kim", "api_token_create"),
    ]


def test_a_token_needs_a_name(app, api):
    as_coach(app, api)
    make_token(open_tokens_page(app), "   ")
    assert [e.value for e in app.error] == [EN("api_tokens.name_required")]
    assert api.coach.api_tokens()["data"] == []


def test_the_activity_page_names_what_tokens_did(app, api):
    as_coach(app, api, "Coach Kim")
    token = make_token(open_tokens_page(app), "LMS sync").code[0].value
    with TestClient(create_app(api)) as http:
        http.get("/api/interview/sessions", headers={"Authorization": f"Bearer {token}"})
    app.switch_page(ui.ACTIVITY_PAGE).run()
    [table] = app.dataframe
    rows = table.value.to_dict("records")
    assert rows[0][EN("activity.column_who")] == "Coach Kim (API: LMS sync)"
    assert rows[0][EN("activity.column_what")] == EN("activity.action_api_read")
    assert rows[1][EN("activity.column_what")] == EN("activity.action_api_token_create")
