"""The built-in interviewer's dimension scores: what each rubric dimension is made of.

Each dimension adds up the signals the rubric names (seed: "answer quality tips"), each signal
saturating after a few hits, so length alone buys nothing: a second example or a fifth
technology adds little, filler and repetition cost communication, and an answer shorter than
about 30 words cannot earn full marks on the dimensions that need room (``_room``).

    relevance        shared content with the question, key points covered, on-topic technology,
                     a story when the question asks for one
    specificity      example markers ("for example", "at my last job", "比如", "在项目中") and
                     concrete identifiers,
                     first-person actions ("I built", "我们引入"), numbers, named technologies
    technical_depth  on-topic technologies and concepts (up to 4), key points covered
    reasoning        reasoning markers ("because", "so that", "因为", "所以"), and a trade-off
                     ("instead of", "rather than", "权衡", "而不是") worth a quarter on its own
    impact           numbers with units ("40%", "200 ms", "3x", "2万 QPS"), words of change
    problem_solving  a challenge named ("bottleneck", "瓶颈"), how it was solved ("fixed", "解决")
    communication    starts at 70: structure and several sentences add; filler, run-on
                     sentences, repetition, and being very short or very long take away

Calibration (why the signals read beyond technology talk): a bank's own model answer should look
like one. Behavioural and product answers name methods, not technologies (one-to-ones, sprint
planning, SBI, OKRs, cohorts: ``vocabulary``'s "people" and "product" blocks), write numbers as
words ("three days", "两周", "一半"), and solve people problems ("I met her one to one", "we
agreed"), so those count as terms, metrics, actions and solutions. A question asking for an
experience ("Tell me about a time") is answered, in form, by a story: an example, two of the
candidate's own actions and a result earn relevance 15 (``f.story``); an off-topic answer is still
capped before this, by ``analysis``. A textbook answer names concrete identifiers and settings
(``customer_id``, ``React.memo``), which count as examples for specificity (at most two).
Padding, repetition and lists still buy nothing: every signal saturates as before.

The question score is not made here: ``rubric.question_score`` weighs these (weights in rubric).
"""

from interview.scoring import rubric
from interview.scoring.analysis import AnswerFeatures

_TRADE_OFF = frozenset(
    {"trade-off", "tradeoff", "trade off", "instead of", "rather than", "compared to"}
    | {"compared with", "versus", "vs", "the downside", "at the cost of", "pros and cons"}
    | {"权衡", "取舍", "而不是", "相比", "对比", "代价", "缺点"}
)


# Where a question has a reference answer or key points, being right is what it asks first: a
# dimension's score is then partly how right the answer is (``AnswerFeatures.correctness``) and
# partly its own signals. How much its own signals count depends on what the question asks: a
# story is judged on its example, reasons and result; a conceptual question is not marked down
# for lacking the numbers or the war story it never asked for.
OWN_SIGNALS = {
    "behavioural": {"specificity": 1.0, "reasoning": 1.0, "impact": 1.0, "problem_solving": 1.0},
    "design": {"specificity": 0.6, "reasoning": 0.9, "impact": 0.4, "problem_solving": 0.7},
    "coding": {"specificity": 0.4, "reasoning": 0.6, "impact": 0.15, "problem_solving": 0.6},
    "conceptual": {"specificity": 0.25, "reasoning": 0.4, "impact": 0.1, "problem_solving": 0.2},
}
# How much of relevance and technical depth is being right (a story is told in its own words,
# so its match with one model story says less).
RIGHTNESS_SHARE = {"behavioural": 0.5, "design": 0.75, "coding": 0.8, "conceptual": 0.8}
# At least this right, an answer's brevity is concision, not a lack of clarity.
CONCISE_AND_RIGHT = 0.6
# Correctness at which an answer counts as fully right: a grade-5 answer of the Mohler training
# split has a median of 0.9, and no measure of meaning without a model reaches 1 for a right
# answer in other words.
FULLY_RIGHT = 0.9


def score_dimensions(f: AnswerFeatures) -> dict[str, int]:
    """Each rubric dimension, 0..100, from the answer's features and how right it is."""
    raw = _signals(f)
    if f.correctness is not None:
        raw = _weighed_with_rightness(raw, f)
    return {name: rubric.clamp_score(raw[name]) for name in rubric.DIMENSION_NAMES}


def score_signals(f: AnswerFeatures) -> dict[str, int]:
    """Each rubric dimension, 0..100, from the answer's own signals alone (what it shows)."""
    raw = _signals(f)
    return {name: rubric.clamp_score(raw[name]) for name in rubric.DIMENSION_NAMES}


def _signals(f: AnswerFeatures) -> dict[str, float]:
    return {
        "relevance": _relevance(f),
        "specificity": _specificity(f),
        "technical_depth": _technical_depth(f),
        "reasoning": _reasoning(f),
        "impact": _impact(f),
        "problem_solving": _problem_solving(f),
        "communication": _communication(f),
    }


def _weighed_with_rightness(raw: dict[str, float], f: AnswerFeatures) -> dict[str, float]:
    right = 100 * min(1.0, f.correctness / FULLY_RIGHT)
    # Matching by surface (key points alone, Chinese pairs) misses right answers in other
    # words, never invents a match: what it finds counts fully, what it misses less.
    sure = f.certainty + (1 - f.certainty) * min(1.0, f.correctness / FULLY_RIGHT)
    share = RIGHTNESS_SHARE[f.kind] * sure
    weighed = dict(raw)
    weighed["relevance"] = share * (10 + 0.9 * right) + (1 - share) * raw["relevance"]
    if f.kind != "behavioural":
        weighed["technical_depth"] = share * right + (1 - share) * raw["technical_depth"]
    for name, own in OWN_SIGNALS[f.kind].items():
        rightness = (1 - own) * sure
        weighed[name] = (1 - rightness) * raw[name] + rightness * right
    return weighed


def _room(f: AnswerFeatures) -> float:
    """1.0 from about 30 words up; a shorter answer has less room to show anything."""
    return min(1.0, (f.size / 30) ** 0.5)


def _upto(count: int, most: int) -> float:
    return min(count, most) / most


def _key_points(f: AnswerFeatures) -> float | None:
    coverage = f.key_point_coverage
    return sum(coverage) / len(coverage) if coverage else None


def _relevance(f: AnswerFeatures) -> float:
    overlap = min(1.0, f.question_overlap / 0.5)
    on_topic = 1.0 if f.on_topic_terms else 0.0
    covered = _key_points(f)
    story = 15 * f.story
    if covered is None:
        return 20 + 45 * overlap + 20 * on_topic + 15 * _room(f) + story
    return 15 + 25 * overlap + 35 * covered + 10 * on_topic + 15 * _room(f) + story


def _specificity(f: AnswerFeatures) -> float:
    numbers = _upto(len(f.metrics) + min(f.numbers, 1), 2)
    examples = len(f.examples) + min(len(f.details), 2)
    signals = 30 * _upto(examples, 2) + 25 * _upto(len(f.actions), 2)
    return (10 + signals + 15 * numbers + 20 * _upto(len(f.terms), 3)) * _room(f)


def _technical_depth(f: AnswerFeatures) -> float:
    on_topic = len(f.on_topic_terms)
    off_topic = len(f.terms) - on_topic
    covered = _key_points(f)
    if covered is None:
        covered = min(1.0, f.question_overlap / 0.5) * 0.4
    depth = 15 + 15 * min(on_topic, 4) + 5 * min(off_topic, 2) + 25 * covered
    # A string of names with little said about them is not depth.
    stuffed = 0.7 if f.term_share > 0.35 else 1.0
    return depth * stuffed * _room(f)


def _reasoning(f: AnswerFeatures) -> float:
    trade_off = any(reason in _TRADE_OFF for reason in f.reasons)
    return (10 + 22 * min(len(f.reasons), 3) + 24 * trade_off) * _room(f)


def _impact(f: AnswerFeatures) -> float:
    bare_numbers = min(1, max(0, f.numbers - len(f.metrics)))
    return 5 + 32 * min(len(f.metrics), 2) + 8 * bare_numbers + 10 * min(len(f.impact_words), 2)


def _problem_solving(f: AnswerFeatures) -> float:
    challenge = _upto(len(f.challenges), 2)
    solution = _upto(len(f.solutions), 2)
    both = 15 if f.challenges and f.solutions else 0
    return (10 + 35 * challenge + 40 * solution + both) * _room(f)


def _communication(f: AnswerFeatures) -> float:
    sentences = max(1, len(f.sentences))
    score = 70 + 5 * min(len(f.structure), 2) + (10 if sentences >= 2 else 0)
    if f.size / sentences > 45:
        score -= 15  # run-on sentences
    score -= 6 * max(0, len(f.fillers) - 1)
    if f.correctness is None or f.correctness < CONCISE_AND_RIGHT:
        score -= 3 * max(0, 15 - f.size)  # too short to be clear
    score -= min(30, max(0, f.size - 220) / 10)  # not concise
    return score - 40 * f.repeated_share


def trim_quote(text: str, limit: int) -> str:
    """A verbatim prefix of at most ``limit`` characters, cut at a word boundary in English."""
    if len(text) <= limit:
        return text
    cut = text[:limit]
    space = cut.rfind(" ")
    return cut[:space].rstrip(" ,;:") if space > limit // 2 else cut
