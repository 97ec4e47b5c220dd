"""The Coaches page through app.py: a coach adds another (the password shown once signs them in),
removes one (their sign-in and API tokens end at once), and chooses their own password."""

from streamlit.testing.v1 import AppTest

from app_pages import identity, ui
from app_pages.text import Text
from tests.app.pages import as_coach

EN = Text("en")


def open_coaches_page(app: AppTest) -> AppTest:
    app.run()
    app.switch_page(ui.COACHES_PAGE).run()
    assert not app.exception, app.exception
    return app


def add(app: AppTest, name: str) -> AppTest:
    app.text_input(key="coaches_add_name").input(name)
    app.button(key="coaches_add").click().run()
    assert not app.exception, app.exception
    return app


def test_a_coach_adds_another_whose_password_is_shown_once_and_signs_them_in(app, api):
    as_coach(app, api, "Kim")
    add(open_coaches_page(app), "Lee Chen")
    [password] = [block.value for block in app.code]
    assert [s.value for s in app.success] == [EN("coaches.added", name="Lee Chen")]
    assert api.coach.sign_in(password, "Lee Chen")["data"]["coach"] == "Lee Chen"
    app.run()
    assert not app.code  # shown once
    names = [m.value for m in app.markdown]
    assert "**Kim \\(you\\)**" in names and "**Lee Chen**" in names  # escaped: shown as typed
    latest = [(a["actor"], a["action"]) for a in api.coach.history()["data"]["actions"]]
    assert ("Kim", "coach_add") in latest


def test_a_name_taken_in_any_case_is_refused_in_words(app, api):
    as_coach(app, api, "Kim")
    add(open_coaches_page(app), "kim")
    assert [e.value for e in app.error] == [EN("coaches.name_taken")]


def test_removing_a_coach_asks_once_more_then_ends_their_sign_in_and_tokens(app, api):
    as_coach(app, api, "Kim")
    lee = api.coach.add_coach("Lee", by="Kim")["data"]
    token = api.coach.sign_in(lee["password"], "Lee")["data"]["token"]
    script = api.coach.create_api_token("nightly", by="Lee")["data"]["token"]
    open_coaches_page(app)
    assert not [b for b in app.button if b.key == f"coaches_remove_{lee['id'] - 1}"]  # not Kim's
    app.button(key=f"coaches_remove_{lee['id']}").click().run()
    assert api.coach.coach_for_token(token)["code"] == 200  # nothing yet: a second click
    app.button(key=f"coaches_remove_yes_{lee['id']}").click().run()
    assert not app.exception
    assert api.coach.coach_for_token(token)["code"] == 401
    assert api.coach.api_token_holder(script)["code"] == 401
    assert [c["name"] for c in api.coach.coaches()["data"]] == ["Kim"]


def test_a_removed_coachs_open_page_is_closed_on_its_next_run(app, api):
    as_coach(app, api, "Lee")
    api.coach.add_coach("Kim", by="console")
    open_coaches_page(app)
    lee_id = next(c["id"] for c in api.coach.coaches()["data"] if c["name"] == "Lee")
    assert api.coach.remove_coach(lee_id, by="Kim")["code"] == 200
    app.run()
    assert [w.value for w in app.warning] == [EN("coach.coaches_only")]
    assert identity.COACH not in app.session_state


def test_a_coach_chooses_their_own_password(app, api):
    as_coach(app, api, "Kim")
    old = api.coach.reset_password("Kim")["data"]["password"]
    as_coach_token = api.coach.sign_in(old, "Kim")["data"]["token"]
    app.session_state[identity.COACH_TOKEN] = as_coach_token
    open_coaches_page(app)
    app.text_input(key="coaches_current_password").input(old)
    app.text_input(key="coaches_new_password").input("correct horse battery")
    app.button(key="coaches_change_password").click().run()
    assert [s.value for s in app.success] == [EN("coaches.password_changed")]
    assert api.coach.sign_in("correct horse battery", "Kim")["code"] == 200
    assert api.coach.sign_in(old, "Kim")["code"] == 401


def test_the_page_is_for_coaches_only(app):
    open_coaches_page(app)
    assert [w.value for w in app.warning] == [EN("coach.coaches_only")]
    assert not [t for t in app.text_input if t.key == "coaches_add_name"]
