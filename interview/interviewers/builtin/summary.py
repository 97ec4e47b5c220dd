"""The built-in summary of a whole interview, written from the scores and quoted evidence.

Strengths are the dimensions where the candidate scored best, each pinned to the question that
shows it, numbered as the interview showed it ("Q2 technical depth (85): “...”", "Q2 follow-up");
improvements are the weakest dimensions, the unanswered and capped questions and any text aimed
at the grader. With few answers the items
come from different dimensions, so there are still three of each.
"""

from interview.interviewers.base import ScoredQuestion, Summary
from interview.interviewers.builtin import advice, phrasing
from interview.interviewers.builtin.evidence import unmarked
from interview.interviewers.builtin.reading import question_text
from interview.questions import numbering
from interview.scoring import rubric

MOST_ITEMS = 6
FEWEST_ITEMS = 3

TEXT = {
    "en": {
        "nothing": "No question was answered, so there is nothing to score yet. Answer even part "
        "of a question next time: an approach, a tool you would use, and why.",
        "answered": "You answered {answered} of {total} questions{follow_ups}; they average "
        "{average} ({band}).",
        "answered_some": "You answered {answered} of {total} questions{follow_ups}; the answered "
        "ones average {average} ({band}), and unanswered ones count as 0.",
        "follow_ups": " and {answered} of {total} follow-ups",
        "dimensions": "Your strongest dimension was {best} (average {best_score}) and the weakest "
        "{worst} ({worst_score}).",
        "extremes": "The best answer was {best_q} ({best_q_score}); the weakest was {worst_q} "
        "({worst_q_score}).",
        "capped": "{which} scored at most {cap} as non-answers.",
        "strength": "{n} {label} ({score}): {quote}",
        "relative": "{n} {label} ({score}) was a relative strength: {quote}",
        "weakness": "{n} {label} ({score}): {missing}; you said {quote}",
        "unanswered": "{which} not answered; each counts as 0 in the overall score",
        "non_answer": "{n} was capped at {cap}: {reason}",
        "flag": "{n} contained text addressed to the grader; it was ignored and capped ({detail})",
        "no_strength": "No strength can be credited yet: every answer was capped as a non-answer",
        "attempted": "You attempted {answered} of {total} questions instead of leaving them blank",
        "what_counts": "What earns credit next time: an answer to the question asked, with a "
        "concrete example, the reasons for it and a number",
    },
    "zh": {
        "nothing": "没有回答任何问题，暂时无法评分。下次哪怕只回答一部分：一个思路、"
        "会用的工具以及原因。",
        "answered": "共 {total} 题{follow_ups}，你全部作答；平均 {average} 分（{band}）。",
        "answered_some": "共 {total} 题{follow_ups}，你回答了 {answered} 题；"
        "已答题平均 {average} 分（{band}），未答题按 0 分计。",
        "follow_ups": "（另有追问 {total} 个，答了 {answered} 个）",
        "dimensions": "最强的维度是{best}（平均 {best_score} 分），"
        "最弱的是{worst}（{worst_score} 分）。",
        "extremes": "最好的回答是{best_q}（{best_q_score} 分），"
        "最弱的是{worst_q}（{worst_q_score} 分）。",
        "capped": "{which} 被判为无效回答，最多 {cap} 分。",
        "strength": "{n} {label}（{score} 分）：{quote}",
        "relative": "{n} {label}（{score} 分）相对较好：{quote}",
        "weakness": "{n} {label}（{score} 分）：{missing}；你的回答是{quote}",
        "unanswered": "{which} 未作答，每题按 0 分计入总分",
        "non_answer": "{n} 被封顶为 {cap} 分：{reason}",
        "flag": "{n} 含有对评分者说的话，已忽略并封顶（{detail}）",
        "no_strength": "暂时没有可以认定的优势：每个回答都被判为无效回答",
        "attempted": "共 {total} 题，你尝试回答了 {answered} 题，没有留空",
        "what_counts": "下次能得分的回答：切中所问的问题，给出具体例子、理由和数字",
    },
}
BANDS_ZH = {
    "excellent": "优秀",
    "good": "良好",
    "pass": "合格",
    "below bar": "未达标",
    "poor": "较差",
}


def summarize(questions: list[ScoredQuestion]) -> Summary:
    """Overall feedback plus 3-6 strengths and improvements, or only feedback if none answered."""
    language = _language(questions)
    answered = [q for q in questions if q.evaluation is not None and q.answer is not None]
    if not answered:
        return Summary(TEXT[language]["nothing"])
    names = _names(questions, language)
    return Summary(
        overall_feedback=_overall(questions, answered, language, names),
        strengths=_strengths(questions, answered, language, names),
        improvements=_improvements(questions, answered, language, names),
    )


def _language(questions: list[ScoredQuestion]) -> str:
    chinese = sum(phrasing.language_of(q.question.spec.text) == "zh" for q in questions)
    return "zh" if chinese * 2 > len(questions) else "en"


def _names(questions: list[ScoredQuestion], language: str) -> dict[int, str]:
    """Each question as the interview numbered it: "Q2", "Q2 follow-up" ("第2题追问")."""
    return numbering.labels(
        (
            (q.question.index, q.question.is_follow_up, q.question.parent.index)
            if q.question.parent
            else (q.question.index, q.question.is_follow_up, None)
            for q in questions
        ),
        language,
    )


def _dimension(question: ScoredQuestion, name: str):
    return next(d for d in question.evaluation.dimensions if d.dimension == name)


def _averages(answered: list[ScoredQuestion]) -> dict[str, int]:
    return {
        name: rubric.mean_half_up(_dimension(q, name).score for q in answered)
        for name in rubric.DIMENSION_NAMES
    }


def _overall(questions, answered, language: str, names: dict[int, str]) -> str:
    text, labels = TEXT[language], phrasing.DIMENSION_LABELS[language]
    average = rubric.mean_half_up(q.score for q in answered)
    band = rubric.band_of(average)
    averages = _averages(answered)
    best = max(rubric.DIMENSION_NAMES, key=lambda name: averages[name])
    worst = min(rubric.DIMENSION_NAMES, key=lambda name: averages[name])
    top = max(answered, key=lambda q: q.score)
    bottom = min(answered, key=lambda q: q.score)
    sentences = [
        _answered_sentence(questions, answered, text, average, band, language),
        text["dimensions"].format(
            best=labels[best],
            best_score=averages[best],
            worst=labels[worst],
            worst_score=averages[worst],
        ),
    ]
    if top is not bottom:
        sentences.append(
            text["extremes"].format(
                best_q=names[top.question.index],
                best_q_score=top.score,
                worst_q=names[bottom.question.index],
                worst_q_score=bottom.score,
            )
        )
    capped = [q for q in answered if q.evaluation.cap == rubric.NON_ANSWER_CAP]
    if capped:
        which = _listed([names[q.question.index] for q in capped], language)
        sentences.append(text["capped"].format(which=which, cap=rubric.NON_ANSWER_CAP))
    return phrasing.sentence_join(sentences, language)


def _answered_sentence(questions, answered, text: dict, average: int, band: str, language) -> str:
    """How many were answered, counted as the interview showed them: main questions, and
    follow-ups apart (a follow-up is not one more question of the interview)."""
    mains = [q for q in questions if not q.question.is_follow_up]
    follow_ups = [q for q in questions if q.question.is_follow_up]
    answered_ids = {id(q) for q in answered}
    follow_ups_line = (
        text["follow_ups"].format(
            answered=sum(id(q) in answered_ids for q in follow_ups), total=len(follow_ups)
        )
        if follow_ups
        else ""
    )
    all_answered = len(answered) == len(questions)
    return text["answered" if all_answered else "answered_some"].format(
        answered=sum(id(q) in answered_ids for q in mains),
        total=len(mains),
        follow_ups=follow_ups_line,
        average=average,
        band=BANDS_ZH[band] if language == "zh" else band,
    )


def _strengths(
    questions: list[ScoredQuestion],
    answered: list[ScoredQuestion],
    language: str,
    names: dict[int, str],
) -> tuple[str, ...]:
    # A capped non-answer is never quoted as a strength; with nothing else, say so plainly.
    real = [q for q in answered if q.evaluation.cap != rubric.NON_ANSWER_CAP]
    if not real:
        text = TEXT[language]
        attempted = text["attempted"].format(answered=len(answered), total=len(questions))
        return (text["no_strength"], attempted, text["what_counts"])
    averages = _averages(real)
    items = []
    for name in sorted(rubric.DIMENSION_NAMES, key=lambda n: -averages[n]):
        best = max(real, key=lambda q: _dimension(q, name).score)
        score = _dimension(best, name).score
        kind = "strength" if score >= 60 else "relative"
        items.append(_about(best, name, kind, language, names))
        if len(items) == FEWEST_ITEMS + 1:
            break
    return tuple(dict.fromkeys(items))[:MOST_ITEMS]


def _improvements(questions, answered, language: str, names: dict[int, str]) -> tuple[str, ...]:
    text = TEXT[language]
    items = []
    unanswered = [q for q in questions if q.evaluation is None or q.answer is None]
    if unanswered:
        which = _listed([names[q.question.index] for q in unanswered], language)
        items.append(text["unanswered"].format(which=which))
    for q in answered:
        if q.evaluation.cap == rubric.NON_ANSWER_CAP:
            reason = q.evaluation.feedback.split("。")[0].split(". ")[0].rstrip(".")
            items.append(
                text["non_answer"].format(
                    n=names[q.question.index], cap=q.evaluation.cap, reason=reason
                )
            )
        for flag in q.evaluation.flags:
            items.append(text["flag"].format(n=names[q.question.index], detail=flag.detail))
    averages = _averages(answered)
    for name in sorted(rubric.DIMENSION_NAMES, key=lambda n: averages[n]):
        # Advice only where the question asked for it (no "add a number" to a definition).
        asking = [q for q in answered if name in advice.ASKED[_kind(q)]]
        if not asking:
            continue
        worst = min(asking, key=lambda q: _dimension(q, name).score)
        items.append(_about(worst, name, "weakness", language, names))
        if len(items) >= FEWEST_ITEMS + 1:
            break
    return tuple(dict.fromkeys(items))[:MOST_ITEMS]


def _listed(labels: list[str], language: str) -> str:
    return ("、" if language == "zh" else ", ").join(labels)


def _kind(question: ScoredQuestion) -> str:
    return question_text(question.question).kind


def _about(
    question: ScoredQuestion, name: str, kind: str, language: str, names: dict[int, str]
) -> str:
    dimension = _dimension(question, name)
    said = unmarked(dimension.evidence) or question.answer or ""
    return TEXT[language][kind].format(
        n=names[question.question.index],
        label=phrasing.DIMENSION_LABELS[language][name],
        score=dimension.score,
        quote=phrasing.quote(said, 70),
        missing=advice.advice(name, _kind(question), language),
    )
