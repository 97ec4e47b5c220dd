"""Calibration of the built-in interviewer: a bank's model answer should look like one."""

import statistics

import pytest

from interview.interviewers.base import AskedQuestion
from interview.interviewers.builtin.interviewer import BuiltinInterviewer
from interview.questions.banks import load_tracks
from interview.questions.spec import QuestionSpec
from interview.scoring import rubric

INTERVIEWER = BuiltinInterviewer()
TRACKS = {track.id: track for track in load_tracks().values()}


def scored(spec, answer):
    evaluation = INTERVIEWER.evaluate(AskedQuestion(0, spec), answer)
    dims = {d.dimension: d.score for d in evaluation.dimensions}
    return rubric.question_score(dims, evaluation.cap), evaluation.cap


def reference_scores(track_id):
    return [scored(spec, spec.reference_answer) for spec in TRACKS[track_id].questions]


@pytest.mark.parametrize("track_id", sorted(TRACKS))
def test_no_reference_answer_is_capped_or_poor(track_id):
    for score, cap in reference_scores(track_id):
        assert cap is None and score >= 50, score


@pytest.mark.parametrize("track_id", sorted(TRACKS))
def test_the_median_reference_answer_of_a_track_scores_at_least_70(track_id):
    assert statistics.median(score for score, _ in reference_scores(track_id)) >= 70


def test_the_median_reference_answer_over_all_tracks_scores_at_least_72():
    scores = [score for track_id in TRACKS for score, _ in reference_scores(track_id)]
    assert statistics.median(scores) >= 72


STAKEHOLDER = QuestionSpec(
    "Tell me about a time you worked with a difficult stakeholder. How did you handle it?",
    "Conflict",
    "conflict",
    "mid",
    ("understood their goals and pressures", "built trust: regular updates, early involvement"),
)
PRIORITIES = QuestionSpec(
    "Sales and support both want their feature next on the roadmap. How do you prioritise?",
    "Prioritization",
    "prioritization",
    "mid",
    ("tie requests to goals and evidence", "make trade-offs explicit and communicate them"),
)
STRONG_AND_WEAK = {
    "behavioural stakeholder": (
        STAKEHOLDER,
        "For example, at my last job our finance lead kept rejecting releases two days before "
        "launch, which delayed three releases in a row. I met her one to one and asked what "
        "worried her; it turned out audit findings had landed on her team, so she distrusted "
        "late changes. We agreed that she would join sprint planning and that I would send a "
        "weekly status with every change touching invoices, instead of surprising her at the "
        "end. I also set up a short demo before each release. Within two months we shipped "
        "four releases on time and she began asking for the status update herself.",
        "I had a stakeholder who was difficult. I tried to talk to them and be nice. In the end "
        "it was okay and we got along better.",
    ),
    "product prioritisation": (
        PRIORITIES,
        "I start from our quarterly goal, which was retention, and ask each side for evidence: "
        "support brought 120 tickets a month about failed exports, sales had two deals asking "
        "for SSO. I scored both with RICE, because gut feeling favours whoever is loudest. The "
        "export fix touched 30% of active accounts and was two weeks of work, so it went first, "
        "rather than SSO, which I scheduled for the next sprint and told sales why. After the "
        "fix, export tickets dropped by half and churn fell from 4% to 3%.",
        "I would talk to both teams and pick the one that seems more important. Then I would "
        "tell the other team to wait.",
    ),
}


@pytest.mark.parametrize("name", STRONG_AND_WEAK)
def test_a_strong_hand_written_answer_scores_well_and_a_weak_one_does_not(name):
    spec, strong, weak = STRONG_AND_WEAK[name]
    assert scored(spec, strong)[0] >= 70
    assert scored(spec, weak)[0] <= 45
