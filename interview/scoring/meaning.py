"""What words mean, offline: static word embeddings shipped inside the ``wordllama`` wheel.

Two texts can say the same thing in different words ("wait forever for each other's locks" and
"none of them can proceed"); counting shared words misses that. WordLlama's weights (a 32,000
token x 256 table distilled from a large language model's token embeddings, 16 MB) come inside
its wheel, so nothing is downloaded: its loader would look for the tokenizer under a cache
folder and otherwise fetch it from the internet, so the two files are opened from the installed
package instead. A word's vector is the mean of its tokens' rows, normalised; similarity is the
cosine. Chinese is read as character pairs, each embedded the same way.

Loading takes about 0.2 s and happens on the first answer read, not at import (app start-up).
"""

import logging
import re
from collections.abc import Iterable
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

import numpy as np

from interview.scoring import language as lang
from interview.scoring import vocabulary as vocab

_WORD = re.compile(r"[a-z][a-z0-9+#]*(?:['’][a-z]+)?")
_WORD_CACHE_LIMIT = 200_000  # words and pairs seen by one process; each vector is 1 KB


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


@lru_cache(maxsize=1)
def _model():
    """The embedding table (normalised rows) and the tokenizer, from the installed wheel."""
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
    return np.ascontiguousarray(table, dtype=np.float32), tokenizer


_vectors: dict[str, np.ndarray] = {}


def vectors(units: list[str]) -> np.ndarray:
    """One normalised vector per word or character pair (rows in the order given)."""
    if not units:
        return np.zeros((0, 256), dtype=np.float32)
    missing = [unit for unit in dict.fromkeys(units) if unit not in _vectors]
    if missing:
        _remember(missing)
    return np.stack([_vectors[unit] for unit in units])


def _remember(units: list[str]) -> None:
    table, tokenizer = _model()
    if len(_vectors) + len(units) > _WORD_CACHE_LIMIT:
        _vectors.clear()
    encodings = tokenizer.encode_batch(units, add_special_tokens=False)
    for unit, encoding in zip(units, encodings, strict=True):
        ids = encoding.ids or [0]
        vector = table[ids].mean(axis=0)
        _vectors[unit] = vector / max(float(np.linalg.norm(vector)), 1e-6)


def units(text: str) -> list[str]:
    """What a text says, as units: English content words and Chinese character pairs."""
    words = (re.sub(r"['’]s$", "", word) for word in _WORD.findall(text.lower()))
    english = [w for w in words if w not in vocab.STOPWORDS and len(w) > 1]
    chinese = []
    for run in lang.chinese_runs(text):
        pairs = [run[i : i + 2] for i in range(len(run) - 1)] if len(run) > 1 else [run]
        chinese += [pair for pair in pairs if not set(pair) <= vocab.FUNCTION_CHARS]
    return english + chinese


def text_vector(text: str) -> np.ndarray:
    """The mean of a text's English word vectors, normalised (zeros for a text with none)."""
    found = vectors([unit for unit in units(text) if unit.isascii()])
    if not len(found):
        return np.zeros(256, dtype=np.float32)
    mean = found.mean(axis=0)
    return mean / max(float(np.linalg.norm(mean)), 1e-6)


def recall(said: Iterable[str], wanted: Iterable[str], weight=None) -> float:
    """How much of ``wanted`` is said, by meaning: each wanted English word's best cosine with a
    said word, each Chinese pair 1 if said, averaged (1.0: everything, or a synonym, is there).
    ``weight(unit)``, if given, says how much each wanted unit counts."""
    said, wanted = list(said), list(wanted)
    if not said or not wanted:
        return 0.0
    weights = np.array([weight(unit) if weight else 1.0 for unit in wanted])
    found = np.array([float(unit in said) for unit in wanted])
    english = [i for i, unit in enumerate(wanted) if unit.isascii()]
    said_english = [unit for unit in said if unit.isascii()]
    if english and said_english:
        best = best_matches(said_english, [wanted[i] for i in english])
        found[english] = np.clip(best, 0, 1)
    return float((found * weights).sum() / weights.sum())


def best_matches(said: list[str], wanted: list[str]) -> np.ndarray:
    """For each wanted unit, its best cosine with any said unit."""
    return (vectors(wanted) @ vectors(said).T).max(axis=1)


def is_chinese(units_of_text: list[str]) -> bool:
    """Whether most of a text's units are Chinese character pairs."""
    return sum(not unit.isascii() for unit in units_of_text) * 2 > len(units_of_text)


def dictionary_share(words: list[str]) -> float:
    """Share of English words (two letters or more) that are whole words of the vocabulary."""
    words = [word for word in words if len(word) > 1]
    if not words:
        return 0.0
    tokenizer = _model()[1]
    return sum(tokenizer.token_to_id("▁" + word) is not None for word in words) / len(words)
