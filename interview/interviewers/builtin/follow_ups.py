"""The built-in follow-up policy: probe the weakest part of this answer, or ask nothing.

- A strong, complete answer (score >= ``EXCELLENT_SCORE``, or >= ``STRONG_SCORE`` with no
  probed dimension under ``WEAK_DIMENSION``) gets no follow-up.
- A non-answer gets one gentle chance: blank, "I don't know", gibberish and an echo get the
  question made smaller (its first key point or technology); a buzzword list is asked to pick
  one of the names it listed; filler is asked for one concrete step; an answer to another
  question is steered back, naming what it talked about.
- Otherwise the weakest probed dimension decides: no example -> a concrete situation; no numbers
  -> how the impact was measured; no reasons -> why this technology and not an alternative
  (``vocabulary.ALTERNATIVES``); no challenges -> what went wrong and how it was fixed; little
  depth -> how the named tool works; off the point -> back to the question.
Every follow-up quotes or names what the candidate said, in the question's language.
"""

import string

from interview.interviewers.builtin import phrasing
from interview.interviewers.builtin.reading import Reading
from interview.scoring import phrases
from interview.scoring import vocabulary as vocab

EXCELLENT_SCORE = 80
STRONG_SCORE = 70
WEAK_DIMENSION = 50
# The dimensions a follow-up can probe, most telling first (ties go to the earlier one).
PROBED = ("specificity", "impact", "reasoning", "problem_solving", "technical_depth", "relevance")

TEMPLATES = {
    "en": {
        "narrow": "Let's make it smaller: what do you know about {topic}? Even one thing you "
        "have seen it do, or how you would find out, is a good start.",
        "dont_know": "You said {quote}, and that's fine. Let's make it smaller: what do you know "
        "about {topic}? Even one thing you have seen it do is a good start.",
        "buzzwords": "You listed {names}. Pick one: how did you use it for this, and why that one?",
        "rambling": "Let's get concrete. You said {quote}: which specific technology or first step "
        "would you start with, and why?",
        "off_topic": "You talked about {names}, but the question was {question}. How would you "
        "approach that?",
        "specificity": "You said {quote}. Walk me through one concrete situation where you did "
        "this: what was the system, what did you do, and what happened?",
        "impact": "You mentioned {subject}. How did you measure the impact: which number changed "
        "(latency, error rate, cost), and from what to what?",
        "reasoning_alt": "You chose {name}. Why {name} and not {alternative}? What trade-off "
        "decided it?",
        "reasoning": "You mentioned {subject}. Why that approach? What alternative did you "
        "consider, and what did you trade off?",
        "problem_solving": "You said {quote}. What went wrong along the way, and how did you fix "
        "it?",
        "technical_depth": "You mentioned {subject}. How does it work under the hood in your "
        "setup, and what would break first under load?",
        "relevance": "You said {quote}. Coming back to the question, {question}: what is your "
        "answer to that part?",
    },
    "zh": {
        "narrow": "我们把问题缩小一点：关于{topic}，你了解多少？说一个你见过的用法，"
        "或者你会怎么去查，都可以。",
        "dont_know": "你说{quote}，没关系。我们把问题缩小一点：关于{topic}，你了解多少？"
        "说一个你见过的用法就可以。",
        "buzzwords": "你列举了{names}。挑一个说说：在这个问题里你是怎么用它的，为什么选它？",
        "rambling": "我们具体一点。你提到{quote}：你会从哪个具体的技术或第一步入手，为什么？",
        "off_topic": "你讲的是{names}，但问题是{question}。你会怎么处理这个问题？",
        "specificity": "你提到{quote}。能讲一个你亲身经历的具体场景吗：是什么系统，你做了什么，"
        "结果如何？",
        "impact": "你提到了{subject}。效果是怎么衡量的：哪个指标（延迟、错误率、"
        "成本）从多少变成了多少？",
        "reasoning_alt": "你选择了{name}。为什么用{name}而不是{alternative}？"
        "是什么权衡让你做了这个决定？",
        "reasoning": "你提到{subject}。为什么这样做？你还考虑过哪些方案，取舍是什么？",
        "problem_solving": "你提到{quote}。这个过程中遇到过什么问题，你又是怎么解决的？",
        "technical_depth": "你提到了{subject}。在你们的场景里它底层是怎么工作的，"
        "压力大的时候最先出问题的是哪里？",
        "relevance": "你提到{quote}。回到问题本身：{question}，这部分你会怎么回答？",
    },
}


def follow_up_text(reading: Reading, main_question: str) -> str | None:
    """The follow-up question for this reading of an answer, or None when none is needed."""
    if reading.non_answer:
        return _after_non_answer(reading, main_question)
    # What the answer itself lacks (an example, a number, a reason), before being right
    # made up for it in the score: a follow-up asks for what is missing.
    weakest = min(PROBED, key=lambda name: reading.signals[name])
    if reading.score >= EXCELLENT_SCORE or (
        reading.score >= STRONG_SCORE and reading.signals[weakest] >= WEAK_DIMENSION
    ):
        return None
    if weakest == "reasoning":
        return _why_this(reading)
    return _ask(reading, weakest, quote=_quote(reading, weakest), subject=_subject(reading))


def _after_non_answer(reading: Reading, main_question: str) -> str:
    reason = reading.non_answer
    f = reading.features
    if reason == "buzzwords":
        return _ask(reading, "buzzwords", names=_names(reading, [t.name for t in f.terms]))
    if reason == "off_topic":
        talked_about = [t.name for t in f.terms] or [_first_quote(reading, 40)]
        return _ask(
            reading,
            "off_topic",
            names=_names(reading, talked_about),
            question=phrasing.quote(reading.question.text, 90),
        )
    if reason == "rambling":
        return _ask(reading, "rambling", quote=_first_quote(reading, 60))
    topic = _narrow_topic(reading, main_question)
    if reason == "dont_know":
        return _ask(reading, "dont_know", quote=_first_quote(reading, 40), topic=topic)
    return _ask(reading, "narrow", topic=topic)


def _why_this(reading: Reading) -> str:
    names = [term.name for term in reading.features.terms]
    # Prefer what the candidate chose over what the question already named.
    chosen = [n for n in names if n.lower() not in reading.question.text.lower()] + names
    for name in chosen:
        if name in vocab.ALTERNATIVES:
            alternative = vocab.ALTERNATIVES[name]
            return _ask(reading, "reasoning_alt", name=name, alternative=alternative)
    return _ask(reading, "reasoning", subject=_subject(reading))


def _ask(reading: Reading, kind: str, **values: str) -> str:
    template = TEMPLATES[reading.language][kind]
    return template.format(**{key: values.get(key, "") for key in _fields(template)})


def _fields(template: str) -> list[str]:
    return [field for _, field, _, _ in string.Formatter().parse(template) if field]


def _quote(reading: Reading, dimension: str) -> str:
    # The sentence that shows what this dimension lacks (a claim with no example, a choice
    # with no reason), else the one most about the question.
    said = reading.evidence.get(dimension) or reading.evidence.get("relevance")
    return phrasing.quote(said) if said else _first_quote(reading, 80)


def _first_quote(reading: Reading, limit: int) -> str:
    sentences = reading.features.sentences
    return phrasing.quote(sentences[0].text, limit) if sentences else "“”"


def _subject(reading: Reading) -> str:
    """The most specific thing the candidate named, else a short quote of what they said.

    A named tool or method ("Redis", "consistent hashing") or a number they gave says more than
    a generic word ("cache"), and one the question did not already name says more still.
    """
    names = [term.name for term in reading.features.terms]
    # "composite index" already says "index": name the most specific ones.
    names = [n for n in names if not any(n != m and n.lower() in m.lower() for m in names)]
    asked = reading.question.text.lower()
    specific = [n for n in names if _is_specific(n)]
    if specific:
        ranked = sorted(specific, key=lambda n: n.lower() in asked)  # stable: order said kept
        return _names(reading, ranked[:2])
    if reading.features.metrics:
        return _names(reading, list(reading.features.metrics[:1]))
    return _names(reading, names[:2]) if names else _first_quote(reading, 80)


def _is_specific(name: str) -> bool:
    # A proper name ("Redis", "Kafka"), an acronym ("TTL") or a phrase ("consistent hashing");
    # a single lowercase word ("cache", "index", "retry") is the question's vocabulary.
    return " " in name or "-" in name or name != name.lower() or not name.isascii()


def _names(reading: Reading, items: list[str]) -> str:
    return phrasing.names(items, reading.language)


def _narrow_topic(reading: Reading, main_question: str) -> str:
    """The smallest piece of the question: its first key point, or a technology it names."""
    if reading.question.key_points:
        return phrasing.quote(reading.question.key_points[0], 80)
    terms = phrases.find_terms(reading.question.text) or phrases.find_terms(main_question)
    return terms[0].name if terms else phrasing.quote(reading.question.text, 80)
