"""A question as a session asks it, whoever wrote it: a bank, a coach, a model or the candidate."""

from dataclasses import dataclass


@dataclass(frozen=True)
class QuestionSpec:
    """A question as a bank (or a coach, or a model) defines it, before it joins a session."""

    text: str
    category: str
    type: str
    difficulty: str | None = None
    key_points: tuple[str, ...] = ()
    reference_answer: str | None = None
    bank_id: str | None = None  # stable id in its bank, used to avoid repeats


@dataclass(frozen=True)
class CustomQuestion:
    """A coach's own question as create_session received it (API.md: a string or a mapping)."""

    text: str
    reference_answer: str | None = None
    key_points: tuple[str, ...] = ()
    category: str = "Custom"
