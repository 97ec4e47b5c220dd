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
    # Who wrote the main questions: "model", "bank", or "bank-fallback" when the model was asked
    # and failed (null on sessions older than migration 0004: the bank).
    Column("question_source", String(16)),
    # Who may list the session: a digest of the candidate's browser token or of their sign-in
    # (sessions.owners); null on sessions older than migration 0005, which only coaches list.
    Column("owner", String(64), index=True),
    Column("is_sample", Boolean, nullable=False, default=False),
    # A session from a coach's question set: which set and version its questions were copied
    # from (the name too, so a report still says it once the set is deleted), and the minutes
    # per question the assignment suggests.
    Column("question_set_id", Integer, ForeignKey("question_sets.id", ondelete="SET NULL")),
    Column("question_set_name", String(200)),
    Column("question_set_version", Integer),
    Column("time_limit_minutes", Integer),
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
    # Who wrote the summary (source, model, versions, tokens): kept beside the body, which is
    # exactly API.md's Report.
    Column("summary_provenance", JSON),
    # Figures of the final report (a coach's overrides applied), kept for the coach dashboard:
    # the AI's overall score, each dimension's final mean, and how many integrity flags.
    Column("ai_overall_score", Integer),
    Column("dimension_scores", JSON),
    Column("flag_count", Integer),
)

# A report a re-grade replaced, as it was (the evaluator's body), and who re-graded: a coach's
# re-grade keeps both versions, the new one in reports and every earlier one here.
report_versions = Table(
    "report_versions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("session_id", String(64), ForeignKey("sessions.id", ondelete="CASCADE"), nullable=False),
    Column("body", JSON, nullable=False),
    Column("generated_at", DateTime(timezone=True), nullable=False),
    Column("replaced_at", DateTime(timezone=True), nullable=False),
    Column("replaced_by", String(200)),
    Index("ix_report_versions_session_id", "session_id"),
)

# One evaluation of one answer text. A model is slow, so answers are evaluated as they are
# submitted and the report reuses the evaluation of the text it finds. The table is also the
# queue: pending rows wait, a running row belongs to the claimant whose lease has not run out
# (see interview/sessions/evaluations.py), done rows hold the result.
evaluations = Table(
    "evaluations",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("session_id", String(64), ForeignKey("sessions.id", ondelete="CASCADE"), nullable=False),
    Column("question_id", Integer, ForeignKey("questions.id", ondelete="CASCADE"), nullable=False),
    Column("answer_digest", String(64), nullable=False),  # SHA-256 of the answer text evaluated
    Column("status", String(16), nullable=False),  # pending | running | done
    Column("claimed_by", String(100)),
    Column("lease_expires_ms", BigInteger),
    Column("attempts", Integer, nullable=False),
    Column("evaluator", String(100)),  # the interviewer's name and version
    Column("source", String(32)),  # builtin | language-model | builtin-fallback
    Column("model", String(200)),
    Column("prompt_version", String(64)),
    Column("rubric_version", String(32)),
    Column("fallback_reason", Text),
    Column("result", JSON),  # {dimensions: [{dimension, score, evidence}], feedback, flags, cap}
    Column("calls", Integer, nullable=False),
    Column("prompt_tokens", Integer, nullable=False),
    Column("completion_tokens", Integer, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("evaluated_at", DateTime(timezone=True)),
    Index("ix_evaluations_session_id", "session_id"),
    Index("ix_evaluations_question_answer", "question_id", "answer_digest"),
    Index("ix_evaluations_status", "status"),
)

# Model calls made for a session other than evaluations: tailored questions, follow-up
# decisions, summaries. With the evaluations' own counts, what a session cost.
model_usage = Table(
    "model_usage",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("session_id", String(64), ForeignKey("sessions.id", ondelete="CASCADE"), nullable=False),
    Column("purpose", String(32), nullable=False),  # questions | follow-up | summary
    Column("calls", Integer, nullable=False),
    Column("prompt_tokens", Integer, nullable=False),
    Column("completion_tokens", Integer, nullable=False),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
    Index("ix_model_usage_session_id", "session_id"),
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

# Sessions whose submit the full window refused, oldest first: a free slot goes to them in turn
# (ratelimit.py), so a flood from a few clients cannot starve a candidate retrying now and then.
submit_queue = Table(
    "submit_queue",
    metadata,
    Column("session_id", String(64), primary_key=True),
    Column("since_ms", BigInteger, nullable=False),  # first refused
    Column("seen_ms", BigInteger, nullable=False),  # last refused: a queue entry goes stale
)

# --- coaches ----------------------------------------------------------------------------------

# A coach's comment on one answer (question_id) or on the whole session (question_id null).
coach_comments = Table(
    "coach_comments",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("session_id", String(64), ForeignKey("sessions.id", ondelete="CASCADE"), nullable=False),
    Column("question_id", Integer, ForeignKey("questions.id", ondelete="CASCADE")),
    Column("author", String(200), nullable=False),
    Column("body", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Index("ix_coach_comments_session_id", "session_id"),
)

# Every change a coach made to a dimension score, oldest first; the latest per question and
# dimension is in force. ai_score is what the evaluator gave, old_score what was in force before.
score_overrides = Table(
    "score_overrides",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("session_id", String(64), ForeignKey("sessions.id", ondelete="CASCADE"), nullable=False),
    Column("question_id", Integer, ForeignKey("questions.id", ondelete="CASCADE"), nullable=False),
    Column("dimension", String(32), nullable=False),
    Column("ai_score", Integer, nullable=False),
    Column("old_score", Integer, nullable=False),
    Column("new_score", Integer, nullable=False),
    Column("reason", Text, nullable=False),
    Column("author", String(200), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Index("ix_score_overrides_session_id", "session_id"),
)

# What every coach did, and when (sign-ins, views, comments, overrides, re-grades, deletions,
# exports). No foreign key: the record outlives a deleted session.
coach_actions = Table(
    "coach_actions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("actor", String(200), nullable=False),
    Column("action", String(32), nullable=False),
    Column("session_id", String(64)),
    Column("detail", JSON, nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Index("ix_coach_actions_at", "at"),
)

# Coach accounts: each coach's own name and the argon2 hash of their password, never the password.
# name_key is the name casefolded: "Ada" and "ada" are one account.
coach_accounts = Table(
    "coach_accounts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(100), nullable=False),
    Column("name_key", String(100), nullable=False, unique=True),
    Column("password_hash", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("created_by", String(200), nullable=False),
)

# Signed-in coaches: a digest of the token their browser keeps. Each use moves expires_at on (an
# idle sign-in ends), never past started_at plus the longest a sign-in lasts; signing out, or the
# account's removal, deletes it. account_id is null for a sign-in through the app's OIDC provider.
coach_sign_ins = Table(
    "coach_sign_ins",
    metadata,
    Column("token_digest", String(64), primary_key=True),
    Column("coach", String(200), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    Column("account_id", Integer),
    Column("started_at", DateTime(timezone=True)),
)

# Coaches' tokens for the HTTP API's coach endpoints: only a digest of each (the token is shown
# once, when it is made), who made it, and when it was last used or revoked.
api_tokens = Table(
    "api_tokens",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("token_digest", String(64), nullable=False, unique=True),
    Column("name", String(100), nullable=False),
    Column("coach", String(200), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("last_used_at", DateTime(timezone=True)),
    Column("revoked_at", DateTime(timezone=True)),
    Column("revoked_by", String(200)),
)

# Password attempts not (yet) known to be right, shared by every process: each is written before its
# password is checked, and deleted once it proved right. `client` is where it came from (an address,
# or a browser), `account` the name typed, casefolded.
sign_in_attempts = Table(
    "sign_in_attempts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at_ms", BigInteger, nullable=False),
    Column("client", String(200), nullable=False),
    Column("account", String(100), nullable=False),
    Index("ix_sign_in_attempts_client", "client", "at_ms"),
    Index("ix_sign_in_attempts_account", "account", "at_ms"),
)

# --- question sets and assignments --------------------------------------------------------------

# A coach's question set; every save makes a new version (a session keeps the version it asked).
question_sets = Table(
    "question_sets",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(200), nullable=False),
    Column("language", String(8), nullable=False),
    Column("version", Integer, nullable=False),
    Column("created_by", String(200), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_by", String(200), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

question_set_items = Table(
    "question_set_items",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("set_id", Integer, ForeignKey("question_sets.id", ondelete="CASCADE"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("category", String(100), nullable=False),
    Column("difficulty", String(16)),
    Column("kind", String(16), nullable=False),  # behavioural | conceptual | design | coding
    Column("key_points", JSON, nullable=False),
    Column("reference_answer", Text),
    Index("ix_question_set_items_set_position", "set_id", "position"),
)

# A set sent to named candidates, each with a link of their own, with optional due date.
assignments = Table(
    "assignments",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("set_id", Integer, ForeignKey("question_sets.id", ondelete="CASCADE"), nullable=False),
    Column("title", String(200), nullable=False),
    Column("due_at", DateTime(timezone=True)),
    # {questionCount: int | null (all), order: "set" | "shuffled", followUps: 0-2,
    #  timeLimitMinutes: int | null, language: "en" | "zh"}
    Column("settings", JSON, nullable=False),
    Column("created_by", String(200), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

assignment_candidates = Table(
    "assignment_candidates",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column(
        "assignment_id",
        Integer,
        ForeignKey("assignments.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("name", String(100), nullable=False),
    Column("token", String(64), nullable=False, unique=True),  # the link's unguessable part
    Column("opened_at", DateTime(timezone=True)),
    Column("session_id", String(64), ForeignKey("sessions.id", ondelete="SET NULL")),
)
