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

from app_pages import review_views
from app_pages.text import Text
from interview.scoring.rubric import BANDS, band_of

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


ENGLISH = Text("en")


def band_colour(score: int) -> str:
    return BAND_COLOURS[band_of(score)]


def band_label(band: str, text: Text = ENGLISH) -> str:
    """A band's name (API.md's "below bar" is the catalogue's band.below_bar)."""
    return text(f"band.{band.replace(' ', '_')}")


def dimension_label(dimension: str, text: Text = ENGLISH) -> str:
    """technical_depth -> Technical depth."""
    return text(f"dimension.{dimension}")


def question_label(detail: dict, text: Text = ENGLISH) -> str:
    """Q1, Q2… by position, as the report's own feedback numbers them."""
    number = detail["questionIndex"] + 1
    if detail["isFollowUp"]:
        parent = detail["parentQuestionIndex"] + 1
        return text("report.follow_up_label", number=number, parent=parent)
    return text("report.question_label", number=number)


def _question_tick(detail: dict) -> str:
    # Axis ticks stay short in every language: Q3, and Q4 ↪ for a follow-up.
    return f"Q{detail['questionIndex'] + 1}" + (" ↪" if detail["isFollowUp"] else "")


def score_and_band(score: int, text: Text = ENGLISH) -> str:
    return f"{score} · {band_label(band_of(score), text)}"


def dimension_radar(report: dict, text: Text = ENGLISH) -> go.Figure:
    """The seven rubric dimensions, each 0-100, as a closed radar."""
    import plotly.graph_objects as go

    scores = report["dimensionScores"]
    figure = go.Figure(
        go.Scatterpolar(
            r=[s["score"] for s in scores],
            # Two-word names on two lines, so the side labels fit beside a larger radar.
            theta=[dimension_label(s["dimension"], text).replace(" ", "<br>") for s in scores],
            fill="toself",
            line={"color": RADAR_COLOUR, "width": 2},
            marker={"size": 7},
            hovertemplate="%{theta}<br>%{r}<extra></extra>",
            name=text("report.radar"),
        )
    )
    figure.update_layout(
        polar={
            # The first dimension at twelve o'clock, read clockwise like the rubric's table.
            "angularaxis": {"rotation": 90, "direction": "clockwise", **_RADAR_LINES},
            # The scale's numbers run between the first two spokes, not along one of them.
            "radialaxis": {
                "range": [0, 100],
                "tickvals": [25, 50, 75],
                "angle": 90 - 180 / len(scores),
                **_RADAR_LINES,
            },
        },
        showlegend=False,
        margin={"l": 80, "r": 80, "t": 30, "b": 30},
        height=340,
    )
    return figure


def question_scores_bar(report: dict, text: Text = ENGLISH) -> go.Figure:
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
            customdata=[[question_label(d, text), d["category"]] for d in details],
            hovertext=[
                text("report.chart_hover_question", score=s, band=band_label(band_of(s), text))
                for s in scores
            ],
            hovertemplate="%{customdata[0]}<br>%{customdata[1]}<br>%{hovertext}<extra></extra>",
        )
    )
    for edge, band in BANDS:
        if edge > 0:
            figure.add_hline(
                y=edge,
                line={"dash": "dot", "width": 1, "color": "#888"},
                annotation={"text": band_label(band, text), "font": {"size": 11, "color": "#555"}},
                annotation_position="top right",
            )
    figure.update_layout(
        yaxis={
            "range": [0, 108],
            "title": text("report.chart_score"),
            "tickvals": sorted({100, *(edge for edge, _ in BANDS)}),
        },
        xaxis={"type": "category"},
        showlegend=False,
        margin={"l": 50, "r": 20, "t": 20, "b": 40},
        height=340,
    )
    return figure


def category_scores_bar(report: dict, text: Text = ENGLISH) -> go.Figure:
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
            text=[score_and_band(s, text) for s in scores],
            textposition="outside",
            hovertext=[
                text("report.chart_hover_category", questions=c["questionCount"])
                for c in categories
            ],
            hovertemplate="%{y}: %{x} (%{hovertext})<extra></extra>",
        )
    )
    figure.update_layout(
        xaxis={
            "range": [0, 125],
            "tickvals": [0, 20, 40, 60, 80, 100],
            "title": text("report.chart_score"),
        },
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


def _csv_columns(dimensions: list[str], reviewed: bool) -> list[str]:
    leading = ["questionIndex", "question", "category", "isFollowUp", "parentQuestionIndex"]
    coach = ["aiScore", "coachNotes"] if reviewed else []
    return [*leading, "score", *coach, *dimensions, "feedback", "userAnswer"]


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
    reviewed = review_views.has_review(report)
    ai, notes = review_views.ai_scores(report), review_views.question_notes(report, ENGLISH)
    rows = [_csv_row(detail, dimensions) for detail in report["questionDetails"]]
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


def _card_html(detail: dict, reference: dict | None, notes: list[str], text: Text) -> str:
    """One question: everything the page's expander shows, candidate text escaped."""
    answer = detail["userAnswer"] or text("common.not_answered")
    parts = [
        f'<section class="card" style="--band: {band_colour(detail["score"])}">',
        f"<h3><span>{escape(question_label(detail, text))} · {escape(detail['category'])}</span>"
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


def integrity_items(flags: list[dict]) -> list[str]:
    """One line per integrity flag: "Q3: <what was seen>"."""
    return [f"Q{flag['questionIndex'] + 1}: {flag['detail']}" for flag in flags]


def _integrity_html(flags: list[dict], text: Text) -> str:
    if not flags:
        return ""
    return _block(text("report.integrity"), _list_html(integrity_items(flags)))


def _block(title: str, content: str) -> str:
    """A heading and what it introduces, kept on one printed page."""
    return f'<section class="block"><h2>{escape(title)}</h2>{content}</section>'


_HTML_LANG = {"en": "en", "zh": "zh-CN"}


def report_html(report: dict, text: Text = ENGLISH) -> str:
    """A self-contained page: opens offline (plotly's JS inlined once), one card a printed page."""
    charts = [
        dimension_radar(report, text),
        question_scores_bar(report, text),
        category_scores_bar(report, text),
    ]
    references = {r["questionIndex"]: r for r in report["referenceAnswers"]}
    notes = review_views.question_notes(report, text)
    name = report["candidateName"]
    answered = text(
        "report.answered_of", answered=report["answeredCount"], total=report["totalQuestions"]
    )
    summary = [
        (text("report.overall"), report["overallScore"]),
        (text("report.band"), band_label(report["band"], text)),
        (text("report.answered"), answered),
    ]
    meta = text(
        "report.html_meta",
        track=report["role"],
        generated=report["generatedAt"],
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
        _integrity_html(report["integrityFlags"], text),
        *(
            _card_html(d, references.get(d["questionIndex"]), notes.get(d["questionIndex"]), text)
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
