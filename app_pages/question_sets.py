"""Question sets (coaches): write, import, edit, duplicate, delete and export the questions a
cohort practises, copy a built-in bank, and assign a set to candidates as links."""

from datetime import date

import streamlit as st

from app_pages import identity, set_views, ui

PICK = "qsets_pick"  # the set being edited: its id, or NEW
NEXT_PICK = (
    "qsets_next_pick"  # the set to show after a save, import or copy (set before PICK's widget)
)
NEW = 0
NOTICE = "qsets_notice"  # (level, sentence) for the next run
PROBLEMS = "qsets_problems"  # the last save's or check's problems, as rows for a table
LINKS = "qsets_links"  # the links the last assignment made
FORMATS = ("csv", "json", "yaml")
MIME = {"csv": "text/csv", "json": "application/json", "yaml": "application/yaml"}


def _show_notice() -> None:
    if notice := st.session_state.pop(NOTICE, None):
        level, message = notice
        getattr(st, level)(message)
    if problems := st.session_state.pop(PROBLEMS, None):
        st.error(text("qsets.problems", count=len(problems)))
        ui.plain_table(set_views.problems_frame(problems, text))


def _failed(result: dict, rows: list[dict] | None = None) -> None:
    """A refused save or import: every problem of the questions where there are some, else the
    API's sentence."""
    checked = api.coach.check_set(rows) if rows is not None else None
    if checked is not None and ui.is_ok(checked) and checked["data"]["problems"]:
        st.session_state[PROBLEMS] = checked["data"]["problems"]
    else:
        st.session_state[NOTICE] = ("error", ui.as_plain_markdown(result["message"]))


def _import() -> None:
    with st.expander(text("qsets.import_title"), icon=":material/upload_file:"):
        st.caption(text("qsets.import_help"))
        examples = st.columns(3)
        for column, kind in zip(examples, FORMATS, strict=True):
            column.download_button(
                text("qsets.example", format=kind.upper()),
                data=lambda kind=kind: api.coach.example_set_file(kind)["data"]["content"],
                file_name=f"question-set-example.{kind}",
                mime=MIME[kind],
                key=f"qsets_example_{kind}",
                on_click="ignore",
            )
        upload = st.file_uploader(
            text("qsets.file"), type=["csv", "json", "yaml", "yml"], key="qsets_import_file"
        )
        left, right = st.columns(2)
        name = left.text_input(text("qsets.name"), key="qsets_import_name", max_chars=200)
        language = right.selectbox(
            text("qsets.language"), ("en", "zh"), format_func=_language, key="qsets_import_lang"
        )
        if st.button(text("qsets.import"), key="qsets_import", disabled=upload is None):
            checked = api.coach.check_set_file(upload.name, upload.getvalue())
            problems = checked["data"]["problems"] if ui.is_ok(checked) else []
            if problems:
                st.session_state[PROBLEMS] = problems
                st.rerun()
            made = api.coach.import_set(
                upload.name,
                upload.getvalue(),
                name=name or upload.name,
                language=language,
                by=coach,
            )
            if ui.is_ok(made):
                st.session_state[NEXT_PICK] = made["data"]["id"]
                st.session_state[NOTICE] = (
                    "success",
                    text("qsets.imported", count=len(made["data"]["questions"])),
                )
            else:
                _failed(made)
            st.rerun()


def _banks() -> None:
    with st.expander(text("qsets.banks_title"), icon=":material/library_books:"):
        st.caption(text("qsets.banks_help"))
        for position, role in enumerate(roles):
            left, right = st.columns([4, 1], vertical_alignment="center")
            left.markdown(
                f"**{ui.as_plain_markdown(role['title'])}** · "
                + text("qsets.question_count", count=role["questionCount"])
            )
            if right.button(text("qsets.copy"), key=f"qsets_copy_{position}"):
                copied = api.coach.copy_bank(role["id"], by=coach)
                if ui.is_ok(copied):
                    st.session_state[NEXT_PICK] = copied["data"]["id"]
                    st.session_state[NOTICE] = ("success", text("qsets.copied"))
                else:
                    _failed(copied)
                st.rerun()


def _editor(found: dict | None) -> None:
    """The chosen set (or a new one) as a table to edit, and what can be done with it."""
    questions = found["questions"] if found else []
    version = found["version"] if found else 0
    identity_of = f"{found['id'] if found else 'new'}_{version}"
    left, right = st.columns([3, 1])
    name = left.text_input(
        text("qsets.name"), value=found["name"] if found else "", key=f"qsets_name_{identity_of}"
    )
    language = right.selectbox(
        text("qsets.language"),
        ("en", "zh"),
        index=("en", "zh").index(found["language"]) if found else 0,
        format_func=_language,
        key=f"qsets_language_{identity_of}",
    )
    edited = st.data_editor(
        set_views.questions_frame(questions, text),
        num_rows="dynamic",
        hide_index=True,
        width="stretch",
        column_config=_columns(),
        key=f"qsets_editor_{identity_of}",
    )
    st.caption(text("qsets.editor_help"))
    rows = set_views.questions_from_frame(edited, text)
    save, duplicate, delete = st.columns(3)
    if save.button(text("qsets.save"), key="qsets_save", type="primary"):
        saved = (
            api.coach.update_set(found["id"], name, language, rows, by=coach)
            if found
            else api.coach.create_set(name, language, rows, by=coach)
        )
        if ui.is_ok(saved):
            st.session_state[NEXT_PICK] = saved["data"]["id"]
            saved_version = saved["data"]["version"]
            st.session_state[NOTICE] = ("success", text("qsets.saved", version=saved_version))
        else:
            _failed(saved, rows)
        st.rerun()
    if not found:
        return
    if duplicate.button(text("qsets.duplicate"), key="qsets_duplicate"):
        copy = api.coach.duplicate_set(found["id"], by=coach)
        if ui.is_ok(copy):
            st.session_state[NEXT_PICK] = copy["data"]["id"]
        st.rerun()
    if delete.button(text("qsets.delete"), key="qsets_delete"):
        st.session_state["qsets_confirm_delete"] = found["id"]
    if st.session_state.get("qsets_confirm_delete") == found["id"]:
        st.warning(text("qsets.confirm_delete"))
        if st.button(text("qsets.delete_yes"), key="qsets_delete_yes", type="primary"):
            api.coach.delete_set(found["id"], by=coach)
            st.session_state.pop("qsets_confirm_delete", None)
            st.session_state[NEXT_PICK] = NEW
            st.rerun()
    exports = st.columns(3)
    for column, kind in zip(exports, FORMATS, strict=True):
        column.download_button(
            text("qsets.export", format=kind.upper()),
            data=lambda kind=kind: api.coach.export_set(found["id"], kind)["data"]["content"],
            file_name=f"question-set-{found['id']}.{kind}",
            mime=MIME[kind],
            key=f"qsets_export_{kind}",
            on_click="ignore",
        )
    _assign(found)


def _columns() -> dict:
    """How the editor shows each column: choices for difficulty and type, wide text cells."""

    def heading(name: str) -> str:
        return text(f"qsets.column_{name}")

    return {
        heading("text"): st.column_config.TextColumn(required=True, width="large"),
        heading("difficulty"): st.column_config.SelectboxColumn(options=set_views.DIFFICULTIES),
        heading("type"): st.column_config.SelectboxColumn(options=set_views.KINDS),
        heading("key_points"): st.column_config.TextColumn(width="medium"),
        heading("reference_answer"): st.column_config.TextColumn(width="large"),
    }


def _assign(found: dict) -> None:
    st.subheader(text("qsets.assign_title"))
    with st.form("qsets_assign_form"):
        title = st.text_input(
            text("qsets.assign_name"), value=found["name"], max_chars=200, key="qsets_assign_title"
        )
        candidates = st.text_area(
            text("qsets.candidates"), help=text("qsets.candidates_help"), key="qsets_candidates"
        )
        left, middle, right = st.columns(3)
        due = left.date_input(
            text("qsets.due"), value=None, min_value=date.today(), key="qsets_due"
        )
        count = middle.number_input(
            text("qsets.count"),
            min_value=0,
            max_value=len(found["questions"]),
            value=0,
            help=text("qsets.count_help"),
            key="qsets_count",
        )
        order = right.selectbox(
            text("qsets.order"),
            ("set", "shuffled"),
            format_func=lambda o: text(f"qsets.order_{o}"),
            key="qsets_order",
        )
        left, middle, right = st.columns(3)
        follow_ups = left.number_input(
            text("start.follow_up_count"), 0, 2, value=1, key="qsets_follow_ups"
        )
        limit = middle.selectbox(
            text("interview.time_limit"),
            (None, 2, 3, 5, 10),
            format_func=lambda minutes: (
                text("qsets.minutes", minutes=minutes)
                if minutes
                else text("interview.time_limit_off")
            ),
            key="qsets_time_limit",
        )
        language = right.selectbox(
            text("qsets.language"),
            (None, "en", "zh"),
            format_func=_language,
            key="qsets_assign_language",
        )
        sent = st.form_submit_button(text("qsets.assign"), key="qsets_assign", type="primary")
    if sent:
        settings = {
            "questionCount": int(count) or None,
            "order": order,
            "followUps": int(follow_ups),
            "timeLimitMinutes": limit,
            "language": language,
        }
        made = api.coach.assign(found["id"], title, candidates, due, settings, by=coach)
        if ui.is_ok(made):
            st.session_state[LINKS] = made["data"]["links"]
        else:
            st.error(ui.as_plain_markdown(made["message"]))
    if links := st.session_state.get(LINKS):
        st.success(text("qsets.assigned", count=len(links)))
        st.code(set_views.links_text(links, _origin()), language=None)


def _origin() -> str:
    url = st.context.url or ""
    scheme, _, rest = url.partition("://")
    return f"{scheme}://{rest.split('/', 1)[0]}" if rest else ""


def _language(code: str | None) -> str:
    return text(f"qsets.language_{code or 'any'}")


api = ui.get_api()
text = ui.text()
coach = identity.require_coach()
ui.settle_imports("pandas")
roles = api.list_roles()
roles = roles["data"] if ui.is_ok(roles) else []

st.title(text("qsets.title"))
st.write(text("qsets.intro"))
_show_notice()
listed = api.coach.sets()
sets = listed["data"] if ui.is_ok(listed) else []
labels = {NEW: text("qsets.new")} | {
    s["id"]: text("qsets.set_label", name=s["name"], count=s["questionCount"], version=s["version"])
    for s in sets
}
if NEXT_PICK in st.session_state:
    st.session_state[PICK] = st.session_state.pop(NEXT_PICK)
if st.session_state.get(PICK) not in labels:
    st.session_state[PICK] = sets[0]["id"] if sets else NEW
picked = st.selectbox(text("qsets.pick"), list(labels), format_func=labels.get, key=PICK)
found = api.coach.question_set(picked)["data"] if picked != NEW else None
_editor(found)
_import()
_banks()
