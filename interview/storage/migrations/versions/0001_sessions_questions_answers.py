"""Sessions, their questions and every revision of every answer.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sessions",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("request_id", sa.String(200), unique=True),
        sa.Column("candidate_name", sa.String(100), nullable=False),
        sa.Column("candidate_key", sa.String(100), nullable=False, index=True),
        sa.Column("role", sa.String(64), nullable=False),
        sa.Column("difficulty", sa.String(16)),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("current_index", sa.Integer, nullable=False),
        sa.Column("total_questions", sa.Integer, nullable=False),
        sa.Column("main_question_count", sa.Integer, nullable=False),
        sa.Column("follow_up_count", sa.Integer, nullable=False),
        sa.Column("job_description", sa.Text),
        sa.Column("resume_text", sa.Text),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("completed_at", sa.DateTime(timezone=True)),
    )
    op.create_table(
        "questions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "session_id",
            sa.String(64),
            sa.ForeignKey("sessions.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("category", sa.String(100), nullable=False),
        sa.Column("type", sa.String(64), nullable=False),
        sa.Column("difficulty", sa.String(16)),
        sa.Column("is_follow_up", sa.Boolean, nullable=False),
        sa.Column("parent_id", sa.Integer, sa.ForeignKey("questions.id", ondelete="CASCADE")),
        sa.Column("key_points", sa.JSON, nullable=False),
        sa.Column("reference_answer", sa.Text),
        sa.Column("bank_id", sa.String(200)),
        sa.Column("user_answer", sa.Text),
        sa.Column("answered", sa.Boolean, nullable=False),
        sa.Column("answered_at", sa.DateTime(timezone=True)),
        sa.Column("score", sa.Integer),
        sa.Column("feedback", sa.Text),
    )
    op.create_index("ix_questions_session_position", "questions", ["session_id", "position"])
    op.create_table(
        "answer_revisions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "question_id",
            sa.Integer,
            sa.ForeignKey("questions.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("saved_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("answer_revisions")
    op.drop_index("ix_questions_session_position", "questions")
    op.drop_table("questions")
    op.drop_table("sessions")
