"""Coach accounts (a name and an argon2 hash each), sign-in attempts counted per client and
per account, sign-ins that slide, and every version of a re-graded report.

The one shared password a first start made becomes the first account's, named "coach".

Revision ID: 0009
Revises: 0008
"""

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

FIRST_ACCOUNT = "coach"


def upgrade() -> None:
    accounts = op.create_table(
        "coach_accounts",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("name_key", sa.String(100), nullable=False, unique=True),
        sa.Column("password_hash", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(200), nullable=False),
    )
    shared = op.get_bind().execute(sa.text("SELECT password_hash FROM coach_password")).first()
    if shared is not None:
        op.bulk_insert(
            accounts,
            [
                {
                    "name": FIRST_ACCOUNT,
                    "name_key": FIRST_ACCOUNT,
                    "password_hash": shared.password_hash,
                    "created_at": datetime.now(UTC),
                    "created_by": "first start",
                }
            ],
        )
    op.drop_table("coach_password")

    # Sign-ins made with the shared password named whoever the form said: they end here.
    op.execute("DELETE FROM coach_sign_ins")
    with op.batch_alter_table("coach_sign_ins") as table:
        table.add_column(sa.Column("account_id", sa.Integer))
        table.add_column(sa.Column("started_at", sa.DateTime(timezone=True)))

    op.drop_index("ix_sign_in_failures_at_ms", table_name="sign_in_failures")
    op.drop_table("sign_in_failures")
    op.create_table(
        "sign_in_attempts",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("at_ms", sa.BigInteger, nullable=False),
        sa.Column("client", sa.String(200), nullable=False),
        sa.Column("account", sa.String(100), nullable=False),
    )
    op.create_index("ix_sign_in_attempts_client", "sign_in_attempts", ["client", "at_ms"])
    op.create_index("ix_sign_in_attempts_account", "sign_in_attempts", ["account", "at_ms"])

    op.create_table(
        "report_versions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "session_id",
            sa.String(64),
            sa.ForeignKey("sessions.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("body", sa.JSON, nullable=False),
        sa.Column("generated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("replaced_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("replaced_by", sa.String(200)),
    )
    op.create_index("ix_report_versions_session_id", "report_versions", ["session_id"])


def downgrade() -> None:
    op.drop_index("ix_report_versions_session_id", table_name="report_versions")
    op.drop_table("report_versions")
    op.drop_index("ix_sign_in_attempts_account", table_name="sign_in_attempts")
    op.drop_index("ix_sign_in_attempts_client", table_name="sign_in_attempts")
    op.drop_table("sign_in_attempts")
    op.create_table(
        "sign_in_failures",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("at_ms", sa.BigInteger, nullable=False),
    )
    op.create_index("ix_sign_in_failures_at_ms", "sign_in_failures", ["at_ms"])
    with op.batch_alter_table("coach_sign_ins") as table:
        table.drop_column("started_at")
        table.drop_column("account_id")
    op.create_table(
        "coach_password",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("password_hash", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    first = (
        op.get_bind()
        .execute(
            sa.text("SELECT password_hash FROM coach_accounts WHERE name_key = :key"),
            {"key": FIRST_ACCOUNT},
        )
        .first()
    )
    if first is not None:
        op.execute(
            sa.text(
                "INSERT INTO coach_password (id, password_hash, created_at) VALUES (1, :h, :at)"
            ).bindparams(h=first.password_hash, at=datetime.now(UTC))
        )
    op.drop_table("coach_accounts")
