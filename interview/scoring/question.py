"""What an answer is judged against: the question, its key points and its topic words."""

from dataclasses import dataclass


@dataclass(frozen=True)
class QuestionText:
    """What an answer is judged against: the question, its key points and its topic words."""

    text: str
    key_points: tuple[str, ...] = ()
    topic: str = ""  # the main question of a follow-up, the category and the type
