"""The start page's optional texts and own questions, as a candidate or a coach uses them."""

import io
import re

import docx

from app_pages import ui
from app_pages.text import Text
from interview.sessions import documents

EN = Text("en")

RESUME = (
    "Ada Lovelace, backend engineer.\n"
    "Built PayFlow, a payment service in Go; p99 latency fell from 420 ms to 35 ms."
)
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def word_file(text: str) -> bytes:
    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def upload(app, key: str, name: str, data: bytes, mime: str = "text/plain"):
    app.file_uploader(key=key).upload(name, data, mime).run()
    return app


def messages(elements) -> list[str]:
    return [element.value for element in elements]


def start_with_own_questions(app, lines: str):
    app.run()
    app.text_input(key="candidate_name").input("Ada")
    app.toggle(key="use_custom_questions").set_value(True).run()
    app.text_area(key="custom_questions").input(lines)
    app.button(key="start").click().run()
    return app


def test_an_uploaded_resume_fills_the_resume_box_and_shapes_the_questions(app, api):
    app.run()
    upload(app, "resume_file", "resume.docx", word_file(RESUME), DOCX)
    assert not app.exception and not app.error
    assert app.text_area(key="resume_text").value == RESUME

    app.text_input(key="candidate_name").input("Ada")
    app.button(key="start").click().run()
    session = api.get_session(app.session_state[ui.SESSION_ID])["data"]
    assert any("PayFlow" in question["question"] for question in session["questions"])


def test_an_uploaded_job_description_fills_its_box_and_can_be_edited(app):
    app.run()
    upload(app, "job_description_file", "job.md", "# 后端工程师\n熟悉 PostgreSQL".encode())
    assert app.text_area(key="job_description").value == "# 后端工程师\n熟悉 PostgreSQL"

    app.text_area(key="job_description").input("Backend engineer, PostgreSQL").run()
    assert app.text_area(key="job_description").value == "Backend engineer, PostgreSQL"


def test_an_unreadable_file_says_why_and_keeps_what_was_typed(app):
    app.run()
    app.text_area(key="resume_text").input("my own summary").run()
    upload(app, "resume_file", "resume.pdf", b"%PDF-1.4 then nothing useful", "application/pdf")
    assert not app.exception
    assert messages(app.error) == [documents.UNREADABLE.format(kind="PDF")]
    assert app.text_area(key="resume_text").value == "my own summary"


def test_removing_the_file_keeps_the_text_and_clears_the_message(app):
    app.run()
    upload(app, "resume_file", "resume.pdf", b"not a pdf", "application/pdf")
    app.text_area(key="resume_text").input("pasted instead").run()
    assert app.error
    app.file_uploader(key="resume_file").clear().run()
    assert not app.error
    assert app.text_area(key="resume_text").value == "pasted instead"


def test_a_file_longer_than_the_limit_fills_the_box_with_the_part_that_fits(app):
    app.run()
    upload(app, "job_description_file", "job.txt", b"x" * 25_000)
    assert messages(app.warning) == [
        "This file has more than 20,000 characters of text: only the first 20,000 can be used, "
        "so the rest was left out."
    ]
    assert app.text_area(key="job_description").value == "x" * 20_000


def test_own_questions_make_a_session_of_exactly_those_questions(app, api):
    start_with_own_questions(app, "Why this team?\n\n  What would you change first?  \n")
    assert not app.exception
    session = api.get_session(app.session_state[ui.SESSION_ID])["data"]
    assert session["role"] == "custom"
    assert [q["question"] for q in session["questions"]] == [
        "Why this team?",
        "What would you change first?",
    ]
    assert {q["category"] for q in session["questions"]} == {"Custom"}
    assert "Question 1 of 2" in messages(app.caption)


def test_an_empty_question_list_asks_for_questions(app, api):
    start_with_own_questions(app, "  \n\n")
    assert messages(app.error) == [EN("error.custom_questions")]
    assert api.list_sessions()["data"] == []


def test_a_question_over_a_thousand_characters_gets_the_same_plain_message(app, api):
    start_with_own_questions(app, "Why?\n" + "a" * 1_001)
    assert messages(app.error) == [EN("error.custom_questions")]
    assert api.list_sessions()["data"] == []


def test_own_questions_replace_the_track_and_turning_them_off_brings_it_back(app):
    app.run()
    app.selectbox(key="role").select("behavioural").run()
    app.toggle(key="use_custom_questions").set_value(True).run()
    assert not [box for box in app.selectbox if box.key == "role"]
    assert not [box for box in app.number_input if box.key == "question_count"]

    app.toggle(key="use_custom_questions").set_value(False).run()
    assert app.selectbox(key="role").value == "behavioural"


def test_a_signed_in_candidate_practises_under_the_name_they_signed_in_with(app, api):
    app.user = {"is_logged_in": True, "email": "ada@example.com", "name": "Ada"}
    app.run()
    assert not [box for box in app.text_input if box.key == "candidate_name"]
    app.button(key="start").click().run()
    session_id = app.session_state[ui.SESSION_ID]
    assert api.get_session(session_id)["data"]["candidateName"] == "ada@example.com"


def test_in_chinese_the_tracks_read_in_chinese_and_the_default_is_the_chinese_track(app):
    app.query_params[ui.LANGUAGE_QUERY_PARAM] = "zh"
    app.run()
    picker = app.selectbox(key="role")
    zh = Text("zh")
    assert picker.value == "java_backend_zh"
    assert picker.options[0] == zh("track.java_backend_zh")
    assert zh("track.backend") in picker.options
    assert all(re.search("[\u4e00-\u9fff]", option) for option in picker.options)
    assert zh("track.java_backend_zh_description") in [c.value for c in app.caption]
