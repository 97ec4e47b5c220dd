"""Text features of one answer to one question.

Every feature is a count, a list of what was found, or a share, so a score built from them can
say what it is made of. English is read as words; Chinese as characters, bigrams and known terms
(never split on whitespace). ``non_answers`` decides from them whether it is an answer at all.
"""

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from interview.scoring import correctness, phrases, topicality
from interview.scoring import language as lang
from interview.scoring import vocabulary as vocab
from interview.scoring.question import QuestionText

_NEIGHBOURS = {
    "backend": ("devops", "data"),
    "devops": ("backend", "data", "people"),
    "data": ("backend", "devops", "product"),
    "product": ("data", "people"),
}


RIGHT_ENOUGH_TO_CHECK = 0.2
_GENERAL = vocab.STOPWORDS | vocab.COMMON_WORDS
# A technology's own name ("JavaScript", "Node.js") is a term, not a further concrete detail.
_TERM_ALIASES = frozenset(alias.lstrip("=").lower() for alias in vocab.TECH_TERMS)


@dataclass(frozen=True)
class AnswerFeatures:
    text: str
    sentences: tuple[lang.Sentence, ...]  # repeats dropped
    size: float  # in English-word equivalents
    terms: tuple[phrases.Term, ...]  # distinct, first occurrence
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
    beyond_admission: int  # content words besides admitting not knowing ("not sure, but ...")
    skipped: bool  # the whole answer is "pass", "skip", "跳过"
    shared: tuple[str, ...]  # content tokens the answer shares with the question or key points
    question_overlap: float  # share of the question's content tokens the answer uses
    key_point_coverage: tuple[float, ...]  # 0..1 per key point, in its words or by meaning
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
    correctness: float | None  # 0..1 against the reference and key points (None: it has none)
    correctness_beyond_question: float | None  # the same, of its words the question lacks
    certainty: float  # how surely correctness says it: 1 against a reference answer
    question: QuestionText  # what it answers (``non_answers`` compares it with the banks)
    reference_answer: bool  # the question has a model answer (not only key points)
    kind: str  # the question's kind: "behavioural", "design", "coding" or "conceptual"

    @property
    def substance(self) -> int:
        """On-topic terms, numbers with units and shared words: what filler lacks."""
        return len(self.on_topic_terms) + len(self.metrics) + min(len(self.shared), 4)


@lru_cache(maxsize=512)
def _question_words(question: QuestionText) -> tuple[list, frozenset, frozenset, frozenset]:
    """What every answer to a question is read against, read once per question: its terms and
    their domains, its content tokens, and those with its key points'."""
    about = phrases.find_terms(" ".join((question.text, question.topic, *question.key_points)))
    domains = frozenset(d for term in about for d in term.domains)
    tokens = frozenset(lang.content_tokens(question.text))
    return about, domains, tokens, tokens | lang.content_tokens(" ".join(question.key_points))


def read_answer(answer: str, question: QuestionText) -> AnswerFeatures:
    """All the features of one answer to one question."""
    sentences, repeated_share = _unique_sentences(answer)
    text = " ".join(sentence.text for sentence in sentences)
    terms = _distinct_terms(phrases.find_terms(text))
    about, question_domains, question_tokens, reference = _question_words(question)
    answer_tokens = lang.content_tokens(text)
    subject, named = topicality.subject_of(question)
    units = _units(text)
    said = topicality.subject_words_said(text, question)
    right = correctness.judge(text, question)
    covered = right.key_points if right is not None else ()
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
        beyond_admission=_beyond_admission(sentences),
        skipped=text.strip().lower().rstrip(".!。！") in vocab.SKIPS,
        shared=tuple(sorted(answer_tokens & reference)),
        question_overlap=_share(answer_tokens & question_tokens, question_tokens),
        key_point_coverage=tuple(covered),
        question_domains=question_domains,
        question_terms=len({term.name for term in about if term.domains - {"general"}}),
        echo_share=_echo_share(text, question.text),
        new_tokens=len(_echo_tokens(text) - _echo_tokens(question.text)),
        prose_share=units.prose / units.total if units.total else 0.0,
        known_share=units.known / units.total if units.total else 0.0,
        term_share=units.in_terms / units.total if units.total else 0.0,
        repeated_share=repeated_share,
        story=False,
        topicality=topicality.topicality(answer_tokens, subject, reference, named)
        + topicality.SUBJECT_WORD_WEIGHT * said,
        subject_words=len(subject),
        specific_subject=topicality.specific_subject(question),
        topic_shared=bool(answer_tokens & topicality.topic_tokens(question.topic)),
        subject_words_said=said,
        story_question=asks_for_story(question.text),
        new_content=len(answer_tokens - reference),
        correctness=right.score if right is not None else None,
        correctness_beyond_question=_beyond_question(text, question, right),
        certainty=right.certainty if right is not None else 0.0,
        question=question,
        reference_answer=bool(question.reference.strip()),
        kind=question.kind,
    )
    return replace(features, story=asks_for_story(question.text) and _tells_story(features))


@lru_cache(maxsize=256)
def asks_for_story(question: str) -> bool:
    """Whether a question asks for an experience ("Tell me about a time ...", "讲一次...")."""
    return bool(phrases.find_markers(question, vocab.STORY_PROMPTS))


def _tells_story(f: AnswerFeatures) -> bool:
    # Situation, the candidate's own actions, and a result: the shape the question asked for.
    return bool(f.examples) and len(f.actions) >= 2 and bool(f.impact_words or f.metrics)


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
    term_words = sum(len(lang.words(text[t.start : t.end])) for t in phrases.find_terms(text))
    term_chars = sum(len(lang.cjk_chars(text[t.start : t.end])) for t in phrases.find_terms(text))
    stop = sum(w in vocab.STOPWORDS for w in english)
    common = sum(w in vocab.COMMON_WORDS and w not in vocab.STOPWORDS for w in english)
    function_chars = sum(c in vocab.FUNCTION_CHARS for c in chinese)
    return _Units(
        total=len(english) + len(chinese),
        prose=stop + function_chars,
        known=min(len(english), stop + common + term_words) + lang.known_chinese_chars(text),
        in_terms=term_words + term_chars,
    )


def _beyond_question(
    text: str, question: QuestionText, right: correctness.Correctness | None
) -> float | None:
    """How right the answer is once the question's own words are taken out: a question echoed
    back is not made right by a reference that repeats the question. Only read for an answer
    that is mostly the question's words (the only one it changes)."""
    if (
        right is None
        or right.score < RIGHT_ENOUGH_TO_CHECK
        or _echo_share(text, question.text) < 0.5
    ):
        return right.score if right is not None else None
    asked = {word for word in lang.words(question.text)} | set(lang.cjk_chars(question.text))
    rest = re.sub(
        r"[A-Za-z][A-Za-z0-9']*|[\u3400-\u9fff]",
        lambda m: "" if m.group(0).lower() in asked else m.group(0),
        text,
    )
    return correctness.judge(rest, question).score


def _beyond_admission(sentences: list[lang.Sentence]) -> int:
    """Content words said besides admitting not knowing: "I'm not sure. I guess it runs one
    extra query per row" says four; "I have never done caching, sorry" one."""
    said = set()
    for sentence in sentences:
        text = sentence.text
        found = phrases.find_markers(text, vocab.DONT_KNOW_MARKERS)
        if found:  # what follows the last admission: "not sure, but I think it ..."
            text = text[max(position + len(phrase) for phrase, position in found) :]
        words = lang.words(text)
        said |= {lang.stem(w) for w in words if w not in _GENERAL and w not in vocab.HEDGES}
        said |= lang.chinese_bigrams(text) - vocab.HEDGES
    return len(said)


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


def _distinct_terms(terms: list[phrases.Term]) -> tuple[phrases.Term, ...]:
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


def _markers(text: str, markers: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(phrase for phrase, _ in phrases.find_markers(text, markers))


def _share(part: set, whole: set) -> float:
    return len(part) / len(whole) if whole else 0.0


def _echo_tokens(text: str) -> set[str]:
    """Every word but stopwords, and every Chinese character pair: what an echo copies."""
    pairs = set()
    for run in lang.chinese_runs(text):
        pairs.update(run[i : i + 2] for i in range(max(1, len(run) - 1)))
    return {lang.stem(w) for w in lang.words(text) if w not in vocab.STOPWORDS} | pairs


def _echo_share(text: str, question: str) -> float:
    answer = _echo_tokens(text)
    return _share(answer & _echo_tokens(question), answer)
