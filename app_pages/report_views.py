"""A report as charts and labels: pure functions of the Report dict (API.md), no Streamlit.

Plotly is imported inside the functions that use it, so importing this module costs nothing.
The charts carry no candidate text (plotly reads labels as markup): questions are labelled as
the interview numbered them (Q2, Q2 follow-up), and only the rubric's dimensions and the banks'
categories appear by name. The report's files are report_files.py.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from app_pages.text import Text
from interview.questions import numbering
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


def question_labels(details: list[dict], text: Text = ENGLISH) -> dict[int, str]:
    """questionIndex -> the question as the interview numbered it: "Q2", "Q2 follow-up"."""
    return numbering.labels(
        ((d["questionIndex"], d["isFollowUp"], d["parentQuestionIndex"]) for d in details),
        text.language,
    )


def rubric_rows(report: dict, text: Text = ENGLISH) -> list[tuple[str, str, str]]:
    """(dimension, what it rewards, its weight as a percentage), as the report was scored."""
    return [
        (
            dimension_label(row["dimension"], text),
            text(f"rubric.{row['dimension']}"),
            f"{round(row['weight'] * 100)}%",
        )
        for row in report["rubric"]
    ]


def bands_line(report: dict, text: Text = ENGLISH) -> str:
    """How the scores add up, and "Bands: excellent 90-100, good 75-89, ..." from the rubric's
    edges; unanswered questions are mentioned only when there are some."""
    edges = [edge for edge, _ in BANDS]
    uppers = [100] + [edge - 1 for edge in edges[:-1]]
    parts = [
        text("report.band_range", band=band_label(name, text), low=edge, high=upper)
        for (edge, name), upper in zip(BANDS, uppers, strict=True)
    ]
    unanswered = any(not d["dimensions"] for d in report["questionDetails"])
    key = "report.bands_line_unanswered" if unanswered else "report.bands_line"
    return text(key, bands=text("report.band_separator").join(parts))


def generated_utc(moment: str | None) -> str:
    """An ISO time as "2026-05-01 14:05 UTC"."""
    from datetime import UTC, datetime

    try:
        parsed = datetime.fromisoformat(str(moment))
    except ValueError:
        return str(moment or "")
    if parsed.utcoffset() is not None:
        parsed = parsed.astimezone(UTC)
    return parsed.strftime("%Y-%m-%d %H:%M UTC")


def answered_mains(report: dict, text: Text = ENGLISH) -> str:
    """ "4 of 5": main questions answered, counted as the interview showed them."""
    mains = [d for d in report["questionDetails"] if not d["isFollowUp"]]
    return text(
        "report.answered_of",
        answered=sum(bool(d["dimensions"]) for d in mains),
        total=len(mains),
    )


def answered_follow_ups(report: dict, text: Text = ENGLISH) -> str:
    """ "Follow-ups: 3 of 3", or "" when the interview asked none."""
    follow_ups = [d for d in report["questionDetails"] if d["isFollowUp"]]
    if not follow_ups:
        return ""
    return text(
        "report.answered_follow_ups",
        answered=sum(bool(d["dimensions"]) for d in follow_ups),
        total=len(follow_ups),
    )


def answered_line(report: dict, text: Text = ENGLISH) -> str:
    """ "4 of 5 · Follow-ups: 3 of 3" for files, where one line holds both counts."""
    mains = answered_mains(report, text)
    if follow_ups := answered_follow_ups(report, text):
        return mains + text("report.answered_separator") + follow_ups
    return mains


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
    labels = question_labels(details, text)
    scores = [d["score"] for d in details]
    figure = go.Figure(
        go.Bar(
            x=[labels[d["questionIndex"]] for d in details],
            y=scores,
            marker={"color": [band_colour(s) for s in scores], "line": _BAR_OUTLINE},
            text=scores,
            textposition="outside",
            customdata=[[labels[d["questionIndex"]], d["category"]] for d in details],
            hovertext=[
                text("report.chart_hover_question", score=s, band=band_label(band_of(s), text))
                for s in scores
            ],
            hovertemplate="%{customdata[0]}<br>%{customdata[1]}<br>%{hovertext}<extra></extra>",
        )
    )
    for edge, band in BANDS:
        if edge > 0:
            figure.add_hline(y=edge, line={"dash": "dot", "width": 1, "color": "#888"})
            # In the right margin, beside its line: drawn inside the plot it covered the last bar.
            figure.add_annotation(
                x=1.01,
                xref="paper",
                y=edge,
                xanchor="left",
                yanchor="bottom",
                showarrow=False,
                text=band_label(band, text),
                font={"size": 11, "color": "#555"},
            )
    figure.update_layout(
        yaxis={
            "range": [0, 108],
            "title": text("report.chart_score"),
            "tickvals": sorted({100, *(edge for edge, _ in BANDS)}),
        },
        xaxis={"type": "category"},
        showlegend=False,
        margin={"l": 50, "r": 80, "t": 20, "b": 40},
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


def integrity_items(report: dict, text: Text = ENGLISH) -> list[str]:
    """One line per integrity flag: "Q3: <what was seen>"."""
    labels = question_labels(report["questionDetails"], text)
    flags = report["integrityFlags"]
    return [f"{labels[flag['questionIndex']]}: {flag['detail']}" for flag in flags]
