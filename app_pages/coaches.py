"""Coaches (coaches): every coach account, a new one (its password shown once), removing one
(their sign-ins end and their API tokens stop at once), and choosing one's own password."""

import streamlit as st

from app_pages import identity, times, ui

ADDED = "coaches_added"  # the account just made, with its password: shown on the next run only
CONFIRM_REMOVE = "coaches_confirm_remove"  # the account whose removal awaits a second click

api = ui.get_api()
text = ui.text()
coach = identity.require_coach()
zone = times.browser_timezone(st.context.timezone)


def _remove(account: dict) -> None:
    removed = api.coach.remove_coach(account["id"], by=coach)
    st.session_state.pop(CONFIRM_REMOVE, None)
    if ui.is_ok(removed):
        st.toast(
            text(
                "coaches.removed",
                name=removed["data"]["name"],
                tokens=removed["data"]["tokens"],
            )
        )
    else:
        st.toast(_refusal(removed))


# The coach API's refusals, as the catalogue says them (in the page's language).
_REFUSALS = {
    "A coach's name is required": "coaches.name_required",
    "A coach's name must be at most": "coaches.name_too_long",
    "A coach's name must be plain text": "coaches.name_plain",
    "There is already a coach named": "coaches.name_taken",
    "You cannot remove your own account": "coaches.not_yourself",
    "The last coach account cannot be removed": "coaches.not_the_last",
    "Coach not found": "coaches.not_found",
    "A password must be at least": "coaches.password_too_short",
}


def _refusal(envelope: dict) -> str:
    message = envelope.get("message") or ""
    key = next((key for start, key in _REFUSALS.items() if message.startswith(start)), None)
    return text(key) if key else ui.plain_message(envelope)


def _made_line(account: dict) -> str:
    if account["createdAt"] is None:
        return text("coaches.configured")
    made = times.local_time(account["createdAt"], zone).strftime(text("progress.date_format"))
    return text("coaches.line", made=made, by=account["createdBy"])


st.title(text("coaches.title"))
st.write(text("coaches.intro"))

if added := st.session_state.pop(ADDED, None):
    st.success(text("coaches.added", name=ui.as_plain_markdown(added["name"])))
    st.code(added["password"], language=None)
    st.warning(text("coaches.copy_now"), icon=":material/content_copy:")

with st.form("coaches_add_form", clear_on_submit=True, border=True):
    name = st.text_input(
        text("coaches.name"), key="coaches_add_name", max_chars=60, help=text("coaches.name_help")
    )
    add = st.form_submit_button(text("coaches.add"), key="coaches_add", type="primary")
if add:
    made = api.coach.add_coach(name, by=coach)
    if ui.is_ok(made):
        st.session_state[ADDED] = made["data"]
        st.rerun()
    st.error(_refusal(made))

accounts = api.coach.coaches()
accounts = accounts["data"] if ui.is_ok(accounts) else []
st.subheader(text("coaches.list", count=len(accounts)))
for account in accounts:
    with st.container(border=True):
        about, action = st.columns([4, 1], vertical_alignment="center")
        you = account["name"].casefold() == coach.casefold()
        label = text("coaches.you", name=account["name"]) if you else account["name"]
        about.markdown(f"**{ui.as_plain_markdown(label)}**")
        about.caption(ui.as_plain_markdown(_made_line(account)))
        if you or account["id"] is None:
            continue
        if st.session_state.get(CONFIRM_REMOVE) == account["id"]:
            action.button(
                text("coaches.confirm_remove"),
                key=f"coaches_remove_yes_{account['id']}",
                on_click=_remove,
                args=(account,),
                type="primary",
            )
            about.warning(
                text("coaches.remove_warning", name=ui.as_plain_markdown(account["name"]))
            )
        elif action.button(
            text("coaches.remove"),
            key=f"coaches_remove_{account['id']}",
            icon=":material/person_remove:",
        ):
            st.session_state[CONFIRM_REMOVE] = account["id"]
            st.rerun()

st.subheader(text("coaches.own_password"))
with st.form("coaches_password_form", clear_on_submit=True, border=True):
    current = st.text_input(
        text("coaches.current_password"), key="coaches_current_password", type="password"
    )
    new = st.text_input(
        text("coaches.new_password"),
        key="coaches_new_password",
        type="password",
        help=text("coaches.new_password_help"),
    )
    change = st.form_submit_button(text("coaches.change_password"), key="coaches_change_password")
if change:
    changed = api.coach.change_password(current, new, by=coach)
    if ui.is_ok(changed):
        st.success(text("coaches.password_changed"))
    elif changed["code"] == 401:
        st.error(text("coaches.wrong_current_password"))
    else:
        st.error(_refusal(changed))
