"""An answer to a different question is capped by the words it shares that are specific to this one.

Sharing "database" or "latency" with a backend question says little; sharing "B-tree", "CAP" or
"idempotent" (or the words an answer about them uses: "partition", "retry") says a lot.
"""

import pytest

from interview.interviewers.base import AskedQuestion
from interview.interviewers.builtin.interviewer import BuiltinInterviewer
from interview.questions.banks import load_tracks
from interview.questions.spec import QuestionSpec
from interview.scoring import language, rubric

INTERVIEWER = BuiltinInterviewer()
TRACKS = load_tracks()

REDIS = (
    "At my last company reads outnumbered writes 50 to 1, so I put Redis in front of PostgreSQL as "
    "a read-through cache with a 60 second TTL, because a stale price for a minute was acceptable. "
    "The hard part was invalidation: when a price changed we published an event and deleted the "
    "key, and used a short lock to avoid a stampede. p99 latency fell from 420 ms to 35 ms and "
    "database CPU dropped 60%."
)
ABOUT_CACHING = ("cache", "caching", "redis", "ttl", "read-heavy")

CAP = "Explain the CAP theorem."
BTREE = "How does a B-tree index speed up queries?"
STATUS = "What HTTP status code would you return for a validation error and why?"


def evaluate(spec, answer):
    evaluation = INTERVIEWER.evaluate(AskedQuestion(0, spec), answer)
    dims = {d.dimension: d.score for d in evaluation.dimensions}
    return evaluation, rubric.question_score(dims, evaluation.cap)


def custom(text):
    return QuestionSpec(text, "Custom", "custom")


def about_caching(spec):
    text = " ".join((spec.text, *spec.key_points)).lower()
    return any(word in text for word in ABOUT_CACHING)


def test_a_caching_answer_is_capped_on_backend_questions_about_other_things():
    # Measured: 22 of 24 (it was 14). The two left share specific words with the answer: the
    # outbox question "publish" an "event", the 2 TB PostgreSQL table "reads" and "writes".
    others = [q for q in TRACKS["backend"].questions if not about_caching(q)]
    scores = [evaluate(q, REDIS)[1] for q in others]
    assert len(others) >= 20
    assert sum(score <= 20 for score in scores) >= 0.9 * len(others), scores


@pytest.mark.parametrize("question", [CAP, BTREE, STATUS])
def test_a_caching_answer_is_capped_on_a_custom_question_about_something_else(question):
    evaluation, score = evaluate(custom(question), REDIS)
    assert evaluation.cap == rubric.NON_ANSWER_CAP and score <= 20


GENUINE = {
    CAP: (
        "Once the network splits, each replica either refuses writes to stay consistent or keeps "
        "serving possibly stale data. At my last job we chose availability for the shopping cart, "
        "because a lost sale cost more than a cart that was wrong for 2 seconds.",
        "When nodes of a replicated database lose contact with each other, a write accepted on one "
        "side cannot reach the other. You then have to choose. Either you stop answering on the "
        "minority side, which keeps every read consistent but makes the system unavailable there, "
        "or you keep accepting reads and writes everywhere and reconcile later, which keeps it "
        "available but lets clients see old values. ZooKeeper and etcd take the first path; "
        "Cassandra and DynamoDB with default settings take the second. Without a network split "
        "you can have both, so the real day-to-day trade-off is latency against consistency.",
    ),
    BTREE: (
        "PostgreSQL keeps the keys sorted in a balanced structure of pages, so it walks from the "
        "root to the right leaf in three or four page reads instead of scanning every row. On our "
        "orders table that cut a lookup by email from 2 seconds to 3 ms.",
        "Without one, finding a customer by email means reading every row of the table. With one, "
        "the keys sit in sorted order inside fixed-size pages, and each inner page points to the "
        "pages below it, so the engine starts at the root, picks the right child and reaches the "
        "leaf after three or four page reads even for a hundred million rows. Because the leaves "
        "are linked in order, a range such as created_at between two dates is one seek followed by "
        "a sequential read. The cost is on writes: every insert or update must also change the "
        "structure, and pages split as it grows, so a write-heavy table pays for each one it "
        "carries.",
    ),
    STATUS: (
        "I send 422 Unprocessable Entity with a body listing each invalid field, because the JSON "
        "parsed but broke a rule; 400 Bad Request is for a body we cannot parse. On our last API "
        "that cut support tickets about failed sign-ups by half.",
        "It is a client error, so something in the 4xx range, never 500. When the payload cannot "
        "be parsed at all, say broken JSON or a wrong content type, I answer 400 Bad Request. "
        "When it parses but breaks a rule, like an end date before the start date or an email "
        "without an at sign, I answer 422 Unprocessable Entity. In both cases the body says which"
        " fields are wrong and why, in a stable machine-readable shape, so a form can highlight "
        "them next to the inputs. Some teams use 400 for everything, which is fine as long as the"
        " API is consistent and documented, because clients branch on the code before they read "
        "the body.",
    ),
}


@pytest.mark.parametrize(
    ("question", "answer"),
    [(question, answer) for question, answers in GENUINE.items() for answer in answers],
)
def test_a_genuine_answer_in_other_words_to_a_custom_question_is_not_capped(question, answer):
    evaluation, score = evaluate(custom(question), answer)
    assert evaluation.cap is None and score >= 50, score


@pytest.mark.parametrize("question", GENUINE)
def test_the_genuine_answers_are_written_in_other_words_than_the_question(question):
    # A guard on the test itself: the answers do not repeat the question's subject.
    subject = {"cap", "theorem", "b", "tree", "btree", "b+ tree", "index", "http", "status", "code"}
    for answer in GENUINE[question]:
        assert not subject & language.content_tokens(answer) - {"cod"}
