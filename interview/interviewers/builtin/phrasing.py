"""The built-in interviewer's sentences, in English and Chinese, always built from the answer.

Every sentence names or quotes something the candidate said (a technology, a number, a short
quote), so feedback and follow-ups are about this answer, never canned. Quotes are plain text:
trimmed, with line breaks collapsed.
"""

from interview.interviewers.builtin.dimensions import trim_quote
from interview.scoring import language as lang

DIMENSION_LABELS = {
    "en": {
        "relevance": "relevance",
        "specificity": "specificity",
        "technical_depth": "technical depth",
        "reasoning": "reasoning",
        "impact": "impact",
        "problem_solving": "problem solving",
        "communication": "communication",
    },
    # The same names the report's charts use (app_pages/catalogue/zh/common.toml, [dimension]).
    "zh": {
        "relevance": "切题程度",
        "specificity": "具体程度",
        "technical_depth": "技术深度",
        "reasoning": "思路与理由",
        "impact": "成果与影响",
        "problem_solving": "问题解决",
        "communication": "表达沟通",
    },
}
NON_ANSWER = {
    "en": {
        "blank": "No answer was given, so there is nothing to score.",
        "dont_know": "The answer ({quote}) does not attempt the question.",
        "echo": "The answer repeats the question instead of answering it.",
        "gibberish": "The text does not form words or sentences, so it is not an answer.",
        "repetitive": "The answer says the same few words over and over, so it is not an answer.",
        "buzzwords": "The answer lists technologies ({names}) without saying how or why they "
        "apply.",
        "rambling": "The answer is general filler ({quote}) with no technology, number or example.",
        "off_topic": "The answer is about {names}, not about the question asked.",
    },
    "zh": {
        "blank": "没有作答，因此无法评分。",
        "dont_know": "回答（{quote}）没有尝试回答问题。",
        "echo": "回答只是重复了题目，没有作答。",
        "gibberish": "内容不成词句，不能算作回答。",
        "repetitive": "回答反复重复同样的几个词，不能算作回答。",
        "buzzwords": "回答只罗列了技术名词（{names}），没有说明怎么用、为什么用。",
        "rambling": "回答是泛泛而谈的套话（{quote}），没有技术、数字或例子。",
        "off_topic": "回答讲的是{names}，与所问的问题无关。",
    },
}
CAPPED = {
    "en": "It scores at most {cap}: answer the question asked, even with one approach and why.",
    "zh": "本题最多 {cap} 分：请针对所问作答，哪怕只讲清一个思路和理由。",
}
GRADER_NOTE = {
    "en": "Text addressed to the grader ({quote}) was ignored, reported, and caps this answer.",
    "zh": "回答中对评分者说的话（{quote}）已被忽略并记录，本题因此封顶。",
}


def language_of(text: str) -> str:
    return "zh" if lang.is_mainly_chinese(text) else "en"


def quote(text: str, limit: int = 80) -> str:
    """A short quote of the candidate's words, one line, in quotation marks."""
    flat = " ".join(text.split()).rstrip(".。!！?？;；")
    short = trim_quote(flat, limit)
    return f"“{short}{'…' if len(short) < len(flat) else ''}”"


def names(items: list[str], language: str, most: int = 3) -> str:
    """ "Redis, Kafka and MySQL" / "Redis、Kafka 和 MySQL"."""
    items = list(dict.fromkeys(items))[:most]
    if len(items) <= 1:
        return "".join(items)
    if language == "zh":
        # A space sets a Latin word off from Chinese ("Redis 和 MySQL"), never two Chinese words.
        head, last = "、".join(items[:-1]), items[-1]
        before = " " if head[-1:].isascii() and head[-1:].isalnum() else ""
        after = " " if last[:1].isascii() and last[:1].isalnum() else ""
        return f"{head}{before}和{after}{last}"
    return ", ".join(items[:-1]) + " and " + items[-1]


def sentence_join(sentences: list[str], language: str) -> str:
    return ("" if language == "zh" else " ").join(s for s in sentences if s)
