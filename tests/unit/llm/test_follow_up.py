"""Follow-ups by the model: one structured call, or a stream, never past the budget."""

import json
import time

import pytest

from interview.interviewers.builtin.interviewer import BuiltinInterviewer
from tests.unit.llm.examples import CACHE, STRONG
from tests.unit.llm.scripted_openai import Reply, chunk_events, completion, error

BUILTIN = BuiltinInterviewer()
BUDGET = 0.5  # INTERVIEW_FOLLOW_UP_BUDGET of impatient_interviewer
SLACK = 1.5
PROBE = "Why did you pick a 10 minute TTL, and what happens to stale reads within it?"
PARTIAL_ANSWER = "I would put Redis in front of the database."


def decision(ask: bool, question: str = "") -> dict:
    return {"ask": ask, "question": question}


def test_the_model_writes_the_follow_up_in_the_main_questions_category(server, interviewer):
    server.reply(Reply(200, completion(decision(True, PROBE))))

    follow_up = interviewer.follow_up(CACHE, STRONG)

    assert follow_up.text == PROBE
    assert (follow_up.category, follow_up.type) == (CACHE.spec.category, CACHE.spec.type)
    request = server.requests[0]
    assert request.json["response_format"]["json_schema"]["name"] == "FollowUpDecision"
    assert STRONG in request.user and STRONG not in request.system


def test_the_model_may_decide_no_follow_up_is_needed(server, interviewer):
    server.reply(Reply(200, completion(decision(False))))

    assert BUILTIN.follow_up(CACHE, PARTIAL_ANSWER) is not None
    assert interviewer.follow_up(CACHE, PARTIAL_ANSWER) is None


def test_a_slow_model_gives_the_builtin_follow_up_within_the_budget(server, impatient_interviewer):
    server.reply(Reply(200, completion(decision(True, PROBE)), delay=5))

    started = time.monotonic()
    follow_up = impatient_interviewer.follow_up(CACHE, PARTIAL_ANSWER)

    assert time.monotonic() - started < BUDGET + SLACK
    assert follow_up == BUILTIN.follow_up(CACHE, PARTIAL_ANSWER)


def test_a_server_trickling_bytes_cannot_hold_the_candidate_past_the_budget(
    server, impatient_interviewer
):
    # Each event arrives well within the per-read timeout, but the whole reply takes 3 s.
    server.reply(Reply(200, events=chunk_events(["x"] * 12), event_delay=0.2))

    started = time.monotonic()
    follow_up = impatient_interviewer.follow_up(CACHE, PARTIAL_ANSWER)

    assert time.monotonic() - started < BUDGET + SLACK
    assert follow_up == BUILTIN.follow_up(CACHE, PARTIAL_ANSWER)


def test_an_error_or_an_empty_question_gives_the_builtin_follow_up(server, interviewer):
    server.reply(error(400, "bad request"), Reply(200, completion(decision(True, "  "))))

    assert interviewer.follow_up(CACHE, PARTIAL_ANSWER) == BUILTIN.follow_up(CACHE, PARTIAL_ANSWER)
    assert interviewer.follow_up(CACHE, PARTIAL_ANSWER) == BUILTIN.follow_up(CACHE, PARTIAL_ANSWER)


# Streaming


def test_a_streamed_follow_up_arrives_in_pieces_that_join_to_the_question(server, interviewer):
    pieces = ["Why did you pick ", "a 10 minute TTL, ", "and what happens ", "to stale reads?"]
    server.reply(Reply(200, events=chunk_events(pieces), event_delay=0.02))

    stream = interviewer.follow_up_stream(CACHE, STRONG)
    received = list(stream)

    assert len(received) >= 3
    assert "".join(received) == stream.question.text == "".join(pieces)
    assert (stream.source, stream.replaced) == ("language-model", False)
    request = server.requests[0].json
    assert request["stream"] is True and request["response_format"] == {"type": "text"}
    assert STRONG in server.requests[0].user


@pytest.mark.parametrize("pieces", [["NO", "NE"], [" None", "."]])
def test_a_streamed_none_means_no_follow_up_and_shows_nothing(server, interviewer, pieces):
    server.reply(Reply(200, events=chunk_events(pieces)))

    stream = interviewer.follow_up_stream(CACHE, PARTIAL_ANSWER)

    assert list(stream) == [] and stream.question is None
    assert stream.source == "language-model"


def test_a_stream_that_never_starts_yields_the_builtin_follow_up_in_one_piece(
    server, impatient_interviewer
):
    server.reply(Reply(200, events=chunk_events(["Too late?"]), delay=5))
    expected = BUILTIN.follow_up(CACHE, PARTIAL_ANSWER)

    started = time.monotonic()
    stream = impatient_interviewer.follow_up_stream(CACHE, PARTIAL_ANSWER)
    received = list(stream)

    assert time.monotonic() - started < BUDGET + SLACK
    assert received == [expected.text] and stream.question == expected
    assert stream.source == "builtin-fallback" and not stream.replaced


def test_a_stream_stalling_midway_is_replaced_by_the_builtin_follow_up(
    server, impatient_interviewer
):
    role, piece, *rest = chunk_events(["Why did ", "you..."])
    server.reply(Reply(200, events=(role, piece, 5.0, *rest)))  # stalls after one piece

    started = time.monotonic()
    stream = impatient_interviewer.follow_up_stream(CACHE, PARTIAL_ANSWER)
    received = list(stream)

    assert time.monotonic() - started < BUDGET + SLACK
    assert received == ["Why did "]
    assert stream.replaced and stream.question == BUILTIN.follow_up(CACHE, PARTIAL_ANSWER)
    assert "budget" in stream.fallback_reason


def test_a_stream_reports_its_tokens(server, interviewer):
    events = chunk_events(["Why Redis?"], prompt_tokens=77, completion_tokens=5)
    server.reply(Reply(200, events=events))

    with interviewer.metered() as meter:
        list(interviewer.follow_up_stream(CACHE, STRONG))

    assert (meter.total.calls, meter.total.prompt_tokens, meter.total.completion_tokens) == (
        1,
        77,
        5,
    )


def test_a_streamed_refusal_falls_back(server, interviewer):
    refusal = json.dumps(
        {
            "id": "c",
            "object": "chat.completion.chunk",
            "created": 1,
            "model": "m",
            "choices": [{"index": 0, "delta": {"refusal": "No."}, "finish_reason": None}],
        }
    )
    server.reply(Reply(200, events=(refusal,)))

    stream = interviewer.follow_up_stream(CACHE, PARTIAL_ANSWER)
    received = list(stream)

    assert stream.source == "builtin-fallback" and "refused" in stream.fallback_reason
    assert received == [BUILTIN.follow_up(CACHE, PARTIAL_ANSWER).text]
