"""What words mean, offline: static word embeddings shipped inside the ``wordllama`` wheel.

Two texts can say the same thing in different words ("wait forever for each other's locks" and
"none of them can proceed"); counting shared words misses that. WordLlama's weights (a 32,000
token x 256 table distilled from a large language model's token embeddings, 16 MB) come inside
its wheel, so nothing is downloaded: its loader would look for the tokenizer under a cache
folder and otherwise fetch it from the internet, so the two files are opened from the installed
package instead. A word's vector is the mean of its tokens' rows, normalised; similarity is the
cosine. Chinese is read as character pairs, each embedded the same way.

Loading takes about 0.3 s, off the request path: ``bank_fit.prepare_in_background`` starts it
when the app opens the API, and the first answer read waits for it only if it is still going.
"""

import logging
import re
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from interview.scoring import language as lang
from interview.scoring import vocabulary as vocab

# A word, without a possessive "'s" ("other's" is "other"; "don't" stays whole).
_WORD = re.compile(r"[a-z][a-z0-9+#]*(?:['’](?!s\b)[a-z]+)?")
_WORD_CACHE_LIMIT = 100_000  # words of several tokens met by one process; 1 KB each


@contextmanager
def _logging_left_alone():
    # wordllama calls logging.basicConfig(level=INFO) when imported, which would configure the
    # whole application's root logger: undo that.
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:
        yield
    finally:
        root.handlers[:] = handlers
        root.setLevel(level)


_loading = threading.Lock()  # the app's threads (and the warm-up) load the table once


def _model():
    """The embedding table and the tokenizer, loaded once per process."""
    with _loading:
        return _load()


@lru_cache(maxsize=1)
def _load() -> "_Model":
    """The embedding table and the tokenizer, from the installed wheel."""
    with _logging_left_alone():
        import wordllama
    from safetensors.numpy import load_file
    from tokenizers import Tokenizer

    folder = Path(wordllama.__file__).parent
    table = load_file(str(folder / "weights" / "l2_supercat_256.safetensors"))["embedding.weight"]
    tokenizer = Tokenizer.from_file(
        str(folder / "tokenizers" / "l2_supercat_tokenizer_config.json")
    )
    tokenizer.no_padding()
    tokenizer.no_truncation()
    table = np.asarray(table, dtype=np.float32)
    whole_words = {
        token[1:]: index for token, index in tokenizer.get_vocab().items() if token[:1] == "▁"
    }
    return _Model(table, _normalised(table), tokenizer, whole_words)


@dataclass(frozen=True)
class _Model:
    table: np.ndarray  # token -> its row
    rows: np.ndarray  # the same rows normalised: a one-token word's vector
    tokenizer: object
    whole_words: dict[str, int]  # a word that is one token of the vocabulary -> that token


# Vectors of words made of several tokens, as met (most words are one token: ``_Model.rows``).
_pieced: dict[str, np.ndarray] = {}


def vectors(units: list[str]) -> np.ndarray:
    """One normalised vector per word or character pair (rows in the order given)."""
    if not units:
        return np.zeros((0, 256), dtype=np.float32)
    model = _model()
    ids = [model.whole_words.get(unit, 0) for unit in units]
    found = model.rows[ids]
    pieced = [i for i, unit in enumerate(units) if unit not in model.whole_words]
    if pieced:
        # Read from a copy of what is known, so another thread's update never gets in the way.
        known = {units[i]: _pieced.get(units[i]) for i in pieced}
        missing = [unit for unit, vector in known.items() if vector is None]
        if missing:
            fresh = _embedded(model, missing)
            known.update(fresh)
            if len(_pieced) + len(fresh) > _WORD_CACHE_LIMIT:
                _pieced.clear()
            _pieced.update(fresh)
        found[pieced] = np.stack([known[units[i]] for i in pieced])
    return found


def _embedded(model: _Model, units: list[str]) -> dict[str, np.ndarray]:
    """Each unit's vector: the normalised sum of its tokens' rows."""
    encodings = model.tokenizer.encode_batch(units, add_special_tokens=False)
    ids = [encoding.ids or [0] for encoding in encodings]
    lengths = np.array([len(row) for row in ids])
    starts = np.concatenate(([0], np.cumsum(lengths)[:-1]))
    sums = np.add.reduceat(model.table[np.concatenate(ids)], starts, axis=0)
    return dict(zip(units, _normalised(sums), strict=True))


def _normalised(rows: np.ndarray) -> np.ndarray:
    return rows / np.maximum(np.linalg.norm(rows, axis=1, keepdims=True), 1e-6)


@lru_cache(maxsize=1024)
def units(text: str) -> tuple[str, ...]:
    """What a text says, as units: English content words and Chinese character pairs."""
    words = _WORD.findall(text.lower())
    english = [w for w in words if w not in vocab.STOPWORDS and len(w) > 1]
    chinese = []
    for run in lang.chinese_runs(text):
        pairs = [run[i : i + 2] for i in range(len(run) - 1)] if len(run) > 1 else [run]
        chinese += [pair for pair in pairs if not set(pair) <= vocab.FUNCTION_CHARS]
    return tuple(english + chinese)


@lru_cache(maxsize=1024)
def text_vector(text: str) -> np.ndarray:
    """The mean of a text's English word vectors, normalised (zeros for a text with none)."""
    found = _english_matrix(units(text))
    if not len(found):
        return np.zeros(256, dtype=np.float32)
    mean = found.mean(axis=0)
    return mean / max(float(np.linalg.norm(mean)), 1e-6)


def text_vectors(texts: list[str]) -> np.ndarray:
    """``text_vector`` of each text, one row each, their words looked up in one batch."""
    english = [[unit for unit in units(text) if unit.isascii()] for text in texts]
    counts = np.array([len(words) for words in english])
    found = np.zeros((len(texts), 256), dtype=np.float32)
    if not counts.any():
        return found
    matrix = vectors([unit for words in english for unit in words])
    said = counts > 0
    starts = np.concatenate(([0], np.cumsum(counts)[:-1]))[said]
    means = np.add.reduceat(matrix, starts, axis=0) / counts[said, None]
    found[said] = _normalised(means)
    return found


def recall(said: tuple[str, ...], wanted: tuple[str, ...], weight=None) -> float:
    """How much of ``wanted`` is said, by meaning: each wanted English word's best cosine with a
    said word, each Chinese pair 1 if said, averaged (1.0: everything, or a synonym, is there).
    ``weight(wanted)``, if given, says how much each wanted unit counts (an array)."""
    if not said or not wanted:
        return 0.0
    english = [unit.isascii() for unit in wanted]
    said_set = frozenset(said)
    found = np.array(
        [0.0 if ascii_ else float(u in said_set) for u, ascii_ in zip(wanted, english, strict=True)]
    )
    said_english = _english_matrix(said)
    if any(english) and len(said_english):
        best = (_expected_matrix(wanted) @ said_english.T).max(axis=1)
        found[np.array(english)] = np.clip(best, 0, 1)
    if weight is None:
        return float(found.mean())
    weights = weight(wanted)
    return float((found * weights).sum() / weights.sum())


@lru_cache(maxsize=2048)
def _english_matrix(text_units: tuple[str, ...]) -> np.ndarray:
    """The vectors of a text's English units, one row each."""
    return vectors([unit for unit in text_units if unit.isascii()])


@lru_cache(maxsize=2048)
def _expected_matrix(wanted: tuple[str, ...]) -> np.ndarray:
    """``_english_matrix`` of what a question expects (its reference answer, a key point): met
    again by every answer to the question, so kept apart from the answers' own."""
    return _english_matrix.__wrapped__(wanted)


@lru_cache(maxsize=512)
def reference_vector(reference: str) -> np.ndarray:
    """``text_vector`` of a question's reference answer, kept apart from the answers' own: every
    answer to the question meets it again."""
    return text_vector.__wrapped__(reference)


def is_chinese(units_of_text: tuple[str, ...]) -> bool:
    """Whether most of a text's units are Chinese character pairs."""
    return sum(not unit.isascii() for unit in units_of_text) * 2 > len(units_of_text)


def dictionary_share(words: list[str]) -> float:
    """Share of English words (two letters or more) that are whole words of the vocabulary."""
    words = [word for word in words if len(word) > 1]
    if not words:
        return 0.0
    whole_words = _model().whole_words
    return sum(word in whole_words for word in words) / len(words)
