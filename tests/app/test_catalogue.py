"""The string catalogue: both languages complete, every key the code uses present, no visible
string left inline in a page, and the whole app usable in Simplified Chinese."""

import ast
import json
import re
from pathlib import Path

import pytest

from app_pages import interview_views, ui
from app_pages.text import LANGUAGES, Text, entries, placeholders
from interview.coaching import audit
from interview.scoring.rubric import BANDS, DIMENSION_NAMES
from interview.sessions import documents
from tests.app.pages import captions, open_interview, open_report

ROOT = Path(__file__).resolve().parents[2]
PAGE_SOURCES = [ROOT / "app.py", *sorted((ROOT / "app_pages").glob("*.py"))]
EN, ZH = Text("en"), Text("zh")
CJK = re.compile(r"[\u4e00-\u9fff]")
CATALOGUE_KEY = r"[a-z_]+(\.[a-zA-Z_]+)+"

# Streamlit calls whose first argument, or these keyword arguments, a candidate reads.
SHOWN_BY = {
    "title", "header", "subheader", "caption", "markdown", "write", "text", "info", "warning",
    "error", "success", "toast", "button", "download_button", "metric", "expander", "selectbox",
    "text_input", "text_area", "number_input", "toggle", "segmented_control", "page_link",
    "file_uploader", "radio", "checkbox", "link_button", "Page", "set_page_config", "tabs",
}  # fmt: skip
SHOWN_KEYWORDS = {"label", "help", "placeholder", "title", "page_title"}


def test_both_languages_have_the_same_keys_and_placeholders():
    english, chinese = entries("en"), entries("zh")
    assert set(english) == set(chinese)
    different = [k for k in english if placeholders(english[k]) != placeholders(chinese[k])]
    assert different == []


def test_the_chinese_catalogue_is_translated():
    same = [
        key
        for key, value in entries("zh").items()
        if value == entries("en")[key] and re.search("[a-z]{3}", re.sub(r"{[^}]*}", "", value))
    ]
    assert same == [], "untranslated entries"


def _literal_keys(source: str) -> set[str]:
    """Keys of text("...") calls written out in full."""
    keys = set()
    for node in ast.walk(ast.parse(source)):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name | ast.Call)
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
            and re.fullmatch(CATALOGUE_KEY, node.args[0].value)
        ):
            keys.add(node.args[0].value)
    return keys


@pytest.mark.parametrize("path", PAGE_SOURCES, ids=lambda p: p.name)
def test_every_key_a_page_names_is_in_the_catalogue(path):
    missing = _literal_keys(path.read_text()) - set(entries("en"))
    assert missing == set()


def test_every_key_built_at_run_time_is_in_the_catalogue():
    built = [
        *(f"interview.tip.{tip}" for tip in interview_views.TIPS),
        *(f"dimension.{name}" for name in DIMENSION_NAMES),
        *(f"band.{band.replace(' ', '_')}" for _, band in BANDS),
        *(f"document.{reason}" for reason in documents.MESSAGES),
        *(f"start.difficulty_{level}" for level in ("any", "junior", "mid", "senior")),
        *(f"report.download_{suffix}" for suffix in ("html", "pdf", "csv", "json")),
        *(f"progress.status_label.{s}" for s in ("CREATED", "IN_PROGRESS", "COMPLETED")),
        "progress.status_label.EVALUATED",
        *(f"activity.action_{action}" for action in audit.ACTIONS),
        *ui._KEYS_BY_MESSAGE.values(),
        *ui._KEYS_BY_FIELD.values(),
        *ui._KEYS_BY_CODE.values(),
    ]
    for language in LANGUAGES:
        assert [key for key in built if key not in entries(language)] == []


def _inline_strings(path: Path) -> list[str]:
    """Words written straight into a Streamlit call instead of coming from the catalogue."""
    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        if node.func.attr not in SHOWN_BY:
            continue
        shown = node.args[:1] + [k.value for k in node.keywords if k.arg in SHOWN_KEYWORDS]
        for argument in shown:
            parts = [argument]
            if isinstance(argument, ast.JoinedStr):
                parts = argument.values
            for part in parts:
                words = isinstance(part, ast.Constant) and isinstance(part.value, str)
                if words and re.fullmatch(CATALOGUE_KEY, part.value):
                    continue  # a catalogue key, as in self.text("pdf.title")
                if words and re.search(r"[A-Za-z]{2}|[\u4e00-\u9fff]", part.value):
                    found.append(f"{path.name}:{node.lineno}: {part.value!r}")
    return found


@pytest.mark.parametrize("path", PAGE_SOURCES, ids=lambda p: p.name)
def test_no_page_writes_words_inline(path):
    assert _inline_strings(path) == []


def test_the_inline_check_finds_inline_words(tmp_path):
    page = tmp_path / "page.py"
    page.write_text('st.title("Hello")\ncol.button(f"Go {x}", help="Now")\nst.text(text("a.b"))\n')
    assert len(_inline_strings(page)) == 3


def test_every_envelope_reads_in_chinese():
    for message, key in ui._KEYS_BY_MESSAGE.items():
        assert CJK.search(ZH(key)), message


def test_a_document_error_reads_in_either_language():
    error = documents.DocumentError("too_big", size=7.25, limit=5)
    assert (
        str(error)
        == EN("document.too_big", **error.values)
        == ("This file is 7.2 MB; please upload one under 5 MB.")
    )
    assert "7.2 MB" in ZH("document.too_big", **error.values)


def chinese(app):
    app.query_params[ui.LANGUAGE_QUERY_PARAM] = "zh"
    return app


def test_the_start_page_speaks_chinese_when_asked_in_the_url(app):
    chinese(app).run()
    assert not app.exception
    assert app.title[0].value == ZH("common.app_name")
    assert app.text_input(key="candidate_name").label == ZH("start.name")
    assert app.button(key="start").label == ZH("start.start")
    assert app.segmented_control(key=ui.LANGUAGE).value == "zh"


def test_the_language_picker_switches_the_page_and_remembers_it_in_the_url(app):
    app.run()
    assert app.button(key="start").label == EN("start.start")
    app.segmented_control(key=ui.LANGUAGE).set_value("zh").run()
    assert app.button(key="start").label == ZH("start.start")
    assert app.query_params[ui.LANGUAGE_QUERY_PARAM] == "zh"
    app.segmented_control(key=ui.LANGUAGE).set_value("en").run()
    assert app.button(key="start").label == EN("start.start")


def test_an_unknown_language_in_the_url_falls_back_to_english(app):
    app.query_params[ui.LANGUAGE_QUERY_PARAM] = "fr"
    app.run()
    assert not app.exception
    assert app.button(key="start").label == EN("start.start")


CHINESE_ANSWER = (
    "我们在订单服务里用 Redis 做缓存，先查缓存再查 MySQL，更新时先写数据库再删除缓存。"
    "遇到的问题是缓存击穿：热点 key 过期时大量请求打到数据库，我们用互斥锁和随机过期时间解决，"
    "因为这样可以避免同一时刻大量 key 失效。结果接口 P99 从 300 毫秒降到 40 毫秒。"
)


def test_a_chinese_interview_runs_end_to_end_in_the_chinese_ui(app, api):
    created = api.create_session(
        candidate_name="李雷", role="java_backend_zh", question_count=3, follow_up_count=0
    )
    session_id = created["data"]["sessionId"]
    chinese(app)
    open_interview(app, session_id)
    assert not app.exception
    assert ZH("interview.question_of", number=1, total=3) in captions(app)
    assert app.button(key="submit").label == ZH("interview.submit")
    for _ in range(3):
        app.text_area(key="answer").input(CHINESE_ANSWER)
        app.button(key="submit").click().run()
        assert not app.exception
    open_report(chinese(app), session_id)
    assert not app.exception
    assert app.title[0].value == ZH("report.title")
    assert [m.label for m in app.metric][:2] == [ZH("report.overall"), ZH("report.band")]
    report = api.generate_report(session_id)["data"]
    band = app.metric[1].value
    assert band == ZH(f"band.{report['band'].replace(' ', '_')}")
    assert all(CJK.search(expander.label) for expander in app.expander)
    assert CHINESE_ANSWER in [text.value for text in app.text]


def test_the_chinese_report_charts_are_labelled_in_chinese(app, api):
    created = api.create_session(
        candidate_name="韩梅梅", role="java_backend_zh", question_count=3, follow_up_count=0
    )
    session_id = created["data"]["sessionId"]
    for index in range(3):
        api.submit_answer(session_id, index, CHINESE_ANSWER)
    open_report(chinese(app), session_id)
    specs = [
        json.dumps(json.loads(chart.proto.spec), ensure_ascii=False)
        for chart in app.get("plotly_chart")
    ]
    assert specs and all(CJK.search(spec) for spec in specs)
    assert ZH("dimension.technical_depth") in specs[0]


@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_feedback_names_the_dimensions_as_the_charts_do(language):
    from interview.interviewers.builtin.phrasing import DIMENSION_LABELS

    text = Text(language)
    charts = {name: text(f"dimension.{name}").casefold() for name in DIMENSION_NAMES}
    assert {k: v.casefold() for k, v in DIMENSION_LABELS[language].items()} == charts
