"""A coach's question sets: create, edit (each save a new version), duplicate, delete, and copy
a built-in bank (the banks themselves stay read-only). Every change is the coach's action."""

from interview.coaching.set_files import LANGUAGES, MAX_NAME, Problem, check_questions
from interview.errors import InterviewError
from interview.questions.banks import Track
from interview.questions.spec import QuestionSpec
from interview.sessions.validation import is_row_number
from interview.sessions.views import iso
from interview.storage import coach_store, set_store
from interview.storage.database import Database

# A bank's question types that ask for an experience, a design, or code (the rest: conceptual).
_BEHAVIOURAL_TRACKS = frozenset({"behavioural"})
_DESIGN_TYPES = frozenset({"system_design", "architecture"})


class SetProblems(InterviewError):
    """A set that cannot be saved: every problem, with its row and column."""

    def __init__(self, problems: list[Problem]):
        super().__init__(400, "The question set has problems: " + _summary(problems))
        self.problems = problems


def list_sets(db: Database) -> list[dict]:
    with db.reading() as conn:
        rows = set_store.set_rows(conn)
    return [
        {
            "id": row.id,
            "name": row.name,
            "language": row.language,
            "version": row.version,
            "questionCount": row.question_count,
            "updatedBy": row.updated_by,
            "updatedAt": iso(row.updated_at),
        }
        for row in rows
    ]


def get_set(db: Database, set_id: object) -> dict:
    with db.reading() as conn:
        row = set_store.set_row(conn, _set_id(set_id))
        if row is None:
            raise InterviewError(404, "Question set not found")
        items = set_store.set_items(conn, row.id)
    return {
        "id": row.id,
        "name": row.name,
        "language": row.language,
        "version": row.version,
        "updatedBy": row.updated_by,
        "updatedAt": iso(row.updated_at),
        "questions": [_item(item) for item in items],
    }


def create_set(db: Database, name: object, language: object, questions: object, by: str) -> dict:
    name, language, items = _checked(name, language, questions)
    with db.transaction() as conn:
        set_id = set_store.insert_set(conn, name, language, by, items)
        coach_store.record_action(conn, by, "set_create", None, {"set": set_id, "name": name})
    return get_set(db, set_id)


def update_set(
    db: Database, set_id: object, name: object, language: object, questions: object, by: str
) -> dict:
    """Save a new version; sessions already asked keep the questions of their version."""
    set_id = _set_id(set_id)
    name, language, items = _checked(name, language, questions)
    with db.transaction() as conn:
        if not set_store.replace_set(conn, set_id, name, language, by, items):
            raise InterviewError(404, "Question set not found")
        coach_store.record_action(conn, by, "set_edit", None, {"set": set_id, "name": name})
    return get_set(db, set_id)


def duplicate_set(db: Database, set_id: object, by: str, copy_suffix: str = " (copy)") -> dict:
    original = get_set(db, set_id)
    name = (original["name"] + copy_suffix)[:MAX_NAME]
    return create_set(db, name, original["language"], original["questions"], by)


def copy_bank(db: Database, track: Track, by: str) -> dict:
    """A built-in bank as a new set the coach can edit (the bank stays as it is)."""
    questions = [
        {
            "text": spec.text,
            "category": spec.category,
            "difficulty": spec.difficulty,
            "type": _kind_of_bank_question(track, spec),
            "key_points": list(spec.key_points),
            "reference_answer": spec.reference_answer,
        }
        for spec in track.questions
    ]
    return create_set(db, track.title, track.language, questions[:50], by)


def delete_set(db: Database, set_id: object, by: str) -> None:
    """Delete a set and its assignments; sessions it made keep their questions and reports."""
    set_id = _set_id(set_id)
    with db.transaction() as conn:
        row = set_store.set_row(conn, set_id)
        if row is None or not set_store.delete_set(conn, set_id):
            raise InterviewError(404, "Question set not found")
        coach_store.record_action(conn, by, "set_delete", None, {"set": set_id, "name": row.name})


def specs_of(set_id: int, items) -> list[QuestionSpec]:
    """A set's questions as a session asks them; bank_id remembers the item (for a re-grade)."""
    return [
        QuestionSpec(
            text=item.text,
            category=item.category,
            type=item.kind,
            difficulty=item.difficulty,
            key_points=tuple(item.key_points or ()),
            reference_answer=item.reference_answer,
            bank_id=f"set:{set_id}:{item.id}",
        )
        for item in items
    ]


def _checked(name: object, language: object, questions: object) -> tuple[str, str, list[dict]]:
    if not isinstance(name, str) or not name.strip():
        raise InterviewError(400, "name is required")
    if len(name.strip()) > MAX_NAME:
        raise InterviewError(400, f"name must be at most {MAX_NAME} characters")
    if language not in LANGUAGES:
        raise InterviewError(400, "language must be en or zh")
    if not isinstance(questions, list) or not all(isinstance(q, dict) for q in questions):
        raise InterviewError(400, "questions must be a list of questions")
    # As get_set gives them (an item's id is not the coach's to set), or as a file names them.
    raw = [{k: v for k, v in q.items() if k != "id"} for q in questions]
    items, problems = check_questions(raw)
    if problems:
        raise SetProblems(problems)
    return " ".join(name.split()), language, items


def _item(row) -> dict:
    return {
        "id": row.id,
        "text": row.text,
        "category": row.category,
        "difficulty": row.difficulty,
        "type": row.kind,
        "key_points": list(row.key_points or []),
        "reference_answer": row.reference_answer,
    }


def _set_id(value: object) -> int:
    if not is_row_number(value):
        raise InterviewError(404, "Question set not found")
    return value


def _kind_of_bank_question(track: Track, spec: QuestionSpec) -> str:
    if track.id in _BEHAVIOURAL_TRACKS or spec.type in {"project"}:
        return "behavioural"
    if spec.type in _DESIGN_TYPES:
        return "design"
    return "conceptual"


def _summary(problems: list[Problem]) -> str:
    first = problems[0]
    where = f"row {first.row}, {first.column}: " if first.row else ""
    more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
    return where + first.message + more
