"""Argument checks in the order API.md gives them; each failure is an InterviewError(400, ...)."""

import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime

from interview.errors import InterviewError
from interview.questions.spec import CustomQuestion

MAX_ANSWER = 20_000
MAX_CONTEXT = 20_000
MAX_CUSTOM_QUESTIONS = 50
MAX_CUSTOM_QUESTION = 1_000
MAX_REFERENCE_ANSWER = 5_000
MAX_KEY_POINTS = 10
MAX_KEY_POINT = 300
MAX_CATEGORY = 50
MAX_AUDIO = 25 * 1024 * 1024  # bytes: the transcription endpoint's limit
DIFFICULTIES = ("junior", "mid", "senior")
STATUSES = ("CREATED", "IN_PROGRESS", "COMPLETED", "EVALUATED")
CREATE_FIELDS = (
    "candidate_name",
    "role",
    "question_count",
    "follow_up_count",
    "difficulty",
    "job_description",
    "resume_text",
    "custom_questions",
    "request_id",
)
LIST_FILTERS = ("candidate_name", "role", "status", "since", "until", "owner")


@dataclass(frozen=True)
class NewSession:
    """A create request that has passed validation (check_new_session)."""

    candidate_name: str
    role: str
    question_count: int
    follow_up_count: int
    difficulty: str | None
    job_description: str | None
    resume_text: str | None
    custom_questions: tuple[CustomQuestion, ...] | None
    request_id: str | None


def _bad(message: str) -> InterviewError:
    return InterviewError(400, message)


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


# Session ids are URL-safe base64 (secrets.token_urlsafe). Anything else cannot name a session,
# so it is looked up as "", which names none (and never reaches the database as odd bytes).
_SESSION_ID = re.compile(r"[A-Za-z0-9_-]{1,128}")


def check_session_id(session_id: object) -> str:
    if not isinstance(session_id, str) or not session_id.strip():
        raise _bad("会话ID不能为空")
    return session_id if _SESSION_ID.fullmatch(session_id) else ""


def clean_text(text: str) -> str:
    """Candidate text as the database can keep it: no NUL bytes, no unpaired surrogates."""
    if "\x00" in text:
        text = text.replace("\x00", "")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return text


# Ids and positions are INTEGER columns: a larger int names no row, and a query given one fails
# (PostgreSQL: out of range; SQLite: past 64 bits) instead of finding nothing.
LARGEST_ROW_NUMBER = 2**31 - 1


def is_row_number(value: object, lowest: int = 1) -> bool:
    """Whether `value` could be a row's id (lowest 1) or position (lowest 0): an int in range."""
    return type(value) is int and lowest <= value <= LARGEST_ROW_NUMBER


def check_question_index(index: object) -> int:
    if index is None:
        raise _bad("问题索引不能为空")
    if isinstance(index, bool) or not isinstance(index, int) or index < 0:
        raise _bad("问题索引无效")
    return index


def check_answer(answer: object, *, allow_blank: bool) -> str:
    """The answer as stored; "" for one that is blank once cleaned (only where allowed)."""
    if not isinstance(answer, str):
        raise _bad("答案不能为空")
    cleaned = clean_text(answer)
    blank = not has_visible_text(cleaned)
    if blank and not allow_blank:
        raise _bad("答案不能为空")
    if len(answer) > MAX_ANSWER:
        raise _bad("答案过长")
    return "" if blank else cleaned


def has_visible_text(text: str) -> bool:
    """Whether anything is left to read: "\x00", zero-width spaces or tabs alone say nothing."""
    return any(not (char.isspace() or unicodedata.category(char)[0] == "C") for char in text)


def check_audio(audio: object) -> bytes:
    if not isinstance(audio, bytes | bytearray) or not len(audio):
        raise _bad("Audio is empty")
    if len(audio) > MAX_AUDIO:
        raise _bad("Audio is larger than 25 MB")
    return bytes(audio)


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _optional_text(fields: dict, name: str, limit: int) -> str | None:
    value = fields.get(name)
    if value is None:
        return None
    if not isinstance(value, str) or len(value) > limit:
        raise _bad(f"{_camel(name)} must be a string of at most {limit} characters")
    return clean_text(value).strip() or None


def _count(fields: dict, name: str, default: int, low: int, high: int) -> int:
    value = fields.get(name, default)
    if value is None:
        value = default
    if not _is_int(value) or not low <= value <= high:
        raise _bad(f"{_camel(name)} must be between {low} and {high}")
    return value


def _custom_questions(value: object) -> tuple[CustomQuestion, ...] | None:
    if value is None:
        return None
    if not isinstance(value, list | tuple) or not 1 <= len(value) <= MAX_CUSTOM_QUESTIONS:
        raise _bad(_CUSTOM_QUESTIONS_SHAPE)
    return tuple(_custom_question(item, number) for number, item in enumerate(value))


_CUSTOM_QUESTIONS_SHAPE = (
    f"customQuestions must be a list of 1 to {MAX_CUSTOM_QUESTIONS} non-blank strings "
    f"of at most {MAX_CUSTOM_QUESTION} characters, or mappings with such a text"
)
# A mapping's keys as Python callers and HTTP clients (camelCase) spell them.
_CUSTOM_QUESTION_KEYS = {
    "text": "text",
    "reference_answer": "reference_answer",
    "referenceAnswer": "reference_answer",
    "key_points": "key_points",
    "keyPoints": "key_points",
    "category": "category",
}


def _custom_question(item: object, number: int) -> CustomQuestion:
    if isinstance(item, str):
        return CustomQuestion(_question_text(item))
    if not isinstance(item, dict):
        raise _bad(_CUSTOM_QUESTIONS_SHAPE)
    where = f"customQuestions[{number}]"
    unknown = [key for key in item if key not in _CUSTOM_QUESTION_KEYS]
    if unknown:
        raise _bad(f"{where} has an unknown field: {_camel(str(unknown[0]))}")
    fields = {_CUSTOM_QUESTION_KEYS[key]: field for key, field in item.items()}
    reference = fields.get("reference_answer")
    if reference is not None and (
        not isinstance(reference, str) or len(reference) > MAX_REFERENCE_ANSWER
    ):
        raise _bad(
            f"{where}.referenceAnswer must be a string of at most {MAX_REFERENCE_ANSWER} characters"
        )
    category = fields.get("category")
    if category is not None and (not isinstance(category, str) or len(category) > MAX_CATEGORY):
        raise _bad(f"{where}.category must be a string of at most {MAX_CATEGORY} characters")
    return CustomQuestion(
        text=_question_text(fields.get("text"), where),
        reference_answer=(clean_text(reference).strip() or None) if reference else None,
        key_points=_key_points(fields.get("key_points"), where),
        category=(clean_text(category).strip() or "Custom") if category else "Custom",
    )


def _question_text(text: object, where: str | None = None) -> str:
    if not isinstance(text, str) or not clean_text(text).strip() or len(text) > MAX_CUSTOM_QUESTION:
        if where is None:
            raise _bad(_CUSTOM_QUESTIONS_SHAPE)
        raise _bad(
            f"{where}.text must be a non-blank string of at most {MAX_CUSTOM_QUESTION} characters"
        )
    return clean_text(text).strip()


def _key_points(points: object, where: str) -> tuple[str, ...]:
    if points is None:
        return ()
    valid = (
        isinstance(points, list | tuple)
        and len(points) <= MAX_KEY_POINTS
        and all(
            isinstance(p, str) and clean_text(p).strip() and len(p) <= MAX_KEY_POINT for p in points
        )
    )
    if not valid:
        raise _bad(
            f"{where}.keyPoints must be a list of at most {MAX_KEY_POINTS} non-blank strings "
            f"of at most {MAX_KEY_POINT} characters"
        )
    return tuple(clean_text(point).strip() for point in points)


def check_request_id(fields: dict) -> str | None:
    value = fields.get("request_id")
    if value is not None and (not isinstance(value, str) or not 1 <= len(value) <= 200):
        raise _bad("requestId must be a string of 1 to 200 characters")
    return clean_text(value) if value is not None else None


def check_new_session(fields: dict, roles: dict) -> NewSession:
    """Validate create_session's fields, first failure wins, messages naming camelCase fields."""
    unknown = sorted(set(fields) - set(CREATE_FIELDS))
    if unknown:
        raise _bad(f"Unknown field: {_camel(unknown[0])}")
    request_id = check_request_id(fields)
    name = fields.get("candidate_name")
    if not isinstance(name, str) or not clean_text(name).strip():  # NUL alone is no name
        raise _bad("candidateName is required")
    if len(name.strip()) > 100:
        raise _bad("candidateName must be at most 100 characters")
    role = fields.get("role")
    if not isinstance(role, str) or (role != "custom" and role not in roles):
        raise _bad(f"role must be one of: {', '.join([*roles, 'custom'])}")
    custom = _custom_questions(fields.get("custom_questions"))
    if role == "custom" and custom is None:
        raise _bad("customQuestions is required when role is custom")
    # With custom questions the session asks exactly those, so questionCount is ignored.
    question_count = len(custom) if custom else _count(fields, "question_count", 5, 3, 20)
    follow_up_count = _count(fields, "follow_up_count", 1, 0, 2)
    difficulty = fields.get("difficulty")
    if difficulty is not None and difficulty not in DIFFICULTIES:
        raise _bad("difficulty must be junior, mid, senior or null")
    job_description = _optional_text(fields, "job_description", MAX_CONTEXT)
    resume_text = _optional_text(fields, "resume_text", MAX_CONTEXT)
    return NewSession(
        candidate_name=" ".join(clean_text(name).split()),
        role=role,
        question_count=question_count,
        follow_up_count=follow_up_count,
        difficulty=difficulty,
        job_description=job_description,
        resume_text=resume_text,
        custom_questions=custom,
        request_id=request_id,
    )


def _moment(name: str, value: object) -> datetime:
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            raise _bad(f"{name} must be an ISO 8601 date or time") from None
    if not isinstance(value, datetime):
        raise _bad(f"{name} must be an ISO 8601 date or time")
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def check_list_filters(filters: dict) -> dict:
    unknown = sorted(set(filters) - set(LIST_FILTERS))
    if unknown:
        raise _bad(f"Unknown filter: {_camel(unknown[0])}")
    checked = {key: value for key, value in filters.items() if value is not None}
    for name in ("candidate_name", "role", "owner"):
        if name in checked and not isinstance(checked[name], str):
            raise _bad(f"{_camel(name)} must be a string")
        if name in checked:
            checked[name] = clean_text(checked[name])
    if "status" in checked and checked["status"] not in STATUSES:
        raise _bad(f"status must be one of: {', '.join(STATUSES)}")
    for name in ("since", "until"):
        if name in checked:
            checked[name] = _moment(name, checked[name])
    return checked


# No list has this many pages; a larger page number must not overflow the database's integers.
LAST_PAGE = 1_000_000


def check_page(page: object, page_size: object, longest: int) -> tuple[int, int]:
    """A page number (from 0) and a page size of 1..longest, or a 400 naming the wrong one."""
    if not _is_int(page) or not 0 <= page <= LAST_PAGE:
        raise _bad(f"page must be a whole number between 0 and {LAST_PAGE}")
    if not _is_int(page_size) or not 1 <= page_size <= longest:
        raise _bad(f"pageSize must be between 1 and {longest}")
    return page, page_size


def check_actor(by: object) -> str | None:
    """Who did it, for the record: None (nobody named), or a name; checked before acting."""
    if by is None or by == "":
        return None
    if not isinstance(by, str) or not by.strip():
        raise _bad("by must be the coach's name")
    return clean_text(by).strip()[:200]


def check_owner(owner: object) -> str | None:
    """Whose session it is (set by the pages, never by a request): None or an owner key."""
    if owner is None:
        return None
    if not isinstance(owner, str) or not 1 <= len(owner) <= 64:
        raise _bad("owner must be an owner key of at most 64 characters")
    return clean_text(owner)
