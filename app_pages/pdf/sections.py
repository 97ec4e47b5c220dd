"""The report's sections laid out on A4: header, summary, charts, lists, every question.

The same content as report_views.report_html: the summary, the rubric dimensions, the question
and category scores as horizontal bars (scores printed as numbers, the band colours only a
second cue), strengths and improvements, then every question with the candidate's answer
printed literally, its dimension scores and evidence, the feedback and the reference answer.
Every label comes from the catalogue's pdf section, in the Text's language.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from app_pages import report_views, review_views
from app_pages.pdf.font import clean
from app_pages.pdf.layout import (
    BAR_ROW,
    BODY,
    BOX,
    FIGURE,
    FLAG,
    H3,
    LABEL,
    LEFT,
    MUTED,
    OUTLINE,
    RULE,
    SMALL,
    TITLE,
    TRACK,
    WIDTH,
    Layout,
    line_height,
)
from app_pages.report_views import BAND_COLOURS
from interview.scoring.rubric import BANDS, band_of

if TYPE_CHECKING:
    from app_pages.text import Text


def moment(value: object) -> datetime | None:
    """An ISO 8601 time with its zone, in UTC; None for anything else."""
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        return None
    return moment.astimezone(UTC) if moment.utcoffset() is not None else None


def _header(layout: Layout, report: dict, shown: dict[str, str]) -> None:
    """The title, and a line naming the candidate, the track, the date and the evaluator."""
    text = layout.text
    height = line_height(TITLE)
    layout.draw_text(LEFT, layout.y, WIDTH, height, text("pdf.title"), TITLE, bold=True)
    layout.y += height + 1.0
    evaluator = (report.get("evaluator") or {}).get("name")
    parts = [
        text("pdf.candidate", name=shown["candidate"]) if shown.get("candidate") else "",
        text("pdf.track", track=shown["track"]) if shown.get("track") else "",
        text("pdf.generated", date=shown["date"]) if shown.get("date") else "",
        text("pdf.evaluator", name=evaluator) if evaluator else "",
    ]
    line = text("pdf.separator").join(part for part in parts if part)
    layout.paragraph(clean(line), size=LABEL, colour=MUTED)
    layout.y += 3.0


def _summary(layout: Layout, report: dict) -> None:
    """Three boxes (the overall score, its band, how many answered), the overall feedback."""
    text = layout.text
    gap, height, padding = 4.0, 21.0, 4.0
    box = (WIDTH - 2 * gap) / 3
    inner = box - 2 * padding
    label_height, value_height = line_height(LABEL), line_height(FIGURE)
    score = int(report["overallScore"])
    band = report.get("band") or band_of(score)
    top, value_y = layout.y, layout.y + 2.5 + label_height
    labels = ("pdf.overall_score", "pdf.band", "pdf.answered")
    for index, key in enumerate(labels):
        x = LEFT + index * (box + gap)
        layout.draw_rect(x, top, box, height, stroke=BOX, line=0.3, rounded=True)
        layout.draw_text(x + padding, top + 2.5, inner, label_height, text(key), LABEL, MUTED)
    # The score, and "/ 100" after it.
    x = LEFT + padding
    number = str(score)
    layout.draw_text(x, value_y, inner, value_height, number, FIGURE, bold=True)
    after = x + layout.width(number, FIGURE) + 1.5
    layout.draw_text(after, value_y + 1.2, 20, value_height, text("pdf.out_of"), BODY, MUTED)
    # The band: a swatch of its colour, then its name.
    x, swatch = LEFT + box + gap + padding, 5.0
    fill = BAND_COLOURS.get(band, TRACK)
    swatch_y = value_y + (value_height - swatch) / 2
    layout.draw_rect(x, swatch_y, swatch, swatch, fill=fill, stroke=OUTLINE)
    name = layout.fit(layout.band(band), inner - swatch - 2, FIGURE)
    layout.draw_text(
        x + swatch + 2, value_y, inner - swatch - 2, value_height, name, FIGURE, bold=True
    )
    # How many of the questions were answered.
    x = LEFT + 2 * (box + gap) + padding
    answered = report_views.answered_line(report, text)
    fitted = layout.fit(answered, inner, FIGURE)
    layout.draw_text(x, value_y, inner, value_height, fitted, FIGURE, bold=True)
    layout.y = top + height + 4.0
    if report.get("overallFeedback"):
        layout.paragraph(clean(report["overallFeedback"]))


def _charts(layout: Layout, report: dict) -> None:
    text = layout.text
    keep = 3 * BAR_ROW
    edges = ", ".join(str(edge) for edge, _ in sorted(BANDS) if edge > 0)
    layout.heading(text("pdf.dimensions"), keep)
    layout.paragraph(text("pdf.chart_note", edges=edges), size=SMALL, colour=MUTED)
    layout.y += 1.0
    layout.bar_chart(
        [(layout.dimension(d["dimension"]), d["score"]) for d in report["dimensionScores"]]
    )
    layout.heading(text("pdf.question_scores"), keep)
    details = report["questionDetails"]
    layout.bar_chart([(layout.question_label(d), d["score"]) for d in details])
    layout.heading(text("pdf.category_scores"), keep)
    layout.bar_chart([(clean(c["category"]), c["score"]) for c in report["categoryScores"]])


def _lists(layout: Layout, report: dict) -> None:
    """Strengths, improvements, and the integrity flags if there are any."""
    text = layout.text
    keep = 2 * line_height(BODY)
    layout.heading(text("pdf.strengths"), keep)
    layout.bullets(report["strengths"])
    layout.heading(text("pdf.improvements"), keep)
    layout.bullets(report["improvements"])
    flags = report.get("integrityFlags") or []
    if flags:
        layout.heading(text("pdf.integrity"), keep)
        items = report_views.integrity_items(report, text)
        layout.bullets(items, colour=FLAG)


def _question_heading(layout: Layout, detail: dict, keep: float) -> None:
    """A band-coloured mark, "Q1 follow-up: Category", the score and band at the right;
    on the same page as the `keep` mm after it."""
    score = detail["score"]
    height = line_height(H3)
    layout.y += 5.0
    layout.ensure(height + 1.0 + keep)
    right = layout.score_band(score)
    right_width = layout.width(right, H3) + 4.0
    title = layout.text(
        "pdf.question_title",
        label=layout.question_label(detail),
        category=clean(detail["category"]),
    )
    title = layout.fit(title, WIDTH - 5.0 - right_width, H3)
    layout.draw_rect(LEFT, layout.y, 2.5, height, fill=BAND_COLOURS[band_of(score)])
    layout.draw_text(LEFT + 5.0, layout.y, WIDTH - 5.0, height, title, H3, bold=True)
    layout.draw_text(LEFT, layout.y, WIDTH, height, right, H3, bold=True, align="R")
    layout.y += height + 0.5
    layout.draw_line(LEFT, layout.y, LEFT + WIDTH, layout.y, RULE, 0.3)
    layout.y += 0.5


def _coach_review(layout: Layout, report: dict) -> None:
    """Who reviewed the report, the AI's overall score beside the final one, their comments."""
    if not review_views.has_review(report):
        return
    text = layout.text
    layout.heading(text("report.coach_review"), 2 * line_height(BODY))
    layout.paragraph(clean(review_views.summary_line(report, text)))
    comments = [clean(comment) for comment in review_views.session_comments(report)]
    if comments:
        layout.bullets(comments)


def _question(
    layout: Layout, detail: dict, reference: dict, flags: list[dict], notes: list[str]
) -> None:
    """One question: its heading, the question, the answer, the dimension scores with their
    evidence, the feedback, the reference answer and key points, the integrity flags."""
    text = layout.text
    label_height = line_height(LABEL) + 1.5
    question = clean(detail["question"])
    # The heading never sits alone: its label and the question's first lines come with it.
    _question_heading(layout, detail, label_height + layout.first_lines(question, 3))
    layout.label(text("pdf.question"), layout.first_lines(question, 2))
    layout.paragraph(question)

    answer = clean(detail["userAnswer"])
    layout.label(text("pdf.answer"), layout.first_lines(answer or "-", 2, WIDTH - 4))
    if answer:
        layout.paragraph(answer, x=LEFT + 4, width=WIDTH - 4, rule=RULE)
    else:
        layout.paragraph(text("pdf.not_answered"), colour=MUTED)
    if detail["dimensions"]:
        _dimension_rows(layout, detail["dimensions"])

    sections = [
        ("pdf.feedback", clean(detail.get("feedback"))),
        ("pdf.reference_answer", clean(reference.get("referenceAnswer"))),
    ]
    for key, paragraph in sections:
        if paragraph:
            layout.label(text(key), layout.first_lines(paragraph, 2))
            layout.paragraph(paragraph)
    points = [clean(point) for point in reference.get("keyPoints") or []]
    if points:
        layout.label(text("pdf.key_points"), layout.first_lines(points[0], 1))
        layout.bullets(points)
    if flags:
        items = [_flag(layout, flag) for flag in flags]
        layout.label(text("pdf.integrity"), layout.first_lines(items[0], 1))
        layout.bullets(items, colour=FLAG)
    if notes:
        items = [clean(note) for note in notes]
        layout.label(text("report.coach_notes"), layout.first_lines(items[0], 1))
        layout.bullets(items)


def _flag(layout: Layout, flag: dict) -> str:
    key = f"pdf.flag_{flag['kind']}"
    kind = layout.text(key) if layout.text.has(key) else str(flag["kind"]).replace("_", " ")
    return clean(layout.text("pdf.flag", kind=kind, detail=flag["detail"]))


def _dimension_rows(layout: Layout, dimensions: list[dict]) -> None:
    """Per dimension: its name, a small 0-100 bar, the score, then the evidence quoted."""
    name_width, bar_width, score_width = 34.0, 26.0, 9.0
    evidence_x = LEFT + name_width + bar_width + score_width + 4.0
    evidence_width = LEFT + WIDTH - evidence_x
    height = line_height(LABEL)
    bar_height = 2.6
    layout.label(layout.text("pdf.dimension_scores"), height)
    for dimension in dimensions:
        layout.ensure(height)
        row, score = layout.y, dimension["score"]
        name = layout.fit(layout.dimension(dimension["dimension"]), name_width - 2, LABEL)
        layout.draw_text(LEFT, row, name_width, height, name, LABEL)
        bar_x, bar_y = LEFT + name_width, row + (height - bar_height) / 2
        layout.draw_rect(bar_x, bar_y, bar_width, bar_height, fill=TRACK)
        if score > 0:
            length = bar_width * min(score, 100) / 100
            layout.draw_rect(bar_x, bar_y, length, bar_height, fill=BAND_COLOURS[band_of(score)])
        score_x = bar_x + bar_width + 1.0
        layout.draw_text(score_x, row, score_width, height, str(score), LABEL, align="R")
        evidence = clean(dimension.get("evidence"))
        if evidence:
            quoted = f"“{evidence}”"
            layout.paragraph(quoted, x=evidence_x, width=evidence_width, size=LABEL, colour=MUTED)
        else:
            layout.y += height
        layout.y += 0.6


def _rubric(layout: Layout, report: dict) -> None:
    """What each dimension rewards and weighs, and the bands: how to read every number."""
    text = layout.text
    layout.heading(text("report.rubric_title"), 3 * line_height(BODY))
    items = [
        f"{name} ({weight}): {meaning}"
        for name, meaning, weight in report_views.rubric_rows(report, text)
    ]
    layout.bullets(items)
    layout.paragraph(clean(report_views.bands_line(report, text)), size=SMALL, colour=MUTED)


def layout_report(report: dict, text: Text, shown: dict[str, str]) -> Layout:
    layout = Layout(text)
    layout.labels = report_views.question_labels(report["questionDetails"], text)
    _header(layout, report, shown)
    _summary(layout, report)
    _coach_review(layout, report)
    _charts(layout, report)
    _lists(layout, report)
    _rubric(layout, report)
    details = report["questionDetails"]
    references = {r["questionIndex"]: r for r in report.get("referenceAnswers") or []}
    flags: dict[int, list[dict]] = {}
    for flag in report.get("integrityFlags") or []:
        flags.setdefault(flag["questionIndex"], []).append(flag)
    notes = review_views.question_notes(report, text)
    if details:
        layout.heading(text("pdf.questions"), keep=25.0)
    for detail in details:
        index = detail["questionIndex"]
        reference = references.get(index) or {}
        _question(layout, detail, reference, flags.get(index, []), notes.get(index, []))
    return layout
