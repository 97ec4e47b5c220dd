"""API tokens (coaches): tokens for the HTTP API's coach endpoints (`make api`), each shown
once when it is made, and revoked here at once by any coach."""

import streamlit as st

from app_pages import coach_views, identity, times, ui

MADE = "api_tokens_made"  # the token just made, shown on the next run only

api = ui.get_api()
text = ui.text()
coach = identity.require_coach()
zone = times.browser_timezone(st.context.timezone)


def _revoke(token_id: int) -> None:
    revoked = api.coach.revoke_api_token(token_id, by=coach)
    if not ui.is_ok(revoked):
        st.toast(ui.plain_message(revoked))


st.title(text("api_tokens.title"))
st.write(text("api_tokens.intro"))

if made := st.session_state.pop(MADE, None):
    st.success(text("api_tokens.made", name=ui.as_plain_markdown(made["name"])))
    st.code(made["token"], language=None)
    st.warning(text("api_tokens.copy_now"), icon=":material/content_copy:")

with st.form("api_tokens_form", clear_on_submit=True, border=True):
    name = st.text_input(
        text("api_tokens.name"),
        key="api_tokens_name",
        max_chars=60,
        help=text("api_tokens.name_help"),
    )
    create = st.form_submit_button(
        text("api_tokens.create"), key="api_tokens_create", type="primary"
    )
if create:
    created = api.coach.create_api_token(name, by=coach)
    if ui.is_ok(created):
        st.session_state[MADE] = created["data"]
        st.rerun()
    st.error(text("api_tokens.name_required"))

tokens = api.coach.api_tokens()
tokens = tokens["data"] if ui.is_ok(tokens) else []
live = [token for token in tokens if token["revokedAt"] is None]
st.subheader(text("api_tokens.live", count=len(live)))
if not live:
    st.info(text("api_tokens.none_live"))
for token in live:
    with st.container(border=True):
        about, action = st.columns([4, 1], vertical_alignment="center")
        about.markdown(f"**{ui.as_plain_markdown(token['name'])}**")
        about.caption(coach_views.token_line(token, zone, text))
        action.button(
            text("api_tokens.revoke"),
            key=f"api_tokens_revoke_{token['id']}",
            on_click=_revoke,
            args=(token["id"],),
            icon=":material/block:",
        )

revoked = [token for token in tokens if token["revokedAt"] is not None]
if revoked:
    with st.expander(text("api_tokens.revoked", count=len(revoked))):
        st.dataframe(
            coach_views.revoked_tokens_frame(revoked, zone, text), hide_index=True, width="stretch"
        )
