"""Benchmark of the report's wait with a language model, measured side by side in one run.

A scripted OpenAI-compatible server on 127.0.0.1 (tests/unit/llm/scripted_openai.py) answers
every call after a fixed delay (default 1.5 s), with the real openai client pointed at it.

1. A 10-question interview (every main answer gets a follow-up decision, which the model
   declines), then the time from the last submit's return to the full report:
   (a) with background scoring: answers were evaluated as they came in;
   (b) scoring everything only when the report is asked for, one call at a time.
   Target: (a) under 2 s and at least 5x faster than (b).
   (a') the same with follow-ups off, the candidate taking the model's delay to answer each
   question: nothing overlaps the last evaluation, so it writes the summary in the same call
   and the report makes none. Target: under 2 s.
2. Model calls and tokens per interview for 5, 10 and 20 questions (no delay). The server
   reports prompt tokens as the prompt's characters / 4, so a transcript resent on every turn
   would show as a growing cost per question. Target: linear growth.

Usage: python bench/report_latency.py [--delay S] [--questions N]
"""

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.results import result
from interview.api import InterviewAPI
from interview.interviewers.configured import interviewer_from_environment
from interview.scoring import rubric
from tests.unit.llm.scripted_openai import Reply, Request, ScriptedServer, completion

ANSWER = (
    "On the {n} project I put Redis in front of PostgreSQL as a cache-aside layer because reads "
    "outnumbered writes 40 to 1. Writes delete the key rather than update it, which avoids two "
    "writers leaving a stale value. The hard part was a stampede on hot keys after deploys; a "
    "per-key lock fixed it. p99 latency fell from 420 ms to 35 ms and database CPU from 80% to "
    "30%. Next time I would add request coalescing and measure the hit rate per endpoint."
)
OUTPUTS = {
    "AnswerEvaluation": {
        "dimensions": {
            name: {"score": 72, "evidence": "p99 latency fell from 420 ms to 35 ms"}
            for name in rubric.DIMENSION_NAMES
        },
        "feedback": "Concrete and measured; say what the lock costs under contention.",
        "grader_instruction_detected": False,
    },
    "FollowUpDecision": {"ask": False, "question": ""},
    "FinalEvaluation": {},  # the last answer's evaluation with the summary: filled in below
    "InterviewSummary": {
        "overall_feedback": "Consistently concrete answers backed by numbers.",
        "strengths": ["Numbers in every answer", "Clear trade-offs", "Owns the hard part"],
        "improvements": ["Cost of the lock", "Hit rate per endpoint", "Failure modes of Redis"],
    },
}

OUTPUTS["FinalEvaluation"] = {**OUTPUTS["AnswerEvaluation"], **OUTPUTS["InterviewSummary"]}


class Model:
    """Answers each structured call after `delay` seconds; counts calls per kind."""

    def __init__(self, delay: float):
        self.delay = delay
        self.calls: dict[str, int] = {}

    def __call__(self, request: Request) -> Reply:
        name = request.json["response_format"]["json_schema"]["name"]
        self.calls[name] = self.calls.get(name, 0) + 1
        output = json.dumps(OUTPUTS[name])
        prompt = sum(len(message["content"]) for message in request.messages)
        body = completion(output, prompt_tokens=prompt // 4, completion_tokens=len(output) // 4)
        return Reply(200, body, delay=self.delay)


def open_api(folder: str, name: str, server: ScriptedServer, background: bool) -> InterviewAPI:
    interviewer = interviewer_from_environment(
        {
            "OPENAI_API_KEY": "sk-bench-not-a-secret",
            "OPENAI_BASE_URL": server.base_url,
            "INTERVIEW_MODEL": "bench-model",
        }
    )
    return InterviewAPI.from_url(
        f"sqlite:///{folder}/{name}.db",
        rate_limit_per_second=None,
        interviewer=interviewer,
        background_scoring=background,
    )


def interview(api: InterviewAPI, questions: int, follow_ups: int, think: float = 0.0) -> str:
    """Create a session and answer every question, `think` seconds apart; returns its id."""
    created = api.create_session(
        candidate_name=f"bench-{time.monotonic_ns()}",
        role="backend",
        question_count=questions,
        follow_up_count=follow_ups,
    )
    session_id = created["data"]["sessionId"]
    index, more = 0, True
    while more:
        time.sleep(think if index else 0)
        result = api.submit_answer(session_id, index, ANSWER.format(n=f"number {index}"))
        assert result["code"] == 200, result
        index, more = result["data"]["currentIndex"], result["data"]["hasNextQuestion"]
    return session_id


def report_wait(
    delay: float, questions: int, background: bool, follow_ups: int = 1, think: float = 0.0
) -> dict:
    """Seconds from the last submit's return to the full report, and the calls made meanwhile."""
    model = Model(delay)
    server = ScriptedServer().start()
    server.always(model)
    with tempfile.TemporaryDirectory() as folder:
        api = open_api(folder, "interview", server, background)
        session_id = interview(api, questions, follow_ups, think)
        before = dict(model.calls)
        start = time.perf_counter()
        report = api.generate_report(session_id)
        seconds = time.perf_counter() - start
        assert report["code"] == 200 and report["data"]["answeredCount"] == questions, report
        api.close()
    server.stop()
    at_report = sum(model.calls.values()) - sum(before.values())
    summaries = model.calls.get("InterviewSummary", 0) - before.get("InterviewSummary", 0)
    return {"seconds": seconds, "calls_at_report": at_report, "summaries_at_report": summaries}


def usage_per_interview(questions: int) -> dict:
    """Calls and tokens of one whole interview, from the session's own recorded totals."""
    model = Model(0.0)
    server = ScriptedServer().start()
    server.always(model)
    with tempfile.TemporaryDirectory() as folder:
        api = open_api(folder, "usage", server, background=True)
        session_id = interview(api, questions, follow_ups=1)
        assert api.generate_report(session_id)["code"] == 200
        totals = api.evaluation_details(session_id)["data"]["totals"]
        api.close()
    server.stop()
    assert totals["calls"] == sum(model.calls.values()), (totals, model.calls)
    return totals


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--delay", type=float, default=1.5)
    parser.add_argument("--questions", type=int, default=10)
    args = parser.parse_args()
    n = args.questions

    background = report_wait(args.delay, n, background=True)
    on_request = report_wait(args.delay, n, background=False)
    # Without follow-up decisions nothing paces the submits: the candidate's own thinking does.
    no_follow_ups = report_wait(args.delay, n, True, follow_ups=0, think=args.delay)
    a, b = background["seconds"], on_request["seconds"]
    print(f"Report latency, {n}-question interview, each model call answered after {args.delay} s:")
    print(
        f"  (a) background scoring:       {a:6.2f} s after the last submit "
        f"({background['calls_at_report']} model call(s) at report time)"
    )
    print(
        f"  (b) scoring at report time:   {b:6.2f} s after the last submit "
        f"({on_request['calls_at_report']} model calls, one at a time)"
    )
    print(
        f"  (a) under 2 s: {'OK' if a < 2 else 'MISSED'}; (b)/(a) {b / a:.1f}x "
        f"(target >= 5x: {'OK' if b / a >= 5 else 'MISSED'})"
    )
    result(
        "report after the last submit, model scoring in the background",
        a,
        "s",
        against="scoring at report time",
        against_value=b,
        target="< 2 s, and <= 1/5 of scoring at report time",
        met=a < 2 and b / a >= 5,
        note=f"model answers each call after {args.delay} s",
    )
    c = no_follow_ups["seconds"]
    print(
        f"  (a') follow-ups off: {c:.2f} s (target < 2 s: {'OK' if c < 2 else 'MISSED'}; "
        f"{args.delay} s between answers; after the last submit "
        f"{no_follow_ups['calls_at_report']} model call(s), of which "
        f"{no_follow_ups['summaries_at_report']} summary call(s): the last answer's "
        "evaluation wrote the summary)"
    )

    print("Model calls and tokens per interview (background scoring, follow-up decisions on):")
    rows = {count: usage_per_interview(count) for count in (5, 10, 20)}
    for count, totals in rows.items():
        print(
            f"  {count:2d} questions: {totals['calls']:3d} calls, "
            f"{totals['promptTokens']:6d} prompt + {totals['completionTokens']:5d} completion "
            f"tokens ({totals['promptTokens'] / count:.0f} prompt tokens per question)"
        )
    calls_linear = all(totals["calls"] == 2 * count + 1 for count, totals in rows.items())
    first = (rows[10]["promptTokens"] - rows[5]["promptTokens"]) / 5
    second = (rows[20]["promptTokens"] - rows[10]["promptTokens"]) / 10
    tokens_linear = abs(second - first) <= 0.25 * first
    print(
        f"  calls = 2 per question + 1 summary: {'OK' if calls_linear else 'MISSED'}; "
        f"prompt tokens per added question {first:.0f} (5->10) and {second:.0f} (10->20): "
        f"{'linear: OK' if tokens_linear else 'growing: MISSED'}"
    )


if __name__ == "__main__":
    main()
