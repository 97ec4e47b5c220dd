"""Layout primitives for the PDF: the A4 page, type sizes and colours, wrapped text, bars.

Layout comes first, in millimetres, on the font's own advance widths: a list of drawing
operations per page. So the page count is known before anything is drawn ("Page 2 of 5"), and
the characters to embed are exactly those drawn (document.py renders the operations).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from app_pages.pdf import font
from app_pages.pdf.font import clean
from app_pages.report_views import BAND_COLOURS
from interview.scoring.rubric import BANDS, band_of

if TYPE_CHECKING:
    from app_pages.text import Text

# A4 in millimetres: the content box, and where the running header and the footer sit.
PAGE_WIDTH, PAGE_HEIGHT = 210.0, 297.0
LEFT = 18.0
WIDTH = PAGE_WIDTH - 2 * LEFT
TOP = 20.0
BOTTOM = PAGE_HEIGHT - 20.0
HEADER_Y = 9.0
FOOTER_Y = PAGE_HEIGHT - 13.0
PT = 25.4 / 72  # millimetres per point
LEADING = 1.5  # line height as a multiple of the font size

TITLE, FIGURE, H2, H3, BODY, LABEL, SMALL = 20.0, 18.0, 13.0, 11.5, 10.0, 9.0, 8.0
INK = "#1C2333"
MUTED = "#5A6270"
BOX = "#999999"
RULE = "#C8CCD2"
TRACK = "#ECEEF2"
OUTLINE = "#333333"
FLAG = "#A93226"

# Bar charts: the labels, a 0-100 track, then the score and band as text.
CHART_LABEL = 44.0
CHART_TRACK = 90.0
CHART_GAP = 3.0
BAR_ROW = 6.5
BAR_HEIGHT = 4.0

# CJK text breaks between any two characters; other text breaks at spaces.
_CJK = "\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003ffff"
_TOKEN = re.compile(f"[{_CJK}]| +|[^ {_CJK}]+")
# Closing punctuation hangs past the right edge rather than start a line.
_NO_LINE_START = frozenset("，。、；：？！）》」』】〕〉”’…,.;:!?)]}%")


def line_height(size: float) -> float:
    return size * PT * LEADING


class Layout:
    """Places text and shapes on pages, in millimetres; nothing is drawn until rendering."""

    def __init__(self, text: Text) -> None:
        self.text = text
        self.proportional = text.language != "zh"
        self.advances = font.advances(self.proportional)
        self.pages: list[list[tuple]] = [[]]
        self.labels: dict[int, str] = {}
        self.y = TOP

    # measuring

    def width(self, s: str, size: float) -> float:
        advances = self.advances
        return sum(advances.get(ord(c), 1.0) for c in s) * size * PT

    def fit(self, s: str, width: float, size: float) -> str:
        """The text, cut short with an ellipsis if it is wider than width."""
        if self.width(s, size) <= width:
            return s
        while s and self.width(s + "…", size) > width:
            s = s[:-1]
        return s.rstrip() + "…"

    def wrap(self, s: str, width: float, size: float) -> list[str]:
        """Lines at most width wide: breaks at spaces and between CJK characters, inside a
        word only when the word is wider than a line. Every \\n starts a line."""
        lines: list[str] = []
        for paragraph in s.split("\n"):
            line, used, wrapped = "", 0.0, False
            for token in _TOKEN.findall(paragraph):
                size_of = self.width(token, size)
                if token[0] == " ":
                    if wrapped and not line:
                        continue  # a wrapped line starts with its next word
                    if used + size_of > width:
                        lines.append(line.rstrip())
                        line, used, wrapped = "", 0.0, True
                    else:
                        line, used = line + token, used + size_of
                    continue
                if used + size_of <= width or (line and token in _NO_LINE_START):
                    line, used = line + token, used + size_of
                    continue
                if line.strip():
                    lines.append(line.rstrip())
                    line, used, wrapped = "", 0.0, True
                if used + size_of <= width:
                    line, used = line + token, used + size_of
                    continue
                for character in token:  # a word wider than a line: break it anywhere
                    step = self.width(character, size)
                    if line and used + step > width:
                        lines.append(line)
                        line, used, wrapped = "", 0.0, True
                    line, used = line + character, used + step
            lines.append(line.rstrip())
        return lines

    # pages and drawing operations

    def new_page(self) -> None:
        self.pages.append([])
        self.y = TOP

    def ensure(self, height: float) -> None:
        """A new page unless height fits below y (a block taller than a page just flows)."""
        if self.y + height > BOTTOM and self.y > TOP:
            self.new_page()

    def draw_text(self, x, y, w, h, s, size, colour=INK, bold=False, align="L") -> None:
        if s:
            self.pages[-1].append(("text", x, y, w, h, s, size, colour, bold, align))

    def draw_rect(self, x, y, w, h, fill=None, stroke=None, line=0.2, rounded=False) -> None:
        self.pages[-1].append(("rect", x, y, w, h, fill, stroke, line, rounded))

    def draw_line(self, x1, y1, x2, y2, colour=RULE, line=0.2, dashed=False) -> None:
        self.pages[-1].append(("line", x1, y1, x2, y2, colour, line, dashed))

    # blocks

    def paragraph(self, s, *, x=LEFT, width=WIDTH, size=BODY, colour=INK, rule=None) -> None:
        """Wrapped text flowing onto the next page; rule draws a bar left of every line."""
        height = line_height(size)
        for line in self.wrap(s, width, size):
            self.ensure(height)
            self.draw_text(x, self.y, width, height, line, size, colour)
            if rule:
                self.draw_line(x - 3, self.y, x - 3, self.y + height, rule, 0.7)
            self.y += height

    def first_lines(self, s: str, most: int, width: float = WIDTH, size: float = BODY) -> float:
        """The height of a paragraph's first `most` lines."""
        return min(len(self.wrap(s, width, size)), most) * line_height(size)

    def heading(self, title: str, keep: float) -> None:
        """A section heading ruled under, on the same page as the `keep` mm after it."""
        height = line_height(H2)
        self.y += 4.0
        self.ensure(height + 2.0 + keep)
        self.draw_text(LEFT, self.y, WIDTH, height, title, H2, bold=True)
        self.y += height
        self.draw_line(LEFT, self.y, LEFT + WIDTH, self.y, RULE, 0.3)
        self.y += 2.0

    def label(self, title: str, keep: float) -> None:
        """A small label, on the same page as the `keep` mm after it."""
        height = line_height(LABEL)
        self.y += 1.5
        self.ensure(height + keep)
        self.draw_text(LEFT, self.y, WIDTH, height, title, LABEL, MUTED, bold=True)
        self.y += height

    def bullets(self, items: list[str], colour: str = INK) -> None:
        if not items:
            self.paragraph(self.text("pdf.none"), colour=MUTED)
        height = line_height(BODY)
        for item in items:
            self.ensure(height)
            self.draw_text(LEFT + 1.5, self.y, 4, height, "•", BODY, colour)
            self.paragraph(clean(item), x=LEFT + 6, width=WIDTH - 6, colour=colour)
            self.y += 0.8

    def bar_chart(self, rows: list[tuple[str, int]]) -> None:
        """Horizontal 0-100 bars coloured by band, the band edges dotted across, the score and
        band printed after each bar, the edges numbered under the chart."""
        track_x = LEFT + CHART_LABEL + CHART_GAP
        value_x = track_x + CHART_TRACK + CHART_GAP
        value_width = LEFT + WIDTH - value_x
        height = line_height(LABEL)
        edges = sorted(edge for edge, _ in BANDS if edge > 0)
        for label, score in rows:
            self.ensure(BAR_ROW)
            top = self.y + (BAR_ROW - BAR_HEIGHT) / 2
            text_y = self.y + (BAR_ROW - height) / 2
            fitted = self.fit(label, CHART_LABEL, LABEL)
            self.draw_text(LEFT, text_y, CHART_LABEL, height, fitted, LABEL, align="R")
            self.draw_rect(track_x, top, CHART_TRACK, BAR_HEIGHT, fill=TRACK)
            if score > 0:
                length = CHART_TRACK * min(score, 100) / 100
                colour = BAND_COLOURS[band_of(score)]
                self.draw_rect(track_x, top, length, BAR_HEIGHT, fill=colour, stroke=OUTLINE)
            for edge in edges:
                x = track_x + CHART_TRACK * edge / 100
                self.draw_line(x, self.y, x, self.y + BAR_ROW, MUTED, 0.15, dashed=True)
            value = self.fit(self.score_band(score), value_width, LABEL)
            self.draw_text(value_x, text_y, value_width, height, value, LABEL)
            self.y += BAR_ROW
        self.ensure(height)
        for tick in (0, *edges, 100):
            x = track_x + CHART_TRACK * tick / 100
            self.draw_text(x - 5, self.y, 10, height, str(tick), SMALL, MUTED, align="C")
        self.y += height

    # words

    def band(self, band: str) -> str:
        key = f"pdf.band_{band.replace(' ', '_')}"
        return self.text(key) if self.text.has(key) else band

    def score_band(self, score: int) -> str:
        return self.text("pdf.score_band", score=score, band=self.band(band_of(score)))

    def dimension(self, dimension: str) -> str:
        key = f"pdf.dimension_{dimension}"
        return self.text(key) if self.text.has(key) else dimension.replace("_", " ").capitalize()

    def question_label(self, detail: dict) -> str:
        """The question as the interview numbered it ("Q2", "Q2 follow-up"; labels is set by
        sections.layout_report from the whole report)."""
        return self.labels.get(detail["questionIndex"], str(detail["questionIndex"] + 1))
