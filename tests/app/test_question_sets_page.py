"""Question sets through app.py: a coach imports, edits, copies and assigns a set; a candidate
opens their link, answers, and the coach's dashboard shows where everyone is."""

from streamlit.testing.v1 import AppTest

from app_pages import ui
from app_pages.text import Text
from interview.coaching import set_files
from tests.app.pages import as_candidate, as_coach

EN = Text("en")
SET_CSV = (
    b"text,category,difficulty,type,key_points,reference_answer\n"
    b'"What does a database index trade for faster reads?",Databases,junior,conceptual,'
    b'"slower writes | more storage","Reads get faster; writes and storage pay for it."\n'
    b'"Tell me about a time you disagreed with a teammate.",Teamwork,,behavioural,,\n'
)
ANSWER = "An index makes reads faster, but every write also updates it and it takes space."


def open_page(app: AppTest, page: str) -> AppTest:
    app.run()
    app.switch_page(page).run()
    assert not app.exception, app.exception
    return app


def import_csv(app: AppTest, content: bytes = SET_CSV, name: str = "week1.csv") -> AppTest:
    app.file_uploader(key="qsets_import_file").upload(name, content, "text/csv").run()
    app.text_input(key="qsets_import_name").input("Week 1").run()
    app.button(key="qsets_import").click().run()
    assert not app.exception, app.exception
    return app


def test_question_sets_are_for_coaches_only(app, api):
    api.coach.create_set("Secret set", "en", [{"text": "What?"}], by="Kim")
    open_page(app, ui.QUESTION_SETS_PAGE)
    assert [w.value for w in app.warning] == [EN("coach.coaches_only")]
    assert "Secret set" not in str([node.proto for node in app.main])


def test_a_coach_imports_a_csv_and_edits_it_as_a_new_version(app, api):
    as_coach(app, api)
    open_page(app, ui.QUESTION_SETS_PAGE)
    import_csv(app)
    [created] = api.coach.sets()["data"]
    assert (created["name"], created["questionCount"], created["version"]) == ("Week 1", 2, 1)
    assert [s.value for s in app.success] == [EN("qsets.imported", count=2)]
    [editor] = app.data_editor
    assert next(iter(editor.value[EN("qsets.column_text")])).startswith("What does a database")

    editor_key = f"qsets_editor_{created['id']}_1"
    app.session_state[editor_key] = {
        "edited_rows": {},
        "added_rows": [{EN("qsets.column_text"): "How do you choose a primary key?"}],
        "deleted_rows": [1],
    }
    app.run()
    app.button(key="qsets_save").click().run()
    saved = api.coach.question_set(created["id"])["data"]
    assert saved["version"] == 2
    assert [q["text"] for q in saved["questions"]] == [
        "What does a database index trade for faster reads?",
        "How do you choose a primary key?",
    ]
    assert saved["questions"][0]["key_points"] == ["slower writes", "more storage"]


def test_a_bad_file_lists_every_problem_and_imports_nothing(app, api):
    as_coach(app, api)
    open_page(app, ui.QUESTION_SETS_PAGE)
    bad = b"text,difficulty\n,expert\nWhat?,mid\nwhat?,\n"
    import_csv(app, bad)
    assert [e.value for e in app.error] == [EN("qsets.problems", count=3)]
    [table] = app.table
    assert list(table.value[EN("qsets.problem")]) == [
        "missing text",
        "unknown difficulty 'expert' (junior, mid, senior)",
        "duplicate of the question in row 3",
    ]
    assert list(table.value[EN("qsets.problem_row")]) == ["2", "2", "4"]
    assert api.coach.sets()["data"] == []


def test_a_built_in_bank_is_copied_to_a_set(app, api):
    as_coach(app, api)
    open_page(app, ui.QUESTION_SETS_PAGE)
    app.button(key="qsets_copy_0").click().run()
    [copied] = api.coach.sets()["data"]
    first_bank = api.list_roles()["data"][0]
    assert copied["name"] == first_bank["title"]
    assert app.selectbox(key="qsets_pick").value == copied["id"]


def test_an_assignment_link_runs_from_the_coach_to_the_candidate_and_back(app, api):
    as_coach(app, api)
    open_page(app, ui.QUESTION_SETS_PAGE)
    import_csv(app)
    app.text_area(key="qsets_candidates").input("Ada Lovelace\nGrace Hopper")
    app.number_input(key="qsets_follow_ups").set_value(0)
    app.button(key="qsets_assign").click().run()
    assert not app.exception
    [links] = [code.value for code in app.code]
    ada_line = next(line for line in links.splitlines() if line.startswith("Ada Lovelace: "))
    token = ada_line.rsplit("invite=", 1)[1]

    candidate = AppTest.from_file(app._script_path, default_timeout=30)
    candidate.secrets["DATABASE_URL"] = app.secrets["DATABASE_URL"]
    owner = as_candidate(candidate, api)
    candidate.query_params["invite"] = token
    open_page(candidate, ui.ASSIGNMENT_PAGE)
    assert candidate.title[0].value == "Week 1"
    candidate.button(key="assignment_start").click().run()
    session_id = candidate.query_params[ui.SESSION_QUERY_PARAM]
    session = api.get_session(session_id)["data"]
    assert next(q["question"] for q in session["questions"]).startswith("What does a database")
    assert [s["sessionId"] for s in api.list_sessions(owner=owner)["data"]] == [session_id]
    for index in range(session["totalQuestions"]):
        assert api.submit_answer(session_id, index, ANSWER)["code"] == 200
    report = api.generate_report(session_id)["data"]
    assert report["questionSet"]["name"] == "Week 1"

    open_page(app, ui.DASHBOARD_PAGE)
    [assignment] = [e for e in app.expander if e.label.startswith("Week 1")]
    [table] = assignment.dataframe
    states = dict(
        zip(
            table.value[EN("coach.column_candidate")],
            table.value[EN("coach.column_state")],
            strict=True,
        )
    )
    assert states == {
        "Ada Lovelace": EN("coach.state_finished"),
        "Grace Hopper": EN("coach.state_not_opened"),
    }
    scores = list(table.value[EN("coach.column_overall")])
    assert scores[0] == str(report["overallScore"])


def test_opening_the_link_again_resumes_the_same_interview(app, api):
    made = api.coach.import_set("w.csv", SET_CSV, name="Week 1", by="Kim")["data"]
    token = api.coach.assign(made["id"], "Week 1", ["Ada"], None, {}, by="Kim")["data"]["links"][0]
    started = api.start_assignment(token["token"])["data"]
    as_candidate(app, api)
    app.query_params["invite"] = token["token"]
    open_page(app, ui.ASSIGNMENT_PAGE)
    assert EN("assignment.started") in [info.value for info in app.info]
    app.button(key="assignment_continue").click().run()
    assert app.query_params[ui.SESSION_QUERY_PARAM] == started["sessionId"]


def test_a_wrong_link_says_so(app):
    app.query_params["invite"] = "not-a-real-invitation-token"
    open_page(app, ui.ASSIGNMENT_PAGE)
    assert [e.value for e in app.error] == [EN("assignment.not_found")]


def test_the_coachs_language_opens_the_link_in_it(app, api):
    made = api.coach.create_set("第一周", "zh", [{"text": "讲讲 Redis 的持久化方式。"}], by="Kim")
    link = api.coach.assign(
        made["data"]["id"], "第一周", ["小林"], None, {"language": "zh"}, by="Kim"
    )
    app.query_params["invite"] = link["data"]["links"][0]["token"]
    open_page(app, ui.ASSIGNMENT_PAGE)
    assert app.button(key="assignment_start").label == Text("zh")("assignment.start")


def test_the_example_files_are_offered_for_download(app, api):
    as_coach(app, api)
    open_page(app, ui.QUESTION_SETS_PAGE)
    keys = {button.key for button in app.get("download_button")}
    assert {f"qsets_example_{kind}" for kind in set_files.FORMATS} <= keys
