"""How much an answer is about its question: shared words weighed by how specific they are.

Each word the answer shares with the question counts its specificity (``specificity``), a word
only in the key points half that, and each word an answer about the question's classic subject
uses (``vocabulary.SUBJECT_WORDS``: "partition" for the CAP theorem) 0.5. Specificity is inverse
document frequency over the shipped banks, one document a question (its text, key points and
model answer: the 210 questions and key points alone are too few to learn that "read" or "write"
are common in backend talk), scaled so a word in at most ``_SPECIFIC_DF`` documents, or in none,
counts 1, and squared so common ones count little: "database" 0.16, "key" 0.12, "latency" 0.2,
"index" 0.4, "theorem" 1. ``non_answers`` sets the floors under which an answer is off-topic.
"""

import math
import re
from collections import Counter
from functools import lru_cache

from interview.questions import banks
from interview.scoring import language as lang
from interview.scoring import phrases
from interview.scoring import vocabulary as vocab
from interview.scoring.question import QuestionText

_SPECIFIC_DF = 2
_SPECIFIC_POWER = 2
SUBJECT_WORD_WEIGHT = 0.5
# A question without key points (a custom one) names a specific subject when it has a word of at
# least this specificity or a classic subject; an answer sharing nothing with it, not even its
# subject's words, is then about something else, even when it is in the same field.
_SPECIFIC_WORD = 0.5
# How a question asks is not what it asks about: "Tell me about", "Describe", "Explain".
_PROMPT_WORDS = re.compile(
    r"\b(?:tell me about|tell me|tell us|describe|explain|walk me through|talk me through"
    r"|give (?:a|an|one) (?:specific |concrete )?example|how would you|how do you|how did you"
    r"|what would you|what did you|what do you|can you|could you)\b"
    r"|请(?:你)?(?:介绍|讲讲|说说|谈谈|描述)|介绍一下|讲一讲|说一说|谈一谈",
    re.IGNORECASE,
)


@lru_cache(maxsize=256)
def subject_of(question: QuestionText) -> tuple[frozenset[str], frozenset[str]]:
    """The question's own content words (how it asks left out), and the technologies it or its
    key points name (lowercased)."""
    subject = lang.content_tokens(_PROMPT_WORDS.sub(" ", question.text))
    named = phrases.find_terms(" ".join((question.text, *question.key_points)))
    return frozenset(subject), frozenset(term.name.lower() for term in named)


def topicality(
    answer: set[str], subject: frozenset[str], reference: set[str], named: frozenset[str]
) -> float:
    # A technology's name is also its words ("Redis" and "redi", "分布式锁" and "分布"): a name
    # whose words are all shared already counts once, as its words.
    shared = answer & reference
    shared -= {name for name in shared & named if _name_parts(name) <= shared}
    weight = specificity()
    return sum(weight.get(t, 1.0) * (1.0 if t in subject else 0.5) for t in shared)


def subject_words_said(text: str, question: QuestionText) -> int:
    """How many of the words an answer about the question's classic subjects uses it says."""
    pattern = _subject_words_pattern(question)
    if pattern is None:
        return 0
    return len({match.lastindex for match in pattern.finditer(text.lower())})


@lru_cache(maxsize=256)
def _subject_words_pattern(question: QuestionText) -> re.Pattern | None:
    # The question names its subject; key points name its details (a question about the CAP
    # theorem may mention caching in one), whose words would make too many answers on topic.
    about = question.text.lower()
    said = [
        phrase
        for names, words in vocab.SUBJECT_WORDS
        if _phrase_pattern("|".join(_phrase_regex(name) for name in names)).search(about)
        for phrase in words
    ]
    if not said:
        return None
    groups = "|".join(f"({_phrase_regex(phrase)})" for phrase in dict.fromkeys(said))
    return _phrase_pattern(groups)


@lru_cache(maxsize=1024)
def _phrase_pattern(alternatives: str) -> re.Pattern:
    return re.compile(rf"(?<![a-z0-9])(?:{alternatives})(?![a-z0-9])")


def _phrase_regex(phrase: str) -> str:
    return re.escape(phrase).replace(r"\*", "[a-z]*")


@lru_cache(maxsize=256)
def specific_subject(question: QuestionText) -> bool:
    subject, _ = subject_of(question)
    weight = specificity()
    named = _subject_words_pattern(question) is not None
    return named or any(weight.get(token, 1.0) >= _SPECIFIC_WORD for token in subject)


@lru_cache(maxsize=256)
def topic_tokens(topic: str) -> frozenset[str]:
    return frozenset(lang.content_tokens(topic))


@lru_cache(maxsize=1)
def specificity() -> dict[str, float]:
    """Content token -> how specific it is, 0..1, for tokens in more than ``_SPECIFIC_DF`` bank
    questions; any other token counts 1. Built once, from the shipped banks."""
    documents = [
        lang.content_tokens(" ".join((q.text, *q.key_points, q.reference_answer or "")))
        for track in banks.load_tracks().values()
        for q in track.questions
    ]
    frequency = Counter(token for document in documents for token in document)
    # A Chinese bigram is rare among all questions only because few are in Chinese.
    chinese = sum(any(lang.cjk_chars(token) for token in document) for document in documents)
    weights = {}
    for token, count in frequency.items():
        total = chinese if lang.cjk_chars(token) else len(documents)
        if count > _SPECIFIC_DF:
            idf = math.log(total / count) / math.log(total / _SPECIFIC_DF)
            weights[token] = max(0.0, min(1.0, idf)) ** _SPECIFIC_POWER
    return weights


@lru_cache(maxsize=1024)
def _name_parts(name: str) -> frozenset[str]:
    parts = lang.content_tokens(name) - {name}
    return frozenset(parts) if parts else frozenset({""})
