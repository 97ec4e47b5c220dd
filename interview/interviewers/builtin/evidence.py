"""Evidence for each dimension: a whole sentence of the answer, a different one per dimension.

A dimension that scored well quotes the sentence that earned it ("Earned: ..."); one that scored
poorly quotes the sentence that shows what is missing ("Cost: ...": a claim with no example, a
choice with no reason, a result with no number). Sentences are handed out strongest claim first,
so the same sentence is not quoted for five dimensions; a dimension with nothing left to quote
gets no evidence. Sentences are quoted whole, up to ``LONGEST`` characters.
"""

from collections.abc import Callable
from functools import lru_cache

import numpy as np

from interview.scoring import language as lang
from interview.scoring import meaning, phrases, rubric
from interview.scoring.analysis import AnswerFeatures
from interview.scoring.question import QuestionText

# A dimension at or above this earned its points; below it, the evidence shows what cost them.
EARNED = 60
LONGEST = 400  # characters: a longer "sentence" is a paragraph without stops, cut at a word
MARKS = {"en": {True: "Earned: ", False: "Cost: "}, "zh": {True: "得分：", False: "失分："}}

Weigh = Callable[[str], float]


def evidence(
    f: AnswerFeatures, question: QuestionText, scores: dict[str, int], answer: str
) -> dict[str, tuple[str, bool]]:
    """For each dimension, (a whole sentence of the answer, whether it earned the points)."""
    sentences = list(dict.fromkeys(s.text for s in lang.split_sentences(answer, whole=True)))
    order = {text: position for position, text in enumerate(sentences)}
    right = _right(question, sentences)
    weighers = {
        name: (_earned if scores[name] >= EARNED else _cost)[name](f, right, order.__getitem__)
        for name in rubric.DIMENSION_NAMES
    }
    weights = {name: [weigh(text) for text in sentences] for name, weigh in weighers.items()}
    chosen: dict[str, tuple[str, bool]] = {name: ("", True) for name in rubric.DIMENSION_NAMES}
    used: set[int] = set()
    for name in _choosing_order(scores, weights):
        best = max(
            (i for i, weight in enumerate(weights[name]) if weight > 0 and i not in used),
            key=lambda i: weights[name][i],
            default=None,
        )
        if best is not None:
            used.add(best)
            chosen[name] = (whole(sentences[best]), scores[name] >= EARNED)
    return chosen


# Among dimensions that cost points, those looking for a particular gap choose before those
# content with any sentence (the least relevant one, the longest one).
_COST_ORDER = (
    "impact",
    "reasoning",
    "specificity",
    "problem_solving",
    "technical_depth",
    "relevance",
    "communication",
)


def _choosing_order(scores: dict[str, int], weights: dict[str, list[float]]) -> list[str]:
    """What earned points first, the clearest claim first; then what cost them."""
    earned = [name for name in rubric.DIMENSION_NAMES if scores[name] >= EARNED]
    earned.sort(key=lambda name: -max(weights[name], default=0))
    return earned + [name for name in _COST_ORDER if scores[name] < EARNED]


def marked(sentence: str, earned: bool, language: str) -> str:
    """The evidence as the report shows it: "Earned: ..." or "Cost: ..." ("" for none)."""
    return MARKS[language][earned] + sentence if sentence else ""


def unmarked(evidence: str) -> str:
    """The quoted sentence of a piece of evidence, without its mark."""
    for marks in MARKS.values():
        for mark in marks.values():
            if evidence.startswith(mark):
                return evidence[len(mark) :]
    return evidence


def whole(sentence: str) -> str:
    """The sentence itself; one longer than ``LONGEST`` is cut at a word, with an ellipsis."""
    if len(sentence) <= LONGEST:
        return sentence
    cut = sentence[:LONGEST]
    space = cut.rfind(" ")
    return (cut[:space] if space > LONGEST // 2 else cut).rstrip(" ,;:") + "…"


def _hits(text: str, markers: tuple[str, ...]) -> int:
    return len(phrases.find_markers(text, markers))


def _right(question: QuestionText, sentences: list[str]) -> Weigh:
    """How close each of `sentences` is to the reference and key points: by its words' mean
    vector in English, by the words and character pairs it shares with them in Chinese."""
    expected, shared = _expected(question)
    weighed: dict[str, float] = {}  # several dimensions weigh the same sentence

    def right(text: str) -> float:
        if not weighed:  # the first call weighs every sentence, their words in one batch
            cosines = np.maximum(0.0, meaning.text_vectors(sentences) @ expected)
            for sentence, cosine in zip(sentences, cosines.tolist(), strict=True):
                weighed[sentence] = 10 * cosine + len(lang.content_tokens(sentence) & shared) / 2
        return weighed[text]

    return right


@lru_cache(maxsize=256)
def _expected(question: QuestionText) -> tuple[np.ndarray, frozenset[str]]:
    """What a right answer says: the mean vector and the words of the reference and key points."""
    text = " ".join((question.reference, *question.key_points)).strip() or question.text
    return meaning.text_vector(text), frozenset(lang.content_tokens(text))


def _terms(text: str) -> int:
    return len(phrases.find_terms(text))


# A sentence is weighed for several dimensions: count what it holds once.
@lru_cache(maxsize=512)
def _metrics(text: str) -> int:
    return len(lang.find_metrics(text))


@lru_cache(maxsize=512)
def _details(text: str) -> int:
    return len(lang.find_details(text))


# What earned a dimension its points: the sentence that shows it most.
_earned: dict[str, Callable[[AnswerFeatures, Weigh, Callable[[str], int]], Weigh]] = {
    "relevance": lambda f, right, at: right,
    "specificity": lambda f, right, at: (
        lambda s: _hits(s, f.examples + f.actions) + _metrics(s) + _details(s)
    ),
    "technical_depth": lambda f, right, at: lambda s: _terms(s) + 0.1 * right(s),
    "reasoning": lambda f, right, at: lambda s: _hits(s, f.reasons),
    "impact": lambda f, right, at: lambda s: 2 * _metrics(s) + _hits(s, f.impact_words),
    "problem_solving": lambda f, right, at: lambda s: _hits(s, f.challenges + f.solutions),
    # The opening sentence shows how the answer is built, unless another shows its structure.
    "communication": lambda f, right, at: lambda s: 1 + _hits(s, f.structure) + 1 / (1 + at(s)),
}


# What cost a dimension its points: the sentence where the missing thing should have been.
def _bare(signals: Callable[[str], int], about: Callable[[str], float]) -> Callable[[str], float]:
    return lambda s: 0.0 if signals(s) else about(s)


_cost: dict[str, Callable[[AnswerFeatures, Weigh, Callable[[str], int]], Weigh]] = {
    # The sentence least about the question.
    "relevance": lambda f, right, at: lambda s: 1 + 10 - right(s),
    # A claim with no example, detail or number in it: the longest such sentence.
    "specificity": lambda f, right, at: _bare(
        lambda s: _hits(s, f.examples) + _metrics(s) + _details(s),
        lambda s: lang.size(s),
    ),
    # The sentence most about the subject that names no mechanism or tool.
    "technical_depth": lambda f, right, at: _bare(_terms, lambda s: 1 + right(s)),
    # A choice stated with no reason: one naming a tool or an action, else any sentence.
    "reasoning": lambda f, right, at: _bare(
        lambda s: _hits(s, f.reasons), lambda s: 1 + _terms(s) + _hits(s, f.actions)
    ),
    # A result claimed with no number, else the last sentence (where a result would go).
    "impact": lambda f, right, at: _bare(
        _metrics, lambda s: 1 + 2 * _hits(s, f.impact_words) + 0.01 * at(s)
    ),
    # A problem named and left unsolved, else the sentence with most action in it.
    "problem_solving": lambda f, right, at: _bare(
        lambda s: _hits(s, f.solutions),
        lambda s: 1 + 2 * _hits(s, f.challenges) + _hits(s, f.actions),
    ),
    # The longest sentence, or one full of filler.
    "communication": lambda f, right, at: lambda s: lang.size(s) / 10 + 3 * _hits(s, f.fillers),
}
