"""A report as files: HTML that opens offline, CSV with a row per question, JSON as the API
gives it. Pure functions of the Report dict (API.md), no Streamlit; candidate text is escaped
in HTML and defused in CSV (a cell starting = + - @ would run as a spreadsheet formula).
"""

from __future__ import annotations

import json
from html import escape
from string import Template
from typing import TYPE_CHECKING

from app_pages import review_views
from app_pages.report_views import (
    ENGLISH,
    answered_line,
    band_colour,
    band_label,
    bands_line,
    category_scores_bar,
    dimension_label,
    dimension_radar,
    generated_utc,
    integrity_items,
    question_labels,
    question_scores_bar,
    rubric_rows,
    score_and_band,
)
from app_pages.text import Text

if TYPE_CHECKING:
    import plotly.graph_objects as go

# Excel runs a cell starting with one of these as a formula (OWASP "CSV injection").
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_FONT = "system-ui, -apple-system, 'Segoe UI', 'Noto Sans', 'PingFang SC', sans-serif"
_EXPORT_WIDTH = 660  # fits an A4 page with 16 mm margins


def report_json(report: dict) -> str:
    """The API's report as is."""
    return json.dumps(report, ensure_ascii=False, indent=2)


def _defused(cell: str | None) -> str | None:
    """A text cell Excel would read as a formula gets a leading quote, so it stays text."""
    if cell and cell.startswith(_FORMULA_STARTS):
        return "'" + cell
    return cell


def _csv_columns(dimensions: list[str], reviewed: bool) -> list[str]:
    # Who, which interview and when on every row, so rows of several reports can be combined.
    session = ["candidateName", "sessionId", "generatedAt", "question_label"]
    leading = ["questionIndex", "question", "category", "isFollowUp", "parentQuestionIndex"]
    coach = ["aiScore", "coachNotes"] if reviewed else []
    return [*session, *leading, "score", *coach, *dimensions, "feedback", "userAnswer"]


def _csv_row(report: dict, label: str, detail: dict, dimensions: list[str]) -> dict:
    scores = {d["dimension"]: d["score"] for d in detail["dimensions"]}
    return {
        "candidateName": _defused(report["candidateName"]),
        "sessionId": report["sessionId"],
        "generatedAt": report["generatedAt"],
        "question_label": label,
        "questionIndex": detail["questionIndex"],
        "question": _defused(detail["question"]),
        "category": _defused(detail["category"]),
        "isFollowUp": detail["isFollowUp"],
        "parentQuestionIndex": detail["parentQuestionIndex"],
        "score": detail["score"],
        **{dimension: scores.get(dimension) for dimension in dimensions},
        "feedback": _defused(detail["feedback"]),
        "userAnswer": _defused(detail["userAnswer"]),
    }


def report_csv(report: dict) -> bytes:
    """One row per question; UTF-8 with a BOM so Excel reads Chinese text correctly."""
    import pandas as pd

    dimensions = [r["dimension"] for r in report["rubric"]]
    reviewed = review_views.has_review(report)
    ai, notes = review_views.ai_scores(report), review_views.question_notes(report, ENGLISH)
    details = report["questionDetails"]
    labels = question_labels(details, ENGLISH)
    rows = [_csv_row(report, labels[d["questionIndex"]], d, dimensions) for d in details]
    if reviewed:
        for row in rows:
            index = row["questionIndex"]
            row["aiScore"] = ai.get(index, row["score"])
            row["coachNotes"] = _defused(" | ".join(notes.get(index, []))) or None
    frame = pd.DataFrame(rows, columns=_csv_columns(dimensions, reviewed))
    # Missing numbers (no parent, an unanswered question's dimensions) stay blank, not "0.0".
    integers = ["questionIndex", "parentQuestionIndex", "score", *dimensions]
    integers += ["aiScore"] if reviewed else []
    frame = frame.astype({column: "Int64" for column in integers})
    return frame.to_csv(index=False).encode("utf-8-sig")


_STYLE = Template("""
:root { color-scheme: light; }
body { font-family: $font; color: #1C2333; line-height: 1.5;
  max-width: 760px; margin: 2rem auto; padding: 0 1rem; }
h1 { margin-bottom: 0.2rem; }
.meta { color: #555; margin-top: 0; }
.summary { display: flex; gap: 1rem; flex-wrap: wrap; margin: 1rem 0; }
.summary div { border: 1px solid #999; border-radius: 6px; padding: 0.5rem 1rem; }
.summary strong { display: block; font-size: 1.6rem; }
.block { break-inside: avoid; }
.chart { margin: 1rem 0; }
.card { border: 1px solid #999; border-left: 8px solid var(--band); border-radius: 6px;
  padding: 0.5rem 1rem 1rem; margin: 1.5rem 0; }
.card h3 { display: flex; justify-content: space-between; gap: 1rem; }
.card h4 { margin: 0.8rem 0 0.2rem; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; margin: 0; }
.answer { border-left: 3px solid #999; padding-left: 0.6rem; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #bbb; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
td.score { text-align: right; white-space: nowrap; }
@page { size: A4; margin: 16mm; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 10.5pt; color: #000; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .modebar-container { display: none !important; }
  .card { break-before: page; border-color: #000; }
  tr, h2, h3, h4 { break-inside: avoid; break-after: avoid; }
}
""").substitute(font=_FONT)


def _chart_html(figure: go.Figure, with_plotly_js: bool) -> str:
    figure.update_layout(width=_EXPORT_WIDTH, template="plotly_white", font={"family": _FONT})
    inner = figure.to_html(
        full_html=False, include_plotlyjs=with_plotly_js, config={"displayModeBar": False}
    )
    return f'<div class="chart">{inner}</div>'


def _list_html(items: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{escape(item)}</li>" for item in items) + "</ul>"


def _text_html(text: str | None, css: str = "text") -> str:
    return f'<p class="{css}">{escape(text or "")}</p>'


def _dimensions_html(dimensions: list[dict], text: Text) -> str:
    if not dimensions:
        return ""
    rows = "".join(
        f"<tr><td>{escape(dimension_label(d['dimension'], text))}</td>"
        f'<td class="score">{d["score"]}</td><td>{escape(d["evidence"])}</td></tr>'
        for d in dimensions
    )
    headings = "".join(
        f"<th>{escape(text(key))}</th>"
        for key in ("report.dimension", "report.score", "report.evidence")
    )
    return f"<table><tr>{headings}</tr>{rows}</table>"


def _heading(text: Text, key: str) -> str:
    return f"<h4>{escape(text(key))}</h4>"


def _card_html(
    detail: dict, label: str, reference: dict | None, notes: list[str], text: Text
) -> str:
    """One question: everything the page's expander shows, candidate text escaped."""
    answer = detail["userAnswer"] or text("common.not_answered")
    parts = [
        f'<section class="card" style="--band: {band_colour(detail["score"])}">',
        f"<h3><span>{escape(label)} · {escape(detail['category'])}</span>"
        f"<span>{escape(score_and_band(detail['score'], text))}</span></h3>",
        _heading(text, "report.question"),
        _text_html(detail["question"]),
        _heading(text, "report.your_answer"),
        _text_html(answer, "text answer"),
        _dimensions_html(detail["dimensions"], text),
        _heading(text, "report.feedback"),
        _text_html(detail["feedback"]),
        review_views.notes_html(notes, text),
    ]
    if reference and reference["referenceAnswer"]:
        parts += [_heading(text, "report.reference"), _text_html(reference["referenceAnswer"])]
    if reference and reference["keyPoints"]:
        parts += [_heading(text, "report.key_points"), _list_html(reference["keyPoints"])]
    return "\n".join([*parts, "</section>"])


def _integrity_html(report: dict, text: Text) -> str:
    if not report["integrityFlags"]:
        return ""
    return _block(text("report.integrity"), _list_html(integrity_items(report, text)))


def _rubric_html(report: dict, text: Text) -> str:
    """The dimensions, what each rewards and its weight, and the bands' edges."""
    rows = "".join(
        f'<tr><td>{escape(name)}</td><td>{escape(meaning)}</td><td class="score">{weight}</td></tr>'
        for name, meaning, weight in rubric_rows(report, text)
    )
    headings = "".join(
        f"<th>{escape(text(key))}</th>"
        for key in ("report.dimension", "report.rubric_meaning", "report.rubric_weight")
    )
    table = f"<table><tr>{headings}</tr>{rows}</table>"
    return _block(text("report.rubric_title"), table + _text_html(bands_line(report, text)))


def _block(title: str, content: str) -> str:
    """A heading and what it introduces, kept on one printed page."""
    return f'<section class="block"><h2>{escape(title)}</h2>{content}</section>'


_HTML_LANG = {"en": "en", "zh": "zh-CN"}


def report_html(report: dict, text: Text = ENGLISH, meta: dict | None = None) -> str:
    """A self-contained page: opens offline (plotly's JS inlined once), one card a printed page.

    meta may give the line under the title what the page shows: "track" (its title) and "date"
    (already formatted in the reader's timezone); by default the role id and the UTC time."""
    meta_values = meta or {}
    charts = [
        dimension_radar(report, text),
        question_scores_bar(report, text),
        category_scores_bar(report, text),
    ]
    references = {r["questionIndex"]: r for r in report["referenceAnswers"]}
    notes = review_views.question_notes(report, text)
    labels = question_labels(report["questionDetails"], text)
    name = report["candidateName"]
    summary = [
        (text("report.overall"), report["overallScore"]),
        (text("report.band"), band_label(report["band"], text)),
        (text("report.answered"), answered_line(report, text)),
    ]
    meta = text(
        "report.html_meta",
        track=meta_values.get("track") or report["role"],
        generated=meta_values.get("date") or generated_utc(report["generatedAt"]),
        evaluator=" ".join(
            part
            for part in (
                report["evaluator"]["name"],
                report["evaluator"]["version"],
                report["evaluator"]["model"],
            )
            if part
        ),
    )
    body = [
        f"<h1>{escape(text('report.html_heading', name=name))}</h1>",
        f'<p class="meta">{escape(meta)}</p>',
        '<div class="summary">'
        + "".join(
            f"<div>{escape(label)}<strong>{escape(str(v))}</strong></div>" for label, v in summary
        )
        + "</div>",
        _text_html(report["overallFeedback"]),
        review_views.review_html(report, text),
        _block(text("report.radar"), _chart_html(charts[0], with_plotly_js=True)),
        _block(text("report.per_question"), _chart_html(charts[1], with_plotly_js=False)),
        _block(text("report.per_category"), _chart_html(charts[2], with_plotly_js=False)),
        _block(text("report.strengths"), _list_html(report["strengths"])),
        _block(text("report.improvements"), _list_html(report["improvements"])),
        _integrity_html(report, text),
        _rubric_html(report, text),
        *(
            _card_html(
                d,
                labels[d["questionIndex"]],
                references.get(d["questionIndex"]),
                notes.get(d["questionIndex"]),
                text,
            )
            for d in report["questionDetails"]
        ),
    ]
    return (
        f'<!DOCTYPE html>\n<html lang="{_HTML_LANG[text.language]}">\n<head>\n'
        '<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(text('report.html_title', name=name))}</title>\n"
        f"<style>{_STYLE}</style>\n</head>\n"
        "<body>\n" + "\n".join(body) + "\n</body>\n</html>\n"
    )
