"""Question sets and assignments in the engine, on SQLite and PostgreSQL: files in three formats
(round trips, every bad-file case with its message), versions, and the assignment link."""

import json
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import update

from interview.coaching import set_files
from interview.storage.schema import assignments

COACH = "Kim"
QUESTIONS = [
    {
        "text": "What does a database index trade for faster reads?",
        "category": "Databases",
        "difficulty": "junior",
        "type": "conceptual",
        "key_points": ["slower writes", "more storage", "the planner may not use it"],
        "reference_answer": "An index speeds reads up at the cost of slower writes and space.",
    },
    {
        "text": "Tell me about a time you changed a teammate's mind, or they changed yours.",
        "category": "Teamwork",
        "difficulty": None,
        "type": "behavioural",
        "key_points": [],
        "reference_answer": None,
    },
    {
        "text": "讲讲 Redis 缓存穿透是什么，怎么解决？",
        "category": "Redis",
        "difficulty": "mid",
        "type": "conceptual",
        "key_points": ["查询不存在的数据", "布隆过滤器 | 缓存空值"],
        "reference_answer": "缓存穿透指查询不存在的数据，请求直达数据库。",
    },
]
ANSWER = "An index makes reads faster, but every write also updates it, and it takes space."


def made(api, questions=QUESTIONS, name="Week 1", language="en") -> dict:
    result = api.coach.create_set(name, language, questions, by=COACH)
    assert result["code"] == 200, result
    return result["data"]


def comparable(questions: list[dict]) -> list[dict]:
    return [{k: v for k, v in q.items() if k != "id"} for q in questions]


# --- files ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", set_files.FORMATS)
def test_every_format_reads_back_what_it_wrote(kind):
    written = set_files.write_set_file(kind, "Week 1", "zh", QUESTIONS)
    parsed = set_files.read_set_file(f"set.{kind}", written)
    assert parsed.problems == []
    expected = [
        {**q, "key_points": [p for point in q["key_points"] for p in point.split(" | ")]}
        if kind == "csv"
        else q
        for q in QUESTIONS
    ]
    assert parsed.questions == expected
    if kind != "csv":
        assert (parsed.name, parsed.language) == ("Week 1", "zh")


@pytest.mark.parametrize("kind", set_files.FORMATS)
def test_the_example_files_import_cleanly(api, kind):
    checked = api.coach.check_set_file(f"example.{kind}", set_files.example_file(kind))["data"]
    assert checked["problems"] == [] and len(checked["questions"]) == 2


def test_an_exported_set_imports_as_the_same_set(api):
    original = made(api)
    for kind in set_files.FORMATS:
        exported = api.coach.export_set(original["id"], kind)["data"]
        copy = api.coach.import_set(exported["filename"], exported["content"], by=COACH)["data"]
        # CSV keeps key points in one cell: a point holding " | " is read as two points.
        key = (lambda q: q["text"]) if kind == "csv" else (lambda q: json.dumps(q, sort_keys=True))
        assert [key(q) for q in comparable(copy["questions"])] == [
            key(q) for q in comparable(original["questions"])
        ]


CSV_HEADER = "text,category,difficulty,type,key_points,reference_answer\n"


@pytest.mark.parametrize(
    ("filename", "content", "problems"),
    [
        ("set.csv", CSV_HEADER + ",Caching,,,,\n", [(2, "text", "missing text")]),
        (
            "set.csv",
            CSV_HEADER + "x" * 1001 + ",,,,,\n",
            [(2, "text", "too long: 1,001 characters (at most 1,000)")],
        ),
        (
            "set.csv",
            CSV_HEADER + "What?,,expert,,,\n",
            [(2, "difficulty", "unknown difficulty 'expert' (junior, mid, senior)")],
        ),
        (
            "set.csv",
            CSV_HEADER + "What?,,,trivia,,\n",
            [(2, "type", "unknown type 'trivia' (behavioural, conceptual, design, coding)")],
        ),
        (
            "set.csv",
            CSV_HEADER + "What is a cache?,,,,,\nwhat is  a CACHE?,,,,,\n",
            [(3, "text", "duplicate of the question in row 2")],
        ),
        (
            "set.csv",
            CSV_HEADER + "".join(f"Question {n}?,,,,,\n" for n in range(51)),
            [(None, None, "more than 50 questions")],
        ),
        (
            "set.csv",
            "text\n\xe9t\xe9\n".encode("latin-1"),
            [(None, None, "the file is not UTF-8 text (byte 5 cannot be read)")],
        ),
        (
            "set.csv",
            CSV_HEADER + "What?,,,," + "|".join(["a point"] * 11) + ",\n",
            [(2, "key_points", "11 key points (at most 10)")],
        ),
        (
            "set.json",
            json.dumps([{"text": "What?", "colour": "red"}]),
            [(1, "colour", "unknown column (known: " + ", ".join(set_files.FIELDS) + ")")],
        ),
        (
            "set.json",
            "{not json",
            [
                (
                    None,
                    None,
                    "not valid JSON: Expecting property name "
                    "enclosed in double quotes at line 1, column 2",
                )
            ],
        ),
        ("set.yaml", "questions: [a, b", [(None, None, "not valid YAML at line 2")]),
        (
            "set.yaml",
            "- text: What?\n  key_points: 3\n",
            [(1, "key_points", "must be a list of texts")],
        ),
        ("set.txt", "What?", [(None, None, "unsupported file type: use .csv, .json, .yaml")]),
        (
            "set.csv",
            "question_text\nWhat?\n",
            [(None, None, "the first row must name the columns, with at least a text column")],
        ),
    ],
)
def test_a_bad_file_imports_nothing_and_says_where_each_problem_is(
    api, filename, content, problems
):
    data = content.encode("utf-8") if isinstance(content, str) else content
    checked = api.coach.check_set_file(filename, data)["data"]
    assert [(p["row"], p["column"], p["message"]) for p in checked["problems"]] == problems
    assert checked["questions"] == []
    assert api.coach.import_set(filename, data, name="x", language="en", by=COACH)["code"] == 400
    assert api.coach.sets()["data"] == []


def test_every_problem_of_a_file_is_listed_not_just_the_first(api):
    content = (CSV_HEADER + ",,expert,,,\nWhat?,,,trivia,,\nWhat?,,,,,\n").encode()
    problems = api.coach.check_set_file("set.csv", content)["data"]["problems"]
    assert [(p["row"], p["column"]) for p in problems] == [
        (2, "text"),
        (2, "difficulty"),
        (3, "type"),
        (4, "text"),
    ]


@pytest.mark.parametrize("kind", set_files.FORMATS)
def test_a_file_of_more_than_50_questions_is_refused_in_every_format(api, kind):
    many = [{"text": f"What is cache number {n}?"} for n in range(51)]
    content = set_files.write_set_file(kind, "Too many", "en", many)
    [problem] = api.coach.check_set_file(f"set.{kind}", content)["data"]["problems"]
    assert problem["message"].startswith("more than 50 questions")


def test_a_file_over_5_mb_is_refused_whole(api):
    content = CSV_HEADER.encode() + b"x" * (5 * 1024 * 1024)
    [problem] = api.coach.check_set_file("set.csv", content)["data"]["problems"]
    assert problem["message"] == "the file is larger than 5 MB"


# --- sets -----------------------------------------------------------------------------------------


def test_a_save_is_a_new_version_and_the_history_records_who(api):
    first = made(api)
    changed = comparable(first["questions"])
    changed[0]["reference_answer"] = "Reads get faster; writes and storage pay for it."
    second = api.coach.update_set(first["id"], "Week 1 (v2)", "en", changed, by="Lee")["data"]
    assert (second["version"], second["name"], second["updatedBy"]) == (2, "Week 1 (v2)", "Lee")
    actions = [(a["actor"], a["action"]) for a in api.coach.history()["data"]["actions"]]
    assert actions[:2] == [("Lee", "set_edit"), (COACH, "set_create")]


def test_a_set_can_be_duplicated_and_deleted(api):
    original = made(api)
    copy = api.coach.duplicate_set(original["id"], by=COACH)["data"]
    assert copy["name"] == "Week 1 (copy)" and copy["id"] != original["id"]
    assert comparable(copy["questions"]) == comparable(original["questions"])
    assert api.coach.delete_set(original["id"], by=COACH)["code"] == 200
    assert api.coach.question_set(original["id"])["code"] == 404
    assert [s["id"] for s in api.coach.sets()["data"]] == [copy["id"]]


def test_a_bank_is_copied_into_an_editable_set_and_stays_as_it_is(api):
    copied = api.coach.copy_bank("java_backend_zh", by=COACH)["data"]
    bank = next(r for r in api.list_roles()["data"] if r["id"] == "java_backend_zh")
    assert copied["language"] == "zh" and len(copied["questions"]) == bank["questionCount"]
    assert all(q["reference_answer"] and q["key_points"] for q in copied["questions"])
    assert api.coach.copy_bank("no-such-bank", by=COACH)["code"] == 404


@pytest.mark.parametrize(
    ("name", "language", "questions", "message"),
    [
        ("", "en", QUESTIONS, "name is required"),
        ("Week 1", "fr", QUESTIONS, "language must be en or zh"),
        ("Week 1", "en", "What?", "questions must be a list of questions"),
        ("Week 1", "en", [], "The question set has problems: the set has no questions"),
    ],
)
def test_a_bad_set_is_refused(api, name, language, questions, message):
    result = api.coach.create_set(name, language, questions, by=COACH)
    assert (result["code"], result["message"]) == (400, message)


# --- assignments ----------------------------------------------------------------------------------


def assign(api, set_id, names=("Ada", "Grace"), **settings) -> dict:
    result = api.coach.assign(set_id, "Week 1", list(names), None, settings, by=COACH)
    assert result["code"] == 200, result
    return result["data"]


def finish(api, session: dict) -> None:
    for index in range(session["totalQuestions"]):
        assert api.submit_answer(session["sessionId"], index, ANSWER)["code"] == 200
    api.generate_report(session["sessionId"])


def test_a_link_starts_an_interview_from_the_set_and_then_resumes_it(api):
    question_set = made(api)
    link = assign(api, question_set["id"], followUps=0)["links"][0]
    offer = api.open_assignment(link["token"])["data"]
    assert offer["candidateName"] == "Ada" and offer["sessionId"] is None
    owner = api.browser_owner(api.new_candidate_token())
    session = api.start_assignment(link["token"], owner=owner)["data"]
    assert [q["question"] for q in session["questions"]] == [q["text"] for q in QUESTIONS]
    assert session["candidateName"] == "Ada"
    again = api.start_assignment(link["token"], owner=owner)["data"]
    assert again["sessionId"] == session["sessionId"]
    assert api.open_assignment(link["token"])["data"]["sessionId"] == session["sessionId"]
    assert [s["sessionId"] for s in api.list_sessions(owner=owner)["data"]] == [
        session["sessionId"]
    ]


def test_the_settings_choose_how_many_in_which_order_and_the_time_per_question(api):
    question_set = made(api)
    link = assign(api, question_set["id"], questionCount=2, order="shuffled", timeLimitMinutes=5)
    session = api.start_assignment(link["links"][0]["token"])["data"]
    assert session["totalQuestions"] == 2
    assert {q["question"] for q in session["questions"]} <= {q["text"] for q in QUESTIONS}
    context = api.session_context(session["sessionId"])["data"]
    assert context["timeLimitMinutes"] == 5 and context["questionSet"] == "Week 1"


def test_a_session_from_a_set_is_graded_against_it_and_the_report_names_it(api):
    question_set = made(api)
    link = assign(api, question_set["id"], followUps=0)["links"][0]
    session = api.start_assignment(link["token"])["data"]
    finish(api, session)
    report = api.generate_report(session["sessionId"])["data"]
    assert report["questionSet"] == {"id": question_set["id"], "name": "Week 1", "version": 1}
    assert report["referenceAnswers"][0]["keyPoints"] == QUESTIONS[0]["key_points"]
    assert report["referenceAnswers"][0]["referenceAnswer"] == QUESTIONS[0]["reference_answer"]


def test_editing_a_set_changes_a_finished_report_only_when_a_coach_re_grades_it(api):
    question_set = made(api)
    link = assign(api, question_set["id"], followUps=0)["links"][0]
    session = api.start_assignment(link["token"])["data"]
    finish(api, session)
    before = api.generate_report(session["sessionId"])["data"]
    edited = comparable(question_set["questions"])
    edited[0]["reference_answer"] = "A new reference answer."
    api.coach.update_set(question_set["id"], "Week 1", "en", edited, by=COACH)

    assert api.generate_report(session["sessionId"])["data"] == before
    api.regrade(session["sessionId"], by=COACH)
    after = api.generate_report(session["sessionId"])["data"]
    assert after["questionSet"]["version"] == 2
    assert after["referenceAnswers"][0]["referenceAnswer"] == "A new reference answer."
    assert after["questionDetails"][0]["question"] == before["questionDetails"][0]["question"]


def test_the_coach_sees_who_has_not_opened_opened_started_and_finished_with_scores(api):
    question_set = made(api)
    links = assign(api, question_set["id"], names=["Ada", "Grace", "Linus", "Alan"], followUps=0)
    tokens = {link["candidateName"]: link["token"] for link in links["links"]}
    api.open_assignment(tokens["Grace"])
    api.start_assignment(tokens["Linus"])
    finish(api, api.start_assignment(tokens["Alan"])["data"])
    [assignment] = api.coach.assignments()["data"]
    states = {c["candidateName"]: (c["state"], c["overallScore"]) for c in assignment["candidates"]}
    alan_score = states["Alan"][1]
    assert states == {
        "Ada": ("not_opened", None),
        "Grace": ("opened", None),
        "Linus": ("started", None),
        "Alan": ("finished", alan_score),
    }
    assert isinstance(alan_score, int)
    assert assignment["counts"] == {"not_opened": 1, "opened": 1, "started": 1, "finished": 1}
    assert not any(c["overdue"] for c in assignment["candidates"])


def test_after_the_due_date_the_unfinished_are_overdue(api):
    question_set = made(api)
    links = assign(api, question_set["id"], names=["Ada", "Alan"], followUps=0)["links"]
    finish(api, api.start_assignment(links[1]["token"])["data"])
    with api.db.transaction() as conn:
        conn.execute(update(assignments).values(due_at=datetime.now(UTC) - timedelta(hours=1)))
    overdue = {
        c["candidateName"]: c["overdue"] for c in api.coach.assignments()["data"][0]["candidates"]
    }
    assert overdue == {"Ada": True, "Alan": False}


def test_a_due_date_means_the_end_of_that_day(api):
    question_set = made(api)
    api.coach.assign(question_set["id"], "Week 1", ["Ada"], date(2030, 1, 31), {}, by=COACH)
    assert api.coach.assignments()["data"][0]["dueAt"] == "2030-02-01T00:00:00.000Z"


@pytest.mark.parametrize(
    ("candidates", "settings", "message"),
    [
        ([], {}, "candidates must name at least one candidate"),
        (["x" * 101], {}, "a candidate's name must be at most 100 characters"),
        (["Ada"], {"questionCount": 9}, "questionCount is more than the set holds"),
        (["Ada"], {"order": "random"}, "order must be set or shuffled"),
        (["Ada"], {"followUps": 3}, "followUps must be between 0 and 2"),
        (["Ada"], {"timeLimitMinutes": 7}, "timeLimitMinutes must be 2, 3, 5, 10 or null"),
        (["Ada"], {"language": "fr"}, "language must be en or zh"),
    ],
)
def test_a_bad_assignment_is_refused(api, candidates, settings, message):
    question_set = made(api)
    result = api.coach.assign(question_set["id"], "W", candidates, None, settings, by=COACH)
    assert (result["code"], result["message"]) == (400, message)


def test_an_unknown_or_withdrawn_link_opens_nothing(api):
    question_set = made(api)
    assignment = assign(api, question_set["id"])
    assert api.open_assignment("no-such-token")["code"] == 404
    assert api.coach.delete_assignment(assignment["id"], by=COACH)["code"] == 200
    assert api.open_assignment(assignment["links"][0]["token"])["code"] == 404
    assert api.start_assignment(assignment["links"][0]["token"])["code"] == 404


def test_deleting_a_set_keeps_the_sessions_it_made_and_their_reports(api):
    question_set = made(api)
    link = assign(api, question_set["id"], followUps=0)["links"][0]
    session = api.start_assignment(link["token"])["data"]
    finish(api, session)
    report = api.generate_report(session["sessionId"])["data"]
    api.coach.delete_set(question_set["id"], by=COACH)
    assert api.generate_report(session["sessionId"])["data"]["questionSet"] == report["questionSet"]
    assert api.regrade(session["sessionId"], by=COACH)["code"] == 200


@pytest.mark.parametrize("token", ["\ud800", "x" * 100_000, "no spaces allowed here!", "", 7])
def test_a_link_token_we_never_made_is_not_found_never_a_server_error(api, token):
    """Measured before: a lone surrogate reached the database driver and answered 500."""
    assert api.open_assignment(token) == {
        "code": 404,
        "message": "Assignment not found",
        "data": None,
    }
    assert api.start_assignment(token)["code"] == 404
