"""Coach sign-in: a coach account's name and password, or the app's sign-in where coaches'
e-mails are listed. Attempts are throttled by where they come from (sign_in_client)."""

import streamlit as st

from app_pages import identity, ui

api = ui.get_api()
text = ui.text()


def sign_in_client() -> str:
    """Where this attempt comes from: what nginx passed as X-Forwarded-For (believed only from a
    proxy on this machine), the peer's address, or this browser."""
    forwarded = st.context.headers.get("X-Forwarded-For")
    return api.coach.client_of(st.context.ip_address, forwarded, identity.candidate_token())


st.title(text("coach.sign_in_title"))
coach = identity.current_coach()
if coach:
    st.success(text("coach.signed_in_as", name=ui.as_plain_markdown(coach)))
    if st.button(text("coach.open_dashboard"), key="coach_open_dashboard", type="primary"):
        ui.go_to(ui.DASHBOARD_PAGE)
    st.stop()

st.write(text("coach.sign_in_intro"))
oidc = bool(ui.setting("COACH_EMAILS")) and ui.auth_configured()
if oidc:
    email = identity.signed_in_email()
    if email:
        st.warning(text("coach.not_a_coach", email=ui.as_plain_markdown(email)))
    else:
        st.button(
            text("coach.sign_in_with_account"),
            key="coach_oidc_sign_in",
            on_click=st.login,
            type="primary",
        )

if not oidc or ui.setting("COACH_PASSWORD_HASH"):
    with st.form("coach_password_form", border=True):
        name = st.text_input(
            text("coach.account_name"), key="coach_name", max_chars=60, help=text("coach.name_help")
        )
        password = st.text_input(text("coach.password"), key="coach_password", type="password")
        signed = st.form_submit_button(text("coach.sign_in"), key="coach_sign_in", type="primary")
    st.caption(text("coach.password_help"))
    if signed:
        result = api.coach.sign_in(password, name, client=sign_in_client())
        if result["code"] == 200:
            identity.remember_coach(result["data"]["coach"], result["data"]["token"])
            ui.go_to(ui.DASHBOARD_PAGE)
        elif result["code"] == 429:
            seconds = "".join(ch for ch in result["message"] if ch.isdigit()) or "60"
            st.error(text("coach.too_many_attempts", seconds=seconds))
        else:
            st.error(text("coach.wrong_password"))
