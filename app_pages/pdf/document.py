"""The interview report as a PDF: a pure function of the Report dict (API.md), no Streamlit.

sections.py lays the report out (layout.py's primitives, font.py's metrics); this module adds
each page's running header and footer and renders the operations with fpdf2. fpdf2 and fontTools
are imported inside the functions that use them, so importing this module costs nothing.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app_pages.pdf.font import FONT_FAMILY, clean, truetype_font
from app_pages.pdf.layout import (
    FOOTER_Y,
    HEADER_Y,
    LEFT,
    MUTED,
    PT,
    RULE,
    SMALL,
    WIDTH,
    Layout,
)
from app_pages.pdf.sections import layout_report, moment

if TYPE_CHECKING:
    from app_pages.text import Text

PDF_LANGUAGES = {"en": "en", "zh": "zh-CN"}


def _rgb(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    return int(colour[0:2], 16), int(colour[2:4], 16), int(colour[4:6], 16)


def _draw(pdf: Any, operation: tuple) -> None:
    kind, *arguments = operation
    if kind == "text":
        x, y, w, h, s, size, colour, bold, align = arguments
        pdf.set_font(FONT_FAMILY, size=size)
        pdf.set_text_color(*_rgb(colour))
        if bold:  # the font has no bold weight: fill and stroke the glyphs in the text colour
            pdf.text_mode = "FILL_STROKE"
            pdf.set_draw_color(*_rgb(colour))
            pdf.set_line_width(size * 0.012)
        if align != "L":
            free = w - pdf.get_string_width(s)
            x += free if align == "R" else free / 2
        # The baseline where fpdf2's cell() would put it; text() skips cell()'s line layout.
        pdf.text(x, y + 0.5 * h + 0.3 * size * PT, s)
        if bold:
            pdf.text_mode = "FILL"
    elif kind == "rect":
        x, y, w, h, fill, stroke, line, rounded = arguments
        if fill:
            pdf.set_fill_color(*_rgb(fill))
        if stroke:
            pdf.set_draw_color(*_rgb(stroke))
            pdf.set_line_width(line)
        style = ("F" if fill else "") + ("D" if stroke else "")
        pdf.rect(x, y, w, h, style=style, round_corners=rounded, corner_radius=1.5)
    else:
        x1, y1, x2, y2, colour, line, dashed = arguments
        pdf.set_draw_color(*_rgb(colour))
        pdf.set_line_width(line)
        if dashed:
            pdf.set_dash_pattern(dash=0.6, gap=0.6)
        pdf.line(x1, y1, x2, y2)
        if dashed:
            pdf.set_dash_pattern()


def _page_furniture(layout: Layout, running_header: str) -> list[list[tuple]]:
    """Each page's running header (from page 2) and "Page n of N" footer."""
    total = len(layout.pages)
    running_header = layout.fit(running_header, WIDTH, SMALL)
    furniture = []
    for number in range(1, total + 1):
        footer = layout.text("pdf.page", page=number, pages=total)
        operations = [("text", LEFT, FOOTER_Y, WIDTH, 5.0, footer, SMALL, MUTED, False, "C")]
        if number > 1:
            operations += [
                ("text", LEFT, HEADER_Y, WIDTH, 4.0, running_header, SMALL, MUTED, False, "L"),
                ("line", LEFT, HEADER_Y + 5, LEFT + WIDTH, HEADER_Y + 5, RULE, 0.2, False),
            ]
        furniture.append(operations)
    return furniture


def _render(layout: Layout, furniture: list[list[tuple]], info: dict) -> bytes:
    import tempfile

    from fpdf import FPDF

    pages = [[*ops, *extra] for ops, extra in zip(layout.pages, furniture, strict=True)]
    characters = {ord(c) for ops in pages for op in ops if op[0] == "text" for c in op[5]}
    font = truetype_font(characters, layout.proportional)
    with tempfile.TemporaryDirectory(prefix="rehearse-pdf-") as directory:
        font_path = Path(directory) / f"{FONT_FAMILY}.ttf"  # fpdf2 reads fonts from files only
        font_path.write_bytes(font)
        pdf = FPDF(orientation="portrait", unit="mm", format="A4")
        pdf.set_auto_page_break(False)  # the layout has placed every line already
        pdf.alias_nb_pages(None)  # so "{nb}" in an answer stays text, not the page count
        pdf.add_font(FONT_FAMILY, "", str(font_path))
        _keep_glyph_data(pdf)
        pdf.set_title(info["title"])
        pdf.set_subject(info["subject"])
        pdf.set_creator("Rehearse")
        pdf.set_lang(info["language"])
        if info["created"]:
            pdf.set_creation_date(info["created"])
        for operations in pages:
            pdf.add_page()
            for operation in operations:
                _draw(pdf, operation)
        return bytes(pdf.output())


def _keep_glyph_data(pdf: Any) -> None:
    """fpdf2 subsets the font again on output. Our font's bounding boxes and maxp are right
    already, so fontTools may copy each glyph's data instead of recompiling it (half the time)."""
    font = pdf.fonts.get(FONT_FAMILY.lower())
    if font is not None and hasattr(font, "ttfont"):
        font.ttfont.recalcBBoxes = False


def _metadata_text(value: object) -> str:
    return "".join(c for c in str(value) if unicodedata.category(c) not in ("Cc", "Cf"))


def report_pdf(report: dict, text: Text, meta: dict | None = None) -> bytes:
    """The report as an A4 PDF, its labels in text's language (English or Simplified Chinese).

    meta may replace what the line under the title shows: "candidate" (a name), "track" (say
    the track's title instead of its id) and "date" (already formatted). By default they are
    the report's candidateName, role and generatedAt (as 2025-06-01 14:05 UTC). Everything the
    candidate wrote is printed literally, as plain text.
    """
    meta = meta or {}
    created = moment(report.get("generatedAt"))
    date = created.strftime("%Y-%m-%d %H:%M UTC") if created else report.get("generatedAt")
    candidate = meta.get("candidate") or report.get("candidateName") or ""
    shown = {
        "candidate": clean(candidate),
        "track": clean(meta.get("track") or report.get("role")),
        "date": clean(meta.get("date") or date),
    }
    layout = layout_report(report, text, shown)
    running_header = clean(text("pdf.running_header", candidate=shown["candidate"]))
    info = {
        "title": _metadata_text(text("pdf.document_title", candidate=candidate)),
        "subject": text("pdf.subject"),
        "language": PDF_LANGUAGES.get(text.language, text.language),
        "created": created,
    }
    return _render(layout, _page_furniture(layout, running_header), info)
