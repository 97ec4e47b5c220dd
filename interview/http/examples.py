"""Example envelopes for the OpenAPI document: each operation's success and every error API.md
lists for it, word for word (tests/http checks them against API.md's tables and the schemas).
"""


def _error(code: int, message: str) -> dict:
    return {"code": code, "message": message, "data": None}


def _ok(data: object = None) -> dict:
    return {"code": 200, "message": "success", "data": data}


# Every error envelope an operation documents, by the name its example has in the document.
ERRORS = {
    "sessionIdRequired": _error(400, "会话ID不能为空"),
    "indexRequired": _error(400, "问题索引不能为空"),
    "indexInvalid": _error(400, "问题索引无效"),
    "answerRequired": _error(400, "答案不能为空"),
    "answerTooLong": _error(400, "答案过长"),
    "indexMismatch": _error(400, "Question index mismatch"),
    "questionCount": _error(400, "questionCount must be between 3 and 20"),
    "nameRequired": _error(400, "candidateName is required"),
    "unknownField": _error(400, "Unknown field: candidate_name"),
    "badStatus": _error(400, "status must be one of: CREATED, IN_PROGRESS, COMPLETED, EVALUATED"),
    "setProblems": _error(400, "The question set has problems: row 1, text: missing text"),
    "badFormat": _error(400, "format must be csv, json or yaml"),
    "badRegenerate": _error(400, "regenerate must be true or false"),
    "noCandidates": _error(400, "candidates must name at least one candidate"),
    "tokenRequired": _error(401, "API token required"),
    "tokenInvalid": _error(401, "Invalid API token"),
    "sessionNotFound": _error(404, "Session not found"),
    "setNotFound": _error(404, "Question set not found"),
    "assignmentNotFound": _error(404, "Assignment not found"),
    "alreadyCompleted": _error(409, "Interview already completed"),
    "notCompleted": _error(409, "Interview not completed"),
    "bodyTooLarge": _error(413, "Request body too large"),
    "rateLimited": _error(429, "Rate limit exceeded"),
    "serverError": _error(500, "Server error"),
    # A database outage (interview/storage/faults.py): not in API.md, which knows one server.
    "databaseUnavailable": _error(503, "Database unavailable"),
    "databaseBusy": _error(503, "Database busy"),
    "databaseNotWritable": _error(507, "Database not writable"),
}
# Every operation reads or writes the database, so any of them may meet an outage.
OUTAGES = ("databaseUnavailable", "databaseBusy", "databaseNotWritable")

SESSION_ID = "kJ3vQ9xR2mT7wY5zA8bC1dE4fG6hI0jL"
_QUESTION = {
    "questionIndex": 0,
    "question": "How would you make a slow product catalogue page fast? Which cache, and why?",
    "category": "Performance",
    "type": "backend",
    "difficulty": "mid",
    "isFollowUp": False,
    "parentQuestionIndex": None,
    "userAnswer": None,
    "answered": False,
    "score": None,
    "feedback": None,
}
# API.md's submit examples, word for word.
_FOLLOW_UP = {
    "questionIndex": 1,
    "question": (
        "You said the cache cut latency; how did you keep it consistent when rates changed?"
    ),
    "category": "Performance (follow-up)",
    "type": "backend",
    "difficulty": "mid",
    "isFollowUp": True,
    "parentQuestionIndex": 0,
    "userAnswer": None,
    "answered": False,
    "score": None,
    "feedback": None,
}
SESSION = {
    "sessionId": SESSION_ID,
    "status": "CREATED",
    "currentIndex": 0,
    "totalQuestions": 5,
    "mainQuestionCount": 5,
    "followUpCount": 1,
    "candidateName": "Ada",
    "role": "backend",
    "difficulty": "mid",
    "createdAt": "2026-03-01T09:30:00.000Z",
    "completedAt": None,
    "questions": [_QUESTION],
}
SUBMITTED = {
    "hasNextQuestion": True,
    "nextQuestion": _FOLLOW_UP,
    "currentIndex": 1,
    "totalQuestions": 6,
}
FINISHED = {"hasNextQuestion": False, "nextQuestion": None, "currentIndex": 6, "totalQuestions": 6}
CURRENT = {
    "completed": False,
    "question": {**_QUESTION, "userAnswer": "I would start by measuring"},
    "currentIndex": 0,
    "totalQuestions": 5,
}
_DIMENSIONS = (
    "relevance",
    "specificity",
    "technical_depth",
    "reasoning",
    "impact",
    "problem_solving",
    "communication",
)
_WEIGHTS = (0.2, 0.15, 0.2, 0.15, 0.1, 0.1, 0.1)
REPORT = {
    "sessionId": SESSION_ID,
    "candidateName": "Ada",
    "role": "backend",
    "totalQuestions": 1,
    "answeredCount": 1,
    "overallScore": 78,
    "answeredAverage": 78,
    "band": "good",
    "rubric": [{"dimension": d, "weight": w} for d, w in zip(_DIMENSIONS, _WEIGHTS, strict=True)],
    "categoryScores": [{"category": "Performance", "score": 78, "questionCount": 1}],
    "dimensionScores": [{"dimension": d, "score": 78} for d in _DIMENSIONS],
    "questionDetails": [
        {
            "questionIndex": 0,
            "question": _QUESTION["question"],
            "category": "Performance",
            "isFollowUp": False,
            "parentQuestionIndex": None,
            "userAnswer": "Redis in front of PostgreSQL; p99 fell from 420 ms to 35 ms.",
            "score": 78,
            "dimensions": [
                {"dimension": "impact", "score": 90, "evidence": "p99 fell from 420 ms to 35 ms."}
            ],
            "feedback": "Concrete and measured; say why you chose that expiry.",
        }
    ],
    "overallFeedback": "Concrete answers with numbers; say more about trade-offs.",
    "strengths": ["Numbers in every answer", "Clear structure", "Owns the hard part"],
    "improvements": ["Trade-offs", "Failure modes", "Alternatives considered"],
    "referenceAnswers": [
        {
            "questionIndex": 0,
            "question": _QUESTION["question"],
            "referenceAnswer": "Measure first, then cache what is read often and changes rarely.",
            "keyPoints": ["measure first", "cache invalidation"],
        }
    ],
    "integrityFlags": [],
    "evaluator": {"name": "builtin", "version": "2.0.0", "model": None},
    "generatedAt": "2026-03-01T10:02:00.000Z",
}
ROLES = [
    {
        "id": "backend",
        "title": "Backend engineering",
        "description": "APIs, databases, caching, concurrency and distributed systems.",
        "questionCount": 30,
        "categories": ["APIs", "Databases", "Caching"],
    }
]
LISTED = [
    {
        "sessionId": SESSION_ID,
        "candidateName": "Ada",
        "role": "backend",
        "status": "EVALUATED",
        "overallScore": 78,
        "createdAt": "2026-03-01T09:30:00.000Z",
        "completedAt": "2026-03-01T10:01:00.000Z",
    }
]
SET_SUMMARIES = [
    {
        "id": 3,
        "name": "Week 1",
        "language": "en",
        "version": 2,
        "questionCount": 1,
        "updatedBy": "Kim (API: LMS sync)",
        "updatedAt": "2026-03-01T08:00:00.000Z",
    }
]
QUESTION_SET = {
    "id": 3,
    "name": "Week 1",
    "language": "en",
    "version": 2,
    "updatedBy": "Kim (API: LMS sync)",
    "updatedAt": "2026-03-01T08:00:00.000Z",
    "questions": [
        {
            "id": 11,
            "text": "What does a database index trade for faster reads?",
            "category": "Databases",
            "difficulty": "junior",
            "type": "conceptual",
            "key_points": ["slower writes", "more storage"],
            "reference_answer": "Reads get faster; writes and storage pay for it.",
        }
    ],
}
SET_FILE = {
    "filename": "question-set-3.csv",
    "content": "text,category,difficulty,type,key_points,reference_answer\n"
    '"What does a database index trade for faster reads?",Databases,junior,conceptual,'
    '"slower writes | more storage","Reads get faster; writes and storage pay for it."\n',
}
NEW_ASSIGNMENT = {
    "id": 4,
    "title": "Week 1",
    "links": [{"candidateName": "Ann", "token": "ZLdt05VQapakLRScnl0axXESQxGtjos_"}],
}
ASSIGNMENTS = [
    {
        "id": 4,
        "title": "Week 1",
        "setId": 3,
        "setName": "Week 1",
        "dueAt": "2026-03-08T00:00:00.000Z",
        "settings": {
            "questionCount": None,
            "order": "set",
            "followUps": 1,
            "timeLimitMinutes": None,
            "language": None,
        },
        "createdBy": "Kim (API: LMS sync)",
        "createdAt": "2026-03-01T08:05:00.000Z",
        "candidates": [
            {
                "candidateName": "Ann",
                "token": "ZLdt05VQapakLRScnl0axXESQxGtjos_",
                "state": "finished",
                "openedAt": "2026-03-02T18:00:00.000Z",
                "sessionId": SESSION_ID,
                "overallScore": 78,
                "finishedAt": "2026-03-02T18:40:00.000Z",
                "overdue": False,
            }
        ],
        "counts": {"not_opened": 0, "opened": 0, "started": 0, "finished": 1},
    }
]

# A session id's two rules come first for every operation that takes one (API.md).
_SESSION_RULES = ["sessionIdRequired", "sessionNotFound"]
_ANSWER_CHECKS = ["sessionIdRequired", "indexRequired", "indexInvalid", "answerRequired"]
_ANSWER_CHECKS += ["answerTooLong", "sessionNotFound", "alreadyCompleted", "indexMismatch"]
_COACH = ["tokenRequired", "tokenInvalid"]

# operation id -> (its success examples by name, the names of its errors). Every operation may
# also answer 500 Server error, and one that reads a body 413 Request body too large.
OPERATIONS: dict[str, tuple[dict[str, dict], list[str]]] = {
    "create_session": (
        {"created": _ok(SESSION)},
        ["questionCount", "nameRequired", "unknownField"],
    ),
    "submit_answer": (
        {"hasNextQuestion": _ok(SUBMITTED), "completed": _ok(FINISHED)},
        [*_ANSWER_CHECKS, "rateLimited"],
    ),
    "save_answer": ({"saved": _ok()}, _ANSWER_CHECKS),
    "get_current_question": ({"current": _ok(CURRENT)}, _SESSION_RULES),
    "get_session": ({"session": _ok({**SESSION, "status": "IN_PROGRESS"})}, _SESSION_RULES),
    "complete_early": ({"completed": _ok()}, [*_SESSION_RULES, "alreadyCompleted"]),
    "generate_report": (
        {"report": _ok(REPORT)},
        [*_SESSION_RULES, "notCompleted", "badRegenerate", *_COACH],
    ),
    "delete_session": ({"deleted": _ok()}, [*_SESSION_RULES, *_COACH]),
    "list_roles": ({"roles": _ok(ROLES)}, []),
    "list_sessions": ({"sessions": _ok(LISTED)}, ["badStatus", *_COACH]),
    "list_question_sets": ({"sets": _ok(SET_SUMMARIES)}, _COACH),
    "create_question_set": ({"created": _ok(QUESTION_SET)}, ["setProblems", *_COACH]),
    "import_question_set": ({"imported": _ok(QUESTION_SET)}, ["setProblems", *_COACH]),
    "get_question_set": ({"set": _ok(QUESTION_SET)}, ["setNotFound", *_COACH]),
    "update_question_set": (
        {"updated": _ok(QUESTION_SET)},
        ["setNotFound", "setProblems", *_COACH],
    ),
    "delete_question_set": ({"deleted": _ok()}, ["setNotFound", *_COACH]),
    "export_question_set": ({"file": _ok(SET_FILE)}, ["setNotFound", "badFormat", *_COACH]),
    "list_assignments": ({"assignments": _ok(ASSIGNMENTS)}, _COACH),
    "create_assignment": (
        {"assigned": _ok(NEW_ASSIGNMENT)},
        ["noCandidates", "setNotFound", *_COACH],
    ),
    "delete_assignment": ({"deleted": _ok()}, ["assignmentNotFound", *_COACH]),
}
