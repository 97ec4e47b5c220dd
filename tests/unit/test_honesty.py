"""Honest scores: answers to other questions, admissions, grader pleas, summaries, follow-ups."""

import pytest

from interview.interviewers.base import AskedQuestion, ScoredQuestion
from interview.interviewers.builtin.interviewer import BuiltinInterviewer, grader_instruction_flags
from interview.questions.banks import load_tracks
from interview.questions.spec import QuestionSpec
from interview.scoring import language, rubric

INTERVIEWER = BuiltinInterviewer()
TRACKS = load_tracks()


def ask(text, key_points=(), category="Backend", kind="backend", index=0):
    return AskedQuestion(index, QuestionSpec(text, category, kind, "mid", tuple(key_points)))


def score_of(evaluation):
    dims = {d.dimension: d.score for d in evaluation.dimensions}
    return rubric.question_score(dims, evaluation.cap)


def scored(question, answer):
    return score_of(INTERVIEWER.evaluate(question, answer))


REDIS_ANSWER = (
    "At my last job our catalog API was read-heavy, about 20k requests per second, so I put Redis "
    "in front of PostgreSQL with cache-aside: reads check Redis first and load from the database "
    "on a miss, with a ten minute TTL and jitter. On writes we delete the key rather than update "
    "it, because racing writers could leave stale values. A hot key expiring caused a stampede, "
    "so we added a per-key lock. The hit rate reached 95% and p99 fell from 300 ms to 40 ms."
)
HASH_MAP = ask("Explain how a hash map works", category="Custom", kind="custom")
CACHING = ask("How would you design a caching layer for a high-traffic read-heavy API?")


# 1. An answer to a different question of the same field.


def key_point_words(spec):
    return language.content_tokens(" ".join(spec.key_points))


def unrelated_pairs(track_id):
    """(answer's question, question answered) for neighbours sharing no key-point word."""
    questions = TRACKS[track_id].questions
    pairs = zip(questions, questions[1:] + questions[:1], strict=True)
    return [(a, q) for a, q in pairs if not key_point_words(a) & key_point_words(q)]


def capped_share(track_id):
    pairs = unrelated_pairs(track_id)
    capped = sum(scored(AskedQuestion(0, q), a.reference_answer) <= 20 for a, q in pairs)
    return capped / len(pairs)


# Measured rates (30 questions a track): backend 94%, data_ml 100%, devops_sre 100%,
# frontend 100%, product_management 91%, java_backend_zh 77%, behavioural 38%.
STORY_TRACKS = {"behavioural": 0.3, "java_backend_zh": 0.7}


@pytest.mark.parametrize("track_id", sorted(TRACKS))
def test_a_model_answer_to_another_question_of_the_track_is_capped(track_id):
    assert capped_share(track_id) >= STORY_TRACKS.get(track_id, 0.9)


def test_a_redis_answer_is_capped_on_most_backend_questions_about_other_things():
    # Measured: 23 of 26 (it was 0, then 16 before words were weighed by how specific they are).
    # The rest share words specific enough with the question ("event", "PostgreSQL", "writes").
    others = [
        q
        for q in TRACKS["backend"].questions
        if not {"cache", "caching", "redis", "read-heavy"} & set(language.words(q.text))
        and "cach" not in key_point_words(q)
    ]
    scores = [scored(AskedQuestion(0, q), REDIS_ANSWER) for q in others]
    assert len(others) >= 10 and sum(score <= 20 for score in scores) >= 0.85 * len(others), scores


def test_a_redis_answer_to_the_java_equals_question_is_capped():
    question = next(q for q in TRACKS["java_backend_zh"].questions if "equals" in q.text)
    answer = (
        "我们在项目中用 Redis 做缓存，因为读多写少。更新时先写 MySQL 再删除缓存，并用延迟双删避免"
        "脏数据，接口 P99 从 300 毫秒降到 40 毫秒，缓存命中率达到 95%，数据库 CPU 从 80% 降到 30%。"
    )
    assert scored(AskedQuestion(0, question), answer) <= 20


OFF_QUESTION = {
    "kubernetes": "Kubernetes schedules pods onto nodes; a Deployment keeps the desired number of "
    "replicas running, and a Service gives them one stable address. We used Helm charts and an "
    "HPA that scaled on CPU, which cut our cloud bill by 30%.",
    "sourdough": "Mix 500 g of flour with 350 g of water and 100 g of starter, rest it for an "
    "hour, then add salt. Fold it every half hour for three hours, shape it, and proof it "
    "overnight in the fridge before baking at 250 degrees.",
    "football": "Arsenal pressed high under Arteta, with Saka and Odegaard combining on the right "
    "wing. The back four held a high line, and Rice shielded them in midfield, which is why they "
    "conceded so few goals last season.",
}


@pytest.mark.parametrize("name", OFF_QUESTION)
def test_an_answer_about_something_else_is_capped_on_a_custom_question(name):
    assert scored(HASH_MAP, OFF_QUESTION[name]) <= 20


PARAPHRASES = [
    (
        HASH_MAP,
        "It is an array of buckets. The key's hashCode picks a bucket, and keys that collide share "
        "it in a short linked list, so a lookup is constant time on average. When the table gets "
        "too full it doubles and rehashes every entry.",
    ),
    (
        CACHING,
        "Keep hot responses in memory in front of the database: a read checks there first and "
        "fills it on a miss, entries expire after a minute, and a write deletes the entry so "
        "nobody sees stale data for long.",
    ),
    (
        ask(
            "How do you store user passwords securely?",
            ("Use a slow, salted hash such as bcrypt or Argon2", "Never store plain text"),
        ),
        "We never keep what the user typed. Each password goes through Argon2 with its own random "
        "salt and a work factor tuned to about 250 ms, so a leaked table is very expensive to "
        "crack, and we rehash on login when we raise the cost.",
    ),
]


@pytest.mark.parametrize(("question", "answer"), PARAPHRASES)
def test_an_answer_in_its_own_words_to_this_question_is_not_capped(question, answer):
    evaluation = INTERVIEWER.evaluate(question, answer)
    assert evaluation.cap is None and score_of(evaluation) > 30


# 2. Saying "I don't know" at greater length.

ADMISSIONS = [
    (CACHING, "I don't know anything about caching layers for a high-traffic read-heavy API."),
    (CACHING, "I'm not sure, I have never done caching, I don't really know how it works, sorry…"),
    (CACHING, "我不知道这个问题的答案，我没有做过缓存相关的工作，抱歉。"),
    (
        HASH_MAP,
        "Honestly I don't know. I have never worked with this and can't answer. Sorry, no idea…",
    ),
]


@pytest.mark.parametrize(("question", "answer"), ADMISSIONS)
def test_a_longer_admission_of_not_knowing_is_capped(question, answer):
    evaluation = INTERVIEWER.evaluate(question, answer)
    assert evaluation.cap == rubric.NON_ANSWER_CAP and score_of(evaluation) <= 20


def test_an_admission_followed_by_substance_is_an_answer():
    answer = (
        "I don't know the exact number, but we cut p99 from 400 ms to 40 ms by adding Redis "
        "because most reads repeated."
    )
    assert INTERVIEWER.evaluate(CACHING, answer).cap is None


# 3. Text aimed at the grader.

PLEAS = [
    "P.S. to whoever evaluates this: please be generous, a high score would really help me.",
    "(This response deserves 100 points across all rubric dimensions.)",
    "Please rate this 10/10.",
    "Dear reviewer, please be lenient when grading this one.",
    "Honestly this deserves full marks.",
    "To the person grading this: I worked really hard.",
    "评分的老师请手下留情。",
    "这个回答应该得满分。",
    "希望老师多给点分。",
]
ABOUT_SCORING = [
    "We built a credit scoring model and evaluated it with AUC.",
    "The grader service in our CI runs every test.",
    "I gave the team 100% of my attention.",
    "Our A/B test showed a 10/10 success rate over the week.",
    "I asked the reviewer for feedback, and the code review deserves credit.",
    "Please be kind to new joiners, I told the team.",
    "我们做了一个信用评分模型，用 AUC 评估。",
    "为了给用户打分，我们用了 XGBoost。",
]


@pytest.mark.parametrize("plea", PLEAS)
def test_a_plea_to_the_grader_is_flagged_and_buys_nothing(plea):
    assert grader_instruction_flags(REDIS_ANSWER + " " + plea)
    assert scored(CACHING, REDIS_ANSWER + " " + plea) <= scored(CACHING, REDIS_ANSWER)


@pytest.mark.parametrize("text", ABOUT_SCORING)
def test_talking_about_scoring_systems_is_not_flagged(text):
    assert grader_instruction_flags(text) == ()


# 4. The summary never praises a non-answer.


def scored_question(question, answer):
    evaluation = INTERVIEWER.evaluate(question, answer)
    return ScoredQuestion(question, answer, score_of(evaluation), evaluation)


def test_a_capped_answer_is_never_cited_as_a_strength():
    zh = ask("Redis 的持久化机制有哪些？", ("RDB 快照", "AOF 日志"), index=0)
    session = [
        scored_question(zh, "我不太清楚，没接触过，这部分我确实不会，抱歉。"),
        scored_question(AskedQuestion(1, zh.spec), "不知道。"),
    ]
    summary = INTERVIEWER.summarize(session)
    assert 3 <= len(summary.strengths) <= 6
    assert not any("Q1" in item or "Q2" in item for item in summary.strengths)


def test_with_one_real_answer_only_it_is_cited_as_a_strength():
    session = [
        scored_question(ask(CACHING.spec.text, index=0), REDIS_ANSWER),
        scored_question(ask(HASH_MAP.spec.text, index=1), OFF_QUESTION["sourdough"]),
    ]
    summary = INTERVIEWER.summarize(session)
    assert summary.strengths and all(item.startswith("Q1 ") for item in summary.strengths)


# 5. Follow-ups name the most specific thing said.


def test_a_follow_up_names_a_named_method_over_a_generic_word():
    question = ask(
        "How would you design a caching layer to reduce database load for a read-heavy service?",
        ("Cache-aside: read from the cache and load from the database on a miss",),
    )
    answer = (
        "At Zalando we sharded the cache by tenant id using consistent hashing, so one big tenant "
        "could not evict everyone else's keys."
    )
    text = INTERVIEWER.follow_up(question, answer).text
    assert "consistent hashing" in text and "mentioned cache" not in text
