"""A language model that is down, slow, dripping or talking nonsense for a whole interview.

Measured before: a server that waited 60 s made creating a session with a job description take
92 s and the report 358 s; one dripping a byte every 2 s was never timed out at all. Now every
model call has a whole-request deadline (INTERVIEW_LLM_TIMEOUT, retries included), and after
the server fails to answer the built-in interviewer stands in for a while without asking it.
Whatever the server does, the interview completes, quickly, and says who scored it.
"""

import socket
import time

import pytest

from interview.api import InterviewAPI
from interview.interviewers.configured import interviewer_from_environment
from tests.conftest import model_environment
from tests.unit.llm.scripted_openai import Reply, ScriptedServer, completion
from tests.unit.test_api_errors import GOOD

pytestmark = pytest.mark.slow

TIMEOUT = 3.0  # INTERVIEW_LLM_TIMEOUT for these tests: the whole of one call
FOLLOW_UP_BUDGET = 2.0
SLACK = 2.5  # seconds of our own work a step may add on a busy two-core machine
JOB = "Backend engineer: PostgreSQL, Redis, Kafka; on call for a payments API at 5,000 rps."
SERVERS = {
    "slow": lambda request: Reply(200, completion({"ask": False}), delay=60),
    "dripping": lambda request: Reply(200, completion({"ask": False}), drip=2),
    "garbage": lambda request: Reply(200, "<html>502 Bad Gateway</html>"),
    "wrong-json": lambda request: Reply(200, completion({"score": "very good"})),
    "failing": lambda request: Reply(500, {"error": {"message": "overloaded"}}),
}


@pytest.fixture(params=[*SERVERS, "down"])
def model_server(request):
    """A model server behaving one way for the whole interview; "down" is a closed port."""
    if request.param == "down":
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        yield request.param, f"http://127.0.0.1:{port}/v1"
        return
    server = ScriptedServer().start()
    server.always(SERVERS[request.param])
    yield request.param, server.base_url
    server.stop()


def timed(call):
    started = time.monotonic()
    result = call()
    return result, time.monotonic() - started


def test_the_interview_completes_within_its_deadlines_and_says_the_builtin_scored_it(
    model_server, sqlite_url, capsys
):
    behaviour, base_url = model_server

    class Stub:  # model_environment takes the server for its base_url alone
        pass

    stub = Stub()
    stub.base_url = base_url
    environment = model_environment(
        stub,
        INTERVIEW_LLM_TIMEOUT=str(TIMEOUT),
        INTERVIEW_FOLLOW_UP_BUDGET=str(FOLLOW_UP_BUDGET),
        INTERVIEW_LLM_PAUSE_AFTER_FAILURE="60",  # the default, stated
    )
    api = InterviewAPI.from_url(
        sqlite_url,
        rate_limit_per_second=None,
        interviewer=interviewer_from_environment(environment),
    )
    created, creating = timed(
        lambda: api.create_session(
            candidate_name="Ada", role="backend", question_count=3, job_description=JOB
        )
    )
    assert created["code"] == 200, created
    assert creating < TIMEOUT + SLACK
    session_id = created["data"]["sessionId"]

    submits = []
    state = api.get_current_question(session_id)["data"]
    while not state["completed"]:
        result, took = timed(
            lambda state=state: api.submit_answer(session_id, state["currentIndex"], GOOD)
        )
        assert result["code"] == 200, result
        submits.append(took)
        state = api.get_current_question(session_id)["data"]
    assert max(submits) < max(TIMEOUT, FOLLOW_UP_BUDGET) + SLACK

    report, reporting = timed(lambda: api.generate_report(session_id))
    assert report["code"] == 200, report
    assert reporting < TIMEOUT + SLACK
    assert report["data"]["answeredCount"] == len(submits)

    details = api.evaluation_details(session_id)["data"]
    assert {q["source"] for q in details["questions"]} == {"builtin-fallback"}
    assert all(q["fallbackReason"] for q in details["questions"])
    assert details["summary"]["source"] == "builtin-fallback"
    api.close()
    with capsys.disabled():
        print(
            f"\n  model {behaviour}: create {creating:.1f} s, slowest submit {max(submits):.1f} s"
            f" of {len(submits)}, report {reporting:.1f} s"
        )
