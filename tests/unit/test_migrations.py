"""The schema is Alembic's: an empty database and one at the previous revision both reach head."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text

from interview.api import InterviewAPI
from interview.storage import migrations
from interview.storage.engine import make_engine
from interview.storage.schema import metadata

HEAD = "0009"


def current_revision(engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def test_opening_an_empty_database_migrates_it_to_head(any_url):
    api = InterviewAPI.from_url(any_url, rate_limit_per_second=None)
    assert current_revision(api.db.engine) == HEAD
    tables = set(inspect(api.db.engine).get_table_names())
    assert {"sessions", "questions", "answer_revisions", "reports", "submit_window"} <= tables
    api.close()


def test_the_migrations_build_exactly_the_tables_the_code_uses(any_url):
    engine = make_engine(any_url)
    migrations.upgrade_to_head(engine)
    with engine.connect() as conn:
        differences = compare_metadata(MigrationContext.configure(conn), metadata)
    assert differences == []
    engine.dispose()


OLD_SESSION = (
    "INSERT INTO sessions (id, candidate_name, candidate_key, role, status, current_index,"
    " total_questions, main_question_count, follow_up_count, created_at) VALUES ('old-session',"
    " 'Ada', 'ada', 'backend', 'IN_PROGRESS', 1, 2, 2, 0, CURRENT_TIMESTAMP)"
)
OLD_QUESTION = (
    "INSERT INTO questions (id, session_id, position, text, category, type, is_follow_up,"
    " key_points, answered, user_answer) VALUES (:id, 'old-session', :position, :text,"
    " 'Databases', 'databases', false, '[]', :answered, :answer)"
)
OLD_REVISION = (
    "INSERT INTO answer_revisions (question_id, kind, text, saved_at)"
    " VALUES (1, 'submit', 'Indexes are B-trees.', CURRENT_TIMESTAMP)"
)


def test_a_database_at_the_previous_revision_upgrades_in_place_losing_nothing(any_url):
    engine = make_engine(any_url)
    migrations.upgrade(engine, "0002")
    with engine.begin() as conn:
        conn.execute(text(OLD_SESSION))
        answered = {"id": 1, "position": 0, "text": "What is an index?", "answered": True}
        conn.execute(text(OLD_QUESTION), {**answered, "answer": "Indexes are B-trees."})
        conn.execute(text(OLD_REVISION))
        drafted = {"id": 2, "position": 1, "text": "What is a join?", "answered": False}
        conn.execute(text(OLD_QUESTION), {**drafted, "answer": "a draft"})
    engine.dispose()

    api = InterviewAPI.from_url(any_url, rate_limit_per_second=5)
    assert current_revision(api.db.engine) == HEAD
    questions = api.get_session("old-session")["data"]["questions"]
    assert [(q["userAnswer"], q["answered"]) for q in questions] == [
        ("Indexes are B-trees.", True),
        ("a draft", False),
    ]
    history = api.answer_history("old-session")["data"]
    assert [(h["questionIndex"], h["kind"]) for h in history] == [(0, "submit"), (1, "draft")]
    answer = "A join combines rows of two tables on a condition, e.g. orders with customers."
    assert api.submit_answer("old-session", 1, answer)["code"] == 200
    assert api.generate_report("old-session")["code"] == 200
    api.close()


SESSION_0003 = OLD_SESSION.replace("'IN_PROGRESS', 1, 2, 2", "'COMPLETED', 1, 1, 1")
QUESTION_0003 = (
    "INSERT INTO questions (id, session_id, position, text, category, type, is_follow_up,"
    " key_points) VALUES (1, 'old-session', 0, 'What is an index?', 'Databases', 'databases',"
    " false, '[]')"
)


def test_a_session_from_before_0004_reads_as_bank_questions_and_scores_as_before(any_url):
    engine = make_engine(any_url)
    migrations.upgrade(engine, "0003")
    with engine.begin() as conn:
        conn.execute(text(SESSION_0003))
        conn.execute(text(QUESTION_0003))
        conn.execute(text(OLD_REVISION))
    engine.dispose()

    api = InterviewAPI.from_url(any_url, rate_limit_per_second=None)
    assert api.session_context("old-session")["data"]["questionSource"] == "bank"
    assert [q["status"] for q in api.evaluation_details("old-session")["data"]["questions"]] == [
        "pending"
    ]
    assert api.generate_report("old-session")["data"]["answeredCount"] == 1
    details = api.evaluation_details("old-session")["data"]
    assert details["questions"][0]["status"] == "done" and details["summary"] is not None
    api.close()


def test_0004_goes_down_to_0003_and_back_keeping_sessions(any_url):
    api = InterviewAPI.from_url(any_url, rate_limit_per_second=None)
    session_id = api.create_session(candidate_name="Ada", role="backend")["data"]["sessionId"]
    api.close()
    engine = make_engine(any_url)

    migrations.downgrade(engine, "0003")
    assert not {"evaluations", "model_usage"} & set(inspect(engine).get_table_names())
    migrations.upgrade_to_head(engine)
    engine.dispose()

    api = InterviewAPI.from_url(any_url, rate_limit_per_second=None)
    assert api.get_session(session_id)["data"]["totalQuestions"] == 5
    api.close()


def test_migrations_run_down_to_nothing_and_back_up(any_url):
    engine = make_engine(any_url)
    migrations.upgrade_to_head(engine)
    migrations.downgrade(engine, "base")
    assert current_revision(engine) is None
    migrations.upgrade_to_head(engine)
    assert current_revision(engine) == HEAD
    engine.dispose()


def test_opening_twice_is_harmless(sqlite_url):
    for _ in range(2):
        InterviewAPI.from_url(sqlite_url).close()
