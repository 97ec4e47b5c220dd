"""The report's charts and files, as pure functions of a real report from a real API."""

import copy
import io
import json
from html.parser import HTMLParser

import pandas as pd
import pytest
from plotly.offline import get_plotlyjs

from app_pages import report_files, report_views
from interview.api import InterviewAPI
from interview.scoring.rubric import BANDS, DIMENSION_NAMES

SCRIPT = "<script>alert(1)</script>"
STRONG = (
    "I would put Redis in front of PostgreSQL as a read-through cache with a 60 second TTL, "
    "because reads outnumber writes 50 to 1; p99 latency fell from 420 ms to 35 ms. "
    f"{SCRIPT}"
)
FORMULA = '=HYPERLINK("http://evil.example","click me")'
CHINESE = "我会用 Redis 做读缓存，TTL 60 秒，因为读多写少，p99 从 420 ms 降到 35 ms。"
NAME = "Ada <i>Lovelace</i>"
VOID_TAGS = {"meta", "br", "hr", "img", "link", "input"}


@pytest.fixture
def report(sqlite_url) -> dict:
    """A finished backend interview: a strong answer, its follow-up answered with a formula,
    one answer in Chinese, the rest unanswered."""
    api = InterviewAPI.from_url(sqlite_url, rate_limit_per_second=None)
    created = api.create_session(
        candidate_name=NAME, role="backend", question_count=3, follow_up_count=1
    )
    session_id = created["data"]["sessionId"]
    for index, answer in enumerate([STRONG, FORMULA, CHINESE]):
        assert api.submit_answer(session_id, index, answer)["code"] == 200
    api.complete_early(session_id)
    yield api.generate_report(session_id)["data"]
    api.close()


def with_scores(report: dict, scores: list[int]) -> dict:
    """The report, its questions replaced by copies of the first one with these scores."""
    edited = copy.deepcopy(report)
    first = edited["questionDetails"][0]
    edited["questionDetails"] = [
        {**first, "questionIndex": index, "score": score} for index, score in enumerate(scores)
    ]
    return edited


class Page(HTMLParser):
    """Parses a page, checking every tag it opens is closed, and keeps the text of answers."""

    def __init__(self) -> None:
        super().__init__()
        self.open_tags: list[str] = []
        self.script_sources: list[str | None] = []
        self.answers: list[str] = []
        self._in_answer = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script":
            self.script_sources.append(attributes.get("src"))
        self._in_answer = "answer" in (attributes.get("class") or "").split()
        if self._in_answer:
            self.answers.append("")
        if tag not in VOID_TAGS:
            self.open_tags.append(tag)

    def handle_endtag(self, tag):
        assert self.open_tags.pop() == tag
        self._in_answer = False

    def handle_data(self, data):
        if self._in_answer:
            self.answers[-1] += data


def parse(page: str) -> Page:
    parser = Page()
    parser.feed(page)
    parser.close()
    assert parser.open_tags == []
    return parser


def test_every_band_has_its_own_colour():
    assert set(report_views.BAND_COLOURS) == {band for _, band in BANDS}
    assert len(set(report_views.BAND_COLOURS.values())) == len(BANDS)


def test_the_radar_has_one_point_per_rubric_dimension(report):
    radar = report_views.dimension_radar(report).data[0]
    assert radar.type == "scatterpolar"
    labels = [label.replace("<br>", " ") for label in radar.theta]
    assert labels == [report_views.dimension_label(d) for d in DIMENSION_NAMES]
    assert list(radar.r) == [d["score"] for d in report["dimensionScores"]]


def test_question_bars_take_the_colour_of_their_band_at_every_edge(report):
    bands = {39: "poor", 40: "below bar", 59: "below bar", 60: "pass"}
    bands |= {74: "pass", 75: "good", 89: "good", 90: "excellent"}
    bars = report_views.question_scores_bar(with_scores(report, list(bands))).data[0]
    assert list(bars.y) == list(bands)
    assert list(bars.marker.color) == [report_views.BAND_COLOURS[b] for b in bands.values()]


def test_question_bars_are_labelled_as_the_interview_numbered_them(report):
    details = report["questionDetails"]
    ticks = list(report_views.question_scores_bar(report).data[0].x)
    mains = [d for d in details if not d["isFollowUp"]]
    assert [t for t in ticks if "follow-up" not in t] == [f"Q{n}" for n in range(1, len(mains) + 1)]
    assert [tick.endswith("follow-up") for tick in ticks] == [d["isFollowUp"] for d in details]
    assert ticks[1] == "Q1 follow-up"


def test_the_charts_carry_no_candidate_text(report):
    figures = [
        report_views.dimension_radar(report),
        report_views.question_scores_bar(report),
        report_views.category_scores_bar(report),
    ]
    for figure in figures:
        assert "Redis" not in figure.to_json()


def test_category_bars_are_horizontal_in_the_reports_order(report):
    bars = report_views.category_scores_bar(report).data[0]
    categories = report["categoryScores"]
    assert bars.orientation == "h"
    assert list(bars.y) == [c["category"] for c in categories]
    assert list(bars.x) == [c["score"] for c in categories]
    assert list(bars.marker.color) == [report_views.band_colour(c["score"]) for c in categories]


def test_the_html_report_escapes_candidate_text(report):
    page = report_files.report_html(report)
    assert SCRIPT not in page and "<i>Lovelace" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    answers = parse(page).answers
    assert answers[:3] == [STRONG, FORMULA, CHINESE]


def test_the_html_report_opens_offline_with_plotly_inlined_once(report):
    page = report_files.report_html(report)
    assert page.count(get_plotlyjs()[:200]) == 1
    sources = parse(page).script_sources
    assert sources and not any(sources)  # every script is inline: nothing to fetch
    assert page.count('class="plotly-graph-div"') == 3


def test_the_html_report_prints_one_question_card_a_page(report):
    page = report_files.report_html(report)
    assert "@media print" in page and "break-before: page" in page
    assert page.count('<section class="card"') == len(report["questionDetails"])


def test_the_csv_has_one_row_per_question_and_opens_in_excel(report):
    data = report_files.report_csv(report)
    assert data.startswith("\ufeff".encode())  # the BOM Excel needs to read UTF-8
    rows = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    session = ["candidateName", "sessionId", "generatedAt", "question_label"]
    leading = ["questionIndex", "question", "category", "isFollowUp", "parentQuestionIndex"]
    assert list(rows.columns) == [
        *session,
        *leading,
        "score",
        *DIMENSION_NAMES,
        "feedback",
        "userAnswer",
    ]
    details = report["questionDetails"]
    assert set(rows["sessionId"]) == {report["sessionId"]}
    assert set(rows["candidateName"]) == {report["candidateName"]}
    assert list(rows["question_label"])[:2] == ["Q1", "Q1 follow-up"]
    assert list(rows["questionIndex"]) == [d["questionIndex"] for d in details]
    assert list(rows["score"]) == [d["score"] for d in details]
    assert rows["userAnswer"][0] == STRONG and rows["userAnswer"][2] == CHINESE
    assert rows["parentQuestionIndex"][1] == 0 and pd.isna(rows["parentQuestionIndex"][0])
    first = {d["dimension"]: d["score"] for d in details[0]["dimensions"]}
    assert {name: rows[name][0] for name in DIMENSION_NAMES} == first


@pytest.mark.parametrize("formula", [FORMULA, "+1+1", "-2+3", "@SUM(A1:A2)"])
def test_a_csv_cell_that_looks_like_a_formula_is_kept_as_text(report, formula):
    report["questionDetails"][2]["userAnswer"] = formula
    rows = pd.read_csv(io.BytesIO(report_files.report_csv(report)), encoding="utf-8-sig")
    assert rows["userAnswer"][2] == f"'{formula}"
    assert rows["userAnswer"][1] == f"'{FORMULA}"


def test_the_json_download_is_the_apis_report(report):
    assert json.loads(report_files.report_json(report)) == report
