"""Hypothesis throws anything at every API method: never a "Server error", and text comes back.

Arguments of every type and size, and text with emoji, right-to-left marks, zero-width joiners,
NUL and lone surrogates. FUZZ_EXAMPLES (default 10,000 on SQLite, a fifth of it on PostgreSQL)
sets the CI-sized run; the methods that hash passwords or wait out failed sign-ins are left out
(argon2 takes 50 ms by design, and the sign-in pause grows with each failure).
"""

import inspect
import json
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interview.api import InterviewAPI
from interview.sessions import validation
from interview.sessions.validation import clean_text

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "10000"))
NASTY = [
    "",
    " ",
    "\x00",
    "\ud800",
    "\udfff",
    "a\u200bb\u200d",  # zero-width space and joiner
    "\u202eevil\u202c",  # right-to-left override
    "مرحبا بالعالم",
    "שלום",
    "👩🏽‍💻🔥" * 3,
    "<script>alert(1)</script>",
    "![x](http://127.0.0.1/x.png)",
    "=cmd|'/c calc'!A1",
    "x" * 20_001,
    "面试" * 600,
]
text = st.one_of(
    st.sampled_from(NASTY),
    st.text(st.characters(codec=None, exclude_categories=()), max_size=60),
    st.text(max_size=2_000),
)
leaf = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    text,
    st.binary(max_size=64),
)
anything = st.recursive(
    leaf,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(text, inner, max_size=4),
    max_leaves=8,
)
CREATE_FIELDS = [*validation.CREATE_FIELDS, "owner"]
LEFT_OUT = {"close", "from_url", "sign_in", "reset_password", "ensure_password"}


def methods(api: InterviewAPI) -> list[tuple[str, object]]:
    """Every method of the API and of its coach API that answers with an envelope."""
    found = []
    for owner, prefix in ((api, ""), (api.coach, "coach.")):
        for name, member in inspect.getmembers(owner, inspect.ismethod):
            if hasattr(member, "__wrapped__") and name not in LEFT_OUT:  # envelope's wraps
                found.append((prefix + name, member))
    return found


@st.composite
def calls(draw, api: InterviewAPI, sessions: list[str]):
    name, method = draw(st.sampled_from(methods(api)))
    parameters = [
        p
        for p in inspect.signature(method).parameters.values()
        if p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
    ]
    session = st.sampled_from(sessions) if sessions else anything
    kwargs = {}
    for parameter in parameters:
        if draw(st.booleans()):
            value = session if parameter.name == "session_id" and draw(st.booleans()) else anything
            kwargs[parameter.name] = draw(value)
    if "create_session" in name:
        for field in draw(st.lists(st.sampled_from([*CREATE_FIELDS, "extra"]), max_size=5)):
            kwargs[field] = draw(anything)
        if draw(st.booleans()):  # often a valid start, so the text fields are reached
            kwargs |= {"candidate_name": draw(text) or "A", "role": "custom"}
            kwargs["custom_questions"] = draw(st.lists(text, min_size=1, max_size=3))
    return name, method, kwargs


def open_api(url: str) -> tuple[InterviewAPI, list[str]]:
    api = InterviewAPI.from_url(url, rate_limit_per_second=None)
    sessions = []
    for count in (3, 4, 5, 3, 4, 5, 3, 4):
        created = api.create_session(candidate_name="Fuzz", role="backend", question_count=count)
        sessions.append(created["data"]["sessionId"])
    return api, sessions


def fuzz(url: str, examples: int) -> None:
    api, sessions = open_api(url)
    created: list[str] = []
    try:

        @settings(
            max_examples=examples,
            deadline=None,
            derandomize=True,  # the same examples every run: CI is repeatable
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(st.data())
        def any_call(data):
            name, method, kwargs = data.draw(calls(api, sessions), label="call")
            result = method(**kwargs)
            assert set(result) == {"code", "message", "data"}, (name, result)
            assert result["code"] != 500, (name, kwargs, result)
            json.dumps(result)  # what the HTTP API would send
            if name == "create_session" and result["code"] == 200:
                # A fixed number of slots (Hypothesis replays draws): the newest replaces one.
                created.append(result["data"]["sessionId"])
                sessions[len(created) % len(sessions)] = created[-1]

        any_call()
    finally:
        api.close()


def test_fuzzed_calls_on_sqlite_never_give_a_server_error(tmp_path):
    fuzz(f"sqlite:///{tmp_path / 'fuzz.db'}", EXAMPLES)


@pytest.mark.postgres
def test_fuzzed_calls_on_postgres_never_give_a_server_error(postgres_url):
    fuzz(postgres_url, max(1, EXAMPLES // 5))


@settings(max_examples=max(1, EXAMPLES // 20), deadline=None, derandomize=True, database=None)
@given(name=text, question=text, answer=text)
def test_stored_text_comes_back_as_it_was_sent(round_trip_api_factory, name, question, answer):
    api = round_trip_api_factory
    created = api.create_session(
        candidate_name=name, role="custom", custom_questions=[question], follow_up_count=0
    )
    if created["code"] != 200:
        assert created["code"] == 400, created
        return
    session = created["data"]
    assert session["candidateName"] == " ".join(clean_text(name).split())
    assert session["questions"][0]["question"] == clean_text(question).strip()
    saved = api.save_answer(session["sessionId"], 0, answer)
    if saved["code"] != 200:
        assert saved["code"] == 400, saved
        return
    stored = api.get_current_question(session["sessionId"])["data"]["question"]["userAnswer"]
    # A draft with nothing visible in it is no draft.
    visible = validation.has_visible_text(clean_text(answer))
    assert stored == (clean_text(answer) if visible else None)
    if visible:
        assert api.submit_answer(session["sessionId"], 0, answer)["code"] == 200
        report = api.generate_report(session["sessionId"])["data"]
        assert report["questionDetails"][0]["userAnswer"] == clean_text(answer)
        assert report["candidateName"] == session["candidateName"]


@pytest.fixture(scope="module")
def round_trip_api_factory(tmp_path_factory):
    folder = tmp_path_factory.mktemp("trip")
    api = InterviewAPI.from_url(f"sqlite:///{folder / 'trip.db'}", rate_limit_per_second=None)
    yield api
    api.close()
