"""The closing summary from per-question evidence, and questions tailored to a job and resume."""

import pytest

from interview.interviewers.base import AskedQuestion, ScoredQuestion
from interview.interviewers.builtin.interviewer import BuiltinInterviewer
from interview.interviewers.llm.prompts import PROMPT_VERSION
from interview.questions.spec import QuestionSpec
from tests.unit.llm.examples import CACHE, MODEL, STRONG
from tests.unit.llm.scripted_openai import Reply, completion, error

BUILTIN = BuiltinInterviewer()
INCIDENT = AskedQuestion(
    1, QuestionSpec("Describe a production incident you handled.", "Reliability", "reliability")
)
JOB = "Senior backend engineer: Go, PostgreSQL, Kafka, on-call for payment services."
RESUME = "Built a ledger service in Go handling 3k payments per second; migrated it to Kafka."


def scored_interview() -> list[ScoredQuestion]:
    evaluation = BUILTIN.evaluate(CACHE, STRONG)
    return [
        ScoredQuestion(CACHE, STRONG, 81, evaluation),
        ScoredQuestion(INCIDENT, None, 0, None),
    ]


SUMMARY = {
    "overall_feedback": "A strong, measured answer on caching; the incident question was skipped.",
    "strengths": ["Q1 numbers: 96% hit rate", "Q1 cache-aside explained", "Q1 stampede fix"],
    "improvements": ["Answer Q2", "Q1 TTL trade-off", "Q1 Memcached", "Q1 p99", "x", "y", "z"],
}


def test_the_summary_is_written_from_scores_and_evidence_not_the_transcript(server, interviewer):
    server.reply(Reply(200, completion(SUMMARY, prompt_tokens=400, completion_tokens=90)))

    summary = interviewer.summarize(scored_interview())

    assert summary.overall_feedback == SUMMARY["overall_feedback"]
    assert summary.strengths == tuple(SUMMARY["strengths"])
    assert len(summary.improvements) == 6  # at most six are kept
    assert (summary.source, summary.model, summary.prompt_version) == (
        "language-model",
        MODEL,
        PROMPT_VERSION,
    )
    assert (summary.prompt_tokens, summary.completion_tokens) == (400, 90)
    request = server.requests[0]
    assert request.json["response_format"]["json_schema"]["name"] == "InterviewSummary"
    assert STRONG not in request.user  # only quotes from it, inside the fenced evidence
    assert "Q1" in request.user and "score 81" in request.user and "Q2" in request.user
    assert "not answered" in request.user


@pytest.mark.parametrize(
    "reply",
    [
        error(500, "down", retry_after_ms="10"),
        Reply(200, completion({**SUMMARY, "overall_feedback": " "})),
        Reply(200, completion(None, refusal="No.")),
    ],
    ids=["a server error", "no overall feedback", "a refusal"],
)
def test_a_failed_summary_is_the_builtin_one_marked_so(server, interviewer, reply):
    server.reply(reply, reply)

    summary = interviewer.summarize(scored_interview())

    builtin = BUILTIN.summarize(scored_interview())
    assert (summary.overall_feedback, summary.strengths) == (
        builtin.overall_feedback,
        builtin.strengths,
    )
    assert summary.source == "builtin-fallback" and summary.fallback_reason


@pytest.mark.parametrize("given", [[], ["only one"], ["one", "two"]])
def test_a_summary_with_fewer_than_three_items_is_kept_and_topped_up(server, interviewer, given):
    server.reply(Reply(200, completion({**SUMMARY, "strengths": given, "improvements": given})))

    summary = interviewer.summarize(scored_interview())

    builtin = BUILTIN.summarize(scored_interview())
    assert summary.source == "language-model" and summary.fallback_reason is None
    assert summary.overall_feedback == SUMMARY["overall_feedback"]
    assert summary.strengths[: len(given)] == tuple(given) and len(summary.strengths) == 3
    assert set(summary.strengths[len(given) :]) <= set(builtin.strengths)
    assert summary.improvements[: len(given)] == tuple(given) and len(summary.improvements) == 3
    assert len(server.requests) == 1


def test_the_summary_schema_asks_for_three_to_six_items(server, interviewer):
    server.reply(Reply(200, completion(SUMMARY)))
    interviewer.summarize(scored_interview())
    schema = server.requests[0].json["response_format"]["json_schema"]["schema"]
    for name in ("strengths", "improvements"):
        assert (schema["properties"][name]["minItems"], schema["properties"][name]["maxItems"]) == (
            3,
            6,
        )


def test_an_interview_with_nothing_answered_needs_no_call(server, interviewer):
    summary = interviewer.summarize([ScoredQuestion(CACHE, None, 0, None)])

    assert summary == BUILTIN.summarize([ScoredQuestion(CACHE, None, 0, None)])
    assert server.requests == []


def question(text: str, category: str = "Payments", difficulty: str = "senior") -> dict:
    return {
        "text": text,
        "category": category,
        "difficulty": difficulty,
        "key_points": ["idempotency keys", "exactly-once is a myth"],
        "reference_answer": "Use an outbox table and idempotent consumers.",
    }


RECENT = "How do you make a Kafka consumer idempotent?"


def test_tailored_questions_fit_the_job_and_avoid_recent_ones(server, interviewer):
    written = [
        question("How  do you make a KAFKA consumer idempotent?"),  # a recent one, respaced
        question("How would you shard the ledger you built in Go?", "System design"),
        question("Walk me through an on-call incident in payments.", "Reliability", "mid"),
    ]
    server.reply(Reply(200, completion({"questions": written})))

    questions = interviewer.tailored_questions(JOB, RESUME, 2, "en", [RECENT])

    assert [q.text for q in questions] == [written[1]["text"], written[2]["text"]]
    assert (questions[0].category, questions[0].type) == ("System design", "system_design")
    assert questions[1].difficulty == "mid"
    assert questions[0].key_points == ("idempotency keys", "exactly-once is a myth")
    request = server.requests[0]
    assert request.json["response_format"]["json_schema"]["name"] == "TailoredQuestions"
    assert request.user.count("<untrusted-data-") == 2  # the job description and the resume
    assert RECENT in request.user and JOB not in request.system and RESUME not in request.system


@pytest.mark.parametrize(
    "reply",
    [
        Reply(200, completion({"questions": [question("Only one?")]})),
        Reply(200, completion({"questions": [question("Q?", difficulty="guru")] * 2})),
        error(404, "no such model"),
    ],
    ids=["too few", "an unknown difficulty", "an error"],
)
def test_tailored_questions_that_fail_return_none_so_the_bank_is_used(server, interviewer, reply):
    server.reply(reply)

    assert interviewer.tailored_questions(JOB, RESUME, 2, "en", []) is None


def test_no_job_and_no_resume_means_no_call(server, interviewer):
    assert interviewer.tailored_questions(" ", "", 3, "en", []) is None
    assert server.requests == []
