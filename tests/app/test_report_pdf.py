"""The PDF report: a pure function of a real report from a real API, read back with pypdf.

Each PDF is built once per module (the font costs about a second the first time). pypdf may
put spaces or line breaks between glyphs, so text is compared with all whitespace removed.
"""

import copy
import io
import re
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from app_pages import report_views
from app_pages.pdf.document import report_pdf
from app_pages.pdf.font import PLACEHOLDER, clean
from app_pages.pdf.layout import H3, LEFT
from app_pages.pdf.sections import layout_report
from app_pages.text import LANGUAGES, Text
from interview.api import InterviewAPI
from interview.scoring.rubric import BANDS, DIMENSION_NAMES, band_of

ROOT = Path(__file__).resolve().parents[2]
EN, ZH = Text("en"), Text("zh")
NAME = "Ada <i>Lovelace</i>"
SCRIPT = "<script>alert(1)</script>"
LINK = "[x](javascript:alert(1))"
STRONG = (
    "I would put Redis in front of PostgreSQL as a read-through cache with a 60 second TTL, "
    "because reads outnumber writes 50 to 1; p99 latency fell from 420 ms to 35 ms. "
    f"{SCRIPT} **bold** {LINK} {{nb}}"
)
# Emoji (one with a skin tone), a symbol and a letter the font lacks, a bell, a zero-width space
# and a byte order mark.
ODD = "Great idea 😀👍🏽 ✅ 𝔘 rocket\u0007bell\u200bjoined\ufeff"
CHINESE = [
    "我们在订单服务里用 Redis 做缓存，先查缓存再查 MySQL，更新时先写数据库再删除缓存。"
    "遇到的问题是缓存击穿：热点 key 过期时大量请求打到数据库，我们用互斥锁和随机过期时间解决。",
    "我会先用 EXPLAIN 看执行计划，发现全表扫描后建立联合索引，接口 P99 从 300 毫秒降到 40 毫秒。",
]
LONG_WORD = "https://example.com/" + "x" * 700  # wider than a line: broken inside the word
LONG = (
    "BEGIN-OF-LONG-ANSWER "
    + "\n\n".join(
        f"Paragraph {n}: we sharded the orders table by customer id, moved reads to replicas "
        "and cached hot keys in Redis with a jittered TTL, because the primary was saturated "
        "at peak; p99 dropped from 900 ms to 120 ms and error rates fell by 80 percent. "
        for n in range(1, 60)
    )
    + f" {LONG_WORD} END-OF-LONG-ANSWER"
)


def squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def finished_report(url: str, role: str, answers: list[str], count: int = 3) -> dict:
    """An interview answered in order with these answers (follow-ups included), then ended."""
    api = InterviewAPI.from_url(url, rate_limit_per_second=None)
    created = api.create_session(
        candidate_name=NAME, role=role, question_count=count, follow_up_count=1
    )
    session_id = created["data"]["sessionId"]
    for answer in answers:
        current = api.get_current_question(session_id)["data"]
        if current["completed"]:
            break
        assert api.submit_answer(session_id, current["currentIndex"], answer)["code"] == 200
    api.complete_early(session_id)  # a 409 if every question was answered: fine
    report = api.generate_report(session_id)["data"]
    api.close()
    return report


@pytest.fixture(scope="module")
def database(tmp_path_factory) -> str:
    return f"sqlite:///{tmp_path_factory.mktemp('pdf') / 'interview.db'}"


@pytest.fixture(scope="module")
def english_report(database) -> dict:
    """Backend: a strong answer carrying markup, one with emoji, the rest unanswered."""
    return finished_report(database, "backend", [STRONG, ODD])


@pytest.fixture(scope="module")
def english_pdf(english_report) -> bytes:
    return report_pdf(english_report, EN)


@pytest.fixture(scope="module")
def chinese_report(database) -> dict:
    return finished_report(database, "java_backend_zh", CHINESE * 3)


@pytest.fixture(scope="module")
def chinese_pdf(chinese_report) -> bytes:
    return report_pdf(chinese_report, ZH)


@pytest.fixture(scope="module")
def long_report(database) -> dict:
    """Ten questions and their follow-ups: one 15,000-character answer, the rest of
    different lengths, so question headings fall all over the pages."""
    answers = [LONG, *(STRONG * (1 + n % 4) for n in range(30))]
    return finished_report(database, "backend", answers, count=10)


@pytest.fixture(scope="module")
def long_pdf(long_report) -> bytes:
    return report_pdf(long_report, EN)


_PAGES: dict[bytes, list[str]] = {}


def pages(pdf: bytes) -> list[str]:
    """Each page's text, extracted once per PDF."""
    if pdf not in _PAGES:
        _PAGES[pdf] = [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]
    return _PAGES[pdf]


def text_of(pdf: bytes) -> str:
    return squeezed("".join(pages(pdf)))


def without_page_furniture(pdf: bytes, text: Text, candidate: str) -> str:
    """The pages' text run together, each page's footer and running header taken out."""
    texts = pages(pdf)
    header = squeezed(text("pdf.running_header", candidate=candidate))
    run = ""
    for number, page in enumerate(texts, start=1):
        footer = squeezed(text("pdf.page", page=number, pages=len(texts)))
        run += squeezed(page).replace(footer, "").replace(header, "")
    return run


def test_the_pdf_is_a_valid_a4_document(english_pdf):
    assert english_pdf.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(english_pdf))
    assert len(reader.pages) >= 2
    for page in reader.pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)


def test_the_summary_and_every_question_are_in_the_pdf(english_pdf, english_report):
    text = text_of(english_pdf)
    report = english_report
    assert f"{report['overallScore']}/100{report['band']}" in text
    assert f"{report['answeredCount']}of{report['totalQuestions']}" in text
    assert squeezed(f"Candidate: {NAME}") in text
    for detail in report["questionDetails"]:
        assert squeezed(clean(detail["question"])) in text
    for item in report["strengths"] + report["improvements"]:
        assert squeezed(clean(item)) in text


def test_candidate_text_is_printed_literally(english_pdf):
    text = text_of(english_pdf)
    for literal in (SCRIPT, LINK, "**bold**", "{nb}"):
        assert literal in text
    assert squeezed(STRONG) in text


def test_the_labels_are_english(english_pdf):
    text = text_of(english_pdf)
    labels = [
        "Interview report",
        "Overall score",
        "Rubric dimensions",
        "Score per question",
        "Score per category",
        "Strengths",
        "To improve",
        "Question by question",
        "Your answer",
        "Not answered.",
        "Dimension scores",
        "Technical depth",
        "Feedback",
        "Reference answer",
        "Key points",
    ]
    assert [label for label in labels if squeezed(label) not in text] == []


def test_characters_the_font_lacks_print_as_a_placeholder(english_pdf):
    assert (
        clean(ODD) == f"Great idea {PLACEHOLDER * 2} {PLACEHOLDER} {PLACEHOLDER} rocketbelljoined"
    )
    text = text_of(english_pdf)
    assert squeezed(clean(ODD)) in text
    assert not any(character in text for character in "😀👍🏽✅𝔘\u0007\u200b\ufeff")


def test_clean_keeps_line_breaks_and_drops_control_characters():
    assert clean("a\tb\r\nc\rd\u2028e\x00\x1b[31m") == "a    b\nc\nd\ne[31m"
    assert clean(None) == ""
    assert clean("e\u0301") == "é"  # composed, so the font's own é is used


def test_the_chinese_pdf_is_in_chinese(chinese_pdf, chinese_report):
    text = text_of(chinese_pdf)
    labels = ["面试报告", "总分", "评分维度", "各题得分", "各类别得分", "逐题回顾", "你的回答"]
    labels += ["题目", "各维度得分", "反馈", "参考答案", "要点", "技术深度"]
    assert [label for label in labels if label not in text] == []
    for detail in chinese_report["questionDetails"]:
        assert squeezed(clean(detail["question"])) in text
    for answer in CHINESE:
        assert squeezed(answer) in text
    assert "Overall score" not in text and "Your answer" not in text


def test_every_page_has_a_page_n_of_m_footer(long_pdf, chinese_pdf):
    english = pages(long_pdf)
    assert len(english) >= 5
    for number, page in enumerate(english, start=1):
        assert f"Page{number}of{len(english)}" in squeezed(page)
    chinese = pages(chinese_pdf)
    for number, page in enumerate(chinese, start=1):
        assert f"第{number}页，共{len(chinese)}页" in squeezed(page)


def test_a_long_answer_flows_onto_the_next_pages(long_pdf, long_report):
    assert len(long_report["questionDetails"][0]["userAnswer"]) == len(LONG) > 15_000
    texts = [squeezed(page) for page in pages(long_pdf)]
    begin = next(n for n, page in enumerate(texts) if "BEGIN-OF-LONG-ANSWER" in page)
    end = next(n for n, page in enumerate(texts) if "END-OF-LONG-ANSWER" in page)
    assert end - begin >= 3
    assert squeezed(LONG) in without_page_furniture(long_pdf, EN, NAME)


def heading_block(detail: dict, labels: dict[int, str]) -> str:
    """A question's heading (numbered as the interview showed it), its score, the "Question"
    label and the question's start."""
    label = labels[detail["questionIndex"]]
    title = EN("pdf.question_title", label=label, category=detail["category"])
    band = EN(f"pdf.band_{band_of(detail['score']).replace(' ', '_')}")
    score = EN("pdf.score_band", score=detail["score"], band=band)
    return squeezed(title + score + EN("pdf.question") + clean(detail["question"])[:60])


def test_each_question_heading_is_on_the_page_of_its_question(long_pdf, long_report):
    texts = [squeezed(page) for page in pages(long_pdf)]
    details = long_report["questionDetails"]
    assert len(details) >= 15
    labels = report_views.question_labels(details, EN)
    missing = [
        d["questionIndex"] for d in details if not any(heading_block(d, labels) in t for t in texts)
    ]
    assert missing == []


def test_a_question_heading_never_sits_alone_at_the_bottom_of_a_page(long_report):
    """The first answer grows a line at a time, so the next heading falls at every height of
    a page: it always keeps the "Question" label and a line of the question after it."""
    report = copy.deepcopy(long_report)
    report["questionDetails"] = report["questionDetails"][:3]
    first = report["questionDetails"][0]
    for lines in range(52):  # a page holds about 48 lines
        first["userAnswer"] = "\n".join(f"Line {n} of the answer." for n in range(lines))
        for page in layout_report(report, EN, {}).pages:
            texts = [operation for operation in page if operation[0] == "text"]
            for index, (_, x, _, _, _, words, size, *_) in enumerate(texts):
                if size == H3 and x > LEFT:  # a question heading's title
                    after = [operation[5] for operation in texts[index + 1 :]]
                    assert EN("pdf.question") in after[:2], (lines, words)
                    assert len(after) >= 3, (lines, words)


def test_the_font_is_embedded_and_is_the_only_font(english_pdf, chinese_pdf):
    for pdf in (english_pdf, chinese_pdf):
        for page in PdfReader(io.BytesIO(pdf)).pages:
            fonts = page["/Resources"]["/Font"]
            assert fonts
            for font in fonts.values():
                font = font.get_object()
                assert font["/Subtype"] == "/Type0"
                assert font["/BaseFont"].endswith("+NotoSansSC")  # a subset
                descendant = font["/DescendantFonts"][0].get_object()
                descriptor = descendant["/FontDescriptor"].get_object()
                embedded = {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor)
                assert embedded and descriptor[embedded.pop()].get_object().get_data()


def test_the_metadata_names_the_report_and_its_language(english_pdf, chinese_pdf):
    english = PdfReader(io.BytesIO(english_pdf))
    assert english.metadata.title == f"Rehearse interview report: {NAME}"
    assert english.metadata.creator == "Rehearse"
    assert english.trailer["/Root"]["/Lang"] == "en"
    chinese = PdfReader(io.BytesIO(chinese_pdf))
    assert chinese.metadata.title == f"Rehearse 面试报告：{NAME}"
    assert chinese.trailer["/Root"]["/Lang"] == "zh-CN"


def test_the_same_report_gives_the_same_bytes(english_pdf, english_report):
    assert report_pdf(english_report, EN) == english_pdf


def test_meta_replaces_the_line_under_the_title(english_report):
    meta = {"candidate": "Grace", "track": "Backend engineering", "date": "1 June 2025"}
    text = text_of(report_pdf(english_report, EN, meta))
    assert squeezed("Candidate: Grace | Track: Backend engineering | Generated 1 June 2025") in text


def test_every_band_and_dimension_has_a_label_in_both_languages():
    for language in LANGUAGES:
        text = Text(language)
        keys = [f"pdf.band_{band.replace(' ', '_')}" for _, band in BANDS]
        keys += [f"pdf.dimension_{name}" for name in DIMENSION_NAMES]
        keys += ["pdf.flag_grader_instruction"]
        assert [key for key in keys if not text.has(key)] == []


def test_importing_the_module_loads_neither_fpdf2_nor_the_font():
    code = (
        "import sys, app_pages.pdf.document; "
        "print(sorted(m for m in ('fpdf', 'fontTools', 'streamlit') if m in sys.modules))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert loaded.stdout.strip() == "[]"
