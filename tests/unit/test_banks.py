"""The shipped question banks load cleanly, and questions are chosen as the session asked."""

import json
import random
import re
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from interview.errors import InterviewError
from interview.questions.banks import (
    DIFFICULTIES,
    BankError,
    custom_questions,
    load_tracks,
    select_questions,
    track_capacity,
)
from interview.questions.resume import find_project
from interview.questions.spec import CustomQuestion

TRACKS = load_tracks()
ENGLISH = ("backend", "frontend", "data_ml", "devops_sre", "product_management", "behavioural")
ZH = "java_backend_zh"
ZH_MIX = {
    "project": 0.2,
    "mysql": 0.2,
    "redis": 0.2,
    "java_basics": 0.1,
    "java_collections": 0.1,
    "java_concurrency": 0.1,
    "spring": 0.1,
}


def _choose(track_id: str, count: int, seed: int = 7, **preferences) -> list:
    return select_questions(TRACKS[track_id], count, rng=random.Random(seed), **preferences)


def _ids(questions) -> list[str]:
    return [question.bank_id for question in questions]


# The shipped banks


def test_every_shipped_track_loads_with_complete_questions():
    assert list(TRACKS) == [*ENGLISH, ZH]
    all_ids = [q.bank_id for track in TRACKS.values() for q in track.questions]
    assert len(all_ids) == len(set(all_ids))
    for track in TRACKS.values():
        assert track.title and track.description and track.categories
        for question in track.questions:
            assert question.text and question.category and question.type.islower()
            assert 3 <= len(question.key_points) <= 6
            assert 3 <= len(track.tags[question.bank_id]) <= 10
            if track.language == "en":
                assert 60 <= len(question.reference_answer.split()) <= 180, question.bank_id


def test_each_english_track_has_ten_questions_per_difficulty():
    for track_id in ENGLISH:
        track = TRACKS[track_id]
        assert track.language == "en" and track.mix is None
        levels = Counter(question.difficulty for question in track.questions)
        assert levels == {"junior": 10, "mid": 10, "senior": 10}, track_id


def test_chinese_track_follows_the_original_mix_of_topics():
    track = TRACKS[ZH]
    assert (track.title, track.language, track.mix) == ("Java 后端（中文）", "zh", ZH_MIX)
    kinds = Counter(question.type for question in track.questions)
    assert kinds == {"project": 6, "mysql": 6, "redis": 6} | {
        kind: 3 for kind in ("java_basics", "java_collections", "java_concurrency", "spring")
    }
    assert set(Counter(question.difficulty for question in track.questions)) == set(DIFFICULTIES)
    assert "项目经验" in track.categories


# Malformed banks fail on load, naming the file and the item


def _question(number: int, **changes) -> dict:
    question = {
        "id": f"t-{number:02d}",
        "question": f"Question {number}?",
        "category": "Databases",
        "type": "databases",
        "difficulty": "mid",
        "keyPoints": ["one", "two", "three"],
        "referenceAnswer": "A good answer.",
        "tags": ["sql", "postgresql", "indexes"],
    }
    return question | changes


def _write_bank(folder: Path, track_id: str = "tiny", **changes) -> None:
    folder.mkdir(exist_ok=True)
    bank = {
        "id": track_id,
        "title": "Tiny",
        "description": "A tiny bank.",
        "language": "en",
        "mix": None,
        "questions": [_question(1), _question(2)],
    }
    text = json.dumps(bank | changes, ensure_ascii=False)
    (folder / f"{track_id}.json").write_text(text, encoding="utf-8")


def _without(field: str) -> dict:
    question = _question(2)
    del question[field]
    return question


@pytest.mark.parametrize(
    ("changes", "message"),
    (
        (
            {"questions": [_question(1), _without("keyPoints")]},
            "data/tiny.json: question 2 (t-02): missing field keyPoints",
        ),
        (
            {"questions": [_question(1), _question(2, keyPoints=[])]},
            "data/tiny.json: question 2 (t-02): keyPoints must be a non-empty list of strings",
        ),
        (
            {"questions": [_question(1, difficulty="expert")]},
            "data/tiny.json: question 1 (t-01): difficulty must be one of",
        ),
        (
            {"questions": [_question(1), _question(2, id="t-01")]},
            "data/tiny.json: question 2 (t-01): id already used in data/tiny.json",
        ),
        (
            {"questions": [_question(1, tags=["SQL"])]},
            "data/tiny.json: question 1 (t-01): tags must be a non-empty list of lowercase",
        ),
        ({"mix": {"databases": 0.6, "caching": 0.3}}, "data/tiny.json: mix weights must sum to 1"),
        ({"mix": {"databases": 0.5, "caching": 0.5}}, "data/tiny.json: mix type 'caching' has no"),
        ({"id": "other"}, "data/tiny.json: id must be 'tiny'"),
        ({"language": "fr"}, "data/tiny.json: language must be one of"),
    ),
)
def test_malformed_bank_fails_naming_the_file_and_the_item(tmp_path, changes, message):
    _write_bank(tmp_path / "data", **changes)
    with pytest.raises(BankError) as raised:
        load_tracks(tmp_path / "data")
    assert str(raised.value).startswith(message)


def test_question_id_used_in_two_files_fails(tmp_path):
    _write_bank(tmp_path / "data", "alpha")
    _write_bank(tmp_path / "data", "beta")
    with pytest.raises(BankError, match=r"data/beta\.json: question 1 \(t-01\): id already used"):
        load_tracks(tmp_path / "data")


def test_unreadable_json_fails_naming_the_file(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "broken.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(BankError, match=r"data/broken\.json: not readable"):
        load_tracks(tmp_path / "data")


# Choosing questions


@pytest.mark.parametrize("difficulty", DIFFICULTIES)
@pytest.mark.parametrize("track_id", ENGLISH)
def test_selection_gives_exactly_count_questions_of_the_requested_difficulty(track_id, difficulty):
    chosen = _choose(track_id, 10, difficulty=difficulty)
    assert len(set(_ids(chosen))) == 10
    assert {question.difficulty for question in chosen} == {difficulty}


@pytest.mark.parametrize("difficulty", DIFFICULTIES)
@pytest.mark.parametrize("track_id", ENGLISH)
def test_two_sessions_in_a_row_at_one_difficulty_repeat_no_question(track_id, difficulty):
    for seed in range(5):
        first = _choose(track_id, 5, seed, difficulty=difficulty)
        second = _choose(track_id, 5, seed + 100, difficulty=difficulty, avoid=_ids(first))
        assert len(set(_ids(first))) == len(set(_ids(second))) == 5
        assert not set(_ids(first)) & set(_ids(second))
        assert {question.difficulty for question in [*first, *second]} == {difficulty}


@pytest.mark.parametrize(
    ("difficulty", "count", "levels"),
    (
        ("junior", 13, {"junior": 10, "mid": 3}),
        ("senior", 22, {"senior": 10, "mid": 10, "junior": 2}),
        ("mid", 14, {"mid": 10, "junior": 2, "senior": 2}),
    ),
)
def test_a_short_difficulty_is_filled_from_the_nearest_level(difficulty, count, levels):
    chosen = _choose("backend", count, difficulty=difficulty)
    assert Counter(question.difficulty for question in chosen) == levels


def test_an_open_difficulty_spreads_levels_and_warms_up_first():
    chosen = _choose("frontend", 6)
    levels = [question.difficulty for question in chosen]
    assert levels == ["junior", "junior", "mid", "mid", "senior", "senior"]


def test_recently_seen_questions_are_avoided():
    seen = _ids(TRACKS["backend"].questions[:10])
    chosen = _choose("backend", 8, avoid=seen)
    assert not set(_ids(chosen)) & set(seen)


def test_recently_seen_questions_return_only_when_too_few_are_left():
    seen = _ids(TRACKS["backend"].questions[:27])
    chosen = _ids(_choose("backend", 5, avoid=seen))
    fresh = _ids(TRACKS["backend"].questions[27:])
    assert set(fresh) <= set(chosen) and len(chosen) == 5


def test_the_requested_difficulty_outranks_avoiding_repeats():
    seniors = [q.bank_id for q in TRACKS["backend"].questions if q.difficulty == "senior"]
    chosen = _choose("backend", 4, difficulty="senior", avoid=seniors[:8])
    assert {question.difficulty for question in chosen} == {"senior"}
    assert set(seniors[8:]) <= set(_ids(chosen))


def test_a_job_description_prefers_questions_tagged_with_its_tools():
    devops = TRACKS["devops_sre"]
    job = "Platform engineer: you will run Kubernetes clusters and manage AWS with Terraform."
    for seed in range(5):
        chosen = _choose("devops_sre", 5, seed, job_description=job)
        for question in chosen:
            assert {"kubernetes", "terraform"} & set(devops.tags[question.bank_id])


def test_chinese_tags_match_a_chinese_job_description_by_substring():
    chosen = _choose(ZH, 5, job_description="要求：熟悉 Redisson 分布式锁，了解看门狗机制")
    assert [q.bank_id for q in chosen if q.type == "redis"] == ["zh-redis-06"]


def test_a_resume_project_adds_one_question_about_it():
    resume = "Jane Doe\nBackend engineer\nProject: Payment Gateway Rewrite\n- cut p99 by 40%"
    chosen = _choose("backend", 5, difficulty="senior", resume_text=resume)
    first = chosen[0]
    assert len(chosen) == 5 and len(set(_ids(chosen))) == 5
    assert first.text.startswith("Your resume mentions Payment Gateway Rewrite.")
    assert (first.category, first.type, first.difficulty) == ("Project", "project", "senior")
    assert first.bank_id == "resume-project:payment-gateway-rewrite"
    assert first.key_points and "Payment Gateway Rewrite" in first.reference_answer


def test_a_chinese_resume_project_takes_a_project_slot_of_the_mix():
    chosen = _choose(ZH, 10, resume_text="张三\n项目名称：智能客服平台\n技术栈：Spring Boot")
    assert chosen[0].text.startswith("你的简历提到了「智能客服平台」")
    assert (chosen[0].category, chosen[0].difficulty) == ("项目经验", "mid")
    assert Counter(question.type for question in chosen)["project"] == 2


@pytest.mark.parametrize(
    ("resume", "project"),
    (
        ("Projects — Fraud Radar (Python, Kafka)", "Fraud Radar"),
        ("• Built Ledgerly, a double-entry bookkeeping API in Go", "Ledgerly"),
        ("PROJECTS\n\n- Checkout Revamp - React, Next.js", "Checkout Revamp"),
        ("项目：订单中台重构", "订单中台重构"),
        ("2021-2023 负责支付结算系统的设计与开发", "支付结算系统"),
        ("Project: Atlas\x00\u202e Search\tEngine", "Atlas Search Engine"),
        ("Project: " + "x" * 200, "x" * 80),
        ("Experience\nSenior engineer at Acme", None),
    ),
)
def test_a_project_name_is_found_and_cleaned(resume, project):
    assert find_project(resume) == project


@pytest.mark.parametrize(
    ("count", "expected"),
    (
        (5, {"project": 1, "mysql": 1, "redis": 1, "java_basics": 1, "java_collections": 1}),
        (10, {"project": 2, "mysql": 2, "redis": 2} | dict.fromkeys(list(ZH_MIX)[3:], 1)),
        (20, {"project": 4, "mysql": 4, "redis": 4} | dict.fromkeys(list(ZH_MIX)[3:], 2)),
    ),
)
def test_the_chinese_track_allocates_questions_by_the_mix(count, expected):
    chosen = _choose(ZH, count, difficulty="senior")
    assert Counter(question.type for question in chosen) == expected
    kinds = [question.type for question in chosen]
    assert kinds == sorted(kinds, key=list(ZH_MIX).index)


@pytest.mark.parametrize(("track_id", "capacity"), (("backend", 30), (ZH, 30)))
def test_more_questions_than_the_track_holds_is_a_400(track_id, capacity):
    assert track_capacity(TRACKS[track_id], "senior") == capacity
    with pytest.raises(InterviewError) as raised:
        _choose(track_id, capacity + 1)
    assert raised.value.code == 400
    assert raised.value.message == f"questionCount must be at most {capacity} for track {track_id}"


def test_the_same_seed_chooses_the_same_questions():
    first = _choose("data_ml", 7, 42, difficulty="mid", job_description="Spark and Airflow")
    again = _choose("data_ml", 7, 42, difficulty="mid", job_description="Spark and Airflow")
    assert first == again
    assert len({tuple(_ids(_choose("data_ml", 7, seed))) for seed in range(10)}) > 1


def test_custom_questions_are_asked_as_written():
    asked = [CustomQuestion("Why Rust?"), CustomQuestion("Tell me about tokio.")]
    questions = custom_questions(asked, "senior")
    assert [question.text for question in questions] == ["Why Rust?", "Tell me about tokio."]
    assert {(q.category, q.type, q.difficulty, q.key_points) for q in questions} == {
        ("Custom", "custom", "senior", ())
    }
    assert {(q.reference_answer, q.bank_id) for q in questions} == {(None, None)}


@settings(max_examples=150, deadline=None)
@given(
    data=st.data(),
    track_id=st.sampled_from(ENGLISH),
    count=st.integers(3, 30),
    difficulty=st.sampled_from((None, *DIFFICULTIES)),
    seed=st.integers(0, 2**32),
)
def test_any_request_gives_count_distinct_questions(data, track_id, count, difficulty, seed):
    track = TRACKS[track_id]
    avoid = data.draw(st.sets(st.sampled_from(_ids(track.questions))))
    chosen = _ids(_choose(track_id, count, seed, difficulty=difficulty, avoid=avoid))
    assert len(chosen) == count == len(set(chosen))
    if difficulty is None:
        assert len(set(chosen) - avoid) == min(count, len(track.questions) - len(avoid))


CHINESE_GAP = re.compile("[\u4e00-\u9fff，。；：、（）！？] +[\u4e00-\u9fff]|[，。；：、（）！？] ")


def test_chinese_text_has_no_stray_spaces():
    """A line break turned into a space reads as a gap in the middle of a Chinese sentence."""
    gaps = [
        (question.bank_id, match.group(0))
        for track in TRACKS.values()
        for question in track.questions
        for text in (question.text, question.reference_answer or "", *question.key_points)
        for match in CHINESE_GAP.finditer(text)
    ]
    assert gaps == []
