"""Which question of the banks an answer fits best: is it about its own question at all?

Each bank question is a document (its text, key points and model answer). An answer is compared
with each by the specific words they share (the banks' inverse document frequency,
``topicality.specificity``, so "database" counts little and "stampede" much; Chinese as
character pairs) and, for English, by the cosine of their mean word vectors (``meaning``).
An answer about another subject (a story told to a technical question, a database-index lesson
given to "tell me about a disagreement") fits some other question clearly better than its own.
"""

import threading
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from interview.questions import banks
from interview.scoring import language as lang
from interview.scoring import meaning, topicality
from interview.scoring.question import QuestionText, question_kind

# A story is told in its own words, so what tells a story from a technical answer is which
# kind of question it fits: these kinds form the two sides.
STORY_KINDS = frozenset({"behavioural"})
_LEXICAL_SHARE = 0.6  # the rest is the English vectors' cosine, where both texts have any


@dataclass(frozen=True)
class Fit:
    own: float  # how well the answer fits its own question, 0..1
    best: float  # how well it fits the best other question of the banks
    best_kind: str  # that question's kind
    best_text: str  # that question

    @property
    def margin(self) -> float:
        return self.best - self.own


def fit(answer: str, question: QuestionText) -> Fit:
    """How well the answer fits its own question beside the best other bank question."""
    bank = _bank()
    tokens, vector = _weighed_tokens(answer), meaning.text_vector(answer)
    own = _similarity(tokens, vector, *_question_document(question))
    known = [(bank.vocabulary[t], w) for t, w in tokens.items() if t in bank.vocabulary]
    lexical = np.zeros(len(bank.texts), dtype=np.float32)
    if known:
        columns, weights = zip(*known, strict=True)
        lexical = bank.matrix[:, list(columns)] @ np.array(weights, dtype=np.float32)
        lexical /= _norm(tokens)
    cosine = np.clip(bank.vectors @ vector, 0.0, None)
    english = bank.has_english & bool(vector.any())
    scores = np.where(english, _LEXICAL_SHARE * lexical + (1 - _LEXICAL_SHARE) * cosine, lexical)
    scores[bank.positions.get(question.text, [])] = -1.0  # never its own question
    best = int(np.argmax(scores))
    return Fit(own, float(scores[best]), bank.kinds[best], bank.texts[best])


def _similarity(
    tokens: dict[str, float], vector: np.ndarray, other: dict[str, float], other_vector
) -> float:
    shared = tokens.keys() & other.keys()
    lexical = sum(tokens[t] * other[t] for t in shared) / (_norm(tokens) * _norm(other) or 1.0)
    if not vector.any() or not other_vector.any():
        return lexical
    cosine = max(0.0, float(vector @ other_vector))
    return _LEXICAL_SHARE * lexical + (1 - _LEXICAL_SHARE) * cosine


@lru_cache(maxsize=256)
def _question_document(question: QuestionText) -> tuple[dict[str, float], np.ndarray]:
    text = " ".join((question.text, *question.key_points, question.reference))
    return _weighed_tokens(text), meaning.text_vector(text)


@dataclass(frozen=True)
class _Bank:
    """Every bank question as rows: weighed tokens (normalised), mean vectors, kinds."""

    texts: tuple[str, ...]
    kinds: tuple[str, ...]
    vocabulary: dict[str, int]
    matrix: np.ndarray  # question x token, each row of unit length
    vectors: np.ndarray  # question x 256
    has_english: np.ndarray  # question -> whether it has an English vector
    positions: dict[str, list[int]]  # question text -> its rows


_building = threading.Lock()


def prepare_in_background() -> threading.Thread:
    """Load the word vectors and read the banks in a background thread (app start-up)."""
    thread = threading.Thread(target=_bank, name="evaluator-warm-up", daemon=True)
    thread.start()
    return thread


def _bank() -> _Bank:
    with _building:
        return _built_bank()


@lru_cache(maxsize=1)
def _built_bank() -> _Bank:
    specs = [spec for track in banks.load_tracks().values() for spec in track.questions]
    documents = [
        _weighed_tokens(" ".join((spec.text, *spec.key_points, spec.reference_answer or "")))
        for spec in specs
    ]
    vocabulary = {token: i for i, token in enumerate(sorted(set().union(*documents)))}
    matrix = np.zeros((len(specs), len(vocabulary)), dtype=np.float32)
    for row, tokens in enumerate(documents):
        norm = _norm(tokens)
        for token, weight in tokens.items():
            matrix[row, vocabulary[token]] = weight / norm
    vectors = np.stack(
        [
            meaning.text_vector(
                " ".join((spec.text, *spec.key_points, spec.reference_answer or ""))
            )
            for spec in specs
        ]
    )
    return _Bank(
        texts=tuple(spec.text for spec in specs),
        kinds=tuple(question_kind(spec.text, f"{spec.category} {spec.type}") for spec in specs),
        vocabulary=vocabulary,
        matrix=matrix,
        vectors=vectors,
        has_english=vectors.any(axis=1),
        positions=_positions(spec.text for spec in specs),
    )


def _positions(texts) -> dict[str, list[int]]:
    found: dict[str, list[int]] = {}
    for row, text in enumerate(texts):
        found.setdefault(text, []).append(row)
    return found


@lru_cache(maxsize=256)
def _weighed_tokens(text: str) -> dict[str, float]:
    weight = topicality.specificity()
    return {token: weight.get(token, 1.0) for token in lang.content_tokens(text)}


def _norm(tokens: dict[str, float]) -> float:
    return float(np.sqrt(sum(w * w for w in tokens.values()))) or 1.0
