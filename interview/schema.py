"""The tables of the interview store (the migrations in migrations/versions/ create them)."""

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

sessions = Table(
    "sessions",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("request_id", String(200), unique=True),
    Column("candidate_name", String(100), nullable=False),
    Column("candidate_key", String(100), nullable=False, index=True),
    Column("role", String(64), nullable=False),
    Column("difficulty", String(16)),
    Column("status", String(16), nullable=False),
    Column("current_index", Integer, nullable=False),
    Column("total_questions", Integer, nullable=False),
    Column("main_question_count", Integer, nullable=False),
    Column("follow_up_count", Integer, nullable=False),
    Column("job_description", Text),
    Column("resume_text", Text),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("completed_at", DateTime(timezone=True)),
)

questions = Table(
    "questions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("session_id", String(64), ForeignKey("sessions.id", ondelete="CASCADE"), nullable=False),
    # position is the questionIndex; follow-ups shift the later rows, so no unique constraint
    Column("position", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("category", String(100), nullable=False),
    Column("type", String(64), nullable=False),
    Column("difficulty", String(16)),
    Column("is_follow_up", Boolean, nullable=False),
    Column("parent_id", Integer, ForeignKey("questions.id", ondelete="CASCADE")),
    Column("key_points", JSON, nullable=False),
    Column("reference_answer", Text),
    Column("bank_id", String(200)),
    Column("score", Integer),
    Column("feedback", Text),
    Index("ix_questions_session_position", "session_id", "position"),
)

# Every autosave, submit and edit is kept, so a coach can see how an answer evolved. A question's
# answer is its latest revision, and it is answered once it has a submit revision: the revisions
# are the only record of answers, so the two can never disagree.
answer_revisions = Table(
    "answer_revisions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column(
        "question_id",
        Integer,
        ForeignKey("questions.id", ondelete="CASCADE"),
        nullable=False,
    ),
    Column("kind", String(16), nullable=False),  # draft | submit | edit
    Column("text", Text, nullable=False),
    Column("saved_at", DateTime(timezone=True), nullable=False),
    Index("ix_answer_revisions_question_latest", "question_id", "id"),
)

reports = Table(
    "reports",
    metadata,
    Column(
        "session_id", String(64), ForeignKey("sessions.id", ondelete="CASCADE"), primary_key=True
    ),
    Column("overall_score", Integer, nullable=False),
    Column("body", JSON, nullable=False),
    Column("generated_at", DateTime(timezone=True), nullable=False),
)

# The shared sliding window of accepted submits (milliseconds since the epoch).
submit_window = Table(
    "submit_window",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at_ms", BigInteger, nullable=False, index=True),
)

# One row; locking it serialises the rate-limit check across processes on PostgreSQL.
rate_limiter = Table(
    "rate_limiter",
    metadata,
    Column("id", Integer, primary_key=True),
)
