"""The question-set page's tables and texts: pure functions, no Streamlit (tested alone).

A question in the editor is one row; its key points are one cell, separated by " | ", as in a
CSV set file (interview/coaching/set_files.py documents the fields).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from app_pages.text import Text

if TYPE_CHECKING:
    import pandas as pd

COLUMNS = ("text", "category", "difficulty", "type", "key_points", "reference_answer")
DIFFICULTIES = ("junior", "mid", "senior")
KINDS = ("behavioural", "conceptual", "design", "coding")
SEPARATOR = " | "


def _heading(name: str, text: Text) -> str:
    return text(f"qsets.column_{name}")


def questions_frame(questions: list[dict], text: Text) -> pd.DataFrame:
    import pandas as pd

    rows = [
        {
            _heading("text", text): q["text"],
            _heading("category", text): q["category"],
            _heading("difficulty", text): q["difficulty"],
            _heading("type", text): q["type"],
            _heading("key_points", text): SEPARATOR.join(q["key_points"]),
            _heading("reference_answer", text): q["reference_answer"] or "",
        }
        for q in questions
    ]
    return pd.DataFrame(rows, columns=[_heading(name, text) for name in COLUMNS]).astype(object)


def questions_from_frame(frame: pd.DataFrame, text: Text) -> list[dict]:
    """The edited rows as the API takes questions; empty rows (added, never typed in) dropped."""
    questions = []
    for record in frame.to_dict("records"):
        values = {name: _cell(record.get(_heading(name, text))) for name in COLUMNS}
        if not any(values.values()):
            continue
        points = [p.strip() for p in (values["key_points"] or "").split("|") if p.strip()]
        questions.append({**values, "key_points": points})
    return questions


def _cell(value: object) -> str | None:
    if value is None or (isinstance(value, float) and value != value):  # NaN: an empty cell
        return None
    text = str(value).strip()
    return text or None


def problems_frame(problems: list[dict], text: Text) -> pd.DataFrame:
    import pandas as pd

    return pd.DataFrame(
        [
            {
                text("qsets.problem_row"): "" if p["row"] is None else str(p["row"]),
                text("qsets.problem_column"): p["column"] or "",
                text("qsets.problem"): p["message"],
            }
            for p in problems
        ]
    )


def links_text(links: list[dict], origin: str) -> str:
    """One line per candidate: their name and their own link (to copy into a message)."""
    return "\n".join(
        f"{link['candidateName']}: {origin}/assignment?invite={link['token']}" for link in links
    )
