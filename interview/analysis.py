"""Text features of one answer, and the detectors that recognise a non-answer.

Every feature is a count, a list of what was found, or a share, so a score built from them can
say what it is made of. English is read as words; Chinese as characters, bigrams and known terms
(never split on whitespace). The detectors follow API.md: a blank, "I don't know", an echo of
the question, gibberish, a bare list of buzzwords, filler without substance, or a fluent answer
to a different question is a non-answer, whatever its length.
"""

import math
import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache

from interview import banks
from interview import language as lang
from interview import vocabulary as vocab

# Why these thresholds: ordinary prose is 30-50% stopwords / function characters and is almost
# all known words; random letters or characters are almost none; a pasted list of technologies
# is mostly term names with no grammar around it.
_GIBBERISH_KNOWN_SHARE = 0.3
_BUZZWORD_TERM_SHARE = 0.4
_BUZZWORD_PROSE_SHARE = 0.12
_ECHO_SHARE = 0.85
_DONT_KNOW_MAX_SIZE = 12
_RAMBLING_MIN_SIZE = 20
_RAMBLING_MIN_FILLERS = 3
_OFF_TOPIC_MIN_SIZE = 12
# Topicality (``_topicality``): each word the answer shares with the question counts its
# specificity (``_specificity``), a word only in the key points half that, and each word an answer
# about the question's classic subject uses (``vocabulary.SUBJECT_WORDS``: "partition" for the CAP
# theorem) 0.5. Specificity is inverse document frequency over the shipped banks, one document a
# question (its text, key points and model answer: the 210 questions and key points alone are too
# few to learn that "read" or "write" are common in backend talk), scaled so a word in at most
# ``_SPECIFIC_DF`` documents, or in none, counts 1, and squared so common ones count little:
# "database" 0.16, "key" 0.12, "latency" 0.2, "index" 0.4, "theorem" 1.
# Measured over the banks (non-story questions): every model answer (130-170 words) has at least
# 1.63 with its own question (the next lowest 2.0), while a model answer to the next question of
# its track has at most 1.3 (one of 81 has 2.04), so a long answer under ``_TOPICAL_FLOOR`` is
# about something else. A shorter answer has had less room: the floor grows by
# ``_TOPICAL_FLOOR_PER_WORD`` a word from ``_TOPICAL_FLOOR_START`` words (0.3 at 31 words, 0.87
# at 71, the full floor from 112). A 71-word answer about Redis caching has at most 0.79 with 22
# of the 24 backend questions not about caching; the first halves of model answers (70-85 words)
# have 0.96 and above but for one (0.53).
_TOPICAL_FLOOR = 1.45
_TOPICAL_FLOOR_START = 10
_TOPICAL_FLOOR_PER_WORD = 0.0143
_SPECIFIC_DF = 2
_SPECIFIC_POWER = 2
_SUBJECT_WORD_WEIGHT = 0.5
# A question without key points (a custom one) names a specific subject when it has a word of at
# least this specificity or a classic subject; an answer sharing nothing with it, not even its
# subject's words, is then about something else, even when it is in the same field.
_SPECIFIC_WORD = 0.5
# A story ("Tell me about a time ...") is told in its own words, not the question's: measured, a
# model story shares 0.23-12 with its own question (0.23 "a difficult stakeholder", 0.31
# "ownership"), so only a barer one is capped, and one sharing nothing is still on topic if it
# names the question's kind of technology. Other stories share 0-1.9 with it: most stay uncapped.
_STORY_TOPICAL_FLOOR = 0.15
# Saying "I don't know" and then only apologising or restating the question adds at most this
# many words or technologies of its own.
_ADMISSION_MAX_NEW_CONTENT = 6
_ADMISSION_MAX_SIZE = 45
# How a question asks is not what it asks about: "Tell me about", "Describe", "Explain".
_PROMPT_WORDS = re.compile(
    r"\b(?:tell me about|tell me|tell us|describe|explain|walk me through|talk me through"
    r"|give (?:a|an|one) (?:specific |concrete )?example|how would you|how do you|how did you"
    r"|what would you|what did you|what do you|can you|could you)\b"
    r"|请(?:你)?(?:介绍|讲讲|说说|谈谈|描述)|介绍一下|讲一讲|说一说|谈一谈",
    re.IGNORECASE,
)
_NEIGHBOURS = {
    "backend": ("devops", "data"),
    "devops": ("backend", "data", "people"),
    "data": ("backend", "devops", "product"),
    "product": ("data", "people"),
}


# A technology's own name ("JavaScript", "Node.js") is a term, not a further concrete detail.
_TERM_ALIASES = frozenset(alias.lstrip("=").lower() for alias in vocab.TECH_TERMS)


@dataclass(frozen=True)
class QuestionText:
    """What an answer is judged against: the question, its key points and its topic words."""

    text: str
    key_points: tuple[str, ...] = ()
    topic: str = ""  # the main question of a follow-up, the category and the type


@dataclass(frozen=True)
class AnswerFeatures:
    text: str
    sentences: tuple[lang.Sentence, ...]  # repeats dropped
    size: float  # in English-word equivalents
    terms: tuple[lang.Term, ...]  # distinct, first occurrence
    on_topic_terms: tuple[str, ...]  # names of terms in the question's domains (or general)
    metrics: tuple[str, ...]
    numbers: int
    examples: tuple[str, ...]
    details: tuple[str, ...]  # concrete identifiers and settings ("customer_id", "React.memo")
    actions: tuple[str, ...]
    reasons: tuple[str, ...]
    challenges: tuple[str, ...]
    solutions: tuple[str, ...]
    impact_words: tuple[str, ...]
    structure: tuple[str, ...]
    fillers: tuple[str, ...]
    dont_know: bool
    shared: tuple[str, ...]  # content tokens the answer shares with the question or key points
    question_overlap: float  # share of the question's content tokens the answer uses
    key_point_coverage: tuple[float, ...]  # 0..1 per key point
    question_domains: frozenset[str]
    question_terms: int  # distinct technologies the question and its key points name
    echo_share: float  # share of the answer's tokens that come from the question
    new_tokens: int  # distinct tokens the question did not contain
    prose_share: float  # stopwords and function characters
    known_share: float  # stopwords, common words, terms and known Chinese words
    term_share: float  # inside a technology name
    repeated_share: float  # sentences that repeat an earlier one
    story: bool  # the question asks for an experience and the answer tells one (STAR)
    topicality: float  # weighted words and technologies shared with this question (see above)
    subject_words: int  # content words of the question itself, how it asks left out
    specific_subject: bool  # the question names a specific subject (see ``_specific_subject``)
    topic_shared: bool  # the answer shares a word with the main question of a follow-up
    subject_words_said: int  # words an answer about the question's classic subject uses
    story_question: bool  # the question asks for an experience
    new_content: int  # content words and technologies the question and its key points lack

    @property
    def substance(self) -> int:
        """On-topic terms, numbers with units and shared words: what filler lacks."""
        return len(self.on_topic_terms) + len(self.metrics) + min(len(self.shared), 4)


def read_answer(answer: str, question: QuestionText) -> AnswerFeatures:
    """All the features of one answer to one question."""
    sentences, repeated_share = _unique_sentences(answer)
    text = " ".join(sentence.text for sentence in sentences)
    terms = _distinct_terms(lang.find_terms(text))
    about = lang.find_terms(" ".join((question.text, question.topic, *question.key_points)))
    question_domains = frozenset(d for term in about for d in term.domains)
    answer_tokens = lang.content_tokens(text)
    question_tokens = lang.content_tokens(question.text)
    reference = question_tokens | lang.content_tokens(" ".join(question.key_points))
    subject, named = _subject(question)
    units = _units(text)
    said = _subject_words_said(text, question)
    features = AnswerFeatures(
        text=text,
        sentences=tuple(sentences),
        size=lang.size(text),
        terms=terms,
        on_topic_terms=tuple(t.name for t in terms if _fits(t.domains, question_domains)),
        metrics=tuple(dict.fromkeys(m.group(0) for m in lang.find_metrics(text))),
        numbers=lang.count_numbers(text),
        examples=_markers(text, vocab.EXAMPLE_MARKERS),
        details=tuple(d for d in lang.find_details(text) if d.lower() not in _TERM_ALIASES),
        actions=_markers(text, vocab.ACTION_MARKERS),
        reasons=_markers(text, vocab.REASONING_MARKERS),
        challenges=_markers(text, vocab.CHALLENGE_MARKERS),
        solutions=_markers(text, vocab.SOLUTION_MARKERS),
        impact_words=_markers(text, vocab.IMPACT_WORDS),
        structure=_markers(text, vocab.STRUCTURE_MARKERS),
        fillers=_markers(text, vocab.FILLER_MARKERS),
        dont_know=bool(_markers(text, vocab.DONT_KNOW_MARKERS)),
        shared=tuple(sorted(answer_tokens & reference)),
        question_overlap=_share(answer_tokens & question_tokens, question_tokens),
        key_point_coverage=tuple(_coverage(answer_tokens, p) for p in question.key_points),
        question_domains=question_domains,
        question_terms=len({term.name for term in about if term.domains - {"general"}}),
        echo_share=_echo_share(text, question.text),
        new_tokens=len(_echo_tokens(text) - _echo_tokens(question.text)),
        prose_share=units.prose / units.total if units.total else 0.0,
        known_share=units.known / units.total if units.total else 0.0,
        term_share=units.in_terms / units.total if units.total else 0.0,
        repeated_share=repeated_share,
        story=False,
        topicality=_topicality(answer_tokens, subject, reference, named)
        + _SUBJECT_WORD_WEIGHT * said,
        subject_words=len(subject),
        specific_subject=_specific_subject(question),
        topic_shared=bool(answer_tokens & _topic_tokens(question.topic)),
        subject_words_said=said,
        story_question=asks_for_story(question.text),
        new_content=len(answer_tokens - reference),
    )
    return replace(features, story=asks_for_story(question.text) and _tells_story(features))


@lru_cache(maxsize=256)
def asks_for_story(question: str) -> bool:
    """Whether a question asks for an experience ("Tell me about a time ...", "讲一次...")."""
    return bool(lang.find_markers(question, vocab.STORY_PROMPTS))


def _tells_story(f: AnswerFeatures) -> bool:
    # Situation, the candidate's own actions, and a result: the shape the question asked for.
    return bool(f.examples) and len(f.actions) >= 2 and bool(f.impact_words or f.metrics)


def non_answer_reason(features: AnswerFeatures) -> str | None:
    """Why this is not an answer at all ("blank", "dont_know", ...), or None when it is one."""
    checks = (
        ("blank", _is_blank),
        ("dont_know", _is_dont_know),
        ("echo", _is_echo),
        ("gibberish", _is_gibberish),
        ("buzzwords", _is_buzzword_list),
        ("rambling", _is_rambling),
        ("off_topic", _is_off_topic),
    )
    return next((reason for reason, check in checks if check(features)), None)


def _is_blank(f: AnswerFeatures) -> bool:
    return not lang.words(f.text) and not lang.cjk_chars(f.text)


def _is_dont_know(f: AnswerFeatures) -> bool:
    # "I don't know the exact figure, but we ..." goes on to answer, so only a short one counts,
    # or one that adds nothing to the question but apologies ("I have never done caching").
    if not f.dont_know or f.metrics:
        return False
    short = f.size <= _DONT_KNOW_MAX_SIZE and len(f.terms) <= 1
    adds_nothing = f.size <= _ADMISSION_MAX_SIZE and f.new_content <= _ADMISSION_MAX_NEW_CONTENT
    return short or adds_nothing


def _is_echo(f: AnswerFeatures) -> bool:
    return f.echo_share >= _ECHO_SHARE and f.new_tokens <= 2


def _is_gibberish(f: AnswerFeatures) -> bool:
    # Prose repeating one or two words ("the the the ...") is as empty as random letters.
    tokens = lang.words(f.text) + lang.cjk_chars(f.text)
    monotonous = len(tokens) >= 8 and len(set(tokens)) / len(tokens) < 0.15
    unknown = f.known_share < _GIBBERISH_KNOWN_SHARE and f.term_share < 0.3
    # Common characters in random order are "known" one by one but never form words.
    no_chinese_words = len(lang.cjk_chars(f.text)) >= 12 and lang.chinese_word_share(f.text) < 0.08
    return monotonous or unknown or no_chinese_words


def _is_buzzword_list(f: AnswerFeatures) -> bool:
    listy = f.term_share >= _BUZZWORD_TERM_SHARE and f.prose_share < _BUZZWORD_PROSE_SHARE
    return listy and len(f.terms) >= 2


def _is_rambling(f: AnswerFeatures) -> bool:
    if f.size < _RAMBLING_MIN_SIZE or len(f.fillers) < _RAMBLING_MIN_FILLERS:
        return False
    covers_a_point = any(c >= 0.5 for c in f.key_point_coverage)
    return not covers_a_point and f.substance <= max(2, f.size / 40)


def _is_off_topic(f: AnswerFeatures) -> bool:
    return _is_off_field(f) or _is_off_question(f)


def _is_off_question(f: AnswerFeatures) -> bool:
    # An answer to another question of the same field: fluent, full of the field's terms, but
    # sharing (almost) nothing specific with this question and its key points. Without key
    # points (a custom question or a follow-up) only an answer sharing nothing at all, not even
    # its subject's words or a word of the main question, is one: when the question names a
    # specific subject, or the answer is in another field. A false cap on a real answer is worse
    # than a missed one. A story question is left alone (stories use their own words).
    if f.size < _OFF_TOPIC_MIN_SIZE:
        return False
    if f.key_point_coverage:
        if f.story_question:
            bare = f.topicality == 0 and not _same_field(f)
            return bare or 0 < f.topicality < _STORY_TOPICAL_FLOOR
        return f.topicality < _topical_floor(f)
    if f.story_question or f.topicality > 0 or f.subject_words < 2 or f.topic_shared:
        return False
    return f.specific_subject or not _same_field(f)


def _same_field(f: AnswerFeatures) -> bool:
    return any(term.domains & f.question_domains - {"general"} for term in f.terms)


def _topical_floor(f: AnswerFeatures) -> float:
    return min(_TOPICAL_FLOOR, max(0.0, f.size - _TOPICAL_FLOOR_START) * _TOPICAL_FLOOR_PER_WORD)


def _is_off_field(f: AnswerFeatures) -> bool:
    # Only when the question's subject is known: an answer naming none of its technologies,
    # sharing (almost) no words with it or its key points, and naming another field's terms.
    # An answer in plain words ("we had an outage") is weak, not off-topic, unless the question
    # is plainly technical and the answer shares nothing at all with it.
    specific = f.question_domains - {"general"}
    if not specific or f.size < _OFF_TOPIC_MIN_SIZE or f.on_topic_terms:
        return False
    if len(f.shared) >= 2 or f.subject_words_said or any(c >= 0.34 for c in f.key_point_coverage):
        return False
    elsewhere = any(term.domains - {"general"} for term in f.terms)  # none of them fit
    return elsewhere or (f.question_terms >= 2 and not f.shared and f.size >= 25)


@lru_cache(maxsize=256)
def _subject(question: QuestionText) -> tuple[frozenset[str], frozenset[str]]:
    """The question's own content words (how it asks left out), and the technologies it or its
    key points name (lowercased)."""
    subject = lang.content_tokens(_PROMPT_WORDS.sub(" ", question.text))
    named = lang.find_terms(" ".join((question.text, *question.key_points)))
    return frozenset(subject), frozenset(term.name.lower() for term in named)


def _topicality(
    answer: set[str], subject: frozenset[str], reference: set[str], named: frozenset[str]
) -> float:
    # A technology's name is also its words ("Redis" and "redi", "分布式锁" and "分布"): a name
    # whose words are all shared already counts once, as its words.
    shared = answer & reference
    shared -= {name for name in shared & named if _name_parts(name) <= shared}
    weight = _specificity()
    return sum(weight.get(t, 1.0) * (1.0 if t in subject else 0.5) for t in shared)


def _subject_words_said(text: str, question: QuestionText) -> int:
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
def _specific_subject(question: QuestionText) -> bool:
    subject, _ = _subject(question)
    weight = _specificity()
    named = _subject_words_pattern(question) is not None
    return named or any(weight.get(token, 1.0) >= _SPECIFIC_WORD for token in subject)


@lru_cache(maxsize=256)
def _topic_tokens(topic: str) -> frozenset[str]:
    return frozenset(lang.content_tokens(topic))


@lru_cache(maxsize=1)
def _specificity() -> dict[str, float]:
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


@dataclass(frozen=True)
class _Units:
    total: int
    prose: int
    known: int
    in_terms: int


def _units(text: str) -> _Units:
    """Words and Chinese characters, counted by what they are."""
    english = lang.words(text)
    chinese = lang.cjk_chars(text)
    term_words = sum(len(lang.words(text[t.start : t.end])) for t in lang.find_terms(text))
    term_chars = sum(len(lang.cjk_chars(text[t.start : t.end])) for t in lang.find_terms(text))
    stop = sum(w in vocab.STOPWORDS for w in english)
    common = sum(w in vocab.COMMON_WORDS and w not in vocab.STOPWORDS for w in english)
    function_chars = sum(c in vocab.FUNCTION_CHARS for c in chinese)
    return _Units(
        total=len(english) + len(chinese),
        prose=stop + function_chars,
        known=min(len(english), stop + common + term_words) + lang.known_chinese_chars(text),
        in_terms=term_words + term_chars,
    )


def _unique_sentences(answer: str) -> tuple[list[lang.Sentence], float]:
    # Saying the same sentence again adds nothing, so repeats are read once.
    sentences = lang.split_sentences(answer)
    seen, unique = set(), []
    for sentence in sentences:
        key = " ".join(sentence.text.lower().split())
        if key not in seen:
            seen.add(key)
            unique.append(sentence)
    repeated = 1 - len(unique) / len(sentences) if sentences else 0.0
    return unique, repeated


def _distinct_terms(terms: list[lang.Term]) -> tuple[lang.Term, ...]:
    return tuple({term.name: term for term in reversed(terms)}.values())[::-1]


def _fits(domains: frozenset[str], question_domains: frozenset[str]) -> bool:
    # With no known subject every technology fits, and so it does for a question about working
    # with people (a story about a disagreement may be set in any stack); a "general" one (Git,
    # testing) always fits; server-side fields are neighbours (an incident answered with Kafka
    # is on topic); ways of working fit product and incident questions, never a technical one.
    if not question_domains - {"general"} or "people" in question_domains:
        return True
    near = {"general"}.union(question_domains, *(_NEIGHBOURS.get(d, ()) for d in question_domains))
    return bool(domains & near)


def _markers(text: str, phrases: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(phrase for phrase, _ in lang.find_markers(text, phrases))


def _share(part: set, whole: set) -> float:
    return len(part) / len(whole) if whole else 0.0


def _coverage(answer_tokens: set[str], key_point: str) -> float:
    # A key point counts as covered once about 60% of its content is in the answer.
    tokens = lang.content_tokens(key_point)
    return min(1.0, _share(answer_tokens & tokens, tokens) / 0.6) if tokens else 0.0


def _echo_tokens(text: str) -> set[str]:
    """Every word but stopwords, and every Chinese character pair: what an echo copies."""
    pairs = set()
    for run in lang.chinese_runs(text):
        pairs.update(run[i : i + 2] for i in range(max(1, len(run) - 1)))
    return {lang.stem(w) for w in lang.words(text) if w not in vocab.STOPWORDS} | pairs


def _echo_share(text: str, question: str) -> float:
    answer = _echo_tokens(text)
    return _share(answer & _echo_tokens(question), answer)
