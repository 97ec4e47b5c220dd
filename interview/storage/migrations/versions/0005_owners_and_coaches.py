"""Who owns a session (and whether it is a sample), the report's figures for the dashboard, and
the coaches' tables: comments, score overrides, their actions, password, sign-ins, failures.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

_reports = sa.table(
    "reports",
    sa.column("session_id", sa.String),
    sa.column("overall_score", sa.Integer),
    sa.column("body", sa.JSON),
    sa.column("ai_overall_score", sa.Integer),
    sa.column("dimension_scores", sa.JSON),
    sa.column("flag_count", sa.Integer),
)


def _session_fk() -> sa.ForeignKey:
    return sa.ForeignKey("sessions.id", ondelete="CASCADE")


def upgrade() -> None:
    with op.batch_alter_table("sessions") as batch:
        batch.add_column(sa.Column("owner", sa.String(64)))
        batch.add_column(
            sa.Column("is_sample", sa.Boolean, nullable=False, server_default=sa.false())
        )
        batch.create_index("ix_sessions_owner", ["owner"])
    with op.batch_alter_table("reports") as batch:
        batch.add_column(sa.Column("ai_overall_score", sa.Integer))
        batch.add_column(sa.Column("dimension_scores", sa.JSON))
        batch.add_column(sa.Column("flag_count", sa.Integer))
    _fill_report_figures()
    op.create_table(
        "coach_comments",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("session_id", sa.String(64), _session_fk(), nullable=False),
        sa.Column("question_id", sa.Integer, sa.ForeignKey("questions.id", ondelete="CASCADE")),
        sa.Column("author", sa.String(200), nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_coach_comments_session_id", "coach_comments", ["session_id"])
    op.create_table(
        "score_overrides",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("session_id", sa.String(64), _session_fk(), nullable=False),
        sa.Column(
            "question_id",
            sa.Integer,
            sa.ForeignKey("questions.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("dimension", sa.String(32), nullable=False),
        sa.Column("ai_score", sa.Integer, nullable=False),
        sa.Column("old_score", sa.Integer, nullable=False),
        sa.Column("new_score", sa.Integer, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("author", sa.String(200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_score_overrides_session_id", "score_overrides", ["session_id"])
    op.create_table(
        "coach_actions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("session_id", sa.String(64)),
        sa.Column("detail", sa.JSON, nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_coach_actions_at", "coach_actions", ["at"])
    op.create_table(
        "coach_password",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("password_hash", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "coach_sign_ins",
        sa.Column("token_digest", sa.String(64), primary_key=True),
        sa.Column("coach", sa.String(200), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "sign_in_failures",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("at_ms", sa.BigInteger, nullable=False),
    )
    op.create_index("ix_sign_in_failures_at_ms", "sign_in_failures", ["at_ms"])


def _fill_report_figures() -> None:
    """Reports stored before this migration: their figures, read from the body."""
    conn = op.get_bind()
    for session_id, body in conn.execute(sa.select(_reports.c.session_id, _reports.c.body)):
        conn.execute(
            sa.update(_reports)
            .where(_reports.c.session_id == session_id)
            .values(
                ai_overall_score=body["overallScore"],
                dimension_scores={d["dimension"]: d["score"] for d in body["dimensionScores"]},
                flag_count=len(body.get("integrityFlags") or []),
            )
        )


def downgrade() -> None:
    for table in (
        "sign_in_failures",
        "coach_sign_ins",
        "coach_password",
        "coach_actions",
        "score_overrides",
        "coach_comments",
    ):
        op.drop_table(table)
    with op.batch_alter_table("reports") as batch:
        batch.drop_column("flag_count")
        batch.drop_column("dimension_scores")
        batch.drop_column("ai_overall_score")
    with op.batch_alter_table("sessions") as batch:
        batch.drop_index("ix_sessions_owner")
        batch.drop_column("is_sample")
        batch.drop_column("owner")
