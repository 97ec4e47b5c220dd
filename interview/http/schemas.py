"""What the OpenAPI document says the bodies hold: API.md's objects as JSON Schemas.

Documentation only: nothing validates a request or a reply against these (InterviewAPI checks
requests, in API.md's order). tests/http checks every reply the tests see against them, and
schemathesis checks whatever it can provoke.
"""

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, create_model

Difficulty = Literal["junior", "mid", "senior"]
Status = Literal["CREATED", "IN_PROGRESS", "COMPLETED", "EVALUATED"]
Band = Literal["excellent", "good", "pass", "below bar", "poor"]
Moment = str  # ISO 8601 in UTC, e.g. 2026-03-01T09:30:00.000Z


class _Shape(BaseModel):
    model_config = ConfigDict(extra="allow")


# --- an interview (API.md's objects) ----------------------------------------------------------


class Question(_Shape):
    questionIndex: int = Field(ge=0)
    question: str
    category: str
    type: str
    difficulty: Difficulty | None
    isFollowUp: bool
    parentQuestionIndex: int | None
    userAnswer: str | None = Field(description="the saved draft or the submitted answer")
    answered: bool
    score: int | None = Field(ge=0, le=100)
    feedback: str | None


class Session(_Shape):
    sessionId: str
    status: Status
    currentIndex: int
    totalQuestions: int
    mainQuestionCount: int
    followUpCount: int
    candidateName: str
    role: str
    difficulty: Difficulty | None
    createdAt: Moment
    completedAt: Moment | None
    questions: list[Question]


class Submitted(_Shape):
    hasNextQuestion: bool
    nextQuestion: Question | None
    currentIndex: int
    totalQuestions: int


class CurrentQuestion(_Shape):
    completed: bool
    question: Question | None
    currentIndex: int
    totalQuestions: int


class Role(_Shape):
    id: str
    title: str
    description: str
    questionCount: int
    categories: list[str]


class ListedSession(_Shape):
    sessionId: str
    candidateName: str
    role: str
    status: Status
    overallScore: int | None
    createdAt: Moment
    completedAt: Moment | None
    isSample: bool | None = Field(None, description="present (true) on a demo sample only")


# --- the report -------------------------------------------------------------------------------


class Weight(_Shape):
    dimension: str
    weight: float


class CategoryScore(_Shape):
    category: str
    score: int
    questionCount: int


class DimensionScore(_Shape):
    dimension: str
    score: int


class ScoredDimension(_Shape):
    dimension: str
    score: int
    evidence: str
    aiScore: int | None = Field(None, description="the evaluator's, where a coach changed it")


class QuestionDetail(_Shape):
    questionIndex: int
    question: str
    category: str
    isFollowUp: bool
    parentQuestionIndex: int | None
    userAnswer: str | None
    score: int
    dimensions: list[ScoredDimension]
    feedback: str | None


class ReferenceAnswer(_Shape):
    questionIndex: int
    question: str
    referenceAnswer: str | None
    keyPoints: list[str]


class IntegrityFlag(_Shape):
    questionIndex: int
    kind: str
    detail: str


class Evaluator(_Shape):
    name: str
    version: str
    model: str | None


class QuestionSetOrigin(_Shape):
    id: int | None
    name: str
    version: int | None


class Note(_Shape):
    body: str
    author: str
    at: Moment


class Override(_Shape):
    dimension: str
    aiScore: int
    oldScore: int
    score: int
    reason: str
    author: str
    at: Moment


class ReviewedQuestion(_Shape):
    questionIndex: int
    aiScore: int
    score: int
    overrides: list[Override]
    comments: list[Note]


class CoachReview(_Shape):
    aiOverallScore: int
    aiBand: Band
    comments: list[Note]
    questions: list[ReviewedQuestion]
    reviewers: list[str]


class Report(_Shape):
    sessionId: str
    candidateName: str
    role: str
    totalQuestions: int
    answeredCount: int
    overallScore: int = Field(ge=0, le=100)
    answeredAverage: int | None
    band: Band
    rubric: list[Weight]
    categoryScores: list[CategoryScore]
    dimensionScores: list[DimensionScore]
    questionDetails: list[QuestionDetail]
    overallFeedback: str
    strengths: list[str]
    improvements: list[str]
    referenceAnswers: list[ReferenceAnswer]
    integrityFlags: list[IntegrityFlag]
    evaluator: Evaluator
    generatedAt: Moment
    questionSet: QuestionSetOrigin | None = Field(None, description="a coach's set's sessions")
    coachReview: CoachReview | None = Field(None, description="once a coach commented or rescored")


# --- question sets and assignments (coaches) ----------------------------------------------------


class SetSummary(_Shape):
    id: int
    name: str
    language: Literal["en", "zh"]
    version: int
    questionCount: int
    updatedBy: str
    updatedAt: Moment


class SetQuestion(_Shape):
    """A set's question as set files spell it (snake_case keys: CSV columns, JSON, YAML)."""

    id: int
    text: str
    category: str
    difficulty: Difficulty | None
    type: Literal["behavioural", "conceptual", "design", "coding"]
    key_points: list[str]
    reference_answer: str | None


class QuestionSet(_Shape):
    id: int
    name: str
    language: Literal["en", "zh"]
    version: int
    updatedBy: str
    updatedAt: Moment
    questions: list[SetQuestion]


class SetFile(_Shape):
    filename: str
    content: str = Field(description="the file's text (UTF-8)")


class Link(_Shape):
    candidateName: str
    token: str = Field(description="the candidate's link is the app's /assignment?invite=<token>")


class NewAssignment(_Shape):
    id: int
    title: str
    links: list[Link]


class AssignmentSettings(_Shape):
    questionCount: int | None = Field(ge=1, le=50, description="null: all of the set")
    order: Literal["set", "shuffled"]
    followUps: int = Field(ge=0, le=2)
    timeLimitMinutes: Literal[2, 3, 5, 10] | None
    language: Literal["en", "zh"] | None


class Invitee(_Shape):
    candidateName: str
    token: str
    state: Literal["not_opened", "opened", "started", "finished"]
    openedAt: Moment | None
    sessionId: str | None
    overallScore: int | None
    finishedAt: Moment | None
    overdue: bool


class Assignment(_Shape):
    id: int
    title: str
    setId: int
    setName: str
    dueAt: Moment | None
    settings: AssignmentSettings
    createdBy: str
    createdAt: Moment
    candidates: list[Invitee]
    counts: dict[str, int]


# --- request bodies -----------------------------------------------------------------------------


class CustomQuestion(BaseModel):
    text: str = Field(min_length=1, max_length=1000)
    referenceAnswer: str | None = Field(None, max_length=5000)
    keyPoints: list[str] | None = Field(None, max_length=10)
    category: str | None = Field(None, max_length=50)


class NewSession(BaseModel):
    """API.md's create_session fields; any other field is refused (400 Unknown field)."""

    model_config = ConfigDict(extra="forbid")

    candidateName: str = Field(min_length=1, max_length=100)
    role: str = Field(description="a track's id from GET /api/interview/roles, or custom")
    questionCount: int = Field(5, ge=3, le=20)
    followUpCount: int = Field(1, ge=0, le=2)
    difficulty: Difficulty | None = None
    jobDescription: str | None = Field(None, max_length=20_000)
    resumeText: str | None = Field(None, max_length=20_000)
    customQuestions: list[str | CustomQuestion] | None = Field(
        None, min_length=1, max_length=50, description="required when role is custom"
    )
    requestId: str | None = Field(
        None, min_length=1, max_length=200, description="the same id again: the same session"
    )


class Answer(BaseModel):
    questionIndex: int = Field(ge=0, description="must be the session's currentIndex to submit")
    answer: str = Field(max_length=20_000)


class NewSetQuestion(BaseModel):
    text: str
    category: str | None = None
    difficulty: Difficulty | None = None
    type: Literal["behavioural", "conceptual", "design", "coding"] | None = None
    keyPoints: list[str] | None = Field(None, description="key_points, as set files, works too")
    referenceAnswer: str | None = Field(None, description="or reference_answer")


class SetContent(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    language: Literal["en", "zh"]
    questions: list[NewSetQuestion]


class SetFileUpload(BaseModel):
    filename: str = Field(description="its extension says the format: .csv, .json, .yaml")
    content: str = Field(description="the file's text")
    name: str | None = Field(None, description="for a CSV file, which carries no name")
    language: Literal["en", "zh"] | None = None


class AssignmentChoices(BaseModel):
    """An assignment's settings as a request gives them (each may be left out)."""

    questionCount: int | None = Field(None, ge=1, le=50, description="null: all of the set")
    order: Literal["set", "shuffled"] = "set"
    followUps: int = Field(1, ge=0, le=2)
    timeLimitMinutes: Literal[2, 3, 5, 10] | None = None
    language: Literal["en", "zh"] | None = None


class NewAssignmentRequest(BaseModel):
    setId: int
    title: str | None = Field(None, max_length=200, description="default: the set's name")
    candidates: list[str] = Field(min_length=1, max_length=200, description="names (at most 100)")
    due: str | None = Field(None, description="a date (the end of that day, UTC) or a moment")
    settings: AssignmentChoices | None = None


# --- envelopes ----------------------------------------------------------------------------------


class Failure(BaseModel):
    """An error envelope: code is also the HTTP status; message as API.md words it."""

    code: int = Field(ge=400, le=599)
    message: str
    data: None


def success(name: str, data: object) -> type[BaseModel]:
    """The success envelope of an operation whose data is `data` (a model, a list, None)."""
    return create_model(
        name,
        __doc__="Success: code 200, message success, and the operation's data.",
        code=(Literal[200], ...),
        message=(Literal["success"], ...),
        data=(data, ...),
    )
