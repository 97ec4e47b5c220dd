"""Questions, answers and model outputs the language-model tests share."""

from interview.interviewers.base import AskedQuestion
from interview.questions.spec import QuestionSpec
from interview.scoring import rubric

API_KEY = "sk-test-4f1c9e27b8d3a6"
MODEL = "test-model"

CACHE = AskedQuestion(
    0,
    QuestionSpec(
        "How would you design a caching layer to reduce database load for a read-heavy service?",
        "System design",
        "system_design",
        "mid",
        ("Cache-aside: read from the cache and load from the database on a miss",),
    ),
)
STRONG = (
    "At my last job our catalog service served about 20k QPS of reads against one MySQL primary "
    "and p99 latency had climbed to 800 ms. I designed a cache-aside layer with Redis: reads "
    "check Redis and load from MySQL on a miss, with a 10 minute TTL. On writes we delete the "
    "key rather than update it, because deleting avoids racing writers leaving stale values. "
    "The hard part was a cache stampede on hot keys; we fixed it with a per-key mutex. The hit "
    "rate reached 96% and database CPU dropped from 85% to 30%."
)
IDK = "I don't know."


def evaluation_output(
    scores: int | dict[str, object] = 70,
    evidence: dict[str, str] | None = None,
    feedback: str = "Concrete and well reasoned; add the trade-offs of the TTL you chose.",
    flagged: bool = False,
) -> dict:
    """What the model returns for one answer (AnswerEvaluation), every dimension by default."""
    if not isinstance(scores, dict):
        scores = dict.fromkeys(rubric.DIMENSION_NAMES, scores)
    evidence = evidence or {}
    return {
        "dimensions": {
            name: {"score": score, "evidence": evidence.get(name, "")}
            for name, score in scores.items()
        },
        "feedback": feedback,
        "grader_instruction_detected": flagged,
    }
