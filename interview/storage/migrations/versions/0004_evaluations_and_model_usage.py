"""Evaluations kept per answer text (the background scoring queue), model usage per session,
where a session's questions came from, and who wrote a report's summary.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "evaluations",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "session_id",
            sa.String(64),
            sa.ForeignKey("sessions.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column(
            "question_id",
            sa.Integer,
            sa.ForeignKey("questions.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("answer_digest", sa.String(64), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("claimed_by", sa.String(100)),
        sa.Column("lease_expires_ms", sa.BigInteger),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("evaluator", sa.String(100)),
        sa.Column("source", sa.String(32)),
        sa.Column("model", sa.String(200)),
        sa.Column("prompt_version", sa.String(64)),
        sa.Column("rubric_version", sa.String(32)),
        sa.Column("fallback_reason", sa.Text),
        sa.Column("result", sa.JSON),
        sa.Column("calls", sa.Integer, nullable=False),
        sa.Column("prompt_tokens", sa.Integer, nullable=False),
        sa.Column("completion_tokens", sa.Integer, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("evaluated_at", sa.DateTime(timezone=True)),
    )
    op.create_index("ix_evaluations_session_id", "evaluations", ["session_id"])
    op.create_index(
        "ix_evaluations_question_answer", "evaluations", ["question_id", "answer_digest"]
    )
    op.create_index("ix_evaluations_status", "evaluations", ["status"])
    op.create_table(
        "model_usage",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "session_id",
            sa.String(64),
            sa.ForeignKey("sessions.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("purpose", sa.String(32), nullable=False),
        sa.Column("calls", sa.Integer, nullable=False),
        sa.Column("prompt_tokens", sa.Integer, nullable=False),
        sa.Column("completion_tokens", sa.Integer, nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_model_usage_session_id", "model_usage", ["session_id"])
    with op.batch_alter_table("sessions") as sessions:
        sessions.add_column(sa.Column("question_source", sa.String(16)))
    with op.batch_alter_table("reports") as reports:
        reports.add_column(sa.Column("summary_provenance", sa.JSON))


def downgrade() -> None:
    with op.batch_alter_table("reports") as reports:
        reports.drop_column("summary_provenance")
    with op.batch_alter_table("sessions") as sessions:
        sessions.drop_column("question_source")
    op.drop_index("ix_model_usage_session_id", "model_usage")
    op.drop_table("model_usage")
    op.drop_index("ix_evaluations_status", "evaluations")
    op.drop_index("ix_evaluations_question_answer", "evaluations")
    op.drop_index("ix_evaluations_session_id", "evaluations")
    op.drop_table("evaluations")
