"""What coaches do, as ``InterviewAPI.coach``: sign in, the cohort, a session's review, comments,
score overrides, calibration and the record of their actions (none of it in API.md).

Like the rest of the Python API this is trusted code: it checks no identity. A page (or the HTTP
server) decides who is a coach, in one place, and passes the coach's name as ``by``; every
change is recorded under that name.
"""

import math
import os
from dataclasses import dataclass

from interview.api.envelopes import envelope
from interview.coaching import (
    access,
    api_tokens,
    assignments,
    audit,
    calibration,
    dashboard,
    notes,
    question_sets,
    set_files,
)
from interview.errors import InterviewError
from interview.sessions import report, validation
from interview.sessions.evaluations import EvaluationWorker
from interview.storage.database import Database


@dataclass(frozen=True)
class CoachSettings:
    """How coaches sign in besides their accounts: an argon2 hash that is the first account's
    password, and/or the e-mails of coaches who sign in through the app's OIDC provider
    (comma-separated)."""

    password_hash: str | None = None
    emails: str | None = None

    @classmethod
    def from_environment(cls) -> "CoachSettings":
        return cls(
            password_hash=os.environ.get("COACH_PASSWORD_HASH", "").strip() or None,
            emails=os.environ.get("COACH_EMAILS", "").strip() or None,
        )


class CoachAPI:
    def __init__(
        self, db: Database, evaluations: EvaluationWorker, tracks: dict, settings: CoachSettings
    ):
        self.db = db
        self.evaluations = evaluations
        self.tracks = tracks
        self.settings = settings

    # --- who is a coach ---------------------------------------------------------------------

    @envelope
    def ensure_password(self, oidc_coaches: bool = False) -> dict:
        """On a first start with no coach configured: {"password": new one}, else None in it.

        The caller prints it once; only its hash is kept."""
        if oidc_coaches and not self.settings.password_hash:
            return {"password": None}
        return {"password": access.ensure_password(self.db, self.settings.password_hash)}

    @envelope
    def reset_password(self, name=None) -> dict:
        """{"name", "password"}: a new random password for an account (the first account when
        no name is given, made if missing); that coach's sign-ins end."""
        if self.settings.password_hash and access.name_key(name) == access.FIRST_ACCOUNT:
            raise InterviewError(409, "The password is configured (COACH_PASSWORD_HASH)")
        made = access.reset_password(self.db, name)
        audit.record(self.db, "console", "password", detail="reset", account=made["name"])
        return {"name": made["name"], "password": made["password"]}

    @envelope
    def sign_in(self, password=None, coach_name=None, client=None) -> dict:
        """{"coach", "token"} for an account's right password (no name: the first account);
        401 Wrong name or password; 429 while this client must wait.

        `client` says where the attempt came from (access.client_of): attempts are counted per
        client and per account, never for the whole install."""
        signed_in = access.sign_in_with_password(
            self.db, password, coach_name, self.settings.password_hash, client
        )
        return {"coach": signed_in.coach, "token": signed_in.token}

    @staticmethod
    def client_of(peer=None, forwarded_for=None, browser=None) -> str:
        """Whose attempts a sign-in counts against (access.client_of): the address the
        documented proxy passed, else the peer's, else the browser's token."""
        return access.client_of(peer, forwarded_for, browser)

    # --- coach accounts -----------------------------------------------------------------------

    @envelope
    def coaches(self) -> list[dict]:
        """Every coach account, oldest first: id, name, createdAt, createdBy, configured."""
        return access.accounts(self.db, self.settings.password_hash)

    @envelope
    def add_coach(self, name=None, by=None) -> dict:
        """{"id", "name", "password"}: a new account whose random password is shown only now."""
        return access.add_account(self.db, name, _coach(by))

    @envelope
    def remove_coach(self, account_id=None, by=None) -> dict:
        """Remove an account: its sign-ins end and its API tokens are revoked at once."""
        return access.remove_account(self.db, account_id, _coach(by))

    @envelope
    def change_password(self, current=None, new=None, by=None) -> None:
        """The signed-in coach `by` replaces their password with one they chose."""
        access.change_password(self.db, _coach(by), current, new)

    def is_coach_email(self, email: object) -> bool:
        """Whether an e-mail the OIDC provider vouched for is a configured coach's."""
        return access.is_coach_email(email, self.settings.emails)

    @envelope
    def sign_in_verified(self, coach=None) -> dict:
        """{"coach", "token"} for a coach the page has verified (a listed OIDC sign-in)."""
        if not isinstance(coach, str) or not coach.strip():
            raise InterviewError(400, "coach is required")
        name = validation.clean_text(coach).strip()[:200]
        signed_in = access.start_sign_in(self.db, name, via="oidc")
        return {"coach": signed_in.coach, "token": signed_in.token}

    @envelope
    def coach_for_token(self, token=None) -> dict:
        """{"coach": name} for a valid sign-in token; 401 otherwise."""
        coach = access.coach_for_token(self.db, token)
        if coach is None:
            raise InterviewError(401, "Not signed in")
        return {"coach": coach}

    @envelope
    def sign_out(self, token=None) -> None:
        access.sign_out(self.db, token)

    # --- tokens for the HTTP API ------------------------------------------------------------

    @envelope
    def create_api_token(self, name=None, by=None) -> dict:
        """{"id", "name", "coach", "token"}: a token for the HTTP API's coach endpoints, shown
        only now (the database keeps its digest)."""
        return api_tokens.create_token(self.db, name, _coach(by))

    @envelope
    def api_tokens(self) -> list[dict]:
        """Every token, newest first: name, coach, createdAt, lastUsedAt, revokedAt, revokedBy."""
        return api_tokens.tokens(self.db)

    @envelope
    def revoke_api_token(self, token_id=None, by=None) -> None:
        api_tokens.revoke_token(self.db, token_id, _coach(by))

    @envelope
    def api_token_holder(self, token=None) -> dict:
        """{"coach", "name", "by"} for a live token (`by`: whom the record names for what it
        does); 401 otherwise."""
        holder = api_tokens.holder_of(self.db, token)
        if holder is None:
            raise InterviewError(401, "Invalid API token")
        return {"coach": holder.coach, "name": holder.name, "by": holder.by}

    @envelope
    def record_read(self, what=None, by=None, **detail) -> None:
        """Record that `by` read `what` through the HTTP API (the pages' reads are not)."""
        coach = _coach(by)
        audit.record(self.db, coach, "api_read", what=_text(what, "what"), **_details(detail))

    # --- the cohort -------------------------------------------------------------------------

    @envelope
    def sessions(self, filters: dict | None = None, page: int = 0, page_size: int = 50) -> dict:
        """{"total", "rows"}: one page of every session, newest first, filtered."""
        return dashboard.session_page(self.db, filters or {}, page, page_size)

    @envelope
    def cohort(self, filters: dict | None = None) -> dict:
        """Headline figures, final scores, candidates x dimensions, and each one's trend."""
        return dashboard.cohort(self.db, filters or {})

    @envelope
    def export(self, filters: dict | None = None, by: str | None = None) -> list[dict]:
        """Every session the filters match, for a CSV; recorded as `by`'s export."""
        rows = dashboard.all_sessions(self.db, filters or {})
        audit.record(self.db, _coach(by), "export", rows=len(rows))
        return rows

    @envelope
    def calibration(self, since=None) -> dict:
        """The evaluator against the coaches' overrides: per dimension, by month, the worst."""
        return calibration.calibration(self.db, since)

    @envelope
    def history(self, page: int = 0, page_size: int = 50) -> dict:
        """{"total", "actions"}: what coaches did, newest first."""
        return audit.history(self.db, page, page_size)

    # --- question sets ------------------------------------------------------------------------

    @envelope
    def sets(self) -> list[dict]:
        """Every coach's question set, most recently changed first (the banks: list_roles)."""
        return question_sets.list_sets(self.db)

    @envelope
    def question_set(self, set_id=None) -> dict:
        """One set with its questions (fields as in set files: text, category, difficulty, type,
        key_points, reference_answer)."""
        return question_sets.get_set(self.db, set_id)

    @envelope
    def create_set(self, name=None, language=None, questions=None, by=None) -> dict:
        return question_sets.create_set(self.db, name, language, questions, _coach(by))

    @envelope
    def update_set(self, set_id=None, name=None, language=None, questions=None, by=None) -> dict:
        """Save a new version of a set; sessions it made keep theirs."""
        return question_sets.update_set(self.db, set_id, name, language, questions, _coach(by))

    @envelope
    def duplicate_set(self, set_id=None, by=None) -> dict:
        return question_sets.duplicate_set(self.db, set_id, _coach(by))

    @envelope
    def copy_bank(self, role=None, by=None) -> dict:
        """A built-in bank (read-only) copied into a set the coach can edit."""
        if not isinstance(role, str) or role not in self.tracks:
            raise InterviewError(404, "Question bank not found")
        return question_sets.copy_bank(self.db, self.tracks[role], _coach(by))

    @envelope
    def delete_set(self, set_id=None, by=None) -> None:
        question_sets.delete_set(self.db, set_id, _coach(by))

    @envelope
    def check_set_file(self, filename=None, content=None) -> dict:
        """What a set file holds: {"name", "language", "questions", "problems": [{row, column,
        message}]}. Problems mean the file would import nothing."""
        return _parsed(_read(filename, content))

    @envelope
    def check_set(self, questions=None) -> dict:
        """{"problems": [{row, column, message}]} of questions as create_set takes them."""
        if not isinstance(questions, list) or not all(isinstance(q, dict) for q in questions):
            raise InterviewError(400, "questions must be a list of questions")
        raw = [{k: v for k, v in q.items() if k != "id"} for q in questions]
        _, problems = set_files.check_questions(raw)
        return {"problems": [problem.as_dict() for problem in problems]}

    @envelope
    def example_set_file(self, file_format=None) -> dict:
        """{"filename", "content"}: a small example set in CSV, JSON or YAML."""
        if file_format not in set_files.FORMATS:
            raise InterviewError(400, "format must be csv, json or yaml")
        content = set_files.example_file(file_format)
        return {"filename": f"question-set-example.{file_format}", "content": content}

    @envelope
    def import_set(self, filename=None, content=None, name=None, language=None, by=None) -> dict:
        """A new set from a file; 400 listing the first problem if it has any (check first)."""
        parsed = _read(filename, content)
        if parsed.problems:
            raise question_sets.SetProblems(parsed.problems)
        # A CSV file carries questions only: the name given, else the file's; the language given,
        # else the questions'.
        name = parsed.name or name or filename.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        language = parsed.language or language or set_files.language_of(parsed.questions)
        return question_sets.create_set(self.db, name, language, parsed.questions, _coach(by))

    @envelope
    def export_set(self, set_id=None, file_format=None) -> dict:
        """{"filename", "content"}: a set as a CSV, JSON or YAML file."""
        if file_format not in set_files.FORMATS:
            raise InterviewError(400, "format must be csv, json or yaml")
        found = question_sets.get_set(self.db, set_id)
        content = set_files.write_set_file(
            file_format, found["name"], found["language"], found["questions"]
        )
        return {"filename": f"question-set-{found['id']}.{file_format}", "content": content}

    # --- assignments ------------------------------------------------------------------------

    @envelope
    def assign(self, set_id=None, title=None, candidates=None, due=None, settings=None, by=None):
        """Send a set to named candidates: {"id", "title", "links": [{candidateName, token}]}.

        settings: questionCount (int or None: all), order ("set" | "shuffled"), followUps (0-2),
        timeLimitMinutes (2, 3, 5, 10 or None), language ("en" | "zh" | None)."""
        return assignments.create_assignment(
            self.db, set_id, title, candidates, due, settings, _coach(by)
        )

    @envelope
    def assignments(self) -> list[dict]:
        """Every assignment with each candidate's state, score and whether they are overdue."""
        return assignments.assignments(self.db)

    @envelope
    def delete_assignment(self, assignment_id=None, by=None) -> None:
        assignments.delete_assignment(self.db, assignment_id, _coach(by))

    # --- one session --------------------------------------------------------------------------

    @envelope
    def record_view(self, session_id=None, by: str | None = None) -> None:
        session_id = validation.check_session_id(session_id)
        audit.record(self.db, _coach(by), "view", session_id)

    @envelope
    def report_versions(self, session_id=None) -> list[dict]:
        """Every version of a session's report, oldest first (a re-grade keeps the one it
        replaced): version, overallScore, generatedAt, replacedAt, replacedBy, report."""
        session_id = validation.check_session_id(session_id)
        return report.report_versions(self.db, session_id)

    @envelope
    def add_comment(self, session_id=None, question_index=None, body=None, by=None) -> dict:
        """Comment on an answer (question_index) or the session (None); the final report."""
        session_id = validation.check_session_id(session_id)
        return notes.add_comment(
            self.db, self.evaluations, session_id, question_index, body, _coach(by)
        )

    @envelope
    def override_score(
        self, session_id=None, question_index=None, dimension=None, score=None, reason=None, by=None
    ) -> dict:
        """Set one dimension score of an answered question, with a reason; the final report."""
        session_id = validation.check_session_id(session_id)
        return notes.override_score(
            self.db,
            self.evaluations,
            session_id,
            question_index,
            dimension,
            score,
            reason,
            _coach(by),
        )


def _coach(by: object) -> str:
    return _text(by, "by (the coach)")


def _text(value: object, name: str) -> str:
    """A short label for the record: text that is not blank once control characters go."""
    cleaned = validation.clean_text(value).strip() if isinstance(value, str) else ""
    if not cleaned:
        raise InterviewError(400, f"{name} is required")
    return cleaned[:200]


def _details(detail: dict) -> dict:
    """What a read names besides its kind (a session id, a page, the filters it used): text,
    numbers, or one level of them keyed by text."""
    return {key: _detail(value, key, nested=True) for key, value in detail.items()}


def _detail(value: object, key: str, *, nested: bool = False) -> object:
    if isinstance(value, str):
        return validation.clean_text(value)[:500]
    if value is None or (isinstance(value, int | float) and math.isfinite(value)):
        return value
    if nested and isinstance(value, dict) and all(isinstance(name, str) for name in value):
        return {
            validation.clean_text(name)[:100]: _detail(item, key) for name, item in value.items()
        }
    raise InterviewError(400, f"{key} must be text or a number")


def _read(filename: object, content: object) -> set_files.ParsedSet:
    if not isinstance(filename, str) or not isinstance(content, bytes | bytearray):
        raise InterviewError(400, "a file name and its content are required")
    return set_files.read_set_file(filename, bytes(content))


def _parsed(parsed: set_files.ParsedSet) -> dict:
    return {
        "name": parsed.name,
        "language": parsed.language,
        "questions": parsed.questions,
        "problems": [problem.as_dict() for problem in parsed.problems],
    }
