"""Both interviewers keep the Interviewer contract, and so does the model one when it fails."""

import pytest

from interview.interviewers.base import AskedQuestion, Evaluation, ScoredQuestion, Summary
from interview.interviewers.builtin.interviewer import BuiltinInterviewer
from interview.questions.spec import QuestionSpec
from interview.scoring import rubric
from tests.unit.llm.examples import CACHE, IDK, STRONG, evaluation_output
from tests.unit.llm.scripted_openai import Reply, Request, completion, error

ANSWERS = [STRONG, IDK, "Redis.", "   "]
INCIDENT = AskedQuestion(1, QuestionSpec("Describe an incident you handled.", "Ops", "ops"))


def a_good_model(request: Request) -> Reply:
    """Answers each task with a valid output of its schema."""
    name = request.json["response_format"]["json_schema"]["name"]
    outputs = {
        "AnswerEvaluation": evaluation_output(65),
        "FollowUpDecision": {"ask": True, "question": "What would you measure first?"},
        "InterviewSummary": {
            "overall_feedback": "Solid on caching.",
            "strengths": ["Q1 a", "Q1 b", "Q1 c"],
            "improvements": ["Q2 a", "Q2 b", "Q1 d"],
        },
    }
    return Reply(200, completion(outputs[name]))


@pytest.fixture(params=["builtin", "model", "failing model"])
def any_interviewer(request, server, interviewer):
    if request.param == "builtin":
        return BuiltinInterviewer()
    if request.param == "model":
        server.always(a_good_model)
    else:
        server.always(error(503, "unavailable", retry_after_ms="1"))
    return interviewer


@pytest.mark.parametrize("answer", ANSWERS)
def test_every_interviewer_scores_each_dimension_from_0_to_100(any_interviewer, answer):
    evaluation = any_interviewer.evaluate(CACHE, answer)

    assert isinstance(evaluation, Evaluation)
    assert [d.dimension for d in evaluation.dimensions] == list(rubric.DIMENSION_NAMES)
    assert all(0 <= d.score <= 100 for d in evaluation.dimensions)
    assert evaluation.feedback
    if answer.strip() in ("", IDK):
        assert (
            rubric.question_score(
                {d.dimension: d.score for d in evaluation.dimensions}, evaluation.cap
            )
            <= rubric.NON_ANSWER_CAP
        )


def test_every_interviewer_asks_a_follow_up_or_none(any_interviewer):
    follow_up = any_interviewer.follow_up(CACHE, "I would put Redis in front of the database.")

    assert follow_up is None or (isinstance(follow_up, QuestionSpec) and follow_up.text)


def test_every_interviewer_summarises_an_interview(any_interviewer):
    evaluation = any_interviewer.evaluate(CACHE, STRONG)
    scored = [
        ScoredQuestion(CACHE, STRONG, 70, evaluation),
        ScoredQuestion(INCIDENT, None, 0, None),
    ]

    summary = any_interviewer.summarize(scored)

    assert isinstance(summary, Summary) and summary.overall_feedback
    assert 3 <= len(summary.strengths) <= 6 and 3 <= len(summary.improvements) <= 6
