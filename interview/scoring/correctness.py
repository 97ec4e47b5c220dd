"""How much of a question's reference answer and key points an answer gets right, by meaning.

Each reference word (or Chinese character pair) is looked for in the answer by meaning
(``meaning.recall``: its best cosine with any of the answer's words), so "wait forever for each
other's locks" covers "none of them can proceed" where shared words alone would not.

Against a reference answer, three measures combine with weights fitted by least squares on
the Mohler short-answer training split (intro computer-science answers graded 0-5 by two
people; only these numbers were kept): ``recall`` of the reference by meaning, the cosine of
the two texts' mean vectors, and how long the answer is beside the reference (a quarter of the
length leaves things out). On that split this alone correlates 0.58 with the graders (word
overlap: 0.49; the two graders with each other: 0.60); bench/evaluator.py measures it.

A key point counts as covered once its words are, by meaning, mostly in the answer. (A rule
for negation, "with children" against "with no children", was tried and dropped: on the
training split it fired on seven answers, all graded well.)
"""

import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from interview.scoring import language as lang
from interview.scoring import meaning, topicality
from interview.scoring.question import QuestionText

# Fitted on the Mohler training split (bench/evaluator.py): grade ~ weights . measures.
_RECALL_WEIGHT = 0.727
_COSINE_WEIGHT = 1.58
_LENGTH_WEIGHT = 0.287
# The fitted sum spread onto 0..1: a grade-5 answer's median lands near 0.9, a grade-2 one's
# near 0.25 (the scale does not change the correlation, only what the rubric reads).
_SUM_AT_ZERO = 0.2
_SUM_SPAN = 1.4
# A key point's words recalled by meaning: about 0.3 between unrelated texts of one field, 0.8
# for a model answer and its own key points (measured over the banks).
_POINT_FLOOR = 0.4
_POINT_SPAN = 0.5
_LEAST_WEIGHT = 0.15
# Chinese pairs match exactly: another question's reference holds about 2% of a reference's
# pairs (a key point's: 4%), the first half of its own model answer about half (measured over
# the Chinese bank), and a concise right answer fewer, in its own words.
_ZH_REFERENCE_FLOOR = 0.03
_ZH_REFERENCE_SPAN = 0.35
_ZH_POINT_SPAN = 0.6


# With both, a long model answer (a bank's, 130-170 words) leaves key points to decide most:
# against it the fitted measures saturate, its first half scoring like the whole and another
# question's model answer about half, while key points separate them (covered: 0.84 by the model
# answer, 0.43 by its first half, 0.01 by the next question's, medians over the banks). A short
# reference is sharper than key points, whose few words an answer can share while saying the
# opposite ("threads ... release their locks" shares "threads" and "locks").
# Against the reference, from this much up to that much its own words for a key point count.
_TRUSTED_FROM, _TRUSTED_AT = 0.65, 0.85
_KEY_POINTS_SHARE = (0.4, 0.85)  # with a reference of up to 30 words, of 100 words and more
_SHORT_REFERENCE, _LONG_REFERENCE = 30, 100
# Key points alone are terse: a right answer in other words covers them less surely than it
# matches a whole reference answer, so the rubric leans on them less (``certainty``).
_KEY_POINTS_ONLY_CERTAINTY = 0.6
# Chinese is matched by its exact character pairs, so a right answer in other words ("改库" for
# "更新数据库") is missed more often than in English: lean on it less again.
_CHINESE_CERTAINTY = 0.6


@dataclass(frozen=True)
class Correctness:
    """How right an answer is against what the question expects."""

    score: float  # 0..1: how much of the reference and key points it gets right
    key_points: tuple[float, ...]  # 0..1 per key point, in its own words or by meaning
    certainty: float  # 0..1: how surely ``score`` says it (1 with a reference answer)


def judge(answer: str, question: QuestionText) -> Correctness | None:
    """How right the answer is, or None when the question has no reference nor key points."""
    if not question.has_reference:
        return None
    said = meaning.units(answer)
    # Every English word of the answer and of what is expected, looked up in one batch.
    meaning.vectors([u for u in (*said, *_expected_units(question)) if u.isascii()])
    meant = [_by_meaning(said, point) for point in question.key_points]
    tokens = lang.content_tokens(answer)
    points = tuple(
        max(m, _in_its_words(tokens, p)) for m, p in zip(meant, question.key_points, strict=True)
    )
    # The score counts key points by meaning: a point's few words are easily shared by an
    # answer about something else of the same field ("read", "write", "lock"). Once the answer
    # as a whole is right against the reference, its own words for a point count too: a story
    # says "only accounts with 500 orders" where the point says "a subset of requests".
    chinese = _CHINESE_CERTAINTY if meaning.is_chinese(_expected_units(question)) else 1.0
    if not question.reference.strip():
        covered = sum(meant) / len(meant) if meant else None
        return Correctness(covered, points, _KEY_POINTS_ONLY_CERTAINTY * chinese)
    against = _against_reference(answer, said, question.reference)
    # (Chinese is read by its character pairs on both sides already: nothing more to trust.)
    trusted = (
        0.0 if chinese < 1 else _clamp((against - _TRUSTED_FROM) / (_TRUSTED_AT - _TRUSTED_FROM))
    )
    counted = [max(m, trusted * p) for m, p in zip(meant, points, strict=True)]
    covered = sum(counted) / len(counted) if counted else None
    if covered is None:
        return Correctness(against, points, chinese)
    share = _key_points_share(len(_reference_units(question.reference)))
    return Correctness(share * covered + (1 - share) * against, points, chinese)


def _key_points_share(reference_size: int) -> float:
    low, high = _KEY_POINTS_SHARE
    length = (reference_size - _SHORT_REFERENCE) / (_LONG_REFERENCE - _SHORT_REFERENCE)
    return low + (high - low) * _clamp(length)


def _expected_units(question: QuestionText) -> list[str]:
    return _reference_units(" ".join((question.reference, *question.key_points)))


def _against_reference(answer: str, said: list[str], reference: str) -> float:
    wanted = _reference_units(reference)
    if not said or not wanted:
        return 0.0
    if meaning.is_chinese(wanted):
        recalled = meaning.recall(said, wanted)
        return _clamp((recalled - _ZH_REFERENCE_FLOOR) / _ZH_REFERENCE_SPAN)
    cosine = float(meaning.text_vector(answer) @ meaning.reference_vector(reference))
    length = max(-2.0, min(1.0, math.log((1 + len(said)) / (1 + len(wanted)))))
    fitted = (
        _RECALL_WEIGHT * meaning.recall(said, wanted)
        + _COSINE_WEIGHT * cosine
        + _LENGTH_WEIGHT * length
    )
    return _spread(fitted)


def _in_its_words(tokens: set[str], point: str) -> float:
    # Covered once about 60% of its content words (stemmed; Chinese pairs) are in the answer.
    wanted = _point_tokens(point)
    return _clamp(len(tokens & wanted) / len(wanted) / 0.6) if wanted else 0.0


def _by_meaning(said: list[str], point: str) -> float:
    wanted = _reference_units(point)
    if not said or not wanted:
        return 0.0
    if meaning.is_chinese(wanted):
        return _clamp(meaning.recall(said, wanted, _weights) / _ZH_POINT_SPAN)
    return _clamp((meaning.recall(said, wanted, _weights) - _POINT_FLOOR) / _POINT_SPAN)


@lru_cache(maxsize=512)
def _weights(wanted: tuple[str, ...]) -> np.ndarray:
    """How much each word of a key point says: "read", "update" or "lock" are said about half
    the questions of a bank, "stampede" about one (``topicality.specificity``, over the banks)."""
    specificity = topicality.specificity()
    return np.array([max(_LEAST_WEIGHT, specificity.get(lang.stem(u), 1.0)) for u in wanted])


@lru_cache(maxsize=512)
def _point_tokens(point: str) -> frozenset[str]:
    return frozenset(lang.content_tokens(point))


@lru_cache(maxsize=512)
def _reference_units(text: str) -> list[str]:
    return meaning.units(text)


def _spread(fitted: float) -> float:
    return _clamp((fitted - _SUM_AT_ZERO) / _SUM_SPAN)


def _clamp(value: float) -> float:
    return max(0.0, min(1.0, value))
