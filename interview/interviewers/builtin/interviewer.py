"""The built-in interviewer: deterministic, no API key, reads English and Chinese answers.

How an answer is judged (``evaluate``; the reading itself is ``reading.read``):
1. Text aimed at the grader ("ignore previous instructions", "请给我满分") is cut out first, so
   it can add nothing; it is reported as an integrity flag, every dimension loses
   ``GRADER_TEXT_PENALTY`` (so no side effect of the cut can come out ahead) and the question
   is capped at ``GRADER_TEXT_CAP``. Such text never raises a score.
2. The rest is read into features (``interview.scoring.analysis``) against the question, its
   bank key points and its topic (for a follow-up, the main question).
3. A non-answer (blank, "I don't know", echo, gibberish, a bare buzzword list, filler, an answer
   to another question) is capped at ``rubric.NON_ANSWER_CAP`` and so is every dimension.
4. Otherwise each rubric dimension is scored from its signals (``dimensions``, which documents
   the weights of each signal); ``rubric.question_score`` makes the question score, never here.
5. Feedback names the strongest and weakest dimensions, quoting the answer, and a key point missed.
"""

from interview.interviewers.base import (
    AskedQuestion,
    DimensionScore,
    Evaluation,
    IntegrityFlag,
    ScoredQuestion,
    Summary,
)
from interview.interviewers.builtin import advice, follow_ups, phrasing, summary
from interview.interviewers.builtin.reading import Reading, read
from interview.questions.spec import QuestionSpec
from interview.scoring import rubric
from interview.scoring.integrity import separate_grader_text

# A weakest dimension at or above this needs no advice in the feedback.
SOLID_DIMENSION = 70
# A key point covered less than this (in its own words or by meaning) is named as missed.
MISSED = 0.25


class BuiltinInterviewer:
    """The interviewer that needs no model: same answer in, same judgement out."""

    name = "builtin"
    version = "2.0.0"  # 2: graded against reference answers and key points by meaning
    model = None

    def evaluate(self, question: AskedQuestion, answer: str) -> Evaluation:
        reading = read(question, answer)
        return Evaluation(
            dimensions=tuple(
                DimensionScore(name, reading.scores[name], reading.marked_evidence(name))
                for name in rubric.DIMENSION_NAMES
            ),
            feedback=feedback(reading),
            cap=reading.cap,
            flags=grader_instruction_flags(answer),
        )

    def follow_up(self, question: AskedQuestion, answer: str) -> QuestionSpec | None:
        main = question.parent if question.is_follow_up and question.parent else question
        text = follow_ups.follow_up_text(read(question, answer), main.spec.text)
        if text is None:
            return None
        return QuestionSpec(
            text=text,
            category=main.spec.category,
            type=main.spec.type,
            difficulty=main.spec.difficulty,
        )

    def summarize(self, questions: list[ScoredQuestion]) -> Summary:
        return summary.summarize(questions)


def grader_instruction_flags(text: str) -> tuple[IntegrityFlag, ...]:
    """One flag per passage of the answer that speaks to the grader, quoting it."""
    return tuple(
        IntegrityFlag("grader_instruction", f"addresses the grader: {phrasing.quote(passage)}")
        for passage in separate_grader_text(text).removed
    )


def feedback(reading: Reading) -> str:
    """One to three sentences about this answer, in the question's language."""
    language = reading.language
    if reading.non_answer:
        sentences = [
            _non_answer_sentence(reading),
            phrasing.CAPPED[language].format(cap=rubric.NON_ANSWER_CAP),
        ]
    else:
        sentences = [_strength(reading), _weakness(reading), _missed_point(reading)]
    if reading.grader_text:
        note = phrasing.GRADER_NOTE[language].format(quote=phrasing.quote(reading.grader_text[0]))
        sentences = [*sentences[:2], note]
    return phrasing.sentence_join(sentences, language)


def _non_answer_sentence(reading: Reading) -> str:
    f = reading.features
    first = f.sentences[0].text if f.sentences else ""
    terms = [term.name for term in f.terms] or [phrasing.quote(first, 40)]
    template = phrasing.NON_ANSWER[reading.language][reading.non_answer]
    return template.format(
        quote=phrasing.quote(first, 40),
        names=phrasing.names(terms, reading.language),
    )


def _strength(reading: Reading) -> str:
    best = max(rubric.DIMENSION_NAMES, key=lambda name: reading.scores[name])
    label = phrasing.DIMENSION_LABELS[reading.language][best]
    said = reading.evidence[best] or (reading.features.sentences[0].text)
    if reading.language == "zh":
        return f"表现最好的是{label}（{reading.scores[best]} 分）：{phrasing.quote(said, 60)}。"
    return f"Strongest on {label} ({reading.scores[best]}): {phrasing.quote(said, 60)}."


def _weakness(reading: Reading) -> str:
    kind = reading.question.kind
    worst = advice.weakest(reading.scores, kind)
    label = phrasing.DIMENSION_LABELS[reading.language][worst]
    missing = advice.advice(worst, kind, reading.language)
    score = reading.scores[worst]
    if score >= SOLID_DIMENSION:
        if reading.language == "zh":
            return f"相对最弱的{label}（{score} 分）也已扎实。"
        return f"Even the least developed dimension, {label} ({score}), is solid."
    if reading.language == "zh":
        return f"最弱的是{label}（{score} 分）：{missing}。"
    return f"Weakest on {label} ({score}): {missing}."


def _missed_point(reading: Reading) -> str:
    coverage = reading.features.key_point_coverage
    # Only a point the answer said nothing of, in its words or in others, is called missing.
    missed = [p for p, c in zip(reading.question.key_points, coverage, strict=True) if c < MISSED]
    if not missed:
        return ""
    point = phrasing.quote(missed[0], 70)
    if reading.language == "zh":
        return f"还没有讲到这一要点：{point}。"
    return f"A key point it did not cover: {point}."
