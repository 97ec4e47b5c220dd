"""Voice answers: the provider's transcription endpoint, or a clear 'unavailable'."""

import pytest

from interview.interviewers.llm.errors import TranscriptionUnavailable
from tests.unit.llm.scripted_openai import Reply, error

AUDIO = b"RIFF\x24\x00\x00\x00WAVEfmt " + bytes(32)


def test_a_recording_is_transcribed_with_the_configured_model(server, interviewer):
    server.reply(Reply(200, {"text": "We used Redis with cache-aside."}))

    text = interviewer.transcribe(AUDIO, "answer.wav")

    assert text == "We used Redis with cache-aside."
    request = server.requests[0]
    assert request.path == "/v1/audio/transcriptions"
    assert request.headers["content-type"].startswith("multipart/form-data")
    assert b'name="model"\r\n\r\nwhisper-1' in request.body
    assert b'filename="answer.wav"' in request.body and AUDIO in request.body


@pytest.mark.parametrize(
    ("reply", "reason"),
    [
        (error(404, "Not Found: /v1/audio/transcriptions"), "HTTP 404"),
        (error(503, "overloaded", retry_after_ms="10"), "HTTP 503"),
    ],
    ids=["no endpoint", "an overloaded provider"],
)
def test_a_provider_without_transcription_says_so(server, interviewer, reply, reason):
    server.always(reply)

    with pytest.raises(TranscriptionUnavailable, match=reason):
        interviewer.transcribe(AUDIO, "answer.wav")


def test_an_empty_recording_is_not_sent(server, interviewer):
    with pytest.raises(TranscriptionUnavailable, match="no audio"):
        interviewer.transcribe(b"", "answer.wav")
    assert server.requests == []
