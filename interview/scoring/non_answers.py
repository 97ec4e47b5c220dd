"""The detectors that recognise a non-answer, whatever its length or keywords (API.md).

A blank, "I don't know", an echo of the question, gibberish, a bare list of buzzwords, filler
without substance, or a fluent answer to a different question is a non-answer: the built-in
interviewer caps it at ``rubric.NON_ANSWER_CAP``. Where the question has a reference answer or
key points, an answer that gets enough of them right is an answer however it reads (one word,
a line of code, a paraphrase sharing no word with the question); hedging before an attempt
never makes a non-answer; an answer about another subject is found by which bank question it
fits best (``bank_fit``).
"""

import re
from functools import lru_cache

from interview.scoring import bank_fit, meaning
from interview.scoring import language as lang
from interview.scoring.analysis import AnswerFeatures
from interview.scoring.question import QuestionText

# Why these thresholds: ordinary prose is 30-50% stopwords / function characters and is almost
# all known words; random letters or characters are almost none; a pasted list of technologies
# is mostly term names with no grammar around it.
_GIBBERISH_KNOWN_SHARE = 0.3
# Words of a real language are mostly whole words of a large vocabulary ("signature",
# "constructors"); random letters ("qwer zxcv") almost never are.
_GIBBERISH_DICTIONARY_SHARE = 0.5
_BUZZWORD_TERM_SHARE = 0.4
_BUZZWORD_PROSE_SHARE = 0.12
_ECHO_SHARE = 0.85
# The question said back with a few words of one's own ("... That is a good question.").
_ECHO_WITH_ADDITIONS = 0.6
_ECHO_QUESTION_SAID = 0.7
_ECHO_MOST_ADDED = 5
_ECHO_ADDS_NOTHING_RIGHT = 0.15
_CODE_SYMBOLS = 3
_DONT_KNOW_MAX_SIZE = 12
_RAMBLING_MIN_SIZE = 20
_RAMBLING_MIN_FILLERS = 3
_OFF_TOPIC_MIN_SIZE = 12
_REPETITIVE_MIN_SIZE = 40
# Topicality (how much an answer shares with its question) is ``topicality.topicality``.
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
# A story ("Tell me about a time ...") is told in its own words, not the question's: measured, a
# model story shares 0.23-12 with its own question (0.23 "a difficult stakeholder", 0.31
# "ownership"), so only a barer one is capped, and one sharing nothing is still on topic if it
# names the question's kind of technology. Other stories share 0-1.9 with it: most stay uncapped.
_STORY_TOPICAL_FLOOR = 0.15
# Saying "I don't know" and then only apologising or restating the question adds at most this
# many words or technologies of its own.
_ADMISSION_MAX_NEW_CONTENT = 6
_ADMISSION_MAX_SIZE = 45
# A hedge ("I'm honestly not sure. I guess ...") followed by this many content words of an
# attempt is an answer, however unsure.
_ATTEMPT_AFTER_HEDGE = 4
# An answer that gets at least this much of the question's reference answer or key points right
# is an answer, however terse, oddly worded or unlike the question's words ("push"; "function
# name, and input parameters"; a line of code): measured on the Mohler training split, answers
# capped as non-answers and graded below 3 of 5 almost all score under it (26 of 27).
RIGHT_ENOUGH = 0.35
# Off topic: an answer this right is about its question; one under _NOTHING_RIGHT gets next to
# nothing of it right; see ``_fits_elsewhere`` for the fit.
OFF_TOPIC_RIGHTNESS = 0.3
_NOTHING_RIGHT = 0.1
_FITS_OWN_AT_MOST = 0.2
_FITS_ELSEWHERE_BY = 0.18
_FITS_A_BANK_QUESTION = 0.3
_FIT_MIN_SIZE = 12
# Topicality under which an answer shares few of its question's specific words (a model answer
# has 1.63 or more with its own question, its first half 0.96 or more, but one of 81).
_FEW_OF_ITS_WORDS = 0.5
_FIRST_PERSON = re.compile(r"\b(?:i|we|my|our|me|us|i'm|i've|we're)\b|我", re.IGNORECASE)


def non_answer_reason(features: AnswerFeatures) -> str | None:
    """Why this is not an answer at all ("blank", "dont_know", ...), or None when it is one."""
    if _is_blank(features):
        return "blank"
    if features.skipped or _is_dont_know(features):
        return "dont_know"
    if features.correctness is not None and features.correctness >= RIGHT_ENOUGH:
        return "echo" if _repeats_the_question(features) else None
    checks = (
        ("dont_know", _is_dont_know),
        ("echo", _is_echo),
        ("repetitive", _is_repetitive),
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
    if not f.dont_know or f.metrics or f.beyond_admission >= _ATTEMPT_AFTER_HEDGE:
        return False
    short = f.size <= _DONT_KNOW_MAX_SIZE and len(f.terms) <= 1
    adds_nothing = f.size <= _ADMISSION_MAX_SIZE and f.new_content <= _ADMISSION_MAX_NEW_CONTENT
    return short or adds_nothing


def _is_echo(f: AnswerFeatures) -> bool:
    return (f.echo_share >= _ECHO_SHARE and f.new_tokens <= 2) or _repeats_the_question(f)


def _repeats_the_question(f: AnswerFeatures) -> bool:
    # The whole question said back with a few words of one's own ("... Good question."); an
    # answer reusing the question's words to say something right ("the last item points to
    # the first item") is not one, nor is a terse answer that adds the one word that matters
    # ("... by their signature").
    repeats = f.question_overlap >= _ECHO_QUESTION_SAID and f.echo_share >= _ECHO_WITH_ADDITIONS
    right = f.correctness_beyond_question
    added_nothing_right = f.new_tokens == 0 or right is None or right < _ECHO_ADDS_NOTHING_RIGHT
    return repeats and f.new_tokens <= _ECHO_MOST_ADDED and added_nothing_right


def _is_code(f: AnswerFeatures) -> bool:
    """A line of code or a formula ("T(n) = 0 if n < 2", "xPtr = x;") is an answer's form."""
    symbols = sum(f.text.count(char) for char in "=;(){}[]<>*&+")
    return symbols >= _CODE_SYMBOLS and bool(re.search(r"[A-Za-z_]\w*\s*[(\[=]", f.text))


def _is_repetitive(f: AnswerFeatures) -> bool:
    # A phrase said over and over ("we use caching we use caching ..."): words, but no answer.
    # With fewer distinct words it reads as noise ("啊啊啊", "the the the"): gibberish.
    tokens = lang.words(f.text) + lang.cjk_chars(f.text)
    distinct = len(set(tokens))
    return len(tokens) >= _REPETITIVE_MIN_SIZE and distinct >= 5 and distinct / len(tokens) < 0.15


def _is_gibberish(f: AnswerFeatures) -> bool:
    # Prose repeating one or two words ("the the the ...") is as empty as random letters.
    tokens = lang.words(f.text) + lang.cjk_chars(f.text)
    monotonous = len(tokens) >= 8 and len(set(tokens)) / len(tokens) < 0.15
    unknown = (
        f.known_share < _GIBBERISH_KNOWN_SHARE
        and f.term_share < 0.3
        and not _is_code(f)
        # Only then the vocabulary, which loads the word vectors (a draft's tips never do).
        and meaning.dictionary_share(lang.words(f.text)) < _GIBBERISH_DICTIONARY_SHARE
    )
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
    if f.correctness is not None and f.correctness >= OFF_TOPIC_RIGHTNESS:
        return False
    shares_little = _is_off_field(f) or _is_off_question(f)
    # Comparing with every bank question is only needed where something already looks off.
    fit = _fit(f) if shares_little or _may_be_elsewhere(f) else None
    if fit is not None and _fits_elsewhere(f, fit):
        return True
    if f.correctness is None or fit is None:
        return shares_little
    # A right answer in other words shares few words with its question: with a reference to
    # judge by, sharing little is off topic only if the answer fits another question better
    # or gets next to nothing of the reference right.
    return shares_little and (fit.margin > 0 or f.correctness < _NOTHING_RIGHT)


def _may_be_elsewhere(f: AnswerFeatures) -> bool:
    """Cheap signs of an answer about something else: a lesson for a story question, a story
    for a technical one, or, with a reference to compare, few of the question's words."""
    if f.size < _FIT_MIN_SIZE:
        return False
    if f.kind in bank_fit.STORY_KINDS:
        return not _tells_a_story(f)
    if _tells_a_story(f) and not f.on_topic_terms:
        return True
    return f.reference_answer and f.topicality < _FEW_OF_ITS_WORDS


@lru_cache(maxsize=64)
def _fitted(text: str, question: QuestionText) -> bank_fit.Fit:
    return bank_fit.fit(text, question)


def _fit(f: AnswerFeatures) -> bank_fit.Fit | None:
    return _fitted(f.text, f.question) if f.size >= _FIT_MIN_SIZE else None


def _fits_elsewhere(f: AnswerFeatures, fit: bank_fit.Fit) -> bool:
    """The answer fits another question of the banks far better than its own.

    With a reference answer to compare, by a margin: measured, a model answer, or
    its first half, fits its own question better than any other by 0.21 or more; answers of the
    Mohler split (intro programming, custom questions) fit a bank question better by at most
    0.26, by 0.16 or more in 1%. A question with key points alone is too short to compare
    with: then only the telling mismatch counts, a lesson for a story question or a story for
    a technical one.
    """
    if f.reference_answer:
        return fit.own < _FITS_OWN_AT_MOST and fit.margin >= _FITS_ELSEWHERE_BY
    if fit.best < _FITS_A_BANK_QUESTION:
        return False
    story_asked = f.kind in bank_fit.STORY_KINDS
    if story_asked:  # a lesson: no story, nobody in it, about another question's subject
        lesson = not _tells_a_story(f) and not _FIRST_PERSON.search(f.text)
        return fit.best_kind not in bank_fit.STORY_KINDS and lesson
    return fit.best_kind in bank_fit.STORY_KINDS and _tells_a_story(f) and not f.on_topic_terms


def _tells_a_story(f: AnswerFeatures) -> bool:
    return len(f.actions) >= 2 or (bool(f.actions) and bool(f.examples))


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
