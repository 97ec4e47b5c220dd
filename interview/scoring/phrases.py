"""Finding the vocabulary's phrases in a text: named technologies and answer markers.

Hundreds of phrases are searched in every answer and in each of its sentences, so each list is
compiled once into one regex built from a prefix tree (one pass over a text instead of one search
per phrase), and results are cached per text. English phrases match on word boundaries, Chinese
ones as substrings (Chinese is written without spaces).
"""

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from interview.scoring import vocabulary as vocab

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK_CHAR = re.compile(f"[{CJK}]")


@dataclass(frozen=True)
class Term:
    name: str  # the name we print ("Redis", "分布式锁")
    domains: frozenset[str]
    start: int
    end: int


def find_terms(text: str) -> list[Term]:
    """Named technologies and concepts, in order of appearance, overlapping matches dropped."""
    return list(_terms_in(text))


@lru_cache(maxsize=1024)
def _terms_in(text: str) -> tuple[Term, ...]:
    # One answer is searched for terms many times over (its features, its units, its tokens),
    # and so is each of its sentences when evidence is picked: read each text once.
    found, taken = [], set()
    for pattern, lookup, lowered in _term_patterns(folds_simply(text)):
        for match in pattern.finditer(text.lower() if lowered else text):
            span = range(match.start(), match.end())
            if taken.intersection(span):
                continue
            taken.update(span)
            said = text[match.start() : match.end()]
            key = said if lookup is None else lookup(said)
            name, domains = vocab.TECH_TERMS[key]
            found.append(Term(name, domains, match.start(), match.end()))
    return tuple(sorted(found, key=lambda term: term.start))


def folds_simply(text: str) -> bool:
    """Whether case-insensitive matching is the same as matching the lowercased text.

    It is when every letter is ASCII or has no case (Chinese); a few letters such as "ſ" or
    "K" (Kelvin) fold onto ASCII ones, and "İ" lowercases to two characters.
    """
    return text.isascii() or all(c.isascii() or c.lower() == c == c.upper() for c in set(text))


@cache
def _term_patterns(simple: bool) -> list[tuple[re.Pattern, object, bool]]:
    """(pattern, alias lookup, whether it reads the lowercased text), in order of precedence."""
    exact = [alias[1:] for alias in vocab.TECH_TERMS if alias.startswith("=")]
    chinese = [alias for alias in vocab.TECH_TERMS if CJK_CHAR.match(alias)]
    english = [a for a in vocab.TECH_TERMS if a[0] != "=" and a not in set(chinese)]
    folded = {alias.lower(): alias for alias in english}
    # The English aliases are ASCII. Matching lowercased text case-sensitively finds the same
    # terms as matching case-insensitively, much faster, unless the text has letters that fold
    # unusually (``folds_simply``).
    lowercase = [alias.lower() for alias in english]
    english_flags = 0 if simple else re.IGNORECASE
    return [
        (_alternation(exact, 0), lambda text: "=" + text, False),
        (_alternation(lowercase, english_flags), lambda text: folded[text.lower()], simple),
        (_alternation(chinese, 0, bounded=False), None, False),
    ]


def _alternation(phrases: list[str], flags: int, bounded: bool = True) -> re.Pattern:
    # Longest first, so "Spring Boot" wins over "Spring" and "分布式锁" over "分布式": the
    # phrases become a prefix tree whose longer branches are tried before a shorter phrase ends
    # (one pass over the text instead of hundreds of alternatives at every position). Chinese
    # terms need no word boundary: "Redis分布式锁" holds two terms.
    if not bounded:
        return re.compile(_prefix_tree_pattern(_prefix_tree(phrases)), flags)
    return re.compile(_bounded(phrases, "A-Za-z0-9_"), flags)


def _bounded(phrases: list[str], word_chars: str) -> str:
    """A pattern for the phrases, not preceded or followed by one of the word characters."""
    tree = _prefix_tree(phrases)
    if len(tree) > _FEW_FIRST_CHARS:
        return rf"(?<![{word_chars}])(?:{_prefix_tree_pattern(tree)})(?![{word_chars}])"
    # With few first characters the regex engine skips ahead to them, if the pattern starts
    # with one: the boundary before a phrase is then checked after its first character.
    body = _prefix_tree_pattern(tree, rf"(?<![{word_chars}][\s\S])")
    return rf"(?:{body})(?![{word_chars}])"


_FEW_FIRST_CHARS = 8


def _prefix_tree(phrases: list[str]) -> dict:
    tree: dict = {}
    for phrase in phrases:
        node = tree
        for char in phrase:
            node = node.setdefault(char, {})
        node[""] = {}  # a phrase ends here
    return tree


def _prefix_tree_pattern(node: dict, after_first: str = "") -> str:
    """The tree as a regex; ``after_first`` goes after the first character of every phrase."""
    branches = [
        re.escape(char) + after_first + _prefix_tree_pattern(child)
        for char, child in node.items()
        if char
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" not in node:
        return body
    # A phrase ends here, but a longer one going on is tried first (the greedy "?").
    return ("(?:" + body + ")?") if len(branches) > 1 or len(body) > 1 else body + "?"


def find_markers(text: str, phrases: tuple[str, ...]) -> list[tuple[str, int]]:
    """Which of the phrases occur, each once, with the position of its first occurrence."""
    lowered = text.lower()
    known = _marker_positions(lowered)
    if _MARKER_PHRASES.issuperset(phrases):
        return [(phrase, known[phrase]) for phrase in phrases if phrase in known]
    return [
        (phrase, position)
        for phrase in phrases
        if (position := _first_position(phrase, lowered, known)) is not None
    ]


def _first_position(phrase: str, lowered: str, known: dict[str, int]) -> int | None:
    if phrase in _MARKER_PHRASES:
        return known.get(phrase)
    match = _marker(phrase).search(lowered)
    return match.start() if match else None


@cache
def _marker(phrase: str) -> re.Pattern:
    if CJK_CHAR.search(phrase):
        return re.compile(re.escape(phrase))
    return re.compile(rf"(?<![a-z0-9']){re.escape(phrase)}(?![a-z0-9'])")


# Every marker phrase of the vocabulary is found in one pass over a text, instead of one search
# per phrase. English phrases match on word boundaries and Chinese ones as substrings, as in
# ``_marker``. At each position the pass finds the longest phrase; any shorter phrase matching
# there is a prefix of it, so it is checked from a table of prefixes.
_MARKER_PHRASES = frozenset(
    vocab.EXAMPLE_MARKERS
    + vocab.ACTION_MARKERS
    + vocab.REASONING_MARKERS
    + vocab.CHALLENGE_MARKERS
    + vocab.SOLUTION_MARKERS
    + vocab.IMPACT_WORDS
    + vocab.STRUCTURE_MARKERS
    + vocab.FILLER_MARKERS
    + vocab.DONT_KNOW_MARKERS
)


def _marker_scanner(phrases: list[str], bounded: bool) -> re.Pattern:
    if not bounded:
        return re.compile(_prefix_tree_pattern(_prefix_tree(phrases)))
    return re.compile(_bounded(phrases, "a-z0-9'"))


def _shorter_phrases(phrases: list[str]) -> dict[str, tuple[str, ...]]:
    return {
        phrase: tuple(p for p in phrases if p != phrase and phrase.startswith(p))
        for phrase in phrases
    }


_CHINESE_MARKERS = sorted(p for p in _MARKER_PHRASES if CJK_CHAR.search(p))
_ENGLISH_MARKERS = sorted(p for p in _MARKER_PHRASES if not CJK_CHAR.search(p))
_MARKER_SCANS = (
    (_marker_scanner(_ENGLISH_MARKERS, True), _shorter_phrases(_ENGLISH_MARKERS), True),
    (_marker_scanner(_CHINESE_MARKERS, False), _shorter_phrases(_CHINESE_MARKERS), False),
)
_WORD_EDGE = re.compile("(?![a-z0-9'])")


@lru_cache(maxsize=1024)
def _marker_positions(lowered: str) -> dict[str, int]:
    """Each vocabulary marker phrase found in a lowercased text -> where it first occurs."""
    first: dict[str, int] = {}
    for scanner, shorter, bounded in _MARKER_SCANS:
        # Phrases may overlap ("we fixed", "fixed"), so look again one character further on.
        match = scanner.search(lowered)
        while match:
            at = match.start()
            first.setdefault(match.group(0), at)
            for phrase in shorter[match.group(0)]:
                if not bounded or _WORD_EDGE.match(lowered, at + len(phrase)):
                    first.setdefault(phrase, at)
            match = scanner.search(lowered, at + 1)
    return first
