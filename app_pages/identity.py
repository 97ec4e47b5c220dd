"""Who is looking: the candidate this browser is (its token, or their sign-in) and the coach.

The one place the pages decide identity (DESIGN.md, "Who may see what"):
- A candidate is their sign-in's e-mail where st.login is configured and they signed in, else
  a random token this browser keeps in a cookie (made on the first visit; a private link with
  ?me=<token> carries it to another browser). Sessions are listed by its digest, never a name.
- A coach signed in with the coach password (a token in a cookie, checked against the database
  on every run) or through st.login with an e-mail listed in COACH_EMAILS.
Cookies are written by a line of JavaScript (Streamlit can only read them, from the request
that opened the page), with SameSite=Strict; they hold nothing but random tokens.
"""

import streamlit as st

from app_pages import ui

CANDIDATE_COOKIE = "rehearse_candidate"
COACH_COOKIE = "rehearse_coach"
CANDIDATE_TOKEN = "candidate_token"  # session state: this browser's token
COACH = "coach"  # session state: the signed-in coach's name
COACH_TOKEN = "coach_token"  # session state: their sign-in token
COACH_SIGNED_OUT = "coach_signed_out"  # session state: the cookie must go
OIDC_SIGN_IN_RECORDED = "coach_oidc_recorded"
PRIVATE_LINK_PARAM = "me"
CANDIDATE_COOKIE_DAYS = 400  # browsers cap a cookie's life at about 400 days
COACH_COOKIE_HOURS = 12


def candidate_owner() -> str:
    """Whose sessions this viewer may list: their sign-in, else this browser's token."""
    email = signed_in_email()
    if email:
        return ui.get_api().user_owner(email)
    return ui.get_api().browser_owner(candidate_token())


def signed_in_email() -> str | None:
    if not st.user.get("is_logged_in", False):
        return None
    email = st.user.get("email")
    return email if isinstance(email, str) and email.strip() else None


def candidate_token() -> str:
    """This browser's token: adopted from a private link, kept from the cookie, or new."""
    api = ui.get_api()
    from_link = st.query_params.get(PRIVATE_LINK_PARAM)
    if from_link is not None:
        del st.query_params[PRIVATE_LINK_PARAM]  # never left in the address bar
        if api.browser_owner(from_link):
            st.session_state[CANDIDATE_TOKEN] = from_link
    token = st.session_state.get(CANDIDATE_TOKEN)
    if not api.browser_owner(token):
        token = st.context.cookies.get(CANDIDATE_COOKIE)
        if not api.browser_owner(token):
            token = api.new_candidate_token()
        st.session_state[CANDIDATE_TOKEN] = token
    return token


def keep_cookies() -> None:
    """Bring the browser's cookies in line with this session: its candidate token, the coach's
    sign-in (or its end). The browser's cookies are read once, when the page opened, so until a
    reload this runs on every rerun; the script is a few bytes."""
    writes = []
    if not signed_in_email():
        token = candidate_token()
        if st.context.cookies.get(CANDIDATE_COOKIE) != token:
            writes.append((CANDIDATE_COOKIE, token, CANDIDATE_COOKIE_DAYS * 24 * 3600))
    coach_token = st.session_state.get(COACH_TOKEN)
    sent = st.context.cookies.get(COACH_COOKIE)
    if coach_token and sent != coach_token:
        writes.append((COACH_COOKIE, coach_token, COACH_COOKIE_HOURS * 3600))
    elif st.session_state.get(COACH_SIGNED_OUT) and sent:
        writes.append((COACH_COOKIE, "", 0))
    if writes:
        _write_cookies(writes)


def private_link(base_url: str | None) -> str:
    """A link that opens this browser's interviews in another browser (keep it private)."""
    return f"{(base_url or '').rstrip('/')}/progress?{PRIVATE_LINK_PARAM}={candidate_token()}"


def current_coach() -> str | None:
    """The signed-in coach's name, or None: a listed st.login e-mail, or a valid token."""
    api = ui.get_api()
    email = signed_in_email()
    if email and api.coach.is_coach_email(email):
        if not st.session_state.get(OIDC_SIGN_IN_RECORDED):
            api.coach.sign_in_verified(email)  # recorded once per browser session
            st.session_state[OIDC_SIGN_IN_RECORDED] = True
        return email
    token = st.session_state.get(COACH_TOKEN)
    if not token and not st.session_state.get(COACH_SIGNED_OUT):
        token = st.context.cookies.get(COACH_COOKIE)
    if not token:
        return None
    checked = api.coach.coach_for_token(token)
    if not ui.is_ok(checked):
        st.session_state.pop(COACH_TOKEN, None)
        st.session_state.pop(COACH, None)
        return None
    st.session_state[COACH_TOKEN] = token
    st.session_state[COACH] = checked["data"]["coach"]
    return checked["data"]["coach"]


def remember_coach(coach: str, token: str) -> None:
    """After a sign-in: this session is the coach's, and keep_cookies tells the browser."""
    st.session_state[COACH] = coach
    st.session_state[COACH_TOKEN] = token
    st.session_state.pop(COACH_SIGNED_OUT, None)


def sign_out_coach() -> None:
    """End the coach's sign-in here and in the database; an st.login sign-in ends too."""
    token = st.session_state.pop(COACH_TOKEN, None) or st.context.cookies.get(COACH_COOKIE)
    ui.get_api().coach.sign_out(token)
    st.session_state.pop(COACH, None)
    st.session_state[COACH_SIGNED_OUT] = True
    if signed_in_email():
        st.logout()


def _write_cookies(writes: list[tuple[str, str, int]]) -> None:
    # Names are our constants and values URL-safe tokens (or ""): nothing a visitor typed.
    lines = "".join(
        f'document.cookie = "{name}={value}; path=/; max-age={max_age}; SameSite=Strict" + s;'
        for name, value, max_age in writes
    )
    secure = 'const s = location.protocol === "https:" ? "; Secure" : "";'
    script = f"<script>(() => {{ {secure} {lines} }})();</script>"
    st.html(script, unsafe_allow_javascript=True)


def require_coach() -> str:
    """The signed-in coach; anyone else is told the page is for coaches and stops here."""
    coach = current_coach()
    if coach:
        return coach
    text = ui.text()
    st.warning(text("coach.coaches_only"), icon=":material/lock:")
    if st.button(text("coach.go_to_sign_in"), key="coaches_only_sign_in", type="primary"):
        ui.go_to(ui.COACH_SIGN_IN_PAGE)
    st.stop()


def account_controls(coach: str | None) -> None:
    """The sidebar's sign-in line: the coach, and st.login's sign-in where it is configured."""
    text = ui.text()
    if coach:
        st.caption(text("coach.signed_in_as", name=ui.as_plain_markdown(coach)))
        if st.button(text("coach.sign_out"), key="coach_sign_out", icon=":material/logout:"):
            sign_out_coach()
            ui.go_to(ui.START_PAGE)
        return
    if not ui.auth_configured():
        return
    email = signed_in_email()
    if email:
        st.caption(text("common.signed_in_as", name=ui.as_plain_markdown(email)))
        st.button(text("common.sign_out"), key="sign_out", on_click=st.logout)
    else:
        st.button(text("common.sign_in"), key="sign_in", on_click=st.login)
