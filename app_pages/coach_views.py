"""The coach pages' tables, charts and files: pure functions of what InterviewAPI.coach returns.

No Streamlit here, so each is tested on its own. pandas and plotly are imported inside the
functions that use them: importing this module costs nothing.
"""

from __future__ import annotations

import csv
import difflib
import io
import re
from datetime import tzinfo
from typing import TYPE_CHECKING

from app_pages.progress_views import local_time, status_label
from app_pages.report_views import band_label, dimension_label
from app_pages.text import Text

if TYPE_CHECKING:
    import pandas as pd
    import plotly.graph_objects as go

NO_VALUE = "—"
HEATMAP_CANDIDATES = 40  # more rows than this are unreadable: the filters narrow them
CSV_COLUMNS = (
    "candidateName",
    "role",
    "status",
    "overallScore",
    "aiOverallScore",
    "band",
    "createdAt",
    "completedAt",
    "durationSeconds",
    "integrityFlags",
    "isSample",
)
_WORDS = re.compile(r"\S+|\s+")


def duration_label(seconds: int | None) -> str:
    """ "12 min", "1 h 05 min", or a dash for an unfinished session."""
    if seconds is None:
        return NO_VALUE
    minutes = round(seconds / 60)
    if minutes < 60:
        return f"{minutes} min"
    return f"{minutes // 60} h {minutes % 60:02d} min"


def sessions_frame(rows: list[dict], titles: dict, zone: tzinfo, text: Text) -> pd.DataFrame:
    """One row per session, in words, for the dashboard's table (no session ids)."""
    import pandas as pd

    def when(moment: str | None) -> str:
        if moment is None:
            return NO_VALUE
        return local_time(moment, zone).strftime(text("progress.date_format"))

    records = [
        {
            text("coach.column_candidate"): row["candidateName"]
            + (f" ({text('coach.sample_mark')})" if row["isSample"] else ""),
            text("coach.column_track"): titles.get(row["role"], row["role"]),
            text("coach.column_status"): status_label(row["status"], text),
            text("coach.column_overall"): row["overallScore"],
            text("coach.column_band"): band_label(row["band"], text) if row["band"] else NO_VALUE,
            text("coach.column_started"): when(row["createdAt"]),
            text("coach.column_finished"): when(row["completedAt"]),
            text("coach.column_duration"): duration_label(row["durationSeconds"]),
            text("coach.column_flags"): row["integrityFlags"],
        }
        for row in rows
    ]
    columns = [
        text(f"coach.column_{name}")
        for name in (
            "candidate",
            "track",
            "status",
            "overall",
            "band",
            "started",
            "finished",
            "duration",
            "flags",
        )
    ]
    return pd.DataFrame.from_records(records, columns=columns)


def row_label(row: dict, titles: dict, zone: tzinfo, text: Text) -> str:
    """A session in one line, to pick it: candidate, track, when it started, its score."""
    started = local_time(row["createdAt"], zone).strftime(text("progress.date_format"))
    score = NO_VALUE if row["overallScore"] is None else row["overallScore"]
    track = titles.get(row["role"], row["role"])
    return f"{row['candidateName']} · {track} · {started} · {score}"


def sessions_csv(rows: list[dict]) -> bytes:
    """Every exported session as CSV (UTF-8 with a BOM, for spreadsheets), formulas defused."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        writer.writerow([_cell(row[column]) for column in CSV_COLUMNS])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _cell(value: object) -> object:
    # A cell starting = + - @ would run as a formula in a spreadsheet (names are typed by anyone).
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return "" if value is None else value


def score_histogram(scores: list[int], text: Text) -> go.Figure:
    import plotly.graph_objects as go

    figure = go.Figure(
        go.Histogram(
            x=scores, xbins={"start": 0, "end": 100.01, "size": 10}, marker_color="#2F6FDE"
        )
    )
    figure.update_layout(
        xaxis_title=text("coach.axis_overall"),
        yaxis_title=text("coach.axis_sessions"),
        xaxis_range=[0, 100],
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        height=280,
        bargap=0.05,
    )
    return figure


def heatmap_figure(heatmap: dict, text: Text) -> go.Figure:
    """Candidates x rubric dimensions, each cell a candidate's mean score (numbers printed)."""
    import plotly.graph_objects as go

    candidates = heatmap["candidates"][:HEATMAP_CANDIDATES]
    scores = heatmap["scores"][:HEATMAP_CANDIDATES]
    labels = [dimension_label(name, text) for name in heatmap["dimensions"]]
    figure = go.Figure(
        go.Heatmap(
            z=scores,
            x=labels,
            y=candidates,
            zmin=0,
            zmax=100,
            colorscale="Blues",
            text=[["" if v is None else str(v) for v in row] for row in scores],
            texttemplate="%{text}",
            hovertemplate="%{y} · %{x}: %{z}<extra></extra>",
        )
    )
    figure.update_layout(
        height=120 + 28 * len(candidates),
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        yaxis={"autorange": "reversed"},
    )
    return figure


def trend_figure(points: list[dict], zone: tzinfo, text: Text) -> go.Figure:
    import plotly.graph_objects as go

    figure = go.Figure(
        go.Scatter(
            x=[local_time(point["at"], zone) for point in points],
            y=[point["score"] for point in points],
            mode="lines+markers",
            line_color="#2F6FDE",
        )
    )
    figure.update_layout(
        yaxis_range=[0, 100],
        yaxis_title=text("coach.axis_overall"),
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        height=260,
    )
    return figure


def calibration_frame(figures: dict, text: Text) -> pd.DataFrame:
    import pandas as pd

    return pd.DataFrame.from_records(
        [
            {
                text("coach.column_dimension"): dimension_label(row["dimension"], text),
                text("coach.column_pairs"): row["pairs"],
                text("coach.column_mad"): _figure(row["meanAbsoluteDifference"], "{:.1f}"),
                text("coach.column_correlation"): _figure(row["correlation"], "{:+.2f}"),
            }
            for row in figures["dimensions"]
        ]
    )


def _figure(value: float | None, template: str) -> str:
    """A figure as the table prints it; a dash where it is not defined (too few scores)."""
    return NO_VALUE if value is None else template.format(value)


def calibration_trend(months: list[dict], text: Text) -> go.Figure:
    import plotly.graph_objects as go

    figure = go.Figure(
        go.Scatter(
            x=[month["month"] for month in months],
            y=[month["meanAbsoluteDifference"] for month in months],
            mode="lines+markers",
            line_color="#2F6FDE",
        )
    )
    figure.update_layout(
        yaxis_title=text("coach.column_mad"),
        yaxis_rangemode="tozero",
        xaxis_type="category",  # one point per month: "2026-05", never a time of day
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        height=260,
    )
    return figure


def question_labels(questions: list[dict], text: Text) -> dict[int, str]:
    """Each question as the candidate saw it numbered: "Question 2 of 5", "Follow-up to Q2"."""
    mains = [q for q in questions if not q["isFollowUp"]]
    number = {q["questionIndex"]: n for n, q in enumerate(mains, start=1)}
    labels = {}
    for q in questions:
        if q["isFollowUp"]:
            parent = number.get(q["parentQuestionIndex"], "?")
            labels[q["questionIndex"]] = text("coach.follow_up_label", number=parent)
        else:
            labels[q["questionIndex"]] = text(
                "coach.question_label", number=number[q["questionIndex"]], total=len(mains)
            )
    return labels


def seconds_per_question(created_at: str, revisions: list[dict]) -> dict[int, int]:
    """Time each answer took: from the previous submit (or the start) to its own submit."""
    from datetime import datetime

    submits = sorted((r for r in revisions if r["kind"] == "submit"), key=lambda r: r["savedAt"])
    previous = datetime.fromisoformat(created_at)
    spent = {}
    for revision in submits:
        moment = datetime.fromisoformat(revision["savedAt"])
        spent.setdefault(
            revision["questionIndex"], max(0, round((moment - previous).total_seconds()))
        )
        previous = moment
    return spent


def revision_diff(before: str, after: str) -> str:
    """What changed between two saved versions of an answer, a line per change:
    "- removed words" and "+ added words" (plain text, shown as a diff block)."""
    old, new = _WORDS.findall(before), _WORDS.findall(after)
    lines = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag in ("delete", "replace") and "".join(old[i1:i2]).strip():
            lines.append("- " + " ".join("".join(old[i1:i2]).split()))
        if tag in ("insert", "replace") and "".join(new[j1:j2]).strip():
            lines.append("+ " + " ".join("".join(new[j1:j2]).split()))
    return "\n".join(lines)


def seconds_between(start: str, end: str) -> int:
    from datetime import datetime

    elapsed = datetime.fromisoformat(end) - datetime.fromisoformat(start)
    return max(0, round(elapsed.total_seconds()))


def dimension_frame(dimensions: list[dict], text: Text) -> pd.DataFrame:
    """A question's dimensions: the AI's score, the final one (a coach's where overridden),
    and the evidence quoted from the answer."""
    import pandas as pd

    return pd.DataFrame.from_records(
        [
            {
                text("coach.column_dimension"): dimension_label(d["dimension"], text),
                text("review.column_ai"): d.get("aiScore", d["score"]),
                text("review.column_final"): d["score"],
                text("review.column_evidence"): d["evidence"],
            }
            for d in dimensions
        ]
    )


def activity_frame(actions: list[dict], zone: tzinfo, text: Text) -> pd.DataFrame:
    """The record of coach actions in words; a session shows as its first characters only."""
    import pandas as pd

    def action_label(action: str) -> str:
        key = f"activity.action_{action}"
        return text(key) if text.has(key) else action

    return pd.DataFrame.from_records(
        [
            {
                text("activity.column_when"): local_time(item["at"], zone).strftime(
                    text("review.time_format")
                ),
                text("activity.column_who"): item["actor"],
                text("activity.column_what"): action_label(item["action"]),
                text("activity.column_session"): (item["sessionId"] or "")[:6],
                text("activity.column_detail"): _detail(item["detail"]),
            }
            for item in actions
        ]
    )


def _detail(detail: dict) -> str:
    return ", ".join(f"{name}: {value}" for name, value in (detail or {}).items())


def assignment_line(assignment: dict, zone: tzinfo, text: Text) -> str:
    """The set, the due date, and how many candidates are at each step."""
    counts = assignment["counts"]
    due = (
        local_time(assignment["dueAt"], zone).strftime(text("progress.date_format"))
        if assignment["dueAt"]
        else text("coach.no_due_date")
    )
    return text(
        "coach.assignment_summary",
        set=assignment["setName"],
        due=due,
        not_opened=counts["not_opened"],
        opened=counts["opened"],
        started=counts["started"],
        finished=counts["finished"],
    )


def assignment_frame(assignment: dict, zone: tzinfo, text: Text) -> pd.DataFrame:
    """A row per candidate: where they are, their score, and whether they are overdue."""
    import pandas as pd

    def when(moment: str | None) -> str:
        return (
            local_time(moment, zone).strftime(text("progress.date_format")) if moment else NO_VALUE
        )

    return pd.DataFrame.from_records(
        [
            {
                text("coach.column_candidate"): person["candidateName"],
                text("coach.column_state"): text(f"coach.state_{person['state']}")
                + (f" ({text('coach.overdue_mark')})" if person["overdue"] else ""),
                text("coach.column_overall"): (
                    NO_VALUE if person["overallScore"] is None else str(person["overallScore"])
                ),
                text("coach.column_opened"): when(person["openedAt"]),
                text("coach.column_finished"): when(person["finishedAt"]),
            }
            for person in assignment["candidates"]
        ]
    )


def token_line(token: dict, zone: tzinfo, text: Text) -> str:
    """Who made an API token, when, and when it was last used."""
    used = token["lastUsedAt"]
    return text(
        "api_tokens.line",
        coach=token["coach"],
        made=local_time(token["createdAt"], zone).strftime(text("progress.date_format")),
        used=local_time(used, zone).strftime(text("progress.date_format")) if used else NO_VALUE,
    )


def revoked_tokens_frame(tokens: list[dict], zone: tzinfo, text: Text) -> pd.DataFrame:
    """Revoked API tokens: the record of who had access, and who ended it."""
    import pandas as pd

    def when(moment: str | None) -> str:
        return (
            local_time(moment, zone).strftime(text("progress.date_format")) if moment else NO_VALUE
        )

    return pd.DataFrame.from_records(
        [
            {
                text("api_tokens.column_name"): token["name"],
                text("api_tokens.column_made_by"): token["coach"],
                text("api_tokens.column_made"): when(token["createdAt"]),
                text("api_tokens.column_last_used"): when(token["lastUsedAt"]),
                text("api_tokens.column_revoked"): when(token["revokedAt"]),
                text("api_tokens.column_revoked_by"): token["revokedBy"],
            }
            for token in tokens
        ]
    )
