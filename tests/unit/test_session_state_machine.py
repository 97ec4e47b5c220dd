"""Random sequences of API calls, valid and invalid, checked against a plain-Python model."""

import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, consumes, invariant, rule

from interview.api import InterviewAPI

ANSWERS = [
    "Redis.",
    "I would add an index on the foreign key because the join scanned 2M rows; p95 fell 80%.",
    "I don't know.",
]
BAD_ANSWERS = [None, "", "   ", 12]


def _shift(position: int, inserted_after: int) -> int:
    """Where a question ends up once a follow-up is inserted after `inserted_after`."""
    return position + 1 if position > inserted_after else position


@dataclass
class Model:
    """What a session must look like: the state machine of API.md."""

    status: str = "CREATED"
    current: int = 0
    total: int = 0
    follow_up_count: int = 0
    answered: set = field(default_factory=set)
    main_of: dict = field(default_factory=dict)  # question index -> its main question's index
    follow_ups: dict = field(default_factory=dict)  # main index -> follow-ups so far

    @property
    def ended(self) -> bool:
        return self.status in ("COMPLETED", "EVALUATED")

    def record_submit(self, index: int, new_total: int) -> None:
        self.answered.add(index)
        main = self.main_of[index]
        if new_total == self.total + 1:
            assert self.follow_ups[main] < self.follow_up_count, "too many follow-ups"
            self.main_of = {_shift(i, index): _shift(m, index) for i, m in self.main_of.items()}
            self.main_of[index + 1] = main
            self.follow_ups = {_shift(m, index): n for m, n in self.follow_ups.items()}
            self.follow_ups[main] += 1
        else:
            assert new_total == self.total
        self.total, self.current = new_total, index + 1
        self.status = "COMPLETED" if self.current >= self.total else "IN_PROGRESS"


class InterviewMachine(RuleBasedStateMachine):
    sessions = Bundle("sessions")

    def __init__(self):
        super().__init__()
        self.folder = tempfile.TemporaryDirectory()
        url = f"sqlite:///{Path(self.folder.name) / 'machine.db'}"
        self.api = InterviewAPI.from_url(url, rate_limit_per_second=None)
        self.models: dict[str, Model] = {}

    def teardown(self):
        self.api.close()
        self.folder.cleanup()

    @rule(target=sessions, count=st.integers(3, 5), follow_ups=st.integers(0, 2))
    def create(self, count, follow_ups):
        result = self.api.create_session(
            candidate_name="Model", role="backend", question_count=count, follow_up_count=follow_ups
        )
        assert result["code"] == 200
        session_id = result["data"]["sessionId"]
        self.models[session_id] = Model(
            total=count,
            follow_up_count=follow_ups,
            main_of={i: i for i in range(count)},
            follow_ups=dict.fromkeys(range(count), 0),
        )
        return session_id

    @rule(count=st.sampled_from([0, 2, 21, -1, None, "7"]))
    def create_invalid(self, count):
        result = self.api.create_session(
            candidate_name="Model", role="backend", question_count=count
        )
        expected = 200 if count is None else 400  # None means "the default"
        assert result["code"] == expected

    @rule(
        session_id=sessions,
        offset=st.sampled_from([0, 0, 0, -1, 1]),
        answer=st.sampled_from(ANSWERS),
    )
    def submit(self, session_id, offset, answer):
        model = self.models[session_id]
        index = max(0, model.current + offset)
        result = self.api.submit_answer(session_id, index, answer)
        if model.ended:
            assert (result["code"], result["message"]) == (409, "Interview already completed")
        elif index != model.current:
            assert (result["code"], result["message"]) == (400, "Question index mismatch")
        else:
            assert result["code"] == 200, result
            model.record_submit(index, result["data"]["totalQuestions"])
            assert result["data"]["currentIndex"] == model.current
            assert result["data"]["hasNextQuestion"] == (model.current < model.total)

    @rule(session_id=sessions, answer=st.sampled_from(BAD_ANSWERS))
    def submit_empty(self, session_id, answer):
        result = self.api.submit_answer(session_id, self.models[session_id].current, answer)
        assert (result["code"], result["message"]) == (400, "答案不能为空")

    @rule(
        session_id=sessions,
        offset=st.sampled_from([0, -1, 1]),
        answer=st.sampled_from(["", *ANSWERS]),
    )
    def save(self, session_id, offset, answer):
        model = self.models[session_id]
        index = max(0, model.current + offset)
        result = self.api.save_answer(session_id, index, answer)
        if model.ended:
            assert result["code"] == 409
        elif index > model.current:
            assert result["message"] == "Question index mismatch"
        elif index < model.current and not answer.strip():
            assert result["message"] == "答案不能为空"
        else:
            assert result["code"] == 200

    @rule(session_id=sessions)
    def recover(self, session_id):
        model = self.models[session_id]
        data = self.api.get_current_question(session_id)["data"]
        assert data["completed"] == (model.ended or model.current >= model.total)
        assert (data["currentIndex"], data["totalQuestions"]) == (model.current, model.total)
        if model.status == "CREATED":
            model.status = "IN_PROGRESS"

    @rule(session_id=sessions)
    def complete_early(self, session_id):
        model = self.models[session_id]
        result = self.api.complete_early(session_id)
        assert result["code"] == (409 if model.ended else 200)
        if not model.ended:
            model.status = "COMPLETED"

    @rule(session_id=sessions, regenerate=st.booleans())
    def report(self, session_id, regenerate):
        model = self.models[session_id]
        result = self.api.generate_report(session_id, regenerate=regenerate)
        if not model.ended:
            assert (result["code"], result["message"]) == (409, "Interview not completed")
            return
        report = result["data"]
        assert report["totalQuestions"] == model.total
        assert report["answeredCount"] == len(model.answered)
        assert 0 <= report["overallScore"] <= 100
        model.status = "EVALUATED"

    @rule(session_id=consumes(sessions))
    def delete(self, session_id):
        assert self.api.delete_session(session_id)["code"] == 200
        del self.models[session_id]
        assert self.api.get_session(session_id)["code"] == 404

    @invariant()
    def every_session_matches_its_model(self):
        for session_id, model in self.models.items():
            session = self.api.get_session(session_id)["data"]
            assert session["status"] == model.status
            assert session["currentIndex"] == model.current
            assert session["totalQuestions"] == len(session["questions"]) == model.total
            answered = {q["questionIndex"] for q in session["questions"] if q["answered"]}
            assert answered == model.answered
            parents = {q["questionIndex"]: q["parentQuestionIndex"] for q in session["questions"]}
            for index, main in model.main_of.items():
                assert parents[index] == (None if index == main else main)


InterviewMachine.TestCase.settings = settings(
    max_examples=25,
    stateful_step_count=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
test_interview_state_machine = InterviewMachine.TestCase
