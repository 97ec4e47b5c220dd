"""The built-in follow-up policy: probe what this answer said or left out, or ask nothing."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interview.interviewers.base import AskedQuestion
from interview.interviewers.builtin.interviewer import BuiltinInterviewer
from interview.questions.spec import QuestionSpec
from interview.scoring import language, phrases

INTERVIEWER = BuiltinInterviewer()


def ask(text, key_points=(), category="Backend", kind="backend", difficulty="mid"):
    return AskedQuestion(0, QuestionSpec(text, category, kind, difficulty, tuple(key_points)))


CACHE = ask(
    "How would you design a caching layer to reduce database load for a read-heavy service?",
    ("Cache-aside: read from the cache and load from the database on a miss",),
    category="System design",
)
INCIDENT = ask("Describe a production incident you handled and what you learned.")
ZH_CACHE = ask(
    "在高并发场景下，如何保证 Redis 缓存和 MySQL 数据库的数据一致性？",
    ("先更新数据库，再删除缓存",),
)

STRONG = (
    "At my last job our catalog service served about 20k QPS of reads against one MySQL primary "
    "and p99 latency had climbed to 800 ms. I designed a cache-aside layer with Redis: reads "
    "check Redis and load from MySQL on a miss, with a 10 minute TTL. On writes we delete the "
    "key rather than update it, because deleting avoids racing writers leaving stale values. "
    "The hard part was a cache stampede on hot keys; we fixed it with a per-key mutex. We chose "
    "Redis instead of Memcached because we needed replication. The hit rate reached 96% and "
    "database CPU dropped from 85% to 30%."
)


def follow_up(question, answer):
    return INTERVIEWER.follow_up(question, answer)


def test_a_strong_complete_answer_gets_no_follow_up():
    assert follow_up(CACHE, STRONG) is None


def test_an_answer_without_an_example_is_asked_for_a_concrete_situation():
    answer = (
        "Caching should sit in front of the database, because most reads repeat. The cache "
        "would hold the hot rows with a TTL. The usual problem is stale data, and the fix is "
        "to delete the key after the write commits rather than update it, which cuts "
        "database load from 80% to 30%."
    )
    text = follow_up(CACHE, answer).text
    assert "concrete situation" in text
    assert "“" in text and "Caching should sit in front of the database" in text


def test_an_answer_without_numbers_is_asked_how_the_impact_was_measured():
    answer = (
        "In my last project we put Redis in front of MySQL with cache-aside, because most reads "
        "repeat, and we deleted the key on writes instead of updating it. We had stale reads "
        "at first and fixed them by deleting after the commit."
    )
    text = follow_up(CACHE, answer).text
    assert "measure the impact" in text and "Redis" in text


def test_a_technology_named_without_reasons_is_asked_why_not_an_alternative():
    answer = (
        "At my last job we used Kafka between the order service and billing. I built the "
        "consumer and we reached 5,000 messages per second; we had a bug with duplicates and "
        "fixed it with an idempotency key."
    )
    text = follow_up(INCIDENT, answer).text
    assert "Why Kafka and not RabbitMQ?" in text


def test_an_answer_without_challenges_is_asked_what_went_wrong():
    answer = (
        "At my last job I built a cache-aside layer with Redis in front of MySQL, because reads "
        "dominated. Database load went down by 60%."
    )
    text = follow_up(CACHE, answer).text
    assert "went wrong" in text and "“" in text


def test_an_answer_to_another_question_is_steered_back_naming_what_it_talked_about():
    answer = (
        "Flexbox is a one-dimensional layout model in CSS. You set display: flex on the "
        "container, and justify-content aligns items along the main axis. In my last project I "
        "built a responsive navigation bar with flex-wrap instead of media queries."
    )
    text = follow_up(CACHE, answer).text
    assert "CSS" in text or "flexbox" in text
    assert "caching layer" in text


def test_a_buzzword_list_is_asked_to_pick_one_of_its_names():
    text = follow_up(CACHE, "Kafka, Redis, Kubernetes, microservices, CQRS, gRPC, Docker").text
    assert "Kafka" in text and "Pick one" in text


@pytest.mark.parametrize("answer", ["", "   ", "I don't know", "asdf qwer zxcv sdfg"])
def test_a_non_answer_gets_the_question_made_smaller(answer):
    text = follow_up(CACHE, answer).text
    assert text.startswith(("Let's make it smaller", "You said “I don't know”"))
    assert "Cache-aside" in text  # the first key point narrows the question


def test_a_chinese_question_gets_a_chinese_follow_up():
    text = follow_up(
        ZH_CACHE, "可以用 Redis 做缓存，数据更新的时候把缓存也更新一下，这样就一致了。"
    ).text
    assert language.is_mainly_chinese(text)
    assert "Redis" in text or "可以用 Redis 做缓存" in text


def test_a_chinese_non_answer_is_narrowed_in_chinese():
    text = follow_up(ZH_CACHE, "不知道").text
    assert "缩小" in text and "“不知道”" in text


def test_a_follow_up_keeps_the_main_question_category_type_and_difficulty():
    question = ask("Explain your approach", category="Data", kind="data", difficulty="senior")
    spec = follow_up(question, "We used Redis.")
    assert (spec.category, spec.type, spec.difficulty) == ("Data", "data", "senior")
    assert spec.key_points == () and spec.reference_answer is None and spec.bank_id is None


def test_a_follow_up_to_a_follow_up_takes_the_main_question_category_and_type():
    first = follow_up(CACHE, "We used Redis.")
    asked = AskedQuestion(1, QuestionSpec(first.text, "ignored", "ignored"), True, CACHE)
    second = follow_up(asked, "We just cached everything.")
    assert (second.category, second.type) == (CACHE.spec.category, CACHE.spec.type)


def test_quotes_are_short_and_on_one_line():
    answer = "We put the cache\n\nin front of the database " + "and it helped a lot " * 20
    text = follow_up(CACHE, answer).text
    assert "\n" not in text
    quoted = text.split("“")[1].split("”")[0]
    assert len(quoted) <= 81


THIN_ANSWERS = [
    (CACHE, "We used Redis."),
    (CACHE, "Caching is good. It makes things faster."),
    (CACHE, "I would cache hot rows with a TTL so the database gets fewer reads."),
    (INCIDENT, "We had an outage once and the site was down. We fixed it after a while."),
    (INCIDENT, "Our Kubernetes cluster ran out of memory, so we added nodes."),
    (ZH_CACHE, "用缓存就行。"),
    (ZH_CACHE, "我们用 Canal 订阅 binlog 删除缓存。"),
]


@pytest.mark.parametrize(("question", "answer"), THIN_ANSWERS)
def test_a_thin_answer_gets_a_follow_up_about_what_it_said(question, answer):
    text = follow_up(question, answer).text
    named = [term.name for term in phrases.find_terms(answer)]
    quoted = text.split("“")[1].split("”")[0].rstrip("…") if "“" in text else None
    assert any(name in text for name in named) or (quoted and quoted in answer)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300))
def test_the_follow_up_decision_is_deterministic(answer):
    assert follow_up(CACHE, answer) == follow_up(CACHE, answer)
