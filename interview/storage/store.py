"""The store's queries: the only module (with migrations/) that speaks SQL.

Each function takes a connection inside a transaction the caller opened (see database.py).
"""

from datetime import datetime
from typing import NamedTuple

from sqlalchemy import (
    Connection,
    DateTime,
    Row,
    and_,
    bindparam,
    delete,
    func,
    insert,
    or_,
    select,
    update,
)
from sqlalchemy.orm import aliased

from interview.storage.database import utcnow
from interview.storage.direct import DirectStatement
from interview.storage.schema import (
    answer_revisions,
    questions,
    reports,
    sessions,
    submit_window,
)

# --- sessions ---------------------------------------------------------------------------------


def insert_session(conn: Connection, session: dict, question_rows: list[dict]) -> None:
    conn.execute(insert(sessions), session)
    conn.execute(insert(questions), [{**row, "session_id": session["id"]} for row in question_rows])


def session_id_for_request(conn: Connection, request_id: str) -> str | None:
    query = select(sessions.c.id).where(sessions.c.request_id == request_id)
    return conn.execute(query).scalar_one_or_none()


# Statements on the submit path are built once: building and hashing a statement on every call
# costs more than SQLite takes to run it.
_SESSION_BY_ID = select(sessions).where(sessions.c.id == bindparam("sid"))


def session_row(conn: Connection, session_id: str) -> Row | None:
    return conn.execute(_SESSION_BY_ID, {"sid": session_id}).one_or_none()


def set_status(conn: Connection, session_id: str, status: str, *, where_status: tuple) -> bool:
    """Move a session to `status` if it is in one of `where_status`; False if it was not."""
    result = conn.execute(
        update(sessions)
        .where(sessions.c.id == session_id, sessions.c.status.in_(where_status))
        .values(status=status)
    )
    return result.rowcount == 1


def complete_session(conn: Connection, session_id: str, *, where_status: tuple) -> bool:
    result = conn.execute(
        update(sessions)
        .where(sessions.c.id == session_id, sessions.c.status.in_(where_status))
        .values(status="COMPLETED", completed_at=utcnow())
    )
    return result.rowcount == 1


_ADVANCE = DirectStatement(
    update(sessions)
    .where(
        sessions.c.id == bindparam("sid"),
        sessions.c.current_index == bindparam("from_index"),
        sessions.c.total_questions == bindparam("from_total"),
        # Two comparisons rather than IN: an IN list is re-rendered on every execution.
        or_(sessions.c.status == "CREATED", sessions.c.status == "IN_PROGRESS"),
    )
    .values(
        current_index=bindparam("to_index"),
        total_questions=bindparam("to_total"),
        status=bindparam("to_status"),
        completed_at=bindparam("to_completed_at", type_=DateTime(timezone=True)),
    )
)


def advance_session(
    conn: Connection, session_id: str, index: int, total: int, new_total: int
) -> bool:
    """The conditional update that decides a submit race: only one writer moves past `index`."""
    completes = index + 1 >= new_total
    params = {
        "sid": session_id,
        "from_index": index,
        "from_total": total,
        "to_index": index + 1,
        "to_total": new_total,
        "to_status": "COMPLETED" if completes else "IN_PROGRESS",
        "to_completed_at": utcnow() if completes else None,
    }
    return _ADVANCE.execute(conn, params).rowcount == 1


def delete_session(conn: Connection, session_id: str) -> bool:
    return conn.execute(delete(sessions).where(sessions.c.id == session_id)).rowcount == 1


def session_rows(conn: Connection, filters: dict) -> list[Row]:
    """Sessions newest first, with the stored report's overall score where there is one."""
    query = (
        select(sessions, reports.c.overall_score)
        .select_from(sessions.outerjoin(reports, reports.c.session_id == sessions.c.id))
        .order_by(sessions.c.created_at.desc(), sessions.c.id)
    )
    if "owner" in filters:
        query = query.where(sessions.c.owner == filters["owner"])
    if "candidate_name" in filters:
        query = query.where(sessions.c.candidate_key == filters["candidate_name"])
    if "role" in filters:
        query = query.where(sessions.c.role == filters["role"])
    if "status" in filters:
        query = query.where(sessions.c.status == filters["status"])
    if "since" in filters:
        query = query.where(sessions.c.created_at >= filters["since"])
    if "until" in filters:
        query = query.where(sessions.c.created_at <= filters["until"])
    return list(conn.execute(query))


def _of_candidate(candidate: tuple[str, str]):
    """("owner", digest) or ("name", candidate key): a candidate's sessions."""
    kind, value = candidate
    column = sessions.c.owner if kind == "owner" else sessions.c.candidate_key
    return column == value


def recent_bank_ids(conn: Connection, candidate: tuple[str, str], session_limit: int) -> set[str]:
    """Bank ids of the questions this candidate was asked in their latest sessions."""
    latest = (
        select(sessions.c.id)
        .where(_of_candidate(candidate))
        .order_by(sessions.c.created_at.desc())
        .limit(session_limit)
        .scalar_subquery()
    )
    query = select(questions.c.bank_id).where(
        questions.c.session_id.in_(latest), questions.c.bank_id.is_not(None)
    )
    return set(conn.execute(query).scalars())


def recent_question_texts(
    conn: Connection, candidate: tuple[str, str], session_limit: int
) -> list[str]:
    """The main questions this candidate was asked in their latest sessions, oldest first."""
    latest = (
        select(sessions.c.id)
        .where(_of_candidate(candidate))
        .order_by(sessions.c.created_at.desc())
        .limit(session_limit)
        .scalar_subquery()
    )
    query = (
        select(questions.c.text)
        .where(questions.c.session_id.in_(latest), questions.c.is_follow_up.is_(False))
        .order_by(questions.c.id)
    )
    return list(dict.fromkeys(conn.execute(query).scalars()))


# --- questions and answers --------------------------------------------------------------------

_parent = aliased(questions)
_latest_answer = (
    select(func.nullif(answer_revisions.c.text, ""))
    .where(answer_revisions.c.question_id == questions.c.id)
    .order_by(answer_revisions.c.id.desc())
    .limit(1)
    .scalar_subquery()
)
_is_answered = (
    select(answer_revisions.c.id)
    .where(answer_revisions.c.question_id == questions.c.id, answer_revisions.c.kind == "submit")
    .exists()
)


def _question_query():
    """Questions with their parent's position, latest answer text and whether it was submitted."""
    return select(
        questions,
        _parent.c.position.label("parent_position"),
        _latest_answer.label("user_answer"),
        _is_answered.label("answered"),
    ).select_from(questions.outerjoin(_parent, _parent.c.id == questions.c.parent_id))


def question_rows(conn: Connection, session_id: str) -> list[Row]:
    query = _question_query().where(questions.c.session_id == session_id)
    return list(conn.execute(query.order_by(questions.c.position)))


_QUESTION_AT = _question_query().where(
    questions.c.session_id == bindparam("sid"), questions.c.position == bindparam("position")
)


def question_row(conn: Connection, session_id: str, position: int) -> Row | None:
    params = {"sid": session_id, "position": position}
    return conn.execute(_QUESTION_AT, params).one_or_none()


class SessionState(NamedTuple):
    id: str
    status: str
    current_index: int
    total_questions: int
    follow_up_count: int


_SESSION_STATE_COLUMNS = [
    sessions.c.id.label("s_id"),
    sessions.c.status.label("s_status"),
    sessions.c.current_index.label("s_current_index"),
    sessions.c.total_questions.label("s_total_questions"),
    sessions.c.follow_up_count.label("s_follow_up_count"),
]
_STATE_AND_QUESTIONS = DirectStatement(
    select(
        *_SESSION_STATE_COLUMNS,
        questions,
        _parent.c.position.label("parent_position"),
        _latest_answer.label("user_answer"),
        _is_answered.label("answered"),
    )
    .select_from(
        sessions.outerjoin(
            questions,
            and_(
                questions.c.session_id == sessions.c.id,
                questions.c.position >= bindparam("first"),
                questions.c.position <= bindparam("last"),
            ),
        ).outerjoin(_parent, _parent.c.id == questions.c.parent_id)
    )
    .where(sessions.c.id == bindparam("sid"))
    .order_by(questions.c.position)
)


def state_and_questions(
    conn: Connection, session_id: str, first: int, last: int
) -> tuple[SessionState | None, list[Row]]:
    """A session's state and its questions at positions first..last, in one round trip."""
    params = {"sid": session_id, "first": first, "last": last}
    rows = _STATE_AND_QUESTIONS.rows(conn, params)
    if not rows:
        return None, []
    state = SessionState(*rows[0][: len(_SESSION_STATE_COLUMNS)])
    return state, [row for row in rows if row.id is not None]


_QUESTION_BY_ID = _question_query().where(questions.c.id == bindparam("qid"))


def question_by_id(conn: Connection, question_id: int) -> Row | None:
    return conn.execute(_QUESTION_BY_ID, {"qid": question_id}).one_or_none()


_FOLLOW_UP_TOTAL = DirectStatement(
    select(func.count().label("total")).where(questions.c.parent_id == bindparam("qid"))
)


def follow_up_total(conn: Connection, main_question_id: int) -> int:
    return _FOLLOW_UP_TOTAL.rows(conn, {"qid": main_question_id})[0].total


_INSERT_REVISION = DirectStatement(
    insert(answer_revisions).values(
        question_id=bindparam("qid"),
        kind=bindparam("revision_kind"),
        text=bindparam("revision_text"),
        saved_at=bindparam("at", type_=DateTime(timezone=True)),
    )
)


def save_answer_text(
    conn: Connection, question_id: int, answer: str, kind: str, at: datetime | None = None
) -> None:
    """Keep one more revision of the answer: a draft, the submitted answer, or a later edit."""
    at = at or utcnow()
    revision = {"qid": question_id, "revision_kind": kind, "revision_text": answer, "at": at}
    _INSERT_REVISION.execute(conn, revision)


_MAKE_ROOM = DirectStatement(
    update(questions)
    .where(questions.c.session_id == bindparam("sid"), questions.c.position > bindparam("after"))
    .values(position=questions.c.position + 1)
)
_QUESTION_COLUMNS = (
    "session_id", "position", "text", "category", "type", "difficulty", "is_follow_up",
    "parent_id", "key_points", "reference_answer", "bank_id",
)  # fmt: skip
_INSERT_QUESTION = DirectStatement(
    insert(questions).values({name: bindparam(f"new_{name}") for name in _QUESTION_COLUMNS})
)


def insert_follow_up(conn: Connection, session_id: str, after: int, row: dict) -> None:
    """Put a follow-up right after position `after`, moving the later questions down one."""
    _MAKE_ROOM.execute(conn, {"sid": session_id, "after": after})
    placed = {**row, "session_id": session_id, "position": after + 1}
    _INSERT_QUESTION.execute(conn, {f"new_{name}": placed[name] for name in _QUESTION_COLUMNS})


def answer_history(conn: Connection, session_id: str) -> list[Row]:
    """Every saved revision of every answer in a session, oldest first."""
    query = (
        select(questions.c.position, answer_revisions)
        .join(questions, questions.c.id == answer_revisions.c.question_id)
        .where(questions.c.session_id == session_id)
        .order_by(answer_revisions.c.id)
    )
    return list(conn.execute(query))


# --- the rate-limit window --------------------------------------------------------------------


def submits_since(conn: Connection, since_ms: int) -> int:
    query = select(func.count()).where(submit_window.c.at_ms > since_ms)
    return conn.execute(query).scalar_one()


def record_submit(conn: Connection, at_ms: int, *, forget_before_ms: int) -> None:
    conn.execute(delete(submit_window).where(submit_window.c.at_ms <= forget_before_ms))
    conn.execute(insert(submit_window).values(at_ms=at_ms))
