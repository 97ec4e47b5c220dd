"""Evidence and advice: a different whole sentence per dimension, marked as what earned or cost
the points, advice that fits the kind of question, and no key point called missing that the
answer covered in other words."""

import pytest

from interview.interviewers.base import AskedQuestion, ScoredQuestion
from interview.interviewers.builtin.interviewer import BuiltinInterviewer
from interview.interviewers.builtin.summary import summarize
from interview.questions import banks
from interview.questions.spec import QuestionSpec
from interview.scoring import language, rubric

INTERVIEWER = BuiltinInterviewer()
BANK = {spec.bank_id: spec for track in banks.load_tracks().values() for spec in track.questions}
MARKS = {"en": ("Earned: ", "Cost: "), "zh": ("得分：", "失分：")}

INDEX = AskedQuestion(0, BANK["be-02"])
ZH_INDEX = AskedQuestion(0, BANK["zh-mysql-02"])
DISAGREEMENT = AskedQuestion(0, BANK["bh-01"])

INDEX_ANSWER = (
    "An index is a B-tree kept sorted on its columns; a lookup walks three or four pages instead "
    "of reading every row. A composite index on (user_id, created_at) serves queries filtering "
    "on user_id first, because the tree is sorted by that column. The cost is on writes: every "
    "insert must update each index. At my last job an orders table had nine indexes and inserts "
    "took 40 ms. We dropped four unused ones after checking EXPLAIN, and inserts fell to 12 ms."
)
ZH_INDEX_ANSWER = (
    "InnoDB 的索引是 B+ 树，非叶子节点只存键，所以树很矮，查询只要三四次磁盘读取。"
    "主键索引是聚簇索引，叶子节点存整行数据；二级索引的叶子节点存主键，查其他列时要回表。"
    "如果查询的列都在索引里，就是覆盖索引，可以避免回表。"
    "比如订单查询只查 user_id 和 create_time，我们建了这两列的联合索引，耗时从 2 秒降到 50 毫秒。"
)


def sentences_of(answer):
    return {s.text for s in language.split_sentences(answer, whole=True)}


@pytest.mark.parametrize(
    ("question", "answer", "language_"),
    [(INDEX, INDEX_ANSWER, "en"), (ZH_INDEX, ZH_INDEX_ANSWER, "zh")],
    ids=["en", "zh"],
)
def test_each_dimension_quotes_a_different_whole_sentence_marked_earned_or_cost(
    question, answer, language_
):
    evaluation = INTERVIEWER.evaluate(question, answer)
    earned, cost = MARKS[language_]
    quoted = []
    for dimension in evaluation.dimensions:
        if not dimension.evidence:
            continue
        mark = earned if dimension.score >= 60 else cost
        assert dimension.evidence.startswith(mark), dimension
        quoted.append(dimension.evidence.removeprefix(mark))
    assert len(quoted) >= min(len(sentences_of(answer)), len(rubric.DIMENSION_NAMES)) - 1
    assert len(set(quoted)) == len(quoted)  # a different sentence for each dimension
    assert set(quoted) <= sentences_of(answer)  # each one whole, as written


def test_a_weak_dimension_quotes_the_sentence_that_cost_it():
    answer = (
        "I would put a cache in front of the database. It makes reads faster. "
        "We used Redis for this."
    )
    evaluation = INTERVIEWER.evaluate(AskedQuestion(0, BANK["be-04"]), answer)
    impact = next(d for d in evaluation.dimensions if d.dimension == "impact")
    assert impact.score < 60 and impact.evidence == "Cost: It makes reads faster."


def test_a_conceptual_question_is_not_told_to_show_a_number():
    answer = (
        "An index is a sorted B-tree, so the database finds rows without scanning the table. "
        "Each index slows writes."
    )
    feedback = INTERVIEWER.evaluate(INDEX, answer).feedback
    assert "number" not in feedback and "from what to what" not in feedback


def test_a_story_is_advised_as_a_story_not_told_to_name_tools():
    answer = (
        "A colleague and I disagreed about a rewrite. I asked her for a one-to-one and we talked "
        "it through, and we agreed to try the smaller change first."
    )
    feedback = INTERVIEWER.evaluate(DISAGREEMENT, answer).feedback
    assert "name the concrete tools" not in feedback
    assert "situation" in feedback or "changed" in feedback or "why you handled" in feedback


def test_a_chinese_conceptual_question_is_advised_in_chinese_without_numbers():
    answer = "InnoDB 用 B+ 树做索引，所以查得快。"
    feedback = INTERVIEWER.evaluate(ZH_INDEX, answer).feedback
    assert "用数字" not in feedback and "最弱的是" in feedback


def test_a_key_point_said_in_other_words_is_not_called_missing():
    question = AskedQuestion(
        0,
        QuestionSpec(
            "How does a database index speed up queries?",
            "Databases",
            "custom",
            key_points=("A B+ tree index lets the database find rows without a full table scan",),
        ),
    )
    answer = (
        "Most indexes are B-trees, so a lookup takes a few steps instead of scanning the table."
    )
    assert "did not cover" not in INTERVIEWER.evaluate(question, answer).feedback


def test_the_summary_of_conceptual_answers_gives_no_advice_to_quantify_impact():
    answers = [
        (INDEX, "An index is a sorted B-tree, so lookups skip the full table scan."),
        (
            AskedQuestion(1, BANK["be-04"]),
            "Read the cache first and load from the database on a miss.",
        ),
    ]
    scored = []
    for question, answer in answers:
        evaluation = INTERVIEWER.evaluate(question, answer)
        dimensions = {d.dimension: d.score for d in evaluation.dimensions}
        score = rubric.question_score(dimensions, evaluation.cap)
        scored.append(ScoredQuestion(question, answer, score, evaluation))
    improvements = " ".join(summarize(scored).improvements)
    assert "quantitative" not in improvements and "with a number" not in improvements
    assert "Earned:" not in improvements and "Cost:" not in improvements
