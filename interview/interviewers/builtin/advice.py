"""What to add to an answer, said for the kind of question it answers.

"Show the result with a number" helps a story about a project, not a conceptual comparison;
"name the concrete tools" helps a design, not a story about teamwork. Each kind of question
(``interview.scoring.question.KINDS``) has its own advice per dimension, and only the dimensions
it asks for are advised on (a conceptual question is not told to quantify its impact).
"""

from interview.scoring import rubric

# The dimensions each kind of question asks for, most telling first.
ASKED = {
    "behavioural": rubric.DIMENSION_NAMES,
    "design": (
        "relevance",
        "reasoning",
        "technical_depth",
        "specificity",
        "problem_solving",
        "impact",
        "communication",
    ),
    "coding": (
        "relevance",
        "technical_depth",
        "problem_solving",
        "reasoning",
        "specificity",
        "communication",
    ),
    "conceptual": ("relevance", "technical_depth", "reasoning", "specificity", "communication"),
}

_EN = {
    "behavioural": {
        "relevance": "tell one real situation that answers this question",
        "specificity": "set the scene: who was involved, when, and what was at stake",
        "technical_depth": "name the methods you used (a one-to-one, a written proposal, a "
        "metric you agreed on)",
        "reasoning": "say why you handled it that way and not another",
        "impact": "say what changed as a result: a number, a decision, a relationship",
        "problem_solving": "say what was hard and how you got past it",
        "communication": "tell it in order: situation, task, action, result",
    },
    "design": {
        "relevance": "address the requirements the question sets",
        "specificity": "walk through one concrete request or component end to end",
        "technical_depth": "name the components and how they work together",
        "reasoning": "say why this design over an alternative: the trade-off",
        "impact": "size it: the load, latency or cost figures that drive the design",
        "problem_solving": "name what fails first and how the design copes",
        "communication": "structure it: requirements, design, trade-offs",
    },
    "coding": {
        "relevance": "solve the problem as asked",
        "specificity": "show the code, or the steps on one example input",
        "technical_depth": "name the data structure or algorithm and its complexity",
        "reasoning": "say why this approach over another",
        "impact": "give the time and space complexity",
        "problem_solving": "cover the edge cases: empty input, duplicates, overflow",
        "communication": "explain the approach before the code, in order",
    },
    "conceptual": {
        "relevance": "state the answer directly: the definition first, then what follows",
        "specificity": "add one small example that shows the idea at work",
        "technical_depth": "say how it works underneath, not only what it is",
        "reasoning": "say why it behaves this way, or when to choose it over the alternative",
        "impact": "say what it changes in practice",
        "problem_solving": "mention a pitfall and how to avoid it",
        "communication": "make it easier to follow (a clear order, no filler, not too short)",
    },
}
_ZH = {
    "behavioural": {
        "relevance": "讲一个真实经历来回答这个问题",
        "specificity": "交代背景：涉及谁、什么时候、利害是什么",
        "technical_depth": "讲出你用的方法（一对一沟通、书面方案、约定的指标）",
        "reasoning": "说明你为什么这样处理而不是换一种方式",
        "impact": "说明结果有什么变化：一个数字、一个决定或一段关系",
        "problem_solving": "讲清难点在哪里、你是怎么克服的",
        "communication": "按顺序讲：情境、任务、行动、结果",
    },
    "design": {
        "relevance": "回应题目提出的需求",
        "specificity": "完整走一遍一个具体请求或组件",
        "technical_depth": "讲出各个组件以及它们如何配合",
        "reasoning": "说明为什么选这个设计而不是别的：取舍在哪里",
        "impact": "给出量级：驱动设计的流量、延迟或成本数字",
        "problem_solving": "指出最先出问题的地方以及设计如何应对",
        "communication": "按结构讲：需求、设计、取舍",
    },
    "coding": {
        "relevance": "按题目要求解决问题",
        "specificity": "给出代码，或在一个示例输入上走一遍步骤",
        "technical_depth": "讲出所用的数据结构或算法及其复杂度",
        "reasoning": "说明为什么选这种解法而不是别的",
        "impact": "给出时间和空间复杂度",
        "problem_solving": "覆盖边界情况：空输入、重复、溢出",
        "communication": "先讲思路再写代码，有条理",
    },
    "conceptual": {
        "relevance": "直接给出答案：先讲定义，再讲推论",
        "specificity": "加一个小例子说明它如何起作用",
        "technical_depth": "讲清底层原理，而不只是它是什么",
        "reasoning": "说明它为什么这样工作，或什么时候该选它而不是别的方案",
        "impact": "说明它在实践中带来什么不同",
        "problem_solving": "提一个常见的坑以及如何避免",
        "communication": "表达得更清晰（有条理、少套话、不要过短）",
    },
}
ADVICE = {"en": _EN, "zh": _ZH}


def advice(dimension: str, kind: str, language: str) -> str:
    """What to add for a weak dimension, for this kind of question, in this language."""
    return ADVICE[language][kind][dimension]


def weakest(scores: dict[str, int], kind: str) -> str:
    """The weakest dimension among those this kind of question asks for."""
    return min(ASKED[kind], key=lambda name: scores[name])
