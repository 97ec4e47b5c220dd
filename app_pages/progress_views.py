"""The progress page's data: who the candidate is, a row per session, and score trends over time.

Pure functions of what the API returns, so they are tested without Streamlit.
"""

from collections.abc import Mapping
from datetime import tzinfo

import pandas as pd

from app_pages import track_views
from app_pages.text import Text
from app_pages.times import local_time
from interview.scoring.rubric import DIMENSION_NAMES

UNFINISHED = ("CREATED", "IN_PROGRESS")
NO_SCORE = "—"
MIN_REPORTS_FOR_TRENDS = 2
# Columns of the score history: when a session finished, its overall score, then each dimension.
WHEN = "when"
OVERALL = "overall"


def is_unfinished(session: Mapping) -> bool:
    return session["status"] in UNFINISHED


def track_titles(roles: list[dict], text: Text) -> dict[str, str]:
    """Each track's title in the reader's language (the catalogue's), else the bank's own."""
    return {"custom": text("progress.custom_track")} | {
        role["id"]: track_views.track_text(role, "title", text) for role in roles
    }


def status_label(status: str, text: Text) -> str:
    key = f"progress.status_label.{status}"
    return text(key) if text.has(key) else status


def session_row(
    session: Mapping, titles: Mapping[str, str], zone: tzinfo, text: Text
) -> dict[str, str]:
    """One line of the sessions table, in words a candidate reads."""
    score = session["overallScore"]
    created = local_time(session["createdAt"], zone)
    return {
        "date": created.strftime(text("progress.date_format")),
        "track": titles.get(session["role"], session["role"]),
        "status": status_label(session["status"], text),
        "score": NO_SCORE if score is None else str(score),
    }


def score_history(sessions: list[dict], reports: Mapping[str, dict], zone: tzinfo) -> pd.DataFrame:
    """One row per reported session, oldest first: when it finished, its overall and dimensions."""
    rows = []
    for session in sessions:
        report = reports.get(session["sessionId"])
        if report is None:
            continue
        dimensions = {d["dimension"]: d["score"] for d in report["dimensionScores"]}
        finished = session["completedAt"] or session["createdAt"]
        rows.append(
            {WHEN: local_time(finished, zone), OVERALL: report["overallScore"]}
            | {name: dimensions.get(name) for name in DIMENSION_NAMES}
        )
    columns = [WHEN, OVERALL, *DIMENSION_NAMES]
    history = pd.DataFrame(rows, columns=columns)
    return history.sort_values(WHEN, kind="stable").reset_index(drop=True)


def has_trend(history: pd.DataFrame) -> bool:
    return len(history) >= MIN_REPORTS_FOR_TRENDS


def _trend_figure(history: pd.DataFrame, lines: dict[str, str], title: str, text: Text):
    """One line per column of `history` named in `lines` (column -> the line's label)."""
    # Imported here: plotly is slow to import and only this page's charts need it.
    import plotly.graph_objects as go

    when = history[WHEN].tolist()
    figure = go.Figure(
        [
            go.Scatter(x=when, y=history[column].tolist(), name=label, mode="lines+markers")
            for column, label in lines.items()
        ]
    )
    figure.update_layout(
        title=title,
        yaxis={"range": [0, 100], "title": text("progress.axis_score")},
        xaxis={"title": text("progress.axis_finished")},
        # The legend sits above the plot: below it, it collides with the axis title when the
        # dates take two lines of ticks.
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
        margin={"t": 96, "l": 8, "r": 8},
        height=340,
        hovermode="x unified",
    )
    return figure


def overall_trend_figure(history: pd.DataFrame, text: Text):
    """Overall score of each reported interview, in the order they finished."""
    lines = {OVERALL: text("progress.overall_series")}
    figure = _trend_figure(history, lines, text("progress.overall"), text)
    figure.update_layout(showlegend=False)
    return figure


def dimension_trend_figure(history: pd.DataFrame, text: Text):
    """One line per rubric dimension across the reported interviews."""
    lines = {name: text(f"dimension.{name}") for name in DIMENSION_NAMES}
    return _trend_figure(history, lines, text("progress.by_dimension"), text)
