"""The API key never appears in anything this package writes, even when the provider quotes it."""

import logging

from interview.interviewers.llm.config import settings_from_environment
from interview.interviewers.llm.errors import LanguageModelError
from tests.unit.llm.examples import API_KEY, CACHE, STRONG
from tests.unit.llm.scripted_openai import error


def test_an_error_quoting_the_key_never_reaches_our_strings(server, interviewer, caplog):
    # Providers do this: "Incorrect API key provided: sk-...".
    server.always(error(401, f"Incorrect API key provided: {API_KEY}."))
    caplog.set_level(logging.DEBUG, logger="interview")

    evaluation = interviewer.evaluate(CACHE, STRONG)
    follow_up = interviewer.follow_up(CACHE, STRONG)
    summary = interviewer.summarize([])
    questions = interviewer.tailored_questions("Backend job", "", 2, "en", [])
    stream = interviewer.follow_up_stream(CACHE, STRONG)
    streamed = "".join(stream)
    try:
        interviewer.transcribe(b"audio", "answer.wav")
    except LanguageModelError as failure:
        transcription_error = failure

    assert evaluation.fallback_reason == "HTTP 401 from the model server"
    written = [
        repr(evaluation),
        repr(follow_up),
        repr(summary),
        repr(questions),
        streamed,
        str(stream.fallback_reason),
        str(transcription_error),
        repr(transcription_error),
        str(transcription_error.__cause__),
        str(
            transcription_error.__context__ if not transcription_error.__suppress_context__ else ""
        ),
        caplog.text,
        repr(interviewer),
        repr(interviewer.calls),
        repr(interviewer.settings),
        str(interviewer.settings),
    ]
    # The provider's exception is not chained, so no traceback of ours can print its message.
    assert transcription_error.__cause__ is None and transcription_error.__suppress_context__
    assert len(server.requests) == 5  # every call really reached the provider and failed
    for text in written:
        assert API_KEY not in text


def test_settings_never_show_the_key():
    settings = settings_from_environment({"OPENAI_API_KEY": API_KEY, "INTERVIEW_MODEL": "m"})

    assert API_KEY not in repr(settings) and API_KEY not in str(settings)
    assert settings.redact(f"key={API_KEY}") == "key=[redacted]"
