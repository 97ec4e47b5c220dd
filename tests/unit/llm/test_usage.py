"""Tokens and estimated cost: per call, per interviewer, per scope, from any thread."""

import threading

import pytest

from interview.interviewers.configured import interviewer_from_environment
from interview.interviewers.llm.usage import Usage, UsageMeter, call_usage
from tests.unit.llm.examples import CACHE, STRONG, evaluation_output
from tests.unit.llm.scripted_openai import Reply, completion


def test_tokens_recorded_are_the_servers_usage(server, interviewer):
    server.reply(
        Reply(200, completion(evaluation_output(), prompt_tokens=1234, completion_tokens=56)),
        Reply(
            200, completion({"ask": False, "question": ""}, prompt_tokens=300, completion_tokens=9)
        ),
    )

    evaluation = interviewer.evaluate(CACHE, STRONG)
    interviewer.follow_up(CACHE, STRONG)

    assert (evaluation.prompt_tokens, evaluation.completion_tokens) == (1234, 56)
    assert interviewer.usage.total == Usage(2, 1534, 65, None)


def test_cost_is_estimated_from_the_configured_prices(server, environment):
    interviewer = interviewer_from_environment(
        {
            **environment,
            "INTERVIEW_PRICE_PER_1K_INPUT": "0.5",
            "INTERVIEW_PRICE_PER_1K_OUTPUT": "2",
        }
    )
    server.reply(
        Reply(200, completion(evaluation_output(), prompt_tokens=2000, completion_tokens=500))
    )

    interviewer.evaluate(CACHE, STRONG)

    assert interviewer.usage.total.cost == pytest.approx(2000 * 0.5 / 1000 + 500 * 2 / 1000)


def test_a_scope_counts_only_the_calls_made_inside_it(server, interviewer):
    server.always(
        Reply(200, completion(evaluation_output(), prompt_tokens=10, completion_tokens=1))
    )
    interviewer.evaluate(CACHE, STRONG)

    with interviewer.metered() as session:
        interviewer.evaluate(CACHE, STRONG)
        interviewer.follow_up(CACHE, STRONG)  # runs in a worker thread: still counted here

    assert session.total == Usage(2, 20, 2, None)
    assert interviewer.usage.total.calls == 3


def test_the_meter_is_exact_under_concurrent_calls(server, interviewer):
    server.always(Reply(200, completion(evaluation_output(), prompt_tokens=7, completion_tokens=3)))

    threads = [
        threading.Thread(target=interviewer.evaluate, args=(CACHE, STRONG)) for _ in range(12)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert interviewer.usage.total == Usage(12, 84, 36, None)


def test_usage_adds_up_and_prices_are_per_thousand_tokens():
    meter = UsageMeter()
    for _ in range(1000):
        meter.add(call_usage(1, 1, 1.0, 3.0))

    assert meter.total.calls == 1000
    assert meter.total.cost == pytest.approx(4.0)
    assert call_usage(100, 100, None, 3.0).cost is None
