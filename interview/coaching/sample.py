"""A finished sample interview for a visitor who wants to see what Rehearse does, in one click.

The sample's questions come from a bank (so they have reference answers), its answers of mixed
quality, one follow-up and a coach's comments and override from data/samples/<language>.json.
It is scored by the built-in interviewer (instant, and the same for every visitor, whatever
model is configured), owned by the visitor who asked for it and marked as a sample: Progress
lists it, coaches see it flagged, and the dashboard's figures and calibration leave it out.
The answers are saved minutes apart, so the review shows revisions and time per question.
"""

import json
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from pathlib import Path

from interview.errors import InterviewError
from interview.interviewers.builtin.interviewer import BuiltinInterviewer
from interview.questions.banks import Track
from interview.questions.spec import QuestionSpec
from interview.sessions import report
from interview.sessions.evaluations import EvaluationWorker
from interview.sessions.stored import candidate_key, question_row
from interview.storage import coach_store, report_store, store
from interview.storage.database import Database, utcnow

SAMPLES_DIR = Path(__file__).resolve().parents[2] / "data" / "samples"
LANGUAGES = ("en", "zh")


@dataclass(frozen=True)
class _Placed:
    """A sample question's row id and position once stored."""

    id: int
    position: int


@cache
def sample_script(language: str) -> dict:
    """The sample's questions, answers and coach notes in one language (checked on load)."""
    path = SAMPLES_DIR / f"{language}.json"
    script = json.loads(path.read_text(encoding="utf-8"))
    for field in ("role", "candidateName", "coach", "questions", "sessionComment", "override"):
        if field not in script:
            raise ValueError(f"{path.name}: the sample has no {field!r}")
    return script


def create_sample(db: Database, tracks: dict[str, Track], language: str, owner: str | None) -> str:
    """Store a finished, scored and reviewed sample; its session id."""
    if language not in LANGUAGES:
        raise InterviewError(400, f"language must be one of: {', '.join(LANGUAGES)}")
    script = sample_script(language)
    track = tracks[script["role"]]
    by_id = {spec.bank_id: spec for spec in track.questions}
    specs = [_bank_question(by_id, item["bankId"], language) for item in script["questions"]]
    session_id = secrets.token_urlsafe(24)
    minutes = sum(_minutes(item) for item in script["questions"])
    started = utcnow() - timedelta(minutes=minutes + 1)
    with db.transaction() as conn:
        placed = _store_questions(conn, session_id, script, specs, started, owner)
        _store_answers(conn, session_id, script, placed, started)
    worker = EvaluationWorker(db, BuiltinInterviewer(), background=False)
    report.generate_report(db, worker, session_id)
    with db.transaction() as conn:
        _store_coach_notes(conn, session_id, script, placed)
        report.refresh_final_figures(conn, session_id)
    return session_id


def _bank_question(by_id: dict[str, QuestionSpec], bank_id: str, language: str) -> QuestionSpec:
    if bank_id not in by_id:
        raise ValueError(f"samples/{language}.json: no bank question {bank_id!r}")
    return by_id[bank_id]


def _minutes(item: dict) -> int:
    return item["minutes"] + (item["followUp"]["minutes"] if "followUp" in item else 0)


def _store_questions(
    conn, session_id: str, script: dict, specs: list[QuestionSpec], started: datetime, owner
) -> list[tuple[_Placed, _Placed | None]]:
    """The session and its questions (each follow-up right after its main question)."""
    follow_ups = sum("followUp" in item for item in script["questions"])
    total = len(specs) + follow_ups
    session = {
        "id": session_id,
        "request_id": None,
        "candidate_name": script["candidateName"],
        "candidate_key": candidate_key(script["candidateName"]),
        "role": script["role"],
        "difficulty": None,
        "status": "COMPLETED",
        "current_index": total,
        "total_questions": total,
        "main_question_count": len(specs),
        "follow_up_count": 1,
        "job_description": None,
        "resume_text": None,
        "created_at": started,
        "completed_at": utcnow(),
        "question_source": "bank",
        "owner": owner,
        "is_sample": True,
    }
    rows = [question_row(spec, position=i) for i, spec in enumerate(specs)]
    store.insert_session(conn, session, rows)
    placed, shift = [], 0
    for index, (item, spec) in enumerate(zip(script["questions"], specs, strict=True)):
        main = store.question_row(conn, session_id, index + shift)
        follow_up = None
        if "followUp" in item:
            text = item["followUp"]["question"]
            spec_of_follow_up = QuestionSpec(text, spec.category, spec.type, spec.difficulty)
            row = question_row(spec_of_follow_up, -1, main.id)
            store.insert_follow_up(conn, session_id, main.position, row)
            shift += 1
            added = store.question_row(conn, session_id, main.position + 1)
            follow_up = _Placed(added.id, added.position)
        placed.append((_Placed(main.id, main.position), follow_up))
    return placed


def _store_answers(conn, session_id: str, script: dict, placed: list, started: datetime) -> None:
    """Each answer saved as the candidate would have: a draft a minute before the submit."""
    clock = started
    for item, (main, follow_up) in zip(script["questions"], placed, strict=True):
        clock += timedelta(minutes=item["minutes"])
        if item.get("draft"):
            store.save_answer_text(
                conn, main.id, item["draft"], "draft", clock - timedelta(minutes=1)
            )
        store.save_answer_text(conn, main.id, item["answer"], "submit", clock)
        if follow_up is not None:
            clock += timedelta(minutes=item["followUp"]["minutes"])
            store.save_answer_text(conn, follow_up.id, item["followUp"]["answer"], "submit", clock)


def _store_coach_notes(conn, session_id: str, script: dict, placed: list) -> None:
    """The sample coach's comments and override (a sample's are not coaches' actions)."""
    coach = script["coach"]
    coach_store.add_comment(conn, session_id, None, coach, script["sessionComment"])
    for note in script.get("comments", []):
        main, _ = placed[note["question"]]
        coach_store.add_comment(conn, session_id, main.id, coach, note["body"])
    change = script["override"]
    main, _ = placed[change["question"]]
    body = report_store.report_body(conn, session_id)
    detail = next(d for d in body["questionDetails"] if d["questionIndex"] == main.position)
    ai_score = {d["dimension"]: d["score"] for d in detail["dimensions"]}[change["dimension"]]
    coach_store.add_override(
        conn,
        {
            "session_id": session_id,
            "question_id": main.id,
            "dimension": change["dimension"],
            "ai_score": ai_score,
            "old_score": ai_score,
            "new_score": change["score"],
            "reason": change["reason"],
            "author": coach,
        },
    )
