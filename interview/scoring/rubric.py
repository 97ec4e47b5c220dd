"""The published rubric: dimensions, weights and bands as data, and the score arithmetic.

A question's score is a fixed weighted mean of its dimension scores, computed here and
nowhere else, so that a model (or the built-in evaluator) only ever proposes dimension
scores. Weights are whole percentages so the arithmetic is exact integer arithmetic.
"""

from collections.abc import Iterable, Mapping

# Bump whenever a dimension, a weight or the score arithmetic changes: every evaluation records
# it, and a stored evaluation of another rubric version is evaluated again.
RUBRIC_VERSION = "rubric-1"

# (dimension, weight in percent, what it rewards) -- the seed's "answer quality tips".
DIMENSIONS: tuple[tuple[str, int, str], ...] = (
    ("relevance", 20, "answers the question asked"),
    ("specificity", 15, "concrete examples and scenarios"),
    ("technical_depth", 20, "concrete technologies and tools, used correctly"),
    ("reasoning", 15, "why decisions were made"),
    ("impact", 10, "quantitative metrics"),
    ("problem_solving", 10, "challenges faced and how they were solved"),
    ("communication", 10, "clear structure, concise"),
)
DIMENSION_NAMES: tuple[str, ...] = tuple(name for name, _, _ in DIMENSIONS)
WEIGHTS: dict[str, int] = {name: weight for name, weight, _ in DIMENSIONS}

# Lower edge of each band, best first (API.md: 90-100 excellent ... 0-39 poor).
BANDS: tuple[tuple[int, str], ...] = (
    (90, "excellent"),
    (75, "good"),
    (60, "pass"),
    (40, "below bar"),
    (0, "poor"),
)

# A non-answer (blank, "I don't know", echo, gibberish, off-topic ...) scores at most this.
NON_ANSWER_CAP = 20


def clamp_score(value: float) -> int:
    """Clamp any number to an int in 0..100 (rounded half up)."""
    return max(0, min(100, round_half_up(value)))


def round_half_up(value: float) -> int:
    """Round to the nearest int, halves away from zero for non-negative scores (not banker's)."""
    return int(value + 0.5) if value >= 0 else -int(-value + 0.5)


def mean_half_up(values: Iterable[int]) -> int | None:
    """Integer mean of ints, rounded half up exactly; None for no values."""
    values = list(values)
    if not values:
        return None
    return (2 * sum(values) + len(values)) // (2 * len(values))


def question_score(dimension_scores: Mapping[str, int], cap: int | None = None) -> int:
    """The weighted mean of the seven dimension scores, optionally capped."""
    total = sum(WEIGHTS[name] * clamp_score(dimension_scores[name]) for name in DIMENSION_NAMES)
    score = (total + 50) // 100
    return min(score, cap) if cap is not None else score


def band_of(score: int) -> str:
    """The band name an overall score falls in."""
    return next(name for edge, name in BANDS if score >= edge)


def rubric_table() -> list[dict]:
    """The rubric as the report publishes it: [{dimension, weight}] with weights as fractions."""
    return [{"dimension": name, "weight": weight / 100} for name, weight, _ in DIMENSIONS]
