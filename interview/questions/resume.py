"""The project a resume names, and the question a session asks about it."""

import re
import unicodedata

from interview.questions.spec import QuestionSpec

# A project's name as resumes write it: one to five capitalised words ("PayFlow", "Fraud Radar").
_NAME = r"(?P<name>[A-Z][\w.+#-]*(?:\s+(?:[A-Z0-9][\w.+#-]*|of|for|and|&)){0,4})"
_PROJECT_LINE = (
    re.compile(
        r"(?:^|[.;]\s+)(?:key\s+)?projects?(?:\s+name)?\s*(?:[:：]|[—–-]+)\s*(?P<name>.*)$", re.I
    ),
    re.compile(r"^built\s+(?P<name>[^,;]{2,100}),\s", re.I),
    re.compile(
        r"\b(?i:built|developed|designed(?:\s+and\s+built)?|created|launched|shipped|architected"
        r"|led\s+(?:the\s+)?(?:development|design|rewrite|migration)\s+of)\s+(?i:the\s+)?" + _NAME
    ),
    re.compile(r"\b(?i:on|led|owned)\s+the\s+" + _NAME + r"\s+(?i:project)\b"),
    re.compile(r"^项目(?:名称|名)?\s*[:：]\s*(?P<name>.*)$"),
    re.compile(r"负责(?P<name>[^，,。；;：:\s]{2,30}?(?:系统|平台|项目|服务|中台|模块))"),
)
# A heading alone on its line: the project is named on the next line.
_PROJECT_HEADING = re.compile(
    r"^(?:projects?|key projects|project experience|项目经历|项目经验)\s*[:：]?$", re.I
)
# Where a project's name ends and its description begins.
_NAME_END = re.compile(r"\s+[—–-]\s+|[(（|,，;；。:：]|\s+using\s+|\s+with\s+", re.I)
_PROJECT_WORDING = {
    "en": {
        "text": "Your resume mentions {name}. What was your role, what was the hardest technical "
        "decision you made there, and how did you measure its success?",
        "category": "Project",
        "key_points": (
            "own role and scope, separate from the team's",
            "the hardest technical decision and the options weighed",
            "the trade-off accepted and why",
            "metrics that show the result, before and after",
        ),
        "reference": "A strong answer states what the candidate personally owned on {name}, "
        "separate from the team's work, then walks through one hard technical decision: the "
        "concrete options considered (for example build versus buy, or a cache versus a query "
        "rewrite), the constraints that mattered, why the chosen option won and what it cost. "
        "It closes with measured results, such as p99 latency, error rate, cost or delivery "
        "time before and after, how they were measured, and what the candidate would do "
        "differently today. It stays specific to this project rather than general principles.",
    },
    "zh": {
        "text": "你的简历提到了「{name}」。你在其中担任什么角色？做过的最难的技术决策是什么？"
        "你是如何衡量它的效果的？",
        "category": "项目经验",
        "key_points": (
            "本人角色与职责范围",
            "最难的技术决策及备选方案",
            "取舍与理由",
            "量化结果（前后对比）",
        ),
        "reference": "好的回答先讲清自己在「{name}」中的角色和负责范围，区分个人与团队的工作；"
        "再具体讲一个最难的技术决策：当时有哪些备选方案（例如加 Redis 缓存还是优化 SQL 与索引，"
        "同步调用还是 MQ 异步削峰），受哪些约束，为什么选了现在的方案、代价是什么；最后用数据"
        "说明效果，例如接口 P99 从 800ms 降到 120ms、QPS 提升 3 倍、故障数下降，并说明数据怎么"
        "测得，以及如果重来会如何改进。",
    },
}


def find_project(resume_text: str | None) -> str | None:
    """The first project the resume names, cleaned to one short line, or None."""
    lines = [_unbullet(line) for line in (resume_text or "").splitlines()]
    for number, line in enumerate(lines):
        if _PROJECT_HEADING.match(line):
            following = next((later for later in lines[number + 1 :] if later), "")
            name = _clean_name(_NAME_END.split(following)[0])
        else:
            name = _name_in(line)
        if name:
            return name
    return None


def _unbullet(line: str) -> str:
    return line.strip().lstrip("-*•·▪◦").strip()


def _name_in(line: str) -> str | None:
    for pattern in _PROJECT_LINE:
        found = pattern.search(line)
        if found:
            return _clean_name(_NAME_END.split(found["name"])[0])
    return None


def _clean_name(raw: str) -> str | None:
    # Resume text is the candidate's: strip control and format characters before it is quoted.
    text = "".join(" " if unicodedata.category(ch).startswith("C") else ch for ch in raw)
    text = " ".join(text.split()).strip(" -–—:：,.;*•\"'「」")
    text = re.sub(r"^(?:a|an|the)\s+", "", text, flags=re.I)[:80].rstrip()
    text = re.sub(r"\s+(?:of|for|and|&)$", "", text)
    return text if len(text) >= 2 else None


def project_question(
    resume_text: str | None, language: str = "en", difficulty: str | None = None
) -> QuestionSpec | None:
    """A question about the project the resume names, in the track's language, or None."""
    name = find_project(resume_text)
    if name is None:
        return None
    wording = _PROJECT_WORDING.get(language, _PROJECT_WORDING["en"])
    slug = re.sub(r"\W+", "-", name.lower()).strip("-")[:60]
    return QuestionSpec(
        text=wording["text"].format(name=name),
        category=wording["category"],
        type="project",
        difficulty=difficulty or "mid",
        key_points=wording["key_points"],
        reference_answer=wording["reference"].format(name=name),
        bank_id=f"resume-project:{slug}",
    )
