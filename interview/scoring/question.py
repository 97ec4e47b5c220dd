"""What an answer is judged against: the question, its key points, reference and topic words."""

import re
from dataclasses import dataclass
from functools import cached_property

# The kinds of question the rubric's advice and expectations differ for. A story ("Tell me
# about a time...") is judged on its situation, actions and result; a design on its choices and
# trade-offs; coding on a working approach; a conceptual question on being right.
KINDS = ("behavioural", "design", "coding", "conceptual")
# Bank question types that ask for an experience even when not worded as "tell me about a time".
_STORY_TYPES = frozenset(
    [
        "project",
        "teamwork",
        "growth",
        "ownership",
        "communication",
        "prioritization",
        "influence",
        "leadership",
        "decision_making",
        "people_management",
        "conflict",
        "ambiguity",
        "delivery",
        "resilience",
        "mentoring",
        "crisis_management",
        "customer_focus",
        "initiative",
        "culture",
        "stakeholder_management",
    ]
)
_STORY = re.compile(
    r"\b(?:tell me about a time|tell us about a time|describe a time|describe a situation"
    r"|give (?:me |us )?an example of a time|a time (?:when )?you|have you ever|walk me through a"
    r"(?:n)? (?:project|incident|time)|your (?:biggest|greatest|hardest|most)|you (?:handled|led"
    r"|owned|made|faced|had))\b"
    r"|讲一次|讲讲你|说说你|介绍一次|介绍一下你|你(?:参与|负责|处理|遇到|主导)过|经历|有没有遇到",
    re.IGNORECASE,
)
_CODING = re.compile(
    r"\b(?:write|implement|code)\b.{0,40}\b(?:function|method|class|program|query|algorithm"
    r"|script|code|sql)\b|\bwhat does this (?:code|snippet|function) (?:do|print|return)"
    r"|写(?:一个|一段|出)?.{0,10}(?:函数|代码|算法|SQL)|手写|实现一个",
    re.IGNORECASE,
)
_DESIGN = re.compile(
    r"\bdesign\b|\barchitect|\bhow would you (?:build|scale|structure|set up|approach|roll out"
    r"|migrate|plan)|\bsystem design\b|设计|架构|如何(?:搭建|扩展|落地)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class QuestionText:
    """What an answer is judged against: the question, its key points and its topic words."""

    text: str
    key_points: tuple[str, ...] = ()
    topic: str = ""  # the main question of a follow-up, the category and the type
    reference: str = ""  # a model answer, where the bank or the coach gave one
    declared_kind: str = ""  # the kind a coach's question set gives it, if any (see KINDS)

    @cached_property
    def kind(self) -> str:
        """ "behavioural", "design", "coding" or "conceptual" (see KINDS): as a coach declared it,
        else read from its wording and bank type."""
        if self.declared_kind in KINDS:
            return self.declared_kind
        return question_kind(self.text, self.topic)

    @property
    def has_reference(self) -> bool:
        return bool(self.reference.strip() or self.key_points)


def question_kind(text: str, topic: str = "") -> str:
    """What kind of answer a question asks for, from its wording and its bank type."""
    if _STORY.search(text) or _STORY_TYPES.intersection(topic.split()):
        return "behavioural"
    if _CODING.search(text):
        return "coding"
    if _DESIGN.search(text):
        return "design"
    return "conceptual"
