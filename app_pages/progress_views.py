"""The progress page's data: who the candidate is, a row per session, and score trends over time.

Pure functions of what the API returns, so they are tested without Streamlit.
"""

from collections.abc import Mapping
from datetime import UTC, datetime, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pandas as pd

from interview.rubric import DIMENSION_NAMES

SINGLE_USER = (
    "Sign-in isn't set up on this install, so it is single-user: this page lists every "
    "interview practised on this machine."
)
NO_IDENTITY = "Your sign-in didn't share an email or a name, so we can't find your interviews."
NO_SESSIONS = "No interviews yet. Start one and it will appear here, with your scores over time."
TRENDS_LATER = "Trends appear after two reports. Finish another interview to see how you're doing."

UNFINISHED = ("CREATED", "IN_PROGRESS")
STATUS_LABELS = {
    "CREATED": "Not started",
    "IN_PROGRESS": "In progress",
    "COMPLETED": "Finished",
    "EVALUATED": "Report ready",
}
CUSTOM_TRACK = "Custom questions"
NO_SCORE = "—"
MIN_REPORTS_FOR_TRENDS = 2
WHEN = "Finished"
OVERALL = "Overall"


def signed_in_candidate(user: Mapping) -> str | None:
    """The name sessions are kept under for a signed-in user: their email, else their name."""
    if not user.get("is_logged_in", False):
        return None
    return user.get("email") or user.get("name") or None


def browser_timezone(name: str | None) -> tzinfo:
    """The browser's timezone when it told us a valid one, else UTC."""
    try:
        return ZoneInfo(name) if name else UTC
    except (ZoneInfoNotFoundError, ValueError):
        return UTC


def local_time(moment: str, zone: tzinfo) -> datetime:
    return datetime.fromisoformat(moment).astimezone(zone)


def is_unfinished(session: Mapping) -> bool:
    return session["status"] in UNFINISHED


def track_titles(roles: list[dict]) -> dict[str, str]:
    return {"custom": CUSTOM_TRACK} | {role["id"]: role["title"] for role in roles}


def session_row(session: Mapping, titles: Mapping[str, str], zone: tzinfo) -> dict[str, str]:
    """One line of the sessions table, in words a candidate reads."""
    score = session["overallScore"]
    return {
        "date": f"{local_time(session['createdAt'], zone):%d %b %Y, %H:%M}",
        "track": titles.get(session["role"], session["role"]),
        "status": STATUS_LABELS.get(session["status"], session["status"]),
        "score": NO_SCORE if score is None else str(score),
    }


def dimension_label(dimension: str) -> str:
    return dimension.replace("_", " ").capitalize()


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
            | {dimension_label(name): dimensions.get(name) for name in DIMENSION_NAMES}
        )
    columns = [WHEN, OVERALL, *map(dimension_label, DIMENSION_NAMES)]
    history = pd.DataFrame(rows, columns=columns)
    return history.sort_values(WHEN, kind="stable").reset_index(drop=True)


def has_trend(history: pd.DataFrame) -> bool:
    return len(history) >= MIN_REPORTS_FOR_TRENDS


def _trend_figure(history: pd.DataFrame, columns: list[str], title: str):
    # Imported here: plotly is slow to import and only this page's charts need it.
    import plotly.graph_objects as go

    when = history[WHEN].tolist()
    figure = go.Figure(
        [
            go.Scatter(x=when, y=history[column].tolist(), name=column, mode="lines+markers")
            for column in columns
        ]
    )
    figure.update_layout(
        title=title,
        yaxis={"range": [0, 100], "title": "Score"},
        xaxis={"title": "Interview finished"},
        legend={"orientation": "h", "y": -0.25},
        margin={"t": 48, "l": 8, "r": 8},
        height=340,
        hovermode="x unified",
    )
    return figure


def overall_trend_figure(history: pd.DataFrame):
    """Overall score of each reported interview, in the order they finished."""
    figure = _trend_figure(history, [OVERALL], "Overall score")
    figure.update_layout(showlegend=False)
    return figure


def dimension_trend_figure(history: pd.DataFrame):
    """One line per rubric dimension across the reported interviews."""
    return _trend_figure(history, [dimension_label(n) for n in DIMENSION_NAMES], "By dimension")
