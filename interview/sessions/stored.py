"""Stored rows as the use cases need them: a question's spec, an asked question, a key."""

from sqlalchemy import Connection, Row

from interview.interviewers.base import AskedQuestion
from interview.questions.spec import QuestionSpec
from interview.storage import store


def candidate_key(name: str) -> str:
    """The same candidate whatever the spacing or case they type their name in."""
    return " ".join(name.split()).casefold()


def spec_of(row: Row) -> QuestionSpec:
    """A stored question as the interviewer sees its text, key points and reference."""
    return QuestionSpec(
        text=row.text,
        category=row.category,
        type=row.type,
        difficulty=row.difficulty,
        key_points=tuple(row.key_points or ()),
        reference_answer=row.reference_answer,
        bank_id=row.bank_id,
    )


def question_row(spec: QuestionSpec, position: int, parent_id: int | None = None) -> dict:
    """The columns of a new question; a follow-up (position < 0) gets its place on insert."""
    row = {
        "text": spec.text,
        "category": spec.category,
        "type": spec.type,
        "difficulty": spec.difficulty,
        "is_follow_up": parent_id is not None,
        "parent_id": parent_id,
        "key_points": list(spec.key_points),
        "reference_answer": spec.reference_answer,
        "bank_id": spec.bank_id,
    }
    return row if position < 0 else {**row, "position": position}


def asked_question(conn: Connection, row: Row) -> AskedQuestion:
    """A stored question as the interviewer sees it (a follow-up with its main question)."""
    if not row.is_follow_up:
        return AskedQuestion(row.position, spec_of(row))
    main = store.question_by_id(conn, row.parent_id)
    parent = AskedQuestion(main.position, spec_of(main))
    return AskedQuestion(row.position, spec_of(row), is_follow_up=True, parent=parent)
