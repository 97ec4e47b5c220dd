"""Answers evaluated by the model as they are submitted; the report reuses the evaluations.

Every test runs on a SQLite file and on PostgreSQL, against the scripted model server.
"""

import threading

from sqlalchemy import select

from interview.api import InterviewAPI
from interview.interviewers.base import AskedQuestion
from interview.interviewers.builtin.interviewer import BuiltinInterviewer
from interview.questions.spec import QuestionSpec
from interview.scoring import rubric
from interview.sessions.evaluation_records import answer_digest
from interview.storage import evaluation_store, store
from interview.storage.schema import evaluations
from tests.unit.conftest import eventually
from tests.unit.llm.examples import MODEL, evaluation_output

QUESTIONS = [
    "How would you design a cache for a read-heavy product catalogue?",
    "Tell me about a production incident you handled.",
    "How do you make a message consumer idempotent?",
    "How would you roll out a risky database migration?",
    "How do you decide what to monitor in a new service?",
]
ANSWERS = [
    "I put Redis in front of PostgreSQL as cache-aside with a 60 s TTL because reads were 50x "
    "writes; invalidation on write, a lock against stampedes, p99 fell from 420 ms to 35 ms.",
    "Our payments API started timing out after a deploy. I rolled back within 6 minutes, found "
    "an N+1 query with tracing, added a batch load and a regression test; errors went to zero.",
    "Each message carries an id; the consumer records processed ids in the same transaction as "
    "its writes, so a redelivery is a no-op. We measured 0 duplicates over 2 million messages.",
    "Expand and contract: add the new column, dual-write, backfill in batches of 10k, switch "
    "reads behind a flag, then drop the old column a week later, because rollback stays cheap.",
    "I start from the user journey: latency, errors and saturation of each dependency, alerting "
    "on SLO burn rate rather than raw CPU, because pages should mean a user is affected.",
]
EDITED = (
    "On reflection: cache-aside with Redis, TTL of 60 s, delete on write to avoid racing "
    "writers, and request coalescing for hot keys; the hit rate reached 96%."
)


def start(api: InterviewAPI, count: int = 3, follow_ups: int = 0, name: str = "Ada") -> str:
    created = api.create_session(
        candidate_name=name,
        role="custom",
        custom_questions=QUESTIONS[:count],
        follow_up_count=follow_ups,
    )
    assert created["code"] == 200, created
    return created["data"]["sessionId"]


def answer_all(api: InterviewAPI, session_id: str, count: int = 3) -> None:
    for index in range(count):
        result = api.submit_answer(session_id, index, ANSWERS[index])
        assert result["code"] == 200, result


def details(api: InterviewAPI, session_id: str) -> list[dict]:
    return api.evaluation_details(session_id)["data"]["questions"]


def statuses(api: InterviewAPI, session_id: str) -> list[str]:
    return [question["status"] for question in details(api, session_id)]


def test_a_submit_returns_before_a_slow_evaluation_finishes(model, open_model_api):
    model.delays["AnswerEvaluation"] = 1.5
    api = open_model_api()
    session_id = start(api)

    result = api.submit_answer(session_id, 0, ANSWERS[0])

    assert result["code"] == 200
    assert statuses(api, session_id) == ["running"]  # the model has not answered yet
    eventually(lambda: statuses(api, session_id) == ["done"])
    assert details(api, session_id)[0]["source"] == "language-model"


def test_the_report_right_after_the_last_submit_makes_no_call_of_its_own(model, open_model_api):
    # The last one is still under way when asked.
    model.delays.update({"AnswerEvaluation": 0.5, "FinalEvaluation": 0.5})
    api = open_model_api()
    session_id = start(api)
    answer_all(api, session_id)

    report = api.generate_report(session_id)["data"]

    # One per answer (the last one with the summary), none again at report time.
    assert (model.calls("AnswerEvaluation"), model.calls("FinalEvaluation")) == (2, 1)
    assert model.calls("InterviewSummary") == 0
    assert [q["score"] for q in report["questionDetails"]] == [70, 70, 70]
    assert report["evaluator"]["model"] == MODEL
    assert report["overallFeedback"] == model.outputs["InterviewSummary"]["overall_feedback"]
    assert statuses(api, session_id) == ["done", "done", "done"]
    assert api.generate_report(session_id, regenerate=True)["code"] == 200
    calls = ("AnswerEvaluation", "FinalEvaluation", "InterviewSummary")
    assert tuple(model.calls(kind) for kind in calls) == (2, 1, 1)  # a new summary, written


def test_each_evaluation_starts_while_the_follow_up_is_being_decided(model, open_model_api):
    model.delays.update({"AnswerEvaluation": 0.5, "FollowUpDecision": 0.5})
    api = open_model_api()
    session_id = start(api, follow_ups=1)

    for index in range(3):
        assert api.submit_answer(session_id, index, ANSWERS[index])["code"] == 200
        # The evaluation was asked for before the decision, not after the submit.
        assert model.calls("AnswerEvaluation") == index + 1

    assert api.generate_report(session_id)["code"] == 200
    assert model.calls("FollowUpDecision") == 3 and model.calls("AnswerEvaluation") == 3


def test_an_edited_answer_is_evaluated_again_and_the_report_scores_the_edit(model, open_model_api):
    model.outputs["AnswerEvaluation"] = lambda request: evaluation_output(
        90 if "request coalescing" in request.user else 40
    )
    api = open_model_api()
    session_id = start(api, count=2)
    api.submit_answer(session_id, 0, ANSWERS[0])

    assert api.save_answer(session_id, 0, EDITED)["code"] == 200
    assert api.save_answer(session_id, 0, EDITED)["code"] == 200  # the same text: nothing new
    api.submit_answer(session_id, 1, ANSWERS[1])
    report = api.generate_report(session_id)["data"]

    requests = model.requests("AnswerEvaluation") + model.requests("FinalEvaluation")
    evaluated = [request.user for request in requests]
    assert len(evaluated) == 3 and sum(EDITED in text for text in evaluated) == 1
    first = report["questionDetails"][0]
    assert (first["userAnswer"], first["score"]) == (EDITED, 90)


def test_evaluations_left_unfinished_by_a_stopped_process_are_finished_by_the_next(
    model, open_model_api
):
    stopped = open_model_api(background_scoring=False)
    session_id = start(stopped)
    answer_all(stopped, session_id)
    # What a process that died leaves: a queued answer, one it was evaluating (its lease has
    # lapsed), and one that a live process elsewhere is evaluating right now.
    with stopped.db.transaction() as conn:
        rows = store.question_rows(conn, session_id)
        digests = [answer_digest(row.user_answer) for row in rows]
        evaluation_store.add_evaluation(conn, session_id, rows[0].id, digests[0])
        for row, digest, lease in ((rows[1], digests[1], 1), (rows[2], digests[2], 2**62)):
            evaluation_store.add_evaluation(
                conn, session_id, row.id, digest, claimed_by="elsewhere", lease_expires_ms=lease
            )
    stopped.close()

    restarted = open_model_api()

    eventually(lambda: statuses(restarted, session_id) == ["done", "done", "running"])
    assert model.calls("AnswerEvaluation") == 2
    assert restarted.generate_report(session_id)["code"] == 200
    assert model.calls("AnswerEvaluation") == 3  # the report does what is still missing
    assert statuses(restarted, session_id) == ["done", "done", "done"]


def test_two_instances_on_one_database_never_evaluate_the_same_answer_twice(model, open_model_api):
    model.delays["AnswerEvaluation"] = 0.2
    setup = open_model_api(background_scoring=False)
    session_ids = [start(setup, count=5, name=f"Racer {n}") for n in range(4)]
    for session_id in session_ids:
        answer_all(setup, session_id, count=5)
    one, two = open_model_api(), open_model_api()
    with setup.db.transaction() as conn:
        for session_id in session_ids:
            for row in store.question_rows(conn, session_id):
                digest = answer_digest(row.user_answer)
                evaluation_store.add_evaluation(conn, session_id, row.id, digest)

    barrier = threading.Barrier(2)
    threads = [
        threading.Thread(target=lambda api=api: (barrier.wait(), api.evaluations.resume()))
        for api in (one, two)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    eventually(lambda: all(statuses(setup, s) == ["done"] * 5 for s in session_ids), 30)

    assert model.calls("AnswerEvaluation") == 20
    with setup.db.reading() as conn:
        rows = list(conn.execute(select(evaluations.c.attempts, evaluations.c.claimed_by)))
    assert len(rows) == 20 and {row.attempts for row in rows} == {1}
    assert {row.claimed_by for row in rows} == {one.evaluations.claimant, two.evaluations.claimant}


def test_a_failing_model_is_replaced_by_the_builtin_evaluator_and_says_so(model, open_model_api):
    model.failing.update({"AnswerEvaluation", "FinalEvaluation"})
    api = open_model_api()
    session_id = start(api)
    answer_all(api, session_id)

    report = api.generate_report(session_id)["data"]

    builtin = BuiltinInterviewer()
    expected = []
    for index in range(3):
        asked = AskedQuestion(index, QuestionSpec(QUESTIONS[index], "Custom", "custom"))
        evaluation = builtin.evaluate(asked, ANSWERS[index])
        scores = {d.dimension: d.score for d in evaluation.dimensions}
        expected.append(rubric.question_score(scores, evaluation.cap))
    assert [q["score"] for q in report["questionDetails"]] == expected
    for question in details(api, session_id):
        assert question["source"] == "builtin-fallback" and question["status"] == "done"
        assert "HTTP 500" in question["fallbackReason"]
    assert api.evaluation_details(session_id)["data"]["summary"]["source"] == "language-model"


def test_tokens_and_estimated_cost_are_totalled_per_session(model, open_model_api):
    model.tokens = (1000, 100)
    api = open_model_api(INTERVIEW_PRICE_PER_1K_INPUT="0.5", INTERVIEW_PRICE_PER_1K_OUTPUT="2")
    session_id = start(api, follow_ups=1)  # three follow-up decisions, all declined
    answer_all(api, session_id)
    api.generate_report(session_id)

    data = api.evaluation_details(session_id)["data"]

    assert data["totals"]["calls"] == 7  # 3 evaluations, 3 decisions, 1 summary
    assert (data["totals"]["promptTokens"], data["totals"]["completionTokens"]) == (7000, 700)
    assert abs(data["totals"]["estimatedCost"] - (7000 * 0.5 + 700 * 2) / 1000) < 1e-9
    assert {(q["promptTokens"], q["completionTokens"]) for q in data["questions"]} == {(1000, 100)}
    summary = data["summary"]
    assert (summary["source"], summary["model"], summary["promptTokens"]) == (
        "language-model",
        MODEL,
        1000,
    )


def test_without_prices_the_cost_is_not_estimated(model, open_model_api):
    api = open_model_api()
    session_id = start(api)
    answer_all(api, session_id)
    api.generate_report(session_id)

    totals = api.evaluation_details(session_id)["data"]["totals"]

    # Two evaluations, then the last answer's evaluation with the summary.
    assert totals["estimatedCost"] is None and totals["calls"] == 3


def test_closing_finishes_the_evaluation_under_way(model, open_model_api, any_url):
    model.delays["AnswerEvaluation"] = 0.5
    api = open_model_api()
    session_id = start(api)
    api.submit_answer(session_id, 0, ANSWERS[0])

    api.close()

    reopened = open_model_api(background_scoring=False)
    assert statuses(reopened, session_id) == ["done"]
    assert model.calls("AnswerEvaluation") == 1
