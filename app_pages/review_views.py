"""A coach's review as the candidate reads it: plain sentences for the report page, the HTML and
PDF downloads and the CSV (pure functions of the report's ``coachReview``; no Streamlit)."""

from html import escape

from app_pages.text import Text


def has_review(report: dict) -> bool:
    return bool(report.get("coachReview"))


def summary_line(report: dict, text: Text) -> str:
    """Who reviewed the report, and the AI's overall score beside the final one."""
    review = report["coachReview"]
    return text(
        "report.reviewed_by",
        coaches=", ".join(review["reviewers"]),
        ai=review["aiOverallScore"],
        final=report["overallScore"],
    )


def session_comments(report: dict) -> list[str]:
    return [_comment(c) for c in (report.get("coachReview") or {}).get("comments", [])]


def question_notes(report: dict, text: Text) -> dict[int, list[str]]:
    """Per question: each score a coach changed (AI -> coach, and why), then their comments."""
    notes: dict[int, list[str]] = {}
    for question in (report.get("coachReview") or {}).get("questions", []):
        lines = [
            text(
                "report.override_note",
                dimension=text(f"dimension.{o['dimension']}"),
                ai=o["aiScore"],
                score=o["score"],
                coach=o["author"],
                reason=o["reason"],
            )
            for o in _in_force(question["overrides"])
        ]
        lines += [_comment(c) for c in question["comments"]]
        notes[question["questionIndex"]] = lines
    return notes


def ai_scores(report: dict) -> dict[int, int]:
    """The AI's score of each question a coach reviewed."""
    questions = (report.get("coachReview") or {}).get("questions", [])
    return {q["questionIndex"]: q["aiScore"] for q in questions}


def _in_force(overrides: list[dict]) -> list[dict]:
    latest = {}
    for override in overrides:  # oldest first: a later change of a dimension replaces it
        latest[override["dimension"]] = override
    return list(latest.values())


def _comment(comment: dict) -> str:
    return f"{comment['author']}: {comment['body']}"


def review_html(report: dict, text: Text) -> str:
    """The review's block for the HTML download (candidate and coach text escaped)."""
    if not has_review(report):
        return ""
    items = [summary_line(report, text), *session_comments(report)]
    lines = "".join(f'<p class="text">{escape(item)}</p>' for item in items)
    return f'<section class="block"><h2>{escape(text("report.coach_review"))}</h2>{lines}</section>'


def notes_html(notes: list[str], text: Text) -> str:
    """A question's coach notes inside its HTML card."""
    if not notes:
        return ""
    items = "".join(f"<li>{escape(note)}</li>" for note in notes)
    return f"<h4>{escape(text('report.coach_notes'))}</h4><ul>{items}</ul>"
