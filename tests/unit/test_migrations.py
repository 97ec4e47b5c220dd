"""The schema is Alembic's: an empty database and one at the previous revision both reach head."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text

from interview import migrations
from interview.api import InterviewAPI
from interview.schema import metadata
from interview.store import make_engine

HEAD = "0002"


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


def test_a_database_at_the_previous_revision_upgrades_in_place(any_url):
    engine = make_engine(any_url)
    migrations.upgrade(engine, "0001")
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO sessions (id, candidate_name, candidate_key, role, status,"
                " current_index, total_questions, main_question_count, follow_up_count,"
                " created_at) VALUES ('old-session', 'Ada', 'ada', 'backend', 'IN_PROGRESS',"
                " 0, 1, 1, 0, CURRENT_TIMESTAMP)"
            )
        )
        conn.execute(
            text(
                "INSERT INTO questions (session_id, position, text, category, type,"
                " is_follow_up, key_points, answered, user_answer) VALUES ('old-session', 0,"
                " 'What is an index?', 'Databases', 'databases', false, '[]', false, 'a draft')"
            )
        )
    engine.dispose()

    api = InterviewAPI.from_url(any_url, rate_limit_per_second=5)
    assert current_revision(api.db.engine) == HEAD
    current = api.get_current_question("old-session")["data"]
    assert current["question"]["userAnswer"] == "a draft"
    answer = "A B-tree that lets the database find rows without scanning the table."
    assert api.submit_answer("old-session", 0, answer)["code"] == 200
    assert api.generate_report("old-session")["code"] == 200
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
