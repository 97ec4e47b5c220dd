"""Stored reports and the shared rate-limit window.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "reports",
        sa.Column(
            "session_id",
            sa.String(64),
            sa.ForeignKey("sessions.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("overall_score", sa.Integer, nullable=False),
        sa.Column("body", sa.JSON, nullable=False),
        sa.Column("generated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "submit_window",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("at_ms", sa.BigInteger, nullable=False, index=True),
    )
    limiter = op.create_table("rate_limiter", sa.Column("id", sa.Integer, primary_key=True))
    op.bulk_insert(limiter, [{"id": 1}])


def downgrade() -> None:
    op.drop_table("rate_limiter")
    op.drop_table("submit_window")
    op.drop_table("reports")
