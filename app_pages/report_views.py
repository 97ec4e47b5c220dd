"""A report as charts and files: pure functions of the Report dict (API.md), no Streamlit.

Plotly and pandas are imported inside the functions that use them, so importing this module
costs nothing. The charts carry no candidate text (plotly reads labels as markup): questions are
labelled Q1, Q2…, and only the rubric's dimensions and the banks' categories appear by name.
"""

from __future__ import annotations

import json
from html import escape
from string import Template
from typing import TYPE_CHECKING

from interview.rubric import BANDS, band_of

if TYPE_CHECKING:
    import plotly.graph_objects as go

# One colour per band, red (poor) to green (excellent). Charts also print the scores and the
# band edges, so nothing depends on seeing the colour.
BAND_COLOURS: dict[str, str] = {
    "excellent": "#1B7F3B",
    "good": "#6DB56D",
    "pass": "#E3B505",
    "below bar": "#EF8A3C",
    "poor": "#C0392B",
}
RADAR_COLOUR = "#2F6FDE"  # the theme's primary colour (.streamlit/config.toml)

# Excel runs a cell starting with one of these as a formula (OWASP "CSV injection").
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_FONT = "system-ui, -apple-system, 'Segoe UI', 'Noto Sans', 'PingFang SC', sans-serif"
_EXPORT_WIDTH = 660  # fits an A4 page with 16 mm margins
_BAR_OUTLINE = {"color": "#333", "width": 1}
_RADAR_LINES = {"linecolor": "#888", "gridcolor": "#ccc", "tickfont": {"size": 9}}


def band_colour(score: int) -> str:
    return BAND_COLOURS[band_of(score)]


def dimension_label(dimension: str) -> str:
    """technical_depth -> Technical depth."""
    return dimension.replace("_", " ").capitalize()


def question_label(detail: dict) -> str:
    """Q1, Q2… by position, as the report's own feedback numbers them."""
    label = f"Q{detail['questionIndex'] + 1}"
    if detail["isFollowUp"]:
        label += f" (follow-up to Q{detail['parentQuestionIndex'] + 1})"
    return label


def _question_tick(detail: dict) -> str:
    return f"Q{detail['questionIndex'] + 1}" + (" ↪" if detail["isFollowUp"] else "")


def score_and_band(score: int) -> str:
    return f"{score} · {band_of(score)}"


def dimension_radar(report: dict) -> go.Figure:
    """The seven rubric dimensions, each 0-100, as a closed radar."""
    import plotly.graph_objects as go

    scores = report["dimensionScores"]
    figure = go.Figure(
        go.Scatterpolar(
            r=[s["score"] for s in scores],
            # Two-word names on two lines, so the side labels fit beside a larger radar.
            theta=[dimension_label(s["dimension"]).replace(" ", "<br>") for s in scores],
            fill="toself",
            line={"color": RADAR_COLOUR, "width": 2},
            marker={"size": 7},
            hovertemplate="%{theta}<br>%{r}<extra></extra>",
            name="Dimension score",
        )
    )
    figure.update_layout(
        polar={
            # The first dimension at twelve o'clock, read clockwise like the rubric's table.
            "angularaxis": {"rotation": 90, "direction": "clockwise", **_RADAR_LINES},
            "radialaxis": {"range": [0, 100], "tickvals": [25, 50, 75], **_RADAR_LINES},
        },
        showlegend=False,
        margin={"l": 80, "r": 80, "t": 30, "b": 30},
        height=340,
    )
    return figure


def question_scores_bar(report: dict) -> go.Figure:
    """One bar per question, coloured by its band, with the band edges drawn across."""
    import plotly.graph_objects as go

    details = report["questionDetails"]
    scores = [d["score"] for d in details]
    figure = go.Figure(
        go.Bar(
            x=[_question_tick(d) for d in details],
            y=scores,
            marker={"color": [band_colour(s) for s in scores], "line": _BAR_OUTLINE},
            text=scores,
            textposition="outside",
            customdata=[[question_label(d), d["category"], band_of(d["score"])] for d in details],
            hovertemplate="%{customdata[0]}<br>%{customdata[1]}<br>"
            "Score %{y} · %{customdata[2]}<extra></extra>",
        )
    )
    for edge, band in BANDS:
        if edge > 0:
            figure.add_hline(
                y=edge,
                line={"dash": "dot", "width": 1, "color": "#888"},
                annotation={"text": band, "font": {"size": 11, "color": "#555"}},
                annotation_position="top right",
            )
    figure.update_layout(
        yaxis={
            "range": [0, 108],
            "title": "Score",
            "tickvals": sorted({100, *(edge for edge, _ in BANDS)}),
        },
        xaxis={"type": "category"},
        showlegend=False,
        margin={"l": 50, "r": 20, "t": 20, "b": 40},
        height=340,
    )
    return figure


def category_scores_bar(report: dict) -> go.Figure:
    """The score of each category, as horizontal bars coloured by band."""
    import plotly.graph_objects as go

    categories = report["categoryScores"]
    scores = [c["score"] for c in categories]
    figure = go.Figure(
        go.Bar(
            y=[c["category"] for c in categories],
            x=scores,
            orientation="h",
            marker={"color": [band_colour(s) for s in scores], "line": _BAR_OUTLINE},
            text=[score_and_band(s) for s in scores],
            textposition="outside",
            customdata=[c["questionCount"] for c in categories],
            hovertemplate="%{y}: %{x} (%{customdata} questions)<extra></extra>",
        )
    )
    figure.update_layout(
        xaxis={"range": [0, 125], "tickvals": [0, 20, 40, 60, 80, 100], "title": "Score"},
        yaxis={"autorange": "reversed"},  # the report's order, top to bottom
        showlegend=False,
        margin={"l": 20, "r": 20, "t": 20, "b": 40},
        height=120 + 40 * len(categories),
    )
    return figure


def report_json(report: dict) -> str:
    """The API's report as is."""
    return json.dumps(report, ensure_ascii=False, indent=2)


def _defused(cell: str | None) -> str | None:
    """A text cell Excel would read as a formula gets a leading quote, so it stays text."""
    if cell and cell.startswith(_FORMULA_STARTS):
        return "'" + cell
    return cell


def _csv_columns(dimensions: list[str]) -> list[str]:
    leading = ["questionIndex", "question", "category", "isFollowUp", "parentQuestionIndex"]
    return [*leading, "score", *dimensions, "feedback", "userAnswer"]


def _csv_row(detail: dict, dimensions: list[str]) -> dict:
    scores = {d["dimension"]: d["score"] for d in detail["dimensions"]}
    return {
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
    rows = [_csv_row(detail, dimensions) for detail in report["questionDetails"]]
    frame = pd.DataFrame(rows, columns=_csv_columns(dimensions))
    # Missing numbers (no parent, an unanswered question's dimensions) stay blank, not "0.0".
    integers = ["questionIndex", "parentQuestionIndex", "score", *dimensions]
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


def _dimensions_html(dimensions: list[dict]) -> str:
    if not dimensions:
        return ""
    rows = "".join(
        f"<tr><td>{escape(dimension_label(d['dimension']))}</td>"
        f'<td class="score">{d["score"]}</td><td>{escape(d["evidence"])}</td></tr>'
        for d in dimensions
    )
    return f"<table><tr><th>Dimension</th><th>Score</th><th>Evidence</th></tr>{rows}</table>"


def _card_html(detail: dict, reference: dict | None) -> str:
    """One question: everything the page's expander shows, candidate text escaped."""
    parts = [
        f'<section class="card" style="--band: {band_colour(detail["score"])}">',
        f"<h3><span>{escape(question_label(detail))} · {escape(detail['category'])}</span>"
        f"<span>{escape(score_and_band(detail['score']))}</span></h3>",
        "<h4>Question</h4>",
        _text_html(detail["question"]),
        "<h4>Your answer</h4>",
        _text_html(detail["userAnswer"] or "Not answered.", "text answer"),
        _dimensions_html(detail["dimensions"]),
        "<h4>Feedback</h4>",
        _text_html(detail["feedback"]),
    ]
    if reference and reference["referenceAnswer"]:
        parts += ["<h4>Reference answer</h4>", _text_html(reference["referenceAnswer"])]
    if reference and reference["keyPoints"]:
        parts += ["<h4>Key points</h4>", _list_html(reference["keyPoints"])]
    return "\n".join([*parts, "</section>"])


def _integrity_html(flags: list[dict]) -> str:
    if not flags:
        return ""
    items = [f"Q{f['questionIndex'] + 1}: {f['detail']}" for f in flags]
    return _block("Integrity flags", _list_html(items))


def _block(title: str, content: str) -> str:
    """A heading and what it introduces, kept on one printed page."""
    return f'<section class="block"><h2>{escape(title)}</h2>{content}</section>'


def report_html(report: dict) -> str:
    """A self-contained page: opens offline (plotly's JS inlined once), one card a printed page."""
    charts = [dimension_radar(report), question_scores_bar(report), category_scores_bar(report)]
    references = {r["questionIndex"]: r for r in report["referenceAnswers"]}
    name = escape(report["candidateName"])
    summary = [
        ("Overall score", report["overallScore"]),
        ("Band", report["band"]),
        ("Answered", f"{report['answeredCount']} of {report['totalQuestions']}"),
    ]
    body = [
        f"<h1>Interview report: {name}</h1>",
        f'<p class="meta">Track {escape(report["role"])}'
        f" · generated {escape(report['generatedAt'])}"
        f" · evaluator {escape(report['evaluator']['name'])}</p>",
        '<div class="summary">'
        + "".join(f"<div>{label}<strong>{escape(str(v))}</strong></div>" for label, v in summary)
        + "</div>",
        _text_html(report["overallFeedback"]),
        _block("Rubric dimensions", _chart_html(charts[0], with_plotly_js=True)),
        _block("Score per question", _chart_html(charts[1], with_plotly_js=False)),
        _block("Score per category", _chart_html(charts[2], with_plotly_js=False)),
        _block("Strengths", _list_html(report["strengths"])),
        _block("To improve", _list_html(report["improvements"])),
        _integrity_html(report["integrityFlags"]),
        *(_card_html(d, references.get(d["questionIndex"])) for d in report["questionDetails"]),
    ]
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>Rehearse report: {name}</title>\n<style>{_STYLE}</style>\n</head>\n"
        "<body>\n" + "\n".join(body) + "\n</body>\n</html>\n"
    )
