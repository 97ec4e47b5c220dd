"""The store's queries for question sets and assignments.

Like store.py, every function takes a connection inside a transaction the caller opened.
"""

from datetime import datetime

from sqlalchemy import Connection, Row, delete, func, insert, select, update

from interview.storage.database import utcnow
from interview.storage.schema import (
    assignment_candidates,
    assignments,
    question_set_items,
    question_sets,
    questions,
    reports,
    sessions,
)

# --- sets ---------------------------------------------------------------------------------------


def insert_set(conn: Connection, name: str, language: str, author: str, items: list[dict]) -> int:
    now = utcnow()
    set_id = conn.execute(
        insert(question_sets)
        .values(
            name=name,
            language=language,
            version=1,
            created_by=author,
            created_at=now,
            updated_by=author,
            updated_at=now,
        )
        .returning(question_sets.c.id)
    ).scalar_one()
    _insert_items(conn, set_id, items)
    return set_id


def replace_set(
    conn: Connection, set_id: int, name: str, language: str, author: str, items: list[dict]
) -> bool:
    """A new version: the name, language and questions replaced; False if there is no such set."""
    changed = conn.execute(
        update(question_sets)
        .where(question_sets.c.id == set_id)
        .values(
            name=name,
            language=language,
            version=question_sets.c.version + 1,
            updated_by=author,
            updated_at=utcnow(),
        )
    ).rowcount
    if not changed:
        return False
    conn.execute(delete(question_set_items).where(question_set_items.c.set_id == set_id))
    _insert_items(conn, set_id, items)
    return True


def _insert_items(conn: Connection, set_id: int, items: list[dict]) -> None:
    """Items as set files name their fields: a question's "type" is the column kind."""
    if items:
        rows = [
            {**{k: v for k, v in item.items() if k != "type"}, "kind": item["type"]}
            | {"set_id": set_id, "position": i}
            for i, item in enumerate(items)
        ]
        conn.execute(insert(question_set_items), rows)


def delete_set(conn: Connection, set_id: int) -> bool:
    return conn.execute(delete(question_sets).where(question_sets.c.id == set_id)).rowcount == 1


def set_row(conn: Connection, set_id: int) -> Row | None:
    return conn.execute(select(question_sets).where(question_sets.c.id == set_id)).one_or_none()


def set_items(conn: Connection, set_id: int) -> list[Row]:
    query = (
        select(question_set_items)
        .where(question_set_items.c.set_id == set_id)
        .order_by(question_set_items.c.position)
    )
    return list(conn.execute(query))


def item_rows(conn: Connection, item_ids: list[int]) -> dict[int, Row]:
    if not item_ids:
        return {}
    query = select(question_set_items).where(question_set_items.c.id.in_(item_ids))
    return {row.id: row for row in conn.execute(query)}


def set_rows(conn: Connection) -> list[Row]:
    """Every set, most recently changed first, with how many questions it holds."""
    count = (
        select(func.count())
        .where(question_set_items.c.set_id == question_sets.c.id)
        .scalar_subquery()
        .label("question_count")
    )
    query = select(question_sets, count).order_by(
        question_sets.c.updated_at.desc(), question_sets.c.id.desc()
    )
    return list(conn.execute(query))


def refresh_from_question_set(conn: Connection, session_id: str) -> None:
    """A session from a question set takes the set's current reference answers and key points
    (for a re-grade): each question asked is matched to the set's question of the same text, so
    one the coach rewrote or removed keeps its own. The set's current version is noted."""
    session = conn.execute(select(sessions).where(sessions.c.id == session_id)).one_or_none()
    if session is None or session.question_set_id is None:
        return
    current = {
        _same_text(item.text): item
        for item in conn.execute(
            select(question_set_items).where(question_set_items.c.set_id == session.question_set_id)
        )
    }
    if not current:
        return  # the set was deleted: the session keeps what it was asked with
    asked = conn.execute(
        select(questions.c.id, questions.c.text).where(
            questions.c.session_id == session_id, questions.c.is_follow_up.is_(False)
        )
    ).all()
    for question in asked:
        item = current.get(_same_text(question.text))
        if item is not None:
            conn.execute(
                update(questions)
                .where(questions.c.id == question.id)
                .values(key_points=item.key_points, reference_answer=item.reference_answer)
            )
    version = conn.execute(
        select(question_sets.c.version).where(question_sets.c.id == session.question_set_id)
    ).scalar_one()
    conn.execute(
        update(sessions).where(sessions.c.id == session_id).values(question_set_version=version)
    )


def _same_text(text: str) -> str:
    return " ".join(text.split()).casefold()


# --- assignments ----------------------------------------------------------------------------------


def insert_assignment(
    conn: Connection,
    set_id: int,
    title: str,
    due_at: datetime | None,
    settings: dict,
    author: str,
    candidates: list[tuple[str, str]],
) -> int:
    """The assignment and each (name, token) candidate; its id."""
    assignment_id = conn.execute(
        insert(assignments)
        .values(
            set_id=set_id,
            title=title,
            due_at=due_at,
            settings=settings,
            created_by=author,
            created_at=utcnow(),
        )
        .returning(assignments.c.id)
    ).scalar_one()
    conn.execute(
        insert(assignment_candidates),
        [
            {"assignment_id": assignment_id, "name": name, "token": token}
            for name, token in candidates
        ],
    )
    return assignment_id


def delete_assignment(conn: Connection, assignment_id: int) -> bool:
    query = delete(assignments).where(assignments.c.id == assignment_id)
    return conn.execute(query).rowcount == 1


def invitation(conn: Connection, token: str) -> Row | None:
    """A candidate's link: who, which assignment and set, and their session if they started."""
    query = (
        select(
            assignment_candidates.c.id.label("candidate_id"),
            assignment_candidates.c.name,
            assignment_candidates.c.opened_at,
            assignment_candidates.c.session_id,
            assignments.c.id.label("assignment_id"),
            assignments.c.title,
            assignments.c.due_at,
            assignments.c.settings,
            assignments.c.set_id,
            question_sets.c.name.label("set_name"),
            question_sets.c.language,
        )
        .join(assignments, assignments.c.id == assignment_candidates.c.assignment_id)
        .join(question_sets, question_sets.c.id == assignments.c.set_id)
        .where(assignment_candidates.c.token == token)
    )
    return conn.execute(query).one_or_none()


def mark_opened(conn: Connection, candidate_id: int) -> None:
    conn.execute(
        update(assignment_candidates)
        .where(
            assignment_candidates.c.id == candidate_id,
            assignment_candidates.c.opened_at.is_(None),
        )
        .values(opened_at=utcnow())
    )


def claim_session(conn: Connection, candidate_id: int, session_id: str) -> bool:
    """Tie a new session to the candidate's link, unless another tab already did."""
    result = conn.execute(
        update(assignment_candidates)
        .where(
            assignment_candidates.c.id == candidate_id,
            assignment_candidates.c.session_id.is_(None),
        )
        .values(session_id=session_id)
    )
    return result.rowcount == 1


def assignment_rows(conn: Connection) -> list[Row]:
    """Every assignment, newest first, with its set's name."""
    query = (
        select(assignments, question_sets.c.name.label("set_name"))
        .join(question_sets, question_sets.c.id == assignments.c.set_id)
        .order_by(assignments.c.created_at.desc(), assignments.c.id.desc())
    )
    return list(conn.execute(query))


def candidate_rows(conn: Connection, assignment_ids: list[int]) -> list[Row]:
    """The candidates of these assignments, with their session's status and final score."""
    if not assignment_ids:
        return []
    query = (
        select(
            assignment_candidates,
            sessions.c.status,
            sessions.c.completed_at,
            reports.c.overall_score,
        )
        .select_from(
            assignment_candidates.outerjoin(
                sessions, sessions.c.id == assignment_candidates.c.session_id
            ).outerjoin(reports, reports.c.session_id == assignment_candidates.c.session_id)
        )
        .where(assignment_candidates.c.assignment_id.in_(assignment_ids))
        .order_by(assignment_candidates.c.id)
    )
    return list(conn.execute(query))
