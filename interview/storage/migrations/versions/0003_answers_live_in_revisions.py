"""Answers live only in their revisions: drop the copies kept on questions.

A question's answer is its latest revision and it is answered once it has a submit revision.
Before dropping the copies, any question whose copy has no revision behind it gets one, so no
answer or draft is lost.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        """
        INSERT INTO answer_revisions (question_id, kind, text, saved_at)
        SELECT q.id, CASE WHEN q.answered THEN 'submit' ELSE 'draft' END, q.user_answer,
               COALESCE(q.answered_at, CURRENT_TIMESTAMP)
        FROM questions q
        WHERE q.user_answer IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM answer_revisions r WHERE r.question_id = q.id)
        """
    )
    with op.batch_alter_table("questions") as questions:
        questions.drop_column("user_answer")
        questions.drop_column("answered")
        questions.drop_column("answered_at")
    op.drop_index("ix_answer_revisions_question_id", "answer_revisions")
    op.create_index(
        "ix_answer_revisions_question_latest", "answer_revisions", ["question_id", "id"]
    )


def downgrade() -> None:
    op.drop_index("ix_answer_revisions_question_latest", "answer_revisions")
    op.create_index("ix_answer_revisions_question_id", "answer_revisions", ["question_id"])
    with op.batch_alter_table("questions") as questions:
        questions.add_column(sa.Column("user_answer", sa.Text))
        questions.add_column(
            sa.Column("answered", sa.Boolean, nullable=False, server_default=sa.false())
        )
        questions.add_column(sa.Column("answered_at", sa.DateTime(timezone=True)))
    op.execute(
        """
        UPDATE questions SET
          user_answer = (SELECT NULLIF(r.text, '') FROM answer_revisions r
                         WHERE r.question_id = questions.id ORDER BY r.id DESC LIMIT 1),
          answered = EXISTS (SELECT 1 FROM answer_revisions r
                             WHERE r.question_id = questions.id AND r.kind = 'submit'),
          answered_at = (SELECT MIN(r.saved_at) FROM answer_revisions r
                         WHERE r.question_id = questions.id AND r.kind = 'submit')
        """
    )
