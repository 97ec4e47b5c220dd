"""Questions numbered as the interview shows them: main questions 1..N, each follow-up under its
main question ("Q2", "Q2 follow-up", "Q2 follow-up 2"; "第2题", "第2题追问").

A session's flat list puts follow-ups between the main questions (API.md's questionIndex), so
"the 6th question" names nothing the candidate saw; these labels do.
"""

from collections.abc import Iterable

LABELS = {
    "en": {
        "main": "Q{number}",
        "follow_up": "Q{number} follow-up",
        "nth": "Q{number} follow-up {n}",
    },
    "zh": {"main": "第{number}题", "follow_up": "第{number}题追问", "nth": "第{number}题追问{n}"},
}


def numbers(questions: Iterable[tuple[int, bool, int | None]]) -> dict[int, tuple[int, int]]:
    """(index, is follow-up, main question's index) of each question, in order -> its
    (main question's number, follow-up number: 0 for the main question itself)."""
    numbered: dict[int, tuple[int, int]] = {}
    mains: dict[int, int] = {}
    follow_ups: dict[int, int] = {}
    for index, is_follow_up, parent in questions:
        if not is_follow_up:
            mains[index] = len(mains) + 1
            numbered[index] = (mains[index], 0)
            continue
        main = mains.get(parent, len(mains))
        follow_ups[main] = follow_ups.get(main, 0) + 1
        numbered[index] = (main, follow_ups[main])
    return numbered


def label(number: int, follow_up: int, language: str = "en", *, counted: bool = False) -> str:
    """ "Q2", "Q2 follow-up" (the first), "Q2 follow-up 2"; `counted` always numbers follow-ups."""
    templates = LABELS.get(language, LABELS["en"])
    if not follow_up:
        return templates["main"].format(number=number)
    if follow_up == 1 and not counted:
        return templates["follow_up"].format(number=number)
    return templates["nth"].format(number=number, n=follow_up)


def labels(
    questions: Iterable[tuple[int, bool, int | None]], language: str = "en"
) -> dict[int, str]:
    """index -> the label the candidate knows the question by."""
    numbered = numbers(questions)
    counts: dict[int, int] = {}
    for main, follow_up in numbered.values():
        counts[main] = max(counts.get(main, 0), follow_up)
    return {
        index: label(main, follow_up, language, counted=counts[main] > 1)
        for index, (main, follow_up) in numbered.items()
    }
