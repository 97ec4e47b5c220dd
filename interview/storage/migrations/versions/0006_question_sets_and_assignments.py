"""Coaches' question sets (versioned), assignments of a set to named candidates with a link each,
and which set and version a session's questions came from.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "question_sets",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("created_by", sa.String(200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(200), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "question_set_items",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "set_id",
            sa.Integer,
            sa.ForeignKey("question_sets.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("category", sa.String(100), nullable=False),
        sa.Column("difficulty", sa.String(16)),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("key_points", sa.JSON, nullable=False),
        sa.Column("reference_answer", sa.Text),
    )
    op.create_index(
        "ix_question_set_items_set_position", "question_set_items", ["set_id", "position"]
    )
    op.create_table(
        "assignments",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "set_id",
            sa.Integer,
            sa.ForeignKey("question_sets.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True)),
        sa.Column("settings", sa.JSON, nullable=False),
        sa.Column("created_by", sa.String(200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "assignment_candidates",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "assignment_id",
            sa.Integer,
            sa.ForeignKey("assignments.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("token", sa.String(64), nullable=False, unique=True),
        sa.Column("opened_at", sa.DateTime(timezone=True)),
        sa.Column("session_id", sa.String(64), sa.ForeignKey("sessions.id", ondelete="SET NULL")),
    )
    op.create_index(
        "ix_assignment_candidates_assignment_id", "assignment_candidates", ["assignment_id"]
    )
    with op.batch_alter_table("sessions") as batch:
        batch.add_column(sa.Column("question_set_id", sa.Integer))
        batch.add_column(sa.Column("question_set_name", sa.String(200)))
        batch.add_column(sa.Column("question_set_version", sa.Integer))
        batch.add_column(sa.Column("time_limit_minutes", sa.Integer))
        batch.create_foreign_key(
            "fk_sessions_question_set_id",
            "question_sets",
            ["question_set_id"],
            ["id"],
            ondelete="SET NULL",
        )


def downgrade() -> None:
    with op.batch_alter_table("sessions") as batch:
        batch.drop_constraint("fk_sessions_question_set_id", type_="foreignkey")
        batch.drop_column("time_limit_minutes")
        batch.drop_column("question_set_version")
        batch.drop_column("question_set_name")
        batch.drop_column("question_set_id")
    op.drop_table("assignment_candidates")
    op.drop_table("assignments")
    op.drop_table("question_set_items")
    op.drop_table("question_sets")
