"""A real HTTP server on 127.0.0.1 speaking the OpenAI protocol, scripted reply by reply.

Each test queues the replies it wants (status, JSON or SSE body, headers, delay); the server
answers requests in order and records every request (path, headers, body) for assertions.
"""

import contextlib
import json
import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass(frozen=True)
class Reply:
    status: int = 200
    body: object = None  # a dict or list is sent as JSON, a str or bytes as it is
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before the status line
    # SSE data payloads ("[DONE]" is appended); a number among them is a pause in seconds.
    events: tuple[str | float, ...] | None = None
    event_delay: float = 0.0  # seconds between two SSE events
    drip: float = 0.0  # seconds between two bytes of the body: a server that never times out


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    headers: dict[str, str]  # names in lower case
    body: bytes

    @property
    def json(self) -> dict:
        return json.loads(self.body)

    @property
    def messages(self) -> list[dict]:
        return self.json["messages"]

    @property
    def system(self) -> str:
        return next(m["content"] for m in self.messages if m["role"] == "system")

    @property
    def user(self) -> str:
        return next(m["content"] for m in self.messages if m["role"] == "user")


class ScriptedServer:
    """Answers each request with the next queued reply, or with `otherwise` when none is left."""

    def __init__(self):
        self.requests: list[Request] = []
        self.otherwise = Reply(599, {"error": {"message": "no reply was scripted"}})
        self._replies: deque[Reply] = deque()
        self._lock = threading.Lock()
        self.stopping = threading.Event()
        self._http = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._http.daemon_threads = True
        self._thread = threading.Thread(
            target=self._http.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    @property
    def base_url(self) -> str:
        host, port = self._http.server_address[:2]
        return f"http://{host}:{port}/v1"

    def reply(self, *replies: Reply) -> None:
        with self._lock:
            self._replies.extend(replies)

    def always(self, reply: "Reply | Callable[[Request], Reply]") -> None:
        """The reply once the queue is empty: a fixed one, or one made for each request."""
        self.otherwise = reply

    def next_reply(self, request: Request) -> Reply:
        with self._lock:
            self.requests.append(request)
            if self._replies:
                return self._replies.popleft()
        return self.otherwise(request) if callable(self.otherwise) else self.otherwise

    def start(self) -> "ScriptedServer":
        self._thread.start()
        return self

    def stop(self) -> None:
        self.stopping.set()  # wakes every reply still waiting out its delay
        self._http.shutdown()
        self._http.server_close()


def _handler_for(server: ScriptedServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True  # small writes would otherwise wait 40 ms for an ACK

        def do_POST(self):
            length = int(self.headers.get("content-length", 0))
            request = Request(
                "POST",
                self.path,
                {name.lower(): value for name, value in self.headers.items()},
                self.rfile.read(length),
            )
            reply = server.next_reply(request)
            if server.stopping.wait(reply.delay):
                return
            # The client may have given up waiting: that is what some tests are about.
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self._send(reply)

        def _drip(self, body: bytes, seconds: float) -> None:
            for byte in body:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                if server.stopping.wait(seconds):
                    return

        def _send(self, reply: Reply) -> None:
            if reply.events is not None:
                self._send_events(reply)
                return
            body = reply.body
            content_type = "application/json"
            if isinstance(body, dict | list):
                body = json.dumps(body).encode()
            elif isinstance(body, str):
                body = body.encode()
                content_type = "text/plain"
            body = body or b""
            self.send_response(reply.status)
            self.send_header("content-type", content_type)
            self.send_header("content-length", str(len(body)))
            for name, value in reply.headers.items():
                self.send_header(name, value)
            self.end_headers()
            if reply.drip:
                self._drip(body, reply.drip)
            else:
                self.wfile.write(body)

        def _send_events(self, reply: Reply) -> None:
            self.send_response(reply.status)
            self.send_header("content-type", "text/event-stream")
            self.send_header("cache-control", "no-cache")
            self.send_header("connection", "close")
            self.end_headers()
            for event in (*reply.events, "[DONE]"):
                if not isinstance(event, str):
                    if server.stopping.wait(event):
                        return
                    continue
                self.wfile.write(f"data: {event}\n\n".encode())
                self.wfile.flush()
                if server.stopping.wait(reply.event_delay):
                    return
            self.close_connection = True

        def log_message(self, format, *args):
            pass  # keep test output quiet

    return Handler


# Bodies in the shape the OpenAI API returns them.


def completion(
    content: object = None,
    *,
    refusal: str | None = None,
    prompt_tokens: int = 120,
    completion_tokens: int = 30,
    finish_reason: str = "stop",
) -> dict:
    """A chat completion; a dict or list content is sent as its JSON text."""
    if isinstance(content, dict | list):
        content = json.dumps(content)
    return {
        "id": "chatcmpl-test",
        "object": "chat.completion",
        "created": 1_700_000_000,
        "model": "test-model",
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": content, "refusal": refusal},
                "finish_reason": finish_reason,
                "logprobs": None,
            }
        ],
        "usage": {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": completion_tokens,
            "total_tokens": prompt_tokens + completion_tokens,
        },
    }


def chunk_events(
    pieces: list[str], *, prompt_tokens: int = 80, completion_tokens: int = 12
) -> tuple[str, ...]:
    """The SSE payloads of a streamed completion writing `pieces`, then its usage."""

    def chunk(delta: dict, finish_reason: str | None = None, usage: dict | None = None) -> str:
        choices = [] if usage else [{"index": 0, "delta": delta, "finish_reason": finish_reason}]
        return json.dumps(
            {
                "id": "chatcmpl-test",
                "object": "chat.completion.chunk",
                "created": 1_700_000_000,
                "model": "test-model",
                "choices": choices,
                "usage": usage,
            }
        )

    usage = {
        "prompt_tokens": prompt_tokens,
        "completion_tokens": completion_tokens,
        "total_tokens": prompt_tokens + completion_tokens,
    }
    return (
        chunk({"role": "assistant", "content": ""}),
        *(chunk({"content": piece}) for piece in pieces),
        chunk({}, finish_reason="stop"),
        chunk({}, usage=usage),
    )


def error(status: int, message: str, **headers: str) -> Reply:
    """An error reply in the API's shape."""
    body = {"error": {"message": message, "type": "test_error", "code": None}}
    return Reply(status, body, {name.replace("_", "-"): value for name, value in headers.items()})
