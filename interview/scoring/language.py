"""Reading English and Chinese text: sentences, words, named technologies, markers, numbers.

English is read as word tokens; Chinese is never split on whitespace: it is read as characters,
character bigrams and the known terms and words in ``vocabulary``.
"""

import re
from dataclasses import dataclass
from functools import lru_cache

from interview.scoring import vocabulary as vocab
from interview.scoring.phrases import CJK, CJK_CHAR, find_terms

_CJK_RUN = re.compile(f"[{CJK}]+")
_WORD = re.compile(r"[a-z][a-z0-9]*(?:['’][a-z]+)?")
# A sentence ends at Chinese punctuation or a line break anywhere, and at ". ! ? ;" only before
# a space or the end (so "Node.js", "e.g." and "3.5" stay inside their sentence).
_SENTENCE_END = re.compile(r"[。！？；\n]+|(?<!e\.g)(?<!i\.e)(?<!\bvs)[.!?;]+(?=\s|$)")
# A whole sentence, as evidence quotes it, runs on past a semicolon.
_WHOLE_SENTENCE_END = re.compile(r"[。！？\n]+|(?<!e\.g)(?<!i\.e)(?<!\bvs)[.!?]+(?=\s|$)")
_NUMBER = r"\d+(?:[.,]\d+)*"
# Things a candidate counts besides time and money ("300 lines", "30 deploys", "two teams").
_COUNTED = (
    r"pages?|rows?|lines?|records?|messages?|events?|queries|calls?|retries|replicas?|shards?"
    r"|partitions?|pods?|services?|teams?|tests?|deploys?|deployments?|releases?|sprints?"
    r"|quarters?|tickets?|bugs?|incidents?|steps?|points?|managers?|interviews?|experiments?"
)
_UNIT = (
    r"%|percent|x|×|times|ms|milliseconds?|seconds?|secs?|s|minutes?|mins?|hours?|hrs?|h|days?"
    r"|weeks?|months?|years?|k|m|b|million|billion|thousand|tb|gb|mb|kb|qps|tps|rps|rpm"
    r"|requests?|users?|customers?|servers?|nodes?|instances?|engineers?|people|usd|dollars?"
    rf"|{_COUNTED}|毫秒|秒|分钟|小时|天|周|个月|月|年|万|亿|千|倍|台|个|次|条|人|元"
)
# Numbers written as words count as numbers do: "three days", "two and a half weeks", "一半".
_TIME_UNITS = r"seconds?|minutes?|hours?|days?|weeks?|months?|quarters?|years?|sprints?"
_NUMBER_WORD = (
    r"two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty"
    r"|fifty|sixty|ninety|a hundred|a dozen"
)
_WORD_METRIC = (
    rf"\b(?:(?:{_NUMBER_WORD})(?:[\s-]and a half)?[\s-](?:{_TIME_UNITS}|{_COUNTED}"
    r"|people|engineers?|users?|customers?|percent|times)"
    rf"|(?:one|a single|half an?)[\s-](?:{_TIME_UNITS})|(?:by|in) half|half the (?:time|cost)"
    r"|twice as|two thirds|a third of)(?![a-z])"
)
_ZH_NUMERAL = "一二两三四五六七八九十百千"
_ZH_METRIC = (
    rf"百分之[\d{_ZH_NUMERAL}]+|[{_ZH_NUMERAL}]+(?:倍|成|万|亿)|一半|半(?:天|年|小时|个月)"
    rf"|[{_ZH_NUMERAL[1:]}半][{_ZH_NUMERAL}]*(?:个月|个星期|星期|周|天|小时|分钟|秒|年|人|名|轮"
    r"|个团队|个服务|个版本|次)"
)
_METRIC = re.compile(
    rf"[$¥€£]\s?{_NUMBER}\s?[kmb]?|{_NUMBER}[\s-]?(?:{_UNIT})(?![a-z])|{_ZH_METRIC}",
    re.IGNORECASE,
)
# Trying every number word at every position is slow, so it runs only on a text holding one.
_WORD_METRIC_RE = re.compile(_WORD_METRIC, re.IGNORECASE)
_METRIC_WORDS = frozenset(_NUMBER_WORD.replace("a ", "").split("|")) | {"one", "half", "twice"}
_METRIC_WORDS |= {"single", "third", "thirds"}
_BARE_NUMBER = re.compile(_NUMBER)
# Concrete details a technical answer names: identifiers (customer_id, useMemo, React.memo,
# PodDisruptionBudget), calls and tuples ("(user_id, created_at)"), CSS declarations, flags.
# Each whitespace-separated token is checked on its own, which is much faster than a search.
_DETAIL = re.compile(
    r"[a-z][a-z0-9]*_[a-z0-9_]+|[a-z]+[A-Z][A-Za-z]+|[A-Z][a-z]+[A-Z][a-z]+[A-Za-z]*"
    r"|[A-Za-z]{2,}\.[a-z][A-Za-z]+(?:\(.*\)?)?|\w+\(.*\)?|[a-z]+-[a-z]+:|--[a-z][a-z-]+"
    r"|@[A-Z][A-Za-z]+"
)
_DETAIL_HINT = frozenset("_.(@:-")
_TOKEN_EDGE = "\"'“”‘’,;!?()[]{}"
_HAS_WORDS = re.compile(r"\w")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str  # exactly answer[start:end], so it can be quoted verbatim


def is_mainly_chinese(text: str) -> bool:
    """Chinese when it has at least as many CJK characters as English words."""
    cjk = len(CJK_CHAR.findall(text))
    return cjk > 0 and cjk >= len(_WORD.findall(text.lower()))


def split_sentences(text: str, whole: bool = False) -> list[Sentence]:
    """Sentences (or clauses between semicolons, unless ``whole``) as spans of the original
    text, blank ones dropped."""
    return list(_sentences_of(text, whole))


@lru_cache(maxsize=256)
def _sentences_of(text: str, whole: bool) -> tuple[Sentence, ...]:
    # Cached: an answer is split by the evidence, the analysis and the grader-text check alike.
    sentences, start = [], 0
    for end_mark in (_WHOLE_SENTENCE_END if whole else _SENTENCE_END).finditer(text):
        sentences.append(_sentence(text, start, end_mark.end()))
        start = end_mark.end()
    sentences.append(_sentence(text, start, len(text)))
    # A stray "." between two sentences is not a sentence.
    return tuple(sentence for sentence in sentences if _HAS_WORDS.search(sentence.text))


def _sentence(text: str, start: int, end: int) -> Sentence:
    raw = text[start:end]
    lead = len(raw) - len(raw.lstrip())
    body = raw.strip()
    return Sentence(start + lead, start + lead + len(body), body)


def words(text: str) -> list[str]:
    """English word tokens, lowercased."""
    return list(_words(text))


def cjk_chars(text: str) -> list[str]:
    return list(_cjk_chars(text))


# An answer's words and characters are counted by several features: tokenise each text once.
@lru_cache(maxsize=1024)
def _words(text: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(text.lower()))


@lru_cache(maxsize=1024)
def _cjk_chars(text: str) -> tuple[str, ...]:
    return tuple(CJK_CHAR.findall(text))


def chinese_runs(text: str) -> list[str]:
    """Unbroken stretches of Chinese characters."""
    return _CJK_RUN.findall(text)


def size(text: str) -> float:
    """Length in English-word equivalents: a Chinese word is about two characters."""
    return len(_words(text)) + len(_cjk_chars(text)) / 2


def find_metrics(text: str) -> list[re.Match]:
    """Numbers with a unit ("40%", "200 ms", "3x", "2万 QPS", "百分之三十", "两倍")."""
    found = list(_METRIC.finditer(text))
    if _METRIC_WORDS.intersection(_words(text)):
        found = sorted(found + list(_WORD_METRIC_RE.finditer(text)), key=lambda m: m.start())
    return found


def find_details(text: str) -> list[str]:
    """Concrete identifiers, calls and settings, each once, in order of appearance."""
    found = []
    for token in text.split():
        token = token.strip(_TOKEN_EDGE).rstrip(".")
        hinted = _DETAIL_HINT.intersection(token) or not token[1:].islower()
        if hinted and token.isascii() and _DETAIL.fullmatch(token):
            found.append(token)
    return list(dict.fromkeys(found))


def count_numbers(text: str) -> int:
    return len(_BARE_NUMBER.findall(text))


# British and American spellings meet: "prioritise" ~ "prioritize", "behaviour" ~ "behavior".
_BRITISH = re.compile(r"(isation|ising|ised|ises|ise|our|ours|yse|ysed)$")
_AMERICAN = {
    "isation": "ization",
    "ising": "izing",
    "ised": "ized",
    "ises": "izes",
    "ise": "ize",
    "our": "or",
    "ours": "ors",
    "yse": "yze",
    "ysed": "yzed",
}


@lru_cache(maxsize=8192)
def stem(word: str) -> str:
    """A crude English stem, the same on both sides of a comparison ("indexes" ~ "index").

    A final "e" goes too, so "update", "updates" and "updated" meet at "updat"; a few words
    of the same idea meet at one concept (``vocabulary.CONCEPTS``: "target" ~ "goal").
    """
    if word in vocab.CONCEPTS:
        return vocab.CONCEPTS[word]
    word = _BRITISH.sub(lambda m: _AMERICAN[m.group(1)], word) if len(word) > 5 else word
    for suffix, keep in (
        ("ies", "y"),
        ("ied", "y"),
        ("ing", ""),
        ("es", ""),
        ("ed", ""),
        ("s", ""),
    ):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)] + keep
            break
    if word.endswith("e") and len(word) > 4:
        word = word[:-1]
    return vocab.CONCEPTS.get(word, word)


_GENERAL_WORDS = vocab.STOPWORDS | vocab.COMMON_WORDS


def content_tokens(text: str) -> set[str]:
    """What a text is about: stemmed content words, term names, and Chinese bigrams."""
    english = {stem(w) for w in _words(text) if w not in _GENERAL_WORDS}
    terms = {term.name.lower() for term in find_terms(text)}
    return {t for t in english if len(t) > 1} | terms | chinese_bigrams(text)


def chinese_bigrams(text: str) -> set[str]:
    """Adjacent character pairs in Chinese runs, except pairs holding a function character."""
    pairs = set()
    for run in _CJK_RUN.findall(text):
        pairs.update(run[i : i + 2] for i in range(len(run) - 1))
    generic = vocab.FUNCTION_CHARS
    return {p for p in pairs if not set(p) & generic and p not in vocab.COMMON_WORDS_ZH}


def known_chinese_chars(text: str) -> int:
    """How many Chinese characters are function characters or inside a known word or term."""
    function_chars = {
        run.start() + i
        for run in _CJK_RUN.finditer(text)
        for i, char in enumerate(run.group(0))
        if char in vocab.FUNCTION_CHARS
    }
    return len(function_chars | _chinese_word_positions(text))


def chinese_word_share(text: str) -> float:
    """Share of Chinese characters inside a common word or a term: random characters have ~0."""
    total = len(_cjk_chars(text))
    return len(_chinese_word_positions(text)) / total if total else 0.0


def _chinese_word_positions(text: str) -> set[int]:
    covered = set()
    for run in _CJK_RUN.finditer(text):
        chars = run.group(0)
        for i in range(len(chars) - 1):
            if chars[i : i + 2] in vocab.COMMON_WORDS_ZH:
                covered.update((run.start() + i, run.start() + i + 1))
    for term in find_terms(text):
        covered.update(i for i in range(term.start, term.end) if CJK_CHAR.match(text[i]))
    return covered
