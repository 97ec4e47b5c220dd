"""Reading English and Chinese text: sentences, words, named technologies, markers, numbers.

English is read as word tokens; Chinese is never split on whitespace: it is read as characters,
character bigrams and the known terms and words in ``vocabulary``.
"""

import re
from dataclasses import dataclass
from functools import cache

from interview import vocabulary as vocab

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_CHAR = re.compile(f"[{_CJK}]")
_CJK_RUN = re.compile(f"[{_CJK}]+")
_WORD = re.compile(r"[a-z][a-z0-9]*(?:['’][a-z]+)?")
# A sentence ends at Chinese punctuation or a line break anywhere, and at ". ! ? ;" only before
# a space or the end (so "Node.js", "e.g." and "3.5" stay inside their sentence).
_SENTENCE_END = re.compile(r"[。！？；\n]+|(?<!e\.g)(?<!i\.e)(?<!\bvs)[.!?;]+(?=\s|$)")
_NUMBER = r"\d+(?:[.,]\d+)*"
_UNIT = (
    r"%|percent|x|×|times|ms|milliseconds?|seconds?|secs?|s|minutes?|mins?|hours?|hrs?|h|days?"
    r"|weeks?|months?|years?|k|m|b|million|billion|thousand|tb|gb|mb|kb|qps|tps|rps|rpm"
    r"|requests?|users?|customers?|servers?|nodes?|instances?|engineers?|people|usd|dollars?"
    r"|毫秒|秒|分钟|小时|天|周|个月|月|年|万|亿|千|倍|台|个|次|条|人|元"
)
_METRIC = re.compile(
    rf"[$¥€£]\s?{_NUMBER}\s?[kmb]?|{_NUMBER}\s?(?:{_UNIT})(?![a-z])"
    r"|百分之[\d一二两三四五六七八九十百]+|[一二两三四五六七八九十百千]+(?:倍|成|万|亿)",
    re.IGNORECASE,
)
_BARE_NUMBER = re.compile(_NUMBER)
_HAS_WORDS = re.compile(r"\w")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str  # exactly answer[start:end], so it can be quoted verbatim


@dataclass(frozen=True)
class Term:
    name: str  # the name we print ("Redis", "分布式锁")
    domains: frozenset[str]
    start: int
    end: int


def is_mainly_chinese(text: str) -> bool:
    """Chinese when it has at least as many CJK characters as English words."""
    cjk = len(_CJK_CHAR.findall(text))
    return cjk > 0 and cjk >= len(_WORD.findall(text.lower()))


def split_sentences(text: str) -> list[Sentence]:
    """Sentences as spans of the original text, blank ones dropped."""
    sentences, start = [], 0
    for end_mark in _SENTENCE_END.finditer(text):
        sentences.append(_sentence(text, start, end_mark.end()))
        start = end_mark.end()
    sentences.append(_sentence(text, start, len(text)))
    # A stray "." between two sentences is not a sentence.
    return [sentence for sentence in sentences if _HAS_WORDS.search(sentence.text)]


def _sentence(text: str, start: int, end: int) -> Sentence:
    raw = text[start:end]
    lead = len(raw) - len(raw.lstrip())
    body = raw.strip()
    return Sentence(start + lead, start + lead + len(body), body)


def words(text: str) -> list[str]:
    """English word tokens, lowercased."""
    return _WORD.findall(text.lower())


def cjk_chars(text: str) -> list[str]:
    return _CJK_CHAR.findall(text)


def chinese_runs(text: str) -> list[str]:
    """Unbroken stretches of Chinese characters."""
    return _CJK_RUN.findall(text)


def size(text: str) -> float:
    """Length in English-word equivalents: a Chinese word is about two characters."""
    return len(words(text)) + len(cjk_chars(text)) / 2


def find_terms(text: str) -> list[Term]:
    """Named technologies and concepts, in order of appearance, overlapping matches dropped."""
    found, taken = [], set()
    for pattern, lookup in _term_patterns():
        for match in pattern.finditer(text):
            span = range(match.start(), match.end())
            if taken.intersection(span):
                continue
            taken.update(span)
            key = match.group(0) if lookup is None else lookup(match.group(0))
            name, domains = vocab.TECH_TERMS[key]
            found.append(Term(name, domains, match.start(), match.end()))
    return sorted(found, key=lambda term: term.start)


@cache
def _term_patterns() -> list[tuple[re.Pattern, object]]:
    exact = [alias[1:] for alias in vocab.TECH_TERMS if alias.startswith("=")]
    chinese = [alias for alias in vocab.TECH_TERMS if _CJK_CHAR.match(alias)]
    english = [a for a in vocab.TECH_TERMS if a[0] != "=" and a not in set(chinese)]
    folded = {alias.lower(): alias for alias in english}
    return [
        (_alternation(exact, 0), lambda text: "=" + text),
        (_alternation(english, re.IGNORECASE), lambda text: folded[text.lower()]),
        (_alternation(chinese, 0, bounded=False), None),
    ]


def _alternation(phrases: list[str], flags: int, bounded: bool = True) -> re.Pattern:
    # Longest first, so "Spring Boot" wins over "Spring" and "分布式锁" over "分布式". Chinese
    # terms need no word boundary: "Redis分布式锁" holds two terms.
    body = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
    if not bounded:
        return re.compile(body, flags)
    return re.compile(rf"(?<![A-Za-z0-9_])(?:{body})(?![A-Za-z0-9_])", flags)


def find_markers(text: str, phrases: tuple[str, ...]) -> list[tuple[str, int]]:
    """Which of the phrases occur, each once, with the position of its first occurrence."""
    lowered = text.lower()
    return [(phrase, m.start()) for phrase in phrases if (m := _marker(phrase).search(lowered))]


@cache
def _marker(phrase: str) -> re.Pattern:
    if _CJK_CHAR.search(phrase):
        return re.compile(re.escape(phrase))
    return re.compile(rf"(?<![a-z0-9']){re.escape(phrase)}(?![a-z0-9'])")


def find_metrics(text: str) -> list[re.Match]:
    """Numbers with a unit ("40%", "200 ms", "3x", "2万 QPS", "百分之三十", "两倍")."""
    return list(_METRIC.finditer(text))


def count_numbers(text: str) -> int:
    return len(_BARE_NUMBER.findall(text))


def stem(word: str) -> str:
    """A crude English stem, the same on both sides of a comparison ("indexes" ~ "index")."""
    for suffix, keep in (("ies", "y"), ("ing", ""), ("es", ""), ("ed", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)] + keep
    return word


def content_tokens(text: str) -> set[str]:
    """What a text is about: stemmed content words, term names, and Chinese bigrams."""
    english = {stem(w) for w in words(text) if w not in vocab.STOPWORDS | vocab.COMMON_WORDS}
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
    total = len(cjk_chars(text))
    return len(_chinese_word_positions(text)) / total if total else 0.0


def _chinese_word_positions(text: str) -> set[int]:
    covered = set()
    for run in _CJK_RUN.finditer(text):
        chars = run.group(0)
        for i in range(len(chars) - 1):
            if chars[i : i + 2] in vocab.COMMON_WORDS_ZH:
                covered.update((run.start() + i, run.start() + i + 1))
    for term in find_terms(text):
        covered.update(i for i in range(term.start, term.end) if _CJK_CHAR.match(text[i]))
    return covered
